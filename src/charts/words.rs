//! What charts say in words, in both languages: ranks (`15=`), scores and values written the
//! page language's way, edition names, the size of an edition's field, and joined lists.

use crate::format;
use crate::i18n::Lang;
use crate::model::{Edition, Index, Site, UnitKind};

/// The Vietnamese or the English text.
pub(crate) fn t(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A rank as printed: `15=` when shared, `—` when none.
pub(crate) fn rank(rank: Option<u32>, tied: bool) -> String {
    match rank {
        Some(r) if tied => format!("{r}="),
        Some(r) => r.to_string(),
        None => "—".to_string(),
    }
}

/// A score with the digits it was published with, or `—`; never 0 for a missing score.
pub(crate) fn score(v: Option<f64>, decimals: u8, lang: Lang) -> String {
    format::score(v, decimals as usize, lang)
}

/// A value rounded to what a chart label can show.
pub(crate) fn short(v: f64, lang: Lang) -> String {
    format::number(v, 2, lang)
}

/// The edition as a reader names it: its year, plus its own label for a second series.
pub(crate) fn edition_name(ed: &Edition, lang: Lang) -> String {
    if ed.series.is_empty() {
        ed.year.to_string()
    } else {
        let label = ed.label.get(lang);
        if label.is_empty() {
            ed.key.clone()
        } else {
            format!("{} ({label})", ed.year)
        }
    }
}

/// The edition briefly: `2024` or `2024-63`.
pub(crate) fn edition_short(ed: &Edition) -> String {
    if ed.series.is_empty() {
        ed.year.to_string()
    } else {
        ed.key.clone()
    }
}

/// How many units an edition ranked (its field, see `Edition::field`), for provinces; stored
/// tables are often partial (a top 10), so the count of rows does not tell. For other kinds of
/// unit (ministries ranked in groups) `None`: the axis follows the ranks drawn.
pub fn field_size(_site: &Site, index: &Index, ed: &Edition) -> Option<u32> {
    (index.unit_kind == UnitKind::Province).then_some(ed.field)
}

/// "a, b và c" / "a, b and c".
pub(crate) fn join(items: &[String], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), t(lang, "và", "and")),
    }
}

/// "rank 3/63" or "rank 3" when the field is unknown.
pub(crate) fn rank_of(r: u32, tied: bool, field: Option<u32>, lang: Lang) -> String {
    let shared = if tied { t(lang, " (đồng hạng)", " (tied)") } else { "" };
    match field {
        Some(n) => format!("{} {r}/{n}{shared}", t(lang, "hạng", "rank")),
        None => format!("{} {r}{shared}", t(lang, "hạng", "rank")),
    }
}

/// "tăng 2 bậc so với 2021" / "up 2 places from 2021".
pub(crate) fn movement(delta: i64, since: &str, lang: Lang) -> String {
    match (delta, lang) {
        (0, Lang::Vi) => format!("giữ nguyên hạng so với {since}"),
        (0, Lang::En) => format!("unchanged from {since}"),
        (d, Lang::Vi) if d > 0 => format!("tăng {d} bậc so với {since}"),
        (d, Lang::Vi) => format!("giảm {} bậc so với {since}", -d),
        (1, Lang::En) => format!("up 1 place from {since}"),
        (d, Lang::En) if d > 0 => format!("up {d} places from {since}"),
        (-1, Lang::En) => format!("down 1 place from {since}"),
        (d, Lang::En) => format!("down {} places from {since}", -d),
    }
}

/// "1 đơn vị" / "1 unit", "3 units".
pub(crate) fn units(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{n} đơn vị"),
        Lang::En if n == 1 => "1 unit".to_string(),
        Lang::En => format!("{n} units"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_and_scores_read_as_printed() {
        assert_eq!(rank(Some(15), true), "15=");
        assert_eq!(rank(Some(3), false), "3");
        assert_eq!(rank(None, false), "—");
        assert_eq!(score(None, 4, Lang::Vi), "—");
        assert_eq!(score(Some(0.8002), 4, Lang::Vi), "0,8002");
        assert_eq!(score(Some(0.8002), 4, Lang::En), "0.8002");
        assert_eq!(score(Some(80.0), 1, Lang::Vi), "80,0", "as published, as in the table");
        assert_eq!(short(0.8, Lang::Vi), "0,80");
        assert_eq!(short(0.8, Lang::En), "0.80");
    }

    #[test]
    fn movements_and_lists_in_both_languages() {
        assert_eq!(movement(2, "2021", Lang::Vi), "tăng 2 bậc so với 2021");
        assert_eq!(movement(-1, "2021", Lang::En), "down 1 place from 2021");
        assert_eq!(movement(0, "2021", Lang::En), "unchanged from 2021");
        let v = vec!["A".to_string(), "B".to_string(), "C".to_string()];
        assert_eq!(join(&v, Lang::Vi), "A, B và C");
        assert_eq!(join(&v[..1], Lang::En), "A");
        assert_eq!(rank_of(15, true, Some(63), Lang::Vi), "hạng 15/63 (đồng hạng)");
        assert_eq!(rank_of(2, false, None, Lang::En), "rank 2");
    }
}
