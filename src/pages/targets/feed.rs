//! Each language's Atom feed of the targets' published figures (`muc-tieu/atom.xml`,
//! `en/targets/atom.xml`), newest first by the date each figure refers to; undated figures are
//! left out (they have no place in time).

use serde::Serialize;

use super::super::{OutFile, Renderer};
use crate::diag::Diagnostic;
use crate::i18n::Lang;
use crate::routes::Route;

/// Figures in a feed.
const NEWEST: usize = 30;

#[derive(Serialize)]
struct Entry {
    wording: String,
    value: String,
    date: String,
    href: String,
    /// The figure's place in its target's `reports.csv` rows, for a stable id.
    number: usize,
    updated: String,
    reporter: String,
    goal: String,
    deadline: String,
    comparable: bool,
    source: String,
}

#[derive(Serialize)]
struct FeedCtx<'a> {
    lang: &'static str,
    site_title: &'a str,
    self_href: String,
    page_href: String,
    updated: String,
    entries: Vec<Entry>,
}

/// The feed's path in `lang`.
pub(in crate::pages) fn path(lang: Lang) -> String {
    format!("{}atom.xml", Route::Targets.path(lang))
}

/// Both languages' feeds; none when the site has no targets.
pub(in crate::pages) fn feeds(r: &Renderer) -> Result<Vec<OutFile>, Diagnostic> {
    if r.site.targets.is_empty() {
        return Ok(Vec::new());
    }
    Lang::ALL.iter().map(|&l| feed(r, l)).collect()
}

fn feed(r: &Renderer, lang: Lang) -> Result<OutFile, Diagnostic> {
    let site = r.site;
    let base = &site.config.base_url;
    let mut all: Vec<(chrono::NaiveDate, usize, usize)> = Vec::new();
    for (i, t) in site.targets.iter().enumerate() {
        for (j, rep) in t.reports.iter().enumerate() {
            if let Some(d) = rep.date {
                all.push((d.day(), i, j));
            }
        }
    }
    all.sort_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    all.truncate(NEWEST);
    let stamp = |d: chrono::NaiveDate| format!("{d}T00:00:00Z");
    let entries = all
        .iter()
        .map(|&(day, i, j)| {
            let t = &site.targets[i];
            let rep = &t.reports[j];
            Entry {
                wording: t.wording.get(lang).to_string(),
                value: super::report_value(r, lang, t, rep),
                date: rep.date.map(|d| super::period(d, lang)).unwrap_or_default(),
                href: base.join(&Route::Target { key: &t.key }.path(lang)),
                number: j,
                updated: stamp(day),
                reporter: rep.reporter.get(lang).to_string(),
                goal: super::goal(r, lang, t),
                deadline: super::period(t.deadline, lang),
                comparable: rep.comparable,
                source: rep.sources.first().cloned().unwrap_or_default(),
            }
        })
        .collect();
    let ctx = FeedCtx {
        lang: lang.code(),
        site_title: site.config.title.get(lang),
        self_href: base.join(&path(lang)),
        page_href: base.join(&Route::Targets.path(lang)),
        updated: all.first().map_or_else(|| stamp(site.build_date), |a| stamp(a.0)),
        entries,
    };
    Ok(OutFile::new(path(lang), r.render("targets.xml", &ctx)?))
}
