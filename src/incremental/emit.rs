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
    /// The pages of `jobs` and every file beside the pages, with these search indexes (`None`:
    /// they did not change) but the sitemap (`all`, every page of the site, are the pages of the
    /// last build); the pages of `all` left out of `jobs` keep their files, and so do the
    /// sitemap and the indexes not made, but any other file of the last build not made again is
    /// removed.
    Most { jobs: Vec<Job<'a>>, all: Vec<Job<'a>>, search: Option<&'a [search::Index; 2]> },
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
    let mut removed = removed.to_vec();
    if let What::Some(_, beside) = &what {
        removed.extend(stale_sitemap_parts(hashes, beside));
    }
    for path in &removed {
        hashes.remove(path);
    }
    // For `Most`: the files of the pages left out, which stay as they are.
    let left: Option<BTreeMap<String, Hash>> = match &what {
        What::Most { jobs, all, search } => {
            let rendered: std::collections::HashSet<(crate::pages::PageKind, crate::i18n::Lang)> =
                jobs.iter().map(|(_, l, k)| (*k, *l)).collect();
            // A page's files are in its folder: the page and its charts, cards…
            let folders: std::collections::HashSet<String> = all
                .iter()
                .filter(|(_, l, k)| !rendered.contains(&(*k, *l)))
                .map(|(r, l, _)| folder(&r.file(*l)).to_string())
                .collect();
            let search_files: Vec<String> = match search {
                Some(_) => Vec::new(),
                None => crate::i18n::Lang::ALL.iter().map(|&l| search::Index::path(l)).collect(),
            };
            let not_made = |p: &str| {
                folders.contains(folder(p)) || crate::pages::is_sitemap(p) || search_files.iter().any(|s| s == p)
            };
            Some(hashes.iter().filter(|(p, _)| not_made(p)).map(|(p, h)| (p.clone(), *h)).collect())
        }
        _ => None,
    };
    let kept: &BTreeMap<String, Hash> = hashes;
    let writer = |path: &str, bytes: &[u8]| write_changed(kept, out_dir, path, bytes);
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
        What::Most { jobs, search, .. } => {
            r.render_pages(&jobs, &quiet, &sink).ok()?;
            if r.beside_pages(None, search, &sink).has_errors() {
                return None;
            }
            (jobs.len(), None)
        }
    };
    let fresh = out.finish(left.as_ref().unwrap_or(kept)).ok()?;
    if let Some(left) = &left {
        removed.extend(kept.keys().filter(|p| !fresh.contains_key(*p) && !left.contains_key(*p)).cloned());
    }
    for path in &removed {
        hashes.remove(path);
        crate::write::remove(out_dir, path).ok()?;
    }
    let files = fresh.len();
    hashes.extend(fresh);
    let done = Updated { pages, files, removed: removed.len(), seconds: 0.0, shown: None, warnings };
    Some((done, search))
}

/// Replaces `path` in `out_dir` with `bytes`, unless the last build wrote the same bytes there
/// (`kept` holds their hash).
pub(super) fn write_changed(
    kept: &BTreeMap<String, Hash>,
    out_dir: &Path,
    path: &str,
    bytes: &[u8],
) -> Result<(), crate::diag::Diagnostic> {
    if kept.get(path).is_some_and(|h| *h == <Hash>::from(Sha256::digest(bytes))) {
        Ok(())
    } else {
        crate::write::replace(out_dir, path, bytes)
    }
}

/// The folder of a file of the output, with its closing `/` (empty at the top).
fn folder(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// The parts of the last build's sitemap (`sitemap1.xml`, …) that a sitemap made again among
/// `beside` no longer has: the site shrank below a part (or below splitting at all).
fn stale_sitemap_parts(hashes: &BTreeMap<String, Hash>, beside: &[OutFile]) -> Vec<String> {
    if !beside.iter().any(|f| f.path == "sitemap.xml") {
        return Vec::new();
    }
    let made: std::collections::BTreeSet<&str> = beside.iter().map(|f| f.path.as_str()).collect();
    hashes.keys().filter(|p| crate::pages::is_sitemap_part(p) && !made.contains(p.as_str())).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sitemap_made_again_drops_the_parts_it_no_longer_has() {
        let hashes: BTreeMap<String, Hash> =
            ["index.html", "sitemap.xml", "sitemap1.xml", "sitemap2.xml", "sitemap3.xml"]
                .into_iter()
                .map(|p| (p.to_string(), [0; 32]))
                .collect();
        let files = |paths: &[&str]| paths.iter().map(|p| OutFile::new(*p, "x")).collect::<Vec<_>>();
        let shrunk = files(&["sitemap.xml", "sitemap1.xml", "sitemap2.xml", "atom.xml"]);
        assert_eq!(stale_sitemap_parts(&hashes, &shrunk), ["sitemap3.xml"]);
        assert_eq!(stale_sitemap_parts(&hashes, &files(&["sitemap.xml"])).len(), 3, "one file again: every part goes");
        assert!(stale_sitemap_parts(&hashes, &files(&["atom.xml"])).is_empty(), "no sitemap made: nothing goes");
    }
}
