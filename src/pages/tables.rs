//! The tables people ask for beyond one edition: per index, one long CSV of every edition and a
//! wide one (units × editions); per unit, its whole history across indices and the units that
//! merged into it (CSV and JSON). Numbers are written as the edition files write them.

use serde::Serialize;

use super::data::{num, published, Published};
use crate::model::{Index, Site, UnitId};

fn csv_bytes(rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        // Writing to a Vec cannot fail.
        let _ = w.write_record(&r);
    }
    w.into_inner().unwrap_or_default()
}

fn rank(r: Option<u32>) -> String {
    r.map(|r| r.to_string()).unwrap_or_default()
}

/// Every row of every edition of `index`, oldest edition first, with one column per indicator
/// of the index (empty where the edition does not carry it).
pub(super) fn long(site: &Site, index: &Index) -> Vec<u8> {
    let mut head: Vec<String> =
        ["edition", "year", "published", "unit", "unit_name", "rank", "rank_basis", "score"].map(String::from).into();
    head.extend(index.indicators.iter().map(|i| i.key.clone()));
    head.push("note".into());
    let mut rows = vec![head];
    for ed in &index.editions {
        for row in &ed.rows {
            let u = &site.units[row.unit];
            let mut rec = vec![
                ed.key.clone(),
                ed.year.to_string(),
                ed.published.to_string(),
                u.id.clone(),
                u.name.vi.clone(),
                rank(row.rank),
                row.basis.key().into(),
                num(row.score, row.score_decimals),
            ];
            rec.extend((0..index.indicators.len()).map(|k| match ed.indicators.iter().position(|&x| x == k) {
                Some(p) => num(row.values.get(p).copied().flatten(), row.value_decimals.get(p).copied().unwrap_or(0)),
                None => String::new(),
            }));
            rec.push(row.note.clone());
            rows.push(rec);
        }
    }
    csv_bytes(rows)
}

/// The units ranked in any edition of `index`, in Vietnamese order.
fn units_of(site: &Site, index: &Index) -> Vec<UnitId> {
    let mut units: Vec<UnitId> = index.editions.iter().flat_map(|e| e.rows.iter().map(|r| r.unit)).collect();
    units.sort_by_key(|&u| (site.name_order.get(u).copied().unwrap_or(u32::MAX), u));
    units.dedup();
    units
}

/// One row a unit, and for each edition its rank, rank basis and score.
pub(super) fn wide(site: &Site, index: &Index) -> Vec<u8> {
    let mut head: Vec<String> = vec!["unit".into(), "unit_name".into()];
    for ed in &index.editions {
        let k = &ed.key;
        head.extend([format!("rank_{k}"), format!("rank_basis_{k}"), format!("score_{k}")]);
    }
    let mut rows = vec![head];
    for u in units_of(site, index) {
        let unit = &site.units[u];
        let mut rec = vec![unit.id.clone(), unit.name.vi.clone()];
        for ed in &index.editions {
            match ed.row_of(u) {
                Some(row) => rec.extend([rank(row.rank), row.basis.key().into(), num(row.score, row.score_decimals)]),
                None => rec.extend([String::new(), String::new(), String::new()]),
            }
        }
        rows.push(rec);
    }
    csv_bytes(rows)
}

/// A unit's history as CSV: see [`super::schema::history`].
pub(super) fn history_csv(site: &Site, unit: UnitId) -> Vec<u8> {
    let head = [
        "index",
        "index_name",
        "edition",
        "year",
        "published",
        "field",
        "unit",
        "unit_name",
        "rank",
        "rank_basis",
        "score",
        "note",
    ];
    let mut rows = vec![head.map(String::from).into()];
    for h in site.history(unit) {
        let index = &site.indices[h.index];
        let ed = &index.editions[h.edition];
        let u = &site.units[h.via];
        rows.push(vec![
            index.key.clone(),
            index.name.vi.clone(),
            ed.key.clone(),
            ed.year.to_string(),
            ed.published.to_string(),
            ed.field.to_string(),
            u.id.clone(),
            u.name.vi.clone(),
            rank(h.row.rank),
            h.row.basis.key().into(),
            num(h.row.score, h.row.score_decimals),
            h.row.note.clone(),
        ]);
    }
    csv_bytes(rows)
}

#[derive(Serialize)]
struct HistoryJson<'a> {
    unit: &'a str,
    name_vi: &'a str,
    name_en: &'a str,
    /// The unit and the units that merged into it.
    lineage: Vec<&'a str>,
    /// The licence of the site's compilation (each row's figures are its publisher's).
    license: Option<&'a crate::config::License>,
    rows: Vec<HistoryRow<'a>>,
}

#[derive(Serialize)]
struct HistoryRow<'a> {
    index: &'a str,
    index_name_vi: &'a str,
    index_name_en: &'a str,
    edition: &'a str,
    year: i32,
    published: String,
    field: u32,
    publisher_vi: &'a str,
    publisher_en: &'a str,
    unit: &'a str,
    name_vi: &'a str,
    name_en: &'a str,
    rank: Option<u32>,
    tied: bool,
    rank_basis: &'static str,
    score: Option<Published>,
    note: &'a str,
    sources: &'a [String],
}

/// A unit's history as JSON, with the publisher and sources of every row's edition.
pub(super) fn history_json(site: &Site, unit: UnitId) -> Vec<u8> {
    let me = &site.units[unit];
    let rows = site
        .history(unit)
        .into_iter()
        .map(|h| {
            let index = &site.indices[h.index];
            let ed = &index.editions[h.edition];
            let u = &site.units[h.via];
            HistoryRow {
                index: &index.key,
                index_name_vi: &index.name.vi,
                index_name_en: &index.name.en,
                edition: &ed.key,
                year: ed.year,
                published: ed.published.to_string(),
                field: ed.field,
                publisher_vi: &ed.publisher.vi,
                publisher_en: &ed.publisher.en,
                unit: &u.id,
                name_vi: &u.name.vi,
                name_en: &u.name.en,
                rank: h.row.rank,
                tied: h.row.tied,
                rank_basis: h.row.basis.key(),
                score: published(h.row.score, h.row.score_decimals),
                note: &h.row.note,
                sources: &ed.sources,
            }
        })
        .collect();
    let json = HistoryJson {
        unit: &me.id,
        name_vi: &me.name.vi,
        name_en: &me.name.en,
        lineage: site.lineage(unit).into_iter().map(|u| site.units[u].id.as_str()).collect(),
        license: site.config.license.as_ref(),
        rows,
    };
    let mut b = serde_json::to_vec_pretty(&json).unwrap_or_default();
    b.push(b'\n');
    b
}
