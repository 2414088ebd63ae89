//! SVG text: escaping, ids, numbers, and the accessible root element every chart shares.

use std::fmt::Write as _;

/// The fonts browsers draw chart text with; the theme font only measures it.
pub(crate) const FONT_STACK: &str = "system-ui, 'Noto Sans', 'DejaVu Sans', sans-serif";

/// Escapes text for SVG content and attribute values.
pub(crate) use crate::escape::escape_html as esc;

/// Keeps an id prefix to characters that are safe in ids and URLs.
pub(crate) fn clean_id(prefix: &str) -> String {
    let s: String =
        prefix.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        format!("c{s}")
    } else {
        s
    }
}

/// The whole `<svg>`: accessible root, `<title>` and `<desc>` with ids from `id`, then `body`.
pub(crate) fn document(id: &str, width: u32, height: u32, title: &str, desc: &str, body: &str) -> String {
    let id = clean_id(id);
    let mut out = String::with_capacity(body.len() + title.len() + desc.len() + 400);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{}\" font-size=\"12\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        FONT_STACK,
        esc(title),
        esc(desc)
    );
    out.push_str(body);
    out.push_str("</svg>\n");
    out
}

/// A coordinate or size with at most one decimal, without a trailing `.0`.
pub(crate) fn trim_number(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(esc("A & B <c> \"d\" 'e'"), "A &amp; B &lt;c&gt; &quot;d&quot; &#39;e&#39;");
    }

    #[test]
    fn ids_stay_safe() {
        assert_eq!(clean_id("bars-2022"), "bars-2022");
        assert_eq!(clean_id("2022 <x>"), "c2022--x-");
        assert_eq!(clean_id(""), "c");
    }

    #[test]
    fn numbers_are_rounded_to_a_tenth() {
        assert_eq!(trim_number(12.04), "12");
        assert_eq!(trim_number(3.25), "3.3");
        assert_eq!(trim_number(-0.0), "0");
    }
}
