//! The exemplary models ("điển hình tiên tiến"): the honour roll grouped by content, year,
//! award and unit; one page per model; and the movement's pages: its seven contents (each with
//! its models) and its two phases.

use serde::Serialize;

use super::{Base, Link, Renderer, UnitLink};
use crate::diag::Diagnostic;
use crate::format;
use crate::i18n::{vi_cmp, Lang};
use crate::model::movement_keys;
use crate::model::TocEntry;
use crate::model::{Content, Honour, Site};
use crate::routes::Route;

#[derive(Serialize, Clone)]
pub(super) struct HonourItem {
    pub href: String,
    pub title: String,
    pub title_lang: Option<&'static str>,
    pub award: String,
    pub date: String,
    pub who: String,
}

/// A model as a list item in `lang`.
pub(super) fn item(r: &Renderer, base: &Base, lang: Lang, h: &Honour) -> Option<HonourItem> {
    let (text, in_lang) = h.text.any(lang)?;
    let who = match (&text.organisation, h.unit) {
        (o, _) if !o.is_empty() => o.clone(),
        (_, Some(u)) => r.site.units[u].name.get(lang).to_string(),
        _ => String::new(),
    };
    Some(HonourItem {
        href: r.link(base, &Route::Honour { slug: &h.slug }, in_lang),
        title: text.doc.title.clone(),
        title_lang: (in_lang != lang).then_some(in_lang.code()),
        award: r.t(lang, &format!("award_{}", h.award.key())).to_string(),
        date: format::date(h.decision_date, lang),
        who,
    })
}

#[derive(Serialize)]
struct Group {
    name: String,
    href: Option<String>,
    items: Vec<HonourItem>,
}

#[derive(Serialize)]
struct RollCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    count: usize,
    by_content: Vec<Group>,
    by_year: Vec<Group>,
    by_award: Vec<Group>,
    by_unit: Vec<Group>,
    chart: Option<super::ChartBlock>,
    /// The introduction of `content/models/_index.md` (HTML), or empty.
    intro: String,
}

fn group_by<K: Ord + Clone>(
    site: &Site,
    items: &[(usize, HonourItem)],
    key: impl Fn(&Honour) -> Option<K>,
    name: impl Fn(&K) -> (String, Option<String>),
) -> Vec<Group> {
    let mut keys: Vec<K> = site.honours.iter().filter_map(&key).collect();
    keys.sort();
    keys.dedup();
    keys.iter()
        .map(|k| {
            let (name, href) = name(k);
            Group {
                name,
                href,
                items: items
                    .iter()
                    .filter(|(h, _)| key(&site.honours[*h]).as_ref() == Some(k))
                    .map(|(_, i)| i.clone())
                    .collect(),
            }
        })
        .collect()
}

pub(super) fn roll(
    r: &Renderer,
    route: &Route,
    lang: Lang,
    extra: &mut Vec<super::OutFile>,
) -> Result<String, Diagnostic> {
    let site = r.site;
    let (title, intro) = super::news::section_text(r, "models", lang, "models_title");
    let base = r.base(route, lang, title, r.t(lang, "models_description").to_string());
    let items: Vec<(usize, HonourItem)> =
        site.honours.iter().enumerate().filter_map(|(i, h)| item(r, &base, lang, h).map(|x| (i, x))).collect();
    let by_content = group_by(
        site,
        &items,
        |h| Some(h.content),
        |&c| {
            (
                r.t(lang, &format!("content_{}", c.key())).to_string(),
                Some(r.link(&base, &Route::MovementPage { key: c.key() }, lang)),
            )
        },
    );
    let by_year = group_by(site, &items, |h| Some(std::cmp::Reverse(h.year)), |y| (y.0.to_string(), None));
    let by_award =
        group_by(site, &items, |h| Some(h.award), |&a| (r.t(lang, &format!("award_{}", a.key())).to_string(), None));
    let mut by_unit = group_by(
        site,
        &items,
        |h| h.unit,
        |&u| {
            let l = r.unit_link(&base, lang, u);
            (l.name, Some(l.href))
        },
    );
    by_unit.sort_by(|a, b| vi_cmp(&a.name, &b.name));
    let chart = crate::charts::models_grid(&r.theme.font, &r.theme.strings, site, lang, "models-grid")
        .map_err(|e| r.chart_failed(route, lang, "models", e))?
        .map(|c| r.chart(route, lang, "models", c, Some(format!("{}du-lieu/models.json", base.root)), extra));
    let ctx = RollCtx { count: items.len(), by_content, by_year, by_award, by_unit, chart, intro, base };
    r.render("models.html", &ctx)
}

#[derive(Serialize)]
struct HonourCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    unit: Option<UnitLink>,
    organisation: &'a str,
    person: &'a str,
    kind: String,
    content: Link,
    award: String,
    decision: &'a str,
    date: String,
    year: i32,
    phase: Link,
    body: String,
    toc: &'a [TocEntry],
    sources: &'a [String],
    models_href: String,
}

pub(super) fn honour(r: &Renderer, route: &Route, lang: Lang, i: usize) -> Result<String, Diagnostic> {
    let h = &r.site.honours[i];
    let Some(text) = h.text.get(lang) else {
        let (text, _) =
            h.text.any(lang).ok_or_else(|| Diagnostic::error(&h.slug, None, crate::tr!("model without text")))?;
        return super::news::notice(r, route, lang, &text.doc.title, (Route::Models, "nav_models"));
    };
    let mut base = r.base(route, lang, text.doc.title.clone(), text.doc.description.clone());
    base.draft = text.doc.draft;
    base.extra = super::theme_api::extra(r.site, Some(&text.doc));
    if let Some(share) = r.chosen_share(h.image.as_deref()) {
        base.share_image = share;
    }
    let phase_key = h.phase.key();
    let ctx = HonourCtx {
        unit: h.unit.map(|u| r.unit_link(&base, lang, u)),
        organisation: &text.organisation,
        person: &text.person,
        kind: r.t(lang, if h.individual { "kind_individual" } else { "kind_collective" }).to_string(),
        content: Link {
            href: r.link(&base, &Route::MovementPage { key: h.content.key() }, lang),
            label: r.t(lang, &format!("content_{}", h.content.key())).to_string(),
        },
        award: r.t(lang, &format!("award_{}", h.award.key())).to_string(),
        decision: &text.decision,
        date: format::date(h.decision_date, lang),
        year: h.year,
        phase: Link {
            href: r.link(&base, &Route::MovementPage { key: phase_key }, lang),
            label: r.t(lang, &format!("content_{phase_key}")).to_string(),
        },
        body: r.body(&text.doc, lang, &base.root)?,
        toc: &text.doc.toc,
        sources: &h.sources,
        models_href: r.link(&base, &Route::Models, lang),
        base,
    };
    r.render("model.html", &ctx)
}

#[derive(Serialize)]
pub(super) struct MovementItem {
    href: String,
    name: String,
    description: String,
    models: usize,
}

#[derive(Serialize)]
struct MovementCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    contents: Vec<MovementItem>,
    phases: Vec<MovementItem>,
    /// The introduction of `content/movement/_index.md` (HTML), or empty.
    intro: String,
}

/// The seven contents and two phases as links, for the movement page and the home page.
pub(super) fn movement_items(r: &Renderer, base: &Base, lang: Lang) -> (Vec<MovementItem>, Vec<MovementItem>) {
    let items = movement_keys().map(|key| {
        let page = r.site.movement.iter().find(|p| p.slug == key);
        let doc = page.and_then(|p| p.doc.any(lang));
        MovementItem {
            href: r.link(base, &Route::MovementPage { key }, lang),
            name: r.t(lang, &format!("content_{key}")).to_string(),
            description: doc.filter(|(_, l)| *l == lang).map(|(d, _)| d.description.clone()).unwrap_or_default(),
            models: Content::from_key(key).map_or(0, |c| r.site.honours.iter().filter(|h| h.content == c).count()),
        }
    });
    let (contents, phases): (Vec<_>, Vec<_>) = items.enumerate().partition(|(i, _)| *i < Content::ALL.len());
    (contents.into_iter().map(|x| x.1).collect(), phases.into_iter().map(|x| x.1).collect())
}

pub(super) fn movement(r: &Renderer, route: &Route, lang: Lang) -> Result<String, Diagnostic> {
    let (title, intro) = super::news::section_text(r, "movement", lang, "movement_title");
    let base = r.base(route, lang, title, r.t(lang, "movement_description").to_string());
    let (contents, phases) = movement_items(r, &base, lang);
    r.render("movement.html", &MovementCtx { contents, phases, intro, base })
}

#[derive(Serialize)]
struct MovementPageCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    body: String,
    untranslated: bool,
    body_lang: &'static str,
    models: Vec<HonourItem>,
    is_content: bool,
    movement_href: String,
}

pub(super) fn movement_page(r: &Renderer, route: &Route, lang: Lang, key: &str) -> Result<String, Diagnostic> {
    let page = r.site.movement.iter().find(|p| p.slug == key);
    let doc = page.and_then(|p| p.doc.any(lang));
    let name = r.t(lang, &format!("content_{key}")).to_string();
    let description = doc.filter(|(_, l)| *l == lang).map(|(d, _)| d.description.clone()).unwrap_or_default();
    let mut base = r.base(route, lang, name, description);
    base.draft = doc.is_some_and(|(d, _)| d.draft);
    base.extra = super::theme_api::extra(r.site, doc.map(|(d, _)| d));
    let content = Content::from_key(key);
    let models =
        r.site.honours.iter().filter(|h| Some(h.content) == content).filter_map(|h| item(r, &base, lang, h)).collect();
    let ctx = MovementPageCtx {
        body: doc.map(|(d, l)| r.body(d, l, &base.root)).transpose()?.unwrap_or_default(),
        untranslated: doc.is_some_and(|(_, l)| l != lang),
        body_lang: doc.map_or(lang.code(), |(_, l)| l.code()),
        models,
        is_content: content.is_some(),
        movement_href: r.link(&base, &Route::Movement, lang),
        base,
    };
    r.render("movement_page.html", &ctx)
}

#[derive(Serialize)]
struct PageCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    body: String,
    toc: &'a [TocEntry],
}

pub(super) fn page(r: &Renderer, route: &Route, lang: Lang, i: usize) -> Result<String, Diagnostic> {
    let p = &r.site.pages[i];
    let Some(doc) = p.doc.get(lang) else {
        let (doc, _) =
            p.doc.any(lang).ok_or_else(|| Diagnostic::error(&p.slug, None, crate::tr!("page without text")))?;
        return super::news::notice(r, route, lang, &doc.title, (Route::Home, "nav_home"));
    };
    let mut base = r.base(route, lang, doc.title.clone(), doc.description.clone());
    base.draft = doc.draft;
    base.extra = super::theme_api::extra(r.site, Some(doc));
    r.render("page.html", &PageCtx { body: r.body(doc, lang, &base.root)?, toc: &doc.toc, base })
}
