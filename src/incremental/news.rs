//! A news article edited, added or deleted: the article is read and checked again and put into
//! the kept site; the pages that show it are rendered: its own, its neighbours, the list and tag
//! pages it moves or whose tag counts change, its units' pages, the home and data pages, with
//! the datasets, feeds, search indexes and (when pages come or go) the sitemap.

use std::collections::BTreeSet;
use std::path::Path;

use super::docs::{check_one, pictures_of, same_pictures};
use super::emit::{emit, What};
use super::first::{show, Open};
use super::{Live, Updated};
use crate::i18n::Lang;
use crate::model::{Article, Site};
use crate::pages::{news, Job, PageKind, Renderer};
use crate::routes::Route;

/// Rebuilds after a change of `content/news/<stem>.md` or its translation.
pub(super) fn update(
    live: &mut Live,
    root: &Path,
    stem: &str,
    out_dir: &Path,
    open: &mut Option<Open>,
) -> Option<Updated> {
    let was = live.site.news.iter().position(|a| a.slug == stem);
    let present = live.site.documents.contains(&("news".to_string(), stem.to_string()));
    let on_disk = ["md", "en.md"].iter().any(|x| root.join(format!("content/news/{stem}.{x}")).exists());
    match (was, on_disk) {
        (Some(i), true) => edited(live, root, stem, i, out_dir, open),
        (None, true) if !present => added(live, root, stem, out_dir, open),
        (Some(i), false) => deleted(live, i, out_dir, open),
        // A draft or an article held back, shown or hidden now: a full build.
        _ => None,
    }
}

/// The edit of an article the site shows.
fn edited(
    live: &mut Live,
    root: &Path,
    stem: &str,
    i: usize,
    out_dir: &Path,
    open: &mut Option<Open>,
) -> Option<Updated> {
    let (mut content, warnings) = check_one(live, root, "news", stem)?;
    if content.news.len() != 1 {
        return None;
    }
    let new = content.news.pop()?;
    // A picture not yet made (newly shown, or a plain file so far), or one no longer shown
    // (a full build no longer makes it): a full build.
    let old = &live.site.news[i];
    if !same_pictures(
        &live.site,
        pictures_of(&old.doc, old.image.as_deref()),
        pictures_of(&new.doc, new.image.as_deref()),
    ) {
        return None;
    }
    let old = std::mem::replace(&mut live.site.news[i], new);
    let site = &mut live.site;
    site.news.sort_by(Article::newest_first);
    let j = site.news.iter().position(|a| a.slug == stem)?;
    show(&live.site, &live.theme, &mut live.hashes, out_dir, open, &[PageKind::Article(j)], &[])?;

    // Only the text changed: the datasets (which list titles, dates, units) stay as they are.
    let text_only = listing(&old) == listing(&live.site.news[j]);
    let r = if text_only {
        Renderer::new(&live.site, &live.theme)
    } else {
        let data = live.datasets();
        Renderer::new(&live.site, &live.theme).seeded(data)
    };
    let site = &live.site;
    let mut removed = Vec::new();
    let (jobs, beside) = if text_only {
        // Only the text changed: the article's pages and the feeds that carry it.
        (Lang::ALL.iter().map(|&l| r.job(PageKind::Article(j), l)).collect::<Vec<Job>>(), r.feeds().ok()?)
    } else {
        let tags_changed = Lang::ALL.map(|l| news::tag_slugs(&old, l) != news::tag_slugs(&site.news[j], l));
        let jobs = affected(&r, &old, i, j, tags_changed).into_iter().map(|(l, k)| r.job(k, l)).collect();
        // The sitemap lists every page in order: it changes when tag pages come or go, or when
        // the article moves.
        let all = (tags_changed.contains(&true) || i != j).then(|| r.jobs());
        if tags_changed.contains(&true) {
            gone_tag_pages(live, &old, all.as_deref().unwrap_or_default(), &mut removed);
        }
        for index in &mut live.search {
            index.update(site, &live.theme.strings, i, j);
        }
        (jobs, r.news_files(all.as_deref(), &live.search).ok()?)
    };
    let (done, _) = emit(&r, &mut live.hashes, out_dir, What::Some(jobs, beside), &removed, warnings)?;
    let data = r.into_datasets();
    live.give_back(data);
    Some(done)
}

/// A new article.
fn added(live: &mut Live, root: &Path, stem: &str, out_dir: &Path, open: &mut Option<Open>) -> Option<Updated> {
    live.site.documents.insert(("news".to_string(), stem.to_string()));
    let (mut content, warnings) = check_one(live, root, "news", stem)?;
    let new = content.news.pop().filter(|_| content.news.is_empty())?;
    if !pictures_of(&new.doc, new.image.as_deref()).iter().all(|p| live.site.pictures.contains_key(p)) {
        return None;
    }
    let site = &mut live.site;
    let j = site.news.partition_point(|a| Article::newest_first(a, &new).is_lt());
    site.news.insert(j, new);
    show(&live.site, &live.theme, &mut live.hashes, out_dir, open, &[PageKind::Article(j)], &[])?;
    for index in &mut live.search {
        index.added(&live.site, &live.theme.strings, j);
    }
    let data = live.datasets();
    let site = &live.site;
    let r = Renderer::new(site, &live.theme).seeded(data);
    let all = r.jobs();
    let jobs = moved(&r, &site.news[j], j, true).into_iter().map(|(l, k)| r.job(k, l)).collect();
    let beside = r.news_files(Some(&all), &live.search).ok()?;
    let (done, _) = emit(&r, &mut live.hashes, out_dir, What::Some(jobs, beside), &[], warnings)?;
    let data = r.into_datasets();
    live.give_back(data);
    Some(done)
}

/// An article whose files are gone (both languages).
fn deleted(live: &mut Live, i: usize, out_dir: &Path, open: &mut Option<Open>) -> Option<Updated> {
    let old = &live.site.news[i];
    let slug = old.slug.clone();
    // Its pictures may be made for it alone; a menu entry or another text may link to it: a
    // full build says so.
    if !pictures_of(&old.doc, old.image.as_deref()).is_empty() || links_to(&live.site, i, &slug) {
        return None;
    }
    let old = live.site.news.remove(i);
    live.site.documents.remove(&("news".to_string(), slug.clone()));
    for index in &mut live.search {
        index.removed(i);
    }
    let folders = Lang::ALL.map(|lang| Route::Article { slug: &slug }.path(lang));
    let mut removed = Vec::new();
    for folder in &folders {
        let gone = live.hashes.range(folder.clone()..).take_while(|(p, _)| p.starts_with(folder));
        removed.extend(gone.map(|(p, _)| p.clone()));
    }
    show(&live.site, &live.theme, &mut live.hashes, out_dir, open, &[], &removed)?;
    let data = live.datasets();
    let site = &live.site;
    let r = Renderer::new(site, &live.theme).seeded(data);
    let all = r.jobs();
    // Another page in the article's folder: a full build says what.
    if all.iter().any(|(route, lang, _)| folders.iter().any(|f| route.file(*lang).starts_with(f))) {
        return None;
    }
    gone_tag_pages(live, &old, &all, &mut removed);
    // The list's last page, when the list got a page shorter.
    let n = live.site.news.len();
    for page in news::page_count(n) + 1..=news::page_count(n + 1) {
        let files = Lang::ALL.map(|lang| Route::News { page }.file(lang));
        removed.extend(files.into_iter().filter(|f| live.hashes.contains_key(f)));
    }
    // The neighbours of the deleted article are now at i - 1 and i.
    let jobs = moved(&r, &old, i, false).into_iter().map(|(l, k)| r.job(k, l)).collect();
    let beside = r.news_files(Some(&all), &live.search).ok()?;
    let (done, _) = emit(&r, &mut live.hashes, out_dir, What::Some(jobs, beside), &removed, Default::default())?;
    let data = r.into_datasets();
    live.give_back(data);
    Some(done)
}

/// Whether a menu entry or a text of the site other than the article at `i` may link to the
/// article `slug`: its slug followed by `/` in the menu or in a text's HTML.
fn links_to(site: &Site, i: usize, slug: &str) -> bool {
    use rayon::prelude::*;
    let needle = format!("{slug}/");
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    let has = |s: &str| finder.find(s.as_bytes()).is_some();
    let menu = site.menu.iter().any(|m| match &m.target {
        crate::model::MenuTarget::Page { vi, en } => vi.contains(&needle) || en.contains(&needle),
        crate::model::MenuTarget::External(_) => false,
    });
    // A text may name the article by `@/news/x.md` (resolved in `links`) or by its address.
    let names = |m: &crate::model::Markdown| has(&m.text) || m.links.values().any(|p| has(p));
    let docs = |d: &crate::model::Localized<crate::model::Doc>| {
        Lang::ALL.iter().filter_map(|&l| d.get(l)).any(|d| names(&d.body))
    };
    let home = [&site.home.text.vi, &site.home.text.en].iter().any(|h| h.as_ref().is_some_and(names));
    let sections =
        site.sections.values().any(|s| [&s.text.vi, &s.text.en].iter().any(|t| t.as_ref().is_some_and(names)));
    menu || home
        || sections
        || site.news.par_iter().enumerate().any(|(k, a)| k != i && docs(&a.doc))
        || site.honours.iter().any(|h| Lang::ALL.iter().filter_map(|&l| h.text.get(l)).any(|t| names(&t.doc.body)))
        || site.pages.iter().chain(&site.movement).any(|p| docs(&p.doc))
}

/// The tag pages of `old`'s tags that a full build of the site as it is now no longer makes:
/// a tag's last pages, or whole tags.
fn gone_tag_pages(live: &Live, old: &Article, all: &[Job], removed: &mut Vec<String>) {
    let now: BTreeSet<String> = all.iter().map(|(route, lang, _)| route.file(*lang)).collect();
    for lang in Lang::ALL {
        for slug in news::tag_slugs(old, lang) {
            let folder = Route::Tag { slug: &slug, page: 1 }.path(lang);
            let gone = live.hashes.range(folder.clone()..).take_while(|(p, _)| p.starts_with(&folder));
            removed.extend(gone.map(|(p, _)| p.clone()).filter(|p| p.ends_with("index.html") && !now.contains(p)));
        }
    }
}

/// What a list item of the article shows (lists, tag pages, unit pages, the home page), in
/// each language: when it is unchanged, only the article's own pages change.
fn listing(a: &Article) -> impl PartialEq + '_ {
    let docs = Lang::ALL.map(|l| a.doc.get(l).map(|d| (&d.title, &d.summary, &d.description, &d.tags)));
    (a.date, &a.units, &a.sources, docs)
}

/// The units whose pages list `a`: its units and their successors, all the way down (a unit's
/// page lists the news of the unit and its predecessors).
fn units_showing(site: &Site, a: &Article, out: &mut BTreeSet<usize>) {
    for &x in &a.units {
        let mut u = Some(x);
        while let Some(v) = u.filter(|&v| out.insert(v)) {
            u = site.units[v].successor;
        }
    }
}

/// The pages an article `a` coming (`added`, now at `j`) or going (was at `j`) changes: every
/// list page from its place on (the others move by one; all of them when the number of pages
/// changes or it has tags, whose counts every list shows), every tag page when it has tags,
/// its neighbours, its units' pages, the home and data pages, and the article's own pages.
fn moved(r: &Renderer, a: &Article, j: usize, added: bool) -> BTreeSet<(Lang, PageKind)> {
    let site = r.site;
    let n = site.news.len();
    let mut on_units = BTreeSet::new();
    units_showing(site, a, &mut on_units);
    let before = if added { n - 1 } else { n + 1 };
    let mut out = BTreeSet::new();
    for lang in Lang::ALL {
        let mut add = |k| {
            out.insert((lang, k));
        };
        add(PageKind::Home);
        add(PageKind::Data);
        let near = if added { j.saturating_sub(1)..=(j + 1).min(n - 1) } else { j.saturating_sub(1)..=j.min(n - 1) };
        near.filter(|&k| k < n).for_each(|k| add(PageKind::Article(k)));
        on_units.iter().for_each(|&u| add(PageKind::Unit(u)));
        let tagged = !news::tag_slugs(a, lang).is_empty();
        let from = if tagged || news::page_count(n) != news::page_count(before) { 1 } else { j / news::PER_PAGE + 1 };
        (from..=news::page_count(n)).for_each(|p| add(PageKind::News(p)));
        if tagged {
            for (t, (_, _, arts)) in r.tags(lang).iter().enumerate() {
                (1..=news::page_count(arts.len())).for_each(|p| add(PageKind::Tag(t, p)));
            }
        }
    }
    out
}

/// The pages an edit of the article now at `j` (before at `i`, as `old`) changes when what its
/// list items show changed; `tags_changed` tells, by language, whether its tags did.
fn affected(r: &Renderer, old: &Article, i: usize, j: usize, tags_changed: [bool; 2]) -> BTreeSet<(Lang, PageKind)> {
    let site = r.site;
    let new = &site.news[j];
    let (lo, hi) = (i.min(j), i.max(j));
    let last = site.news.len().saturating_sub(1);
    let mut on_units = BTreeSet::new();
    units_showing(site, old, &mut on_units);
    units_showing(site, new, &mut on_units);
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
