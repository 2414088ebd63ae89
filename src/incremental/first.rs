//! What the browser shows first. Under `serve`, an edit of a text or of `data/` renders the
//! edited document's own pages and the pages open in a browser before anything else, writes
//! them and lets the browser reload; the rest of the rebuild (the other pages, the datasets,
//! search indexes, feeds, `SHA256SUMS`) follows. Until it ends, `serve` holds back every request
//! for a file the rebuild may still change: only the files written here, the ones removed here
//! and the files no such edit changes (the theme's assets, the site's static files and
//! pictures) are served at once, so no page or download is ever served half-rebuilt.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::i18n::Lang;
use crate::model::Site;
use crate::output::{Hash, Output};
use crate::pages::{Job, PageKind, Renderer};
use crate::routes::Route;
use crate::theme::Theme;

/// The pages open in a browser, and what to do once they are in the output.
pub struct Open<'a> {
    /// The output files of the pages open in a browser (`tin-tuc/index.html`).
    pub pages: HashSet<String>,
    /// Called once, when the first pages are written, with every file a request may be
    /// answered with before the rebuild ends.
    pub shown: &'a mut dyn FnMut(HashSet<String>),
}

/// Renders and writes the pages of `own` (in both languages) and the pages open in a browser,
/// removes `gone`, then calls [`Open::shown`]; nothing when there is no browser to show it to
/// (`open` is `None`, as it is after the first call). `None` when a page fails to render (the
/// full build that follows reports it).
pub(super) fn show(
    site: &Site,
    theme: &Theme,
    hashes: &mut BTreeMap<String, Hash>,
    out_dir: &Path,
    open: &mut Option<Open>,
    own: &[PageKind],
    gone: &[String],
) -> Option<()> {
    let Some(o) = open.take() else { return Some(()) };
    let r = Renderer::new(site, theme);
    let kinds: HashSet<(Lang, PageKind)> = own.iter().flat_map(|&k| Lang::ALL.map(|l| (l, k))).collect();
    let mut jobs: Vec<Job> = kinds.iter().map(|&(l, k)| r.job(k, l)).collect();
    if !o.pages.is_empty() {
        // The folder names of the open pages, to compare few addresses of the 70,000 of a
        // large site.
        let names: HashSet<&str> = o.pages.iter().flat_map(|p| p.split('/')).collect();
        let opened: Vec<Job> = r
            .jobs()
            .into_iter()
            .filter(|(route, l, k)| {
                // The data page lists every dataset with its hash: it waits for them.
                *k != PageKind::Data
                    && !kinds.contains(&(*l, *k))
                    && may_be(route, &names)
                    && o.pages.contains(&route.file(*l))
            })
            .collect();
        jobs.extend(opened);
    }
    if jobs.is_empty() && gone.is_empty() {
        // Nothing to show before the rest: the browser reloads at the end.
        return Some(());
    }
    let kept: &BTreeMap<String, Hash> = hashes;
    let writer = |path: &str, bytes: &[u8]| super::emit::write_changed(kept, out_dir, path, bytes);
    let out = Output::new(site.config.base_path(), Some(&writer), site.config.minify_html);
    let sink = |f| out.put(f);
    r.render_pages(&jobs, &crate::progress::Progress::quiet(), &sink).ok()?;
    let written = out.into_hashes();
    for path in gone {
        crate::write::remove(out_dir, path).ok()?;
    }
    let mut ready: HashSet<String> = written.keys().cloned().collect();
    ready.extend(gone.iter().cloned());
    ready.extend(unchanging(site, hashes));
    hashes.extend(written);
    (o.shown)(ready);
    Some(())
}

/// Whether the page of `route` may be in a folder of `names`: false when the name that ends
/// its address (an article's, unit's, model's, page's, tag's or indicator's) is not among them.
fn may_be(route: &Route, names: &HashSet<&str>) -> bool {
    match route {
        Route::Article { slug } | Route::Unit { slug } | Route::Honour { slug } | Route::Page { slug } => {
            names.contains(slug)
        }
        Route::Tag { slug, .. } => names.contains(slug),
        Route::Indicator { indicator, .. } => names.contains(indicator),
        _ => true,
    }
}

/// The files no edit of a text or of `data/` changes: the theme's assets (with the default share
/// cards), the site's static files and its pictures.
fn unchanging(site: &Site, hashes: &BTreeMap<String, Hash>) -> Vec<String> {
    let assets = hashes.range("assets/".to_string()..).map(|(p, _)| p).take_while(|p| p.starts_with("assets/"));
    let statics = site.site_statics.iter().map(|(p, _)| p);
    let pictures = site.pictures.values().flat_map(|p| p.files.iter().map(|(_, path, _)| path));
    assets.chain(statics).chain(pictures).cloned().collect()
}
