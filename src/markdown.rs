//! Markdown to safe HTML: raw HTML escaped unless the site allows it, `javascript:`, `vbscript:`
//! and `data:` links refused with the file and line.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

use crate::diag::{line_of, Diagnostic, Diagnostics};

/// A link target a reader may safely follow.
pub fn safe_url(url: &str) -> bool {
    let lower: String =
        url.trim().chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
    !(lower.starts_with("javascript:") || lower.starts_with("vbscript:") || lower.starts_with("data:"))
}

/// Renders Markdown to HTML. `first_line` is the file line the text starts on.
pub fn render(file: &str, text: &str, first_line: usize, allow_html: bool, diags: &mut Diagnostics) -> String {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(text, opts).into_offset_iter().map(|(ev, range)| match ev {
        Event::Html(s) | Event::InlineHtml(s) if !allow_html => Event::Text(s),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) if !safe_url(&dest_url) => {
            diags.push(
                Diagnostic::error(
                    file,
                    Some(first_line + line_of(text, range.start) - 1),
                    format!("link to `{dest_url}` is refused"),
                )
                .hint("javascript:, vbscript: and data: links are not allowed; link to a web page instead"),
            );
            Event::Start(Tag::Link { link_type, dest_url: CowStr::from("#"), title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) if !safe_url(&dest_url) => {
            diags.push(
                Diagnostic::error(
                    file,
                    Some(first_line + line_of(text, range.start) - 1),
                    format!("image `{dest_url}` is refused"),
                )
                .hint("data: and script addresses are not allowed; put the image in the site and link to it"),
            );
            Event::Start(Tag::Image { link_type, dest_url: CowStr::from(""), title, id })
        }
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_escaped_by_default() {
        let mut d = Diagnostics::default();
        let h = render("a.md", "Hi <script>alert(1)</script>", 1, false, &mut d);
        assert!(h.contains("&lt;script&gt;"), "{h}");
        assert!(!h.contains("<script>"));
        let h = render("a.md", "<b>x</b>", 1, true, &mut d);
        assert!(h.contains("<b>x</b>"));
    }

    #[test]
    fn script_links_are_refused_with_their_line() {
        let mut d = Diagnostics::default();
        let h = render("a.md", "one\n\n[x](javascript:alert(1))", 5, false, &mut d);
        assert!(!h.contains("javascript"), "{h}");
        let s = d.to_string();
        assert!(s.contains("a.md:7: error: link to `javascript:alert(1)` is refused"), "{s}");
        assert!(!safe_url(" JavaScript:x"));
        assert!(!safe_url("data:text/html,x"));
        assert!(safe_url("https://dti.gov.vn/"));
    }
}
