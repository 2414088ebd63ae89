//! The files beside the pages: each edition as CSV and JSON, the feeds and search indexes,
//! `sitemap.xml` with language alternates, and `robots.txt`.

use serde::Serialize;

use super::OutFile;
use crate::i18n::Lang;
use crate::model::{Index, RankBasis, Site};
use crate::routes::{edition_data, Route};

#[derive(Serialize)]
struct EditionJson<'a> {
    index: &'a str,
    index_name_vi: &'a str,
    index_name_en: &'a str,
    publisher_vi: &'a str,
    publisher_en: &'a str,
    edition: &'a str,
    year: i32,
    published: String,
    decision: &'a str,
    publisher_url: Option<&'a str>,
    sources: &'a [String],
    scale_max: f64,
    average: Option<f64>,
    indicators: Vec<IndicatorJson<'a>>,
    rows: Vec<RowJson<'a>>,
}

#[derive(Serialize)]
struct IndicatorJson<'a> {
    key: &'a str,
    name_vi: &'a str,
    name_en: &'a str,
}

#[derive(Serialize)]
struct RowJson<'a> {
    unit: &'a str,
    name_vi: &'a str,
    name_en: &'a str,
    rank: Option<u32>,
    tied: bool,
    rank_basis: &'static str,
    score: Option<f64>,
    note: &'a str,
    values: std::collections::BTreeMap<&'a str, Option<f64>>,
}

fn basis(b: RankBasis) -> &'static str {
    b.key()
}

fn num(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// CSV and JSON of every edition, exactly its rows.
pub(super) fn edition_files(site: &Site, index: &Index, out: &mut Vec<OutFile>) {
    for ed in &index.editions {
        let inds: Vec<_> = ed.indicators.iter().map(|&k| &index.indicators[k]).collect();
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut header = vec!["unit", "name_vi", "name_en", "rank", "rank_basis", "score"];
        header.extend(inds.iter().map(|i| i.key.as_str()));
        header.push("note");
        // Writing to a Vec cannot fail.
        let _ = w.write_record(&header);
        for row in &ed.rows {
            let u = &site.units[row.unit];
            let mut rec = vec![
                u.id.clone(),
                u.name.vi.clone(),
                u.name.en.clone(),
                row.rank.map(|r| r.to_string()).unwrap_or_default(),
                basis(row.basis).into(),
                num(row.score),
            ];
            rec.extend(row.values.iter().map(|v| num(*v)));
            rec.push(row.note.clone());
            let _ = w.write_record(&rec);
        }
        let csv = w.into_inner().unwrap_or_default();
        out.push(OutFile::new(edition_data(&index.key, &ed.key, "csv"), csv));

        let json = EditionJson {
            index: &index.key,
            index_name_vi: &index.name.vi,
            index_name_en: &index.name.en,
            publisher_vi: &index.publisher.vi,
            publisher_en: &index.publisher.en,
            edition: &ed.key,
            year: ed.year,
            published: ed.published.to_string(),
            decision: &ed.decision,
            publisher_url: ed.publisher_url.as_deref(),
            sources: &ed.sources,
            scale_max: index.scale.max,
            average: ed.average,
            indicators: inds
                .iter()
                .map(|i| IndicatorJson { key: &i.key, name_vi: &i.name.vi, name_en: &i.name.en })
                .collect(),
            rows: ed
                .rows
                .iter()
                .map(|row| {
                    let u = &site.units[row.unit];
                    RowJson {
                        unit: &u.id,
                        name_vi: &u.name.vi,
                        name_en: &u.name.en,
                        rank: row.rank,
                        tied: row.tied,
                        rank_basis: basis(row.basis),
                        score: row.score,
                        note: &row.note,
                        values: inds.iter().map(|i| i.key.as_str()).zip(row.values.iter().copied()).collect(),
                    }
                })
                .collect(),
        };
        let mut bytes = serde_json::to_vec_pretty(&json).unwrap_or_default();
        bytes.push(b'\n');
        out.push(OutFile::new(edition_data(&index.key, &ed.key, "json"), bytes));
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `sitemap.xml` listing every page in both languages with its alternates.
fn sitemap(site: &Site, routes: &[(Route, Lang)]) -> String {
    let base = &site.config.base_url;
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for (route, lang) in routes {
        if *route == Route::NotFound {
            continue;
        }
        s.push_str(&format!("<url><loc>{}</loc>", xml_escape(&format!("{base}{}", route.path(*lang)))));
        for l in Lang::ALL.into_iter().filter(|&l| l == *lang || route.counterpart() == *route) {
            s.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                l.code(),
                xml_escape(&format!("{base}{}", route.path(l)))
            ));
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

/// Each language's search index file and, given the pages, the sitemap: made side by side.
pub(super) fn indexes(
    site: &Site,
    routes: Option<&[(Route, Lang)]>,
    search: &[super::search::Index; 2],
) -> Vec<OutFile> {
    let ((vi, en), map) = rayon::join(
        || rayon::join(|| search[0].file(), || search[1].file()),
        || routes.map(|r| OutFile::new("sitemap.xml", sitemap(site, r))),
    );
    let mut out = vec![vi, en];
    out.extend(map);
    out
}

/// What the news never changes: each language's corrections feed and robots.txt.
pub(super) fn fixed(site: &Site, strings: &crate::i18n::Strings) -> Vec<OutFile> {
    let mut out: Vec<OutFile> =
        Lang::ALL.iter().map(|&l| super::datasets::corrections_feed(site, strings, l)).collect();
    out.push(OutFile::new(
        "robots.txt",
        format!("User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n", site.config.base_url),
    ));
    out
}
