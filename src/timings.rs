//! `--timings`: where a build's time goes, by stage. Each stage adds its nanoseconds to an
//! atomic counter (nothing is allocated or locked on the way, and nothing at all is measured
//! unless [`enable`] was called); [`table`] prints them. Sequential stages are wall time on the
//! main thread; stages that run on every rendering thread are their threads' time summed (so on
//! 2 cores they may add up to twice the wall time; on a busy machine they include the time a
//! thread waited for a core, which the process's CPU time does not).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A stage of the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    Load,
    Check,
    CheckUnits,
    CheckRankings,
    CheckContent,
    CheckPictures,
    Theme,
    RenderPages,
    SiteFiles,
    LinkCheck,
    Commit,
    PageHome,
    PageRankings,
    PageEdition,
    PageIndicator,
    PageUnits,
    PageUnit,
    PageNews,
    PageTag,
    PageArticle,
    PageModels,
    PageHonour,
    PageMovement,
    PagePage,
    PageData,
    PageTargets,
    PageOther,
    Charts,
    ShareCards,
    Markdown,
    Context,
    Templates,
    LinkNote,
    Minify,
    Hash,
    Write,
}

/// How a stage is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clock {
    /// Wall time, on the main thread.
    Wall,
    /// Part of the stage above it, wall time.
    WallPart,
    /// Time summed over the rendering threads; page rows include the stages below them.
    Cpu,
}

const STAGES: [(Stage, &str, Clock); 36] = [
    (Stage::Load, "load (read every input file)", Clock::Wall),
    (Stage::Check, "check (input → model)", Clock::Wall),
    (Stage::CheckUnits, "  units", Clock::WallPart),
    (Stage::CheckRankings, "  rankings", Clock::WallPart),
    (Stage::CheckContent, "  content (Markdown included)", Clock::WallPart),
    (Stage::CheckPictures, "  pictures", Clock::WallPart),
    (Stage::Theme, "theme", Clock::Wall),
    (Stage::RenderPages, "render pages (parallel)", Clock::Wall),
    (Stage::SiteFiles, "site files (datasets, search, feeds, statics)", Clock::Wall),
    (Stage::LinkCheck, "link check + SHA256SUMS", Clock::Wall),
    (Stage::Commit, "commit (output in place)", Clock::Wall),
    (Stage::PageHome, "page home", Clock::Cpu),
    (Stage::PageRankings, "page rankings + index", Clock::Cpu),
    (Stage::PageEdition, "page edition", Clock::Cpu),
    (Stage::PageIndicator, "page indicator", Clock::Cpu),
    (Stage::PageUnits, "page units list", Clock::Cpu),
    (Stage::PageUnit, "page unit", Clock::Cpu),
    (Stage::PageNews, "page news list", Clock::Cpu),
    (Stage::PageTag, "page tag", Clock::Cpu),
    (Stage::PageArticle, "page article", Clock::Cpu),
    (Stage::PageModels, "page models list", Clock::Cpu),
    (Stage::PageHonour, "page model", Clock::Cpu),
    (Stage::PageMovement, "page movement", Clock::Cpu),
    (Stage::PagePage, "page (content/pages)", Clock::Cpu),
    (Stage::PageData, "page data + search", Clock::Cpu),
    (Stage::PageTargets, "page targets", Clock::Cpu),
    (Stage::PageOther, "page 404", Clock::Cpu),
    (Stage::Charts, "  charts (SVG)", Clock::Cpu),
    (Stage::ShareCards, "  share cards (PNG)", Clock::Cpu),
    (Stage::Markdown, "  Markdown", Clock::Cpu),
    (Stage::Context, "  template contexts (serialise)", Clock::Cpu),
    (Stage::Templates, "  templates (Tera render)", Clock::Cpu),
    (Stage::LinkNote, "output: links noted", Clock::Cpu),
    (Stage::Minify, "output: minify HTML", Clock::Cpu),
    (Stage::Hash, "output: SHA-256", Clock::Cpu),
    (Stage::Write, "output: write", Clock::Cpu),
];

static ON: AtomicBool = AtomicBool::new(false);
static NANOS: [AtomicU64; STAGES.len()] = [const { AtomicU64::new(0) }; STAGES.len()];
static CALLS: [AtomicU64; STAGES.len()] = [const { AtomicU64::new(0) }; STAGES.len()];

/// Starts measuring (once, for the whole process), from zero.
pub fn enable() {
    for (n, c) in NANOS.iter().zip(&CALLS) {
        n.store(0, Ordering::Relaxed);
        c.store(0, Ordering::Relaxed);
    }
    ON.store(true, Ordering::Relaxed);
}

/// Whether stages are measured.
pub(crate) fn enabled() -> bool {
    ON.load(Ordering::Relaxed)
}

/// Adds `d` to `stage`.
pub(crate) fn add(stage: Stage, d: Duration) {
    let i = stage as usize;
    NANOS[i].fetch_add(d.as_nanos() as u64, Ordering::Relaxed);
    CALLS[i].fetch_add(1, Ordering::Relaxed);
}

/// Runs `f`, its time counted to `stage` when measuring.
#[inline]
pub(crate) fn time<T>(stage: Stage, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let start = Instant::now();
    let out = f();
    add(stage, start.elapsed());
    out
}

/// The stage table: one line a stage that ran, with its seconds, calls and how it is counted;
/// `total` is the build's wall time.
pub fn table(total: Duration) -> String {
    let mut out = String::new();
    let head = crate::tr!("stage");
    let (secs, calls, clock) = (crate::tr!("seconds"), crate::tr!("calls"), crate::tr!("clock"));
    out.push_str(&format!("{:<48} {:>9} {:>9}  {clock}\n", head.to_string(), secs.to_string(), calls.to_string()));
    for (i, (_, name, kind)) in STAGES.iter().enumerate() {
        let n = CALLS[i].load(Ordering::Relaxed);
        if n == 0 {
            continue;
        }
        let s = NANOS[i].load(Ordering::Relaxed) as f64 / 1e9;
        let how = match kind {
            Clock::Wall => crate::tr!("wall"),
            Clock::WallPart => crate::tr!("wall, part of the line above"),
            Clock::Cpu => crate::tr!("thread time, summed over threads"),
        };
        out.push_str(&format!("{name:<48} {s:>9.3} {n:>9}  {how}\n"));
    }
    let total = format!("{:.3}", total.as_secs_f64());
    out.push_str(&format!("{}\n", crate::tr!("total wall time {total} s", total)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_are_listed_in_their_order() {
        for (i, (stage, _, _)) in STAGES.iter().enumerate() {
            assert_eq!(*stage as usize, i);
        }
    }

    #[test]
    fn a_timed_stage_shows_in_the_table() {
        enable();
        let x = time(Stage::Hash, || 2 + 2);
        assert_eq!(x, 4);
        let t = table(Duration::from_millis(5));
        assert!(t.contains("output: SHA-256"), "{t}");
        assert!(t.contains("0.005"), "{t}");
    }
}
