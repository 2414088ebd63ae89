//! The ranking pages: home, the rankings index, one page per edition and per indicator.

use serde::Serialize;

use super::{Base, Link, Renderer, RowCells, UnitLink};
use crate::diag::Diagnostic;
use crate::format;
use crate::i18n::Lang;
use crate::model::{Edition, Index, Row};
use crate::routes::{edition_data, Route};

#[derive(Serialize)]
struct TableRow {
    cells: RowCells,
    unit: UnitLink,
    values: Vec<String>,
}

#[derive(Serialize)]
struct Mover {
    unit: UnitLink,
    delta: String,
    text: String,
}

#[derive(Serialize)]
struct LatestBlock {
    index_name: String,
    heading: String,
    href: String,
    published: String,
    /// `công bố ngày 12 tháng 3, 2024`, `công bố tháng 3 năm 2018`: the date with its words.
    published_on: String,
    publisher: String,
    ranked: String,
    rows: Vec<TableRow>,
    movers_up: Vec<Mover>,
    movers_down: Vec<Mover>,
    compared_with: String,
    /// Why ranks are not compared with the previous edition (a change of field), or empty.
    not_compared: String,
    has_list_order: bool,
    has_derived: bool,
}

#[derive(Serialize)]
struct HomeCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    intro_title: String,
    intro_html: String,
    latest: Vec<LatestBlock>,
    rankings_href: String,
    units_href: String,
    map: Option<super::ChartBlock>,
    news: Vec<super::news::NewsItem>,
    news_href: String,
    models: Vec<super::honours::HonourItem>,
    models_href: String,
    contents: Vec<super::honours::MovementItem>,
    phases: Vec<super::honours::MovementItem>,
    movement_href: String,
    /// The targets' statuses in one line, when the site has targets.
    targets: Option<super::targets::Summary>,
}

/// "DTI cấp tỉnh 2022", and the label of a second edition of a year.
/// "Ranks are not compared with DTI 2023: it ranked 63 units, this edition 34", when the
/// previous edition ranked another field; else empty.
fn not_compared(r: &Renderer, index: &Index, ed: &Edition, lang: Lang) -> String {
    match ed.previous {
        Some(p) if index.editions[p].field != ed.field => r
            .t(lang, "not_compared_note")
            .replace("{edition}", &edition_title(index, &index.editions[p], lang))
            .replace("{before}", &format::int(index.editions[p].field as usize, lang))
            .replace("{now}", &format::int(ed.field as usize, lang)),
        _ => String::new(),
    }
}

fn edition_title(index: &Index, e: &Edition, lang: Lang) -> String {
    format!("{} {}", index.short.get(lang), e.year)
}

fn edition_heading(index: &Index, e: &Edition, lang: Lang) -> String {
    let label = e.label.get(lang);
    if label.is_empty() {
        edition_title(index, e, lang)
    } else {
        format!("{} — {label}", edition_title(index, e, lang))
    }
}

fn table_row(r: &Renderer, base: &Base, lang: Lang, row: &Row) -> TableRow {
    TableRow {
        cells: r.row_cells(lang, row),
        unit: r.unit_link(base, lang, row.unit),
        values: row.values.iter().zip(&row.value_decimals).map(|(v, &d)| format::score(*v, d as usize, lang)).collect(),
    }
}

fn movers(r: &Renderer, base: &Base, lang: Lang, index: &Index, e: &Edition, up: bool) -> Vec<Mover> {
    let prev = e.previous.map(|p| &index.editions[p]);
    e.movers(5, up)
        .into_iter()
        .map(|row| {
            let before = prev.and_then(|p| p.row_of(row.unit)).and_then(|x| x.rank);
            let text = match (before, row.rank) {
                (Some(b), Some(n)) => format!("{} {b} → {n}", r.t(lang, "rank_word")),
                _ => String::new(),
            };
            Mover { unit: r.unit_link(base, lang, row.unit), delta: format::delta(row.delta), text }
        })
        .collect()
}

pub(super) fn home(r: &Renderer, route: &Route, lang: Lang) -> Result<String, Diagnostic> {
    let site = r.site;
    let base = r.base(route, lang, site.config.title.get(lang).to_string(), String::new());
    let mut latest = Vec::new();
    for index in &site.indices {
        let Some(e) = index.latest() else { continue };
        let ed = &index.editions[e];
        let href = r.link(&base, &Route::Edition { index: &index.key, key: &ed.key }, lang);
        latest.push(LatestBlock {
            index_name: index.name.get(lang).to_string(),
            heading: edition_heading(index, ed, lang),
            href,
            published: format::published(ed.published, ed.published_precision, lang),
            published_on: published_on(r, ed, lang),
            publisher: ed.publisher.get(lang).to_string(),
            ranked: format::int(ed.ranked(), lang),
            rows: ed
                .rows
                .iter()
                .filter(|x| x.rank.is_some_and(|k| k <= 10))
                .map(|row| table_row(r, &base, lang, row))
                .collect(),
            movers_up: movers(r, &base, lang, index, ed, true),
            movers_down: movers(r, &base, lang, index, ed, false),
            compared_with: ed
                .compared(&index.editions)
                .map(|p| edition_title(index, &index.editions[p], lang))
                .unwrap_or_default(),
            not_compared: not_compared(r, index, ed, lang),
            has_derived: ed.has_derived(),
            has_list_order: ed
                .rows
                .iter()
                .filter(|x| x.rank.is_some_and(|k| k <= 10))
                .any(|x| x.basis == crate::model::RankBasis::ListOrder),
        });
    }
    let title = site.home.title.get(lang);
    let (contents, phases) = super::honours::movement_items(r, &base, lang);
    let map = site.indices.iter().enumerate().find_map(|(i, index)| {
        let e = index.latest()?;
        let l = crate::charts::pick_layout(site, i, e, &r.theme.tile_layouts)?;
        let href = |u: usize| r.unit_link(&base, lang, u).href;
        let page = Route::Edition { index: &index.key, key: &index.editions[e].key };
        let layout = &r.theme.tile_layouts[l];
        let chart =
            match crate::charts::tile_map(&r.theme.font, &r.theme.strings, site, i, e, layout, lang, &href, "home-map")
            {
                Ok(chart) => chart?,
                Err(err) => return Some(Err(r.chart_failed(&page, lang, "map", err))),
            };
        let mut unused = Vec::new();
        let mut block = r.chart(
            &page,
            lang,
            "map",
            chart,
            Some(format!("{}{}", base.root, edition_data(&index.key, &index.editions[e].key, "csv"))),
            &mut unused,
        );
        block.svg_href = format!("{}{}map.svg", base.root, page.path(lang));
        block.id = "home-map".into();
        Some(Ok(block))
    });
    let map = map.transpose()?;
    r.render(
        "home.html",
        &HomeCtx {
            map,
            news: site.news.iter().filter_map(|a| super::news::item(r, &base, lang, a)).take(5).collect(),
            news_href: r.link(&base, &Route::News { page: 1 }, lang),
            models: site.honours.iter().filter_map(|h| super::honours::item(r, &base, lang, h)).take(5).collect(),
            models_href: r.link(&base, &Route::Models, lang),
            contents,
            phases,
            movement_href: r.link(&base, &Route::Movement, lang),
            targets: super::targets::summary(r, &base, lang),
            intro_title: if title.is_empty() { site.config.title.get(lang).to_string() } else { title.to_string() },
            intro_html: super::texts::intro(site.home.text.get(lang)),
            latest,
            rankings_href: r.link(&base, &Route::Rankings, lang),
            units_href: r.link(&base, &Route::Units, lang),
            base,
        },
    )
}

#[derive(Serialize)]
struct EditionItem {
    href: String,
    title: String,
    label: String,
    published: String,
    published_on: String,
    ranked: String,
    scored: String,
}

#[derive(Serialize)]
struct IndexItem {
    /// The index's landing page.
    href: String,
    name: String,
    publisher: String,
    description: String,
    editions: Vec<EditionItem>,
}

#[derive(Serialize)]
struct RankingsCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    indices: Vec<IndexItem>,
    /// The Atom feed of the editions and their corrections.
    editions_feed: String,
}

pub(super) fn rankings(r: &Renderer, route: &Route, lang: Lang) -> Result<String, Diagnostic> {
    let base =
        r.base(route, lang, r.t(lang, "rankings_title").to_string(), r.t(lang, "rankings_description").to_string());
    let indices = r
        .site
        .indices
        .iter()
        .map(|index| IndexItem {
            href: r.link(&base, &Route::IndexPage { index: &index.key }, lang),
            name: index.name.get(lang).to_string(),
            publisher: index.publisher.get(lang).to_string(),
            description: index.description.get(lang).to_string(),
            editions: index
                .editions
                .iter()
                .rev()
                .map(|e| EditionItem {
                    href: r.link(&base, &Route::Edition { index: &index.key, key: &e.key }, lang),
                    title: edition_title(index, e, lang),
                    label: e.label.get(lang).to_string(),
                    published: format::published(e.published, e.published_precision, lang),
                    published_on: published_on(r, e, lang),
                    ranked: format::int(e.ranked(), lang),
                    scored: format::int(e.rows.iter().filter(|x| x.score.is_some()).count(), lang),
                })
                .collect(),
        })
        .collect();
    let editions_feed = format!("{}{}", base.root, crate::routes::editions_feed(lang));
    r.render("rankings.html", &RankingsCtx { base, indices, editions_feed })
}

#[derive(Serialize)]
struct Correction {
    date: String,
    what: String,
}

#[derive(Serialize)]
struct EditionCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    index_name: String,
    heading: String,
    label: String,
    publisher: String,
    published: String,
    decision: String,
    publisher_url: Option<String>,
    sources: Vec<String>,
    note: String,
    average: Option<String>,
    ranked: String,
    listed: String,
    has_derived: bool,
    /// Why ranks are not compared with the previous edition (a change of field), or empty.
    not_compared: String,
    has_list_order: bool,
    has_notes: bool,
    compared_with: String,
    columns: Vec<Link>,
    rows: Vec<TableRow>,
    prev: Option<Link>,
    next: Option<Link>,
    csv_href: String,
    json_href: String,
    corrections: Vec<Correction>,
    rankings_href: String,
    cite: super::cite::Cite,
    charts: Vec<super::ChartBlock>,
    /// The index's landing page.
    index_href: String,
    license: Option<super::linked::LicenseLink>,
    /// How many rows have a score, and how many units the edition ranked.
    scored: String,
    field: String,
    corrections_log_href: String,
    /// The edition's schema.org `Dataset`, as JSON for the page's head.
    jsonld: String,
}

pub(super) fn edition(
    r: &Renderer,
    route: &Route,
    lang: Lang,
    i: usize,
    e: usize,
    extra: &mut Vec<super::OutFile>,
) -> Result<String, Diagnostic> {
    let index = &r.site.indices[i];
    let ed = &index.editions[e];
    let heading = edition_heading(index, ed, lang);
    let description = format!("{} — {}: {}", heading, ed.publisher.get(lang), published_on(r, ed, lang));
    let mut base = r.base(route, lang, heading.clone(), description);
    // The share card is the scores chart, drawn before the links below borrow the base.
    let scores = crate::charts::edition_bars(&r.theme.font, &r.theme.strings, r.site, i, e, lang, "scores")
        .map_err(|e| r.chart_failed(route, lang, "scores", e))?;
    if let Some(c) = &scores {
        base.share_image = r.chart_card(route, lang, &c.svg, extra)?;
    }
    let base = base;
    let nav_link = |x: usize| {
        let other = &index.editions[x];
        Link {
            href: r.link(&base, &Route::Edition { index: &index.key, key: &other.key }, lang),
            label: edition_heading(index, other, lang),
        }
    };
    let csv_href = format!("{}{}", base.root, edition_data(&index.key, &ed.key, "csv"));
    let mut charts = Vec::new();
    let (font, strings) = (&r.theme.font, &r.theme.strings);
    let failed = |name: &str, e| r.chart_failed(route, lang, name, e);
    if let Some(c) = scores {
        charts.push(r.chart(route, lang, "scores", c, Some(csv_href.clone()), extra));
    }
    if let Some(l) = crate::charts::pick_layout(r.site, i, e, &r.theme.tile_layouts) {
        let href = |u: usize| r.unit_link(&base, lang, u).href;
        let map = crate::charts::tile_map(font, strings, r.site, i, e, &r.theme.tile_layouts[l], lang, &href, "map");
        if let Some(c) = map.map_err(|e| failed("map", e))? {
            charts.push(r.chart(route, lang, "map", c, Some(csv_href), extra));
        }
    }
    let cite = super::cite::with_license(
        super::cite::edition(r.site, index, ed, None, &base.canonical, lang),
        r.license_of(Some(index)),
        lang,
    );
    let ctx = EditionCtx {
        charts,
        index_name: index.name.get(lang).to_string(),
        heading,
        label: ed.label.get(lang).to_string(),
        publisher: ed.publisher.get(lang).to_string(),
        published: format::published(ed.published, ed.published_precision, lang),
        decision: ed.decision.clone(),
        publisher_url: ed.publisher_url.clone(),
        sources: ed.sources.clone(),
        note: ed.note.get(lang).to_string(),
        average: ed.average.map(|a| format::number(a, ed.average_decimals as usize, lang)),
        ranked: format::int(ed.ranked(), lang),
        listed: format::int(ed.rows.len(), lang),
        has_list_order: ed.has_list_order(),
        has_derived: ed.has_derived(),
        not_compared: not_compared(r, index, ed, lang),
        has_notes: ed.rows.iter().any(|x| !x.note.is_empty()),
        compared_with: ed
            .compared(&index.editions)
            .map(|p| edition_title(index, &index.editions[p], lang))
            .unwrap_or_default(),
        columns: ed
            .indicators
            .iter()
            .map(|&k| Link {
                href: r.link(
                    &base,
                    &Route::Indicator { index: &index.key, key: &ed.key, indicator: &index.indicators[k].key },
                    lang,
                ),
                label: index.indicators[k].name.get(lang).to_string(),
            })
            .collect(),
        rows: ed.rows.iter().map(|row| table_row(r, &base, lang, row)).collect(),
        prev: ed.previous.map(nav_link),
        next: index.next(e).map(nav_link),
        csv_href: format!("{}{}", base.root, edition_data(&index.key, &ed.key, "csv")),
        json_href: format!("{}{}", base.root, edition_data(&index.key, &ed.key, "json")),
        corrections: ed
            .corrections
            .iter()
            .map(|c| Correction { date: format::date(c.date, lang), what: c.what.get(lang).to_string() })
            .collect(),
        rankings_href: r.link(&base, &Route::Rankings, lang),
        index_href: r.link(&base, &Route::IndexPage { index: &index.key }, lang),
        license: r.license_link(Some(index)),
        scored: format::int(ed.rows.iter().filter(|x| x.score.is_some()).count(), lang),
        field: format::int(ed.field as usize, lang),
        corrections_log_href: format!("{}#corrections", r.link(&base, &Route::Data, lang)),
        jsonld: String::new(),
        cite,
        base,
    };
    let ctx = EditionCtx {
        jsonld: super::linked::script_json(&r.edition_dataset(
            index,
            ed,
            lang,
            &ctx.heading,
            &ctx.base.canonical,
            &ctx.cite.text,
        )),
        ..ctx
    };
    r.render("edition.html", &ctx)
}

#[derive(Serialize)]
struct IndicatorRow {
    rank: String,
    unit: UnitLink,
    value: String,
}

#[derive(Serialize)]
struct IndicatorCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    heading: String,
    indicator: String,
    parent: String,
    edition: Link,
    max: String,
    median: String,
    /// "of 12 units", said with the median so a median of few units reads as such.
    median_of: String,
    rows: Vec<IndicatorRow>,
    others: Vec<Link>,
    cite: super::cite::Cite,
}

pub(super) fn indicator(
    r: &Renderer,
    route: &Route,
    lang: Lang,
    i: usize,
    e: usize,
    k: usize,
) -> Result<String, Diagnostic> {
    let index = &r.site.indices[i];
    let ed = &index.editions[e];
    let ind = &index.indicators[k];
    let pos = ed.indicators.iter().position(|&x| x == k).unwrap_or(0);
    let heading = format!("{} — {}", ind.name.get(lang), edition_heading(index, ed, lang));
    let base = r.base(route, lang, heading.clone(), String::new());
    let rows = ed
        .indicator_ranking(pos, index.scale.higher_is_better)
        .into_iter()
        .map(|p| IndicatorRow {
            rank: format::rank(Some(p.rank), p.tied),
            unit: r.unit_link(&base, lang, p.unit),
            value: format::number(
                p.value,
                ed.row_of(p.unit).and_then(|row| row.value_decimals.get(pos)).map_or(index.decimals, |&d| d as usize),
                lang,
            ),
        })
        .collect();
    let ctx = IndicatorCtx {
        heading,
        indicator: ind.name.get(lang).to_string(),
        parent: ind.parent.map(|p| index.indicators[p].name.get(lang).to_string()).unwrap_or_default(),
        edition: Link {
            href: r.link(&base, &Route::Edition { index: &index.key, key: &ed.key }, lang),
            label: edition_heading(index, ed, lang),
        },
        max: format::number(ind.max, 2, lang),
        median: ed.indicator_median(pos).map_or_else(|| "—".into(), |m| format::number(m, index.decimals, lang)),
        median_of: r.t(lang, "median_of").replace("{count}", &format::int(ed.indicator_count(pos), lang)),
        rows,
        others: ed
            .indicators
            .iter()
            .filter(|&&x| x != k)
            .map(|&x| Link {
                href: r.link(
                    &base,
                    &Route::Indicator { index: &index.key, key: &ed.key, indicator: &index.indicators[x].key },
                    lang,
                ),
                label: index.indicators[x].name.get(lang).to_string(),
            })
            .collect(),
        cite: super::cite::with_license(
            super::cite::edition(r.site, index, ed, Some(ind.name.get(lang)), &base.canonical, lang),
            r.license_of(Some(index)),
            lang,
        ),
        base,
    };
    r.render("indicator.html", &ctx)
}

/// "Published on 12 March 2024", "published in March 2018": the words of the theme
/// (`published_on` for a day, `published_in` for a month or a year) and the date as published.
pub(super) fn published_on(r: &Renderer, ed: &Edition, lang: Lang) -> String {
    let key = match ed.published_precision {
        crate::model::DatePrecision::Day => "published_on",
        _ => "published_in",
    };
    format!("{} {}", r.t(lang, key), format::published(ed.published, ed.published_precision, lang))
}
