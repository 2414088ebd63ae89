//! Rebuilds only what an edit of one news article changes, for `serve`: the article is read and
//! checked again, put into the site kept from the last build, and only the pages that show it
//! are rendered and replaced in the output, with the datasets, feeds, search indexes, sitemap
//! and `SHA256SUMS`. Anything else (a new or deleted file, data, themes, other content, an
//! error) is left to a full build: [`update`] then answers `None`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Instant;

use crate::diag::Diagnostics;
use crate::i18n::Lang;
use crate::model::{Article, Site};
use crate::output::{Hash, Output};
use crate::pages::{news, search, Job, PageKind, Renderer};
use crate::routes::Route;
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
}

impl Live {
    /// What a full build leaves: its site, the hashes of the files it wrote, its search indexes.
    pub fn new(site: Site, theme: Theme, rendered: crate::build::Rendered) -> Live {
        Live { site, theme, hashes: rendered.hashes, search: rendered.search }
    }
}

/// What an incremental rebuild did, for the terminal.
#[derive(Debug, Clone)]
pub struct Updated {
    /// Pages rendered again.
    pub pages: usize,
    /// Files written (pages, feeds, datasets, search indexes…).
    pub files: usize,
    /// Files removed (pages of a list that got shorter).
    pub removed: usize,
    /// Wall-clock time of the rebuild.
    pub seconds: f64,
    /// What the article's check found worth saying (a missing image description…).
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
        text.to_string()
    }
}

/// The news article a changed input file is, when it is one: `content/news/x.md` or `x.en.md`.
fn article_stem(path: &str) -> Option<&str> {
    let name = path.strip_prefix("content/news/")?;
    if name.contains('/') {
        return None;
    }
    crate::load::doc_name(name).map(|(stem, _)| stem)
}

/// Rebuilds what the edit of `changed` (paths relative to the site's root) changes, writing into
/// `out_dir`; `None` when the change needs a full build: it is not the edit of one existing news
/// article, or something failed (a problem in the article, a broken link, a write), which the
/// full build then reports. After `None`, `live` and the output are stale until that build.
pub fn update(live: &mut Live, root: &Path, changed: &[String], out_dir: &Path) -> Option<Updated> {
    let start = Instant::now();
    let stems: BTreeSet<&str> = changed.iter().map(|c| article_stem(c)).collect::<Option<_>>()?;
    let [stem] = stems.into_iter().collect::<Vec<_>>()[..] else { return None };
    let i = live.site.news.iter().position(|a| a.slug == stem)?;

    let mut diags = Diagnostics::default();
    let docs = crate::load::load_document(root, "news", stem, &mut diags);
    let site = &live.site;
    let statics: BTreeSet<String> = site.site_statics.iter().map(|(p, _)| p.clone()).collect();
    let probes: BTreeMap<String, Result<crate::images::Probe, String>> =
        site.pictures.iter().map(|(p, pic)| (p.clone(), Ok(pic.probe))).collect();
    let inputs = crate::check::content::Inputs {
        config: &site.config,
        units: &site.units,
        by_id: &site.by_id,
        indices: &site.indices,
        statics: &statics,
        build_date: site.build_date,
        probes: &probes,
    };
    let mut content = crate::check::content::check_with(&docs, &site.documents, &inputs, &mut diags);
    if diags.has_errors() || content.news.len() != 1 {
        return None;
    }
    // A picture not yet made (newly shown, or a plain file so far) needs a full build.
    let docs = [content.news[0].doc.vi.as_ref(), content.news[0].doc.en.as_ref()];
    if docs.iter().flatten().flat_map(|d| &d.pictures).any(|p| !site.pictures.contains_key(&p.path)) {
        return None;
    }
    let new = content.news.pop()?;
    let old = std::mem::replace(&mut live.site.news[i], new);
    let site = &mut live.site;
    site.news.sort_by(Article::newest_first);
    let j = site.news.iter().position(|a| a.slug == stem)?;

    let site = &live.site;
    let r = Renderer::new(site, &live.theme);
    let mut removed = Vec::new();
    let (jobs, beside) = if listing(&old) == listing(&site.news[j]) {
        // Only the text changed: the article's pages and the feeds that carry it.
        (Lang::ALL.iter().map(|&l| r.job(PageKind::Article(j), l)).collect::<Vec<Job>>(), r.feeds().ok()?)
    } else {
        let tags_changed = Lang::ALL.map(|l| news::tag_slugs(&old, l) != news::tag_slugs(&site.news[j], l));
        let jobs = affected(&r, &old, i, j, tags_changed).into_iter().map(|(l, k)| r.job(k, l)).collect();
        // The sitemap lists every page in order: it changes when tag pages come or go, or when
        // the article moves.
        let all = (tags_changed.contains(&true) || i != j).then(|| r.jobs());
        if tags_changed.contains(&true) {
            // Tag pages of the old version that are gone: its tags' last pages, or whole tags.
            let now: BTreeSet<String> = all.iter().flatten().map(|(route, lang, _)| route.file(*lang)).collect();
            for lang in Lang::ALL {
                for slug in news::tag_slugs(&old, lang) {
                    let folder = Route::Tag { slug: &slug, page: 1 }.path(lang);
                    let gone = live.hashes.range(folder.clone()..).take_while(|(p, _)| p.starts_with(&folder));
                    removed
                        .extend(gone.map(|(p, _)| p.clone()).filter(|p| p.ends_with("index.html") && !now.contains(p)));
                }
            }
        }
        for index in &mut live.search {
            index.update(site, &live.theme.strings, i, j);
        }
        (jobs, r.news_files(all.as_deref(), &live.search).ok()?)
    };
    for path in &removed {
        live.hashes.remove(path);
    }

    let writer = |path: &str, bytes: &[u8]| crate::write::replace(out_dir, path, bytes);
    let out = Output::new(site.config.base_path(), Some(&writer));
    let quiet = crate::progress::Progress::quiet();
    let sink = |f| out.put(f);
    r.render_pages(&jobs, &quiet, &sink).ok()?;
    for f in beside {
        sink(f).ok()?;
    }
    let fresh = out.finish(&live.hashes).ok()?;
    for path in &removed {
        crate::write::remove(out_dir, path).ok()?;
    }
    let files = fresh.len();
    live.hashes.extend(fresh);
    Some(Updated {
        pages: jobs.len(),
        files,
        removed: removed.len(),
        seconds: start.elapsed().as_secs_f64(),
        warnings: diags,
    })
}

/// What a list item of the article shows (lists, tag pages, unit pages, the home page), in
/// each language: when it is unchanged, only the article's own pages change.
fn listing(a: &Article) -> impl PartialEq + '_ {
    let docs = Lang::ALL.map(|l| a.doc.get(l).map(|d| (&d.title, &d.summary, &d.description, &d.tags)));
    (a.date, &a.units, &a.sources, docs)
}

/// The pages an edit of the article now at `j` (before at `i`, as `old`) changes when what its
/// list items show changed; `tags_changed` tells, by language, whether its tags did.
fn affected(r: &Renderer, old: &Article, i: usize, j: usize, tags_changed: [bool; 2]) -> BTreeSet<(Lang, PageKind)> {
    let site = r.site;
    let new = &site.news[j];
    let (lo, hi) = (i.min(j), i.max(j));
    let last = site.news.len().saturating_sub(1);
    // A unit's page lists the news of the unit and its predecessors: the article shows on the
    // pages of its units and of their successors, all the way down.
    let mut on_units = BTreeSet::new();
    for &x in old.units.iter().chain(&new.units) {
        let mut u = Some(x);
        while let Some(v) = u.filter(|&v| on_units.insert(v)) {
            u = site.units[v].successor;
        }
    }
    let mut out = BTreeSet::new();
    for lang in Lang::ALL {
        let mut add = |k| {
            out.insert((lang, k));
        };
        add(PageKind::Home);
        // The datasets list the articles' titles, dates, units and sources.
        add(PageKind::Data);
        // Neighbours show the article's title; every article between its old and new place
        // has new neighbours.
        (lo.saturating_sub(1)..=(hi + 1).min(last)).for_each(|k| add(PageKind::Article(k)));
        on_units.iter().for_each(|&u| add(PageKind::Unit(u)));
        // Every list and tag page shows every tag with its count.
        let all_lists = tags_changed[lang.index()];
        let pages = if all_lists {
            1..=news::page_count(site.news.len())
        } else {
            lo / news::PER_PAGE + 1..=hi / news::PER_PAGE + 1
        };
        pages.for_each(|p| add(PageKind::News(p)));
        let mut mine = news::tag_slugs(old, lang);
        mine.extend(news::tag_slugs(new, lang));
        for (t, (slug, _, arts)) in r.tags(lang).iter().enumerate() {
            if all_lists || (mine.contains(slug) && i != j) {
                (1..=news::page_count(arts.len())).for_each(|p| add(PageKind::Tag(t, p)));
            } else if let (true, Ok(x)) = (mine.contains(slug), arts.binary_search(&j)) {
                // Articles keep their order in a tag: only the page that shows this one.
                add(PageKind::Tag(t, x / news::PER_PAGE + 1));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_news_files_are_articles() {
        assert_eq!(article_stem("content/news/a-b.md"), Some("a-b"));
        assert_eq!(article_stem("content/news/a-b.en.md"), Some("a-b"));
        assert_eq!(article_stem("content/news/x/a.md"), None);
        assert_eq!(article_stem("content/models/a.md"), None);
        assert_eq!(article_stem("data/units.csv"), None);
    }
}
