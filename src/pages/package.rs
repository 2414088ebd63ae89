//! `du-lieu/datapackage.json`: a Frictionless Data Package describing every CSV below
//! `du-lieu/` (each edition's copy, each index's long and wide table, each unit's history and
//! the units registry) with its Table Schema, licence, sources and SHA-256, built from typed
//! structs.

use serde::Serialize;

use super::datasets::Dataset;
use super::schema::Schema;
use super::OutFile;
use crate::config::License;
use crate::model::Site;
use crate::routes::DATA_DIR;

/// Where the package is written.
pub(crate) const PACKAGE: &str = "du-lieu/datapackage.json";

#[derive(Serialize)]
struct Package<'a> {
    profile: &'static str,
    name: String,
    title: String,
    description: String,
    homepage: String,
    created: String,
    keywords: [&'static str; 4],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    licenses: Vec<LicenseJson<'a>>,
    contributors: Vec<Contributor<'a>>,
    resources: Vec<Resource<'a>>,
}

#[derive(Serialize, Clone)]
struct LicenseJson<'a> {
    name: &'a str,
    path: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct Contributor<'a> {
    title: String,
    role: &'static str,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
}

#[derive(Serialize)]
struct Source<'a> {
    title: &'a str,
    path: &'a str,
}

#[derive(Serialize)]
struct Resource<'a> {
    name: &'a str,
    path: &'a str,
    profile: &'static str,
    title: String,
    description: String,
    format: &'static str,
    mediatype: &'static str,
    encoding: &'static str,
    bytes: usize,
    hash: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    licenses: Vec<LicenseJson<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<Source<'a>>,
    schema: SchemaJson<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SchemaJson<'a> {
    fields: Vec<Field<'a>>,
    missing_values: [&'static str; 2],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    primary_key: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    foreign_keys: Vec<ForeignKey<'a>>,
}

#[derive(Serialize)]
struct Field<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    /// Both languages, Vietnamese first.
    description: String,
    description_vi: &'a str,
    description_en: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    constraints: Option<Constraints<'a>>,
}

#[derive(Serialize)]
struct Constraints<'a> {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    required: bool,
    #[serde(rename = "enum", skip_serializing_if = "<[_]>::is_empty")]
    one_of: &'a [&'static str],
}

#[derive(Serialize)]
struct ForeignKey<'a> {
    fields: &'a str,
    reference: Reference<'a>,
}

#[derive(Serialize)]
struct Reference<'a> {
    /// `units`, or empty for the same resource.
    resource: &'a str,
    fields: &'static str,
}

fn license(l: &License) -> LicenseJson<'_> {
    LicenseJson { name: &l.id, path: &l.url, title: &l.name }
}

fn schema<'a>(s: &'a Schema, units_resource: bool) -> SchemaJson<'a> {
    let mut foreign_keys: Vec<ForeignKey> = s
        .unit_columns
        .iter()
        .map(|c| ForeignKey { fields: c, reference: Reference { resource: "units", fields: "id" } })
        .collect();
    if units_resource {
        // The registry refers to itself: a commune's province, a merged unit's successor.
        foreign_keys.extend(
            ["parent", "successor"]
                .into_iter()
                .map(|c| ForeignKey { fields: c, reference: Reference { resource: "", fields: "id" } }),
        );
    }
    SchemaJson {
        fields: s
            .columns
            .iter()
            .map(|c| Field {
                name: &c.name,
                kind: c.kind.key(),
                description: format!("{} / {}", c.description.vi, c.description.en),
                description_vi: &c.description.vi,
                description_en: &c.description.en,
                constraints: (c.required || !c.one_of.is_empty())
                    .then_some(Constraints { required: c.required, one_of: &c.one_of }),
            })
            .collect(),
        missing_values: ["", "—"],
        primary_key: &s.primary_key,
        foreign_keys,
    }
}

/// The data package of the CSVs among `data` that lie below `du-lieu/`.
pub(super) fn package(site: &Site, data: &[Dataset]) -> OutFile {
    let config = &site.config;
    let resources = data
        .iter()
        .filter_map(|d| {
            let s = d.schema.as_ref()?;
            let path = d.file.path.strip_prefix(DATA_DIR)?;
            Some(Resource {
                name: &d.name,
                path,
                profile: "tabular-data-resource",
                title: format!("{} / {}", d.title.vi, d.title.en),
                description: format!("{} / {}", d.source.vi, d.source.en),
                format: "csv",
                mediatype: "text/csv",
                encoding: "utf-8",
                bytes: d.file.bytes.len(),
                hash: format!("sha256:{}", d.sha256),
                licenses: d.license.iter().map(license).collect(),
                sources: d
                    .sources
                    .iter()
                    .map(|url| Source { title: if d.source.vi.is_empty() { url } else { &d.source.vi }, path: url })
                    .collect(),
                schema: schema(s, d.name == "units"),
            })
        })
        .collect();
    let host = config.base_url.as_str().split("://").nth(1).unwrap_or("site");
    let package = Package {
        profile: "tabular-data-package",
        name: crate::model::slugify(host),
        title: format!("{} / {}", config.title.vi, config.title.en),
        description: format!("{} / {}", config.description.vi, config.description.en),
        homepage: config.base_url.join(&crate::routes::Route::Data.path(crate::i18n::Lang::Vi)),
        created: format!("{}T00:00:00Z", site.build_date),
        keywords: ["DTI", "chuyển đổi số", "digital transformation", "Việt Nam"],
        licenses: config.license.iter().map(license).collect(),
        contributors: vec![Contributor {
            title: format!("{} / {}", config.publisher.name.vi, config.publisher.name.en),
            role: "publisher",
            path: &config.publisher.url,
            email: config.publisher.email.as_deref(),
        }],
        resources,
    };
    let mut bytes = serde_json::to_vec_pretty(&package).unwrap_or_default();
    bytes.push(b'\n');
    OutFile::new(PACKAGE, bytes)
}
