//! A model, a page or a movement page edited: the document is read and checked again (against
//! the kept site: its units, indices, pictures and the other documents' names) and put in place
//! of the old one; the pages that show it are rendered:
//!
//! - a model: its own pages, the models roll, the home page (the newest models, the count by
//!   content), the movement page and its content pages, the pages of its unit (old and new) and
//!   of their successors, the data page, with the datasets and search indexes (and the sitemap
//!   when the model moves in the order of models);
//! - a page: its own pages and the search indexes (when its entries in them changed);
//! - a movement page (edited or new): its own pages, the movement and home pages (the search
//!   indexes name movement pages by the theme's words, which the text does not change).
//!
//! A new or deleted model or page needs a full build.

use std::collections::BTreeSet;
use std::path::Path;

use super::emit::{emit, What};
use super::first::{show, Open};
use super::{Live, Updated};
use crate::diag::Diagnostics;
use crate::i18n::Lang;
use crate::model::{Doc, Localized, Site};
use crate::pages::{search, Job, PageKind, Renderer};

/// Reads `content/<section>/<stem>.md` and its translation again and checks them against the
/// kept site; `None` when there is a problem (the full build reports it).
pub(super) fn check_one(
    live: &Live,
    root: &Path,
    section: &str,
    stem: &str,
) -> Option<(crate::check::content::Content, Diagnostics)> {
    let mut diags = Diagnostics::default();
    let docs = crate::load::load_document(root, section, stem, &mut diags);
    let site = &live.site;
    let statics: BTreeSet<String> = site.site_statics.iter().map(|(p, _)| p.clone()).collect();
    let probes = site.pictures.iter().map(|(p, pic)| (p.clone(), Ok(pic.probe))).collect();
    let inputs = crate::check::content::Inputs {
        config: &site.config,
        units: &site.units,
        by_id: &site.by_id,
        indices: &site.indices,
        statics: &statics,
        build_date: site.build_date,
        probes: &probes,
    };
    let content = crate::check::content::check_with(&docs, &site.documents, &inputs, &mut diags);
    (!diags.has_errors()).then_some((content, diags))
}

/// The pictures a document shows and the share image it chose, by path below `static/`.
pub(super) fn pictures_of(doc: &Localized<Doc>, image: Option<&str>) -> BTreeSet<String> {
    let shown = Lang::ALL.iter().filter_map(|&l| doc.get(l)).flat_map(|d| d.pictures.iter().map(|p| p.path.clone()));
    let chosen = image.filter(|p| crate::images::is_picture(p)).map(String::from);
    shown.chain(chosen).collect()
}

/// Whether a document showing `new` instead of `old` leaves the site's pictures as they are:
/// every picture it shows is made already, and it shows every picture it showed (one no longer
/// shown might be shown by no other text, and a full build would not make it).
pub(super) fn same_pictures(site: &Site, old: BTreeSet<String>, new: BTreeSet<String>) -> bool {
    new.iter().all(|p| site.pictures.contains_key(p)) && old.is_subset(&new)
}

/// Rebuilds after a change of `content/<section>/<stem>.md` or its translation, for the models,
/// pages and movement pages.
pub(super) fn update(
    live: &mut Live,
    root: &Path,
    section: &str,
    stem: &str,
    out_dir: &Path,
    open: &mut Option<Open>,
) -> Option<Updated> {
    let (mut content, warnings) = check_one(live, root, section, stem)?;
    let site = &mut live.site;
    // The sitemap lists the pages in order: it changes when a model moves in the order.
    let mut reordered = false;
    let kinds: BTreeSet<PageKind> = match section {
        "models" => {
            let i = site.honours.iter().position(|h| h.slug == stem)?;
            let new = content.honours.pop().filter(|_| content.honours.is_empty())?;
            let old = &site.honours[i];
            let (p_old, p_new) = (pictures_of_model(old), pictures_of_model(&new));
            if !same_pictures(site, p_old, p_new) {
                return None;
            }
            let old = std::mem::replace(&mut site.honours[i], new);
            site.honours.sort_by(|a, b| b.decision_date.cmp(&a.decision_date).then_with(|| a.slug.cmp(&b.slug)));
            let j = site.honours.iter().position(|h| h.slug == stem)?;
            reordered = i != j;
            let mut kinds = BTreeSet::from([
                PageKind::Honour(j),
                PageKind::Models,
                PageKind::Home,
                PageKind::Movement,
                PageKind::Data,
            ]);
            kinds.extend(crate::model::movement_keys().map(PageKind::MovementPage));
            for unit in [old.unit, site.honours[j].unit].into_iter().flatten() {
                let mut u = Some(unit);
                while let Some(v) = u.filter(|&v| kinds.insert(PageKind::Unit(v))) {
                    u = site.units[v].successor;
                }
            }
            kinds
        }
        "pages" => {
            let i = site.pages.iter().position(|p| p.slug == stem)?;
            let new = content.pages.pop().filter(|_| content.pages.is_empty())?;
            if !same_pictures(site, pictures_of(&site.pages[i].doc, None), pictures_of(&new.doc, None)) {
                return None;
            }
            site.pages[i] = new;
            BTreeSet::from([PageKind::Page(i)])
        }
        "movement" => {
            let new = content.movement.pop().filter(|_| content.movement.is_empty())?;
            let key = crate::model::movement_keys().find(|k| *k == stem)?;
            let old = site.movement.iter().position(|p| p.slug == stem);
            let old_pictures = old.map(|i| pictures_of(&site.movement[i].doc, None)).unwrap_or_default();
            if !same_pictures(site, old_pictures, pictures_of(&new.doc, None)) {
                return None;
            }
            match old {
                Some(i) => site.movement[i] = new,
                None => {
                    site.documents.insert((section.to_string(), stem.to_string()));
                    site.movement.push(new);
                    site.movement.sort_by_key(|p| crate::model::movement_keys().position(|k| k == p.slug));
                }
            }
            BTreeSet::from([PageKind::MovementPage(key), PageKind::Movement, PageKind::Home])
        }
        _ => return None,
    };
    // The document's own pages first.
    let own: Vec<PageKind> = kinds
        .iter()
        .copied()
        .filter(|k| matches!(k, PageKind::Honour(_) | PageKind::Page(_) | PageKind::MovementPage(_)))
        .collect();
    show(&live.site, &live.theme, &mut live.hashes, out_dir, open, &own, &[])?;
    // Only the edited section's entries of the search indexes can change.
    let mut search_changed = false;
    for index in &mut live.search {
        search_changed |= if section == "models" {
            index.refresh_honours(&live.site, &live.theme.strings)
        } else {
            index.refresh_pages(&live.site, &live.theme.strings)
        };
    }
    let r = if section == "models" {
        let data = live.datasets();
        Renderer::new(&live.site, &live.theme).seeded(data)
    } else {
        Renderer::new(&live.site, &live.theme)
    };
    let jobs: Vec<Job> =
        Lang::ALL.iter().flat_map(|&l| kinds.iter().map(move |&k| (l, k))).map(|(l, k)| r.job(k, l)).collect();
    let beside = if section == "models" {
        // The datasets list the models; the data package and catalogue describe them.
        let all = reordered.then(|| r.jobs());
        r.news_files(all.as_deref(), &live.search).ok()?
    } else if search_changed {
        live.search.iter().map(search::Index::file).collect()
    } else {
        Vec::new()
    };
    let (done, _) = emit(&r, &mut live.hashes, out_dir, What::Some(jobs, beside), &[], warnings)?;
    let data = r.into_datasets();
    live.give_back(data);
    Some(done)
}

/// [`pictures_of`] for a model.
fn pictures_of_model(h: &crate::model::Honour) -> BTreeSet<String> {
    let doc =
        Localized { vi: h.text.vi.as_ref().map(|t| t.doc.clone()), en: h.text.en.as_ref().map(|t| t.doc.clone()) };
    pictures_of(&doc, h.image.as_deref())
}
