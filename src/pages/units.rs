//! The unit pages: the index of units by region, one page per unit with its rank history and
//! lineage, and the bilingual 404 page.

use chrono::Days;
use serde::Serialize;

use super::{sort_links, Base, Link, Renderer, RowCells, UnitLink};
use crate::diag::Diagnostic;
use crate::format;
use crate::i18n::{vi_cmp, Lang};
use crate::model::{Unit, UnitKind};
use crate::routes::Route;

#[derive(Serialize)]
struct Group {
    name: String,
    units: Vec<UnitLink>,
}

#[derive(Serialize)]
struct PastUnit {
    unit: UnitLink,
    successor: Option<UnitLink>,
    until: String,
}

#[derive(Serialize)]
struct UnitsCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    regions: Vec<Group>,
    ministries: Vec<UnitLink>,
    communes: Vec<UnitLink>,
    past: Vec<PastUnit>,
    current_count: usize,
}

pub(super) fn units(r: &Renderer, route: &Route, lang: Lang) -> Result<String, Diagnostic> {
    let site = r.site;
    let base = r.base(route, lang, r.t(lang, "units_title").to_string(), r.t(lang, "units_description").to_string());
    let mut regions: Vec<Group> = Vec::new();
    let mut ministries = Vec::new();
    let mut past = Vec::new();
    let mut communes = Vec::new();
    for (u, unit) in site.units.iter().enumerate() {
        let link = r.unit_link(&base, lang, u);
        if unit.is_past() {
            past.push(PastUnit {
                unit: link,
                successor: unit.successor.map(|s| r.unit_link(&base, lang, site.final_successor(s))),
                until: unit.valid_to.map(|d| format::date(d, lang)).unwrap_or_default(),
            });
        } else if unit.kind == UnitKind::Ministry {
            ministries.push(link);
        } else if unit.kind == UnitKind::Commune {
            communes.push(link);
        } else {
            let region = match unit.region.get(lang) {
                "" => r.t(lang, "no_region").to_string(),
                x => x.to_string(),
            };
            match regions.iter_mut().find(|g| g.name == region) {
                Some(g) => g.units.push(link),
                None => regions.push(Group { name: region, units: vec![link] }),
            }
        }
    }
    regions.sort_by(|a, b| vi_cmp(&a.name, &b.name));
    for g in &mut regions {
        sort_links(&mut g.units);
    }
    sort_links(&mut ministries);
    sort_links(&mut communes);
    past.sort_by(|a, b| vi_cmp(&a.unit.name, &b.unit.name));
    let current_count = regions.iter().map(|g| g.units.len()).sum();
    r.render("units.html", &UnitsCtx { base, regions, ministries, communes, past, current_count })
}

#[derive(Serialize)]
struct HistoryRow {
    edition: Link,
    year: i32,
    via: Option<UnitLink>,
    cells: RowCells,
    of: String,
}

#[derive(Serialize)]
struct HistoryTable {
    index_name: String,
    rows: Vec<HistoryRow>,
}

#[derive(Serialize)]
struct UnitCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    name: String,
    other_name: String,
    kind: String,
    code: String,
    former_codes: String,
    region: String,
    parent: Option<UnitLink>,
    merged_into: Option<String>,
    predecessors: Vec<UnitLink>,
    merged_on: String,
    history: Vec<HistoryTable>,
    units_href: String,
    models: Vec<super::honours::HonourItem>,
    news: Vec<super::news::NewsItem>,
    communes: Vec<UnitLink>,
    cite: super::cite::Cite,
    charts: Vec<super::ChartBlock>,
    /// The targets of the unit's own plans.
    targets: Vec<super::targets::TargetItem>,
    /// The unit's whole history (CSV and JSON), across indices and predecessors.
    history_csv: String,
    history_json: String,
}

/// The first day a successor carried on: the day after the unit's last day.
fn day_after(unit: &Unit) -> Option<chrono::NaiveDate> {
    unit.valid_to.and_then(|d| d.checked_add_days(Days::new(1)))
}

pub(super) fn unit(
    r: &Renderer,
    route: &Route,
    lang: Lang,
    u: usize,
    extra: &mut Vec<super::OutFile>,
) -> Result<String, Diagnostic> {
    let site = r.site;
    let unit = &site.units[u];
    let name = unit.name.get(lang).to_string();
    let description = format!("{} — {}", name, r.t(lang, "unit_description"));
    let mut base = r.base(route, lang, name.clone(), description);
    let merged_into = match (unit.successor, day_after(unit)) {
        (Some(s), Some(day)) => {
            let succ = r.unit_link(&base, lang, s);
            Some(
                r.t(lang, "merged_into_sentence")
                    .replace("{unit}", &crate::escape::escape_html(&name))
                    .replace(
                        "{successor}",
                        &format!(
                            "<a href=\"{}\">{}</a>",
                            crate::escape::escape_html(&succ.href),
                            crate::escape::escape_html(&succ.name)
                        ),
                    )
                    .replace("{date}", &format::date(day, lang)),
            )
        }
        _ => None,
    };
    let mut predecessors: Vec<UnitLink> = unit.predecessors.iter().map(|&p| r.unit_link(&base, lang, p)).collect();
    sort_links(&mut predecessors);
    let merged_on = unit
        .predecessors
        .iter()
        .filter_map(|&p| day_after(&site.units[p]))
        .max()
        .map(|d| format::date(d, lang))
        .unwrap_or_default();

    let mut history: Vec<HistoryTable> = Vec::new();
    for h in site.history(u) {
        let index = &site.indices[h.index];
        let ed = &index.editions[h.edition];
        let label = ed.label.get(lang);
        let row = HistoryRow {
            edition: Link {
                href: r.link(&base, &Route::Edition { index: &index.key, key: &ed.key }, lang),
                label: if label.is_empty() { ed.year.to_string() } else { format!("{} — {label}", ed.year) },
            },
            year: ed.year,
            via: (h.via != u).then(|| r.unit_link(&base, lang, h.via)),
            cells: r.row_cells(lang, h.row),
            of: format::int(ed.ranked(), lang),
        };
        let index_name = index.name.get(lang).to_string();
        match history.iter_mut().find(|t| t.index_name == index_name) {
            Some(t) => t.rows.push(row),
            None => history.push(HistoryTable { index_name, rows: vec![row] }),
        }
    }
    let lineage = site.lineage(u);
    let mut honour_ids: Vec<usize> = lineage.iter().flat_map(|&u| r.honours_of(u)).copied().collect();
    honour_ids.sort_unstable();
    honour_ids.dedup();
    let models = honour_ids.iter().filter_map(|&h| super::honours::item(r, &base, lang, &site.honours[h])).collect();
    let mut news_ids: Vec<usize> = lineage.iter().flat_map(|&u| r.news_of(u)).copied().collect();
    news_ids.sort_unstable();
    news_ids.dedup();
    let news = news_ids.iter().filter_map(|&a| super::news::item(r, &base, lang, &site.news[a])).collect();
    let mut communes: Vec<UnitLink> = site
        .units
        .iter()
        .enumerate()
        .filter(|(_, c)| c.parent == Some(u))
        .map(|(i, _)| r.unit_link(&base, lang, i))
        .collect();
    sort_links(&mut communes);
    let mut charts = Vec::new();
    let (font, strings) = (&r.theme.font, &r.theme.strings);
    let failed = |name: &str, e| r.chart_failed(route, lang, name, e);
    if let Some(c) =
        crate::charts::rank_history(font, strings, site, u, lang, "history").map_err(|e| failed("history", e))?
    {
        if site.config.unit_cards {
            base.share_image = r.chart_card(route, lang, &c.svg, extra)?;
        }
        charts.push(r.chart(route, lang, "history", c, None, extra));
    }
    let indicators = crate::charts::indicators_vs_median(font, strings, site, u, lang, "indicators");
    if let Some(c) = indicators.map_err(|e| failed("indicators", e))? {
        charts.push(r.chart(route, lang, "indicators", c, None, extra));
    }
    let ctx = UnitCtx {
        targets: super::targets::of_unit(r, &base, lang, u),
        charts,
        cite: super::cite::with_license(
            super::cite::unit(site, unit.name.get(lang), &base.canonical, lang),
            site.config.license.as_ref(),
            lang,
        ),
        history_csv: format!("{}{}", base.root, crate::routes::unit_history(&unit.id, "csv")),
        history_json: format!("{}{}", base.root, crate::routes::unit_history(&unit.id, "json")),
        models,
        news,
        communes,
        other_name: unit.name.get(lang.other()).to_string(),
        kind: r.t(lang, &format!("kind_{}", unit.kind.key())).to_string(),
        code: unit.code.clone(),
        former_codes: unit.former_codes.join(", "),
        region: unit.region.get(lang).to_string(),
        parent: unit.parent.map(|p| r.unit_link(&base, lang, p)),
        merged_into,
        predecessors,
        merged_on,
        history,
        units_href: r.link(&base, &Route::Units, lang),
        name,
        base,
    };
    r.render("unit.html", &ctx)
}

#[derive(Serialize)]
struct NotFoundCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    home_en: String,
}

pub(super) fn not_found(r: &Renderer, route: &Route) -> Result<String, Diagnostic> {
    let base = r.base(route, Lang::Vi, r.t(Lang::Vi, "not_found_title").to_string(), String::new());
    let home_en = format!("{}en/", base.root);
    r.render("404.html", &NotFoundCtx { home_en, base })
}

#[derive(Serialize)]
struct RedirectCtx {
    lang: &'static str,
    title: String,
    target: String,
    canonical: String,
}

/// A page at each old URL of a unit (its aliases) that sends the reader to the current one.
pub(super) fn redirects(r: &Renderer) -> Result<Vec<super::OutFile>, Diagnostic> {
    let site = r.site;
    let mut out = Vec::new();
    for unit in &site.units {
        for alias in &unit.aliases {
            for lang in Lang::ALL {
                let from = Route::Unit { slug: alias }.path(lang);
                let to = Route::Unit { slug: &unit.slug }.path(lang);
                let ctx = RedirectCtx {
                    lang: lang.code(),
                    title: unit.name.get(lang).to_string(),
                    target: format!("{}{to}", crate::routes::root_from(&from)),
                    canonical: site.config.base_url.join(&to),
                };
                out.push(super::OutFile::new(format!("{from}index.html"), r.render("redirect.html", &ctx)?));
            }
        }
    }
    Ok(out)
}
