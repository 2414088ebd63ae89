//! A data file edited (an edition's table, an `index.toml`, `units.csv`, `unit-names.csv`, a
//! target's table): `data/` is read and checked again alone and put in place of the kept data;
//! the shortcodes of every text are resolved again. The pages that show what changed are
//! rendered:
//!
//! - an edition whose rows changed (a change of rank is in the next edition's rows): its pages,
//!   its index's page, the pages of the units it ranks (before or after the edit) and of the
//!   units they merged into; every edition of an index whose description changed;
//! - a unit renamed (its name, code or region): its page, its parent's, children's,
//!   predecessors' and successors', every page of the indices that rank it, the articles and
//!   models that name it, the models' lists; any other change of a unit (its kind, dates,
//!   parent, successor may change any edition's field): every page of every index and unit;
//! - the articles, models, pages and movement pages that embed a ranking of those indices;
//! - the pages of one of a kind (home, lists, data, targets…) and of the targets.
//!
//! The news lists, tag pages and the movement's overview show no data. Every file beside the
//! pages (datasets, feeds, data package…) is made again but the sitemap (the same pages) and the
//! search indexes when their units' and editions' entries did not change; only what changed is
//! written. `tests/incremental.rs` checks each kind of edit against a full build.
//!
//! A full build instead when the edit changes what pages there are or what texts may link to:
//! a unit added, removed, moved or renamed in its address, an index, edition or indicator
//! added, removed or renamed, targets appearing or disappearing (the menu shows them), a
//! shortcode that no longer resolves, or a problem (which the full build reports).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use super::emit::{emit, What};
use super::first::{show, Open};
use super::{Live, Updated};
use crate::diag::Diagnostics;
use crate::model::{Doc, Unit};
use crate::pages::{Job, PageKind, Renderer};

/// Rebuilds after a change of files of `data/`.
pub(super) fn update(live: &mut Live, root: &Path, out_dir: &Path, open: &mut Option<Open>) -> Option<Updated> {
    let mut diags = Diagnostics::default();
    let raw = crate::load::load_data(root, &mut diags);
    let last = live.raw_data.as_ref().map(|r| (r, &live.site.indices[..]));
    let data = crate::check::check_data(&raw, last, &mut diags)?;
    let (programmes, targets) = crate::check::check_targets(&raw, &data.by_id, &mut diags);
    if diags.has_errors() {
        return None;
    }
    let site = &mut live.site;
    if data.by_id != site.by_id
        || !same_addresses(&site.units, &data.units)
        || shape(&site.indices) != shape(&data.indices)
        || targets.is_empty() != site.targets.is_empty()
    {
        return None;
    }
    // The units whose row changed, the indices whose files changed: what pages show them.
    let (old, new) = (&site.units, &data.units);
    let changed: BTreeSet<usize> = (0..new.len()).filter(|&u| old[u] != new[u]).collect();
    let indices: BTreeSet<usize> = (0..data.indices.len()).filter(|&i| site.indices[i] != data.indices[i]).collect();
    // A unit's name, code or region shows where the unit is named: its pages, its neighbours'
    // in the lineage and the hierarchy, the indices that rank it. Anything else of a unit (its
    // kind, dates, successor, parent) may change the field of any edition, every page with it.
    let labels_only = changed.iter().all(|&u| same_but_labels(&old[u], &new[u]));
    // The indices that may name a unit: those that rank it, and those of its kind (their maps
    // draw every tile of a layout, ranked or not).
    let ranking = |u: usize| -> BTreeSet<usize> {
        let rows = |ix: &[crate::model::Index], i: usize| ix[i].editions.iter().any(|e| e.row_of(u).is_some());
        let kind = |i: usize| data.indices[i].unit_kind == new[u].kind;
        (0..data.indices.len()).filter(|&i| kind(i) || rows(&site.indices, i) || rows(&data.indices, i)).collect()
    };
    let touched: BTreeSet<usize> = if labels_only {
        indices.iter().copied().chain(changed.iter().flat_map(|&u| ranking(u))).collect()
    } else {
        (0..data.indices.len()).collect()
    };
    // The editions whose pages change: every one of an index named differently, or whose
    // editions are described differently; else those whose rows changed (a change of rank
    // against the edition before is in the rows).
    let mut editions: BTreeSet<(usize, usize)> = BTreeSet::new();
    for &i in &touched {
        let (a, b) = (&site.indices[i], &data.indices[i]);
        let every = !indices.contains(&i) || !labels_only || !same_but_rows(a, b);
        for e in 0..b.editions.len() {
            if every || a.editions[e] != b.editions[e] {
                editions.insert((i, e));
            }
        }
    }
    let units: Option<BTreeSet<usize>> = labels_only.then(|| {
        // A unit's page shows the changed editions through the rows of its lineage (its table,
        // its charts, its indicators against the median): the units with a row in an edition
        // of a changed index, before or after the edit, and the units they merged into (a
        // renamed unit's name is on no other unit's page but its neighbours', below).
        let mut shown = BTreeSet::new();
        let mut ranked = BTreeSet::new();
        for &(i, e) in editions.iter().filter(|(i, _)| indices.contains(i)) {
            for ed in [&site.indices[i].editions[e], &data.indices[i].editions[e]] {
                ranked.extend(ed.rows.iter().map(|r| r.unit));
            }
        }
        // A renamed unit: its page, its parent's and children's, its predecessors' and the
        // successors' it merged into.
        for &u in &changed {
            ranked.insert(u);
            ranked.extend(new[u].parent);
            ranked.extend(new[u].predecessors.iter().copied());
            ranked.extend((0..new.len()).filter(|&c| new[c].parent == Some(u)));
        }
        // The units that set targets show them (a target's table may be what changed).
        ranked.extend(site.programmes.iter().chain(&programmes).filter_map(|p| p.unit));
        for u in ranked {
            let mut next = Some(u);
            while let Some(v) = next.filter(|&v| shown.insert(v)) {
                next = new[v].successor;
            }
        }
        shown
    });
    let shows = |embeds: &[crate::model::Embed]| {
        embeds.iter().any(|e| matches!(e, crate::model::Embed::Ranking { index, .. } if touched.contains(index)))
    };
    let embeds = crate::shortcodes::Data { units: new, indices: &data.indices };
    let mut articles = BTreeSet::new();
    for (i, a) in site.news.iter_mut().enumerate() {
        let mut embeds_data = false;
        for doc in [a.doc.vi.as_mut(), a.doc.en.as_mut()].into_iter().flatten() {
            resolve_again(doc, &embeds)?;
            embeds_data |= shows(&doc.embeds);
        }
        if embeds_data || a.units.iter().any(|u| changed.contains(u)) {
            articles.insert(i);
        }
    }
    let mut honours = BTreeSet::new();
    for (i, h) in site.honours.iter_mut().enumerate() {
        let mut embeds_data = false;
        for t in [h.text.vi.as_mut(), h.text.en.as_mut()].into_iter().flatten() {
            resolve_again(&mut t.doc, &embeds)?;
            embeds_data |= shows(&t.doc.embeds);
        }
        if embeds_data || h.unit.is_some_and(|u| changed.contains(&u)) {
            honours.insert(i);
        }
    }
    for p in site.pages.iter_mut().chain(site.movement.iter_mut()) {
        for doc in [p.doc.vi.as_mut(), p.doc.en.as_mut()].into_iter().flatten() {
            resolve_again(doc, &embeds)?;
        }
    }
    site.name_order = crate::check::name_order(&data.units);
    site.units = data.units;
    site.indices = data.indices;
    site.programmes = programmes;
    site.targets = targets;
    show(&live.site, &live.theme, &mut live.hashes, out_dir, open, &[], &[])?;

    let mut search_changed = false;
    for index in &mut live.search {
        search_changed |= index.refresh_data(&live.site, &live.theme.strings);
    }
    let kept = live.datasets_kept();
    let same = unchanged_files(&live.site, kept, &editions, &touched, units.as_ref());
    let r = Renderer::new(&live.site, &live.theme).reusing(same);
    let all = r.jobs();
    let embeds_touched = |doc: &crate::model::Localized<Doc>| {
        [doc.vi.as_ref(), doc.en.as_ref()].into_iter().flatten().any(|d| shows(&d.embeds))
    };
    let jobs: Vec<Job> = all
        .iter()
        .filter(|(_, _, k)| match k {
            PageKind::News(_) | PageKind::Tag(..) => false,
            PageKind::Article(i) => articles.contains(i),
            PageKind::Honour(i) => honours.contains(i),
            PageKind::Unit(u) => units.as_ref().is_none_or(|shown| shown.contains(u)),
            PageKind::IndexPage(i) => touched.contains(i),
            PageKind::Edition(i, e) | PageKind::Indicator(i, e, _) => editions.contains(&(*i, *e)),
            // The models' lists name their units; the movement's overview shows no data.
            PageKind::Models => !changed.is_empty(),
            PageKind::Movement => false,
            PageKind::MovementPage(key) => {
                !changed.is_empty() || r.site.movement.iter().any(|p| p.slug == *key && embeds_touched(&p.doc))
            }
            PageKind::Page(i) => embeds_touched(&r.site.pages[*i].doc),
            _ => true,
        })
        .cloned()
        .collect();
    let (done, _) = emit(
        &r,
        &mut live.hashes,
        out_dir,
        What::Most { jobs, all, search: search_changed.then_some(&live.search) },
        &[],
        diags,
    )?;
    let data = r.into_datasets();
    live.give_back(data);
    live.raw_data = Some(raw);
    Some(done)
}

/// The dataset files of the last build that the edit left as they were: the tables of the
/// editions not in `editions`, the long and wide tables of the indices not `touched`, the
/// histories of the units not `shown` (every unit's when `None`).
fn unchanged_files(
    site: &crate::model::Site,
    kept: Vec<crate::pages::datasets::Dataset>,
    editions: &BTreeSet<(usize, usize)>,
    touched: &BTreeSet<usize>,
    shown: Option<&BTreeSet<usize>>,
) -> HashMap<String, crate::output::OutFile> {
    use crate::routes::{edition_data, index_table, unit_history};
    let mut same = HashSet::new();
    for (i, index) in site.indices.iter().enumerate() {
        for (e, ed) in index.editions.iter().enumerate() {
            if !editions.contains(&(i, e)) {
                same.extend(["csv", "json"].map(|x| edition_data(&index.key, &ed.key, x)));
            }
        }
        if !touched.contains(&i) {
            same.extend(["long", "wide"].map(|x| index_table(&index.key, x)));
        }
    }
    if let Some(shown) = shown {
        for (_, unit) in site.units.iter().enumerate().filter(|(u, _)| !shown.contains(u)) {
            same.extend(["csv", "json"].map(|x| unit_history(&unit.id, x)));
        }
    }
    kept.into_iter().filter(|d| same.contains(&d.file.path)).map(|d| (d.file.path.clone(), d.file)).collect()
}

/// Resolves `doc`'s shortcodes again against the edited data; `None` when one no longer
/// resolves (the full build reports it).
fn resolve_again(doc: &mut Doc, data: &crate::shortcodes::Data) -> Option<()> {
    for e in &mut doc.embeds {
        *e = crate::shortcodes::again(data, e).ok()?;
    }
    Some(())
}

/// The two rows of a unit differ at most in how it is named (names, codes, region).
fn same_but_labels(old: &Unit, new: &Unit) -> bool {
    let mut relabelled = new.clone();
    relabelled.name = old.name.clone();
    relabelled.code = old.code.clone();
    relabelled.former_codes = old.former_codes.clone();
    relabelled.region = old.region.clone();
    relabelled.other_names = old.other_names.clone();
    relabelled == *old
}

/// The two indices differ at most in their editions' rows.
fn same_but_rows(a: &crate::model::Index, b: &crate::model::Index) -> bool {
    let bare = |x: &crate::model::Index| {
        let mut x = x.clone();
        x.editions.iter_mut().for_each(|e| e.rows.clear());
        x
    };
    a.editions.len() == b.editions.len() && bare(a) == bare(b)
}

/// The units have the same addresses (and the same old addresses, which redirect).
fn same_addresses(old: &[Unit], new: &[Unit]) -> bool {
    old.len() == new.len() && old.iter().zip(new).all(|(a, b)| a.slug == b.slug && a.aliases == b.aliases)
}

/// What pages the rankings make: a line an index, with its editions' keys and each edition's
/// indicators' keys (keys are slugs: no spaces or colons).
fn shape(indices: &[crate::model::Index]) -> Vec<String> {
    indices
        .iter()
        .map(|i| {
            let mut line = i.key.clone();
            for e in &i.editions {
                line.push(' ');
                line.push_str(&e.key);
                for &k in &e.indicators {
                    line.push(':');
                    line.push_str(&i.indicators[k].key);
                }
            }
            line
        })
        .collect()
}
