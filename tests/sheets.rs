//! A council's own spreadsheet, as the province sends it, put into a site made by `init`: title
//! rows above the header, Vietnamese headers, a merged (tied) rank cell, numbers stored as text,
//! units written by id or by name as published. Workbooks are made here with rust_xlsxwriter.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use rust_xlsxwriter::{Format, Workbook};

const UNITS: &str = "\
tinh-mau-2,province,99,,Tỉnh Thử,Test Province,,Vùng mẫu,Sample region,,,,
xa-tan-lap,commune,10001,,Xã Tân Lập,Tan Lap Commune,tinh-mau-2,Vùng mẫu,Sample region,,,,
xa-hoa-binh,commune,10002,,Xã Hòa Bình,Hoa Binh Commune,tinh-mau-2,Vùng mẫu,Sample region,,,,
phuong-an-khanh,commune,10003,,Phường An Khánh,An Khanh Ward,tinh-mau-2,Vùng mẫu,Sample region,,,,
tt-dong-anh,commune,10004,,Thị trấn Đông Anh,Dong Anh Town,tinh-mau-2,Vùng mẫu,Sample region,,,,
";

fn index_toml(file: &str) -> String {
    format!(
        r#"name_vi = "Chỉ số chuyển đổi số cấp xã"
name_en = "Commune digital transformation index"
publisher_vi = "UBND Tỉnh Thử"
publisher_en = "People's Committee of Test Province"
unit_kind = "commune"

[scale]
max = 100.0

[[editions]]
year = 2024
file = "{file}"
published = "2025-03"
decision = "Quyết định số 01/QĐ-UBND"
sources = ["https://example.org/qd-01"]
"#
    )
}

/// A site made by `minhbach init`, with four more communes and an index `cds-xa` whose 2024
/// edition is `file`, written by `write`.
fn site(file: &str, write: impl FnOnce(&Path)) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let r = minhbach(&["init", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "init failed:\n{}", r.stderr);
    let units = dir.join("data/units.csv");
    let mut text = fs::read_to_string(&units).unwrap();
    text.push_str(UNITS);
    fs::write(&units, text).unwrap();
    let index = dir.join("data/rankings/cds-xa");
    fs::create_dir_all(&index).unwrap();
    fs::write(index.join("index.toml"), index_toml(file)).unwrap();
    write(&index.join(file));
    tmp
}

/// The table as the province prints it: rows of (unit as written, score, rank); a `None` rank
/// is the lower half of a merged rank cell.
type Table<'a> = [(&'a str, &'a str, Option<&'a str>)];

/// Writes the workbook: two title rows (merged across), an empty row, the header on row 4,
/// numbers as numbers unless they hold a comma or are given as `'text`.
fn workbook(path: &Path, unit_header: &str, rows: &Table) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Xếp hạng").unwrap();
    let f = Format::new();
    sheet.merge_range(0, 0, 0, 3, "UBND TỈNH THỬ", &f).unwrap();
    sheet.merge_range(1, 0, 1, 3, "BẢNG XẾP HẠNG CHỈ SỐ CHUYỂN ĐỔI SỐ CẤP XÃ NĂM 2024", &f).unwrap();
    for (c, h) in ["STT", unit_header, "Tổng điểm", "Xếp hạng"].iter().enumerate() {
        sheet.write_string(3, c as u16, *h).unwrap();
    }
    let put = |sheet: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, v: &str| {
        match v.strip_prefix('\'') {
            Some(text) => sheet.write_string(r, c, text).unwrap(),
            None => match v.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).unwrap(),
                Err(_) => sheet.write_string(r, c, v).unwrap(),
            },
        };
    };
    for (i, (unit, score, rank)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        sheet.write_number(r, 0, (i + 1) as f64).unwrap();
        sheet.write_string(r, 1, *unit).unwrap();
        put(sheet, r, 2, score);
        match rank {
            Some(k) if rows.get(i + 1).is_some_and(|n| n.2.is_none()) => {
                sheet.merge_range(r, 3, r + 1, 3, "", &f).unwrap();
                put(sheet, r, 3, k);
            }
            Some(k) => put(sheet, r, 3, k),
            None => {}
        }
    }
    fs::write(path, book.save_to_buffer().unwrap()).unwrap();
}

/// The same table as Excel's "Save as CSV (Comma delimited)" writes it: every row as wide as
/// the sheet, title rows and the empty row kept.
fn csv(path: &Path, unit_header: &str, rows: &Table) {
    let mut s = String::from("UBND TỈNH THỬ,,,\r\nBẢNG XẾP HẠNG CHỈ SỐ CHUYỂN ĐỔI SỐ CẤP XÃ NĂM 2024,,,\r\n,,,\r\n");
    s.push_str(&format!("STT,{unit_header},Tổng điểm,Xếp hạng\r\n"));
    for (i, (unit, score, rank)) in rows.iter().enumerate() {
        let score = score.trim_start_matches('\'');
        let rank = rank.map_or("", |r| r.trim_start_matches('\''));
        s.push_str(&format!("{},{unit},{score},{rank}\r\n", i + 1));
    }
    fs::write(path, s).unwrap();
}

/// The edition page's table as a reader sees it: one line per row, "rank unit score".
fn ranks(out: &Path) -> String {
    let html = read(out, "xep-hang/cds-xa/2024/index.html");
    let body = html.split("<tbody>").nth(1).expect("a table").split("</tbody>").next().unwrap();
    body.split("</tr>")
        .map(|r| text(r).split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|r| !r.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

const BY_ID: &Table = &[
    ("xa-tan-lap", "85.5", Some("1")),
    ("xa-hoa-binh", "80.25", Some("2")),
    ("phuong-an-khanh", "80.25", None),
    ("tt-dong-anh", "'70,5", Some("'4")),
];

const BY_NAME: &Table = &[
    ("UBND xã Tân Lập", "85.5", Some("1")),
    ("xã Hoà Bình", "80.25", Some("2")),
    ("Phường An Khánh", "80.25", None),
    ("TT Đông Anh", "'70,5", Some("'4")),
];

fn assert_ranks(out: &Path) {
    let table = ranks(out);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 4, "{table}");
    assert!(lines[0].starts_with("1 Xã Tân Lập 85,5"), "{table}");
    // The merged rank cell is a tie of both rows, in the order of their names.
    assert!(lines[1].starts_with("2= Phường An Khánh 80,25"), "{table}");
    assert!(lines[2].starts_with("2= Xã Hòa Bình 80,25"), "{table}");
    // A number stored as text, with a decimal comma.
    assert!(lines[3].starts_with("4 Thị trấn Đông Anh 70,5"), "{table}");
    let page = text(&read(out, "xep-hang/cds-xa/2024/index.html"));
    assert!(page.contains("tháng 3 năm 2025"), "the month it was published, as published: {page}");
    let en = text(&read(out, "en/rankings/cds-xa/2024/index.html"));
    assert!(en.contains("March 2025"), "{en}");
}

#[test]
fn a_commune_workbook_as_sent_builds_into_its_ranks() {
    let site = site("2024.xlsx", |p| workbook(p, "Đơn vị", BY_ID));
    let out = site.path().join("out");
    build_ok(&site.path().join("site"), &out);
    assert_ranks(&out);
}

#[test]
fn units_named_as_published_resolve_to_the_same_ranks() {
    let site = site("2024.xlsx", |p| workbook(p, "Tên đơn vị", BY_NAME));
    let root = site.path().join("site");
    let out = site.path().join("out");
    build_ok(&root, &out);
    assert_ranks(&out);
    let r = minhbach(&["check", "--explain-units", "--root", root.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "data/rankings/cds-xa/2024.xlsx!Xếp hạng!B5: \"UBND xã Tân Lập\" → xa-tan-lap (Xã Tân Lập) by its name"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn a_workbook_and_its_csv_give_the_same_pages() {
    // "Save as CSV" keeps a merged cell's value in its first cell only, and writes a number
    // stored as text as it shows: the table compared has neither.
    let rows: &Table = &[
        ("UBND xã Tân Lập", "85.5", Some("1")),
        ("xã Hoà Bình", "80.25", Some("2")),
        ("Phường An Khánh", "80.25", Some("2")),
        ("TT Đông Anh", "'70.5", Some("'4")),
    ];
    let a = site("2024.xlsx", |p| workbook(p, "Tên đơn vị", rows));
    let b = site("2024.csv", |p| csv(p, "Tên đơn vị", rows));
    let (out_a, out_b) = (a.path().join("out"), b.path().join("out"));
    build_ok(&a.path().join("site"), &out_a);
    build_ok(&b.path().join("site"), &out_b);
    for page in ["xep-hang/cds-xa/2024/index.html", "en/rankings/cds-xa/2024/index.html"] {
        assert_eq!(read(&out_a, page), read(&out_b, page), "{page}");
    }
}

#[test]
fn problems_in_a_workbook_name_their_cell() {
    let rows: &Table =
        &[("Xã Tân Lập", "85.5", Some("1")), ("Xã Hòa Bìh", "80", Some("2")), ("Phường An Khánh", "79", Some("hai"))];
    let site = site("2024.xlsx", |p| workbook(p, "Tên đơn vị", rows));
    let r = build(&site.path().join("site"), &site.path().join("out"));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("data/rankings/cds-xa/2024.xlsx!Xếp hạng!B6: error: unknown unit `Xã Hòa Bìh`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("did you mean `xa-hoa-binh` (Xã Hòa Bình)?"), "{}", r.stderr);
    assert!(r.stderr.contains("data/rankings/cds-xa/2024.xlsx!Xếp hạng!D7: error: rank `hai`"), "{}", r.stderr);
    assert!(r.stderr.contains("rank_basis = \"list-order\""), "{}", r.stderr);
}

#[test]
fn random_bytes_and_huge_sheets_are_refused() {
    let bad = site("2024.xlsx", |p| fs::write(p, b"PK\x03\x04 not really a workbook").unwrap());
    let r = build(&bad.path().join("site"), &bad.path().join("out"));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("2024.xlsx: error: cannot read the workbook"), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);

    let huge = site("2024.xlsx", |p| {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "Đơn vị").unwrap();
        sheet.write_string(0, 1, "Điểm").unwrap();
        sheet.write_string(50_000, 0, "xa-tan-lap").unwrap();
        fs::write(p, book.save_to_buffer().unwrap()).unwrap();
    });
    let r = build(&huge.path().join("site"), &huge.path().join("out"));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("the sheet has a value at row 50001"), "{}", r.stderr);
}

#[test]
fn a_damaged_workbook_is_an_error_not_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("x.xlsx");
    workbook(&path, "Tên đơn vị", BY_NAME);
    let good = fs::read(&path).unwrap();
    assert!(minhbach::parse::parse_workbook("x.xlsx", &good, None).is_ok());
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for _ in 0..300 {
        let mut bytes = good.clone();
        for _ in 0..1 + next() % 8 {
            let i = (next() as usize) % bytes.len();
            bytes[i] = next() as u8;
        }
        if next() % 4 == 0 {
            bytes.truncate((next() as usize) % bytes.len());
        }
        // Ok (a byte that did not matter) or an error; never a panic.
        let _ = minhbach::parse::parse_workbook("x.xlsx", &bytes, None);
    }
}

#[test]
fn a_value_in_the_last_cell_of_a_sheet_is_refused_without_reading_the_sheet_whole() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Đơn vị").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let e = minhbach::parse::parse_workbook("x.xlsx", &book.save_to_buffer().unwrap(), None).unwrap_err();
    assert!(e.message.to_string().contains("a value at row 1048576 and column XFD"), "{e}");
}
