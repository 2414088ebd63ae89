//! Rebuilds only what an edit changes, for `serve`. The changed input files say which part of
//! the checked site changed; only that part is read and checked again (one document, one theme)
//! and put into the site kept from the last build; the pages that depend on it are rendered, and
//! only the files whose bytes changed are replaced in the output, with `SHA256SUMS`.
//!
//! One module an edit kind: [`news`] (an article edited, added or deleted), [`docs`] (a model, a
//! page, a movement page), [`data`] (an edition, `units.csv`, a target's table…), [`look`] (a
//! template, the theme's strings, a static file such as the CSS). Anything else (`site.toml`;
//! several kinds at once; an error) is left to a full build: [`update`] then answers `None`.
//! Every kind is checked byte for byte against a full build in `tests/incremental.rs`.

mod data;
mod docs;
mod emit;
mod first;
mod look;
mod news;

pub use first::Open;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::time::Instant;

use crate::diag::Diagnostics;
use crate::model::Site;
use crate::output::Hash;
use crate::pages::search;
use crate::theme::Theme;

/// What `serve` keeps between builds.
pub struct Live {
    /// The checked site of the last build, with the edits made since.
    pub site: Site,
    /// The theme of the last build.
    pub theme: Theme,
    /// Every file of the output but `SHA256SUMS`, with its hash.
    pub hashes: BTreeMap<String, Hash>,
    /// Each language's search index, to replace one article's entry.
    search: [search::Index; 2],
    /// The datasets of the last full build: only the data files change them, but for the two
    /// that show texts (refreshed by each edit of a text that they show, before its rebuild).
    datasets: Vec<crate::pages::datasets::Dataset>,
    /// The files of `data/` as the last edit of them read them (`None` until one did): the
    /// indices read the same as then keep what their check gave then.
    raw_data: Option<crate::load::RawSite>,
}

impl Live {
    /// What a full build leaves: its site, the hashes of the files it wrote, its search indexes
    /// and datasets.
    pub fn new(site: Site, theme: Theme, rendered: crate::build::Rendered) -> Live {
        Live {
            site,
            theme,
            hashes: rendered.hashes,
            search: rendered.search,
            datasets: rendered.datasets,
            raw_data: None,
        }
    }

    /// The datasets of the site as it is now, lent to a renderer ([`Renderer::seeded`]) and
    /// given back with [`Live::give_back`] after the rebuild (a failed rebuild is followed by a
    /// full build, which makes a new `Live`). A data file's edit is a full build, so only the
    /// datasets that show texts are made again.
    fn datasets(&mut self) -> Vec<crate::pages::datasets::Dataset> {
        crate::pages::datasets::refresh_texts(&self.site, &mut self.datasets);
        std::mem::take(&mut self.datasets)
    }

    /// The datasets as the last rebuild left them, lent like [`Live::datasets`]: for an edit of
    /// the theme, which changes no text they show (each rebuild leaves them true to the site),
    /// and for an edit of the data, which takes from them the files it left as they were.
    fn datasets_kept(&mut self) -> Vec<crate::pages::datasets::Dataset> {
        std::mem::take(&mut self.datasets)
    }

    /// Keeps the datasets a renderer was lent (or made), for the next edit
    /// (`Renderer::into_datasets`).
    fn give_back(&mut self, data: Option<Vec<crate::pages::datasets::Dataset>>) {
        if let Some(data) = data {
            self.datasets = data;
        }
    }
}

/// What an incremental rebuild did, for the terminal.
#[derive(Debug, Clone)]
pub struct Updated {
    /// Pages rendered again.
    pub pages: usize,
    /// Files written (pages, feeds, datasets, search indexes…).
    pub files: usize,
    /// Files removed (pages of a list that got shorter, a deleted article's).
    pub removed: usize,
    /// Wall-clock time of the rebuild.
    pub seconds: f64,
    /// When the first pages were shown (the edited document's and those open in a browser,
    /// [`Open`]), seconds after the start; `None` when nothing was shown before the end.
    pub shown: Option<f64>,
    /// What the document's check found worth saying (a missing image description…).
    pub warnings: Diagnostics,
}

impl Updated {
    /// `rebuilt 4 pages (9 files) in 0.12 s`.
    pub fn line(&self) -> String {
        let (pages, files, removed, seconds) = (self.pages, self.files, self.removed, format!("{:.3}", self.seconds));
        let text = if removed > 0 {
            crate::tr!(
                "rebuilt {pages} pages ({files} files, {removed} removed) in {seconds} s",
                pages,
                files,
                removed,
                seconds
            )
        } else {
            crate::tr!("rebuilt {pages} pages ({files} files) in {seconds} s", pages, files, seconds)
        };
        match self.shown {
            Some(first) => {
                let first = format!("{first:.3}");
                format!("{text}{}", crate::tr!(", the open pages shown after {first} s", first))
            }
            None => text.to_string(),
        }
    }
}

/// What changed, as far as the rebuild is concerned.
enum Edit<'a> {
    /// A document of `content/<section>/`: its stem.
    Doc(&'a str, &'a str),
    /// A template or a strings file of the theme.
    Theme,
    /// A file of `data/`.
    Data,
    /// A file of the theme's `static/` (path below it), or of the site's `static/`.
    ThemeStatic(&'a str),
    SiteStatic(&'a str),
}

/// The edit a changed input file is, when it is one rebuilt alone.
fn edit_of<'a>(site: &Site, path: &'a str) -> Option<Edit<'a>> {
    if let Some(name) = path.strip_prefix("content/") {
        let (section, file) = name.split_once('/')?;
        if file.contains('/') || !crate::load::SECTIONS.contains(&section) {
            return None;
        }
        let (stem, _) = crate::load::doc_name(file)?;
        return (stem != "_index").then_some(Edit::Doc(section, stem));
    }
    if path.starts_with("data/tiles/") {
        // The tile maps' layouts are read with the theme.
        return Some(Edit::Theme);
    }
    if path.starts_with("data/") {
        return Some(Edit::Data);
    }
    if let Some(rest) = path.strip_prefix("static/") {
        return Some(Edit::SiteStatic(rest));
    }
    let rest = path.strip_prefix("themes/")?;
    let (theme, rest) = rest.split_once('/')?;
    if theme != "default" && theme != site.config.theme {
        return None;
    }
    if let Some(file) = rest.strip_prefix("static/") {
        return Some(Edit::ThemeStatic(file));
    }
    let templates = rest.starts_with("templates/") && !rest.ends_with('/');
    let strings = rest == "i18n/vi.toml" || rest == "i18n/en.toml";
    (templates || strings).then_some(Edit::Theme)
}

/// Rebuilds what the edit of `changed` (paths relative to the site's root) changes, writing into
/// `out_dir`; `None` when the change needs a full build: it is not one edit of a kind rebuilt
/// alone, or something failed (a problem in the input, a broken link, a write), which the full
/// build then reports. After `None`, `live` and the output are stale until that build. With
/// `open`, the edit of a text or of the data shows its first pages before the rest ([`first`]).
pub fn update(live: &mut Live, root: &Path, changed: &[String], out_dir: &Path, open: Option<Open>) -> Option<Updated> {
    let start = Instant::now();
    let mut shown = None;
    let (pages, mut then) = match open {
        Some(o) => (o.pages, Some(o.shown)),
        None => (HashSet::new(), None),
    };
    let asked = then.is_some();
    let mut note = |ready: HashSet<String>| {
        shown = Some(start.elapsed().as_secs_f64());
        if let Some(then) = then.as_mut() {
            then(ready);
        }
    };
    let open = asked.then(|| Open { pages, shown: &mut note });
    let done = update_by_kind(live, root, changed, out_dir, open)?;
    Some(Updated { seconds: start.elapsed().as_secs_f64(), shown, ..done })
}

/// [`update`] by the kind of edit.
fn update_by_kind(
    live: &mut Live,
    root: &Path,
    changed: &[String],
    out_dir: &Path,
    mut open: Option<Open>,
) -> Option<Updated> {
    let edits: Vec<Edit> = changed.iter().map(|c| edit_of(&live.site, c)).collect::<Option<_>>()?;
    let first = edits.first()?;
    let done = match first {
        Edit::Doc(section, stem) => {
            if !edits.iter().all(|e| matches!(e, Edit::Doc(s, t) if s == section && t == stem)) {
                return None;
            }
            match *section {
                "news" => news::update(live, root, stem, out_dir, &mut open)?,
                _ => docs::update(live, root, section, stem, out_dir, &mut open)?,
            }
        }
        Edit::Data => {
            if !edits.iter().all(|e| matches!(e, Edit::Data)) {
                return None;
            }
            data::update(live, root, out_dir, &mut open)?
        }
        Edit::Theme | Edit::ThemeStatic(_) | Edit::SiteStatic(_) => {
            if edits.iter().any(|e| matches!(e, Edit::Doc(..) | Edit::Data)) {
                return None;
            }
            let statics: Vec<&Edit> = edits.iter().filter(|e| !matches!(e, Edit::Theme)).collect();
            if statics.len() < edits.len() {
                // Templates or strings (and maybe statics with them): the theme is read again.
                look::theme(live, root, changed, out_dir)?
            } else {
                look::statics(live, root, &statics, out_dir)?
            }
        }
    };
    Some(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        crate::build::load_default_site(false).0
    }

    #[test]
    fn changed_files_name_their_edit() {
        let site = site();
        let doc = |p| match edit_of(&site, p) {
            Some(Edit::Doc(s, t)) => Some((s, t)),
            _ => None,
        };
        assert_eq!(doc("content/news/a-b.md"), Some(("news", "a-b")));
        assert_eq!(doc("content/news/a-b.en.md"), Some(("news", "a-b")));
        assert_eq!(doc("content/models/m.md"), Some(("models", "m")));
        assert_eq!(doc("content/news/x/a.md"), None);
        assert_eq!(doc("content/news/_index.md"), None);
        assert_eq!(doc("content/_index.md"), None);
        assert!(matches!(edit_of(&site, "data/units.csv"), Some(Edit::Data)));
        assert!(matches!(edit_of(&site, "data/tiles/provinces-34.csv"), Some(Edit::Theme)));
        assert!(edit_of(&site, "site.toml").is_none());
        assert!(matches!(edit_of(&site, "themes/default/templates/page.html"), Some(Edit::Theme)));
        assert!(matches!(edit_of(&site, "themes/default/i18n/en.toml"), Some(Edit::Theme)));
        assert!(matches!(edit_of(&site, "themes/default/static/style.css"), Some(Edit::ThemeStatic("style.css"))));
        assert!(matches!(edit_of(&site, "static/robots.txt"), Some(Edit::SiteStatic("robots.txt"))));
        assert!(edit_of(&site, "themes/other/templates/page.html").is_none(), "a theme not used");
        assert!(edit_of(&site, "themes/default/fonts/x.ttf").is_none());
    }
}
