//! Escaping text for HTML, XML and SVG, the one way every module does it: `& < > " '` become
//! entities, `/` stays as it is (unlike Tera's own escaper), so URLs read normally.

/// Escapes text for element content and quoted attribute values.
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes_but_not_slashes() {
        assert_eq!(
            escape_html("<a href=\"x/y\">Tom & 'Jerry'</a>"),
            "&lt;a href=&quot;x/y&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
    }
}
