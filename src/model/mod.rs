//! The checked site: units with their lineage, indices with their editions, ranked and sorted,
//! the Markdown content, the movement's targets, and the questions pages ask of them (a unit's history, an edition's
//! movers). No I/O, no text formatting and nothing of the theme: `pages` decides how a reader
//! sees it.

mod content;
mod menu;
mod rankings;
mod targets;
mod tiles;
mod units;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::config::Config;
use crate::i18n::Text;

pub(crate) use content::*;
pub(crate) use menu::*;
pub(crate) use rankings::*;
pub(crate) use targets::*;
pub(crate) use tiles::*;
pub(crate) use units::*;

/// Home page text from `content/_index.md` (or a section's `_index.md`), checked.
#[derive(Debug, Clone, Default)]
pub struct HomeText {
    pub title: Text,
    /// The introduction in each language, checked Markdown (empty without one).
    pub text: Localized<Markdown>,
}

/// The whole checked site.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub units: Vec<Unit>,
    /// Ordered by `order`, then key.
    pub indices: Vec<Index>,
    pub home: HomeText,
    /// A section's own title and introduction (`content/news/_index.md`…), by section.
    pub sections: std::collections::BTreeMap<String, HomeText>,
    /// The day the site was built, named in citations.
    pub build_date: NaiveDate,
    /// The site's own `static/` files, published at the root.
    pub site_statics: Vec<(String, Vec<u8>)>,
    /// The pictures the texts show, made into their sizes, by path below the site root.
    pub pictures: std::collections::BTreeMap<String, crate::images::Picture>,
    pub by_id: HashMap<String, UnitId>,
    /// Each unit's place in the Vietnamese order of names (sorting by it needs no sort keys).
    pub name_order: Vec<u32>,
    /// Newest first.
    pub news: Vec<Article>,
    /// Newest decision first.
    pub honours: Vec<Honour>,
    /// `content/pages/`, by slug.
    pub pages: Vec<Page>,
    /// `content/movement/`: the seven contents (by key) and the two phases (`phase-1`, `phase-2`).
    pub movement: Vec<Page>,
    /// Every content document as (section, file stem), drafts included: what `@/` links may name.
    pub documents: std::collections::BTreeSet<(String, String)>,
    /// `data/targets/programmes.csv`, in the order of the file.
    pub programmes: Vec<Programme>,
    /// `data/targets/targets.csv`, in the order of the file, each with its reports.
    pub targets: Vec<Target>,
    /// `[[menu]]` of `site.toml`, checked; empty: the theme's default navigation.
    pub menu: Vec<MenuEntry>,
}

/// One line of a unit's rank history.
#[derive(Debug, Clone, Copy)]
pub struct HistoryEntry<'a> {
    pub index: usize,
    pub edition: usize,
    pub row: &'a Row,
    /// The unit the row is about: the unit itself or one of its predecessors.
    pub via: UnitId,
}

impl Site {
    pub fn unit(&self, id: &str) -> Option<UnitId> {
        self.by_id.get(id).copied()
    }

    /// The unit and every unit that merged into it, directly or not; the unit first, then
    /// the others in Vietnamese order.
    pub fn lineage(&self, unit: UnitId) -> Vec<UnitId> {
        let mut out = vec![unit];
        let mut seen = std::collections::HashSet::from([unit]);
        let mut i = 0;
        while i < out.len() {
            for &p in &self.units[out[i]].predecessors {
                if seen.insert(p) {
                    out.push(p);
                }
            }
            i += 1;
        }
        out[1..].sort_by_key(|&a| self.name_order.get(a).copied().unwrap_or(u32::MAX));
        out
    }

    /// Every row of every edition about the unit or its predecessors, index by index, oldest
    /// edition first, the unit's own row before its predecessors'.
    pub fn history(&self, unit: UnitId) -> Vec<HistoryEntry<'_>> {
        let lineage = self.lineage(unit);
        let mut out = Vec::new();
        for (i, index) in self.indices.iter().enumerate() {
            for (e, edition) in index.editions.iter().enumerate() {
                for &via in &lineage {
                    if let Some(row) = edition.row_of(via) {
                        out.push(HistoryEntry { index: i, edition: e, row, via });
                    }
                }
            }
        }
        out
    }

    /// The last unit in the successor chain of `unit` (itself when it continues).
    pub fn final_successor(&self, unit: UnitId) -> UnitId {
        let mut u = unit;
        for _ in 0..self.units.len() {
            match self.units[u].successor {
                Some(s) => u = s,
                None => break,
            }
        }
        u
    }
}
