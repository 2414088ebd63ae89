//! The movement's targets: the overview (each target's status, by content and by the phase it
//! falls due in, with the rules the statuses follow), a page per target (its figures, history
//! chart, sources and citation), a unit's own targets on its page, and the downloads ([`data`]).

pub(super) mod data;
pub(super) mod feed;

use chrono::Datelike;
use serde::Serialize;

use super::cite::Cite;
use super::{Base, Link, Renderer, UnitLink};
use crate::diag::Diagnostic;
use crate::format;
use crate::i18n::{fill, Lang, Text};
use crate::model::{Content, Measure, PathStart, Period, Reason, Report, Status, StatusKind, Target, TimelinePhase};
use crate::routes::{targets_data, Route};

/// A target as a list item.
#[derive(Serialize, Clone)]
pub(super) struct TargetItem {
    pub href: String,
    pub wording: String,
    /// The wording's language when it is only in the other one, else nothing.
    pub wording_lang: Option<&'static str>,
    pub document: String,
    pub content: String,
    pub goal: String,
    pub deadline: String,
    pub latest: Option<String>,
    pub latest_date: String,
    pub status: &'static str,
    pub status_label: String,
    pub basis: String,
}

/// A text of a [`Text`] in `lang`, with its language when it had to come from the other one.
fn in_lang(t: &Text, lang: Lang) -> (String, Option<&'static str>) {
    let want = match lang {
        Lang::Vi => &t.vi,
        Lang::En => &t.en,
    };
    if want.is_empty() && !t.get(lang).is_empty() {
        (t.get(lang).to_string(), Some(lang.other().code()))
    } else {
        (want.clone(), None)
    }
}

pub(super) fn period(p: Period, lang: Lang) -> String {
    format::partial_date(p.year, p.month, p.day, lang)
}

/// A value of the target's measure as a reader reads it: `85,1%`, `hạng 71`, `7,6`.
pub(super) fn value(r: &Renderer, lang: Lang, measure: Measure, v: f64, decimals: u8) -> String {
    let n = format::number(v, decimals as usize, lang);
    match measure {
        Measure::Percent => format!("{n}%"),
        Measure::Rank => fill(r.t(lang, "target_value_rank"), &[("value", &n)]),
        _ => n,
    }
}

/// The promise: `≥ 80%`, `hạng ≤ 50`, or "qualitative".
pub(super) fn goal(r: &Renderer, lang: Lang, t: &Target) -> String {
    match t.value {
        None => r.t(lang, "target_qualitative").to_string(),
        Some(v) => {
            let cmp = match t.cmp.key() {
                ">=" => "≥",
                "<=" => "≤",
                other => other,
            };
            let n = format::number(v, t.decimals as usize, lang);
            match t.measure {
                Measure::Percent => format!("{cmp} {n}%"),
                Measure::Rank => fill(r.t(lang, "target_value_rank"), &[("value", &format!("{cmp} {n}"))]),
                _ => format!("{cmp} {n}"),
            }
        }
    }
}

/// A report's value: in the target's measure when comparable, else with the words of its own.
pub(super) fn report_value(r: &Renderer, lang: Lang, t: &Target, rep: &Report) -> String {
    if rep.comparable {
        value(r, lang, t.measure, rep.value, rep.decimals)
    } else {
        let n = format::number(rep.value, rep.decimals as usize, lang);
        let words = rep.measure.get(lang);
        if words.is_empty() {
            n
        } else {
            format!("{n} ({words})")
        }
    }
}

/// The status sentence: which rule applied, and on which report it rests.
fn basis(r: &Renderer, lang: Lang, t: &Target, s: &Status) -> String {
    let g = goal(r, lang, t);
    let deadline = period(t.deadline, lang);
    let rep = s.report.map(|i| &t.reports[i]);
    let v = rep.map(|x| report_value(r, lang, t, x)).unwrap_or_default();
    let date = rep.and_then(|x| x.date).map(|d| period(d, lang)).unwrap_or_default();
    let reporter = rep.map(|x| x.reporter.get(lang).to_string()).unwrap_or_default();
    let from = match s.path_from {
        Some(PathStart::Baseline) => t.baseline.map(|(bv, bd, bp)| {
            fill(
                r.t(lang, "path_from_baseline"),
                &[("value", &value(r, lang, t.measure, bv, bd)), ("date", &period(bp, lang))],
            )
        }),
        Some(PathStart::Report(i)) => {
            let x = &t.reports[i];
            Some(fill(
                r.t(lang, "path_from_report"),
                &[
                    ("value", &report_value(r, lang, t, x)),
                    ("date", &x.date.map(|d| period(d, lang)).unwrap_or_default()),
                ],
            ))
        }
        None => None,
    }
    .unwrap_or_default();
    let (key, expected) = match s.reason {
        Reason::Reached => ("basis_reached", None),
        Reason::AbovePath { expected } => ("basis_above_path", Some(expected)),
        Reason::BelowPath { expected } => ("basis_below_path", Some(expected)),
        Reason::MissedAtDeadline => ("basis_missed", None),
        Reason::NoReportSinceDeadline => ("basis_stale", None),
        Reason::NeverReported => ("basis_never", None),
        Reason::NoReport => ("basis_none", None),
        Reason::NoPath => ("basis_no_path", None),
        Reason::Qualitative => ("basis_qualitative", None),
    };
    let expected = expected.map(|e| value(r, lang, t.measure, e, t.decimals.max(1))).unwrap_or_default();
    fill(
        r.t(lang, key),
        &[
            ("value", &v),
            ("date", &date),
            ("reporter", &reporter),
            ("goal", &g),
            ("deadline", &deadline),
            ("expected", &expected),
            ("from", &from),
        ],
    )
}

/// The target `i` as a list item on the page at `base`.
pub(super) fn item(r: &Renderer, base: &Base, lang: Lang, i: usize) -> TargetItem {
    let site = r.site;
    let t = &site.targets[i];
    let s = t.status(site.build_date);
    let (wording, wording_lang) = in_lang(&t.wording, lang);
    let latest = t.timeline().last().map(|&j| &t.reports[j]);
    TargetItem {
        href: r.link(base, &Route::Target { key: &t.key }, lang),
        wording,
        wording_lang,
        document: site.programmes[t.programme].document.clone(),
        content: content_name(r, lang, t.content),
        goal: goal(r, lang, t),
        deadline: period(t.deadline, lang),
        latest: latest.map(|x| report_value(r, lang, t, x)),
        latest_date: latest.and_then(|x| x.date).map(|d| period(d, lang)).unwrap_or_default(),
        status: s.kind.key(),
        status_label: r.t(lang, &format!("status_{}", s.kind.key())).to_string(),
        basis: basis(r, lang, t, &s),
    }
}

fn content_name(r: &Renderer, lang: Lang, c: Option<Content>) -> String {
    r.t(lang, &format!("content_{}", c.map_or("general", Content::key))).to_string()
}

#[derive(Serialize)]
struct StatusCount {
    status: &'static str,
    label: String,
    count: usize,
}

/// The targets in one line for the home page: the overview's link and the count per status.
#[derive(Serialize)]
pub(super) struct Summary {
    href: String,
    counts: Vec<StatusCount>,
}

/// The home page's line about the targets; `None` when the site has none.
pub(super) fn summary(r: &Renderer, base: &Base, lang: Lang) -> Option<Summary> {
    let site = r.site;
    if site.targets.is_empty() {
        return None;
    }
    let statuses: Vec<StatusKind> = site.targets.iter().map(|t| t.status(site.build_date).kind).collect();
    Some(Summary { href: r.link(base, &Route::Targets, lang), counts: status_counts(r, lang, &statuses) })
}

fn status_counts(r: &Renderer, lang: Lang, statuses: &[StatusKind]) -> Vec<StatusCount> {
    StatusKind::ALL
        .iter()
        .map(|k| StatusCount {
            status: k.key(),
            label: r.t(lang, &format!("status_{}", k.key())).to_string(),
            count: statuses.iter().filter(|s| *s == k).count(),
        })
        .collect()
}

/// A status and the rule that gives it, in words.
#[derive(Serialize)]
struct Rule {
    status: &'static str,
    label: String,
    rule: String,
}

#[derive(Serialize)]
struct Group {
    name: String,
    href: Option<String>,
    items: Vec<TargetItem>,
}

#[derive(Serialize)]
struct Phase {
    key: &'static str,
    name: String,
    years: Vec<Group>,
    count: usize,
}

#[derive(Serialize)]
struct ProgrammeItem {
    document: String,
    name: String,
    date: String,
    url: String,
    unit: Option<UnitLink>,
    count: usize,
}

#[derive(Serialize)]
struct OverviewCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    as_of: String,
    /// How many targets have a comparable, dated figure, as text.
    reported: String,
    total: String,
    counts: Vec<StatusCount>,
    rules: Vec<Rule>,
    by_content: Vec<Group>,
    phases: Vec<Phase>,
    programmes: Vec<ProgrammeItem>,
    downloads: Vec<Link>,
    /// The feed of new figures.
    feed_href: String,
}

/// The three downloads, as links from the page at `base`.
fn downloads(r: &Renderer, base: &Base, lang: Lang) -> Vec<Link> {
    [("targets.csv", "targets_csv"), ("target-reports.csv", "targets_reports_csv"), ("targets.json", "targets_json")]
        .into_iter()
        .map(|(f, k)| Link { href: format!("{}{}", base.root, targets_data(f)), label: r.t(lang, k).to_string() })
        .collect()
}

pub(super) fn overview(r: &Renderer, route: &Route, lang: Lang) -> Result<String, Diagnostic> {
    let site = r.site;
    let base =
        r.base(route, lang, r.t(lang, "targets_title").to_string(), r.t(lang, "targets_description").to_string());
    let items: Vec<TargetItem> = (0..site.targets.len()).map(|i| item(r, &base, lang, i)).collect();
    let kinds: Vec<StatusKind> = site.targets.iter().map(|t| t.status(site.build_date).kind).collect();
    let counts = status_counts(r, lang, &kinds);
    let contents: Vec<Option<Content>> = Content::ALL.iter().copied().map(Some).chain([None]).collect();
    let by_content = contents
        .into_iter()
        .map(|c| Group {
            name: content_name(r, lang, c),
            href: c.map(|c| r.link(&base, &Route::MovementPage { key: c.key() }, lang)),
            items: site
                .targets
                .iter()
                .enumerate()
                .filter(|(_, t)| t.content == c)
                .map(|(i, _)| items[i].clone())
                .collect(),
        })
        .filter(|g| !g.items.is_empty())
        .collect();
    let phases = TimelinePhase::ALL
        .iter()
        .map(|&p| {
            let mut years: Vec<i32> =
                site.targets.iter().map(Target::due_year).filter(|&y| TimelinePhase::of_year(y) == p).collect();
            years.sort_unstable();
            years.dedup();
            let years: Vec<Group> = years
                .into_iter()
                .map(|y| Group {
                    name: fill(r.t(lang, "due_in"), &[("year", &y.to_string())]),
                    href: None,
                    items: site
                        .targets
                        .iter()
                        .enumerate()
                        .filter(|(_, t)| t.due_year() == y)
                        .map(|(i, _)| items[i].clone())
                        .collect(),
                })
                .collect();
            Phase {
                key: p.key(),
                name: r.t(lang, &format!("timeline_{}", p.key())).to_string(),
                count: years.iter().map(|g| g.items.len()).sum(),
                years,
            }
        })
        .collect();
    let programmes = site
        .programmes
        .iter()
        .enumerate()
        .map(|(p, prog)| ProgrammeItem {
            document: prog.document.clone(),
            name: prog.name.get(lang).to_string(),
            date: period(prog.date, lang),
            url: prog.url.clone(),
            unit: prog.unit.map(|u| r.unit_link(&base, lang, u)),
            count: site.targets.iter().filter(|t| t.programme == p).count(),
        })
        .collect();
    let ctx = OverviewCtx {
        as_of: format::date(site.build_date, lang),
        reported: format::int(site.targets.iter().filter(|t| !t.timeline().is_empty()).count(), lang),
        total: format::int(site.targets.len(), lang),
        counts,
        rules: StatusKind::ALL
            .iter()
            .map(|k| Rule {
                status: k.key(),
                label: r.t(lang, &format!("status_{}", k.key())).to_string(),
                rule: r.t(lang, &format!("target_rule_{}", k.key())).to_string(),
            })
            .collect(),
        by_content,
        phases,
        programmes,
        downloads: downloads(r, &base, lang),
        feed_href: format!("{}{}", base.root, feed::path(lang)),
        base,
    };
    r.render("targets.html", &ctx)
}

#[derive(Serialize)]
struct ReportRow {
    value: String,
    date: String,
    reporter: String,
    sources: Vec<Link>,
    comparable: bool,
    note: String,
    note_lang: Option<&'static str>,
    rests: bool,
}

#[derive(Serialize)]
struct TargetCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    target: TargetItem,
    wording_other: String,
    programme: ProgrammeItem,
    content: Link,
    measure: String,
    rank_lower: bool,
    baseline: Option<String>,
    reports: Vec<ReportRow>,
    sources: Vec<Link>,
    note: String,
    note_lang: Option<&'static str>,
    chart: Option<super::ChartBlock>,
    cite: Cite,
    targets_href: String,
    downloads: Vec<Link>,
}

pub(super) fn target(
    r: &Renderer,
    route: &Route,
    lang: Lang,
    i: usize,
    extra: &mut Vec<super::OutFile>,
) -> Result<String, Diagnostic> {
    let site = r.site;
    let t = &site.targets[i];
    let prog = &site.programmes[t.programme];
    let (wording, _) = in_lang(&t.wording, lang);
    let title = format!("{}: {}", r.t(lang, "target_word"), wording);
    let base = r.base(route, lang, title, format!("{} — {}", prog.document, goal(r, lang, t)));
    let item = item(r, &base, lang, i);
    let status = t.status(site.build_date);
    let mut reports: Vec<usize> = (0..t.reports.len()).collect();
    // Newest first; undated last, in the order of the file.
    reports.sort_by_key(|&j| (std::cmp::Reverse(t.reports[j].date.map(Period::day)), j));
    let reports = reports
        .into_iter()
        .map(|j| {
            let rep = &t.reports[j];
            let (note, note_lang) = in_lang(&rep.note, lang);
            ReportRow {
                value: report_value(r, lang, t, rep),
                date: rep.date.map_or_else(|| r.t(lang, "target_undated").to_string(), |d| period(d, lang)),
                reporter: rep.reporter.get(lang).to_string(),
                sources: rep.sources.iter().map(|u| source_link(u)).collect(),
                comparable: rep.comparable,
                note,
                note_lang,
                rests: status.report == Some(j),
            }
        })
        .collect();
    let (goal_text, fmt_value, fmt_date) =
        (goal(r, lang, t), |v: f64, d: u8| value(r, lang, t.measure, v, d), |p: Period| period(p, lang));
    let words = crate::charts::TargetWords { value: &fmt_value, goal: &goal_text, date: &fmt_date };
    let chart = crate::charts::target_history(&r.theme.font, &r.theme.strings, site, i, lang, "target", &words)
        .map_err(|e| r.chart_failed(route, lang, "target", e))?
        .map(|c| r.chart(route, lang, "target", c, None, extra));
    let (note, note_lang) = in_lang(&t.note, lang);
    let cite_title = fill(r.t(lang, "target_cite_title"), &[("wording", &wording), ("document", &prog.document)]);
    let cite = Cite {
        text: fill(
            r.t(lang, "target_cite"),
            &[
                ("site", site.config.title.get(lang)),
                ("year", &site.build_date.year().to_string()),
                ("title", &cite_title),
                ("permalink", &base.canonical),
                ("built", &format::date(site.build_date, lang)),
            ],
        ),
        bibtex: format!(
            "@misc{{{},\n  author = {{{{{}}}}},\n  title = {{{{{}}}}},\n  year = {{{}}},\n  howpublished = {{\\url{{{}}}}},\n  urldate = {{{}}}\n}}",
            t.key,
            bib(site.config.title.get(lang)),
            bib(&cite_title),
            site.build_date.year(),
            base.canonical,
            site.build_date
        ),
        id: "cite".into(),
    };
    let ctx = TargetCtx {
        wording_other: t.wording.get(lang.other()).to_string(),
        programme: ProgrammeItem {
            document: prog.document.clone(),
            name: prog.name.get(lang).to_string(),
            date: period(prog.date, lang),
            url: prog.url.clone(),
            unit: prog.unit.map(|u| r.unit_link(&base, lang, u)),
            count: 0,
        },
        content: Link {
            href: match t.content {
                Some(c) => r.link(&base, &Route::MovementPage { key: c.key() }, lang),
                None => r.link(&base, &Route::Movement, lang),
            },
            label: content_name(r, lang, t.content),
        },
        measure: t.unit_words.get(lang).to_string(),
        rank_lower: t.measure == Measure::Rank,
        baseline: t.baseline.map(|(v, d, p)| format!("{} ({})", value(r, lang, t.measure, v, d), period(p, lang))),
        reports,
        sources: t.sources.iter().map(|u| source_link(u)).collect(),
        note,
        note_lang,
        chart,
        cite,
        targets_href: r.link(&base, &Route::Targets, lang),
        downloads: downloads(r, &base, lang),
        target: item,
        base,
    };
    r.render("target.html", &ctx)
}

/// A source's URL, named by its site (`vneconomy.vn`) so that a list of them fits a phone.
fn source_link(u: &str) -> Link {
    let host = url::Url::parse(u).ok().and_then(|p| p.host_str().map(|h| h.trim_start_matches("www.").to_string()));
    Link { href: u.to_string(), label: host.unwrap_or_else(|| u.to_string()) }
}

fn bib(s: &str) -> String {
    s.replace('\\', "\\textbackslash{}").replace('{', "\\{").replace('}', "\\}").replace('%', "\\%").replace('&', "\\&")
}

/// The targets of the programmes of unit `u` (its own plan), as list items.
pub(super) fn of_unit(r: &Renderer, base: &Base, lang: Lang, u: usize) -> Vec<TargetItem> {
    let site = r.site;
    (0..site.targets.len())
        .filter(|&i| site.programmes[site.targets[i].programme].unit == Some(u))
        .map(|i| item(r, base, lang, i))
        .collect()
}
