//! An index's landing page (`/xep-hang/<index>/`): what it measures, who publishes it, its
//! indicator tree, every edition with how much of it is published, the leaders across the
//! years, and the downloads of every edition at once.

use serde::Serialize;

use super::linked::{script_json, LicenseLink};
use super::{Base, OutFile, Renderer};
use crate::diag::Diagnostic;
use crate::format;
use crate::i18n::Lang;
use crate::model::Index;
use crate::routes::{index_table, Route};

#[derive(Serialize)]
struct Node {
    name: String,
    children: Vec<Node>,
}

#[derive(Serialize)]
struct EditionRow {
    href: String,
    title: String,
    label: String,
    published: String,
    publisher: String,
    /// "63 units ranked, 12 scores published (this edition ranked 63 units)".
    coverage: String,
    has_derived: bool,
}

#[derive(Serialize)]
struct LandingCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    name: String,
    publisher: String,
    description: String,
    license: Option<LicenseLink>,
    indicators: Vec<Node>,
    /// Newest first.
    editions: Vec<EditionRow>,
    chart: Option<super::ChartBlock>,
    long_href: String,
    wide_href: String,
    package_href: String,
    rankings_href: String,
    /// The index's schema.org `Dataset`, as JSON for the page's head.
    jsonld: String,
}

fn tree(index: &Index, lang: Lang, parent: Option<usize>, depth: usize) -> Vec<Node> {
    if depth > 8 {
        return Vec::new();
    }
    (0..index.indicators.len())
        .filter(|&k| index.indicators[k].parent == parent)
        .map(|k| Node {
            name: index.indicators[k].name.get(lang).to_string(),
            children: tree(index, lang, Some(k), depth + 1),
        })
        .collect()
}

/// The coverage of an edition in words.
pub(super) fn coverage(r: &Renderer, index: &Index, e: usize, lang: Lang) -> String {
    let ed = &index.editions[e];
    r.t(lang, "index_coverage")
        .replace("{ranked}", &format::int(ed.ranked(), lang))
        .replace("{scored}", &format::int(ed.rows.iter().filter(|x| x.score.is_some()).count(), lang))
        .replace("{field}", &format::int(ed.field as usize, lang))
}

pub(super) fn page(
    r: &Renderer,
    route: &Route,
    lang: Lang,
    i: usize,
    extra: &mut Vec<OutFile>,
) -> Result<String, Diagnostic> {
    let index = &r.site.indices[i];
    let base = r.base(route, lang, index.name.get(lang).to_string(), index.description.get(lang).to_string());
    let chart = match crate::charts::leaders(&r.theme.font, &r.theme.strings, r.site, i, lang, "leaders") {
        Ok(Some(c)) => {
            let data = Some(format!("{}{}", base.root, index_table(&index.key, "wide")));
            Some(r.chart(route, lang, "leaders", c, data, extra))
        }
        Ok(None) => None,
        Err(e) => return Err(r.chart_failed(route, lang, "leaders", e)),
    };
    let editions = (0..index.editions.len())
        .rev()
        .map(|e| {
            let ed = &index.editions[e];
            EditionRow {
                href: r.link(&base, &Route::Edition { index: &index.key, key: &ed.key }, lang),
                title: format!("{} {}", index.short.get(lang), ed.year),
                label: ed.label.get(lang).to_string(),
                published: format::date(ed.published, lang),
                publisher: ed.publisher.get(lang).to_string(),
                coverage: coverage(r, index, e, lang),
                has_derived: ed.has_derived(),
            }
        })
        .collect();
    let ctx = LandingCtx {
        name: index.name.get(lang).to_string(),
        publisher: index.publisher.get(lang).to_string(),
        description: index.description.get(lang).to_string(),
        license: r.license_link(Some(index)),
        indicators: tree(index, lang, None, 0),
        editions,
        chart,
        long_href: format!("{}{}", base.root, index_table(&index.key, "long")),
        wide_href: format!("{}{}", base.root, index_table(&index.key, "wide")),
        package_href: format!("{}{}", base.root, super::package::PACKAGE),
        rankings_href: r.link(&base, &Route::Rankings, lang),
        jsonld: script_json(&r.index_dataset(index, lang, &base.canonical)),
        base,
    };
    r.render("index.html", &ctx)
}
