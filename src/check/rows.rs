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
/// Why it is not: `true` for a decimal comma in a comma-delimited file.
pub(super) fn parse_number(s: &str, decimal_comma: bool) -> Result<f64, bool> {
    let s = s.trim();
    let normalized = if decimal_comma { s.replace(',', ".") } else { s.to_string() };
    if !decimal_comma && s.contains(',') && !s.contains('.') {
        return Err(true);
    }
    match normalized.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(false),
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
    pub field_why: crate::diag::Text,
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
                t.error(hl, Some(c), crate::tr!("column `{h}` appears twice", h))
                    .hint(crate::tr!("remove one of the two columns")),
            );
        } else if RESERVED.contains(&h.as_str()) {
        } else if let Some(k) = indicators.iter().position(|i| &i.key == h) {
            columns.push((c, k));
        } else {
            let known: Vec<&str> = indicators.iter().map(|i| i.key.as_str()).collect();
            diags.push(t.error(hl, Some(c), crate::tr!("column `{h}` is not an indicator declared in index.toml", h)).hint(
                if known.is_empty() {
                    crate::tr!("declare it as [[indicators]] in index.toml, name it under [columns] (e.g. \"Điểm DTI\" = \"score\"), or remove the column")
                } else {
                    crate::tr!(
                        "declare it as [[indicators]] in index.toml, name it under [columns], or rename it to one of: {known}",
                        known = crate::diag::some(&known, 12)
                    )
                },
            ));
        }
    }
    for need in ["unit", "rank", "score"] {
        if t.column(need).is_none() {
            diags.push(t.error(hl, None, crate::tr!("column `{need}` is missing", need)).hint(crate::tr!(
                "an edition file has the columns unit, rank, score (in Vietnamese e.g. Đơn vị, Xếp hạng, Điểm); \
                 name other headers under [columns] in index.toml"
            )));
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
        let at = |col: Option<usize>| t.error(r.line, col, crate::diag::Text::verbatim(""));
        let err = |col: Option<usize>, msg: crate::diag::Text| Diagnostic { message: msg, ..at(col) };
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                diags.push(
                    err(None, crate::tr!("cannot read the row: {e}", e))
                        .hint(crate::tr!("check that the row has the columns of the header, separated like it")),
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
                    err(unit_c, crate::tr!("`{id}` may be any of {n} units: {join}", id, n = cands.len(), join = list.join(", ")))
                        .hint(crate::tr!("write the unit's id instead of its name, or add the name as published to data/unit-names.csv for one unit")),
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
                    err(unit_c, if id.is_empty() { crate::tr!("unit is empty") } else { crate::tr!("unknown unit `{id}`", id) })
                        .hint(if names.is_empty() {
                            crate::tr!("use an id from data/units.csv, a name or code the unit bore when the edition was published, or add the unit there")
                        } else {
                            crate::tr!(
                                "did you mean {names}? The unit column holds ids, codes or names from data/units.csv (name variants in data/unit-names.csv)",
                                names = names.join(" or ")
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
                    crate::tr!(
                        "`{id}` is a {kind}, but this index ranks units of kind {wanted}",
                        id,
                        kind = units[unit].kind.key(),
                        wanted = unit_kind.key()
                    ),
                )
                .hint(crate::tr!("move the row to an index of that kind, or fix the unit id")),
            );
        }
        if !existed(&units[unit], frame.from, frame.to) {
            let u = &units[unit];
            let (msg, hint) = match (u.valid_from, u.valid_to) {
                (_, Some(end)) if end < frame.from => (
                    crate::tr!(
                        "`{id}` ({name}) no longer existed after {end}; this edition measures {year}",
                        id,
                        name = u.name.vi,
                        end,
                        year = frame.from.year()
                    ),
                    match u.successor {
                        Some(s) => crate::tr!(
                            "rank its successor `{successor}` instead, or check the edition's year",
                            successor = units[s].id
                        ),
                        None => crate::tr!("check the unit id and the edition's year"),
                    },
                ),
                (Some(start), _) => (
                    crate::tr!(
                        "`{id}` ({name}) began on {start}, after this edition was published on {published}",
                        id,
                        name = u.name.vi,
                        start,
                        published = frame.to
                    ),
                    crate::tr!("rank the units that existed then (its predecessors), or check `published`"),
                ),
                _ => (
                    crate::tr!("`{id}` did not exist when this edition was made", id),
                    crate::tr!("check the unit's dates"),
                ),
            };
            diags.push(err(unit_c, msg).hint(hint));
        }
        if let Some(prev) = seen.insert(unit, r.line) {
            diags.push(
                err(
                    unit_c,
                    if t.sheet.is_some() {
                        crate::tr!("unit `{id}` appears twice in this edition (also on row {prev})", id, prev)
                    } else {
                        crate::tr!("unit `{id}` appears twice in this edition (also on line {prev})", id, prev)
                    },
                )
                .hint(crate::tr!("keep one row per unit")),
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
                            crate::tr!("rank {n} is larger than the field: {field} units ({field_why})", n, field = frame.field, field_why = frame.field_why),
                        )
                        .hint(crate::tr!("check the rank against the source; if more units were ranked, give `field = N` in the edition's entry of index.toml")),
                    );
                    None
                }
                Ok(n) if n > 0 => Some(n),
                _ => {
                    diags.push(
                        err(rank_c, crate::tr!("rank `{rank_s}` is not a positive whole number", rank_s))
                            .hint(crate::tr!("write the rank as published (1, 2, 15; a tie as 15 or 15=), or leave it empty; for a list published without ranks, write each row's place in the list as its rank and rank_basis = \"list-order\"")),
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
                Err(comma) => {
                    let message = if comma {
                        crate::tr!("{what} `{s}` uses a decimal comma in a comma-delimited file", what, s)
                    } else {
                        crate::tr!("{what} `{s}` is not a number", what, s)
                    };
                    diags.push(err(col, message).hint(if dc {
                        crate::tr!("write numbers like 0,8002")
                    } else {
                        crate::tr!("write numbers like 0.8002 (or save with `;` to use decimal commas)")
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
                diags.push(err(basis_c, crate::tr!("rank_basis `{other}` is not `stated`, `list-order` or `derived`", other))
                    .hint(crate::tr!("leave it empty when the source states the rank; write list-order when the rank is a position in a printed list")));
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
        let message = match n - 1 {
            0 => crate::tr!("{what} {v} is outside the scale 0 to {max}", what, v, max),
            1 => crate::tr!("{what} {v} is outside the scale 0 to {max} (and on 1 other row)", what, v, max),
            k => crate::tr!("{what} {v} is outside the scale 0 to {max} (and on {k} other rows)", what, v, max, k),
        };
        diags.push(Diagnostic::error(file, line, message).hint(crate::tr!(
            "check the number against the source; if the whole column is off, check `max` of the scale in index.toml"
        )));
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
