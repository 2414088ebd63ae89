//! One `serve` per output folder: a lock file beside the folder holds the server's process id.
//! A second server on the same folder is refused while the first runs; the lock of a process
//! that is gone (killed, the machine restarted) is taken over. Released, the lock goes, and so
//! does the output when it was `serve`'s own temporary folder.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::{io_err, process_alive, MARKER};
use crate::diag::Diagnostic;

/// The lock of one output folder, held by this process.
pub(crate) struct ServeLock {
    file: PathBuf,
    out_dir: PathBuf,
    /// The output is `serve`'s temporary folder: removed on release.
    temporary: bool,
    released: AtomicBool,
}

/// Where the lock of `out_dir` lies: beside it, `.<name>.serve-lock`.
fn lock_path(out_dir: &Path) -> (PathBuf, String) {
    let name = out_dir.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().to_string());
    let parent = out_dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    (parent.join(format!(".{name}.serve-lock")), name)
}

/// Whether process `pid` runs and is a `minhbach` (on Linux, by its name in /proc; elsewhere
/// any running process counts): a lock whose number went to another program is stale.
fn serving(pid: u32) -> bool {
    if !process_alive(pid) {
        return false;
    }
    match fs::read_to_string(Path::new("/proc").join(pid.to_string()).join("comm")) {
        Ok(name) => name.trim().starts_with("minhbach"),
        Err(_) => true,
    }
}

impl ServeLock {
    /// Takes the lock of `out_dir`, or says which running server holds it.
    pub(crate) fn take(out_dir: &Path, temporary: bool) -> Result<ServeLock, Diagnostic> {
        let (file, _) = lock_path(out_dir);
        if let Some(parent) = file.parent() {
            fs::create_dir_all(parent).map_err(|e| io_err(parent, crate::tr!("create the folder"), e))?;
        }
        let me = std::process::id();
        for _ in 0..2 {
            match fs::OpenOptions::new().write(true).create_new(true).open(&file) {
                Ok(mut f) => {
                    f.write_all(format!("{me}\n").as_bytes()).map_err(|e| io_err(&file, crate::tr!("write"), e))?;
                    return Ok(ServeLock {
                        file,
                        out_dir: out_dir.to_path_buf(),
                        temporary,
                        released: AtomicBool::new(false),
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let text = fs::read_to_string(&file).unwrap_or_default();
                    let mut lines = text.lines();
                    let holder = lines.next().and_then(|s| s.trim().parse::<u32>().ok());
                    let url = lines.next().map(|u| u.trim().to_string());
                    match holder {
                        Some(pid) if pid != me && serving(pid) => {
                            return Err(Diagnostic::error(
                                out_dir.display().to_string(),
                                None,
                                match url {
                                    Some(url) => crate::tr!(
                                        "another `minhbach serve` (process {pid}) already serves this output folder at {url}",
                                        pid,
                                        url
                                    ),
                                    None => crate::tr!(
                                        "another `minhbach serve` (process {pid}) already serves this output folder",
                                        pid
                                    ),
                                },
                            )
                            .hint(crate::tr!("open the site it serves, or stop it (Ctrl+C in its terminal) first; to run both, give this one its own folder with --output-dir. If no such server runs any more, remove {lock}", lock = file.display())));
                        }
                        // A lock left by a process that is gone, or unreadable: taken over.
                        _ => {
                            let _ = fs::remove_file(&file);
                        }
                    }
                }
                Err(e) => return Err(io_err(&file, crate::tr!("create the lock file"), e)),
            }
        }
        Err(Diagnostic::error(
            file.display().to_string(),
            None,
            crate::tr!("cannot take the lock of the output folder"),
        )
        .hint(crate::tr!("another `minhbach serve` is starting on the same folder: try again in a moment")))
    }

    /// Writes where the site is served into the lock, for a second server's message.
    pub(crate) fn note(&self, url: &str) {
        let _ = fs::write(&self.file, format!("{}\n{url}\n", std::process::id()));
    }

    /// Removes the lock and, when the output was `serve`'s temporary folder, the output and the
    /// temporary folders of a build this process had under way. Once; later calls do nothing.
    pub(crate) fn release(&self) {
        if self.released.swap(true, Ordering::SeqCst) {
            return;
        }
        if self.temporary {
            let (_, name) = lock_path(&self.out_dir);
            let pid = std::process::id();
            if let Some(parent) = self.out_dir.parent() {
                for staging in [format!(".{name}.tmp-{pid}"), format!(".{name}.old-{pid}")] {
                    let _ = fs::remove_dir_all(parent.join(staging));
                }
            }
            // Only an output of minhbach is ever removed.
            if self.out_dir.join(MARKER).is_file() {
                let _ = fs::remove_dir_all(&self.out_dir);
            }
        }
        // A lock another process took over (this one was thought gone) is its own.
        let holder = fs::read_to_string(&self.file).ok().and_then(|s| s.lines().next()?.trim().parse::<u32>().ok());
        if holder == Some(std::process::id()) {
            let _ = fs::remove_file(&self.file);
        }
    }
}

impl Drop for ServeLock {
    fn drop(&mut self) {
        self.release();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stale_lock_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let first = ServeLock::take(&out, false).unwrap();
        // The lock file holds this process's id.
        let (file, _) = lock_path(&out);
        assert_eq!(fs::read_to_string(&file).unwrap().trim(), std::process::id().to_string());
        // A process that is gone, or (on Linux) a number that went to another program: taken
        // over. A live server refusing the next is tested in tests/serve_session.rs.
        if Path::new("/proc/1/comm").is_file() {
            fs::write(&file, "1\n").unwrap();
            drop(ServeLock::take(&out, false).unwrap());
            fs::write(&file, format!("{}\n", std::process::id())).unwrap();
        }
        fs::write(&file, format!("{}\n", u32::MAX - 1)).unwrap();
        let second = ServeLock::take(&out, false).unwrap();
        // Where it serves is named to the next one.
        second.note("http://127.0.0.1:1111/");
        assert!(fs::read_to_string(&file).unwrap().ends_with("\nhttp://127.0.0.1:1111/\n"));
        drop(first);
        second.release();
        assert!(!file.exists());
    }

    #[test]
    fn a_temporary_output_goes_with_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("serve-out");
        let lock = ServeLock::take(&out, true).unwrap();
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join(MARKER), "").unwrap();
        fs::write(out.join("index.html"), "x").unwrap();
        drop(lock);
        assert!(!out.exists());
        // A folder that is not minhbach's output is never removed.
        let lock = ServeLock::take(&out, true).unwrap();
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        drop(lock);
        assert!(out.join("notes.txt").exists());
    }
}
