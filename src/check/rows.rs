//! One edition's rows as published: units, ranks (stated or list order, ties), scores and
//! indicator values as numbers in the file's own decimal convention.

use std::collections::HashMap;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::RawTable;
use crate::model::{Indicator, RankBasis, Row, Scale, Unit, UnitKind};

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

pub(super) fn check_rows(
    t: &RawTable,
    unit_kind: UnitKind,
    scale: Scale,
    indicators: &[Indicator],
    units: &[Unit],
    by_id: &HashMap<String, usize>,
    diags: &mut Diagnostics,
) -> (Columns, Vec<Row>) {
    let file = &t.file;
    let hl = Some(t.header_line);
    let mut columns: Columns = Vec::new(); // (column, indicator position)
    for (c, h) in t.headers.iter().enumerate() {
        if t.headers[..c].contains(h) {
            diags.push(
                Diagnostic::error(file, hl, format!("column `{h}` appears twice"))
                    .hint("remove one of the two columns"),
            );
        } else if RESERVED.contains(&h.as_str()) {
        } else if let Some(k) = indicators.iter().position(|i| &i.key == h) {
            columns.push((c, k));
        } else {
            let known: Vec<&str> = indicators.iter().map(|i| i.key.as_str()).collect();
            diags.push(
                Diagnostic::error(file, hl, format!("column `{h}` is not an indicator declared in index.toml")).hint(
                    if known.is_empty() {
                        "declare it as [[indicators]] in index.toml, or remove the column".to_string()
                    } else {
                        format!(
                            "declare it as [[indicators]] in index.toml, or rename it to one of: {}",
                            known.join(", ")
                        )
                    },
                ),
            );
        }
    }
    for need in ["unit", "rank", "score"] {
        if t.column(need).is_none() {
            diags.push(
                Diagnostic::error(file, hl, format!("column `{need}` is missing"))
                    .hint("an edition file starts with the columns unit,rank,score"),
            );
        }
    }
    let (cu, cr, cs, cb, cn) =
        (t.column("unit"), t.column("rank"), t.column("score"), t.column("rank_basis"), t.column("note"));
    let dc = t.decimal_comma();
    let mut seen: HashMap<usize, usize> = HashMap::new();
    let mut rows = Vec::new();
    for r in &t.rows {
        let line = Some(r.line);
        let id = r.get(cu);
        let unit = match by_id.get(id) {
            Some(&u) => u,
            None => {
                let guess = units.iter().find(|u| {
                    u.code == id
                        || u.former_codes.iter().any(|c| c == id)
                        || crate::i18n::fold(&u.name.vi) == crate::i18n::fold(id)
                });
                diags.push(
                    Diagnostic::error(
                        file,
                        line,
                        if id.is_empty() { "unit is empty".to_string() } else { format!("unknown unit `{id}`") },
                    )
                    .hint(match guess {
                        Some(u) => format!(
                            "did you mean `{}` ({})? The unit column holds ids from data/units.csv",
                            u.id, u.name.vi
                        ),
                        None => "use an id from data/units.csv, or add the unit there".to_string(),
                    }),
                );
                continue;
            }
        };
        if units[unit].kind != unit_kind {
            diags.push(
                Diagnostic::error(
                    file,
                    line,
                    format!(
                        "`{id}` is a {}, but this index ranks units of kind {}",
                        units[unit].kind.key(),
                        unit_kind.key()
                    ),
                )
                .hint("move the row to an index of that kind, or fix the unit id"),
            );
        }
        if let Some(prev) = seen.insert(unit, r.line) {
            diags.push(
                Diagnostic::error(
                    file,
                    line,
                    format!("unit `{id}` appears twice in this edition (also on line {prev})"),
                )
                .hint("keep one row per unit"),
            );
        }
        let rank_s = r.get(cr);
        let rank = if rank_s.is_empty() {
            None
        } else {
            match rank_s.parse::<u32>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    diags.push(
                        Diagnostic::error(file, line, format!("rank `{rank_s}` is not a positive whole number"))
                            .hint("write the rank as published (1, 2, 15, …), or leave it empty"),
                    );
                    None
                }
            }
        };
        let mut number = |s: &str, what: &str, max: f64| -> Option<f64> {
            if s.is_empty() {
                return None;
            }
            match parse_number(s, dc) {
                Ok(v) if (0.0..=max).contains(&v) => Some(v),
                Ok(v) => {
                    diags.push(
                        Diagnostic::error(file, line, format!("{what} {v} is outside the scale 0 to {max}"))
                            .hint("check the number against the source; scores are on the scale of index.toml"),
                    );
                    None
                }
                Err(why) => {
                    diags.push(Diagnostic::error(file, line, format!("{what} `{s}` {why}")).hint(if dc {
                        "write numbers like 0,8002"
                    } else {
                        "write numbers like 0.8002 (or save with `;` to use decimal commas)"
                    }));
                    None
                }
            }
        };
        let score = number(r.get(cs), "score", scale.max);
        let values = columns
            .iter()
            .map(|&(c, k)| number(r.get(Some(c)), &format!("`{}`", indicators[k].key), indicators[k].max))
            .collect();
        let basis = match r.get(cb) {
            "" | "stated" => RankBasis::Stated,
            "list-order" => RankBasis::ListOrder,
            other => {
                diags.push(Diagnostic::error(file, line, format!("rank_basis `{other}` is not `stated` or `list-order`"))
                    .hint("leave it empty when the source states the rank; write list-order when the rank is a position in a printed list"));
                RankBasis::Stated
            }
        };
        rows.push(Row {
            unit,
            rank,
            tied: false,
            score,
            basis,
            note: r.get(cn).to_string(),
            values,
            delta: None,
            line: r.line,
        });
    }
    // Ranked rows first by rank, then unranked; names in Vietnamese order within each.
    rows.sort_by_cached_key(|r| (r.rank.is_none(), r.rank, crate::i18n::vi_sort_key(&units[r.unit].name.vi)));
    let mut counts: HashMap<u32, usize> = HashMap::new();
    for r in &rows {
        if let Some(k) = r.rank {
            *counts.entry(k).or_default() += 1;
        }
    }
    for r in &mut rows {
        r.tied = r.rank.is_some_and(|k| counts[&k] > 1);
    }
    (columns, rows)
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
}
