//! The floors of ARCHITECTURE.md hold: every `crate::…` path in `src/` (outside `#[cfg(test)]`
//! code and comments) names a module on a lower floor, or the module itself.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Module → floor, read from the table of ARCHITECTURE.md (`| floor | \`module\` | job |`).
fn floors() -> BTreeMap<String, u32> {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md")).unwrap();
    let mut out = BTreeMap::new();
    for line in doc.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 {
            continue;
        }
        if let (Ok(floor), Some(module)) =
            (cells[1].parse::<u32>(), cells[2].strip_prefix('`').and_then(|m| m.strip_suffix('`')))
        {
            out.insert(module.to_string(), floor);
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its comments and its `#[cfg(test)]` items, and the names of the
/// submodules it declares for tests only (`#[cfg(test)] mod fixture;`).
fn code(text: &str) -> (String, Vec<String>) {
    let mut out = Vec::new();
    let mut test_mods = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]" {
            let next = lines.next().unwrap_or("").trim();
            match next.strip_prefix("mod ").and_then(|m| m.strip_suffix(';')) {
                Some(name) => test_mods.push(name.to_string()),
                // A test module or item: by custom the rest of the file.
                None => break,
            }
            continue;
        }
        out.push(match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        });
    }
    (out.join("\n"), test_mods)
}

/// Every module named after `crate::` in `code`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + 7..];
        let name: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        // `tr!` is exported at the crate's root (as macros are) but lives in `diag`.
        if name == "tr" {
            out.push("diag".to_string());
        } else if !name.is_empty() {
            out.push(name);
        }
        rest = after;
    }
    out
}

#[test]
fn every_module_imports_only_from_below() {
    let floors = floors();
    assert!(floors.len() > 20, "ARCHITECTURE.md lists the modules: {floors:?}");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut test_only = std::collections::BTreeSet::new();
    for file in &files {
        let (_, mods) = code(&std::fs::read_to_string(file).unwrap());
        let dir = file.parent().unwrap();
        test_only.extend(mods.iter().flat_map(|m| [dir.join(format!("{m}.rs")), dir.join(m).join("mod.rs")]));
    }
    for file in files.iter().filter(|f| !test_only.contains(*f)) {
        let rel = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        if rel == "lib.rs" || rel == "main.rs" || rel.starts_with("bin/") || rel.starts_with("init/site/") {
            continue;
        }
        let module = rel.split(['/', '.']).next().unwrap().to_string();
        seen.insert(module.clone());
        let Some(&floor) = floors.get(&module) else {
            problems.push(format!("{rel}: module `{module}` is not in the table of ARCHITECTURE.md"));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for target in crate_paths(&code(&text).0) {
            if target == module {
                continue;
            }
            match floors.get(&target) {
                Some(&f) if f < floor => {}
                Some(&f) => problems.push(format!(
                    "{rel}: `{module}` (floor {floor}) uses `crate::{target}` (floor {f}): not below it"
                )),
                None => problems.push(format!("{rel}: `crate::{target}` is not a module of the table")),
            }
        }
    }
    for module in floors.keys() {
        if !seen.contains(module) {
            problems.push(format!("ARCHITECTURE.md lists `{module}`, which src/ does not have"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_test_sees_an_upward_import() {
    let (code, test_mods) =
        code("use crate::pages::Renderer; // crate::serve\n#[cfg(test)]\nmod fixture;\nuse crate::x;\n#[cfg(test)]\nmod tests {\nuse crate::cli;\n}");
    assert_eq!(crate_paths(&code), vec!["pages", "x"]);
    assert_eq!(test_mods, vec!["fixture"]);
}

#[test]
fn no_source_file_is_over_600_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > 600).then(|| format!("{} has {n} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}
