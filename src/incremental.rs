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
use crate::pages::routes::Route;
use crate::pages::{news, search, Job, PageKind, Renderer};

/// What `serve` keeps between builds.
pub struct Live {
    pub site: Site,
    /// Every file of the output but `SHA256SUMS`, with its hash.
    pub hashes: BTreeMap<String, Hash>,
    /// Each language's search index, to replace one article's entry.
    search: [search::Index; 2],
}

impl Live {
    /// What a full build leaves: its site and the hashes of the files it wrote.
    pub fn new(site: Site, hashes: BTreeMap<String, Hash>) -> Live {
        let (vi, en) = rayon::join(|| search::Index::new(&site, Lang::Vi), || search::Index::new(&site, Lang::En));
        Live { site, hashes, search: [vi, en] }
    }
}

/// What an incremental rebuild did, for the terminal.
#[derive(Debug, Clone)]
pub struct Updated {
    pub pages: usize,
    pub files: usize,
    pub removed: usize,
    pub seconds: f64,
    /// What the article's check found worth saying (a missing image description…).
    pub warnings: Diagnostics,
}

impl Updated {
    /// `rebuilt 4 pages (9 files) in 0.12 s`.
    pub fn line(&self) -> String {
        let removed = if self.removed > 0 { format!(", {} removed", self.removed) } else { String::new() };
        format!("rebuilt {} pages ({} files{removed}) in {:.3} s", self.pages, self.files, self.seconds)
    }
}

/// The news article a changed input file is, when it is one: `content/news/x.md` or `x.en.md`.
fn article_stem(path: &str) -> Option<&str> {
    let name = path.strip_prefix("content/news/")?;
    if name.contains('/') {
        return None;
    }
    let base = name.strip_suffix(".md")?;
    Some(base.strip_suffix(".en").unwrap_or(base))
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
    let inputs = crate::content::Inputs {
        config: &site.config,
        units: &site.units,
        by_id: &site.by_id,
        indices: &site.indices,
        strings: &site.strings,
    };
    let mut content = crate::content::check_with(&docs, &site.documents, &inputs, &mut diags);
    if diags.has_errors() || content.news.len() != 1 {
        return None;
    }
    let new = content.news.pop()?;
    let old = std::mem::replace(&mut live.site.news[i], new);
    let site = &mut live.site;
    site.news.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    let j = site.news.iter().position(|a| a.slug == stem)?;

    let site = &live.site;
    let r = Renderer::new(site).ok()?;
    let mut removed = Vec::new();
    let (jobs, beside) = if listing(&old) == listing(&site.news[j]) {
        // Only the text changed: the article's pages and the feeds that carry it.
        let route = Route::Article { slug: &site.news[j].slug };
        let jobs: Vec<Job> = Lang::ALL.iter().map(|&l| (route.clone(), l, PageKind::Article(j))).collect();
        (jobs, r.feeds())
    } else {
        let all = r.jobs();
        let chosen = affected(&r, &old, i, j, &all);
        // Tag pages of the old version that are gone: its tags' last pages, or the whole tag.
        let now: BTreeSet<String> = all.iter().map(|(route, lang, _)| route.file(*lang)).collect();
        for lang in Lang::ALL {
            for slug in news::tag_slugs(&old, lang) {
                let folder = Route::Tag { slug: &slug, page: 1 }.path(lang);
                let gone = live.hashes.range(folder.clone()..).take_while(|(p, _)| p.starts_with(&folder));
                removed.extend(gone.map(|(p, _)| p.clone()).filter(|p| p.ends_with("index.html") && !now.contains(p)));
            }
        }
        // The sitemap lists the pages in order: it changes when tag pages come or go, or when
        // the article moves.
        let tags_changed = Lang::ALL.iter().any(|&l| news::tag_slugs(&old, l) != news::tag_slugs(&site.news[j], l));
        for index in &mut live.search {
            index.update(site, i, j);
        }
        let beside = r.news_files((tags_changed || i != j).then_some(&all[..]), Some(&live.search));
        (all.into_iter().filter(|(_, lang, kind)| chosen.contains(&(*lang, *kind))).collect(), beside)
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

/// The pages an edit of the article now at `j` (before at `i`, as `old`) changes.
fn affected(r: &Renderer, old: &Article, i: usize, j: usize, all: &[Job]) -> BTreeSet<(Lang, PageKind)> {
    let site = r.site;
    let new = &site.news[j];
    let mut out = BTreeSet::new();
    for lang in Lang::ALL {
        out.insert((lang, PageKind::Article(j)));
        // The datasets list the articles' titles, dates, units and sources.
        out.insert((lang, PageKind::Data));
    }
    let (lo, hi) = (i.min(j), i.max(j));
    let last = site.news.len().saturating_sub(1);
    let tags_changed: [bool; 2] = Lang::ALL.map(|l| news::tag_slugs(old, l) != news::tag_slugs(new, l));
    let mut units: BTreeSet<usize> = old.units.iter().copied().collect();
    units.extend(new.units.iter().copied());
    let shown_on_unit: BTreeSet<usize> =
        (0..site.units.len()).filter(|&u| site.lineage(u).iter().any(|x| units.contains(x))).collect();
    let tags_of = |l: Lang| -> BTreeSet<String> {
        let mut t = news::tag_slugs(old, l);
        t.extend(news::tag_slugs(new, l));
        t
    };
    let tags = Lang::ALL.map(tags_of);
    // The page of each of its tags that shows the article.
    let on_page = Lang::ALL.map(|l| {
        let mut pages = std::collections::HashMap::new();
        for (t, (slug, _, arts)) in r.tags(l).iter().enumerate() {
            if tags[l.index()].contains(slug) {
                if let Ok(x) = arts.binary_search(&j) {
                    pages.insert(t, x / news::PER_PAGE + 1);
                }
            }
        }
        pages
    });
    for (_, lang, kind) in all {
        let l = lang.index();
        let hit = match *kind {
            PageKind::Home => true,
            // Neighbours show the article's title; every article between its old and new place
            // has new neighbours.
            PageKind::Article(k) => k + 1 >= lo && k <= (hi + 1).min(last),
            PageKind::News(p) => {
                let (first, end) = ((p - 1) * news::PER_PAGE, p * news::PER_PAGE);
                tags_changed[l] || (first <= hi && lo < end)
            }
            // Every tag page shows every tag with its count; a tag's pages show its articles in
            // the order of the news, 10 a page.
            PageKind::Tag(t, page) => {
                tags_changed[l]
                    || (tags[l].contains(&r.tags(*lang)[t].0) && (i != j || on_page[l].get(&t) == Some(&page)))
            }
            PageKind::Unit(u) => shown_on_unit.contains(&u),
            _ => false,
        };
        if hit {
            out.insert((*lang, *kind));
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
