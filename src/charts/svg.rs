//! SVG text: escaping, the accessible root element every chart shares, and tidying what
//! plotters writes (defaults dropped, one element a line, dashed strokes restored).

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

/// A colour as `#rrggbb`, or `#rgb` when that says the same.
pub(crate) fn hex(c: plotters::style::RGBColor) -> String {
    short_hex(&format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2))
}

fn short_hex(h: &str) -> String {
    let b = h.as_bytes();
    if b.len() == 7 && b[1] == b[2] && b[3] == b[4] && b[5] == b[6] {
        format!("#{}{}{}", b[1] as char, b[3] as char, b[5] as char)
    } else {
        h.to_string()
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

/// Rewrites plotters' SVG into a body: the root element dropped (see [`document`]), default
/// attributes dropped, the stand-in colours of `dashes` (`#RRGGBB` as plotters writes them,
/// paired with the real colour) turned into dashed strokes, text on one line.
pub(crate) fn tidy(raw: &str, dashes: &[(String, String)], root_px: f64) -> String {
    let mut out = String::with_capacity(raw.len() / 2);
    let mut lines = raw.lines();
    while let Some(line) = lines.next() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("<svg") || line.starts_with("</") {
            continue;
        }
        let Some((name, attrs, closed)) = parse_tag(line) else { continue };
        let attrs = tidy_attrs(name, attrs, dashes, root_px);
        out.push('<');
        out.push_str(name);
        for (k, v) in &attrs {
            let _ = write!(out, " {k}=\"{v}\"");
        }
        if closed {
            out.push_str("/>\n");
        } else {
            // plotters writes an open tag, the escaped content on its own line, then the close.
            out.push('>');
            for inner in lines.by_ref() {
                let inner = inner.trim();
                if inner.starts_with("</") {
                    break;
                }
                out.push_str(inner);
            }
            let _ = writeln!(out, "</{name}>");
        }
    }
    out
}

/// An element's attributes in order, values still escaped.
type Attrs<'a> = Vec<(&'a str, String)>;

/// `<name k="v" …>` or `<name k="v" …/>` into its name, attributes and whether it closes itself.
fn parse_tag(line: &str) -> Option<(&str, Attrs<'_>, bool)> {
    let inner = line.strip_prefix('<')?;
    let (inner, closed) = match inner.strip_suffix("/>") {
        Some(i) => (i, true),
        None => (inner.strip_suffix('>')?, false),
    };
    let (name, mut rest) = inner.split_once(' ').unwrap_or((inner, ""));
    let mut attrs = Vec::new();
    loop {
        rest = rest.trim_start();
        let Some((key, after)) = rest.split_once("=\"") else { break };
        let (value, after) = after.split_once('"')?;
        attrs.push((key.trim(), value.to_string()));
        rest = after;
    }
    Some((name, attrs, closed))
}

fn tidy_attrs<'a>(
    name: &str,
    attrs: Vec<(&'a str, String)>,
    dashes: &[(String, String)],
    root_px: f64,
) -> Vec<(&'a str, String)> {
    let stroke_none = attrs.iter().any(|(k, v)| *k == "stroke" && v == "none");
    let mut out: Vec<(&str, String)> = Vec::with_capacity(attrs.len() + 1);
    let mut dashed = false;
    for (k, v) in attrs {
        match k {
            "opacity" if v == "1" => continue,
            "font-family" => continue,
            "text-anchor" if v == "start" => continue,
            "stroke" if v == "none" && name != "polyline" => continue,
            "stroke-width" if stroke_none => continue,
            "fill" if name == "text" && v == "#000000" => continue,
            "font-size" => {
                let px = v.parse::<f64>().map(|p| (p * 10.0).round() / 10.0).unwrap_or(root_px);
                if (px - root_px).abs() < 0.05 {
                    continue;
                }
                out.push((k, trim_number(px)));
                continue;
            }
            "points" => {
                out.push((k, v.trim_end().to_string()));
                continue;
            }
            "stroke" | "fill" => {
                if let Some((_, real)) = dashes.iter().find(|(s, _)| *s == v) {
                    dashed |= k == "stroke";
                    out.push((k, real.clone()));
                } else {
                    out.push((k, colour(&v)));
                }
                continue;
            }
            _ => {}
        }
        out.push((k, v));
    }
    if dashed {
        out.push(("stroke-dasharray", "6 4".to_string()));
    }
    out
}

fn colour(v: &str) -> String {
    if v.len() == 7 && v.starts_with('#') {
        short_hex(&v.to_ascii_lowercase())
    } else {
        v.to_string()
    }
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
    fn tidies_plotters_output() {
        let raw = "<svg width=\"10\" height=\"10\" viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\">\n\
<rect x=\"0\" y=\"0\" width=\"5\" height=\"5\" opacity=\"1\" fill=\"#FFFFFF\" stroke=\"none\"/>\n\
<polyline fill=\"none\" opacity=\"1\" stroke=\"#0072B3\" stroke-width=\"2\" points=\"1,2 3,4 \"/>\n\
<text x=\"1\" y=\"2\" dy=\"0.5ex\" text-anchor=\"start\" font-family=\"minhbach-chart\" font-size=\"12.000000000000002\" opacity=\"1\" fill=\"#000000\">\n\
A &amp; B\n\
</text>\n\
</svg>\n";
        let dashes = vec![("#0072B3".to_string(), "#0072b2".to_string())];
        let body = tidy(raw, &dashes, 12.0);
        assert_eq!(
            body,
            "<rect x=\"0\" y=\"0\" width=\"5\" height=\"5\" fill=\"#fff\"/>\n\
<polyline fill=\"none\" stroke=\"#0072b2\" stroke-width=\"2\" points=\"1,2 3,4\" stroke-dasharray=\"6 4\"/>\n\
<text x=\"1\" y=\"2\" dy=\"0.5ex\">A &amp; B</text>\n"
        );
    }

    #[test]
    fn numbers_are_rounded_to_a_tenth() {
        assert_eq!(trim_number(12.04), "12");
        assert_eq!(trim_number(3.25), "3.3");
        assert_eq!(trim_number(-0.0), "0");
    }
}
