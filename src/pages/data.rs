//! The files beside the pages: each edition as CSV and JSON, the feeds and search indexes,
//! `sitemap.xml` with language alternates and `robots.txt` (drawn by the theme's templates).

use serde::Serialize;

use super::{datasets, search, Job, OutFile, Renderer};
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
    label_vi: &'a str,
    label_en: &'a str,
    note_vi: &'a str,
    note_en: &'a str,
    /// How many units the edition ranked.
    field: u32,
    year: i32,
    published: String,
    decision: &'a str,
    publisher_url: Option<&'a str>,
    sources: &'a [String],
    /// The licence of these data (the index's, else the site's).
    license: Option<&'a crate::config::License>,
    scale_max: f64,
    average: Option<Published>,
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
    score: Option<Published>,
    note: &'a str,
    values: std::collections::BTreeMap<&'a str, Option<Published>>,
}

fn basis(b: RankBasis) -> &'static str {
    b.key()
}

/// A number for the CSV with the decimals it was published with (`0.4880`, `70.7`), or empty.
pub(super) fn num(v: Option<f64>, decimals: u8) -> String {
    v.map(|x| format!("{x:.*}", decimals as usize)).unwrap_or_default()
}

/// A number for the JSON as published, trailing zeros kept (`0.4880` is a JSON number too).
#[derive(Debug)]
pub(super) struct Published(f64, u8);

impl Serialize for Published {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match serde_json::value::RawValue::from_string(format!("{:.*}", self.1 as usize, self.0)) {
            Ok(raw) if self.0.is_finite() => raw.serialize(s),
            _ => s.serialize_f64(self.0),
        }
    }
}

pub(super) fn published(v: Option<f64>, decimals: u8) -> Option<Published> {
    v.map(|x| Published(x, decimals))
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
                num(row.score, row.score_decimals),
            ];
            rec.extend(row.values.iter().zip(&row.value_decimals).map(|(v, &d)| num(*v, d)));
            rec.push(row.note.clone());
            let _ = w.write_record(&rec);
        }
        let csv = w.into_inner().unwrap_or_default();
        out.push(OutFile::new(edition_data(&index.key, &ed.key, "csv"), csv));

        let json = EditionJson {
            index: &index.key,
            index_name_vi: &index.name.vi,
            index_name_en: &index.name.en,
            publisher_vi: &ed.publisher.vi,
            publisher_en: &ed.publisher.en,
            edition: &ed.key,
            label_vi: &ed.label.vi,
            label_en: &ed.label.en,
            note_vi: &ed.note.vi,
            note_en: &ed.note.en,
            field: ed.field,
            year: ed.year,
            published: ed.published_precision.iso(ed.published),
            decision: &ed.decision,
            publisher_url: ed.publisher_url.as_deref(),
            sources: &ed.sources,
            license: index.license.as_ref().or(site.config.license.as_ref()),
            scale_max: index.scale.max,
            average: published(ed.average, ed.average_decimals),
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
                        score: published(row.score, row.score_decimals),
                        note: &row.note,
                        values: inds
                            .iter()
                            .map(|i| i.key.as_str())
                            .zip(row.values.iter().zip(&row.value_decimals).map(|(v, &d)| published(*v, d)))
                            .collect(),
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
            loc: base.join(&route.path(*lang)),
            alternates: Lang::ALL
                .into_iter()
                .filter(|&l| l == *lang || route.counterpart() == *route)
                .map(|l| super::Alternate { lang: l.code(), href: base.join(&route.path(l)) })
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
        let mut out = self.news_files(Some(jobs), search, true)?;
        out.extend(self.fixed()?);
        Ok(out)
    }

    /// The files beside the pages that show the news: the datasets (`every_dataset`, else only
    /// the two that show texts, for `serve` after an edit of a text), the data package and
    /// catalogue, each language's feeds and search index, and the sitemap when given the pages.
    /// Made side by side.
    pub fn news_files(
        &self,
        jobs: Option<&[Job]>,
        search: &[search::Index; 2],
        every_dataset: bool,
    ) -> Result<Vec<OutFile>, Diagnostic> {
        let routes: Option<Vec<(Route, Lang)>> =
            jobs.map(|jobs| jobs.iter().map(|(route, lang, _)| (route.clone(), *lang)).collect());
        let (data, ((vi, en), (map, feeds))) = rayon::join(
            || {
                let data = self.datasets().iter();
                data.filter(|d| every_dataset || datasets::shows_texts(d)).map(|d| d.file.clone()).collect::<Vec<_>>()
            },
            || {
                rayon::join(
                    || rayon::join(|| search[0].file(), || search[1].file()),
                    || rayon::join(|| routes.map(|r| sitemap(self, &r)).transpose(), || self.feeds()),
                )
            },
        );
        let mut out = data;
        out.push(super::package::package(self.site, self.datasets()));
        out.push(self.catalog_file());
        out.extend([vi, en]);
        out.extend(map?);
        out.extend(feeds?);
        Ok(out)
    }

    /// What the news never changes: each language's corrections feed and feed of the targets'
    /// figures, and `robots.txt`.
    fn fixed(&self) -> Result<Vec<OutFile>, Diagnostic> {
        let mut out =
            Lang::ALL.iter().map(|&l| super::feeds::corrections_feed(self, l)).collect::<Result<Vec<_>, _>>()?;
        out.extend(super::targets::feed::feeds(self)?);
        for l in Lang::ALL {
            out.push(super::feeds::editions_feed(self, l)?);
        }
        let base_url = &self.site.config.base_url;
        let ctx = RobotsCtx { base_url, sitemap_href: base_url.join("sitemap.xml") };
        out.push(OutFile::new("robots.txt", self.render("robots.txt", &ctx)?));
        Ok(out)
    }
}
