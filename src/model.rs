//! The checked site: units with their lineage, indices with their editions, ranked and sorted,
//! and the questions pages ask of them (a unit's history, an edition's movers). No I/O, no text
//! formatting: `pages` decides how a reader sees it.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::config::Config;
use crate::i18n::{vi_cmp, Strings, Text};

pub type UnitId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnitKind {
    Province,
    Ministry,
    Commune,
}

impl UnitKind {
    pub fn parse(s: &str) -> Option<UnitKind> {
        match s {
            "province" => Some(UnitKind::Province),
            "ministry" => Some(UnitKind::Ministry),
            "commune" => Some(UnitKind::Commune),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            UnitKind::Province => "province",
            UnitKind::Ministry => "ministry",
            UnitKind::Commune => "commune",
        }
    }
}

/// A ministry, province or commune, past or present.
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub kind: UnitKind,
    pub code: String,
    pub former_codes: Vec<String>,
    pub name: Text,
    pub parent: Option<UnitId>,
    /// Empty for units without a region (ministries).
    pub region: Text,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub successor: Option<UnitId>,
    /// Units that merged into this one, sorted by name.
    pub predecessors: Vec<UnitId>,
    pub slug: String,
    /// Old URL names that redirect to `slug`.
    pub aliases: Vec<String>,
}

impl Unit {
    /// A unit whose validity has ended (merged or dissolved).
    pub fn is_past(&self) -> bool {
        self.valid_to.is_some()
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub max: f64,
    pub higher_is_better: bool,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub key: String,
    pub name: Text,
    pub parent: Option<usize>,
    pub max: f64,
}

/// A published ranking (DTI of provinces, of ministries, …) and its editions.
#[derive(Debug, Clone)]
pub struct Index {
    pub key: String,
    pub name: Text,
    pub short: Text,
    pub publisher: Text,
    pub unit_kind: UnitKind,
    pub description: Text,
    pub order: i64,
    pub scale: Scale,
    /// Digits after the decimal separator with which its scores are shown: the most any of its
    /// files uses (DTI prints four).
    pub decimals: usize,
    pub indicators: Vec<Indicator>,
    /// Oldest first.
    pub editions: Vec<Edition>,
}

impl Index {
    /// The newest edition of the main series (editions whose key is their year).
    pub fn latest(&self) -> Option<usize> {
        let main = (0..self.editions.len()).rev().find(|&i| self.editions[i].series.is_empty());
        main.or_else(|| self.editions.len().checked_sub(1))
    }

    /// The edition after `e` in its series, for "next edition" links.
    pub fn next(&self, e: usize) -> Option<usize> {
        (e + 1..self.editions.len()).find(|&f| self.editions[f].previous == Some(e))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankBasis {
    /// The source states the rank.
    Stated,
    /// The rank is the position in a list the source printed in order.
    ListOrder,
}

/// One unit's line in an edition.
#[derive(Debug, Clone)]
pub struct Row {
    pub unit: UnitId,
    pub rank: Option<u32>,
    /// Another row of the edition has the same rank.
    pub tied: bool,
    /// `None` when the source did not publish it: shown as "—", never as 0.
    pub score: Option<f64>,
    pub basis: RankBasis,
    pub note: String,
    /// One value per indicator of the edition (`Edition::indicators`).
    pub values: Vec<Option<f64>>,
    /// Places gained since the previous edition (positive: moved up).
    pub delta: Option<i64>,
    /// The input line, for messages.
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Correction {
    pub date: NaiveDate,
    pub what: Text,
}

/// One published edition of an index.
#[derive(Debug, Clone)]
pub struct Edition {
    /// URL key: the year, or a key of its own for a second edition of a year (`2024-63`).
    pub key: String,
    pub year: i32,
    /// The part of the key after the year (`63` for `2024-63`); empty for the main series.
    pub series: String,
    pub label: Text,
    pub file: String,
    pub published: NaiveDate,
    pub decision: String,
    /// Who published this edition (the index's publisher unless the edition says otherwise).
    pub publisher: Text,
    pub publisher_url: Option<String>,
    pub sources: Vec<String>,
    pub average: Option<f64>,
    pub note: Text,
    pub corrections: Vec<Correction>,
    /// Positions in `Index::indicators` of the indicators this edition carries.
    pub indicators: Vec<usize>,
    /// Ranked first (by rank, then name), unranked rows last.
    pub rows: Vec<Row>,
    /// The edition this one is compared with.
    pub previous: Option<usize>,
    /// Position in `rows` of each unit's row (see [`Edition::index_rows`]).
    pub by_unit: HashMap<UnitId, usize>,
    /// Median and count of values of each indicator (see [`Edition::index_rows`]).
    pub medians: Vec<(Option<f64>, usize)>,
}

impl Edition {
    pub fn ranked(&self) -> usize {
        self.rows.iter().filter(|r| r.rank.is_some()).count()
    }

    pub fn row_of(&self, unit: UnitId) -> Option<&Row> {
        self.by_unit.get(&unit).map(|&i| &self.rows[i])
    }

    /// Builds the lookups that pages ask for per unit: rows by unit, indicator medians.
    /// Call it once the rows are sorted.
    pub fn index_rows(&mut self) {
        self.by_unit = self.rows.iter().enumerate().map(|(i, r)| (r.unit, i)).collect();
        self.medians = (0..self.indicators.len())
            .map(|k| {
                let mut v: Vec<f64> = self.rows.iter().filter_map(|r| *r.values.get(k)?).collect();
                v.sort_by(f64::total_cmp);
                let n = v.len();
                let median = match n {
                    0 => None,
                    _ if n % 2 == 1 => Some(v[n / 2]),
                    _ => Some((v[n / 2 - 1] + v[n / 2]) / 2.0),
                };
                (median, n)
            })
            .collect();
    }

    /// How many units have a value for indicator `k`.
    pub fn indicator_count(&self, k: usize) -> usize {
        self.medians.get(k).map(|m| m.1).unwrap_or(0)
    }

    /// Any row with a rank from list order rather than a stated rank.
    pub fn has_list_order(&self) -> bool {
        self.rows.iter().any(|r| r.basis == RankBasis::ListOrder)
    }

    /// Rows with the largest gains (`up`) or losses, at most `n`, largest first.
    pub fn movers(&self, n: usize, up: bool) -> Vec<&Row> {
        let mut v: Vec<&Row> =
            self.rows.iter().filter(|r| r.delta.is_some_and(|d| if up { d > 0 } else { d < 0 })).collect();
        v.sort_by_key(|r| (if up { -r.delta.unwrap_or(0) } else { r.delta.unwrap_or(0) }, r.rank));
        v.truncate(n);
        v
    }

    /// Rows ranked by one indicator (position `k` in `indicators`), ties sharing a rank.
    /// These ranks are computed here from published values, not published themselves.
    pub fn indicator_ranking(&self, k: usize, higher_is_better: bool) -> Vec<IndicatorPlace> {
        let mut v: Vec<(UnitId, f64)> = self.rows.iter().filter_map(|r| Some((r.unit, (*r.values.get(k)?)?))).collect();
        v.sort_by(|a, b| {
            let o = a.1.total_cmp(&b.1);
            if higher_is_better {
                o.reverse()
            } else {
                o
            }
        });
        let mut out: Vec<IndicatorPlace> = Vec::with_capacity(v.len());
        for (i, &(unit, value)) in v.iter().enumerate() {
            let rank = match out.last() {
                Some(p) if p.value == value => p.rank,
                _ => i as u32 + 1,
            };
            out.push(IndicatorPlace { unit, value, rank, tied: false });
        }
        for i in 0..out.len() {
            let r = out[i].rank;
            out[i].tied = out.iter().filter(|p| p.rank == r).count() > 1;
        }
        out
    }

    /// Median of an indicator over every unit with a value.
    pub fn indicator_median(&self, k: usize) -> Option<f64> {
        self.medians.get(k).and_then(|m| m.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndicatorPlace {
    pub unit: UnitId,
    pub value: f64,
    pub rank: u32,
    pub tied: bool,
}

/// Home page text from `content/_index.md` (Markdown, already rendered to safe HTML).
#[derive(Debug, Clone, Default)]
pub struct HomeText {
    pub title: Text,
    pub html: Text,
}

/// The whole checked site.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub units: Vec<Unit>,
    /// Ordered by `order`, then key.
    pub indices: Vec<Index>,
    pub strings: Strings,
    pub home: HomeText,
    /// Theme files copied as they are, by path below `static/`.
    pub statics: Vec<(String, Vec<u8>)>,
    pub templates: Vec<(String, String)>,
    /// Tile-map layouts (`data/tiles/`), each a list of (unit, column, row).
    pub tile_layouts: Vec<crate::charts::TileLayout>,
    /// The theme's chart font, which measures chart text.
    pub chart_font: crate::charts::Font,
    /// The day the site was built, named in citations.
    pub build_date: NaiveDate,
    /// The site's own `static/` files, published at the root.
    pub site_statics: Vec<(String, Vec<u8>)>,
    pub by_id: HashMap<String, UnitId>,
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
        let mut i = 0;
        while i < out.len() {
            for &p in &self.units[out[i]].predecessors {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
            i += 1;
        }
        out[1..].sort_by(|&a, &b| vi_cmp(&self.units[a].name.vi, &self.units[b].name.vi));
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

/// The seven competition contents of the movement, in their official order.
pub const CONTENTS: [&str; 7] = [
    "awareness",
    "infrastructure",
    "digital-government",
    "digital-economy",
    "digital-society",
    "security",
    "international",
];

/// The two phases of the movement: 2025–2027 and 2027–2030.
pub const PHASES: [&str; 2] = ["phase-1", "phase-2"];

/// Award forms, highest first; the last two are honours without a state award form.
pub const AWARDS: [&str; 10] = [
    "labor-medal",
    "government-flag",
    "pm-certificate",
    "ministry-flag",
    "province-flag",
    "ministry-certificate",
    "province-certificate",
    "certificate",
    "honoured",
    "award",
];

/// A thing written in either language or both.
#[derive(Debug, Clone)]
pub struct Localized<T> {
    pub vi: Option<T>,
    pub en: Option<T>,
}

impl<T> Default for Localized<T> {
    fn default() -> Self {
        Localized { vi: None, en: None }
    }
}

impl<T> Localized<T> {
    pub fn get(&self, lang: crate::i18n::Lang) -> Option<&T> {
        match lang {
            crate::i18n::Lang::Vi => self.vi.as_ref(),
            crate::i18n::Lang::En => self.en.as_ref(),
        }
    }

    /// The text in `lang`, else in the other language, with the language it is in.
    pub fn any(&self, lang: crate::i18n::Lang) -> Option<(&T, crate::i18n::Lang)> {
        self.get(lang).map(|t| (t, lang)).or_else(|| self.get(lang.other()).map(|t| (t, lang.other())))
    }

    pub fn set(&mut self, lang: crate::i18n::Lang, value: T) {
        match lang {
            crate::i18n::Lang::Vi => self.vi = Some(value),
            crate::i18n::Lang::En => self.en = Some(value),
        }
    }
}

/// One language version of a Markdown document, rendered.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub file: String,
    pub title: String,
    pub description: String,
    /// Body HTML; internal links start with [`crate::markdown::ROOT`].
    pub html: String,
    /// The part before `<!-- more -->`, or the description, as HTML.
    pub summary: String,
    pub toc: Vec<crate::markdown::TocEntry>,
    pub tags: Vec<String>,
}

/// A news article.
#[derive(Debug, Clone)]
pub struct Article {
    pub slug: String,
    pub date: NaiveDate,
    pub units: Vec<UnitId>,
    pub sources: Vec<String>,
    pub doc: Localized<Doc>,
}

impl Article {
    /// The order of the news: newest first, then by slug.
    pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
        b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug))
    }
}

/// Language-specific fields of an exemplary model.
#[derive(Debug, Clone, Default)]
pub struct HonourText {
    pub doc: Doc,
    pub organisation: String,
    pub person: String,
    pub decision: String,
}

/// An exemplary model ("điển hình tiên tiến"): a unit, body or person recognised by the movement.
#[derive(Debug, Clone)]
pub struct Honour {
    pub slug: String,
    pub unit: Option<UnitId>,
    pub individual: bool,
    /// Position in [`CONTENTS`].
    pub content: usize,
    /// Position in [`AWARDS`].
    pub award: usize,
    pub decision_date: NaiveDate,
    pub year: i32,
    pub phase: u8,
    pub sources: Vec<String>,
    pub text: Localized<HonourText>,
}

/// A page of `content/pages/` or `content/movement/`.
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub doc: Localized<Doc>,
}
