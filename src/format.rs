//! One way to write a number, a score, a rank, a change of rank, a count and a date for a
//! reader, in either language: pages, charts, downloads and shortcodes all write through here.

use chrono::{Datelike, NaiveDate};

use crate::i18n::Lang;

/// Writes a number with `decimals` digits after the separator: `0,8002` in Vietnamese,
/// `0.8002` in English. Thousands are grouped with `.` (vi) or `,` (en).
pub(crate) fn number(value: f64, decimals: usize, lang: Lang) -> String {
    let s = format!("{value:.decimals$}");
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, s),
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let (group, dec) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let mut out = String::new();
    if neg && (grouped.chars().any(|c| c != '0') || frac.as_deref().is_some_and(|f| f.chars().any(|c| c != '0'))) {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push(dec);
        out.push_str(&f);
    }
    out
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// How much of a date was published: `2024`, `2018-03` or `2024-03-12`. The date beside it is
/// the first day of the period (1 January, the 1st of the month), used to sort and to ask which
/// units existed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DatePrecision {
    Year,
    Month,
    #[default]
    Day,
}

impl DatePrecision {
    /// The date as written in `index.toml` and in downloads: `2024`, `2018-03` or `2024-03-12`.
    pub fn iso(self, date: NaiveDate) -> String {
        match self {
            DatePrecision::Year => date.format("%Y").to_string(),
            DatePrecision::Month => date.format("%Y-%m").to_string(),
            DatePrecision::Day => date.to_string(),
        }
    }
}

/// A date with the precision it was published with: a day as [`date`] writes it, a month
/// `tháng 3 năm 2018` / `March 2018`, a year `năm 2024` / `2024`. `date` is the period's first day.
pub(crate) fn published(date: NaiveDate, precision: DatePrecision, lang: Lang) -> String {
    match (precision, lang) {
        (DatePrecision::Day, _) => self::date(date, lang),
        (DatePrecision::Month, Lang::Vi) => format!("tháng {} năm {}", date.month(), date.year()),
        (DatePrecision::Month, Lang::En) => format!("{} {}", MONTHS_EN[date.month0() as usize], date.year()),
        (DatePrecision::Year, Lang::Vi) => format!("năm {}", date.year()),
        (DatePrecision::Year, Lang::En) => date.year().to_string(),
    }
}

/// `15 tháng 5, 2025` in Vietnamese, `15 May 2025` in English.
pub(crate) fn date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{} tháng {}, {}", date.day(), date.month(), date.year()),
        Lang::En => format!("{} {} {}", date.day(), MONTHS_EN[date.month0() as usize], date.year()),
    }
}

/// A date at the precision its source gives: `15 tháng 5, 2025` / `15 May 2025`, `tháng 5, 2025`
/// / `May 2025`, or the year alone.
pub(crate) fn partial_date(year: i32, month: Option<u32>, day: Option<u32>, lang: Lang) -> String {
    match (month, day.and_then(|d| NaiveDate::from_ymd_opt(year, month?, d))) {
        (_, Some(d)) => date(d, lang),
        (Some(m @ 1..=12), None) => match lang {
            Lang::Vi => format!("tháng {m}, {year}"),
            Lang::En => format!("{} {year}", MONTHS_EN[m as usize - 1]),
        },
        _ => year.to_string(),
    }
}

/// `15=` for a shared rank, `—` for none.
pub(crate) fn rank(rank: Option<u32>, tied: bool) -> String {
    match rank {
        Some(r) if tied => format!("{r}="),
        Some(r) => r.to_string(),
        None => "—".into(),
    }
}

/// `▲ 2`, `▼ 3`, `=`, or empty when there is nothing to compare with.
pub(crate) fn delta(delta: Option<i64>) -> String {
    match delta {
        Some(d) if d > 0 => format!("▲ {d}"),
        Some(d) if d < 0 => format!("▼ {}", -d),
        Some(_) => "=".into(),
        None => String::new(),
    }
}

/// A score as published, or `—` when not published (never 0).
pub(crate) fn score(score: Option<f64>, decimals: usize, lang: Lang) -> String {
    score.map_or_else(|| "—".into(), |s| number(s, decimals, lang))
}

pub(crate) fn int(n: usize, lang: Lang) -> String {
    number(n as f64, 0, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_at_their_precision() {
        assert_eq!(partial_date(2025, Some(8), None, Lang::Vi), "tháng 8, 2025");
        assert_eq!(partial_date(2025, Some(8), None, Lang::En), "August 2025");
        assert_eq!(partial_date(2025, Some(10), Some(29), Lang::En), "29 October 2025");
        assert_eq!(partial_date(2030, None, None, Lang::Vi), "2030");
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(score(Some(0.8002), 4, Lang::Vi), "0,8002");
        assert_eq!(score(Some(0.8002), 4, Lang::En), "0.8002");
        assert_eq!(number(12345.5, 1, Lang::Vi), "12.345,5");
        assert_eq!(number(12345.5, 1, Lang::En), "12,345.5");
        assert_eq!(number(-3.0, 0, Lang::En), "-3");
        assert_eq!(number(-0.00001, 2, Lang::En), "0.00");
    }

    #[test]
    fn dates_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2025, 5, 15).unwrap();
        assert_eq!(date(d, Lang::Vi), "15 tháng 5, 2025");
        assert_eq!(date(d, Lang::En), "15 May 2025");
    }

    #[test]
    fn ranks_ties_and_changes() {
        assert_eq!(rank(Some(15), true), "15=");
        assert_eq!(rank(Some(3), false), "3");
        assert_eq!(rank(None, false), "—");
        assert_eq!(delta(Some(2)), "▲ 2");
        assert_eq!(delta(Some(-3)), "▼ 3");
        assert_eq!(delta(Some(0)), "=");
        assert_eq!(delta(None), "");
        assert_eq!(score(None, 4, Lang::Vi), "—");
        assert_eq!(int(12345, Lang::Vi), "12.345");
    }
}
