//! An index (`index.toml`: names, publisher, scale, indicator tree, editions and their
//! metadata) and the links between its editions (each edition's previous one and rank changes).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use toml::Spanned;

use super::headers::ColumnNames;
use super::names::Register;
use super::parse_date;
use super::rows::{check_rows, existed, Frame, RESERVED};
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::Text;
use crate::load::{EditionToml, RawIndex, RawTable};
use crate::model::{
    is_slug, Correction, DatePrecision, Edition, EditionMeta, Index, IndexMeta, Indicator, Scale, Unit, UnitKind,
};

struct IndexCtx<'a> {
    raw: &'a RawIndex,
    /// The lines of `index.toml`, to place thousands of values without rescanning it.
    lines: crate::diag::Lines,
}

impl IndexCtx<'_> {
    fn at<T>(&self, s: &Spanned<T>) -> Option<usize> {
        Some(self.lines.line(s.span().start))
    }

    fn err<T>(&self, s: &Spanned<T>, msg: impl Into<crate::diag::Text>) -> Diagnostic {
        Diagnostic::error(&self.raw.file, self.at(s), msg)
    }
}

pub(super) fn check_index(
    raw: &RawIndex,
    units: &[Unit],
    by_id: &HashMap<String, usize>,
    register: &Register,
    diags: &mut Diagnostics,
) -> Option<Index> {
    if !is_slug(&raw.key) {
        diags.push(
            Diagnostic::error(
                &raw.dir,
                None,
                crate::tr!("index folder name `{key}` is not made of a-z, 0-9 and -", key = raw.key),
            )
            .hint(crate::tr!("the folder name is the index's URL key: rename it, e.g. `dti-tinh`")),
        );
    }
    let toml = raw.toml.as_ref()?;
    let cx = IndexCtx { raw, lines: crate::diag::Lines::new(&raw.text) };
    let unit_kind = UnitKind::parse(toml.unit_kind.get_ref()).unwrap_or_else(|| {
        diags.push(
            cx.err(
                &toml.unit_kind,
                crate::tr!("unit_kind `{kind}` is not province, ministry or commune", kind = toml.unit_kind.get_ref()),
            )
            .hint(crate::tr!("write one of: province, ministry, commune")),
        );
        UnitKind::Province
    });
    if !(toml.scale.max.is_finite() && toml.scale.max > 0.0) {
        diags.push(
            Diagnostic::error(&raw.file, None, crate::tr!("scale.max must be a number above 0"))
                .hint(crate::tr!("write e.g. max = 1.0 under [scale]")),
        );
    }
    let mut indicators: Vec<Indicator> = Vec::new();
    for ind in &toml.indicators {
        let key = ind.key.get_ref();
        if !is_slug(key) {
            diags.push(
                cx.err(&ind.key, crate::tr!("indicator key `{key}` is not made of a-z, 0-9 and -", key))
                    .hint(crate::tr!("an indicator key is its CSV column name and URL: e.g. `ha-tang-so`")),
            );
        } else if RESERVED.contains(&key.as_str()) {
            diags.push(
                cx.err(&ind.key, crate::tr!("indicator key `{key}` is reserved", key)).hint(crate::tr!(
                    "choose another key; {list} are columns of their own",
                    list = RESERVED.join(", ")
                )),
            );
        } else if indicators.iter().any(|i| &i.key == key) {
            diags.push(
                cx.err(&ind.key, crate::tr!("indicator key `{key}` is declared twice", key))
                    .hint(crate::tr!("remove or rename one of them")),
            );
        }
        let max = ind.max.unwrap_or(toml.scale.max);
        if !(max.is_finite() && max > 0.0) {
            diags.push(
                cx.err(&ind.key, crate::tr!("indicator max must be a number above 0"))
                    .hint(crate::tr!("write e.g. max = 1.0")),
            );
        }
        indicators.push(Indicator { key: key.clone(), name: Text::new(&ind.name_vi, &ind.name_en), parent: None, max });
    }
    for (i, ind) in toml.indicators.iter().enumerate() {
        if let Some(p) = ind.parent.as_ref().filter(|p| !p.get_ref().is_empty()) {
            match indicators.iter().position(|x| &x.key == p.get_ref()) {
                Some(j) if j != i => indicators[i].parent = Some(j),
                _ => diags.push(
                    cx.err(p, crate::tr!("parent indicator `{parent}` is not declared", parent = p.get_ref()))
                        .hint(crate::tr!("the parent is the key of another [[indicators]] entry of this index")),
                ),
            }
        }
    }
    let scale = Scale { max: toml.scale.max, higher_is_better: toml.scale.higher_is_better };
    let targets = super::headers::targets(&indicators);
    let mut extra = Vec::new();
    for (header, target) in &toml.columns {
        if targets.iter().any(|t| t == target.get_ref()) {
            extra.push((header.clone(), target.get_ref().clone()));
        } else {
            diags.push(
                cx.err(
                    target,
                    crate::tr!(
                        "column `{column}` (for the header `{header}`) is not a column of an edition file",
                        header,
                        column = target.get_ref()
                    ),
                )
                .hint(crate::tr!("write one of: {join}", join = targets.join(", "))),
            );
        }
    }
    let names = ColumnNames::new(&indicators, &extra);
    let cols = Cols { names: &names, register };
    let mut normalized = Vec::new();

    // Which editions repeat an earlier one's key or file (the line of the last such); then the
    // editions are checked side by side, their problems in their order.
    let mut used_files: BTreeMap<String, usize> = BTreeMap::new();
    let mut keys: BTreeMap<String, usize> = BTreeMap::new();
    let priors: Vec<Prior> = toml
        .editions
        .iter()
        .map(|e| {
            let line = cx.at(&e.year).unwrap_or(0);
            let key = keys.insert(edition_key(e).1, line);
            let file = used_files.get(e.file.get_ref()).copied();
            if file.is_none() {
                used_files.insert(e.file.get_ref().clone(), line);
            }
            Prior { key, file }
        })
        .collect();
    let checked: Vec<(Option<Edition>, Vec<RawTable>, Diagnostics)> = {
        use rayon::prelude::*;
        toml.editions
            .par_iter()
            .zip(priors.par_iter())
            .map(|(e, prior)| {
                let (mut mine, mut tables) = (Diagnostics::default(), Vec::new());
                let ed = check_edition(
                    &cx,
                    e,
                    unit_kind,
                    scale,
                    &indicators,
                    units,
                    by_id,
                    &cols,
                    (*prior, &mut tables),
                    &mut mine,
                );
                (ed, tables, mine)
            })
            .collect()
    };
    let mut editions = Vec::new();
    for (ed, tables, mine) in checked {
        diags.extend(mine);
        editions.extend(ed);
        normalized.extend(tables);
    }
    for (name, _) in raw.tables.iter().filter(|(n, _)| !used_files.contains_key(*n)) {
        diags.push(
            Diagnostic::error(format!("{}/{name}", raw.dir), None, crate::tr!("this file is not listed in index.toml"))
                .hint(crate::tr!(
                    "add an [[editions]] entry with file = \"{name}\" to {file}, or move the file out of the folder",
                    name,
                    file = raw.file
                )),
        );
    }
    // Scores are shown with as many decimals as the source's files print.
    let mut decimals = 0;
    for t in &normalized {
        for (c, h) in t.headers.iter().enumerate() {
            if ["unit", "rank", "note", "rank_basis"].contains(&h.as_str()) {
                continue;
            }
            for r in &t.rows {
                if let Some((_, frac)) = r.get(Some(c)).rsplit_once(['.', ',']) {
                    decimals = decimals.max(frac.len().min(6));
                }
            }
        }
    }
    let meta = IndexMeta {
        key: raw.key.clone(),
        name: Text::new(&toml.name_vi, &toml.name_en),
        short: Text::new(
            toml.short_vi.clone().unwrap_or_else(|| toml.name_vi.clone()),
            toml.short_en.clone().unwrap_or_else(|| toml.name_en.clone()),
        ),
        publisher: Text::new(&toml.publisher_vi, &toml.publisher_en),
        decimals,
        unit_kind,
        description: Text::new(
            toml.description_vi.clone().unwrap_or_default(),
            toml.description_en.clone().unwrap_or_default(),
        ),
        order: toml.order.unwrap_or(100),
        scale,
        indicators,
        license: toml.license.clone().filter(|l| crate::config::check_license(&raw.file, l, diags)),
    };
    Some(Index::new(meta, editions))
}

fn url_ok(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(char::is_whitespace)
        && !url.contains(['<', '>', '"'])
}

/// A publication date as published: a year (`2024`), a month (`"2018-03"`) or a day
/// (`"2024-03-12"`), as the first day of that period and how much of it was given.
fn published_date(v: &toml::Value) -> Option<(NaiveDate, DatePrecision)> {
    let year = |y: i64| if (1900..=2200).contains(&y) { NaiveDate::from_ymd_opt(y as i32, 1, 1) } else { None };
    match v {
        toml::Value::Integer(y) => year(*y).map(|d| (d, DatePrecision::Year)),
        toml::Value::String(s) => {
            let s = s.trim();
            if s.len() == 4 {
                return year(s.parse().ok()?).map(|d| (d, DatePrecision::Year));
            }
            if s.len() == 7 {
                let (y, m) = s.split_once('-')?;
                let d =
                    NaiveDate::from_ymd_opt(y.parse().ok().filter(|y| (1900..=2200).contains(y))?, m.parse().ok()?, 1)?;
                return Some((d, DatePrecision::Month));
            }
            value_date(v).map(|d| (d, DatePrecision::Day))
        }
        _ => value_date(v).map(|d| (d, DatePrecision::Day)),
    }
}

fn value_date(v: &toml::Value) -> Option<NaiveDate> {
    match v {
        toml::Value::String(s) => parse_date(s),
        toml::Value::Datetime(d) => {
            let date = d.date?;
            if d.time.is_some() {
                return None;
            }
            NaiveDate::from_ymd_opt(i32::from(date.year), u32::from(date.month), u32::from(date.day))
        }
        _ => None,
    }
}

/// How an index's edition files name their columns and units.
struct Cols<'a> {
    names: &'a ColumnNames,
    register: &'a Register,
}

/// The line of the last edition before this one with its key, and of the first with its file.
#[derive(Clone, Copy)]
struct Prior {
    key: Option<usize>,
    file: Option<usize>,
}

/// An edition's year (as checked, within 1900 to 2200) and key (its year unless given).
fn edition_key(e: &EditionToml) -> (i32, String) {
    let year = (*e.year.get_ref()).clamp(1900, 2200) as i32;
    (year, e.key.as_ref().map_or_else(|| year.to_string(), |k| k.get_ref().clone()))
}

#[allow(clippy::too_many_arguments)]
fn check_edition(
    cx: &IndexCtx,
    e: &EditionToml,
    unit_kind: UnitKind,
    scale: Scale,
    indicators: &[Indicator],
    units: &[Unit],
    by_id: &HashMap<String, usize>,
    cols: &Cols,
    (prior, normalized): (Prior, &mut Vec<RawTable>),
    diags: &mut Diagnostics,
) -> Option<Edition> {
    let year_v = *e.year.get_ref();
    let line = cx.at(&e.year);
    if !(1900..=2200).contains(&year_v) {
        diags.push(
            cx.err(&e.year, crate::tr!("year {year} is not a plausible year", year = year_v))
                .hint(crate::tr!("write the year the edition measures, e.g. 2022")),
        );
    }
    let (year, key) = edition_key(e);
    if !is_slug(&key) {
        diags.push(
            Diagnostic::error(
                &cx.raw.file,
                e.key.as_ref().and_then(|k| cx.at(k)).or(line),
                crate::tr!("edition key `{key}` is not made of a-z, 0-9 and -", key),
            )
            .hint(crate::tr!("the key is the edition's URL name, e.g. \"2024-63\"")),
        );
    }
    if let Some(l) = prior.key {
        diags.push(
            Diagnostic::error(
                &cx.raw.file,
                line,
                crate::tr!("two editions have the key `{key}` (the other on line {l})", key, l),
            )
            .hint(crate::tr!("a second edition of the same year needs a key of its own, e.g. key = \"2024-63\"")),
        );
    }
    let series =
        key.strip_prefix(&year.to_string()).map_or_else(|| key.clone(), |s| s.trim_start_matches('-').to_string());

    if let Some(s) = &e.average {
        let a = *s.get_ref();
        if !(a.is_finite() && (0.0..=scale.max).contains(&a)) {
            diags.push(
                cx.err(s, crate::tr!("average {a} of the edition is outside the scale 0 to {max}", a, max = scale.max))
                    .hint(crate::tr!("write the average as published, on the scale of index.toml")),
            );
        }
    }
    let published = published_date(e.published.get_ref());
    if published.is_none() {
        diags.push(cx.err(&e.published, crate::tr!("`published` is not a date")).hint(crate::tr!(
            "write the publication date as published: a day \"YYYY-MM-DD\", a month \"YYYY-MM\" or a year YYYY"
        )));
    }
    let precision = published.map_or(DatePrecision::Day, |p| p.1);
    let published = published.map(|p| p.0);
    let mut sources = Vec::new();
    for s in e.sources.iter().chain(e.publisher_url.iter()) {
        if !url_ok(s.get_ref()) {
            diags.push(
                cx.err(s, crate::tr!("`{url}` is not an http(s) address", url = s.get_ref()))
                    .hint(crate::tr!("write the full address of the source, starting with https://")),
            );
        }
    }
    for s in &e.sources {
        if !sources.contains(s.get_ref()) {
            sources.push(s.get_ref().clone());
        }
    }
    let mut corrections = Vec::new();
    for c in &e.corrections {
        match value_date(c.date.get_ref()) {
            Some(date) => corrections
                .push(Correction { date, what: Text::new(&c.what_vi, c.what_en.clone().unwrap_or_default()) }),
            None => diags.push(
                cx.err(&c.date, crate::tr!("correction `date` is not a date"))
                    .hint(crate::tr!("write it as \"YYYY-MM-DD\"")),
            ),
        }
    }

    let file = e.file.get_ref();
    if let Some(l) = prior.file {
        diags.push(
            cx.err(&e.file, crate::tr!("file `{file}` is already the file of the edition on line {l}", file, l))
                .hint(crate::tr!("each edition has its own CSV file")),
        );
        // Its rows were checked with the other edition: checked again they would only repeat
        // every problem, once per edition naming the file.
        return None;
    }
    let table = match cx.raw.tables.get(file) {
        Some(Some(t)) => t,
        Some(None) => return None, // unreadable: already reported
        None => {
            diags.push(
                cx.err(&e.file, crate::tr!("edition file `{file}` not found in {dir}/", file, dir = cx.raw.dir)).hint(
                    crate::tr!(
                    "put the file (CSV, .xlsx, .ods or .xls) in the index's folder, or fix the file name in index.toml"
                ),
                ),
            );
            return None;
        }
    };
    // Without a publication date (already an error) the rows are still checked, against the year.
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let published = published.unwrap_or(start);
    let from = start.min(published);
    let (field, field_why) = match &e.field {
        Some(f) => match u32::try_from(*f.get_ref()) {
            Ok(n) if n > 0 => (n, crate::tr!("`field` of index.toml")),
            _ => {
                diags.push(
                    cx.err(f, crate::tr!("field {field} is not a positive whole number", field = f.get_ref()))
                        .hint(crate::tr!("`field` is how many units the edition ranked, e.g. field = 63")),
                );
                return None;
            }
        },
        None => {
            let n = units.iter().filter(|u| u.kind == unit_kind && existed(u, published, published)).count() as u32;
            (n, crate::tr!("the units of kind {kind} on {published}", kind = unit_kind.key(), published))
        }
    };
    let frame = Frame { unit_kind, scale, indicators, from, to: published, field, field_why };
    let header_row = e.header_row.as_ref().map(|h| {
        let n = usize::try_from(*h.get_ref()).unwrap_or(0);
        let d = cx
            .err(
                h,
                crate::tr!("header_row {row} is not a row of `{file}` that holds anything", row = h.get_ref(), file),
            )
            .hint(crate::tr!(
                "write the number of the row (as the spreadsheet numbers it) that holds the column headers"
            ));
        (n, d)
    });
    let table = super::headers::normalize(table, cols.names, header_row, diags);
    let (columns, rows, matches) = check_rows(&table, &frame, units, by_id, cols.register, diags);
    normalized.push(table);
    let meta = EditionMeta {
        key,
        year,
        series,
        label: Text::new(e.label_vi.clone().unwrap_or_default(), e.label_en.clone().unwrap_or_default()),
        file: file.clone(),
        published,
        published_precision: precision,
        matches,
        field,
        decision: e.decision.clone(),
        publisher: Text::new(e.publisher_vi.clone().unwrap_or_default(), e.publisher_en.clone().unwrap_or_default()),
        publisher_url: e.publisher_url.as_ref().map(|u| u.get_ref().clone()),
        sources,
        average: e.average.as_ref().map(|a| *a.get_ref()),
        average_decimals: e
            .average
            .as_ref()
            .map_or(0, |a| super::rows::decimals_of(cx.raw.text.get(a.span()).unwrap_or_default())),
        note: Text::new(e.note_vi.clone().unwrap_or_default(), e.note_en.clone().unwrap_or_default()),
        corrections,
        indicators: columns.iter().map(|c| c.1).collect(),
    };
    Some(Edition::new(meta, rows, units))
}
