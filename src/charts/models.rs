//! Exemplary models per competition content per year: a grid of counts, one row a content,
//! one column a year, each cell's number written in it (so colour is never the only cue).

use std::fmt::Write as _;

use super::svg::{document, esc};
use super::words::say;
use super::{Chart, ChartResult, Font, Table};
use crate::i18n::{Lang, Strings};
use crate::model::{Content, Site};

const WIDTH: u32 = 328;
const LABEL: f64 = 16.0;
const CELL_H: f64 = 26.0;
const GAP: f64 = 8.0;
/// Light to dark blue, readable in greyscale; the number in the cell says the same.
const FILLS: [&str; 4] = ["#dbe9f6", "#9ecae1", "#4292c6", "#08519c"];

/// The grid, its labels fitted with `font`, or `None` when the site has no models.
pub(crate) fn models_grid(font: &Font, strings: &Strings, site: &Site, lang: Lang, id: &str) -> ChartResult {
    if site.honours.is_empty() {
        return Ok(None);
    }
    let mut years: Vec<i32> = site.honours.iter().map(|h| h.year).collect();
    years.sort();
    years.dedup();
    let count = |c: usize, y: i32| site.honours.iter().filter(|h| h.content == Content::ALL[c] && h.year == y).count();
    let max = Content::ALL
        .iter()
        .enumerate()
        .flat_map(|(c, _)| years.iter().map(move |&y| (c, y)))
        .map(|(c, y)| count(c, y))
        .max()
        .unwrap_or(0)
        .max(1);
    let name = |c: usize| strings.get(lang, &format!("content_{}", Content::ALL[c].key())).to_string();
    let cols = years.len().max(1) as f64;
    let cell_w = ((f64::from(WIDTH) - 8.0) / cols).min(90.0);
    let top = 22.0;
    let row_h = LABEL + CELL_H + GAP;
    let height = (top + row_h * Content::ALL.len() as f64 + 4.0).ceil() as u32;

    let mut body = String::new();
    for (j, y) in years.iter().enumerate() {
        let x = 4.0 + cell_w * j as f64 + cell_w / 2.0;
        let _ = writeln!(body, "<text x=\"{x:.0}\" y=\"14\" text-anchor=\"middle\" font-weight=\"bold\">{y}</text>");
    }
    let mut said = Vec::new();
    let mut rows = Vec::new();
    for c in 0..Content::ALL.len() {
        let y0 = top + row_h * c as f64;
        let label = font.fit(&name(c), 12.0, f64::from(WIDTH) - 8.0);
        let _ = writeln!(body, "<text x=\"4\" y=\"{:.0}\">{}</text>", y0 + 12.0, esc(&label));
        let mut row = vec![name(c)];
        for (j, &y) in years.iter().enumerate() {
            let n = count(c, y);
            let x = 4.0 + cell_w * j as f64;
            let cy = y0 + LABEL;
            if n == 0 {
                let _ = writeln!(body, "<rect x=\"{x:.0}\" y=\"{cy:.0}\" width=\"{:.0}\" height=\"{CELL_H:.0}\" fill=\"#fff\" stroke=\"#8a949e\" stroke-dasharray=\"3 2\"/>", cell_w - 4.0);
                let _ = writeln!(
                    body,
                    "<text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"middle\" fill=\"#4a5560\">0</text>",
                    x + (cell_w - 4.0) / 2.0,
                    cy + 17.0
                );
            } else {
                let level = ((n * FILLS.len()).div_ceil(max)).clamp(1, FILLS.len()) - 1;
                let ink = if level >= 2 { "#fff" } else { "#1b1f24" };
                let _ = writeln!(
                    body,
                    "<rect x=\"{x:.0}\" y=\"{cy:.0}\" width=\"{:.0}\" height=\"{CELL_H:.0}\" fill=\"{}\"/>",
                    cell_w - 4.0,
                    FILLS[level]
                );
                let _ = writeln!(body, "<text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"middle\" fill=\"{ink}\" font-weight=\"bold\">{n}</text>", x + (cell_w - 4.0) / 2.0, cy + 17.0);
                let (n_text, year) = (n.to_string(), y.to_string());
                let cell = [("n", n_text.as_str()), ("content", &name(c)), ("year", &year)];
                said.push(say(strings, lang, "chart_models_cell", &cell));
            }
            row.push(n.to_string());
        }
        rows.push(row);
    }
    let total = site.honours.len().to_string();
    let title = strings.get(lang, "chart_models_title").to_string();
    let desc = say(strings, lang, "chart_models_desc", &[("total", &total), ("list", &said.join("; "))]);
    let mut head = vec![strings.get(lang, "chart_head_content").to_string()];
    head.extend(years.iter().map(ToString::to_string));
    let svg = document(id, WIDTH, height, &title, &desc, &body);
    Ok(Some(Chart { svg, wide: None, title, desc, table: Table { head, rows }, key: Vec::new() }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::fixture;

    fn honour(content: usize, year: i32) -> crate::model::Honour {
        crate::model::Honour {
            slug: format!("m-{content}-{year}"),
            unit: None,
            individual: false,
            content: Content::ALL[content],
            award: crate::model::Award::Honoured,
            decision_date: chrono::NaiveDate::from_ymd_opt(year, 10, 21).unwrap(),
            year,
            phase: crate::model::Phase::First,
            sources: Vec::new(),
            text: Default::default(),
            image: None,
        }
    }

    #[test]
    fn counts_each_content_and_year_in_words_and_cells() {
        let mut site = fixture::site();
        let (font, strings) = (fixture::font(), fixture::strings());
        assert_eq!(models_grid(&font, strings, &site, Lang::Vi, "m"), Ok(None), "no models, no chart");
        site.honours = vec![honour(2, 2025), honour(2, 2025), honour(0, 2024)];
        let c = models_grid(&font, strings, &site, Lang::Vi, "m").unwrap().unwrap();
        assert!(c.svg.contains("role=\"img\"") && c.svg.contains("<title id=\"m-title\">"));
        assert!(c.desc.contains("2 thuộc nội dung “Chính quyền số, cải cách hành chính” năm 2025"), "{}", c.desc);
        assert!(c.desc.starts_with("3 điển hình"));
        assert_eq!(c.table.head, vec!["Nội dung thi đua", "2024", "2025"]);
        assert_eq!(c.table.rows[2], vec!["Chính quyền số, cải cách hành chính", "0", "2"]);
        let en = models_grid(&font, strings, &site, Lang::En, "m").unwrap().unwrap();
        assert!(en.desc.contains("1 under “Awareness and new thinking” in 2024"), "{}", en.desc);
        assert_eq!(models_grid(&font, strings, &site, Lang::En, "m"), Ok(Some(en)), "same bytes twice");
    }
}
