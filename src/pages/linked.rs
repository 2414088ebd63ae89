//! Machine-readable descriptions of the data, built from typed structs with `serde_json`: the
//! schema.org `Dataset` (JSON-LD) that the edition, index and data pages carry in their head,
//! and the licence every page names. The DCAT catalogue is in `catalog`.

use serde::Serialize;

use super::Renderer;
use crate::config::License;
use crate::i18n::Lang;
use crate::model::{Edition, Index};
use crate::routes::{edition_data, index_table, Route};

/// A licence as a page shows it.
#[derive(Serialize, Clone)]
pub(super) struct LicenseLink {
    pub id: String,
    pub name: String,
    pub href: String,
}

impl Renderer<'_> {
    /// The licence of `index`'s data (its own, else the site's).
    pub(super) fn license_of<'s>(&'s self, index: Option<&'s Index>) -> Option<&'s License> {
        index.and_then(|i| i.license.as_ref()).or(self.site.config.license.as_ref())
    }

    pub(super) fn license_link(&self, index: Option<&Index>) -> Option<LicenseLink> {
        self.license_of(index).map(|l| LicenseLink { id: l.id.clone(), name: l.name.clone(), href: l.url.clone() })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Dataset {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    pub name: String,
    pub description: String,
    pub url: String,
    identifier: String,
    in_language: &'static str,
    keywords: Vec<String>,
    is_accessible_for_free: bool,
    /// Who published the figures (the ministry).
    pub creator: Organization,
    /// Who makes this compilation available (the site's publisher).
    pub publisher: Organization,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    pub temporal_coverage: String,
    pub spatial_coverage: Place,
    date_published: String,
    pub date_modified: String,
    pub distribution: Vec<DataDownload>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub citation: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    is_based_on: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    variable_measured: Vec<String>,
    included_in_data_catalog: DataCatalog,
}

#[derive(Serialize)]
pub(super) struct Organization {
    #[serde(rename = "@type")]
    kind: &'static str,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
}

#[derive(Serialize)]
pub(super) struct Place {
    #[serde(rename = "@type")]
    kind: &'static str,
    pub name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DataDownload {
    #[serde(rename = "@type")]
    kind: &'static str,
    pub encoding_format: &'static str,
    pub content_url: String,
    name: String,
}

#[derive(Serialize)]
struct DataCatalog {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    url: String,
}

/// The JSON for a `<script type="application/ld+json">`: `</` written `<\/` so that no text
/// closes the element.
pub(super) fn script_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default().replace("</", "<\\/")
}

fn download(abs: String, ext: &str, name: String) -> DataDownload {
    DataDownload {
        kind: "DataDownload",
        encoding_format: if ext == "csv" { "text/csv" } else { "application/json" },
        content_url: abs,
        name,
    }
}

/// The long and wide tables of an index, as an index's dataset and the site's both list them.
fn index_tables<'a>(base: &'a crate::base_url::BaseUrl, index: &'a Index) -> impl Iterator<Item = DataDownload> + 'a {
    ["long", "wide"].into_iter().map(move |kind| {
        download(base.join(&index_table(&index.key, kind)), "csv", format!("{}-{kind}.csv", index.key))
    })
}

/// The years a dataset covers: `2020/2024`, or one year.
fn years_covered(first: Option<i32>, last: Option<i32>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a != b => format!("{a}/{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}

/// The last day any of these editions was published or corrected.
fn last_change<'a>(editions: impl Iterator<Item = &'a Edition>) -> Option<chrono::NaiveDate> {
    editions.flat_map(|e| std::iter::once(e.published).chain(e.corrections.iter().map(|c| c.date))).max()
}

impl Renderer<'_> {
    fn organization_of_site(&self, lang: Lang) -> Organization {
        let p = &self.site.config.publisher;
        Organization {
            kind: "Organization",
            name: p.name.get(lang).to_string(),
            url: Some(p.url.clone()),
            email: p.email.clone(),
        }
    }

    fn catalog(&self, lang: Lang) -> DataCatalog {
        DataCatalog {
            kind: "DataCatalog",
            name: self.site.config.title.get(lang).to_string(),
            url: self.site.config.base_url.join(&Route::Data.path(lang)),
        }
    }

    fn place(&self, lang: Lang) -> Place {
        Place { kind: "Place", name: self.t(lang, "spatial_coverage").to_string() }
    }

    /// The schema.org `Dataset` of one edition, shown on its page at `canonical`.
    pub(super) fn edition_dataset(
        &self,
        index: &Index,
        ed: &Edition,
        lang: Lang,
        heading: &str,
        canonical: &str,
        citation: &str,
    ) -> Dataset {
        let base = &self.site.config.base_url;
        let modified = ed.corrections.iter().map(|c| c.date).max().map_or(ed.published, |d| d.max(ed.published));
        let mut description = format!(
            "{heading}. {}: {} ({}).",
            ed.publisher.get(lang),
            self.t(lang, "jsonld_edition_description"),
            ed.published
        );
        let about = index.description.get(lang);
        if !about.is_empty() {
            description.push(' ');
            description.push_str(about);
        }
        Dataset {
            context: "https://schema.org",
            kind: "Dataset",
            id: format!("{canonical}#dataset"),
            name: heading.to_string(),
            description,
            url: canonical.to_string(),
            identifier: format!("{}-{}", index.key, ed.key),
            in_language: lang.code(),
            keywords: vec![index.short.get(lang).to_string(), index.name.get(lang).to_string(), ed.year.to_string()],
            is_accessible_for_free: true,
            creator: Organization {
                kind: "Organization",
                name: ed.publisher.get(lang).to_string(),
                url: ed.publisher_url.clone(),
                email: None,
            },
            publisher: self.organization_of_site(lang),
            license: self.license_of(Some(index)).map(|l| l.url.clone()),
            temporal_coverage: ed.year.to_string(),
            spatial_coverage: self.place(lang),
            date_published: ed.published.to_string(),
            date_modified: modified.to_string(),
            distribution: ["csv", "json"]
                .into_iter()
                .map(|ext| {
                    download(
                        base.join(&edition_data(&index.key, &ed.key, ext)),
                        ext,
                        format!("{heading} ({})", ext.to_uppercase()),
                    )
                })
                .collect(),
            citation: citation.to_string(),
            is_based_on: ed.sources.clone(),
            variable_measured: ed.indicators.iter().map(|&k| index.indicators[k].name.get(lang).to_string()).collect(),
            included_in_data_catalog: self.catalog(lang),
        }
    }

    /// The schema.org `Dataset` of every edition of an index (its long and wide tables).
    pub(super) fn index_dataset(&self, index: &Index, lang: Lang, canonical: &str) -> Dataset {
        let base = &self.site.config.base_url;
        let first = index.editions.iter().map(|e| e.year).min();
        let last = index.editions.iter().map(|e| e.year).max();
        let modified = last_change(index.editions.iter());
        let mut description = format!("{}. {}.", index.name.get(lang), index.publisher.get(lang));
        let about = index.description.get(lang);
        if !about.is_empty() {
            description.push(' ');
            description.push_str(about);
        }
        Dataset {
            context: "https://schema.org",
            kind: "Dataset",
            id: format!("{canonical}#dataset"),
            name: index.name.get(lang).to_string(),
            description,
            url: canonical.to_string(),
            identifier: index.key.clone(),
            in_language: lang.code(),
            keywords: vec![index.short.get(lang).to_string(), index.name.get(lang).to_string()],
            is_accessible_for_free: true,
            creator: Organization {
                kind: "Organization",
                name: index.publisher.get(lang).to_string(),
                url: None,
                email: None,
            },
            publisher: self.organization_of_site(lang),
            license: self.license_of(Some(index)).map(|l| l.url.clone()),
            temporal_coverage: years_covered(first, last),
            spatial_coverage: self.place(lang),
            date_published: index.editions.first().map(|e| e.published.to_string()).unwrap_or_default(),
            date_modified: modified.map(|d| d.to_string()).unwrap_or_default(),
            distribution: index_tables(base, index).collect(),
            citation: String::new(),
            is_based_on: index.editions.iter().filter_map(|e| e.publisher_url.clone()).collect(),
            variable_measured: index.indicators.iter().map(|i| i.name.get(lang).to_string()).collect(),
            included_in_data_catalog: self.catalog(lang),
        }
    }

    /// The schema.org `Dataset` of the data page: the whole collection, its package and catalogue.
    pub(super) fn site_dataset(&self, lang: Lang, canonical: &str) -> Dataset {
        let site = self.site;
        let base = &site.config.base_url;
        let years = site.indices.iter().flat_map(|i| i.editions.iter().map(|e| e.year));
        let (first, last) = (years.clone().min(), years.max());
        let modified = last_change(site.indices.iter().flat_map(|i| i.editions.iter()));
        let mut distribution = vec![
            DataDownload {
                kind: "DataDownload",
                encoding_format: "application/json",
                content_url: base.join(super::package::PACKAGE),
                name: "datapackage.json (Frictionless Data Package)".into(),
            },
            download(base.join("du-lieu/minhbach.json"), "json", "minhbach.json".into()),
        ];
        for index in &site.indices {
            distribution.extend(index_tables(base, index));
        }
        Dataset {
            context: "https://schema.org",
            kind: "Dataset",
            id: format!("{canonical}#dataset"),
            name: format!("{}: {}", site.config.title.get(lang), self.t(lang, "data_title")),
            description: format!("{} {}", self.t(lang, "data_description"), site.config.description.get(lang)),
            url: canonical.to_string(),
            identifier: crate::model::slugify(base.as_str().split("://").nth(1).unwrap_or("site")),
            in_language: lang.code(),
            keywords: site.indices.iter().map(|i| i.short.get(lang).to_string()).collect(),
            is_accessible_for_free: true,
            creator: self.organization_of_site(lang),
            publisher: self.organization_of_site(lang),
            license: self.license_of(None).map(|l| l.url.clone()),
            temporal_coverage: years_covered(first, last),
            spatial_coverage: self.place(lang),
            date_published: site
                .indices
                .iter()
                .flat_map(|i| i.editions.iter())
                .map(|e| e.published)
                .min()
                .map(|d| d.to_string())
                .unwrap_or_default(),
            date_modified: modified.map(|d| d.to_string()).unwrap_or_default(),
            distribution,
            citation: String::new(),
            is_based_on: Vec::new(),
            variable_measured: Vec::new(),
            included_in_data_catalog: self.catalog(lang),
        }
    }
}
