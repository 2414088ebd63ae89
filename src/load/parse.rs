//! Bytes into what the checks read: text (UTF-8, with or without BOM), CSV tables as Excel
//! saves them, TOML files and Markdown front matter, each problem at its line.

use std::collections::BTreeMap;

use super::raw::{FrontMatter, IndexToml, RawRow, RawTable};
use crate::config::RawConfig;
use crate::diag::{toml_error, Diagnostic};

/// Turns bytes into text, accepting UTF-8 with or without BOM and refusing anything else.
pub(crate) fn decode_text(file: &str, bytes: &[u8]) -> Result<String, Diagnostic> {
    let hint = crate::tr!("open it in Excel or a text editor and save it as \"CSV UTF-8\" / \"UTF-8\"");
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::error(file, Some(1), crate::tr!("file is in UTF-16, not UTF-8")).hint(hint));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(Diagnostic::error(
            file,
            Some(line),
            crate::tr!("file contains NUL bytes: it is not UTF-8 text (UTF-16?)"),
        )
        .hint(hint));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Diagnostic::error(
                file,
                Some(line),
                crate::tr!("file is not UTF-8 (a legacy encoding such as Windows-1258 or TCVN3?)"),
            )
            .hint(hint))
        }
    }
}

/// Where a record's first field starts: the csv crate may give the offset of the `\n` of a CRLF
/// line end before it.
fn record_start(text: &str, byte: usize) -> usize {
    let b = text.as_bytes();
    let mut i = byte;
    while i < b.len() && (b[i] == b'\r' || b[i] == b'\n') {
        i += 1;
    }
    i
}

/// Picks the delimiter Excel used: tab, `;` or `,`, by what the header line holds most of.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let count = |c: char| header.chars().filter(|&x| x == c).count();
    if count('\t') > 0 && count('\t') >= count(',') {
        b'\t'
    } else if count(';') > count(',') {
        b';'
    } else {
        b','
    }
}

/// Parses CSV text into a header and rows, every row checked to have as many fields as the
/// header. All bad rows are reported.
pub(crate) fn parse_table(file: &str, bytes: &[u8]) -> Result<RawTable, Vec<Diagnostic>> {
    let text = decode_text(file, bytes).map_err(|d| vec![d])?;
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::error(
            file,
            Some(1),
            crate::tr!("file is empty: it needs a header row and data rows"),
        )
        .hint(crate::tr!("export the table again, with its header row"))]);
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut table = RawTable { file: file.to_string(), delimiter, ..Default::default() };
    let mut errors = Vec::new();
    let mut record = csv::StringRecord::new();
    // Lines from byte offsets: the csv crate's own line count is off by one per CRLF row.
    let lines = crate::diag::Lines::new(&text);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| lines.line(record_start(&text, p.byte() as usize)));
                let fields: Vec<String> = record.iter().map(ToString::to_string).collect();
                if fields.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                if table.headers.is_empty() {
                    table.header_line = line;
                    table.headers = fields.iter().map(|h| h.trim().to_string()).collect();
                } else if fields.iter().any(|f| f.contains('\n')) {
                    errors.push(
                        Diagnostic::error(
                            file,
                            Some(line),
                            crate::tr!("a quoted field opened on this line is never closed"),
                        )
                        .hint(crate::tr!(
                            "the file may be cut short, or a `\"` is missing: compare it with the original"
                        )),
                    );
                } else if fields.len() != table.headers.len() {
                    errors.push(
                        Diagnostic::error(
                            file,
                            Some(line),
                            crate::tr!(
                                "row has {n} fields but the header has {header}",
                                n = fields.len(),
                                header = table.headers.len()
                            ),
                        )
                        .hint(crate::tr!("check for a missing or extra delimiter, or an unclosed quote, on this row")),
                    );
                } else {
                    table.rows.push(RawRow { line, fields });
                }
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                errors.push(
                    Diagnostic::error(file, line, crate::tr!("cannot read CSV: {e}", e))
                        .hint(crate::tr!("save it again from Excel as CSV UTF-8")),
                );
                break;
            }
        }
    }
    if errors.is_empty() {
        Ok(table)
    } else {
        Err(errors)
    }
}

/// Parses one edition's CSV as Excel writes it (see `docs/FORMAT.md`).
pub fn parse_edition_csv(file: &str, bytes: &[u8]) -> Result<RawTable, Vec<Diagnostic>> {
    parse_table(file, bytes)
}

/// Turns a TOML error into a diagnostic on the line it points at.
/// Parses an index's `index.toml`.
pub fn parse_index_toml(file: &str, text: &str) -> Result<IndexToml, Diagnostic> {
    toml::from_str(text).map_err(|e| toml_error(file, text, &e))
}

/// Parses a UI strings file (`key = "text"` lines).
pub(crate) fn parse_strings(file: &str, text: &str) -> Result<BTreeMap<String, String>, Diagnostic> {
    toml::from_str(text).map_err(|e| toml_error(file, text, &e))
}

/// Parses `site.toml`.
pub fn parse_site_toml(file: &str, text: &str) -> Result<RawConfig, Diagnostic> {
    crate::config::parse_site_toml(file, text)
}

/// Splits a Markdown file into its front matter and body, and the line the body starts on.
pub fn split_front_matter<'a>(file: &str, text: &'a str) -> Result<(FrontMatter, &'a str, usize), Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (fence, toml) in [("+++", true), ("---", false)] {
        let Some(rest) = text.strip_prefix(fence) else { continue };
        let Some(rest) = rest.strip_prefix('\n').or_else(|| rest.strip_prefix("\r\n")) else { continue };
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            if line.trim_end() == fence {
                let front = rest[..offset].to_string();
                let body = &rest[offset + line.len()..];
                let body_line = front.lines().count() + 3;
                let fm = if toml { FrontMatter::Toml(front) } else { FrontMatter::Yaml(front) };
                return Ok((fm, body, body_line));
            }
            offset += line.len();
        }
        return Err(Diagnostic::error(
            file,
            Some(1),
            crate::tr!("front matter opened with `{fence}` is never closed", fence),
        )
        .hint(crate::tr!("add a line `{fence}` after the last front matter field", fence)));
    }
    Ok((FrontMatter::None, text, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_right_with_crlf() {
        let t = parse_table("x.csv", "unit,rank\r\nda-nang,1\r\n\r\nhue,x\r\n".as_bytes()).unwrap();
        assert_eq!(t.header_line, 1);
        assert_eq!(t.rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 4]);
    }

    #[test]
    fn reads_excel_semicolon_with_bom() {
        let t = parse_table("x.csv", "\u{feff}unit;rank;score\nda-nang;1;0,8002\n".as_bytes()).unwrap();
        assert_eq!(t.delimiter, b';');
        assert!(t.decimal_comma());
        assert_eq!(t.headers, vec!["unit", "rank", "score"]);
        assert_eq!(t.rows[0].fields, vec!["da-nang", "1", "0,8002"]);
        assert_eq!(t.rows[0].line, 2);
    }

    #[test]
    fn reads_tabs_and_quoted_commas() {
        let t = parse_table("x.csv", b"unit\trank\tnote\nhue\t2\t\"a, b\"\n").unwrap();
        assert_eq!(t.delimiter, b'\t');
        assert_eq!(t.rows[0].fields[2], "a, b");
        let t = parse_table("x.csv", b"unit,rank,note\nhue,2,\"a; b\"\n").unwrap();
        assert_eq!(t.delimiter, b',');
    }

    #[test]
    fn refuses_utf16_and_legacy() {
        let e = parse_table("x.csv", &[0xFF, 0xFE, b'u', 0]).unwrap_err();
        assert!(e[0].message.to_string().contains("UTF-16"));
        let e = parse_table("x.csv", b"unit,rank\nh\xe0,1\n").unwrap_err();
        assert_eq!(e[0].line, Some(2));
        assert!(e[0].message.to_string().contains("not UTF-8"));
    }

    #[test]
    fn reports_every_short_row() {
        let e = parse_table("x.csv", b"unit,rank,score\na,1\nb,2,0.5\nc\n").unwrap_err();
        assert_eq!(e.iter().map(|d| d.line).collect::<Vec<_>>(), vec![Some(2), Some(4)]);
    }

    #[test]
    fn empty_file_is_refused() {
        let e = parse_table("x.csv", b"  \n").unwrap_err();
        assert!(e[0].message.to_string().contains("empty"));
    }

    #[test]
    fn toml_errors_carry_their_line() {
        let e = parse_index_toml("i.toml", "name_vi = \"a\"\nname_en = \n").unwrap_err();
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn front_matter_toml_and_yaml() {
        let (fm, body, line) = split_front_matter("a.md", "+++\ntitle = \"x\"\n+++\nHello\n").unwrap();
        assert_eq!(fm, FrontMatter::Toml("title = \"x\"\n".into()));
        assert_eq!(body, "Hello\n");
        assert_eq!(line, 4);
        let (fm, _, _) = split_front_matter("a.md", "---\ntitle: x\n---\n").unwrap();
        assert_eq!(fm, FrontMatter::Yaml("title: x\n".into()));
        assert!(split_front_matter("a.md", "+++\ntitle = 1\n").is_err());
        let (fm, body, _) = split_front_matter("a.md", "Just text").unwrap();
        assert_eq!((fm, body), (FrontMatter::None, "Just text"));
    }
}
