//! An edition file's header as published: the header row found below the title rows, the
//! headers a province writes (`Xếp hạng`, `Tổng điểm`, `Tên đơn vị`, `STT`…) mapped to the
//! columns of `docs/FORMAT.md`, folded for case, diacritics, spacing and punctuation, and
//! extended per index by `[columns]` in `index.toml`.

use std::collections::HashMap;

use super::rows::RESERVED;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{RawRow, RawTable};
use crate::model::Indicator;

/// What a header names: a column of the format (`unit`, `rank`, an indicator key…), the
/// unit's code (the unit column when there is no name column), or nothing (row numbers).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Col {
    Named(String),
    Code,
    Ignored,
}

/// The headers an edition file may have, built in: folded header → column. Kept in step with
/// the table in `docs/FORMAT.md`.
const BUILT_IN: [(&str, &str); 40] = [
    ("đơn vị", "unit"),
    ("tên đơn vị", "unit"),
    ("địa phương", "unit"),
    ("tên địa phương", "unit"),
    ("tỉnh/thành phố", "unit"),
    ("tỉnh, thành phố", "unit"),
    ("tỉnh", "unit"),
    ("tên tỉnh", "unit"),
    ("xã/phường", "unit"),
    ("xã, phường", "unit"),
    ("xã, phường, thị trấn", "unit"),
    ("xã", "unit"),
    ("tên xã", "unit"),
    ("bộ, ngành", "unit"),
    ("bộ, cơ quan", "unit"),
    ("cơ quan", "unit"),
    ("mã", "=code"),
    ("mã đơn vị", "=code"),
    ("mã tỉnh", "=code"),
    ("mã xã", "=code"),
    ("hạng", "rank"),
    ("xếp hạng", "rank"),
    ("thứ hạng", "rank"),
    ("thứ tự xếp hạng", "rank"),
    ("điểm", "score"),
    ("tổng điểm", "score"),
    ("điểm số", "score"),
    ("tổng", "score"),
    ("chỉ số", "score"),
    ("giá trị chỉ số", "score"),
    ("ghi chú", "note"),
    ("cơ sở xếp hạng", "rank_basis"),
    ("stt", "=ignore"),
    ("tt", "=ignore"),
    ("số tt", "=ignore"),
    ("số thứ tự", "=ignore"),
    ("name", "unit"),
    ("code", "=code"),
    ("no", "=ignore"),
    ("no.", "=ignore"),
];

/// A header folded: lower case, no diacritics, `/ , . - _ : *` and runs of spaces as one space.
pub(crate) fn fold_header(s: &str) -> String {
    let folded = crate::i18n::fold(s);
    let spaced: String =
        folded.chars().map(|c| if "/,.-_:*()\u{a0}".contains(c) || c.is_whitespace() { ' ' } else { c }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The header names of one index: built in, the columns themselves and `[columns]`.
pub(super) struct ColumnNames {
    map: HashMap<String, Col>,
}

fn col_of(target: &str) -> Col {
    match target {
        "=code" => Col::Code,
        "=ignore" | "ignore" => Col::Ignored,
        t => Col::Named(t.to_string()),
    }
}

impl ColumnNames {
    /// The names of an index: the built-in table, every column's own name (`unit`, `rank`,
    /// indicator keys) and `extra` (`[columns]` of `index.toml`, already checked).
    pub(super) fn new(indicators: &[Indicator], extra: &[(String, String)]) -> ColumnNames {
        let mut map = HashMap::new();
        for (h, t) in BUILT_IN {
            map.insert(fold_header(h), col_of(t));
        }
        for k in RESERVED.iter().copied().chain(indicators.iter().map(|i| i.key.as_str())) {
            map.insert(fold_header(k), Col::Named(k.to_string()));
        }
        for (h, t) in extra {
            map.insert(fold_header(h), col_of(t));
        }
        ColumnNames { map }
    }

    fn get(&self, header: &str) -> Option<&Col> {
        self.map.get(&fold_header(header))
    }

    /// How many of `unit`, `rank` and `score` a row of cells names.
    fn known(&self, cells: &[String]) -> usize {
        let mut found = [false; 3];
        for c in cells {
            match self.get(c) {
                Some(Col::Named(n)) if n == "unit" => found[0] = true,
                Some(Col::Code) => found[0] = true,
                Some(Col::Named(n)) if n == "rank" => found[1] = true,
                Some(Col::Named(n)) if n == "score" => found[2] = true,
                _ => {}
            }
        }
        found.iter().filter(|&&f| f).count()
    }
}

/// The targets `[columns]` may name, for its messages.
pub(super) fn targets(indicators: &[Indicator]) -> Vec<String> {
    RESERVED
        .iter()
        .map(ToString::to_string)
        .chain(indicators.iter().map(|i| i.key.clone()))
        .chain(std::iter::once("ignore".to_string()))
        .collect()
}

/// A row of column numbers under the header (`(1) (2) (3)` or `1 2 3`), printed by many
/// official tables: not data.
fn numbering_row(fields: &[String]) -> bool {
    let nums: Vec<Option<u32>> = fields
        .iter()
        .map(|f| f.trim())
        .filter(|f| !f.is_empty())
        .map(|f| f.trim_start_matches('(').trim_end_matches(')').parse().ok())
        .collect();
    nums.len() >= 3 && nums.windows(2).all(|w| matches!((w[0], w[1]), (Some(a), Some(b)) if b == a + 1))
}

/// How many rows from the top are searched for the header.
const HEADER_SEARCH: usize = 30;

/// The table with its header row found (`header_row`, else the first row naming at least two
/// of unit, rank and score, else the first row), rows above it dropped, headers mapped to the
/// format's columns, row-number columns dropped.
pub(super) fn normalize(
    t: &RawTable,
    names: &ColumnNames,
    header_row: Option<(usize, Diagnostic)>,
    diags: &mut Diagnostics,
) -> RawTable {
    let all: Vec<(usize, &Vec<String>)> =
        std::iter::once((t.header_line, &t.headers)).chain(t.rows.iter().map(|r| (r.line, &r.fields))).collect();
    let found = || all.iter().take(HEADER_SEARCH).position(|(_, f)| names.known(f) >= 2).unwrap_or(0);
    let at = match header_row {
        Some((n, not_found)) => match all.iter().position(|(l, _)| *l == n) {
            Some(i) => i,
            None => {
                diags.push(not_found);
                found()
            }
        },
        None => found(),
    };
    let (header_line, header) = all[at];
    let mut cols: Vec<Option<Col>> = header.iter().map(|h| names.get(h).cloned()).collect();
    let has_unit = cols.iter().any(|c| c == &Some(Col::Named("unit".into())));
    // Columns kept: (column in the file, header).
    let mut kept: Vec<(usize, String)> = Vec::new();
    let body = &all[at + 1..];
    for (c, col) in cols.iter_mut().enumerate() {
        let cell = header.get(c).map_or("", |h| h.trim());
        match col.take() {
            Some(Col::Ignored) => {}
            Some(Col::Code) if has_unit => {}
            Some(Col::Code) => kept.push((c, "unit".into())),
            Some(Col::Named(n)) => kept.push((c, n)),
            None if cell.is_empty() && body.iter().all(|(_, f)| f.get(c).is_none_or(|v| v.trim().is_empty())) => {}
            None => kept.push((c, cell.to_string())),
        }
    }
    let skip = usize::from(body.first().is_some_and(|(_, f)| numbering_row(f)));
    let rows = body
        .iter()
        .skip(skip)
        .map(|(line, f)| RawRow {
            line: *line,
            fields: kept.iter().map(|(c, _)| f.get(*c).cloned().unwrap_or_default()).collect(),
        })
        .filter(|r| r.fields.iter().any(|f| !f.trim().is_empty()))
        .collect();
    RawTable {
        file: t.file.clone(),
        delimiter: t.delimiter,
        header_line,
        headers: kept.iter().map(|(_, h)| h.clone()).collect(),
        rows,
        sheet: t.sheet.clone(),
        source_columns: kept.iter().map(|(c, _)| *c).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> RawTable {
        let mut t = RawTable { file: "x.csv".into(), delimiter: b',', header_line: 1, ..Default::default() };
        t.headers = rows[0].iter().map(ToString::to_string).collect();
        t.rows = rows[1..]
            .iter()
            .enumerate()
            .map(|(i, r)| RawRow { line: i + 2, fields: r.iter().map(ToString::to_string).collect() })
            .collect();
        t
    }

    #[test]
    fn folds_headers() {
        assert_eq!(fold_header(" Tỉnh/Thành  phố "), "tinh thanh pho");
        assert_eq!(fold_header("XẾP HẠNG"), "xep hang");
        assert_eq!(fold_header("Điểm:"), "diem");
    }

    #[test]
    fn finds_the_header_below_title_rows() {
        let t = table(&[
            &["UBND TỈNH MẪU", "", "", ""],
            &["BẢNG XẾP HẠNG CHỈ SỐ CHUYỂN ĐỔI SỐ CẤP XÃ NĂM 2024", "", "", ""],
            &["STT", "Tên đơn vị", "Tổng điểm", "Xếp hạng"],
            &["(1)", "(2)", "(3)", "(4)"],
            &["1", "Xã A", "0.9", "1"],
        ]);
        let names = ColumnNames::new(&[], &[("Điểm DTI".into(), "score".into())]);
        let mut d = Diagnostics::default();
        let n = normalize(&t, &names, None, &mut d);
        assert_eq!(n.headers, vec!["unit", "score", "rank"]);
        assert_eq!(n.header_line, 3);
        assert_eq!(n.rows.len(), 1);
        assert_eq!(n.rows[0].fields, vec!["Xã A", "0.9", "1"]);
        assert_eq!(n.source_columns, vec![1, 2, 3]);
    }

    #[test]
    fn canonical_csv_is_unchanged() {
        let t = table(&[&["unit", "rank", "score", "note"], &["hue", "1", "0.5", ""]]);
        let n = normalize(&t, &ColumnNames::new(&[], &[]), None, &mut Diagnostics::default());
        assert_eq!(n.headers, t.headers);
        assert_eq!(n.rows[0].fields, t.rows[0].fields);
    }

    #[test]
    fn code_is_the_unit_only_without_a_name_column() {
        let names = ColumnNames::new(&[], &[]);
        let t = table(&[&["Mã", "Đơn vị", "Điểm"], &["01", "Hà Nội", "1"]]);
        let n = normalize(&t, &names, None, &mut Diagnostics::default());
        assert_eq!(n.headers, vec!["unit", "score"]);
        let t = table(&[&["Mã", "Hạng", "Điểm"], &["01", "1", "1"]]);
        assert_eq!(normalize(&t, &names, None, &mut Diagnostics::default()).headers, vec!["unit", "rank", "score"]);
    }
}
