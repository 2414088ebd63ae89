//! Writes the output, and is the only module that writes: HTML minified, everything built in a
//! temporary folder beside the output and swapped in at the end, so a failed build leaves the
//! previous site untouched. A file equal to the previous output's is linked, not written, so it
//! keeps its inode and modification time. No path may leave the output folder.

use std::collections::HashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::diag::Diagnostic;

mod minify;
mod new_files;
mod serve_lock;
pub(crate) use minify::minify;
pub(crate) use new_files::write_new_files;
pub(crate) use serve_lock::ServeLock;

/// A path of the output that stays inside the output folder: relative, no `..`, no root.
pub(crate) fn safe_relative(path: &str) -> Option<PathBuf> {
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

fn io_err(path: &Path, what: crate::diag::Text, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path.display().to_string(), None, crate::tr!("cannot {what}: {e}", what, e))
        .hint(crate::tr!("check that the output folder's parent exists and is writable"))
}

/// A new output being written into a temporary folder beside the output folder; [`commit`]
/// swaps it in. Dropped without a commit, it removes itself and the old output stays.
///
/// [`commit`]: Staging::commit
pub(crate) struct Staging {
    out_dir: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    /// Folders already made below `tmp`.
    folders: Mutex<HashSet<PathBuf>>,
    /// Whether there is a previous output whose unchanged files can be kept.
    previous: bool,
    done: bool,
}

impl Staging {
    /// Makes the temporary folder for a new output of `out_dir`, the output of the site whose
    /// folder is `root` and whose inputs are `inputs` (folders below `root`). Refuses, with
    /// nothing touched, an output folder that is the site's folder, holds it, is or lies inside
    /// one of its inputs, or is neither empty nor a previous output of minhbach (see [`MARKER`]).
    /// Temporary folders that a killed build left beside the output are removed first.
    pub(crate) fn begin(out_dir: &Path, root: &Path, inputs: &[&str]) -> Result<Staging, Diagnostic> {
        guard(out_dir, root, inputs)?;
        let name = out_dir.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().to_string());
        let parent = out_dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| io_err(parent, crate::tr!("create the folder"), e))?;
        clean_stale(parent, &name);
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        fs::create_dir_all(&tmp).map_err(|e| io_err(&tmp, crate::tr!("create the folder"), e))?;
        let previous = out_dir.is_dir();
        let staging =
            Staging { out_dir: out_dir.to_path_buf(), tmp, old, folders: Mutex::default(), previous, done: false };
        staging.put(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// Writes one file of the new output; `path` is relative to the output folder.
    pub(crate) fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let full = self.tmp.join(checked(path)?);
        if let Some(folder) = full.parent() {
            let known = self.folders.lock().unwrap_or_else(std::sync::PoisonError::into_inner).contains(folder);
            if !known {
                fs::create_dir_all(folder).map_err(|e| io_err(folder, crate::tr!("create the folder"), e))?;
                self.folders.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(folder.to_path_buf());
            }
        }
        if self.keep_unchanged(path, &full, bytes) {
            return Ok(());
        }
        fs::write(&full, bytes).map_err(|e| io_err(&full, crate::tr!("write"), e))
    }

    /// When the output being replaced has the file at `path` with exactly `bytes`, links it
    /// into the new output instead of writing it: its inode and modification time stay, so
    /// `rsync` and object-store uploads send only what changed. The old output is never
    /// changed (a link adds a name; `serve` replaces files by renaming, never in place).
    fn keep_unchanged(&self, path: &str, full: &Path, bytes: &[u8]) -> bool {
        if !self.previous {
            return false;
        }
        let Some(rel) = safe_relative(path) else { return false };
        let old = self.out_dir.join(rel);
        let same = match fs::symlink_metadata(&old) {
            Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => fs::read(&old).is_ok_and(|b| b == bytes),
            _ => false,
        };
        same && fs::hard_link(&old, full).is_ok()
    }

    /// Puts the new output in place of the old one.
    pub(crate) fn commit(mut self) -> Result<(), Diagnostic> {
        let out_dir = self.out_dir.clone();
        if out_dir.exists() {
            let _ = fs::remove_dir_all(&self.old);
            fs::rename(&out_dir, &self.old)
                .map_err(|e| io_err(&out_dir, crate::tr!("move the previous output aside"), e))?;
        }
        if let Err(e) = fs::rename(&self.tmp, &out_dir) {
            let _ = fs::rename(&self.old, &out_dir);
            return Err(io_err(&out_dir, crate::tr!("put the new output in place"), e));
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

/// The file every output of minhbach holds, so that a later build knows the folder is its own
/// to replace. A folder without it (and not empty) is never replaced.
pub(crate) const MARKER: &str = ".minhbach-output";

const MARKER_TEXT: &str = "This folder is the output of minhbach. `minhbach build` replaces it whole.\n";

/// An absolute, clean form of `p` (links resolved as far as the path exists, `.` and `..`
/// taken away), to compare folders.
fn absolute(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out = resolved(&out);
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    resolved(&out)
}

/// `p` with its longest existing ancestor canonicalised (links resolved) and the rest as is.
fn resolved(p: &Path) -> PathBuf {
    let mut existing = p.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name().map(std::ffi::OsStr::to_os_string), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    out.extend(rest.into_iter().rev());
    out
}

/// Whether `dir` may be replaced by a new output (see [`Staging::begin`]).
fn guard(out_dir: &Path, root: &Path, inputs: &[&str]) -> Result<(), Diagnostic> {
    let shown = out_dir.display().to_string();
    let refuse = |msg: crate::diag::Text| {
        Err(Diagnostic::error(&shown, None, crate::tr!("{msg}; nothing was written", msg)).hint(crate::tr!(
            "choose a new or empty folder, e.g. --output-dir public; minhbach replaces only a folder it made"
        )))
    };
    let out = absolute(out_dir);
    let site = absolute(root);
    if out == site {
        return refuse(crate::tr!("the output folder is the site's own folder"));
    }
    if site.starts_with(&out) {
        return refuse(crate::tr!("the output folder holds the site's folder"));
    }
    for input in inputs {
        let input_dir = site.join(input);
        if out.starts_with(&input_dir) {
            return refuse(crate::tr!("the output folder is inside the site's input folder `{input}`", input));
        }
    }
    match fs::symlink_metadata(out_dir) {
        Err(_) => Ok(()),
        Ok(m) if m.file_type().is_symlink() => refuse(crate::tr!("the output path is a link")),
        Ok(m) if !m.is_dir() => refuse(crate::tr!("the output path is a file, not a folder")),
        Ok(_) => {
            let mut entries = fs::read_dir(out_dir).map_err(|e| io_err(out_dir, crate::tr!("read the folder"), e))?;
            if entries.next().is_none() || out_dir.join(MARKER).is_file() || legacy_output(out_dir) {
                Ok(())
            } else {
                refuse(crate::tr!(
                    "the folder holds files that minhbach did not write (no `{marker}` file in it)",
                    marker = MARKER
                ))
            }
        }
    }
}

/// An output of a minhbach older than [`MARKER`]: its `SHA256SUMS` lists its `index.html`.
fn legacy_output(dir: &Path) -> bool {
    let Ok(sums) = fs::read_to_string(dir.join("SHA256SUMS")) else { return false };
    let mut lines = sums.lines();
    let well_formed = lines
        .clone()
        .take(5)
        .all(|l| l.split_once("  ").is_some_and(|(h, _)| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit())));
    well_formed && lines.any(|l| l.ends_with("  index.html"))
}

/// Removes the temporary folders of builds of `name` that were killed before they finished
/// (their process is gone).
fn clean_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().to_string();
        let pid = [format!(".{name}.tmp-"), format!(".{name}.old-")]
            .iter()
            .find_map(|p| file.strip_prefix(p.as_str()).and_then(|rest| rest.parse::<u32>().ok()));
        if let Some(pid) = pid {
            if pid != std::process::id() && !process_alive(pid) {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }
}

/// Whether a process is running (where the system says so: Linux's /proc; elsewhere assumed).
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

fn checked(path: &str) -> Result<PathBuf, Diagnostic> {
    safe_relative(path).ok_or_else(|| {
        Diagnostic::error(path, None, crate::tr!("refusing to write outside the output folder"))
            .hint(crate::tr!("this is a bug in the theme or in minhbach; please report it"))
    })
}

/// Replaces one file of a live output (`serve`): written beside it, then renamed over it, so a
/// reader never sees half a file.
pub(crate) fn replace(out_dir: &Path, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
    let full = out_dir.join(checked(path)?);
    let folder = full.parent().unwrap_or(out_dir);
    fs::create_dir_all(folder).map_err(|e| io_err(folder, crate::tr!("create the folder"), e))?;
    let name = full.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let tmp = folder.join(format!(".{name}.minhbach-{}", std::process::id()));
    fs::write(&tmp, bytes).map_err(|e| io_err(&tmp, crate::tr!("write"), e))?;
    fs::rename(&tmp, &full).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        io_err(&full, crate::tr!("replace"), e)
    })
}

/// Removes one file of a live output (`serve`), when a page is gone.
pub(crate) fn remove(out_dir: &Path, path: &str) -> Result<(), Diagnostic> {
    let full = out_dir.join(checked(path)?);
    match fs::remove_file(&full) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_err(&full, crate::tr!("remove"), e)),
        _ => Ok(()),
    }
}

/// Writes the files of a new site (`minhbach init`) into `dir`, creating it when missing.
/// Refuses a folder that holds anything, so that no file of a council is ever overwritten.
pub(crate) fn write_new_site(dir: &Path, files: &[(&str, String)]) -> Result<(), Diagnostic> {
    let shown = dir.display().to_string();
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Diagnostic::error(&shown, None, crate::tr!("this is a file, not a folder"))
                .hint(crate::tr!("choose a new folder name, e.g. `minhbach init my-site`")));
        }
        let mut entries = fs::read_dir(dir).map_err(|e| io_err(dir, crate::tr!("read the folder"), e))?;
        if entries.next().is_some() {
            return Err(Diagnostic::error(
                &shown,
                None,
                crate::tr!("the folder is not empty; init writes only into a new or empty folder"),
            )
            .hint(crate::tr!("choose a new folder name, e.g. `minhbach init my-site`; init never overwrites files")));
        }
    }
    fs::create_dir_all(dir).map_err(|e| io_err(dir, crate::tr!("create the folder"), e))?;
    for (path, text) in files {
        let rel = safe_relative(path).ok_or_else(|| {
            Diagnostic::error(*path, None, crate::tr!("refusing to write outside the new site's folder"))
                .hint(crate::tr!("this is a bug in minhbach; please report it"))
        })?;
        let path = dir.join(rel);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(|e| io_err(p, crate::tr!("create the folder"), e))?;
        }
        fs::write(&path, text).map_err(|e| io_err(&path, crate::tr!("write"), e))?;
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
