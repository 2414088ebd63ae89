//! The files beside the pages: each edition as CSV and JSON, the feeds and search indexes,
//! `sitemap.xml` with language alternates and `robots.txt` (drawn by the theme's templates).

use serde::Serialize;

use super::{datasets, search, Job, OutFile, Renderer, Sink};
use crate::diag::{Diagnostic, Diagnostics};
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
pub(super) fn edition_files(site: &Site, index: &Index, out: &mut Vec<OutFile>, reuse: &Reuse) {
    for ed in &index.editions {
        let (csv_path, json_path) =
            (edition_data(&index.key, &ed.key, "csv"), edition_data(&index.key, &ed.key, "json"));
        if let (Some(csv), Some(json)) = (reuse(&csv_path), reuse(&json_path)) {
            out.push(csv);
            out.push(json);
            continue;
        }
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
        out.push(OutFile::new(csv_path, w.into_inner().unwrap_or_default()));

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
        out.push(OutFile::new(json_path, bytes));
    }
}

/// A file of the last build known to be the same, by its path, when `serve` has it
/// ([`Renderer::reusing`]); `None`: it is made.
pub(crate) type Reuse<'r> = dyn Fn(&str) -> Option<OutFile> + 'r;

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

/// URLs of one sitemap file at most. The protocol allows 50,000 (and 50 MB); fewer keep the
/// memory a sitemap's template context takes small.
pub(crate) const SITEMAP_URLS: usize = 30_000;

#[derive(Serialize)]
struct SitemapIndexCtx {
    /// Each part's absolute URL.
    sitemaps: Vec<String>,
}

/// Whether `path` is the sitemap or one of its parts.
pub(crate) fn is_sitemap(path: &str) -> bool {
    path == "sitemap.xml" || is_sitemap_part(path)
}

/// Whether `path` is one part of a sitemap split in parts (`sitemap1.xml`, `sitemap2.xml`, …).
pub(crate) fn is_sitemap_part(path: &str) -> bool {
    path.strip_prefix("sitemap")
        .and_then(|p| p.strip_suffix(".xml"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `sitemap.xml` listing every page in both languages with its alternates; above `most`
/// pages (a build's is [`SITEMAP_URLS`]), `sitemap.xml` is an index of parts (`sitemap1.xml`,
/// …) that list them, as the sitemap protocol asks of large sites. Each part is rendered on
/// its own.
fn sitemap(r: &Renderer, jobs: &[Job], most: usize) -> Result<Vec<OutFile>, Diagnostic> {
    let base = &r.site.config.base_url;
    let pages: Vec<&Job> = jobs.iter().filter(|(route, _, _)| *route != Route::NotFound).collect();
    let part = |chunk: &[&Job]| -> Result<String, Diagnostic> {
        let urls = chunk
            .iter()
            .map(|(route, lang, _)| SitemapUrl {
                loc: base.join(&route.path(*lang)),
                alternates: Lang::ALL
                    .into_iter()
                    .filter(|&l| l == *lang || route.counterpart() == *route)
                    .map(|l| super::Alternate { lang: l.code(), href: base.join(&route.path(l)) })
                    .collect(),
            })
            .collect();
        r.render("sitemap.xml", &SitemapCtx { urls })
    };
    if pages.len() <= most {
        return Ok(vec![OutFile::new("sitemap.xml", part(&pages)?)]);
    }
    let mut out = Vec::new();
    for (n, chunk) in pages.chunks(most).enumerate() {
        out.push(OutFile::new(format!("sitemap{}.xml", n + 1), part(chunk)?));
    }
    let sitemaps = (1..=out.len()).map(|n| base.join(&format!("sitemap{n}.xml"))).collect();
    out.push(OutFile::new("sitemap.xml", r.render("sitemap_index.xml", &SitemapIndexCtx { sitemaps })?));
    Ok(out)
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

    /// The whole site's sitemap in parts of at most `most` URLs (a build uses
    /// [`SITEMAP_URLS`]): for tests and theme tooling, to see a large site's index.
    pub fn sitemap_files(&self, most: usize) -> Result<Vec<OutFile>, Diagnostic> {
        sitemap(self, &self.jobs(), most.max(1))
    }

    /// The files beside the pages, given to `sink`: the datasets one at a time (a national
    /// site's are seventy megabytes together, kept for `serve`: each is copied only as it goes
    /// out), then the data package and catalogue, each language's feeds, the search indexes and
    /// the sitemap of `jobs` (every page) when given, the corrections feeds and `robots.txt`.
    pub fn site_files(&self, jobs: Option<&[Job]>, search: Option<&[search::Index; 2]>, sink: &Sink) -> Diagnostics {
        let mut diags = Diagnostics::default();
        for d in self.datasets() {
            diags.push_err(sink(d.file.clone()));
        }
        let files = self.beside_news(jobs, search).and_then(|mut f| {
            f.extend(self.fixed()?);
            Ok(f)
        });
        match files {
            Ok(files) => files.into_iter().for_each(|f| diags.push_err(sink(f))),
            Err(d) => diags.push(d),
        }
        diags
    }

    /// The files beside the pages that show the news, for `serve` after an edit of a text: the
    /// two datasets that show texts, the data package and catalogue, each language's feeds and
    /// search index, and the sitemap when given the pages.
    pub fn news_files(&self, jobs: Option<&[Job]>, search: &[search::Index; 2]) -> Result<Vec<OutFile>, Diagnostic> {
        let mut out: Vec<OutFile> =
            self.datasets().iter().filter(|d| datasets::shows_texts(d)).map(|d| d.file.clone()).collect();
        out.extend(self.beside_news(jobs, Some(search))?);
        Ok(out)
    }

    /// The data package and catalogue, each language's feeds and search index, and the sitemap
    /// when given the pages. Made side by side.
    fn beside_news(
        &self,
        jobs: Option<&[Job]>,
        search: Option<&[search::Index; 2]>,
    ) -> Result<Vec<OutFile>, Diagnostic> {
        let ((package, catalog), (indexes, (map, feeds))) = rayon::join(
            || (super::package::package(self.site, self.datasets()), self.catalog_file()),
            || {
                rayon::join(
                    || search.map(|s| rayon::join(|| s[0].file(), || s[1].file())),
                    || rayon::join(|| jobs.map(|j| sitemap(self, j, SITEMAP_URLS)).transpose(), || self.feeds()),
                )
            },
        );
        let mut out = vec![package, catalog];
        out.extend(indexes.into_iter().flat_map(|(vi, en)| [vi, en]));
        out.extend(map?.into_iter().flatten());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn locs(xml: &str) -> Vec<&str> {
        xml.split("<loc>").skip(1).filter_map(|s| s.split_once("</loc>")).map(|(loc, _)| loc).collect()
    }

    #[test]
    fn a_large_sitemap_is_an_index_of_parts_listing_every_page_once() {
        let (site, theme) = crate::build::load_default_site(false);
        let r = Renderer::new(&site, &theme);
        let whole = r.sitemap_files(SITEMAP_URLS).unwrap();
        assert_eq!(whole.len(), 1, "the default site fits one sitemap");
        let text = |f: &OutFile| String::from_utf8(f.bytes.clone()).unwrap();
        let one = text(&whole[0]);
        let pages = one.matches("<url>").count();
        assert!(pages > 100, "{pages}");
        let parts = r.sitemap_files(100).unwrap();
        let (index, parts) = parts.split_last().unwrap();
        assert_eq!(index.path, "sitemap.xml");
        assert_eq!(parts.len(), pages.div_ceil(100));
        let base = &site.config.base_url;
        let index = text(index);
        assert!(index.contains("<sitemapindex") && !index.contains("<url>"), "{index}");
        let listed: Vec<String> = (1..=parts.len()).map(|n| base.join(&format!("sitemap{n}.xml"))).collect();
        assert_eq!(locs(&index), listed.iter().map(String::as_str).collect::<Vec<_>>());
        let mut again = String::new();
        for (n, part) in parts.iter().enumerate() {
            assert_eq!(part.path, format!("sitemap{}.xml", n + 1));
            assert!(is_sitemap_part(&part.path));
            let t = text(part);
            assert!(t.matches("<url>").count() <= 100);
            again.push_str(&t);
        }
        // The same pages with the same alternates, in the same order.
        assert_eq!(locs(&again), locs(&one));
        assert_eq!(again.matches("hreflang=").count(), one.matches("hreflang=").count());
        assert!(
            !is_sitemap_part("sitemap.xml") && !is_sitemap_part("sitemapx.xml") && !is_sitemap_part("a/sitemap1.xml")
        );
    }
}
