//! The one way an incremental rebuild puts its files out: the pages asked for and the files
//! beside them are rendered, minified and hashed as in a full build; only a file whose hash
//! differs from the last build's is replaced in the output (atomically); the files that are
//! gone are removed; every internal link of what was rendered is checked; `SHA256SUMS` is
//! written again over all files.

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::Updated;
use crate::diag::Diagnostics;
use crate::output::{Hash, OutFile, Output};
use crate::pages::{search, Job, Renderer};

/// What to render.
pub(super) enum What<'a> {
    /// These pages and these files beside them.
    Some(Vec<Job<'a>>, Vec<OutFile>),
    /// Every file of the site, as a full build renders it (with the site and theme kept, so
    /// without reading or checking anything).
    All,
}

/// Renders `what`, writes what changed into `out_dir`, removes `removed` and keeps `hashes`
/// true for the next edit. Returns what was done, and the new search indexes when every file
/// was rendered; `None` when anything failed (a full build then reports it).
pub(super) fn emit(
    r: &Renderer,
    hashes: &mut BTreeMap<String, Hash>,
    out_dir: &Path,
    what: What,
    removed: &[String],
    warnings: Diagnostics,
) -> Option<(Updated, Option<[search::Index; 2]>)> {
    for path in removed {
        hashes.remove(path);
    }
    let kept: &BTreeMap<String, Hash> = hashes;
    let writer = |path: &str, bytes: &[u8]| {
        let same = kept.get(path).is_some_and(|h| *h == <Hash>::from(Sha256::digest(bytes)));
        if same {
            Ok(())
        } else {
            crate::write::replace(out_dir, path, bytes)
        }
    };
    let out = Output::new(r.site.config.base_path(), Some(&writer), r.site.config.minify_html);
    let quiet = crate::progress::Progress::quiet();
    let sink = |f| out.put(f);
    let (pages, search) = match what {
        What::Some(jobs, beside) => {
            r.render_pages(&jobs, &quiet, &sink).ok()?;
            for f in beside {
                sink(f).ok()?;
            }
            (jobs.len(), None)
        }
        What::All => {
            let (counts, search) = r.render_all(&quiet, &sink).ok()?;
            (counts.pages_vi + counts.pages_en, Some(search))
        }
    };
    let fresh = out.finish(kept).ok()?;
    for path in removed {
        crate::write::remove(out_dir, path).ok()?;
    }
    let files = fresh.len();
    hashes.extend(fresh);
    let done = Updated { pages, files, removed: removed.len(), seconds: 0.0, warnings };
    Some((done, search))
}
