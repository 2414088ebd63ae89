//! Progress of a long build on a terminal: after the first second, one line that counts the
//! pages rendered, rewritten in place and cleared at the end. Silent when not on a terminal
//! (CI logs) or when the build is quick.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

/// Counts rendered pages from many threads.
pub struct Progress {
    enabled: bool,
    start: Instant,
    total: AtomicUsize,
    done: AtomicUsize,
    last_ms: AtomicU64,
    shown: AtomicBool,
}

impl Progress {
    /// A progress line, shown only when `enabled` (a terminal, no `--quiet`).
    pub fn new(enabled: bool) -> Self {
        Progress {
            enabled,
            start: Instant::now(),
            total: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
            last_ms: AtomicU64::new(0),
            shown: AtomicBool::new(false),
        }
    }

    /// A progress that never shows anything.
    pub fn quiet() -> Self {
        Progress::new(false)
    }

    /// How many pages there are to render.
    pub fn set_total(&self, n: usize) {
        self.total.store(n, Ordering::Relaxed);
    }

    /// One more page rendered.
    pub fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.enabled {
            return;
        }
        let ms = self.start.elapsed().as_millis() as u64;
        let last = self.last_ms.load(Ordering::Relaxed);
        if ms < 1000 || ms < last + 200 {
            return;
        }
        if self.last_ms.compare_exchange(last, ms, Ordering::Relaxed, Ordering::Relaxed).is_ok() {
            self.shown.store(true, Ordering::Relaxed);
            let total = self.total.load(Ordering::Relaxed);
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\rrendering {done}/{total} pages…");
            let _ = err.flush();
        }
    }

    /// Clears the progress line, if one was shown.
    pub fn finish(&self) {
        if self.shown.load(Ordering::Relaxed) {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
        }
    }
}
