//! Writes the output, and is the only module that writes: HTML minified, everything built in a
//! temporary folder beside the output and swapped in at the end, so a failed build leaves the
//! previous site untouched. No path may leave the output folder.

use std::collections::HashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::diag::Diagnostic;

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

/// A new output being written into a temporary folder beside the output folder; [`commit`]
/// swaps it in. Dropped without a commit, it removes itself and the old output stays.
///
/// [`commit`]: Staging::commit
pub struct Staging {
    out_dir: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    /// Folders already made below `tmp`.
    folders: Mutex<HashSet<PathBuf>>,
    done: bool,
}

impl Staging {
    /// Makes the temporary folder for a new output of `out_dir`.
    pub fn begin(out_dir: &Path) -> Result<Staging, Diagnostic> {
        let name = out_dir.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "public".into());
        let parent = out_dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| io_err(parent, "create the folder", e))?;
        if out_dir.exists() && !out_dir.is_dir() {
            return Err(Diagnostic::error(
                out_dir.display().to_string(),
                None,
                "the output path is a file, not a folder",
            )
            .hint("choose another --output-dir"));
        }
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        fs::create_dir_all(&tmp).map_err(|e| io_err(&tmp, "create the folder", e))?;
        Ok(Staging { out_dir: out_dir.to_path_buf(), tmp, old, folders: Mutex::default(), done: false })
    }

    /// Writes one file of the new output; `path` is relative to the output folder.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let full = self.tmp.join(checked(path)?);
        if let Some(folder) = full.parent() {
            let known = self.folders.lock().unwrap_or_else(|p| p.into_inner()).contains(folder);
            if !known {
                fs::create_dir_all(folder).map_err(|e| io_err(folder, "create the folder", e))?;
                self.folders.lock().unwrap_or_else(|p| p.into_inner()).insert(folder.to_path_buf());
            }
        }
        fs::write(&full, bytes).map_err(|e| io_err(&full, "write", e))
    }

    /// Puts the new output in place of the old one.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let out_dir = self.out_dir.clone();
        if out_dir.exists() {
            let _ = fs::remove_dir_all(&self.old);
            fs::rename(&out_dir, &self.old).map_err(|e| io_err(&out_dir, "move the previous output aside", e))?;
        }
        if let Err(e) = fs::rename(&self.tmp, &out_dir) {
            let _ = fs::rename(&self.old, &out_dir);
            return Err(io_err(&out_dir, "put the new output in place", e));
        }
        self.done = true;
        let _ = fs::remove_dir_all(&self.old);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

fn checked(path: &str) -> Result<PathBuf, Diagnostic> {
    safe_relative(path).ok_or_else(|| {
        Diagnostic::error(path, None, "refusing to write outside the output folder")
            .hint("this is a bug in the theme or in minhbach; please report it")
    })
}

/// Replaces one file of a live output (`serve`): written beside it, then renamed over it, so a
/// reader never sees half a file.
pub fn replace(out_dir: &Path, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
    let full = out_dir.join(checked(path)?);
    let folder = full.parent().unwrap_or(out_dir);
    fs::create_dir_all(folder).map_err(|e| io_err(folder, "create the folder", e))?;
    let name = full.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let tmp = folder.join(format!(".{name}.minhbach-{}", std::process::id()));
    fs::write(&tmp, bytes).map_err(|e| io_err(&tmp, "write", e))?;
    fs::rename(&tmp, &full).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        io_err(&full, "replace", e)
    })
}

/// Removes one file of a live output (`serve`), when a page is gone.
pub fn remove(out_dir: &Path, path: &str) -> Result<(), Diagnostic> {
    let full = out_dir.join(checked(path)?);
    match fs::remove_file(&full) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_err(&full, "remove", e)),
        _ => Ok(()),
    }
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
