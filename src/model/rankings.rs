//! Rankings: an index (its scale and indicator tree) and its editions, each a list of rows as
//! published, with the lookups pages ask of them (a unit's row, medians, movers).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{UnitId, UnitKind};
pub(crate) use crate::format::DatePrecision;
use crate::i18n::Text;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub max: f64,
    pub higher_is_better: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub key: String,
    pub name: Text,
    pub parent: Option<usize>,
    pub max: f64,
}

/// An index's metadata as declared in its `index.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexMeta {
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
    /// The licence `index.toml` names for its data, if any (else the site's).
    pub license: Option<crate::config::License>,
}

/// A published ranking (DTI of provinces, of ministries, …): what its `index.toml` declares
/// (read through it: `index.key`, `index.scale`) and its editions.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    pub meta: IndexMeta,
    /// Oldest first.
    pub editions: Vec<Edition>,
}

impl std::ops::Deref for Index {
    type Target = IndexMeta;

    fn deref(&self) -> &IndexMeta {
        &self.meta
    }
}

impl Index {
    /// An index with its editions oldest first (a year's main edition before its other series),
    /// each linked to the edition it is compared with (the previous one of its series, else of
    /// the main series) and each row's change of rank against it; editions without a publisher
    /// of their own name the index's.
    pub fn new(meta: IndexMeta, mut editions: Vec<Edition>) -> Index {
        editions.sort_by(|a, b| (a.year, !a.series.is_empty(), &a.key).cmp(&(b.year, !b.series.is_empty(), &b.key)));
        for ed in &mut editions {
            if ed.publisher.vi.is_empty() {
                ed.publisher.vi = meta.publisher.vi.clone();
            }
            if ed.publisher.en.is_empty() {
                ed.publisher.en = meta.publisher.en.clone();
            }
        }
        link_editions(&mut editions);
        Index { meta, editions }
    }

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
    /// No source states the rank: it is computed from one that does ("rank 51 in 2021, up 8
    /// places" gives 59 in 2020). Shown as derived, never as published.
    Derived,
}

impl RankBasis {
    /// How `rank_basis` writes it.
    pub fn key(self) -> &'static str {
        match self {
            RankBasis::Stated => "stated",
            RankBasis::ListOrder => "list-order",
            RankBasis::Derived => "derived",
        }
    }
}

/// One unit's line in an edition.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub unit: UnitId,
    pub rank: Option<u32>,
    /// Another row of the edition has the same rank.
    pub tied: bool,
    /// `None` when the source did not publish it: shown as "—", never as 0.
    pub score: Option<f64>,
    /// Digits after the decimal separator the score was published with (`70.7`: 1,
    /// `0.4880`: 4): it is shown with as many, everywhere.
    pub score_decimals: u8,
    pub basis: RankBasis,
    pub note: String,
    /// One value per indicator of the edition (`Edition::indicators`).
    pub values: Vec<Option<f64>>,
    /// Digits after the decimal separator of each value as published.
    pub value_decimals: Vec<u8>,
    /// Places gained since the previous edition (positive: moved up).
    pub delta: Option<i64>,
    /// The input line, for messages.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    pub date: NaiveDate,
    pub what: Text,
}

/// How a unit written in an edition's file was found (shown by `check --explain-units`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchRule {
    /// Its id from `units.csv`.
    Id,
    /// Its administrative code, or a former one, as borne on the edition's date.
    Code,
    /// Its Vietnamese or English name, prefixes and spelling folded.
    Name,
    /// A name variant of `data/unit-names.csv`, borne on the edition's date.
    Register,
}

/// One unit as the file wrote it and the unit it was resolved to.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitMatch {
    /// Where it was written: `file:line` or `file!sheet!B7`.
    pub place: String,
    pub written: String,
    pub unit: UnitId,
    pub rule: MatchRule,
}

/// One published edition of an index.
#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    /// URL key: the year, or a key of its own for a second edition of a year (`2024-63`).
    pub key: String,
    pub year: i32,
    /// The part of the key after the year (`63` for `2024-63`); empty for the main series.
    pub series: String,
    pub label: Text,
    pub file: String,
    /// The first day of the period published (see [`DatePrecision`]).
    pub published: NaiveDate,
    pub published_precision: DatePrecision,
    /// How each row's unit was found, in the file's order.
    pub matches: Vec<UnitMatch>,
    /// How many units were ranked (see [`EditionMeta::field`]).
    pub field: u32,
    pub decision: String,
    /// Who published this edition (the index's publisher unless the edition says otherwise).
    pub publisher: Text,
    pub publisher_url: Option<String>,
    pub sources: Vec<String>,
    pub average: Option<f64>,
    /// Digits after the decimal separator of the average as published.
    pub average_decimals: u8,
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

/// An edition's metadata as published, before its rows are placed.
#[derive(Debug, Clone, PartialEq)]
pub struct EditionMeta {
    pub key: String,
    pub year: i32,
    pub series: String,
    pub label: Text,
    pub file: String,
    pub published: NaiveDate,
    pub published_precision: DatePrecision,
    pub matches: Vec<UnitMatch>,
    /// How many units were ranked: no rank is larger, and ranks are compared only within the
    /// same field.
    pub field: u32,
    pub decision: String,
    /// Empty in a language when the edition names no publisher of its own: the index's is used.
    pub publisher: Text,
    pub publisher_url: Option<String>,
    pub sources: Vec<String>,
    pub average: Option<f64>,
    /// Digits after the decimal separator of the average as published.
    pub average_decimals: u8,
    pub note: Text,
    pub corrections: Vec<Correction>,
    pub indicators: Vec<usize>,
}

impl Edition {
    /// An edition with its rows in order (ranked first by rank, then by the unit's Vietnamese
    /// name; unranked rows last), ties marked and the lookups by unit and indicator medians
    /// made. `previous` and the rows' `delta` are set when [`Index::new`] places it in its series.
    pub fn new(meta: EditionMeta, mut rows: Vec<Row>, units: &[super::Unit]) -> Edition {
        rows.sort_by_cached_key(|r| (r.rank.is_none(), r.rank, crate::i18n::vi_sort_key(&units[r.unit].name.vi)));
        let mut counts: HashMap<u32, usize> = HashMap::new();
        for r in &rows {
            if let Some(k) = r.rank {
                *counts.entry(k).or_default() += 1;
            }
        }
        for r in &mut rows {
            r.tied = r.rank.is_some_and(|k| counts[&k] > 1);
            r.delta = None;
        }
        let EditionMeta {
            key,
            year,
            series,
            label,
            file,
            published,
            published_precision,
            matches,
            field,
            decision,
            publisher,
            publisher_url,
            sources,
            average,
            average_decimals,
            note,
            corrections,
            indicators,
        } = meta;
        let mut ed = Edition {
            key,
            year,
            series,
            label,
            file,
            published,
            published_precision,
            matches,
            field,
            decision,
            publisher,
            publisher_url,
            sources,
            average,
            average_decimals,
            note,
            corrections,
            indicators,
            rows,
            previous: None,
            by_unit: HashMap::new(),
            medians: Vec::new(),
        };
        ed.index_rows();
        ed
    }

    pub fn ranked(&self) -> usize {
        self.rows.iter().filter(|r| r.rank.is_some()).count()
    }

    pub fn row_of(&self, unit: UnitId) -> Option<&Row> {
        self.by_unit.get(&unit).map(|&i| &self.rows[i])
    }

    /// Builds the lookups that pages ask for per unit: rows by unit, indicator medians. Done by
    /// [`Edition::new`]; again only by a test that changes rows.
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
        self.medians.get(k).map_or(0, |m| m.1)
    }

    /// Any row whose rank no source states (computed from one that does).
    pub fn has_derived(&self) -> bool {
        self.rows.iter().any(|r| r.basis == RankBasis::Derived)
    }

    /// The edition this one's changes of rank are measured against: the previous one, when
    /// both ranked the same field.
    pub fn compared(&self, editions: &[Edition]) -> Option<usize> {
        self.previous.filter(|&p| editions[p].field == self.field)
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

/// Sets each edition's previous one and each row's change of rank against it, when both
/// ranked the same field.
fn link_editions(editions: &mut [Edition]) {
    for e in 0..editions.len() {
        let (year, series) = (editions[e].year, editions[e].series.clone());
        let same = (0..e).rev().find(|&f| editions[f].year < year && editions[f].series == series);
        let main = (0..e).rev().find(|&f| editions[f].year < year && editions[f].series.is_empty());
        editions[e].previous = same.or(main);
        // A rank among 34 says nothing against a rank among 63: no change across a change of
        // field (`Edition::compared`). A derived rank was computed from a change of places: a
        // change measured from or to it would only repeat that.
        if let Some(p) = editions[e].compared(editions) {
            let prev: HashMap<UnitId, u32> = editions[p]
                .rows
                .iter()
                .filter(|r| r.basis != RankBasis::Derived)
                .filter_map(|r| Some((r.unit, r.rank?)))
                .collect();
            for row in &mut editions[e].rows {
                row.delta = match (row.rank, prev.get(&row.unit)) {
                    (Some(now), Some(&before)) if row.basis != RankBasis::Derived => {
                        Some(i64::from(before) - i64::from(now))
                    }
                    _ => None,
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition(year: i32, field: u32, ranks: &[(UnitId, u32)]) -> Edition {
        let day = NaiveDate::from_ymd_opt(year + 1, 5, 1).unwrap();
        let meta = EditionMeta {
            key: year.to_string(),
            year,
            series: String::new(),
            label: Text::default(),
            file: format!("{year}.csv"),
            published: day,
            published_precision: DatePrecision::Day,
            matches: Vec::new(),
            field,
            decision: String::new(),
            publisher: Text::default(),
            publisher_url: None,
            sources: Vec::new(),
            average: None,
            average_decimals: 0,
            note: Text::default(),
            corrections: Vec::new(),
            indicators: Vec::new(),
        };
        let rows = ranks
            .iter()
            .map(|&(unit, rank)| Row {
                unit,
                rank: Some(rank),
                tied: false,
                score: None,
                score_decimals: 0,
                basis: RankBasis::Stated,
                note: String::new(),
                values: Vec::new(),
                value_decimals: Vec::new(),
                delta: None,
                line: 2,
            })
            .collect();
        let units: Vec<super::super::Unit> = (0..3)
            .map(|i| super::super::Unit {
                id: format!("u{i}"),
                kind: UnitKind::Province,
                code: String::new(),
                former_codes: Vec::new(),
                name: Text::new(format!("U{i}"), format!("U{i}")),
                parent: None,
                region: Text::default(),
                valid_from: None,
                valid_to: None,
                successor: None,
                predecessors: Vec::new(),
                slug: format!("u{i}"),
                aliases: Vec::new(),
                other_names: Vec::new(),
            })
            .collect();
        Edition::new(meta, rows, &units)
    }

    fn index(editions: Vec<Edition>) -> Index {
        let meta = IndexMeta {
            key: "x".into(),
            name: Text::default(),
            short: Text::default(),
            publisher: Text::new("P", "P"),
            unit_kind: UnitKind::Province,
            description: Text::default(),
            order: 0,
            scale: Scale { max: 1.0, higher_is_better: true },
            decimals: 4,
            indicators: Vec::new(),
            license: None,
        };
        Index::new(meta, editions)
    }

    #[test]
    fn ranks_change_within_a_field_and_ties_are_marked() {
        let idx = index(vec![edition(2024, 3, &[(0, 1), (1, 1), (2, 3)]), edition(2023, 3, &[(0, 3), (1, 1), (2, 2)])]);
        let (old, new) = (&idx.editions[0], &idx.editions[1]);
        assert_eq!((old.year, new.year), (2023, 2024), "oldest first");
        assert_eq!(new.previous, Some(0));
        assert_eq!(new.row_of(0).unwrap().delta, Some(2), "3rd → 1st");
        assert_eq!(new.row_of(2).unwrap().delta, Some(-1));
        assert!(new.row_of(0).unwrap().tied && new.row_of(1).unwrap().tied && !new.row_of(2).unwrap().tied);
        assert_eq!(new.publisher.vi, "P", "the index's publisher when the edition names none");
    }

    #[test]
    fn no_change_is_measured_from_or_to_a_derived_rank() {
        let mut old = edition(2020, 3, &[(0, 3), (1, 2)]);
        old.rows.iter_mut().find(|r| r.unit == 0).unwrap().basis = RankBasis::Derived;
        let mut new = edition(2021, 3, &[(0, 1), (1, 3)]);
        new.rows.iter_mut().find(|r| r.unit == 1).unwrap().basis = RankBasis::Derived;
        let idx = index(vec![old, new]);
        assert_eq!(idx.editions[1].row_of(0).unwrap().delta, None, "from a derived rank");
        assert_eq!(idx.editions[1].row_of(1).unwrap().delta, None, "to a derived rank");
    }

    #[test]
    fn no_change_is_computed_across_a_change_of_field() {
        let idx = index(vec![edition(2023, 63, &[(0, 1)]), edition(2024, 34, &[(0, 17)])]);
        assert_eq!(idx.editions[1].previous, Some(0), "still the edition before it");
        assert_eq!(idx.editions[1].row_of(0).unwrap().delta, None);
    }
}
