//! `du-lieu/catalog.jsonld`: the DCAT catalogue (DCAT-AP terms, JSON-LD) a data portal
//! harvests (CKAN's ckanext-dcat reads it): one `dcat:Dataset` an edition (CSV and JSON), one an
//! index (its long and wide tables) and the units registry, each with its publisher, creator,
//! licence, period, place, landing page, sources and the size and SHA-256 of every file.

use serde::Serialize;

use super::datasets::{Dataset as File, Group};
use super::{OutFile, Renderer};
use crate::i18n::{Lang, Text};
use crate::routes::Route;

/// Where the catalogue is written.
pub(crate) const CATALOG: &str = "du-lieu/catalog.jsonld";

/// The place the default data cover: Vietnam in the EU's country authority table (DCAT-AP's
/// vocabulary for `dct:spatial`).
const VIETNAM: &str = "http://publications.europa.eu/resource/authority/country/VNM";

#[derive(Serialize)]
struct Context {
    dcat: &'static str,
    dct: &'static str,
    foaf: &'static str,
    vcard: &'static str,
    xsd: &'static str,
    spdx: &'static str,
}

#[derive(Serialize)]
struct Id {
    #[serde(rename = "@id")]
    id: String,
}

fn id(s: impl Into<String>) -> Id {
    Id { id: s.into() }
}

#[derive(Serialize)]
struct Literal {
    #[serde(rename = "@value")]
    value: String,
    #[serde(rename = "@language", skip_serializing_if = "Option::is_none")]
    language: Option<&'static str>,
    #[serde(rename = "@type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
}

fn both(t: &Text) -> Vec<Literal> {
    Lang::ALL
        .into_iter()
        .filter(|&l| !t.get(l).is_empty())
        .map(|l| Literal { value: t.get(l).to_string(), language: Some(l.code()), kind: None })
        .collect()
}

fn typed(value: impl ToString, kind: &'static str) -> Literal {
    Literal { value: value.to_string(), language: None, kind: Some(kind) }
}

#[derive(Serialize)]
struct Agent {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "foaf:name")]
    name: Vec<Literal>,
    #[serde(rename = "foaf:homepage", skip_serializing_if = "Option::is_none")]
    homepage: Option<Id>,
}

#[derive(Serialize)]
struct Period {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "dcat:startDate")]
    start: Literal,
    #[serde(rename = "dcat:endDate")]
    end: Literal,
}

#[derive(Serialize)]
struct Contact {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "vcard:fn")]
    name: String,
    #[serde(rename = "vcard:hasEmail", skip_serializing_if = "Option::is_none")]
    email: Option<Id>,
    #[serde(rename = "vcard:hasURL")]
    url: Id,
}

#[derive(Serialize)]
struct Checksum {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "spdx:algorithm")]
    algorithm: Id,
    #[serde(rename = "spdx:checksumValue")]
    value: String,
}

#[derive(Serialize)]
struct Distribution {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "dct:title")]
    title: Vec<Literal>,
    #[serde(rename = "dcat:accessURL")]
    access: Id,
    #[serde(rename = "dcat:downloadURL")]
    download: Id,
    #[serde(rename = "dcat:mediaType")]
    media_type: Id,
    #[serde(rename = "dct:format")]
    format: Id,
    #[serde(rename = "dcat:byteSize")]
    size: Literal,
    #[serde(rename = "spdx:checksum")]
    checksum: Checksum,
    #[serde(rename = "dct:license", skip_serializing_if = "Option::is_none")]
    license: Option<Id>,
}

#[derive(Serialize)]
struct DatasetLd {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "dct:identifier")]
    identifier: String,
    #[serde(rename = "dct:title")]
    title: Vec<Literal>,
    #[serde(rename = "dct:description")]
    description: Vec<Literal>,
    #[serde(rename = "dct:publisher")]
    publisher: Agent,
    #[serde(rename = "dct:creator")]
    creator: Agent,
    #[serde(rename = "dcat:contactPoint")]
    contact: Contact,
    #[serde(rename = "dct:license", skip_serializing_if = "Option::is_none")]
    license: Option<Id>,
    #[serde(rename = "dct:issued", skip_serializing_if = "Option::is_none")]
    issued: Option<Literal>,
    #[serde(rename = "dct:modified", skip_serializing_if = "Option::is_none")]
    modified: Option<Literal>,
    #[serde(rename = "dct:temporal", skip_serializing_if = "Option::is_none")]
    temporal: Option<Period>,
    #[serde(rename = "dct:spatial")]
    spatial: Id,
    #[serde(rename = "dct:language")]
    language: Vec<Id>,
    #[serde(rename = "dcat:keyword")]
    keyword: Vec<Literal>,
    #[serde(rename = "dcat:landingPage")]
    landing: Id,
    #[serde(rename = "dct:source", skip_serializing_if = "Vec::is_empty")]
    source: Vec<Id>,
    #[serde(rename = "dcat:distribution")]
    distribution: Vec<Distribution>,
}

#[derive(Serialize)]
struct Catalog {
    #[serde(rename = "@context")]
    context: Context,
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "dct:title")]
    title: Vec<Literal>,
    #[serde(rename = "dct:description")]
    description: Vec<Literal>,
    #[serde(rename = "dct:publisher")]
    publisher: Agent,
    #[serde(rename = "dct:license", skip_serializing_if = "Option::is_none")]
    license: Option<Id>,
    #[serde(rename = "dct:language")]
    language: Vec<Id>,
    #[serde(rename = "foaf:homepage")]
    homepage: Id,
    #[serde(rename = "dct:modified")]
    modified: Literal,
    #[serde(rename = "dcat:dataset")]
    dataset: Vec<DatasetLd>,
}

fn languages() -> Vec<Id> {
    ["VIE", "ENG"].map(|c| id(format!("http://publications.europa.eu/resource/authority/language/{c}"))).into()
}

fn year_period(first: i32, last: i32) -> Period {
    Period {
        kind: "dct:PeriodOfTime",
        start: typed(format!("{first}-01-01"), "xsd:date"),
        end: typed(format!("{last}-12-31"), "xsd:date"),
    }
}

impl Renderer<'_> {
    fn site_agent(&self) -> Agent {
        let p = &self.site.config.publisher;
        Agent { kind: "foaf:Agent", name: both(&p.name), homepage: Some(id(p.url.clone())) }
    }

    fn contact(&self) -> Contact {
        let p = &self.site.config.publisher;
        Contact {
            kind: "vcard:Organization",
            name: p.name.vi.clone(),
            email: p.email.as_ref().map(|e| id(format!("mailto:{e}"))),
            url: id(p.url.clone()),
        }
    }

    fn distribution(&self, f: &File) -> Distribution {
        let base = &self.site.config.base_url;
        let url = base.join(&f.file.path);
        let ext = f.file.path.rsplit('.').next().unwrap_or("");
        let (media, format) = match ext {
            "csv" => ("text/csv", "CSV"),
            _ => ("application/json", "JSON"),
        };
        let landing = match &f.page {
            Some((i, e)) => base.join(&Route::Edition { index: i, key: e }.path(Lang::Vi)),
            None => base.join(&Route::Data.path(Lang::Vi)),
        };
        Distribution {
            id: url.clone(),
            kind: "dcat:Distribution",
            title: both(&f.title),
            access: id(landing),
            download: id(url),
            media_type: id(format!("https://www.iana.org/assignments/media-types/{media}")),
            format: id(format!("http://publications.europa.eu/resource/authority/file-type/{format}")),
            size: typed(f.file.bytes.len(), "xsd:nonNegativeInteger"),
            checksum: Checksum {
                kind: "spdx:Checksum",
                algorithm: id("http://spdx.org/rdf/terms#checksumAlgorithm_sha256"),
                value: f.sha256.clone(),
            },
            license: f.license.as_ref().map(|l| id(l.url.clone())),
        }
    }

    /// The DCAT catalogue of the site's datasets.
    pub(super) fn catalog_file(&self) -> OutFile {
        let site = self.site;
        let config = &site.config;
        let base = &config.base_url;
        let files = self.datasets();
        let find = |path: &str| files.iter().find(|f| f.file.path == path && f.group != Group::Package);
        let mut dataset = Vec::new();
        for index in &site.indices {
            let license = self.license_of(Some(index)).map(|l| id(l.url.clone()));
            for ed in &index.editions {
                let page = base.join(&Route::Edition { index: &index.key, key: &ed.key }.path(Lang::Vi));
                let title = Text::new(
                    format!(
                        "{} {}{}",
                        index.name.vi,
                        ed.year,
                        if ed.label.vi.is_empty() { String::new() } else { format!(" — {}", ed.label.vi) }
                    ),
                    format!(
                        "{} {}{}",
                        index.name.en,
                        ed.year,
                        if ed.label.en.is_empty() { String::new() } else { format!(" — {}", ed.label.en) }
                    ),
                );
                let modified = ed.corrections.iter().map(|c| c.date).chain([ed.published]).max();
                dataset.push(DatasetLd {
                    id: format!("{page}#dataset"),
                    kind: "dcat:Dataset",
                    identifier: format!("{}-{}", index.key, ed.key),
                    description: both(&Text::new(
                        format!("{}. {}", ed.publisher.vi, index.description.vi),
                        format!("{}. {}", ed.publisher.en, index.description.en),
                    )),
                    title: both(&title),
                    publisher: self.site_agent(),
                    creator: Agent {
                        kind: "foaf:Agent",
                        name: both(&ed.publisher),
                        homepage: ed.publisher_url.clone().map(id),
                    },
                    contact: self.contact(),
                    license: license.as_ref().map(|l| id(l.id.clone())),
                    issued: Some(typed(ed.published, "xsd:date")),
                    modified: modified.map(|d| typed(d, "xsd:date")),
                    temporal: Some(year_period(ed.year, ed.year)),
                    spatial: id(VIETNAM),
                    language: languages(),
                    keyword: both(&index.short),
                    landing: id(page),
                    source: ed.sources.iter().map(|s| id(s.clone())).collect(),
                    distribution: ["csv", "json"]
                        .into_iter()
                        .filter_map(|ext| find(&crate::routes::edition_data(&index.key, &ed.key, ext)))
                        .map(|f| self.distribution(f))
                        .collect(),
                });
            }
            let page = base.join(&Route::IndexPage { index: &index.key }.path(Lang::Vi));
            let years = index.editions.iter().map(|e| e.year);
            dataset.push(DatasetLd {
                id: format!("{page}#dataset"),
                kind: "dcat:Dataset",
                identifier: index.key.clone(),
                title: both(&index.name),
                description: both(&index.description),
                publisher: self.site_agent(),
                creator: Agent { kind: "foaf:Agent", name: both(&index.publisher), homepage: None },
                contact: self.contact(),
                license,
                issued: index.editions.first().map(|e| typed(e.published, "xsd:date")),
                modified: index.editions.iter().map(|e| e.published).max().map(|d| typed(d, "xsd:date")),
                temporal: years.clone().min().zip(years.max()).map(|(a, b)| year_period(a, b)),
                spatial: id(VIETNAM),
                language: languages(),
                keyword: both(&index.short),
                landing: id(page),
                source: index.editions.iter().filter_map(|e| e.publisher_url.clone()).map(id).collect(),
                distribution: ["long", "wide"]
                    .into_iter()
                    .filter_map(|k| find(&crate::routes::index_table(&index.key, k)))
                    .map(|f| self.distribution(f))
                    .collect(),
            });
        }
        let data_page = base.join(&Route::Data.path(Lang::Vi));
        dataset.push(DatasetLd {
            id: format!("{data_page}#units"),
            kind: "dcat:Dataset",
            identifier: "units".into(),
            title: both(&Text::new("Danh mục đơn vị", "Units registry")),
            description: both(&Text::new(
                "Các đơn vị (tỉnh, thành phố, bộ, ngành, xã) được xếp hạng, cả đơn vị đã sáp nhập, với mã, tên và đơn vị kế thừa.",
                "The ranked units (provinces, ministries, communes), merged ones included, with codes, names and successors.",
            )),
            publisher: self.site_agent(),
            creator: self.site_agent(),
            contact: self.contact(),
            license: config.license.as_ref().map(|l| id(l.url.clone())),
            issued: None,
            modified: Some(typed(site.build_date, "xsd:date")),
            temporal: None,
            spatial: id(VIETNAM),
            language: languages(),
            keyword: both(&Text::new("đơn vị hành chính", "administrative units")),
            landing: id(data_page),
            source: Vec::new(),
            distribution: ["du-lieu/units.csv", "du-lieu/units.json"]
                .into_iter()
                .filter_map(find)
                .map(|f| self.distribution(f))
                .collect(),
        });
        let catalog = Catalog {
            context: Context {
                dcat: "http://www.w3.org/ns/dcat#",
                dct: "http://purl.org/dc/terms/",
                foaf: "http://xmlns.com/foaf/0.1/",
                vcard: "http://www.w3.org/2006/vcard/ns#",
                xsd: "http://www.w3.org/2001/XMLSchema#",
                spdx: "http://spdx.org/rdf/terms#",
            },
            id: base.join(CATALOG),
            kind: "dcat:Catalog",
            title: both(&config.title),
            description: both(&config.description),
            publisher: self.site_agent(),
            license: config.license.as_ref().map(|l| id(l.url.clone())),
            language: languages(),
            homepage: id(base.to_string()),
            modified: typed(site.build_date, "xsd:date"),
            dataset,
        };
        let mut bytes = serde_json::to_vec_pretty(&catalog).unwrap_or_default();
        bytes.push(b'\n');
        OutFile::new(CATALOG, bytes)
    }
}
