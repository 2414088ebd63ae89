//! The files beside the pages: each edition as CSV and JSON, the feeds and search indexes,
//! `sitemap.xml` with language alternates and `robots.txt` (drawn by the theme's templates).

use serde::Serialize;

use super::{search, Job, OutFile, Renderer};
use crate::diag::Diagnostic;
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

#[derive(Serialize)]
struct SitemapCtx {
    urls: Vec<SitemapUrl>,
}

#[derive(Serialize)]
struct SitemapUrl {
    /// The page's absolute URL.
    loc: String,
    /// The page in each language it exists in (itself included).
    alternates: Vec<super::Alternate>,
}

/// `sitemap.xml` listing every page in both languages with its alternates.
fn sitemap(r: &Renderer, routes: &[(Route, Lang)]) -> Result<OutFile, Diagnostic> {
    let base = &r.site.config.base_url;
    let urls = routes
        .iter()
        .filter(|(route, _)| *route != Route::NotFound)
        .map(|(route, lang)| SitemapUrl {
            loc: format!("{base}{}", route.path(*lang)),
            alternates: Lang::ALL
                .into_iter()
                .filter(|&l| l == *lang || route.counterpart() == *route)
                .map(|l| super::Alternate { lang: l.code(), href: format!("{base}{}", route.path(l)) })
                .collect(),
        })
        .collect();
    Ok(OutFile::new("sitemap.xml", r.render("sitemap.xml", &SitemapCtx { urls })?))
}

#[derive(Serialize)]
struct RobotsCtx<'a> {
    base_url: &'a str,
    /// The sitemap's absolute URL.
    sitemap_href: String,
}

impl Renderer<'_> {
    /// Each language's Atom feed of the newest articles.
    pub fn feeds(&self) -> Result<Vec<OutFile>, Diagnostic> {
        Lang::ALL.iter().map(|&l| super::feeds::news(self, l)).collect()
    }

    /// The files beside the pages: the datasets, each language's feeds and search index, the
    /// sitemap of `jobs`, the corrections feeds and `robots.txt`.
    pub fn site_files(&self, jobs: &[Job], search: &[search::Index; 2]) -> Result<Vec<OutFile>, Diagnostic> {
        let mut out = self.news_files(Some(jobs), search)?;
        out.extend(self.fixed()?);
        Ok(out)
    }

    /// The files beside the pages that show the news: the datasets, each language's feeds and
    /// search index, and the sitemap when given the pages. Made side by side.
    pub fn news_files(&self, jobs: Option<&[Job]>, search: &[search::Index; 2]) -> Result<Vec<OutFile>, Diagnostic> {
        let routes: Option<Vec<(Route, Lang)>> =
            jobs.map(|jobs| jobs.iter().map(|(route, lang, _)| (route.clone(), *lang)).collect());
        let (data, ((vi, en), (map, feeds))) = rayon::join(
            || self.datasets().iter().map(|d| d.file.clone()).collect::<Vec<_>>(),
            || {
                rayon::join(
                    || rayon::join(|| search[0].file(), || search[1].file()),
                    || rayon::join(|| routes.map(|r| sitemap(self, &r)).transpose(), || self.feeds()),
                )
            },
        );
        let mut out = data;
        out.extend([vi, en]);
        out.extend(map?);
        out.extend(feeds?);
        Ok(out)
    }

    /// What the news never changes: each language's corrections feed and `robots.txt`.
    fn fixed(&self) -> Result<Vec<OutFile>, Diagnostic> {
        let mut out =
            Lang::ALL.iter().map(|&l| super::feeds::corrections_feed(self, l)).collect::<Result<Vec<_>, _>>()?;
        let base_url = &self.site.config.base_url;
        let ctx = RobotsCtx { base_url, sitemap_href: format!("{base_url}sitemap.xml") };
        out.push(OutFile::new("robots.txt", self.render("robots.txt", &ctx)?));
        Ok(out)
    }
}
