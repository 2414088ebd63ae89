//! A chart that keeps its source: the standalone SVG file gets the index, edition, publisher,
//! source address and licence as small print under the drawing, and the same as RDF / Dublin
//! Core `<metadata>`, so a chart pasted elsewhere still says where it came from.

use std::fmt::Write as _;

use super::draw::PX;
use super::svg::esc;
use super::words::say;
use super::Font;
use crate::i18n::{Lang, Strings};

/// Where a chart's figures come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Credit {
    /// What the figures are: "DTI cấp tỉnh 2022", or a list of indices.
    pub what: String,
    /// Who published them.
    pub publisher: String,
    /// The official page of the figures, else the page of the chart.
    pub source: String,
    pub published: String,
    /// Licence name and address, when the site names one.
    pub license: Option<(String, String)>,
    /// The page the chart belongs to (absolute).
    pub page: String,
}

const LINE: i32 = 16;

/// "Source: {publisher} — {what}" in the theme's words.
pub(crate) fn credit_line(credit: &Credit, strings: &Strings, lang: Lang) -> String {
    say(strings, lang, "chart_credit_source", &[("publisher", &credit.publisher), ("what", &credit.what)])
}

/// The credit's lines as the chart's small print, in the theme's words.
pub(crate) fn lines(credit: &Credit, strings: &Strings, lang: Lang) -> Vec<String> {
    let mut v = vec![credit_line(credit, strings, lang)];
    if credit.source != credit.page {
        v.push(credit.source.clone());
    }
    let license = match &credit.license {
        Some((name, _)) => say(strings, lang, "chart_credit_license", &[("license", name), ("page", &credit.page)]),
        None => say(strings, lang, "chart_credit_no_license", &[("page", &credit.page)]),
    };
    v.push(license);
    v
}

/// `svg` (a chart's root element, as [`super::svg::document`] writes it) made taller by the
/// credit's small print, with the credit as `<metadata>` after its `<desc>`.
pub(crate) fn with_credit(svg: &str, credit: &Credit, font: &Font, strings: &Strings, lang: Lang) -> String {
    let Some(height) = attr(svg, "height").and_then(|h| h.parse::<i32>().ok()) else { return svg.to_string() };
    let Some(width) = attr(svg, "width").and_then(|w| w.parse::<i32>().ok()) else { return svg.to_string() };
    let max = f64::from(width - 16);
    let lines: Vec<String> = lines(credit, strings, lang).iter().flat_map(|l| font.wrap(l, PX - 1.0, max)).collect();
    let new_height = height + 6 + LINE * lines.len() as i32;
    let mut out = svg.replacen(&format!("height=\"{height}\""), &format!("height=\"{new_height}\""), 1).replacen(
        &format!("viewBox=\"0 0 {width} {height}\""),
        &format!("viewBox=\"0 0 {width} {new_height}\""),
        1,
    );
    let mut meta = String::from(
        "<metadata><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">",
    );
    let _ = write!(
        meta,
        "<rdf:Description rdf:about=\"{}\"><dc:title>{}</dc:title><dc:publisher>{}</dc:publisher>\
         <dc:source rdf:resource=\"{}\"/><dc:date>{}</dc:date><dc:language>{}</dc:language>",
        esc(&credit.page),
        esc(&credit.what),
        esc(&credit.publisher),
        esc(&credit.source),
        esc(&credit.published),
        lang.code()
    );
    if let Some((name, url)) = &credit.license {
        let _ = write!(meta, "<dc:rights>{}</dc:rights><dcterms:license rdf:resource=\"{}\"/>", esc(name), esc(url));
    }
    meta.push_str("</rdf:Description></rdf:RDF></metadata>\n");
    if let Some(at) = out.find("</desc>\n") {
        out.insert_str(at + "</desc>\n".len(), &meta);
    }
    let mut print = format!("<g class=\"credit\" fill=\"#595959\" font-size=\"{}\">", PX - 1.0);
    for (n, line) in lines.iter().enumerate() {
        let y = height + 4 + LINE * (n as i32 + 1) - 4;
        let _ = write!(print, "<text x=\"8\" y=\"{y}\">{}</text>", esc(line));
    }
    print.push_str("</g>\n");
    if let Some(at) = out.rfind("</svg>") {
        out.insert_str(at, &print);
    }
    out
}

/// The value of the root element's attribute `name`.
fn attr<'a>(svg: &'a str, name: &str) -> Option<&'a str> {
    let head = &svg[..svg.find('>')?];
    let start = head.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = head[start..].find('"')?;
    Some(&head[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_credit_is_printed_and_in_the_metadata() {
        let svg = super::super::svg::document("c", 328, 100, "T", "D", "<rect/>\n");
        let font = super::super::fixture::font();
        let strings = super::super::fixture::strings();
        let credit = Credit {
            what: "DTI 2022".into(),
            publisher: "Bộ TT&TT".into(),
            source: "https://dti.gov.vn/xep-hang-2022".into(),
            published: "2023-07-12".into(),
            license: Some(("CC BY 4.0".into(), "https://creativecommons.org/licenses/by/4.0/".into())),
            page: "https://example.gov.vn/xep-hang/dti-tinh/2022/".into(),
        };
        let out = with_credit(&svg, &credit, &font, strings, Lang::Vi);
        let h: i32 = attr(&out, "height").and_then(|h| h.parse().ok()).unwrap_or(0);
        assert!(h >= 100 + 3 * LINE, "taller by the small print: {out}");
        assert!(out.contains(&format!("viewBox=\"0 0 328 {h}\"")), "{out}");
        let long = Credit { source: format!("https://example.gov.vn/{}", "a".repeat(120)), ..credit };
        let wrapped = with_credit(&svg, &long, &font, strings, Lang::En);
        assert!(!wrapped.contains('…'), "nothing is shortened: {wrapped}");
        let text: String = wrapped
            .split("<text")
            .skip(1)
            .map(|t| t.split('>').nth(1).unwrap_or("").trim_end_matches("</text"))
            .collect();
        assert!(text.contains(&"a".repeat(120)), "the whole address is printed across lines");
        assert!(out.contains("<dc:publisher>Bộ TT&amp;TT</dc:publisher>"));
        assert!(out.contains("<dcterms:license rdf:resource=\"https://creativecommons.org/licenses/by/4.0/\"/>"));
        assert!(out.contains(">https://dti.gov.vn/xep-hang-2022</text>"));
        assert!(out.contains("CC BY 4.0"));
        assert!(out.ends_with("</g>\n</svg>\n"));
    }
}
