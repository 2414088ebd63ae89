//! What charts say: ranks (`15=`), scores and values written the page language's way, edition
//! names, the size of an edition's field, and the theme's phrases (its `chart_*` strings) with
//! their `{placeholders}` filled in. The words themselves are the theme's; none is written here.

use crate::format;
use crate::i18n::{Lang, Strings};
use crate::model::{Edition, Index, Site, UnitKind};

/// Every string key the charts ask the theme for; the theme check warns when a strings file
/// lacks one (a test below keeps this list equal to the keys the charts' code names).
pub(crate) const STRING_KEYS: &[&str] = &[
    "chart_and_list",
    "chart_average",
    "chart_band_rank",
    "chart_band_ranks",
    "chart_credit_license",
    "chart_credit_no_license",
    "chart_credit_source",
    "chart_furthest_ahead",
    "chart_furthest_behind",
    "chart_gap",
    "chart_head_band",
    "chart_head_content",
    "chart_head_count",
    "chart_head_date",
    "chart_head_edition",
    "chart_head_index",
    "chart_head_indicator",
    "chart_head_kind",
    "chart_head_median",
    "chart_head_rank",
    "chart_head_score",
    "chart_head_unit",
    "chart_head_value",
    "chart_history_field_break",
    "chart_history_latest",
    "chart_history_latest_moved",
    "chart_history_single",
    "chart_history_title",
    "chart_indicators_caption",
    "chart_indicators_summary",
    "chart_indicators_title",
    "chart_leaders_desc",
    "chart_leaders_title",
    "chart_map_by_rank",
    "chart_map_by_score",
    "chart_map_desc",
    "chart_map_mostly_missing",
    "chart_map_leading",
    "chart_map_title",
    "chart_median_legend",
    "chart_merged",
    "chart_models_cell",
    "chart_models_desc",
    "chart_models_title",
    "chart_move_down",
    "chart_move_down_one",
    "chart_move_same",
    "chart_move_up",
    "chart_move_up_one",
    "chart_no_data",
    "chart_no_rank",
    "chart_placed",
    "chart_placed_of_field",
    "chart_rank_axis",
    "chart_rank_of",
    "chart_rank_of_field",
    "chart_scores_average",
    "chart_scores_extremes",
    "chart_scores_not_drawn",
    "chart_scores_published",
    "chart_scores_title",
    "chart_scores_unscored",
    "chart_target_baseline",
    "chart_target_deadline",
    "chart_target_desc",
    "chart_target_line",
    "chart_target_no_reports",
    "chart_target_path",
    "chart_target_reported",
    "chart_target_reports",
    "chart_target_title",
    "chart_tied",
    "chart_tile",
    "chart_tile_no_data",
    "chart_tile_score",
    "chart_units",
    "chart_units_one",
    "chart_units_range",
    "chart_value_median",
];

/// The theme's string `key` in `lang` with each `{name}` of `values` put in its place.
pub(crate) fn say(strings: &Strings, lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
    crate::i18n::fill(strings.get(lang, key), values)
}

/// A row's rank as the tables print it: `15=` when shared, then `†` for a rank taken from the
/// order of a list and `‡` for a derived one (stated by no source), `—` when none.
pub(crate) fn row_rank(row: &crate::model::Row) -> String {
    let mark = match row.basis {
        crate::model::RankBasis::Stated => "",
        crate::model::RankBasis::ListOrder => "†",
        crate::model::RankBasis::Derived => "‡",
    };
    match row.rank {
        Some(_) => format!("{}{mark}", rank(row.rank, row.tied)),
        None => rank(None, false),
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
pub(crate) fn field_size(_site: &Site, index: &Index, ed: &Edition) -> Option<u32> {
    (index.unit_kind == UnitKind::Province).then_some(ed.field)
}

/// "a, b và c" / "a, b and c" (`chart_and_list`).
pub(crate) fn join(items: &[String], strings: &Strings, lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => say(strings, lang, "chart_and_list", &[("list", &init.join(", ")), ("last", last)]),
    }
}

/// `text` marked as a shared rank when `tied`: "hạng 15 (đồng hạng)" (`chart_tied`).
pub(crate) fn tied(text: String, tied: bool, strings: &Strings, lang: Lang) -> String {
    if tied {
        say(strings, lang, "chart_tied", &[("rank", &text)])
    } else {
        text
    }
}

/// "rank 3/63" or "rank 3" when the field is unknown.
pub(crate) fn rank_of(r: u32, shared: bool, field: Option<u32>, strings: &Strings, lang: Lang) -> String {
    let rank = r.to_string();
    let text = match field {
        Some(n) => say(strings, lang, "chart_rank_of_field", &[("rank", &rank), ("field", &n.to_string())]),
        None => say(strings, lang, "chart_rank_of", &[("rank", &rank)]),
    };
    tied(text, shared, strings, lang)
}

/// "tăng 2 bậc so với 2021" / "up 2 places from 2021".
pub(crate) fn movement(delta: i64, since: &str, strings: &Strings, lang: Lang) -> String {
    let key = match delta {
        0 => "chart_move_same",
        1 => "chart_move_up_one",
        -1 => "chart_move_down_one",
        d if d > 0 => "chart_move_up",
        _ => "chart_move_down",
    };
    say(strings, lang, key, &[("n", &delta.unsigned_abs().to_string()), ("since", since)])
}

/// "1 đơn vị" / "1 unit", "3 units".
pub(crate) fn units(n: usize, strings: &Strings, lang: Lang) -> String {
    let key = if n == 1 { "chart_units_one" } else { "chart_units" };
    say(strings, lang, key, &[("n", &n.to_string())])
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
        let s = super::super::fixture::strings();
        assert_eq!(movement(2, "2021", s, Lang::Vi), "tăng 2 bậc so với 2021");
        assert_eq!(movement(-3, "2021", s, Lang::Vi), "giảm 3 bậc so với 2021");
        assert_eq!(movement(-1, "2021", s, Lang::En), "down 1 place from 2021");
        assert_eq!(movement(4, "2021", s, Lang::En), "up 4 places from 2021");
        assert_eq!(movement(0, "2021", s, Lang::En), "unchanged from 2021");
        let v = vec!["A".to_string(), "B".to_string(), "C".to_string()];
        assert_eq!(join(&v, s, Lang::Vi), "A, B và C");
        assert_eq!(join(&v[..1], s, Lang::En), "A");
        assert_eq!(rank_of(15, true, Some(63), s, Lang::Vi), "hạng 15/63 (đồng hạng)");
        assert_eq!(rank_of(2, false, None, s, Lang::En), "rank 2");
        assert_eq!(units(1, s, Lang::En), "1 unit");
        assert_eq!(units(3, s, Lang::En), "3 units");
    }

    /// Every `"chart_…"` key the charts' code names is listed in `STRING_KEYS`, and every one
    /// listed is named; both strings files of the default theme have each of them.
    #[test]
    fn every_chart_key_is_listed_and_in_both_strings_files() {
        let sources = [
            include_str!("bars.rs"),
            include_str!("credit.rs"),
            include_str!("leaders.rs"),
            include_str!("history.rs"),
            include_str!("indicators.rs"),
            include_str!("models.rs"),
            include_str!("targets.rs"),
            include_str!("tiles.rs"),
            include_str!("words.rs"),
        ];
        let mut named = std::collections::BTreeSet::new();
        for src in sources {
            let code = src.split("\n#[cfg(test)]").next().unwrap_or(src);
            // The list itself left out.
            let code = match code.split_once("pub const STRING_KEYS") {
                Some((before, after)) => format!("{before}{}", after.split_once("\n];").map_or("", |(_, a)| a)),
                None => code.to_string(),
            };
            for part in code.split("\"chart_").skip(1) {
                let key: String = part.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                named.insert(format!("chart_{key}"));
            }
        }
        let listed: std::collections::BTreeSet<String> = STRING_KEYS.iter().map(ToString::to_string).collect();
        assert_eq!(named, listed);
        for (file, text) in [
            ("vi", include_str!("../../themes/default/i18n/vi.toml")),
            ("en", include_str!("../../themes/default/i18n/en.toml")),
        ] {
            let table: std::collections::BTreeMap<String, String> = toml::from_str(text).expect("strings parse");
            for key in STRING_KEYS {
                assert!(table.contains_key(*key), "{key} missing from {file}.toml");
            }
        }
    }
}
