//! Workbooks (`.xlsx`, `.ods`, `.xls`) into the same raw table as a CSV file, read with the
//! `calamine` crate: one sheet (named, or the first), every cell as the text it holds, merged
//! cells filled with the value of their first cell, rows and columns at their place in the sheet
//! (row 14 is line 14, column C is field 2) so that a problem can name its cell.

use std::io::{Cursor, Read, Seek};

use calamine::{open_workbook_auto_from_rs, Data, Reader, Sheets};

use super::raw::{RawRow, RawTable};
use crate::diag::Diagnostic;

/// The file extensions read as workbooks (lower case).
pub(crate) const WORKBOOK_EXTENSIONS: [&str; 3] = ["xlsx", "ods", "xls"];

/// Most rows and columns of a sheet read: a commune ranking of a whole country is ~3,400 rows.
pub(crate) const MAX_ROWS: u32 = 20_000;
pub(crate) const MAX_COLUMNS: u32 = 200;
/// Most bytes a workbook's compressed parts may unpack to, checked before they are unpacked.
const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// Whether `name` is a workbook by its extension.
pub(crate) fn is_workbook(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, ext)| WORKBOOK_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// The letters of a 0-based column: 0 → `A`, 27 → `AB`.
pub(crate) fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A cell's value as text, as a clerk reads it in the sheet: whole numbers without `.0`, other
/// numbers as Excel shows them at full precision (rounded to 10 decimals to drop binary noise).
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => dt.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let s = format!("{f}");
    if s.len() <= 12 || !f.is_finite() {
        return s;
    }
    let r = format!("{f:.10}");
    r.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn unreadable(file: &str, why: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(file, None, crate::tr!("cannot read the workbook: {why}", why)).hint(crate::tr!(
        "open it in Excel or LibreOffice and save it again as .xlsx (or export the sheet as CSV UTF-8)"
    ))
}

/// Refuses a zipped workbook whose parts would unpack to more than [`MAX_UNPACKED`] bytes.
fn check_unpacked_size(file: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
    if !bytes.starts_with(b"PK") {
        return Ok(()); // not a zip (.xls): calamine reads it as it is
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(file, e))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| unreadable(file, e))?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNPACKED {
        return Err(Diagnostic::error(
            file,
            None,
            crate::tr!(
                "the workbook unpacks to {size} MB; at most {max} MB is read",
                size = total >> 20,
                max = MAX_UNPACKED >> 20
            ),
        )
        .hint(crate::tr!("keep only the ranking's sheet in the file, or export that sheet as CSV UTF-8")));
    }
    Ok(())
}

fn merges<RS: Read + Seek>(book: &mut Sheets<RS>, sheet: &str) -> Vec<calamine::Dimensions> {
    match book {
        Sheets::Xlsx(x) => x.worksheet_merge_cells(sheet).and_then(Result::ok).unwrap_or_default(),
        Sheets::Xls(x) => x.worksheet_merge_cells(sheet).unwrap_or_default(),
        // calamine does not report the merged cells of .ods and .xlsb sheets: their covered cells
        // read as empty.
        _ => Vec::new(),
    }
}

/// Runs `f`, turning a panic into `Err` without printing it. calamine 0.31 indexes some
/// tables of a damaged workbook unchecked (a shared string missing from `sharedStrings.xml`
/// panics); a damaged file is an error with its name, not a crash. The hook is swapped under a
/// lock so that two workbooks read at once cannot leave the silent hook in place.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    result.ok()
}

/// Reads one sheet of a workbook (`sheet`, else the first) into a raw table: its first row that
/// is not empty as the header, the rest as rows, each at its place in the sheet.
pub fn parse_workbook(file: &str, bytes: &[u8], sheet: Option<&str>) -> Result<RawTable, Diagnostic> {
    check_unpacked_size(file, bytes)?;
    quietly(|| read_sheet(file, bytes, sheet))
        .unwrap_or_else(|| Err(unreadable(file, crate::tr!("it is damaged (the reader stopped on it)"))))
}

fn read_sheet(file: &str, bytes: &[u8], sheet: Option<&str>) -> Result<RawTable, Diagnostic> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(file, e))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => match names.iter().find(|n| n.as_str() == s || n.trim().eq_ignore_ascii_case(s.trim())) {
            Some(n) => n.clone(),
            None => {
                return Err(Diagnostic::error(file, None, crate::tr!("the workbook has no sheet `{s}`", s)).hint(
                    crate::tr!(
                        "its sheets are: {sheets}; fix `sheet` in the edition's entry of index.toml",
                        sheets = crate::diag::some(&names.iter().map(String::as_str).collect::<Vec<_>>(), 12)
                    ),
                ))
            }
        },
        None => match names.first() {
            Some(n) => n.clone(),
            None => return Err(unreadable(file, crate::tr!("it has no sheet"))),
        },
    };
    let place = format!("{file}!{name}");
    let too_big = |r: u32, c: u32| {
        Diagnostic::error(
            &place,
            None,
            crate::tr!(
                "the sheet has a value at row {row} and column {column}; at most {max_rows} rows and {max_columns} columns are read",
                row = r + 1,
                column = column_letters(c as usize),
                max_rows = MAX_ROWS,
                max_columns = MAX_COLUMNS
            ),
        )
        .hint(crate::tr!("delete what lies below and right of the table (Ctrl+End shows where the sheet ends)"))
    };
    // The cells that hold something, at their place. An .xlsx sheet is read cell by cell, each
    // checked against the bounds before anything is kept: calamine's whole-sheet range is as
    // large as its last cell's row times its last column, whatever lies between.
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    if let Sheets::Xlsx(x) = &mut book {
        let mut reader = x.worksheet_cells_reader(&name).map_err(|e| unreadable(file, e))?;
        while let Some(cell) = reader.next_cell().map_err(|e| unreadable(file, e))? {
            let text = cell_text(&Data::from(cell.get_value().clone()));
            if text.is_empty() {
                continue;
            }
            let (r, c) = cell.get_position();
            if r >= MAX_ROWS || c >= MAX_COLUMNS {
                return Err(too_big(r, c));
            }
            cells.push((r, c, text));
        }
    } else {
        let range = book.worksheet_range(&name).map_err(|e| unreadable(file, e))?;
        let start = range.start().unwrap_or((0, 0));
        for (r, c, d) in range.used_cells() {
            let (r, c) = (r as u32 + start.0, c as u32 + start.1);
            if r >= MAX_ROWS || c >= MAX_COLUMNS {
                return Err(too_big(r, c));
            }
            cells.push((r, c, cell_text(d)));
        }
    }
    if cells.is_empty() {
        return Err(Diagnostic::error(&place, None, crate::tr!("the sheet is empty")).hint(crate::tr!(
            "put the ranking on the first sheet, or name its sheet with `sheet = \"…\"` in index.toml"
        )));
    }
    let width = cells.iter().map(|c| c.1).max().unwrap_or(0) as usize + 1;
    let height = cells.iter().map(|c| c.0).max().unwrap_or(0) as usize + 1;
    // Rows are made as wide as the sheet only where they hold something.
    let mut grid: Vec<Vec<String>> = vec![Vec::new(); height];
    for (r, c, text) in cells {
        let row = &mut grid[r as usize];
        if row.is_empty() {
            *row = vec![String::new(); width];
        }
        row[c as usize] = text;
    }
    for m in merges(&mut book, &name) {
        let (r0, c0) = (m.start.0 as usize, m.start.1 as usize);
        let Some(v) = grid.get(r0).and_then(|row| row.get(c0)).cloned() else { continue };
        for row in grid.iter_mut().take(m.end.0 as usize + 1).skip(r0) {
            if row.is_empty() {
                *row = vec![String::new(); width];
            }
            for cell in row.iter_mut().take(m.end.1 as usize + 1).skip(c0) {
                if cell.is_empty() {
                    cell.clone_from(&v);
                }
            }
        }
    }
    let mut table = RawTable { file: file.to_string(), delimiter: b',', sheet: Some(name), ..Default::default() };
    for (r, fields) in grid.into_iter().enumerate() {
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if table.headers.is_empty() {
            table.header_line = r + 1;
            table.headers = fields.iter().map(|h| h.trim().to_string()).collect();
        } else {
            table.rows.push(RawRow { line: r + 1, fields });
        }
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(2), "C");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }

    #[test]
    fn numbers_as_a_clerk_reads_them() {
        assert_eq!(number_text(15.0), "15");
        assert_eq!(number_text(0.8002), "0.8002");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
    }

    #[test]
    fn reads_an_ods_sheet_at_its_cells() {
        let bytes = include_bytes!("../../tests/fixtures/workbooks/commune.ods");
        let t = parse_workbook("x.ods", bytes, Some("Xếp hạng")).unwrap();
        assert_eq!(t.sheet.as_deref(), Some("Xếp hạng"));
        assert_eq!(t.header_line, 1, "the title row comes first: check finds the header");
        let row4 = t.rows.iter().find(|r| r.line == 4).unwrap();
        assert_eq!(row4.fields, vec!["STT", "Tên đơn vị", "Tổng điểm", "Xếp hạng"]);
        let row6 = t.rows.iter().find(|r| r.line == 6).unwrap();
        assert_eq!(row6.fields, vec!["2", "Phường An Khánh", "80,25", "2 (đồng hạng)"]);
        assert_eq!(t.error(6, Some(2), crate::diag::Text::verbatim("x")).file, "x.ods!Xếp hạng!C6");
    }

    #[test]
    fn random_bytes_are_an_error_not_a_panic() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for n in 0..200 {
            let mut bytes = Vec::new();
            if n % 2 == 0 {
                bytes.extend_from_slice(b"PK\x03\x04");
            }
            for _ in 0..(n * 7 % 600) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                bytes.push(x as u8);
            }
            assert!(parse_workbook("x.xlsx", &bytes, None).is_err());
        }
    }
}
