//! The data a journalist downloads: every dataset (each edition, the units registry, the models,
//! the whole site as one JSON) with its size, SHA-256, source and licence on the data page, and
//! the corrections log (its Atom feeds are drawn in `feeds`).

use serde::Serialize;

use super::{Base, Link, OutFile, Renderer};
use crate::diag::Diagnostic;
use crate::format;
use crate::i18n::{Lang, Text};
use crate::model::Site;
use crate::routes::{edition_data, index_table, package_edition, unit_history, Route};

/// A downloadable file and what the data page, the data package and the catalogue say of it.
#[derive(Clone)]
pub struct Dataset {
    pub file: OutFile,
    /// The file's SHA-256 in hex, computed once (the data page, the package and the catalogue
    /// all show it).
    pub sha256: String,
    pub title: Text,
    pub source: Text,
    /// The page the data belongs to, if any.
    pub page: Option<(String, String)>,
    /// Its name in the data package: lower case, unique.
    pub name: String,
    /// A CSV's columns; `None` for JSON.
    pub schema: Option<super::schema::Schema>,
    pub group: Group,
    /// The licence of the data (the index's, else the site's).
    pub license: Option<crate::config::License>,
    /// The addresses the figures come from.
    pub sources: Vec<String>,
}

/// Where a dataset is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// In the data page's main table.
    Main,
    /// A unit's history: in the data page's list of histories (and linked from the unit page).
    History,
    /// The data package's copy of an edition's CSV: in the package only.
    Package,
}

impl Dataset {
    fn new(file: OutFile, title: Text, source: Text, name: String) -> Dataset {
        Dataset {
            sha256: crate::output::sha256_hex(&file.bytes),
            file,
            title,
            source,
            page: None,
            name,
            schema: None,
            group: Group::Main,
            license: None,
            sources: Vec::new(),
        }
    }
}

#[derive(Serialize)]
struct UnitJson<'a> {
    id: &'a str,
    kind: &'static str,
    code: &'a str,
    former_codes: &'a [String],
    name_vi: &'a str,
    name_en: &'a str,
    parent: Option<&'a str>,
    region_vi: &'a str,
    region_en: &'a str,
    valid_from: Option<String>,
    valid_to: Option<String>,
    successor: Option<&'a str>,
    slug: &'a str,
}

#[derive(Serialize)]
struct ModelJson<'a> {
    slug: &'a str,
    title_vi: Option<&'a str>,
    title_en: Option<&'a str>,
    unit: Option<&'a str>,
    organisation_vi: Option<&'a str>,
    kind: &'static str,
    content: &'static str,
    award: &'static str,
    decision_vi: Option<&'a str>,
    decision_date: String,
    year: i32,
    phase: u8,
    sources: &'a [String],
}

#[derive(Serialize)]
struct NewsJson<'a> {
    slug: &'a str,
    date: String,
    title_vi: Option<&'a str>,
    title_en: Option<&'a str>,
    units: Vec<&'a str>,
    sources: &'a [String],
}

#[derive(Serialize)]
struct SiteJson<'a> {
    title_vi: &'a str,
    title_en: &'a str,
    base_url: &'a str,
    built: String,
    license: Option<&'a crate::config::License>,
    units: Vec<UnitJson<'a>>,
    indices: Vec<serde_json::Value>,
    models: Vec<ModelJson<'a>>,
    news: Vec<NewsJson<'a>>,
}

fn units_json(site: &Site) -> Vec<UnitJson<'_>> {
    site.units
        .iter()
        .map(|u| UnitJson {
            id: &u.id,
            kind: u.kind.key(),
            code: &u.code,
            former_codes: &u.former_codes,
            name_vi: &u.name.vi,
            name_en: &u.name.en,
            parent: u.parent.map(|p| site.units[p].id.as_str()),
            region_vi: &u.region.vi,
            region_en: &u.region.en,
            valid_from: u.valid_from.map(|d| d.to_string()),
            valid_to: u.valid_to.map(|d| d.to_string()),
            successor: u.successor.map(|s| site.units[s].id.as_str()),
            slug: &u.slug,
        })
        .collect()
}

fn models_json(site: &Site) -> Vec<ModelJson<'_>> {
    site.honours
        .iter()
        .map(|h| ModelJson {
            slug: &h.slug,
            title_vi: h.text.vi.as_ref().map(|t| t.doc.title.as_str()),
            title_en: h.text.en.as_ref().map(|t| t.doc.title.as_str()),
            unit: h.unit.map(|u| site.units[u].id.as_str()),
            organisation_vi: h.text.vi.as_ref().map(|t| t.organisation.as_str()).filter(|s| !s.is_empty()),
            kind: if h.individual { "individual" } else { "collective" },
            content: h.content.key(),
            award: h.award.key(),
            decision_vi: h.text.vi.as_ref().map(|t| t.decision.as_str()),
            decision_date: h.decision_date.to_string(),
            year: h.year,
            phase: h.phase.number(),
            sources: &h.sources,
        })
        .collect()
}

fn pretty<T: Serialize>(v: &T) -> Vec<u8> {
    let mut b = serde_json::to_vec_pretty(v).unwrap_or_default();
    b.push(b'\n');
    b
}

/// Every dataset of the site; `editions` are the edition files already made.
/// `reuse` gives the files of the last build that are known to be the same.
pub(crate) fn datasets(site: &Site, editions: &[OutFile], reuse: &super::data::Reuse) -> Vec<Dataset> {
    let file = |path: String, make: &dyn Fn() -> Vec<u8>| reuse(&path).unwrap_or_else(|| OutFile::new(path, make()));
    let mut out = Vec::new();
    for index in &site.indices {
        for ed in &index.editions {
            for ext in ["csv", "json"] {
                let path = edition_data(&index.key, &ed.key, ext);
                if let Some(f) = editions.iter().find(|f| f.path == path) {
                    let label = |l: Lang| {
                        let lab = ed.label.get(l);
                        if lab.is_empty() {
                            format!("{} {}", index.short.get(l), ed.year)
                        } else {
                            format!("{} {} — {lab}", index.short.get(l), ed.year)
                        }
                    };
                    let license = index.license.clone().or_else(|| site.config.license.clone());
                    let mut sources = ed.publisher_url.iter().cloned().collect::<Vec<_>>();
                    sources.extend(ed.sources.iter().filter(|s| Some(*s) != ed.publisher_url.as_ref()).cloned());
                    let schema = (ext == "csv").then(|| super::schema::edition(index, &ed.indicators));
                    let d = Dataset {
                        page: Some((index.key.clone(), ed.key.clone())),
                        schema: schema.clone(),
                        license: license.clone(),
                        sources: sources.clone(),
                        ..Dataset::new(
                            f.clone(),
                            Text::new(label(Lang::Vi), label(Lang::En)),
                            ed.publisher.clone(),
                            format!("{}-{}-{ext}", index.key, ed.key),
                        )
                    };
                    if ext == "csv" {
                        out.push(Dataset {
                            group: Group::Package,
                            name: format!("{}-{}", index.key, ed.key),
                            schema,
                            license,
                            sources,
                            page: d.page.clone(),
                            ..Dataset::new(
                                OutFile::new(package_edition(&index.key, &ed.key), f.bytes.clone()),
                                d.title.clone(),
                                d.source.clone(),
                                String::new(),
                            )
                        });
                    }
                    out.push(d);
                }
            }
        }
        let license = index.license.clone().or_else(|| site.config.license.clone());
        let sources: Vec<String> = index.editions.iter().filter_map(|e| e.publisher_url.clone()).collect();
        let whole =
            |vi: &str, en: &str| Text::new(format!("{} — {vi}", index.short.vi), format!("{} — {en}", index.short.en));
        out.push(Dataset {
            schema: Some(super::schema::long(index)),
            license: license.clone(),
            sources: sources.clone(),
            ..Dataset::new(
                file(index_table(&index.key, "long"), &|| super::tables::long(site, index)),
                whole("mọi kỳ, một dòng mỗi đơn vị mỗi kỳ", "every edition, one row per unit and edition"),
                index.publisher.clone(),
                format!("{}-long", index.key),
            )
        });
        out.push(Dataset {
            schema: Some(super::schema::wide(index)),
            license,
            sources,
            ..Dataset::new(
                file(index_table(&index.key, "wide"), &|| super::tables::wide(site, index)),
                whole("một dòng mỗi đơn vị, các kỳ theo cột", "one row per unit, editions in columns"),
                index.publisher.clone(),
                format!("{}-wide", index.key),
            )
        });
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    // The registry's columns as councils write them, aliases (URL history) left out.
    let _ = w.write_record(&crate::model::UNIT_COLUMNS[..13]);
    for u in units_json(site) {
        let _ = w.write_record([
            u.id,
            u.kind,
            u.code,
            &u.former_codes.join(";"),
            u.name_vi,
            u.name_en,
            u.parent.unwrap_or(""),
            u.region_vi,
            u.region_en,
            u.valid_from.as_deref().unwrap_or(""),
            u.valid_to.as_deref().unwrap_or(""),
            u.successor.unwrap_or(""),
            u.slug,
        ]);
    }
    let registry = Text::new("Danh mục đơn vị (cả đơn vị đã sáp nhập)", "Units registry (including merged units)");
    let own = Text::new("Tổng hợp từ các nguồn nêu trong từng tệp", "Compiled from the sources named in each file");
    let license = site.config.license.clone();
    out.push(Dataset {
        schema: Some(super::schema::units()),
        license: license.clone(),
        ..Dataset::new(
            OutFile::new("du-lieu/units.csv", w.into_inner().unwrap_or_default()),
            registry.clone(),
            own.clone(),
            "units".into(),
        )
    });
    out.push(Dataset {
        license: license.clone(),
        ..Dataset::new(
            OutFile::new("du-lieu/units.json", pretty(&units_json(site))),
            registry,
            own.clone(),
            "units-json".into(),
        )
    });
    out.push(Dataset {
        license: license.clone(),
        ..Dataset::new(
            models_file(site),
            Text::new("Điển hình tiên tiến", "Exemplary models"),
            own.clone(),
            "models-json".into(),
        )
    });
    out.push(Dataset {
        license: license.clone(),
        ..Dataset::new(
            whole_file(site, &editions.iter().collect::<Vec<_>>()),
            Text::new("Toàn bộ dữ liệu của trang (một tệp JSON)", "The whole site's data (one JSON file)"),
            own.clone(),
            "minhbach-json".into(),
        )
    });
    for (u, unit) in site.units.iter().enumerate() {
        let title =
            Text::new(format!("{}: lịch sử xếp hạng", unit.name.vi), format!("{}: ranking history", unit.name.en));
        out.push(Dataset {
            group: Group::History,
            schema: Some(super::schema::history()),
            license: license.clone(),
            ..Dataset::new(
                file(unit_history(&unit.id, "csv"), &|| super::tables::history_csv(site, u)),
                title.clone(),
                own.clone(),
                format!("history-{}", unit.id),
            )
        });
        out.push(Dataset {
            group: Group::History,
            license: license.clone(),
            ..Dataset::new(
                file(unit_history(&unit.id, "json"), &|| super::tables::history_json(site, u)),
                title,
                own.clone(),
                format!("history-{}-json", unit.id),
            )
        });
    }
    out
}

/// `du-lieu/models.json`: every exemplary model.
fn models_file(site: &Site) -> OutFile {
    OutFile::new(MODELS_JSON, pretty(&models_json(site)))
}

/// `du-lieu/minhbach.json`: the whole site's data; `editions` holds the editions' JSON files.
fn whole_file(site: &Site, editions: &[&OutFile]) -> OutFile {
    let indices = edition_json_paths(site)
        .filter_map(|p| editions.iter().find(|f| f.path == p))
        .filter_map(|f| serde_json::from_slice(&f.bytes).ok())
        .collect();
    let whole = SiteJson {
        title_vi: &site.config.title.vi,
        title_en: &site.config.title.en,
        base_url: &site.config.base_url,
        built: site.build_date.to_string(),
        license: site.config.license.as_ref(),
        units: units_json(site),
        indices,
        models: models_json(site),
        news: site
            .news
            .iter()
            .map(|a| NewsJson {
                slug: &a.slug,
                date: a.date.to_string(),
                title_vi: a.doc.vi.as_ref().map(|d| d.title.as_str()),
                title_en: a.doc.en.as_ref().map(|d| d.title.as_str()),
                units: a.units.iter().map(|&u| site.units[u].id.as_str()).collect(),
                sources: &a.sources,
            })
            .collect(),
    };
    OutFile::new(WHOLE_JSON, pretty(&whole))
}

/// The paths of the editions' JSON files, in the order of the indices and their editions.
fn edition_json_paths(site: &Site) -> impl Iterator<Item = String> + '_ {
    site.indices.iter().flat_map(|index| index.editions.iter().map(move |ed| edition_data(&index.key, &ed.key, "json")))
}

/// The path of the models' dataset.
const MODELS_JSON: &str = "du-lieu/models.json";
/// The path of the whole site's dataset.
const WHOLE_JSON: &str = "du-lieu/minhbach.json";

/// Whether the dataset shows the site's texts (the models, the whole site with its news).
pub(crate) fn shows_texts(d: &Dataset) -> bool {
    d.file.path == MODELS_JSON || d.file.path == WHOLE_JSON
}

/// Makes again, in `data` (the datasets of a build of the same data), the two datasets that
/// show the site's texts: the models and the whole site (its news). The others come from the
/// data files alone, which an edit of a text leaves as they were.
pub(crate) fn refresh_texts(site: &Site, data: &mut [Dataset]) {
    let wanted: std::collections::HashSet<String> = edition_json_paths(site).collect();
    let editions: Vec<&OutFile> = data.iter().map(|d| &d.file).filter(|f| wanted.contains(&f.path)).collect();
    let whole = whole_file(site, &editions);
    for d in data.iter_mut() {
        let file = match d.file.path.as_str() {
            MODELS_JSON => models_file(site),
            WHOLE_JSON => whole.clone(),
            _ => continue,
        };
        d.sha256 = crate::output::sha256_hex(&file.bytes);
        d.file = file;
    }
}

#[derive(Serialize)]
struct DatasetRow {
    title: String,
    href: String,
    format: String,
    size: String,
    sha256: String,
    source: String,
    page: Option<String>,
}

#[derive(Serialize)]
struct CorrectionRow {
    date: String,
    edition: Link,
    what: String,
}

#[derive(Serialize)]
struct DataCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    datasets: Vec<DatasetRow>,
    /// Each unit's history files.
    histories: Vec<DatasetRow>,
    license: Option<super::linked::LicenseLink>,
    publisher: String,
    publisher_href: String,
    publisher_email: Option<String>,
    package_href: String,
    catalog_href: String,
    /// The data page's schema.org `Dataset`, as JSON for the page's head.
    jsonld: String,
    corrections: Vec<CorrectionRow>,
    corrections_feed: String,
    sums_href: String,
}

/// The corrections of every edition, newest first: (date, index, edition, correction).
pub(super) fn corrections(site: &Site) -> Vec<(chrono::NaiveDate, usize, usize, usize)> {
    let mut v = Vec::new();
    for (i, index) in site.indices.iter().enumerate() {
        for (e, ed) in index.editions.iter().enumerate() {
            for (c, corr) in ed.corrections.iter().enumerate() {
                v.push((corr.date, i, e, c));
            }
        }
    }
    v.sort_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2, a.3).cmp(&(b.1, b.2, b.3))));
    v
}

fn size(n: usize, lang: Lang) -> String {
    if n < 1024 {
        format!("{n} B")
    } else {
        format!("{} KB", format::number(n as f64 / 1024.0, 1, lang))
    }
}

pub(super) fn page(r: &Renderer, route: &Route, lang: Lang, data: &[Dataset]) -> Result<String, Diagnostic> {
    let site = r.site;
    let base = r.base(route, lang, r.t(lang, "data_title").to_string(), r.t(lang, "data_description").to_string());
    let row = |d: &Dataset| DatasetRow {
        title: d.title.get(lang).to_string(),
        href: format!("{}{}", base.root, d.file.path),
        format: d.file.path.rsplit('.').next().unwrap_or("").to_uppercase(),
        size: size(d.file.bytes.len(), lang),
        sha256: d.sha256.clone(),
        source: d.source.get(lang).to_string(),
        page: d.page.as_ref().map(|(i, e)| r.link(&base, &Route::Edition { index: i, key: e }, lang)),
    };
    let datasets = data.iter().filter(|d| d.group == Group::Main).map(row).collect();
    let histories = data.iter().filter(|d| d.group == Group::History).map(row).collect();
    let corrections = corrections(site)
        .into_iter()
        .map(|(date, i, e, c)| {
            let index = &site.indices[i];
            let ed = &index.editions[e];
            CorrectionRow {
                date: format::date(date, lang),
                edition: Link {
                    href: r.link(&base, &Route::Edition { index: &index.key, key: &ed.key }, lang),
                    label: format!("{} {}", index.short.get(lang), ed.key),
                },
                what: ed.corrections[c].what.get(lang).to_string(),
            }
        })
        .collect();
    let publisher = &site.config.publisher;
    let ctx = DataCtx {
        datasets,
        histories,
        license: r.license_link(None),
        publisher: publisher.name.get(lang).to_string(),
        publisher_href: publisher.url.clone(),
        publisher_email: publisher.email.clone(),
        package_href: format!("{}{}", base.root, super::package::PACKAGE),
        catalog_href: format!("{}{}", base.root, super::catalog::CATALOG),
        jsonld: super::linked::script_json(&r.site_dataset(lang, &base.canonical)),
        corrections,
        corrections_feed: format!("{}{}", base.root, corrections_feed_path(lang)),
        sums_href: format!("{}SHA256SUMS", base.root),
        base,
    };
    r.render("data.html", &ctx)
}

pub(crate) fn corrections_feed_path(lang: Lang) -> String {
    format!("{}corrections.xml", Route::Data.path(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `serve` keeps a build's datasets and refreshes the two that show texts: after an edit of
    /// the news and the models they are the datasets a full render makes, byte for byte.
    #[test]
    fn refreshed_datasets_are_those_of_a_full_render() {
        let (site, theme) = crate::build::load_default_site(false);
        let built = Renderer::new(&site, &theme).datasets().to_vec();
        let mut kept = built.clone();
        let mut edited = site;
        if let Some(doc) = edited.news[0].doc.vi.as_mut() {
            doc.title.push_str(" (sửa)");
        }
        edited.news.remove(1);
        edited.honours.pop();
        refresh_texts(&edited, &mut kept);
        let fresh = Renderer::new(&edited, &theme);
        let fresh = fresh.datasets();
        assert_eq!(kept.len(), fresh.len());
        let changed = kept.iter().zip(&built).filter(|(k, old)| k.file.bytes != old.file.bytes);
        assert_eq!(changed.map(|(k, _)| k.file.path.clone()).collect::<Vec<_>>(), [MODELS_JSON, WHOLE_JSON]);
        for (k, f) in kept.iter().zip(fresh) {
            assert_eq!((&k.file.path, &k.file.bytes, &k.sha256), (&f.file.path, &f.file.bytes, &f.sha256));
        }
    }
}
