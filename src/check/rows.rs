//! One edition's rows as published: units, ranks (stated or list order, ties), scores and
//! indicator values as numbers in the file's own decimal convention.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::names::Found;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::RawTable;
use crate::model::{Indicator, MatchRule, RankBasis, Row, Scale, Unit, UnitKind, UnitMatch};

/// Columns of an edition file that are not indicators.
pub(super) const RESERVED: [&str; 5] = ["unit", "rank", "score", "rank_basis", "note"];

/// Parses a number as the file writes it: `0,8002` where the delimiter is `;` or tab.
fn parse_number(s: &str, decimal_comma: bool) -> Result<f64, &'static str> {
    let s = s.trim();
    let normalized = if decimal_comma { s.replace(',', ".") } else { s.to_string() };
    if !decimal_comma && s.contains(',') && !s.contains('.') {
        return Err("uses a decimal comma in a comma-delimited file");
    }
    match normalized.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err("is not a number"),
    }
}

type Columns = Vec<(usize, usize)>;

/// A column's values off the scale: the place of the first (file and line, or cell), its
/// value, the scale's maximum, how many rows.
type Outside = ((String, Option<usize>), f64, f64, usize);

/// Whether `u` bore the administrative code `code` on `day`. A unit's former codes are always
/// its own; its present code only from when the last unit that bore it before ended (seven
/// province codes passed from a merged province to its successor on 1 July 2025).
pub(super) fn code_then(u: &Unit, code: &str, day: NaiveDate, units: &[Unit]) -> bool {
    if u.former_codes.iter().any(|c| c == code) {
        return true;
    }
    if u.code != code {
        return false;
    }
    let taken_over = units.iter().filter(|o| !std::ptr::eq(*o, u) && o.code == code).filter_map(|o| o.valid_to).max();
    taken_over.is_none_or(|end| day > end)
}

/// Digits after the decimal separator of a number as written (`0,4880`: 4, `70`: 0), at most 6.
pub(crate) fn decimals_of(s: &str) -> u8 {
    s.trim().rsplit_once(['.', ',']).map_or(0, |(_, frac)| frac.len().min(6) as u8)
}

/// Whether `u` existed on some day from `from` to `to`.
pub(super) fn existed(u: &Unit, from: NaiveDate, to: NaiveDate) -> bool {
    u.valid_from.is_none_or(|f| f <= to) && u.valid_to.is_none_or(|t| t >= from)
}

/// The columns of an edition row that are not indicators, every cell trimmed.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct EditionRow {
    unit: String,
    rank: String,
    score: String,
    rank_basis: String,
    note: String,
}

/// What an edition's rows are checked against, besides the units.
pub(super) struct Frame<'a> {
    pub unit_kind: UnitKind,
    pub scale: Scale,
    pub indicators: &'a [Indicator],
    /// The days a ranked unit must have existed on one of: from the start of the edition's
    /// year to its publication.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// How many units were ranked (no rank can be larger), and how that was found, for messages.
    pub field: u32,
    pub field_why: String,
}

/// A rank as a published list writes it: `15`, or tied `15=`, `=15`, `2 (đồng hạng)`, `2 (tie)`.
fn parse_rank(s: &str) -> Option<u32> {
    let s = s.trim();
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let s = s.trim_start_matches('=').trim_end_matches('=').trim();
    let (num, rest) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let rest = crate::i18n::fold(rest.trim());
    let tie = ["", "(dong hang)", "dong hang", "(tie)", "tie", "(dh)", "(=)", "(t)", "t"];
    if num.is_empty() || !tie.contains(&rest.as_str()) {
        return None;
    }
    num.parse().ok()
}

/// How many unknown units an edition gets a "closest names" hint for: each is a search.
const CLOSEST_HINTS: usize = 20;

pub(super) fn check_rows(
    t: &RawTable,
    frame: &Frame,
    units: &[Unit],
    by_id: &HashMap<String, usize>,
    register: &super::names::Register,
    diags: &mut Diagnostics,
) -> (Columns, Vec<Row>, Vec<UnitMatch>) {
    let Frame { unit_kind, scale, indicators, .. } = *frame;
    let hl = t.header_line;
    let mut columns: Columns = Vec::new(); // (column, indicator position)
    let mut seen_headers = std::collections::HashSet::new();
    for (c, h) in t.headers.iter().enumerate() {
        if !seen_headers.insert(h) {
            diags.push(
                t.error(hl, Some(c), format!("column `{h}` appears twice")).hint("remove one of the two columns"),
            );
        } else if RESERVED.contains(&h.as_str()) {
        } else if let Some(k) = indicators.iter().position(|i| &i.key == h) {
            columns.push((c, k));
        } else {
            let known: Vec<&str> = indicators.iter().map(|i| i.key.as_str()).collect();
            diags.push(t.error(hl, Some(c), format!("column `{h}` is not an indicator declared in index.toml")).hint(
                if known.is_empty() {
                    "declare it as [[indicators]] in index.toml, name it under [columns] (e.g. \"Điểm DTI\" = \"score\"), or remove the column".to_string()
                } else {
                    format!(
                        "declare it as [[indicators]] in index.toml, name it under [columns], or rename it to one of: {}",
                        crate::diag::some(&known, 12)
                    )
                },
            ));
        }
    }
    for need in ["unit", "rank", "score"] {
        if t.column(need).is_none() {
            diags.push(t.error(hl, None, format!("column `{need}` is missing")).hint(
                "an edition file has the columns unit, rank, score (in Vietnamese e.g. Đơn vị, Xếp hạng, Điểm); \
                 name other headers under [columns] in index.toml",
            ));
        }
    }
    let (unit_c, rank_c, score_c, basis_c) =
        (t.column("unit"), t.column("rank"), t.column("score"), t.column("rank_basis"));
    let dc = t.decimal_comma();
    let mut seen: HashMap<usize, usize> = HashMap::new();
    let mut rows = Vec::new();
    let mut matches = Vec::new();
    let mut hinted = 0;
    let mut outside: std::collections::BTreeMap<String, Outside> = Default::default();
    for (r, row) in super::typed_rows::<EditionRow>(t) {
        let at = |col: Option<usize>| t.error(r.line, col, "");
        let err = |col: Option<usize>, msg: String| Diagnostic { message: msg, ..at(col) };
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                diags.push(
                    err(None, format!("cannot read the row: {e}"))
                        .hint("check that the row has the columns of the header, separated like it"),
                );
                continue;
            }
        };
        let id = row.unit.as_str();
        let found = match by_id.get(id) {
            Some(&u) => Found::One(u, MatchRule::Id),
            None if id.is_empty() => Found::None(Vec::new()),
            None => register.find(id, unit_kind, frame.from, frame.to, units),
        };
        let unit = match found {
            Found::One(u, rule) => {
                let (file, line) = t.place(r.line, unit_c);
                let place = match line {
                    Some(l) => format!("{file}:{l}"),
                    None => file,
                };
                matches.push(UnitMatch { place, written: id.to_string(), unit: u, rule });
                u
            }
            Found::Many(cands) => {
                let list: Vec<String> =
                    cands.iter().map(|&u| format!("`{}` ({})", units[u].id, units[u].name.vi)).collect();
                diags.push(
                    err(unit_c, format!("`{id}` may be any of {} units: {}", cands.len(), list.join(", ")))
                        .hint("write the unit's id instead of its name, or add the name as published to data/unit-names.csv for one unit"),
                );
                continue;
            }
            Found::None(closest) => {
                let closest = if closest.is_empty() && !id.is_empty() && hinted < CLOSEST_HINTS {
                    hinted += 1;
                    register.closest_any(id, unit_kind, frame.from, frame.to, units)
                } else {
                    closest
                };
                let names: Vec<String> =
                    closest.iter().map(|&u| format!("`{}` ({})", units[u].id, units[u].name.vi)).collect();
                diags.push(
                    err(unit_c, if id.is_empty() { "unit is empty".to_string() } else { format!("unknown unit `{id}`") })
                        .hint(if names.is_empty() {
                            "use an id from data/units.csv, a name or code the unit bore when the edition was published, or add the unit there".to_string()
                        } else {
                            format!(
                                "did you mean {}? The unit column holds ids, codes or names from data/units.csv (name variants in data/unit-names.csv)",
                                names.join(" or ")
                            )
                        }),
                );
                continue;
            }
        };
        if units[unit].kind != unit_kind {
            diags.push(
                err(
                    unit_c,
                    format!(
                        "`{id}` is a {}, but this index ranks units of kind {}",
                        units[unit].kind.key(),
                        unit_kind.key()
                    ),
                )
                .hint("move the row to an index of that kind, or fix the unit id"),
            );
        }
        if !existed(&units[unit], frame.from, frame.to) {
            let u = &units[unit];
            let (msg, hint) = match (u.valid_from, u.valid_to) {
                (_, Some(end)) if end < frame.from => (
                    format!(
                        "`{id}` ({}) no longer existed after {end}; this edition measures {}",
                        u.name.vi,
                        frame.from.year()
                    ),
                    match u.successor {
                        Some(s) => format!("rank its successor `{}` instead, or check the edition's year", units[s].id),
                        None => "check the unit id and the edition's year".to_string(),
                    },
                ),
                (Some(start), _) => (
                    format!(
                        "`{id}` ({}) began on {start}, after this edition was published on {}",
                        u.name.vi, frame.to
                    ),
                    "rank the units that existed then (its predecessors), or check `published`".to_string(),
                ),
                _ => (format!("`{id}` did not exist when this edition was made"), "check the unit's dates".to_string()),
            };
            diags.push(err(unit_c, msg).hint(hint));
        }
        if let Some(prev) = seen.insert(unit, r.line) {
            diags.push(
                err(
                    unit_c,
                    format!(
                        "unit `{id}` appears twice in this edition (also on {} {prev})",
                        if t.sheet.is_some() { "row" } else { "line" }
                    ),
                )
                .hint("keep one row per unit"),
            );
        }
        let rank_s = row.rank.as_str();
        let rank = if rank_s.is_empty() {
            None
        } else {
            match parse_rank(rank_s).ok_or(()) {
                Ok(n) if n > frame.field => {
                    diags.push(
                        err(
                            rank_c,
                            format!("rank {n} is larger than the field: {} units ({})", frame.field, frame.field_why),
                        )
                        .hint("check the rank against the source; if more units were ranked, give `field = N` in the edition's entry of index.toml"),
                    );
                    None
                }
                Ok(n) if n > 0 => Some(n),
                _ => {
                    diags.push(
                        err(rank_c, format!("rank `{rank_s}` is not a positive whole number"))
                            .hint("write the rank as published (1, 2, 15; a tie as 15 or 15=), or leave it empty; for a list published without ranks, write each row's place in the list as its rank and rank_basis = \"list-order\""),
                    );
                    None
                }
            }
        };
        let mut number = |s: &str, col: Option<usize>, what: &str, max: f64| -> Option<f64> {
            if s.is_empty() {
                return None;
            }
            match parse_number(s, dc) {
                Ok(v) if (0.0..=max).contains(&v) => Some(v),
                Ok(v) => {
                    // One error a column, at its first row: a whole column off the scale is one
                    // mistake (a scale of 1 for scores in percent), not sixty.
                    outside.entry(what.to_string()).or_insert((t.place(r.line, col), v, max, 0)).3 += 1;
                    None
                }
                Err(why) => {
                    diags.push(err(col, format!("{what} `{s}` {why}")).hint(if dc {
                        "write numbers like 0,8002"
                    } else {
                        "write numbers like 0.8002 (or save with `;` to use decimal commas)"
                    }));
                    None
                }
            }
        };
        let score = number(&row.score, score_c, "score", scale.max);
        let values = columns
            .iter()
            .map(|&(c, k)| number(r.get(Some(c)), Some(c), &format!("`{}`", indicators[k].key), indicators[k].max))
            .collect();
        let value_decimals = columns.iter().map(|&(c, _)| decimals_of(r.get(Some(c)))).collect();
        let basis = match row.rank_basis.as_str() {
            "" | "stated" => RankBasis::Stated,
            "list-order" => RankBasis::ListOrder,
            "derived" => RankBasis::Derived,
            other => {
                diags.push(err(basis_c, format!("rank_basis `{other}` is not `stated`, `list-order` or `derived`"))
                    .hint("leave it empty when the source states the rank; write list-order when the rank is a position in a printed list"));
                RankBasis::Stated
            }
        };
        rows.push(Row {
            unit,
            rank,
            tied: false,
            score,
            score_decimals: decimals_of(&row.score),
            basis,
            note: row.note.clone(),
            values,
            value_decimals,
            delta: None,
            line: r.line,
        });
    }
    for (what, ((file, line), v, max, n)) in outside {
        let others = match n - 1 {
            0 => String::new(),
            1 => " (and on 1 other row)".to_string(),
            k => format!(" (and on {k} other rows)"),
        };
        diags.push(Diagnostic::error(file, line, format!("{what} {v} is outside the scale 0 to {max}{others}")).hint(
            "check the number against the source; if the whole column is off, check `max` of the scale in index.toml",
        ));
    }
    (columns, rows, matches)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_delimiter() {
        assert_eq!(parse_number("0,8002", true), Ok(0.8002));
        assert_eq!(parse_number("0.8002", false), Ok(0.8002));
        assert!(parse_number("0,8002", false).is_err());
        assert!(parse_number("abc", false).is_err());
        assert!(parse_number("NaN", false).is_err());
    }

    #[test]
    fn ranks_as_published_lists_write_them() {
        for (s, want) in [
            ("15", Some(15)),
            ("15=", Some(15)),
            ("=15", Some(15)),
            ("2 (đồng hạng)", Some(2)),
            ("2 (Đồng hạng)", Some(2)),
            ("2 (tie)", Some(2)),
            ("hai", None),
            ("2a", None),
            ("(tie)", None),
        ] {
            assert_eq!(parse_rank(s), want, "{s}");
        }
    }
}
