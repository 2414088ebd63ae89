use super::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn report(value: f64, date: Option<&str>, comparable: bool) -> Report {
    Report {
        value,
        decimals: 0,
        date: date.map(|d| Period::parse(d).unwrap()),
        sources: vec!["https://example.org/".into()],
        reporter: Text::default(),
        comparable,
        measure: Text::default(),
        note: Text::default(),
        line: 2,
    }
}

/// A percentage target of `value` by `deadline` from `baseline`.
fn target(cmp: Cmp, value: f64, deadline: &str, baseline: Option<(f64, &str)>, reports: Vec<Report>) -> Target {
    Target {
        key: "t".into(),
        programme: 0,
        content: None,
        wording: Text::default(),
        unit_words: Text::default(),
        measure: if cmp.higher_is_better() { Measure::Percent } else { Measure::Rank },
        cmp,
        value: Some(value),
        decimals: 0,
        deadline: Period::parse(deadline).unwrap(),
        baseline: baseline.map(|(v, d)| (v, 0, Period::parse(d).unwrap())),
        sources: vec![],
        note: Text::default(),
        reports,
    }
}

#[test]
fn periods_read_at_the_precision_given() {
    assert_eq!(Period::parse("2025").unwrap().end(), Some(day("2025-12-31")));
    assert_eq!(Period::parse("2026-02").unwrap().end(), Some(day("2026-02-28")));
    assert_eq!(Period::parse("2024-12").unwrap().end(), Some(day("2024-12-31")));
    assert_eq!(Period::parse("2025-10-29").unwrap().day(), day("2025-10-29"));
    assert_eq!(Period::parse("2025-10-29").unwrap().key(), "2025-10-29");
    assert_eq!(Period::parse("2026-02").unwrap().key(), "2026-02");
    for bad in ["", "25", "2025-13", "2025-02-30", "2025/10", "2025-1", "năm 2025", "2025-10-29-1"] {
        assert_eq!(Period::parse(bad), None, "{bad}");
    }
}

#[test]
fn measures_refuse_what_they_cannot_hold() {
    assert!(Measure::Percent.refuses(100.0).is_none());
    assert!(Measure::Percent.refuses(100.5).is_some());
    assert!(Measure::Percent.refuses(-1.0).is_some());
    assert!(Measure::Rank.refuses(0.0).is_some());
    assert!(Measure::Rank.refuses(12.5).is_some());
    assert!(Measure::Rank.refuses(71.0).is_none());
    assert!(Measure::Number.refuses(f64::NAN).is_some());
    assert!(Measure::Number.refuses(7.6).is_none());
}

#[test]
fn met_when_the_latest_report_reaches_the_target() {
    let t = target(
        Cmp::AtLeast,
        80.0,
        "2025",
        None,
        vec![report(77.41, Some("2024"), true), report(86.0, Some("2025-10-29"), true)],
    );
    let s = t.status(day("2026-11-27"));
    assert_eq!((s.kind, s.reason, s.report), (StatusKind::Met, Reason::Reached, Some(1)));
    // `>` is strict: exactly the target is not above it.
    let t = target(Cmp::Above, 80.0, "2030", None, vec![report(80.0, Some("2025"), true)]);
    assert_ne!(t.status(day("2026-01-01")).kind, StatusKind::Met);
}

#[test]
fn the_latest_report_counts_not_the_best() {
    // Met in 2024, short in 2025: the status follows the latest.
    let t = target(
        Cmp::AtLeast,
        45.0,
        "2030",
        Some((10.0, "2020")),
        vec![report(45.8, Some("2024-12"), true), report(39.98, Some("2025-10-26"), true)],
    );
    let s = t.status(day("2026-01-01"));
    assert_ne!(s.kind, StatusKind::Met);
    assert_eq!(s.report, Some(1));
}

#[test]
fn on_track_and_behind_follow_the_straight_path() {
    // 12.66 % in 2020 to 30 % by 2030: halfway (end of 2025) the path is at about 21.3 %.
    let t = |v| target(Cmp::AtLeast, 30.0, "2030", Some((12.66, "2020")), vec![report(v, Some("2025"), true)]);
    let behind = t(14.02).status(day("2026-06-01"));
    assert_eq!(behind.kind, StatusKind::Behind);
    assert_eq!(behind.path_from, Some(PathStart::Baseline));
    let Reason::BelowPath { expected } = behind.reason else { panic!("{behind:?}") };
    assert!((expected - 21.33).abs() < 0.05, "{expected}");
    assert_eq!(t(22.0).status(day("2026-06-01")).kind, StatusKind::OnTrack);
}

#[test]
fn ranks_are_better_when_lower() {
    // EGDI: 86th in 2020, 71st in September 2024, top 50 by 2030: the path is at about 72.6.
    let t = target(Cmp::AtMost, 50.0, "2030", Some((86.0, "2020")), vec![report(71.0, Some("2024-09-17"), true)]);
    let s = t.status(day("2026-11-27"));
    assert_eq!(s.kind, StatusKind::OnTrack, "{s:?}");
    // Top 70 by 2025: 71st in September 2024 is ahead of the path (about 74.1), 78th behind it.
    let t = |v| target(Cmp::AtMost, 70.0, "2025", Some((86.0, "2020")), vec![report(v, Some("2024-09-17"), true)]);
    assert_eq!(t(71.0).status(day("2025-06-01")).kind, StatusKind::OnTrack);
    assert_eq!(t(78.0).status(day("2025-06-01")).kind, StatusKind::Behind);
    // Once the deadline has passed with 71st the last report, that is what the page says.
    assert_eq!(t(71.0).status(day("2026-01-01")).kind, StatusKind::DeadlinePassed);
    let t = target(Cmp::AtMost, 70.0, "2025", Some((86.0, "2020")), vec![report(69.0, Some("2024-09-17"), true)]);
    assert_eq!(t.status(day("2025-06-01")).kind, StatusKind::Met);
}

#[test]
fn without_a_baseline_the_first_report_starts_the_path() {
    let one = target(Cmp::Above, 70.0, "2030", None, vec![report(35.18, Some("2025-08"), true)]);
    let s = one.status(day("2026-01-01"));
    assert_eq!((s.kind, s.reason), (StatusKind::NoData, Reason::NoPath));
    assert_eq!(s.report, Some(0), "it still names the report it looked at");
    let two = target(
        Cmp::Above,
        70.0,
        "2030",
        None,
        vec![report(28.42, Some("2025-07-02"), true), report(35.18, Some("2025-08"), true)],
    );
    let s = two.status(day("2026-01-01"));
    assert_eq!(s.kind, StatusKind::OnTrack, "{s:?}");
    assert_eq!(s.path_from, Some(PathStart::Report(0)));
}

#[test]
fn a_report_at_or_after_the_deadline_that_falls_short_is_behind() {
    let t = target(Cmp::AtLeast, 20.0, "2025", Some((12.66, "2020")), vec![report(14.02, Some("2025"), true)]);
    let s = t.status(day("2026-11-27"));
    assert_eq!((s.kind, s.reason), (StatusKind::Behind, Reason::MissedAtDeadline));
    let late = target(Cmp::AtLeast, 20.0, "2025", None, vec![report(19.0, Some("2026-03"), true)]);
    assert_eq!(late.status(day("2026-11-27")).reason, Reason::MissedAtDeadline);
    // Reached after the deadline: met (late), on the report that says so.
    let met_late = target(Cmp::AtLeast, 20.0, "2025", None, vec![report(21.0, Some("2026-03"), true)]);
    assert_eq!(met_late.status(day("2026-11-27")).kind, StatusKind::Met);
}

#[test]
fn a_passed_deadline_without_a_report_says_so() {
    let never = target(Cmp::AtLeast, 90.0, "2025", None, vec![]);
    assert_eq!(never.status(day("2026-01-01")).reason, Reason::NeverReported);
    assert_eq!(never.status(day("2026-01-01")).kind, StatusKind::DeadlinePassed);
    // On the deadline's last day it has not passed yet.
    assert_eq!(never.status(day("2025-12-31")).kind, StatusKind::NoData);
    let stale = target(Cmp::AtLeast, 80.0, "2025", Some((30.1, "2020")), vec![report(84.0, Some("2023-04"), true)]);
    assert_eq!(stale.status(day("2026-01-01")).kind, StatusKind::Met, "reached before the deadline");
    let short = target(Cmp::Above, 50.0, "2025", None, vec![report(35.18, Some("2025-08"), true)]);
    let s = short.status(day("2026-01-01"));
    assert_eq!((s.kind, s.reason, s.report), (StatusKind::DeadlinePassed, Reason::NoReportSinceDeadline, Some(0)));
}

#[test]
fn reports_on_another_definition_or_undated_are_not_compared() {
    let t = target(
        Cmp::AtLeast,
        12.0,
        "2099",
        None,
        vec![report(15.0, None, true), report(86.0, Some("2025-10-29"), false)],
    );
    assert!(t.timeline().is_empty());
    let s = t.status(day("2026-01-01"));
    assert_eq!((s.kind, s.reason, s.report), (StatusKind::NoData, Reason::NoReport, None));
}

#[test]
fn qualitative_targets_have_no_data_to_judge() {
    let mut t = target(Cmp::AtLeast, 1.0, "2030", None, vec![]);
    t.value = None;
    t.measure = Measure::Qualitative;
    assert_eq!(t.status(day("2031-01-01")).reason, Reason::Qualitative);
}

#[test]
fn phases_by_due_year() {
    assert_eq!(TimelinePhase::of_year(2024), TimelinePhase::Before);
    assert_eq!(TimelinePhase::of_year(2027), TimelinePhase::First);
    assert_eq!(TimelinePhase::of_year(2028), TimelinePhase::Second);
    assert_eq!(TimelinePhase::of_year(2045), TimelinePhase::After);
}
