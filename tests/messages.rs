//! Every message the program can print has its Vietnamese words: each `tr!("…")` template of
//! `src/` is a key of `src/diag/messages.vi.toml` with the same `{places}`, and the catalogue
//! holds no template the source no longer uses. Messages print in the language asked for.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use minhbach::diag::{parse_catalogue, places, CATALOGUE_VI};

/// The string literal at the start of `s` (after `tr!(` and spaces), unescaped as Rust does.
fn literal(s: &str) -> Option<String> {
    let s = s.trim_start();
    if let Some(raw) = s.strip_prefix("r\"") {
        return raw.find('"').map(|end| raw[..end].to_string());
    }
    let mut chars = s.strip_prefix('"')?.chars().peekable();
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                '\'' => out.push('\''),
                '0' => out.push('\0'),
                'u' => {
                    let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                '\n' => {
                    // A line continuation: the newline and the next line's leading spaces go.
                    while chars.next_if(|c| c.is_whitespace()).is_some() {}
                }
                other => {
                    out.push('\\');
                    out.push(other);
                }
            },
            c => out.push(c),
        }
    }
    None
}

/// Every `tr!` template in the Rust files under `dir`, with the file it is in.
fn templates(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("src/ reads");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("a source file reads");
        let mut rest = text.as_str();
        while let Some(i) = rest.find("tr!(") {
            // `include_str!(` is not `tr!(`.
            let word = rest[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
            rest = &rest[i + 4..];
            if word {
                continue;
            }
            if let Some(t) = literal(rest) {
                out.push((t, entry.path().display().to_string()));
            }
        }
    }
}

#[test]
fn every_template_has_its_vietnamese_words() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let catalogue = parse_catalogue(CATALOGUE_VI).expect("src/diag/messages.vi.toml is valid TOML");
    let mut found = Vec::new();
    templates(&root.join("src"), &mut found);
    // The macro's own documentation and tests show made-up templates.
    found.retain(|(_, file)| !file.ends_with("text.rs"));
    assert!(found.len() > 5, "the scan finds the templates: {}", found.len());
    let mut missing: Vec<String> = Vec::new();
    for (t, file) in &found {
        match catalogue.get(t) {
            None => missing.push(format!("{file}: {t:?}")),
            Some(vi) => assert_eq!(places(t), places(vi), "the translation of {t:?} keeps its places"),
        }
    }
    assert!(missing.is_empty(), "templates without Vietnamese words ({}):\n{}", missing.len(), missing.join("\n"));
    let used: BTreeSet<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    let unused: Vec<&String> = catalogue.keys().filter(|k| !used.contains(k.as_str())).collect();
    assert!(unused.is_empty(), "catalogue entries no template uses: {unused:?}");
}

#[test]
fn the_scan_reads_escapes_and_continuations() {
    assert_eq!(literal(" \"a `{x}` \\\"b\\\"\", x)").as_deref(), Some("a `{x}` \"b\""));
    assert_eq!(literal("\"one \\\n        two\"").as_deref(), Some("one two"));
    assert_eq!(literal("r\"raw {x}\"").as_deref(), Some("raw {x}"));
}

#[test]
fn messages_print_in_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("s");
    let run = |args: &[&str], lang: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_minhbach"));
        cmd.args(args).env_remove("LC_ALL").env_remove("LC_MESSAGES");
        match lang {
            Some(l) => cmd.env("LANG", l),
            None => cmd.env_remove("LANG"),
        };
        cmd.output().unwrap()
    };
    let out = run(&["init", site.to_str().unwrap()], Some("vi_VN.UTF-8"));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("đã tạo") || said.contains("Đã tạo"), "{said}");
    // A broken site: the same problem in each language, chosen by --lang or LANG.
    std::fs::write(site.join("site.toml"), "title_vi = \n").unwrap();
    let root = site.to_str().unwrap();
    let vi = run(&["check", "--root", root], Some("vi_VN.UTF-8"));
    let vi = String::from_utf8_lossy(&vi.stderr);
    assert!(vi.contains(": lỗi: ") && vi.contains("gợi ý:"), "{vi}");
    let en = run(&["check", "--root", root, "--lang", "en"], Some("vi_VN.UTF-8"));
    let en = String::from_utf8_lossy(&en.stderr);
    assert!(en.contains(": error: ") && en.contains("hint:"), "{en}");
    let default = run(&["check", "--root", root], None);
    assert!(String::from_utf8_lossy(&default.stderr).contains(": error: "));
}
