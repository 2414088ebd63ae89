//! Files and folders below the site's root: size limits, links leading outside refused, folders
//! walked in order with loops detected.

use std::fs;
use std::path::{Path, PathBuf};

use super::parse::decode_text;
use super::MAX_FILE_BYTES;
use crate::diag::{Diagnostic, Diagnostics};

/// Reads files below the site root, refusing what is too large or leads outside the site.
pub(super) struct Reader<'a> {
    pub(super) root: &'a Path,
    /// Largest file read, in bytes; `None`: [`MAX_FILE_BYTES`].
    pub(super) max: Option<u64>,
}

impl Reader<'_> {
    pub(super) fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Refuses a file or folder that is a link leading outside the site's folder.
    pub(super) fn inside(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        let path = self.path(rel);
        let meta = fs::symlink_metadata(&path).map_err(|e| not_found(rel, &e))?;
        if meta.file_type().is_symlink() {
            let target = fs::canonicalize(&path).map_err(|e| not_found(rel, &e))?;
            let root = fs::canonicalize(self.root).map_err(|e| not_found(".", &e))?;
            if !target.starts_with(&root) {
                return Err(Diagnostic::error(
                    rel,
                    None,
                    crate::tr!("this is a link to a file outside the site's folder"),
                )
                .hint(crate::tr!("copy the file into the site's folder instead of linking to it")));
            }
        }
        Ok(path)
    }

    pub(super) fn bytes(&self, rel: &str) -> Result<Vec<u8>, Diagnostic> {
        let path = self.inside(rel)?;
        let meta = fs::metadata(&path).map_err(|e| not_found(rel, &e))?;
        if !meta.is_file() {
            // A named pipe or a device would block the read or never end.
            return Err(Diagnostic::error(
                rel,
                None,
                crate::tr!("this is not a regular file (a pipe, socket or device)"),
            )
            .hint(crate::tr!("remove it from the site's folder; only ordinary files are read")));
        }
        let max = self.max.unwrap_or(MAX_FILE_BYTES);
        if meta.len() > max {
            let (size, at_most) = (meta.len() / 1_000_000, max / 1_048_576);
            let msg = crate::tr!("file is too large ({size} MB; at most {max} MB)", size, max = at_most);
            return Err(Diagnostic::error(rel, None, msg).hint(match self.max {
                Some(_) => crate::tr!(
                    "a larger document is allowed by max_file_mb in site.toml (now {at_most}), e.g. max_file_mb = {suggested}; or publish a smaller scan",
                    at_most,
                    suggested = (size / 10 + 1) * 10
                ),
                None => crate::tr!("is this the right file? Split it, or remove what is not part of the site"),
            }));
        }
        fs::read(&path).map_err(|e| not_found(rel, &e))
    }

    pub(super) fn text(&self, rel: &str) -> Result<String, Diagnostic> {
        decode_text(rel, &self.bytes(rel)?)
    }

    pub(super) fn entries(&self, rel: &str, diags: &mut Diagnostics) -> Vec<(String, bool)> {
        let Ok(path) = self.inside(rel) else {
            return Vec::new();
        };
        let Ok(rd) = fs::read_dir(&path) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for entry in rd.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with('.') {
                continue;
            }
            let child = format!("{rel}/{name}");
            match self.inside(&child) {
                Ok(p) => out.push((name, p.is_dir())),
                Err(d) => diags.push(d),
            }
        }
        out.sort();
        out
    }

    pub(super) fn list_dirs(&self, rel: &str, diags: &mut Diagnostics) -> Vec<String> {
        self.entries(rel, diags).into_iter().filter(|e| e.1).map(|e| format!("{rel}/{}", e.0)).collect()
    }

    pub(super) fn list_files(&self, rel: &str, diags: &mut Diagnostics) -> Vec<String> {
        self.entries(rel, diags).into_iter().filter(|e| !e.1).map(|e| e.0).collect()
    }

    /// Every file below `rel`, as paths relative to it, sorted; hidden files and folders
    /// (`.git`, `.DS_Store`) left out. Links are followed when they stay inside the site; a link
    /// back to a folder above it (a loop) is an error, never an endless walk.
    pub(super) fn walk(&self, rel: &str, diags: &mut Diagnostics) -> Vec<String> {
        self.walk_keeping(rel, &[], diags)
    }

    /// [`walk`](Self::walk), keeping the hidden files and folders named in `keep` that lie
    /// directly in `rel` (`.well-known`, `.nojekyll` of `static/`).
    pub(super) fn walk_keeping(&self, rel: &str, keep: &[&str], diags: &mut Diagnostics) -> Vec<String> {
        let Ok(top) = self.inside(rel) else {
            return Vec::new();
        };
        if !top.is_dir() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut walker =
            walkdir::WalkDir::new(&top).follow_links(true).min_depth(1).sort_by_file_name().into_iter().filter_entry(
                |e| {
                    let name = e.file_name().to_string_lossy();
                    !name.starts_with('.') || (e.depth() == 1 && keep.contains(&name.as_ref()))
                },
            );
        while let Some(entry) = walker.next() {
            match entry {
                Ok(e) => {
                    let Ok(sub) = e.path().strip_prefix(&top) else { continue };
                    let sub = sub.to_string_lossy().replace('\\', "/");
                    // A link leading outside the site is refused, whatever it points at.
                    if e.path_is_symlink() {
                        if let Err(d) = self.inside(&format!("{rel}/{sub}")) {
                            diags.push(d);
                            if e.file_type().is_dir() {
                                walker.skip_current_dir();
                            }
                            continue;
                        }
                    }
                    if e.file_type().is_file() {
                        out.push(sub);
                    }
                }
                Err(err) => {
                    let at = err
                        .path()
                        .and_then(|p| p.strip_prefix(self.root).ok())
                        .map_or_else(|| rel.to_string(), |p| p.to_string_lossy().replace('\\', "/"));
                    let (msg, hint) = match err.loop_ancestor() {
                        Some(_) => (
                            crate::tr!("this link leads back to a folder that holds it (a loop)"),
                            crate::tr!("remove the link, or copy the files it should show into the folder"),
                        ),
                        None => {
                            (crate::tr!("cannot read: {err}", err), crate::tr!("check that the folder is readable"))
                        }
                    };
                    diags.push(Diagnostic::error(at, None, msg).hint(hint));
                }
            }
        }
        out
    }
}

fn not_found(rel: &str, e: &std::io::Error) -> Diagnostic {
    if e.kind() == std::io::ErrorKind::NotFound {
        Diagnostic::error(rel, None, crate::tr!("file not found"))
            .hint(crate::tr!("create it, or check the name's spelling and folder"))
    } else {
        Diagnostic::error(rel, None, crate::tr!("cannot read: {e}", e))
            .hint(crate::tr!("check that the file is readable"))
    }
}
