//! The movement's targets: programmes (the decisions and plans that set them), targets (what was
//! promised, in what unit, by when, from what baseline) and the values reported since, and the
//! status each target stands at, computed from these data only (see [`Target::status`]).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{Content, UnitId};
use crate::i18n::Text;

/// The `content` written for a target across the seven contents (R&D, budget, the movement).
pub(crate) const GENERAL_CONTENT: &str = "general";

/// The columns of `data/targets/reports.csv`, in their order: what `check` reads and what the
/// published `reports.csv` download writes back, so the two stay one format.
pub(crate) const REPORT_COLUMNS: [&str; 11] = [
    "target",
    "value",
    "date",
    "sources",
    "reporter_vi",
    "reporter_en",
    "same_definition",
    "measure_vi",
    "measure_en",
    "note_vi",
    "note_en",
];

/// A date given at the precision its source gives: a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl Period {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` for anything else (or a day that does
    /// not exist).
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().ok()).flatten()
        };
        let year = num(parts.first()?, 4)? as i32;
        let p = match parts.len() {
            1 => Period { year, month: None, day: None },
            2 => Period { year, month: Some(num(parts[1], 2)?), day: None },
            3 => Period { year, month: Some(num(parts[1], 2)?), day: Some(num(parts[2], 2)?) },
            _ => return None,
        };
        p.start()?;
        p.end()?;
        Some(p)
    }

    /// The first day of the period.
    pub fn start(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day of the period: a year stands for 31 December, a month for its last day.
    pub fn end(self) -> Option<NaiveDate> {
        match (self.month, self.day) {
            (_, Some(d)) => NaiveDate::from_ymd_opt(self.year, self.month?, d),
            (Some(m), None) => {
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(self.year, m + 1, 1)
                };
                next?.pred_opt()
            }
            (None, None) => NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
    }

    /// The day a period stands for on a timeline (its last day). Periods are checked on
    /// reading, so this exists; the year's last day otherwise.
    pub fn day(self) -> NaiveDate {
        self.end().unwrap_or(NaiveDate::MAX)
    }

    /// As written: `2025`, `2025-08` or `2025-08-17`.
    pub fn key(self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

/// What a target's number is measured in, which decides what values it may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Measure {
    /// A share, 0–100.
    Percent,
    /// A place in a ranking: a whole number from 1; lower is better.
    Rank,
    /// Any other quantity (persons per 10,000, a count): a number from 0.
    Number,
    /// No number: the target is a sentence.
    Qualitative,
}

impl Measure {
    pub const KEYS: [&'static str; 4] = ["percent", "rank", "number", "qualitative"];

    pub fn from_key(s: &str) -> Option<Measure> {
        match s {
            "percent" => Some(Measure::Percent),
            "rank" => Some(Measure::Rank),
            "number" => Some(Measure::Number),
            "qualitative" => Some(Measure::Qualitative),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        Measure::KEYS[self as usize]
    }

    /// Why `v` cannot be a value of this measure, if it cannot.
    pub fn refuses(self, v: f64) -> Option<crate::diag::Text> {
        match self {
            _ if !v.is_finite() => Some(crate::tr!("is not a finite number")),
            Measure::Percent if !(0.0..=100.0).contains(&v) => Some(crate::tr!("is not a percentage within 0–100")),
            Measure::Rank if v < 1.0 || v.fract() != 0.0 => Some(crate::tr!("is not a rank: a whole number from 1")),
            Measure::Number if v < 0.0 => Some(crate::tr!("is negative")),
            _ => None,
        }
    }
}

/// How a reported value is held against the target value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Cmp {
    AtLeast,
    Above,
    AtMost,
    Below,
}

impl Cmp {
    pub const KEYS: [&'static str; 4] = [">=", ">", "<=", "<"];

    pub fn from_key(s: &str) -> Option<Cmp> {
        match s {
            ">=" => Some(Cmp::AtLeast),
            ">" => Some(Cmp::Above),
            "<=" => Some(Cmp::AtMost),
            "<" => Some(Cmp::Below),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        Cmp::KEYS[self as usize]
    }

    /// More is better (`>=`, `>`), or less (`<=`, `<`: ranks).
    pub fn higher_is_better(self) -> bool {
        matches!(self, Cmp::AtLeast | Cmp::Above)
    }

    /// `value` reaches `target`.
    pub fn reaches(self, value: f64, target: f64) -> bool {
        match self {
            Cmp::AtLeast => value >= target,
            Cmp::Above => value > target,
            Cmp::AtMost => value <= target,
            Cmp::Below => value < target,
        }
    }
}

/// A decision, resolution or plan that sets targets.
#[derive(Debug, Clone)]
pub struct Programme {
    pub key: String,
    pub name: Text,
    /// Its number as written: `QĐ 749/QĐ-TTg`.
    pub document: String,
    pub date: Period,
    pub url: String,
    /// The unit whose own plan it is; `None` for a national programme.
    pub unit: Option<UnitId>,
    pub note: Text,
}

/// A value reported for a target.
#[derive(Debug, Clone)]
pub struct Report {
    pub value: f64,
    /// Digits after the decimal point as published.
    pub decimals: u8,
    /// The date the value refers to; `None` when the source gives none (not on a timeline).
    pub date: Option<Period>,
    pub sources: Vec<String>,
    pub reporter: Text,
    /// On the target's own definition and unit; a value on another one is shown, never compared.
    pub comparable: bool,
    /// The unit of a value on another definition, in words.
    pub measure: Text,
    pub note: Text,
    /// Line of `reports.csv`.
    pub line: usize,
}

/// A promised value with its deadline.
#[derive(Debug, Clone)]
pub struct Target {
    pub key: String,
    pub programme: usize,
    /// One of the seven contents, or `None` for a target across them (R&D, budget, the movement).
    pub content: Option<Content>,
    pub wording: Text,
    /// The unit of measure in words: `% GDP`, `% hộ gia đình`.
    pub unit_words: Text,
    pub measure: Measure,
    pub cmp: Cmp,
    /// `None` for a qualitative target.
    pub value: Option<f64>,
    pub decimals: u8,
    pub deadline: Period,
    pub baseline: Option<(f64, u8, Period)>,
    pub sources: Vec<String>,
    pub note: Text,
    /// In the order of the file.
    pub reports: Vec<Report>,
}

/// Where a target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum StatusKind {
    Met,
    OnTrack,
    Behind,
    DeadlinePassed,
    NoData,
}

impl StatusKind {
    pub const ALL: [StatusKind; 5] =
        [StatusKind::Met, StatusKind::OnTrack, StatusKind::Behind, StatusKind::DeadlinePassed, StatusKind::NoData];

    /// The key the theme names it by (`status_<key>`).
    pub fn key(self) -> &'static str {
        match self {
            StatusKind::Met => "met",
            StatusKind::OnTrack => "on-track",
            StatusKind::Behind => "behind",
            StatusKind::DeadlinePassed => "deadline-passed",
            StatusKind::NoData => "no-data",
        }
    }
}

/// Why a status was given: which rule applied.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Reason {
    /// The latest comparable report reaches the target.
    Reached,
    /// Not reached; at or above the straight path from `from` to the target at the deadline.
    AbovePath { expected: f64 },
    /// Not reached; short of the straight path.
    BelowPath { expected: f64 },
    /// Not reached at (or after) the deadline.
    MissedAtDeadline,
    /// The deadline passed; the last report came before it and fell short.
    NoReportSinceDeadline,
    /// The deadline passed and no comparable, dated value was ever reported.
    NeverReported,
    /// No comparable, dated value reported yet, the deadline still ahead.
    NoReport,
    /// One report and no baseline: no path to hold it against.
    NoPath,
    /// A target without a number.
    Qualitative,
}

/// A target's status and the report it rests on (position in `Target::reports`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Status {
    pub kind: StatusKind,
    pub reason: Reason,
    pub report: Option<usize>,
    /// Where the straight path starts: the baseline, else the first report (position).
    pub path_from: Option<PathStart>,
}

/// The start of the straight path from which "on track" is judged.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum PathStart {
    Baseline,
    Report(usize),
}

impl Target {
    /// The reports a status may rest on: on the target's definition and dated, oldest first
    /// (reports of the same day in the order of the file).
    pub fn timeline(&self) -> Vec<usize> {
        let mut v: Vec<usize> =
            (0..self.reports.len()).filter(|&i| self.reports[i].comparable && self.reports[i].date.is_some()).collect();
        v.sort_by_key(|&i| (self.reports[i].date.map(Period::day), i));
        v
    }

    /// The status on day `today`, from the data only:
    /// - **met**: the latest comparable, dated report reaches the target value;
    /// - **behind**: it does not, and it refers to the deadline or later; or, before the deadline,
    ///   it is short of the straight path from the baseline (else the first report) to the
    ///   target value at the deadline, read at the report's date;
    /// - **on track**: before the deadline, not reached but on or ahead of that path;
    /// - **deadline passed without a report**: the deadline is past and no report refers to it
    ///   or later (the last one, if any, fell short);
    /// - **no data**: no comparable, dated report yet (or one, with no baseline for a path), or a
    ///   target without a number.
    ///
    /// A date stands for its last day (`2025` is 31 December 2025). Reports on another
    /// definition or unit, and reports without a date, are never used.
    pub fn status(&self, today: NaiveDate) -> Status {
        let none = |kind, reason| Status { kind, reason, report: None, path_from: None };
        let Some(target) = self.value else { return none(StatusKind::NoData, Reason::Qualitative) };
        let deadline = self.deadline.day();
        let timeline = self.timeline();
        let Some(&last) = timeline.last() else {
            return if today > deadline {
                none(StatusKind::DeadlinePassed, Reason::NeverReported)
            } else {
                none(StatusKind::NoData, Reason::NoReport)
            };
        };
        let report = &self.reports[last];
        let at = report.date.map_or(deadline, Period::day);
        let with = |kind, reason, path_from| Status { kind, reason, report: Some(last), path_from };
        if self.cmp.reaches(report.value, target) {
            return with(StatusKind::Met, Reason::Reached, None);
        }
        if at >= deadline {
            return with(StatusKind::Behind, Reason::MissedAtDeadline, None);
        }
        if today > deadline {
            return with(StatusKind::DeadlinePassed, Reason::NoReportSinceDeadline, None);
        }
        let start = match self.baseline {
            Some((v, _, p)) if p.day() < at => Some((v, p.day(), PathStart::Baseline)),
            _ => timeline
                .iter()
                .map(|&i| (i, &self.reports[i]))
                .find(|(_, r)| r.date.is_some_and(|d| d.day() < at))
                .and_then(|(i, r)| Some((r.value, r.date?.day(), PathStart::Report(i)))),
        };
        let Some((from, from_day, path_from)) = start.filter(|s| s.1 < deadline) else {
            return with(StatusKind::NoData, Reason::NoPath, None);
        };
        let share = (at - from_day).num_days() as f64 / (deadline - from_day).num_days() as f64;
        let expected = from + (target - from) * share;
        let ahead = if self.cmp.higher_is_better() { report.value >= expected } else { report.value <= expected };
        if ahead {
            with(StatusKind::OnTrack, Reason::AbovePath { expected }, Some(path_from))
        } else {
            with(StatusKind::Behind, Reason::BelowPath { expected }, Some(path_from))
        }
    }

    /// The deadline's year, which places the target in a phase of the movement.
    pub fn due_year(&self) -> i32 {
        self.deadline.day().year()
    }
}

/// The movement's phases as the timeline shows them, by the year a target falls due: before
/// the movement, phase 1 (2025–2027, reviewed in 2027), phase 2 (2028–2030, concluded in 2030)
/// and after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub(crate) enum TimelinePhase {
    Before,
    First,
    Second,
    After,
}

impl TimelinePhase {
    pub(crate) const ALL: [TimelinePhase; 4] =
        [TimelinePhase::Before, TimelinePhase::First, TimelinePhase::Second, TimelinePhase::After];

    pub(crate) fn of_year(year: i32) -> TimelinePhase {
        match year {
            ..=2024 => TimelinePhase::Before,
            2025..=2027 => TimelinePhase::First,
            2028..=2030 => TimelinePhase::Second,
            _ => TimelinePhase::After,
        }
    }

    pub(crate) fn key(self) -> &'static str {
        match self {
            TimelinePhase::Before => "before",
            TimelinePhase::First => "phase-1",
            TimelinePhase::Second => "phase-2",
            TimelinePhase::After => "after",
        }
    }
}

#[cfg(test)]
#[path = "targets_tests.rs"]
mod tests;
