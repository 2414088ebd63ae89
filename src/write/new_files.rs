//! Files written into an existing site folder only where none is yet (`minhbach theme eject`):
//! every path is checked first, so nothing is written when one file would be overwritten.

use std::fs;
use std::path::Path;

use crate::diag::Diagnostic;

/// Writes `files` (paths below `dir`) into `dir`, refusing, before writing anything, when
/// one of them exists. The paths written, in order.
pub(crate) fn write_new_files(dir: &Path, files: &[(String, &[u8])]) -> Result<Vec<String>, Diagnostic> {
    let mut targets = Vec::new();
    for (path, _) in files {
        let rel = super::safe_relative(path).ok_or_else(|| {
            Diagnostic::error(path.as_str(), None, crate::tr!("refusing to write outside the new site's folder"))
                .hint(crate::tr!("this is a bug in minhbach; please report it"))
        })?;
        let target = dir.join(rel);
        if target.exists() || target.symlink_metadata().is_ok() {
            let shown = target.display().to_string();
            return Err(Diagnostic::error(&shown, None, crate::tr!("the file exists; nothing was written")).hint(
                crate::tr!("move the theme folder aside (or delete the file) and run `minhbach theme eject` again"),
            ));
        }
        targets.push(target);
    }
    let mut written = Vec::new();
    for ((path, bytes), target) in files.iter().zip(targets) {
        if let Some(p) = target.parent() {
            fs::create_dir_all(p).map_err(|e| super::io_err(p, crate::tr!("create the folder"), e))?;
        }
        fs::write(&target, bytes).map_err(|e| super::io_err(&target, crate::tr!("write"), e))?;
        written.push(path.clone());
    }
    Ok(written)
}
