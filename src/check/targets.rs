//! `data/targets/`: the programmes that set targets (`programmes.csv`), the targets
//! (`targets.csv`) and the values reported for them (`reports.csv`), each row read as a typed
//! row and checked: keys, known programmes, units and contents, values against their measure
//! (a percentage within 0–100, a rank a whole number from 1 with "lower is better"), dates at
//! a year's, a month's or a day's precision, sources, duplicates.

use std::collections::HashMap;

use serde::Deserialize;

use super::rows::{decimals_of, parse_number};
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::Text;
use crate::load::RawTable;
use crate::model::{is_slug, Cmp, Content, Measure, Period, Programme, Report, Target, UnitId, REPORT_COLUMNS};

pub(super) const PROGRAMME_COLUMNS: [&str; 9] =
    ["key", "unit", "name_vi", "name_en", "document", "date", "url", "note_vi", "note_en"];
pub(super) const TARGET_COLUMNS: [&str; 16] = [
    "key",
    "programme",
    "content",
    "wording_vi",
    "wording_en",
    "measure",
    "measure_vi",
    "measure_en",
    "cmp",
    "target",
    "deadline",
    "baseline",
    "baseline_date",
    "sources",
    "note_vi",
    "note_en",
];

use crate::model::GENERAL_CONTENT as GENERAL;

#[derive(Deserialize, Default)]
#[serde(default)]
struct ProgrammeRow {
    key: String,
    unit: String,
    name_vi: String,
    name_en: String,
    document: String,
    date: String,
    url: String,
    note_vi: String,
    note_en: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TargetRow {
    key: String,
    programme: String,
    content: String,
    wording_vi: String,
    wording_en: String,
    measure: String,
    measure_vi: String,
    measure_en: String,
    cmp: String,
    target: String,
    deadline: String,
    baseline: String,
    baseline_date: String,
    sources: String,
    note_vi: String,
    note_en: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ReportRow {
    target: String,
    value: String,
    date: String,
    sources: String,
    reporter_vi: String,
    reporter_en: String,
    same_definition: String,
    measure_vi: String,
    measure_en: String,
    note_vi: String,
    note_en: String,
}

/// One file's problems, located.
struct At<'a> {
    file: &'a str,
    diags: &'a mut Diagnostics,
}

impl At<'_> {
    fn err(&mut self, line: usize, message: crate::diag::Text, hint: crate::diag::Text) {
        self.diags.push(Diagnostic::error(self.file, Some(line), message).hint(hint));
    }

    /// `s` as a period, or an error naming `column`.
    fn period(&mut self, line: usize, column: &str, s: &str) -> Option<Period> {
        let p = Period::parse(s);
        if p.is_none() {
            self.err(
                line,
                crate::tr!("`{column}` `{s}` is not a date", column, s),
                crate::tr!("write a year (2025), a month (2025-08) or a day (2025-08-17)"),
            );
        }
        p
    }

    /// `s` as a number of `measure`, or an error naming `column`.
    fn value(&mut self, line: usize, column: &str, s: &str, dc: bool, measure: Measure) -> Option<(f64, u8)> {
        let v = match parse_number(s, dc) {
            Ok(v) => v,
            Err(comma) => {
                self.err(
                    line,
                    if comma {
                        crate::tr!("`{column}` `{s}` uses a decimal comma in a comma-delimited file", column, s)
                    } else {
                        crate::tr!("`{column}` `{s}` is not a number", column, s)
                    },
                    crate::tr!("write the number alone, e.g. 14.02 (no % sign, no words)"),
                );
                return None;
            }
        };
        if let Some(why) = measure.refuses(v) {
            let hint = match measure {
                Measure::Percent => crate::tr!("a percentage is written in 0–100: 85.1 for 85.1 %"),
                Measure::Rank => {
                    crate::tr!("a rank is a place in a ranking: 1, 2, 3 …; \"top 50\" is written 50 with cmp <=")
                }
                _ => crate::tr!("write the value as published"),
            };
            self.err(
                line,
                crate::tr!("`{column}` {s} {why} (measure `{value}`)", column, s, why, value = measure.key()),
                hint,
            );
            return None;
        }
        Some((v, decimals_of(s)))
    }

    /// The URLs of a `sources` cell (` ; `-separated); at least one, each http(s).
    fn sources(&mut self, line: usize, s: &str) -> Vec<String> {
        let list: Vec<String> = s.split(';').map(str::trim).filter(|u| !u.is_empty()).map(String::from).collect();
        if list.is_empty() {
            self.err(
                line,
                crate::tr!("`sources` is empty"),
                crate::tr!("name where the figure was read: its URL, e.g. https://…"),
            );
        }
        for u in &list {
            if !(u.starts_with("https://") || u.starts_with("http://")) || u.contains(char::is_whitespace) {
                self.err(
                    line,
                    crate::tr!("source `{u}` is not a web address", u),
                    crate::tr!("write each source as a URL starting with https://, several separated by ;"),
                );
            }
        }
        list
    }

    fn columns(&mut self, t: &RawTable, known: &[&str], needed: &[&str]) {
        for h in &t.headers {
            if !known.contains(&h.as_str()) {
                self.err(
                    t.header_line,
                    crate::tr!("unknown column `{h}`", h),
                    crate::tr!("the columns are: {join}", join = known.join(",")),
                );
            }
        }
        for need in needed {
            if t.column(need).is_none() {
                self.err(
                    t.header_line,
                    crate::tr!("column `{need}` is missing", need),
                    crate::tr!("the header must be: {join}", join = known.join(",")),
                );
            }
        }
    }
}

fn rows<T: serde::de::DeserializeOwned>(t: &RawTable, at: &mut At) -> Vec<(usize, T)> {
    let mut out = Vec::new();
    for (raw, row) in super::typed_rows::<T>(t) {
        match row {
            Ok(r) => out.push((raw.line, r)),
            Err(e) => at.err(
                raw.line,
                crate::tr!("cannot read the row: {e}", e),
                crate::tr!("check that the row has the columns of the header"),
            ),
        }
    }
    out
}

fn text(vi: &str, en: &str) -> Text {
    Text::new(vi, en)
}

/// Checks `data/targets/*.csv` into programmes and targets (with their reports).
pub(super) fn check_targets(
    files: &std::collections::BTreeMap<String, RawTable>,
    by_id: &HashMap<String, UnitId>,
    diags: &mut Diagnostics,
) -> (Vec<Programme>, Vec<Target>) {
    for (name, t) in files {
        if !["programmes.csv", "targets.csv", "reports.csv"].contains(&name.as_str()) {
            diags.push(Diagnostic::error(&t.file, None, crate::tr!("`{name}` is not a targets file", name)).hint(
                crate::tr!("data/targets/ holds programmes.csv, targets.csv and reports.csv: rename or move this file"),
            ));
        }
    }
    let (Some(pt), Some(tt)) = (files.get("programmes.csv"), files.get("targets.csv")) else {
        if let Some(t) = files.values().next() {
            diags.push(
                Diagnostic::error(&t.file, None, crate::tr!("data/targets/ needs both programmes.csv and targets.csv"))
                    .hint(crate::tr!("add the missing file with its header row (docs/FORMAT.md lists the columns)")),
            );
        }
        return (Vec::new(), Vec::new());
    };
    let programmes = programmes(pt, by_id, diags);
    let mut targets = targets(tt, &programmes, diags);
    if let Some(rt) = files.get("reports.csv") {
        reports(rt, &mut targets, diags);
    }
    (programmes, targets)
}

fn key_ok(at: &mut At, line: usize, key: &str, seen: &mut HashMap<String, usize>) -> bool {
    if !is_slug(key) {
        at.err(
            line,
            crate::tr!("key `{key}` is not made of a-z, 0-9 and -", key),
            crate::tr!(
                "write the key in lower-case ASCII with dashes, e.g. `qd749-egdi-top50-2030`; it is the target's URL"
            ),
        );
        return false;
    }
    if let Some(prev) = seen.insert(key.to_string(), line) {
        at.err(
            line,
            crate::tr!("key `{key}` is used twice (also on line {prev})", key, prev),
            crate::tr!("every row needs its own key"),
        );
        return false;
    }
    true
}

fn programmes(t: &RawTable, by_id: &HashMap<String, UnitId>, diags: &mut Diagnostics) -> Vec<Programme> {
    let at = &mut At { file: &t.file, diags };
    at.columns(t, &PROGRAMME_COLUMNS, &["key", "name_vi", "document", "date", "url"]);
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for (line, r) in rows::<ProgrammeRow>(t, at) {
        let ok = key_ok(at, line, &r.key, &mut seen);
        let unit = match r.unit.as_str() {
            "" => None,
            id => {
                let u = by_id.get(id).copied();
                if u.is_none() {
                    at.err(line, crate::tr!("unit `{id}` is not in data/units.csv", id), crate::tr!("write the id of the province or ministry whose plan this is, or leave it empty for a national programme"));
                }
                u
            }
        };
        for (v, c) in [(&r.name_vi, "name_vi"), (&r.document, "document")] {
            if v.is_empty() {
                at.err(
                    line,
                    crate::tr!("`{c}` is empty", c),
                    crate::tr!("name the decision or plan, e.g. QĐ 749/QĐ-TTg"),
                );
            }
        }
        let date = at.period(line, "date", &r.date);
        let _ = at.sources(line, &r.url);
        if let (true, Some(date)) = (ok, date) {
            out.push(Programme {
                key: r.key,
                name: text(&r.name_vi, &r.name_en),
                document: r.document,
                date,
                url: r.url,
                unit,
                note: text(&r.note_vi, &r.note_en),
            });
        }
    }
    out
}

fn targets(t: &RawTable, programmes: &[Programme], diags: &mut Diagnostics) -> Vec<Target> {
    let dc = t.decimal_comma();
    let at = &mut At { file: &t.file, diags };
    at.columns(t, &TARGET_COLUMNS, &["key", "programme", "content", "wording_vi", "measure", "deadline", "sources"]);
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for (line, r) in rows::<TargetRow>(t, at) {
        let errors = at.diags.error_count();
        key_ok(at, line, &r.key, &mut seen);
        let programme = programmes.iter().position(|p| p.key == r.programme);
        if programme.is_none() {
            at.err(
                line,
                crate::tr!("programme `{programme}` is not in programmes.csv", programme = r.programme),
                crate::tr!("write the key of a row of data/targets/programmes.csv"),
            );
        }
        let content = match r.content.as_str() {
            GENERAL => None,
            k => {
                let c = Content::from_key(k);
                if c.is_none() {
                    at.err(
                        line,
                        crate::tr!("content `{k}` is not one of the movement's seven contents", k),
                        crate::tr!(
                            "write one of: {keys}, or `{general}` for a target across them",
                            keys = Content::keys().collect::<Vec<_>>().join(", "),
                            general = GENERAL
                        ),
                    );
                }
                c
            }
        };
        if r.wording_vi.is_empty() {
            at.err(line, crate::tr!("`wording_vi` is empty"), crate::tr!("write the target as the document words it"));
        }
        let measure = Measure::from_key(&r.measure);
        if measure.is_none() {
            at.err(
                line,
                crate::tr!("measure `{measure}` is not known", measure = r.measure),
                crate::tr!("write one of: {list}", list = Measure::KEYS.join(", ")),
            );
        }
        let measure = measure.unwrap_or(Measure::Number);
        let cmp = match (measure, r.cmp.as_str()) {
            (Measure::Qualitative, "") => Cmp::AtLeast,
            (_, c) => {
                match Cmp::from_key(c) {
                    Some(c) if measure == Measure::Rank && c.higher_is_better() => {
                        at.err(
                        line,
                        crate::tr!("cmp `{value}` says a higher rank is better", value = c.key()),
                        crate::tr!("a rank is better when lower (1st is best): \"top 50\" is written target 50 with cmp <="),
                    );
                        c
                    }
                    Some(c) => c,
                    None => {
                        at.err(
                            line,
                            crate::tr!("cmp `{c}` is not a comparison", c),
                            crate::tr!("write >= (at least), > (above), <= (at most; ranks) or < (below)"),
                        );
                        Cmp::AtLeast
                    }
                }
            }
        };
        let value = match (measure, r.target.as_str()) {
            (Measure::Qualitative, "") => None,
            (Measure::Qualitative, v) => {
                at.err(
                    line,
                    crate::tr!("a qualitative target has the value `{v}`", v),
                    crate::tr!("leave `target` empty, or give the measure (percent, rank, number)"),
                );
                None
            }
            (_, "") => {
                at.err(
                    line,
                    crate::tr!("`target` is empty"),
                    crate::tr!("write the promised value; a target without a number has measure `qualitative`"),
                );
                None
            }
            (m, v) => at.value(line, "target", v, dc, m),
        };
        let deadline = at.period(line, "deadline", &r.deadline);
        let baseline = match (r.baseline.as_str(), r.baseline_date.as_str()) {
            ("", "") => None,
            ("", _) | (_, "") => {
                at.err(
                    line,
                    crate::tr!("a baseline needs both `baseline` and `baseline_date`"),
                    crate::tr!("give the starting value and the date it refers to, or leave both empty"),
                );
                None
            }
            (v, d) => match (at.value(line, "baseline", v, dc, measure), at.period(line, "baseline_date", d)) {
                (Some((v, n)), Some(d)) => Some((v, n, d)),
                _ => None,
            },
        };
        let sources = at.sources(line, &r.sources);
        if at.diags.error_count() > errors {
            continue;
        }
        let (Some(programme), Some(deadline)) = (programme, deadline) else { continue };
        let (value, decimals) = match value {
            Some((v, d)) => (Some(v), d),
            None => (None, 0),
        };
        out.push(Target {
            key: r.key,
            programme,
            content,
            wording: text(&r.wording_vi, &r.wording_en),
            unit_words: text(&r.measure_vi, &r.measure_en),
            measure,
            cmp,
            value,
            decimals,
            deadline,
            baseline,
            sources,
            note: text(&r.note_vi, &r.note_en),
            reports: Vec::new(),
        });
    }
    out
}

fn reports(t: &RawTable, targets: &mut [Target], diags: &mut Diagnostics) {
    let dc = t.decimal_comma();
    let at = &mut At { file: &t.file, diags };
    at.columns(t, &REPORT_COLUMNS, &["target", "value", "date", "sources"]);
    let mut seen: HashMap<(String, String, String), usize> = HashMap::new();
    for (line, r) in rows::<ReportRow>(t, at) {
        let errors = at.diags.error_count();
        let target = targets.iter().position(|x| x.key == r.target);
        if target.is_none() {
            at.err(
                line,
                crate::tr!("target `{target}` is not in targets.csv", target = r.target),
                crate::tr!("write the key of a row of data/targets/targets.csv"),
            );
        }
        let comparable = match r.same_definition.as_str() {
            "" | "yes" => true,
            "no" => false,
            other => {
                at.err(line, crate::tr!("same_definition `{other}` is not yes or no", other), crate::tr!("write yes when the figure measures what the target measures, in its unit; no otherwise (it is shown, never compared)"));
                true
            }
        };
        let measure = match target {
            Some(i) if comparable => {
                if targets[i].measure == Measure::Qualitative {
                    at.err(
                        line,
                        crate::tr!(
                            "target `{target}` is qualitative: a figure cannot be on its definition",
                            target = r.target
                        ),
                        crate::tr!(
                            "write same_definition = no and say what the figure measures in measure_vi and measure_en"
                        ),
                    );
                }
                targets[i].measure
            }
            _ => Measure::Number,
        };
        if !comparable && r.measure_vi.is_empty() && r.note_vi.is_empty() && r.note_en.is_empty() {
            at.err(
                line,
                crate::tr!("a figure on another definition does not say what it measures"),
                crate::tr!("fill measure_vi and measure_en (or a note) with what the figure counts"),
            );
        }
        if r.reporter_vi.is_empty() && r.reporter_en.is_empty() {
            at.err(
                line,
                crate::tr!("`reporter_vi` and `reporter_en` are empty"),
                crate::tr!("name who published the figure, e.g. Cục Thống kê (Bộ Tài chính)"),
            );
        }
        let value = if r.value.is_empty() {
            at.err(
                line,
                crate::tr!("`value` is empty"),
                crate::tr!("write the reported figure; a target with no figure simply has no report"),
            );
            None
        } else if measure == Measure::Qualitative {
            None
        } else {
            at.value(line, "value", &r.value, dc, measure)
        };
        let date = match r.date.as_str() {
            "" => None,
            d => at.period(line, "date", d),
        };
        let sources = at.sources(line, &r.sources);
        if let Some(prev) = seen.insert((r.target.clone(), r.date.clone(), r.value.clone()), line) {
            at.err(
                line,
                crate::tr!(
                    "the same value of `{target}` for the same date is reported twice (also on line {prev})",
                    prev,
                    target = r.target
                ),
                crate::tr!("keep one row per figure; add the second source to the first row's sources, separated by ;"),
            );
        }
        if at.diags.error_count() > errors {
            continue;
        }
        let (Some(i), Some((value, decimals))) = (target, value) else { continue };
        targets[i].reports.push(Report {
            value,
            decimals,
            date,
            sources,
            reporter: text(&r.reporter_vi, &r.reporter_en),
            comparable,
            measure: text(&r.measure_vi, &r.measure_en),
            note: text(&r.note_vi, &r.note_en),
            line,
        });
    }
}
