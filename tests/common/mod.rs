//! Helpers shared by the integration tests: fixture sites copied into temporary folders, and
//! the `minhbach` binary run on them.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies `from` into `to`, recursively.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the fixture site in a temporary folder.
pub(crate) fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&manifest().join("tests/fixtures/site"), dir.path());
    dir
}

pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary with `args`.
pub(crate) fn minhbach(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach")).args(args).args(["--lang", "en"]).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Builds the site at `root` into `out`.
pub(crate) fn build(root: &Path, out: &Path) -> Run {
    minhbach(&["build", "--root", root.to_str().unwrap(), "--output-dir", out.to_str().unwrap()])
}

/// Builds and panics with the messages when the build fails.
pub(crate) fn build_ok(root: &Path, out: &Path) -> Run {
    let r = build(root, out);
    assert_eq!(r.code, 0, "build failed:\n{}", r.stderr);
    r
}

/// The fixture site built into its own `public/`; keep the folder alive while reading.
pub(crate) fn built() -> (tempfile::TempDir, PathBuf) {
    let site = fixture();
    let out = site.path().join("public");
    build_ok(site.path(), &out);
    (site, out)
}

pub(crate) fn read(out: &Path, page: &str) -> String {
    fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// Every file below `dir` with its bytes, sorted by path.
pub(crate) fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.strip_prefix(dir).unwrap().to_string_lossy().into_owned(), fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The visible text of an HTML page, tags removed and white space folded, for assertions on
/// what a reader sees.
pub(crate) fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a minified page has `name="value"` (quoted or, where minified, unquoted).
pub(crate) fn has_attr(html: &str, name: &str, value: &str) -> bool {
    html.contains(&format!("{name}=\"{value}\""))
        || html.contains(&format!("{name}={value} "))
        || html.contains(&format!("{name}={value}>"))
}
