//! HTML minified on its way out, with inline SVG set aside: the charts' drawing backend writes
//! its SVG compact already, and a third of a data page's bytes are charts, so the minifier reads
//! only the rest of the page.

/// The minifier's settings: keep what the W3C checker and old browsers need.
fn cfg() -> minify_html::Cfg {
    minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_doctype: false,
        minify_css: false,
        minify_js: false,
        ..minify_html::Cfg::default()
    }
}

/// What stands in an `<svg>` element's place while the rest of the page is minified.
const MARK: &str = "<svg data-mb-svg></svg>";

/// Minifies one HTML page. Each top-level `<svg>…</svg>` is replaced by a marker, the page is
/// minified, and the SVG put back as it was; a page where the markers do not come back one for
/// one (an `<svg` inside a script, say) is minified whole instead.
pub(crate) fn minify(html: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(html) else { return minify_html::minify(html, &cfg()) };
    let Some((rest, svgs)) = set_aside(text) else { return minify_html::minify(html, &cfg()) };
    if svgs.is_empty() {
        return minify_html::minify(html, &cfg());
    }
    let small = minify_html::minify(rest.as_bytes(), &cfg());
    let Ok(small) = String::from_utf8(small) else { return minify_html::minify(html, &cfg()) };
    let marks: Vec<(usize, &str)> = small.match_indices(MARK).collect();
    if marks.len() != svgs.len() || small.matches("data-mb-svg").count() != svgs.len() {
        return minify_html::minify(html, &cfg());
    }
    let mut out = String::with_capacity(small.len() + svgs.iter().map(|s| s.len()).sum::<usize>());
    let mut at = 0;
    for ((i, mark), svg) in marks.into_iter().zip(svgs) {
        out.push_str(&small[at..i]);
        out.push_str(svg);
        at = i + mark.len();
    }
    out.push_str(&small[at..]);
    out.into_bytes()
}

/// The page with each top-level `<svg …>…</svg>` replaced by `MARK`, and the elements set
/// aside in order; `None` when an element does not close or the page already holds a marker.
fn set_aside(text: &str) -> Option<(String, Vec<&str>)> {
    if text.contains("data-mb-svg") {
        return None;
    }
    let mut rest = String::with_capacity(text.len());
    let mut svgs = Vec::new();
    let mut at = 0;
    while let Some(start) = find_open(text, at) {
        let mut depth = 0usize;
        let mut pos = start;
        let end = loop {
            let open = find_open(text, pos + 1);
            let close = text[pos..].find("</svg>").map(|i| pos + i)?;
            match open {
                Some(o) if o < close => {
                    depth += 1;
                    pos = o;
                }
                _ if depth > 0 => {
                    depth -= 1;
                    pos = close + 1;
                }
                _ => break close + "</svg>".len(),
            }
        };
        rest.push_str(&text[at..start]);
        rest.push_str(MARK);
        svgs.push(&text[start..end]);
        at = end;
    }
    rest.push_str(&text[at..]);
    Some((rest, svgs))
}

/// Where the next `<svg` start tag begins at or after `from` (`<svg>` or `<svg ` only).
fn find_open(text: &str, from: usize) -> Option<usize> {
    let mut from = from;
    while let Some(i) = text.get(from..)?.find("<svg") {
        let at = from + i;
        if matches!(text.as_bytes().get(at + 4), Some(b' ' | b'>' | b'\n' | b'\t')) {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(html: &str) -> String {
        String::from_utf8(minify_html::minify(html.as_bytes(), &cfg())).unwrap()
    }

    #[test]
    fn svg_is_kept_as_written_and_the_rest_minified() {
        let svg = r#"<svg viewBox="0 0 10 10" role="img"><title>A</title><svg x="1"><rect class="f-a"/></svg><text x="1">a  b</text></svg>"#;
        let page = format!("<!DOCTYPE html><html lang=vi><head><title>T</title></head><body>\n  <p class=\"x\">one</p>\n  <figure>{svg}</figure>  <p>two</p>{svg}</body></html>");
        let out = String::from_utf8(minify(page.as_bytes())).unwrap();
        assert_eq!(out.matches(svg).count(), 2, "{out}");
        assert!(out.contains("<p class=x>one</p>"), "{out}");
        // Outside the charts, the same bytes as the whole page minified.
        let without_svg = |s: &str| set_aside(s).unwrap().0;
        assert_eq!(without_svg(&out), without_svg(&whole(&page)));
    }

    #[test]
    fn a_page_the_markers_do_not_fit_is_minified_whole() {
        for page in [
            "<p>a</p><svg viewBox=\"0 0 1 1\"><rect/>",
            "<script>let s = '<svg >';</script><p>a</p>",
            "<p data-mb-svg>x</p><svg><rect/></svg>",
        ] {
            assert_eq!(String::from_utf8(minify(page.as_bytes())).unwrap(), whole(page), "{page}");
        }
    }
}
