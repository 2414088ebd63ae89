//! Front matter dates as Zola and Hugo write them: a day (`2025-05-14`), or a day and a time
//! with or without an offset (`2025-05-14T09:00:00+07:00`, `2025-05-14T02:00:00Z`,
//! `2025-05-14 09:00`), from a TOML date-time or a (YAML) string. The day shown is the day
//! written, in the offset written; the order of the news uses the whole instant. A day or a time
//! without an offset is Vietnam's time (UTC+7).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

/// Vietnam's offset from UTC, for what is written without one.
const VIETNAM: i32 = 7 * 3600;

/// A checked front matter date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dated {
    /// The day as written (in the offset written).
    pub day: NaiveDate,
    /// Seconds since 1970 (UTC): the day's midnight in Vietnam when no time is written.
    pub instant: i64,
}

/// Reads a date as front matter writes it; `None` when it is not one.
pub(crate) fn parse(s: &str) -> Option<Dated> {
    let s = s.trim();
    let vietnam = FixedOffset::east_opt(VIETNAM)?;
    if let Ok(day) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        let instant = vietnam.from_local_datetime(&day.and_time(NaiveTime::MIN)).single()?.timestamp();
        return Some(Dated { day, instant });
    }
    // `T`, `t` or a space between the day and the time.
    let (day, time) = s.split_at_checked(10)?;
    let sep = time.chars().next()?;
    if !matches!(sep, 'T' | 't' | ' ') {
        return None;
    }
    let normal = format!("{day}T{}", time[1..].trim_start());
    if let Ok(t) = DateTime::parse_from_rfc3339(&normal.replace('z', "Z")) {
        return Some(Dated { day: t.date_naive(), instant: t.timestamp() });
    }
    // An offset written `+0700`, as Hugo accepts.
    if let Ok(t) = DateTime::parse_from_str(&normal, "%Y-%m-%dT%H:%M:%S%.f%z") {
        return Some(Dated { day: t.date_naive(), instant: t.timestamp() });
    }
    let local = ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&normal, f).ok())?;
    let instant = vietnam.from_local_datetime(&local).single()?.timestamp();
    Some(Dated { day: local.date(), instant })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> String {
        parse(s).map_or_else(|| "none".into(), |d| d.day.to_string())
    }

    #[test]
    fn the_day_is_the_one_written_in_its_offset() {
        assert_eq!(day("2025-05-14"), "2025-05-14");
        assert_eq!(day("2025-05-14T09:00:00+07:00"), "2025-05-14");
        assert_eq!(day("2025-05-14T23:30:00-05:00"), "2025-05-14");
        assert_eq!(day("2025-05-14T09:00:00Z"), "2025-05-14");
        assert_eq!(day("2025-05-14t09:00:00z"), "2025-05-14");
        assert_eq!(day("2025-05-14 09:00"), "2025-05-14");
        assert_eq!(day("2025-05-14 09:00:00.5"), "2025-05-14");
        assert_eq!(day("2025-05-14T09:00:00+0700"), "2025-05-14");
        assert_eq!(day(" 2025-05-14T09:00:00.123+07:00 "), "2025-05-14");
    }

    #[test]
    fn what_is_not_a_date_is_refused() {
        for s in [
            "",
            "14/05/2025",
            "2025-05-14T",
            "2025-05-14x09:00",
            "2025-13-01",
            "2025-05-14T25:00",
            "09:00:00",
            "2025-05-14T09:00:00+99:00",
            "2025-05-14é",
        ] {
            assert_eq!(day(s), "none", "{s}");
        }
    }

    #[test]
    fn the_instant_orders_times_of_one_day() {
        let i = |s: &str| parse(s).unwrap().instant;
        assert_eq!(i("2025-05-14T09:00:00+07:00"), i("2025-05-14T02:00:00Z"));
        assert_eq!(i("2025-05-14 09:00"), i("2025-05-14T02:00:00Z"));
        assert!(i("2025-05-14") < i("2025-05-14T08:00:00+07:00"));
        assert!(i("2025-05-14T08:00:00+07:00") < i("2025-05-14T02:00:00Z"));
    }
}
