//! Writes the output, and is the only module that writes: HTML minified, everything built in a
//! temporary folder beside the output and swapped in at the end, so a failed build leaves the
//! previous site untouched. No path may leave the output folder.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diag::Diagnostic;
use crate::pages::OutFile;

/// Minifies one HTML page, keeping what the W3C checker and old browsers need.
pub fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_doctype: false,
        minify_css: false,
        minify_js: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}

/// A path of the output that stays inside the output folder: relative, no `..`, no root.
pub fn safe_relative(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    if path.is_empty() || path.contains('\\') || path.contains('\0') {
        return None;
    }
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::Normal(x) => out.push(x),
            _ => return None,
        }
    }
    Some(out)
}

fn io_err(path: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path.display().to_string(), None, format!("cannot {what}: {e}"))
        .hint("check that the output folder's parent exists and is writable")
}

/// Writes every file into `out_dir`, replacing its previous content in one swap.
pub fn write_site(out_dir: &Path, files: &[OutFile]) -> Result<(), Diagnostic> {
    let name = out_dir.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "public".into());
    let parent = out_dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| io_err(parent, "create the folder", e))?;
    if out_dir.exists() && !out_dir.is_dir() {
        return Err(Diagnostic::error(out_dir.display().to_string(), None, "the output path is a file, not a folder")
            .hint("choose another --output-dir"));
    }
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    let result = write_all(&tmp, files);
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if out_dir.exists() {
        let _ = fs::remove_dir_all(&old);
        fs::rename(out_dir, &old).map_err(|e| io_err(out_dir, "move the previous output aside", e))?;
    }
    if let Err(e) = fs::rename(&tmp, out_dir) {
        let _ = fs::rename(&old, out_dir);
        return Err(io_err(out_dir, "put the new output in place", e));
    }
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

fn write_all(dir: &Path, files: &[OutFile]) -> Result<(), Diagnostic> {
    use rayon::prelude::*;
    fs::create_dir_all(dir).map_err(|e| io_err(dir, "create the folder", e))?;
    let mut paths = Vec::with_capacity(files.len());
    for f in files {
        let rel = safe_relative(&f.path).ok_or_else(|| {
            Diagnostic::error(&f.path, None, "refusing to write outside the output folder")
                .hint("this is a bug in the theme or in minhbach; please report it")
        })?;
        paths.push(dir.join(rel));
    }
    // Folders first, once each, then the files in parallel.
    let mut folders: Vec<&Path> = paths.iter().filter_map(|p| p.parent()).collect();
    folders.sort_unstable();
    folders.dedup();
    for p in folders {
        fs::create_dir_all(p).map_err(|e| io_err(p, "create the folder", e))?;
    }
    paths
        .par_iter()
        .zip(files.par_iter())
        .try_for_each(|(path, f)| fs::write(path, &f.bytes).map_err(|e| io_err(path, "write", e)))
}

/// Writes the files of a new site (`minhbach init`) into `dir`, creating it when missing.
/// Refuses a folder that holds anything, so that no file of a council is ever overwritten.
pub fn write_new_site(dir: &Path, files: &[(&str, String)]) -> Result<(), Diagnostic> {
    let shown = dir.display().to_string();
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Diagnostic::error(&shown, None, "this is a file, not a folder")
                .hint("choose a new folder name, e.g. `minhbach init my-site`"));
        }
        let mut entries = fs::read_dir(dir).map_err(|e| io_err(dir, "read the folder", e))?;
        if entries.next().is_some() {
            return Err(Diagnostic::error(
                &shown,
                None,
                "the folder is not empty; init writes only into a new or empty folder",
            )
            .hint("choose a new folder name, e.g. `minhbach init my-site`; init never overwrites files"));
        }
    }
    fs::create_dir_all(dir).map_err(|e| io_err(dir, "create the folder", e))?;
    for (path, text) in files {
        let rel = safe_relative(path).ok_or_else(|| {
            Diagnostic::error(*path, None, "refusing to write outside the new site's folder")
                .hint("this is a bug in minhbach; please report it")
        })?;
        let path = dir.join(rel);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(|e| io_err(p, "create the folder", e))?;
        }
        fs::write(&path, text).map_err(|e| io_err(&path, "write", e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_leaving_the_output() {
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("a/../../x").is_none());
        assert!(safe_relative("a\\..\\x").is_none());
        assert_eq!(safe_relative("en/index.html"), Some(PathBuf::from("en/index.html")));
    }

    #[test]
    fn minify_keeps_doctype_and_lang() {
        let out = minify(b"<!DOCTYPE html>\n<html lang=\"vi\">\n<head><title>x</title></head>\n<body>\n  <p>a   b</p>\n</body></html>");
        let s = String::from_utf8(out).unwrap();
        assert!(s.to_ascii_lowercase().starts_with("<!doctype html>"), "{s}");
        assert!(s.contains("<html lang=vi>") || s.contains("<html lang=\"vi\">"), "{s}");
        assert!(s.contains("<p>a b</p>"), "{s}");
    }
}
