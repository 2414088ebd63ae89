//! Checking: turns what `load` read into the checked [`Site`], every problem at once as
//! `file:line: message` with a hint, cause first. One file a kind of input: [`units`]
//! (`units.csv` and the lineage), [`rankings`] (`index.toml` and its editions), [`headers`] (an
//! edition's header row and column names as published), [`names`] (units by name or code on the
//! edition's days), [`rows`] (an edition's rows), [`content`] (the Markdown documents), [`home`]
//! (the home page text) and [`targets`] (the movement's targets and the values reported for them).
//! Nothing here reads files, renders a page or panics on any input.

pub(crate) mod content;
mod front_date;
mod headers;
mod home;
mod menu;
mod names;
pub(crate) mod pictures;
mod rankings;
mod rows;
mod targets;
mod units;

use crate::timings::{time, Stage};
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::config::{Config, RawConfig};
use crate::diag::Diagnostics;
use crate::load::{RawIndex, RawSite};
use crate::model::{Index, Site};

/// Checks everything; returns the site only when there is no error.
pub(crate) fn check(
    raw: RawSite,
    base_url: Option<&crate::base_url::BaseUrl>,
    diags: &mut Diagnostics,
) -> Option<Site> {
    let fallback = RawConfig {
        title_vi: String::new(),
        title_en: String::new(),
        description_vi: String::new(),
        description_en: String::new(),
        base_url: "http://localhost/".into(),
        theme: None,
        allow_html: false,
        languages: None,
        max_file_mb: None,
        license: None,
        publisher: None,
        logo: None,
        extra: Default::default(),
        menu: Vec::new(),
        stylesheets: Vec::new(),
        share_cards: None,
        minify_html: false,
    };
    let mut config = Config::check(raw.config.as_ref().unwrap_or(&fallback), base_url, diags);
    config.publish = raw.publish;
    let Data { units, by_id, indices } = check_data(&raw, None, diags)?;

    let home = home::check_home(&raw.home, &config, diags);
    let sections = home::check_sections(&raw.section_index, &config, diags);
    let statics: std::collections::BTreeSet<String> = raw.site_statics.keys().cloned().collect();
    if let Some(logo) = config.logo.as_ref().filter(|l| !statics.contains(*l)) {
        diags.push(
            crate::diag::Diagnostic::error(
                "site.toml",
                None,
                crate::tr!("logo `{logo}` is not a file of static/", logo),
            )
            .hint(crate::tr!("put the logo at static/{logo} and write logo = \"/{logo}\", or remove the line", logo)),
        );
    }
    let probes = time(Stage::CheckPictures, || pictures::probes(&raw.site_statics));
    let inputs = content::Inputs {
        config: &config,
        units: &units,
        by_id: &by_id,
        indices: &indices,
        statics: &statics,
        build_date: raw.build_date,
        probes: &probes,
    };
    let content = time(Stage::CheckContent, || content::check(&raw.docs, &inputs, diags));
    let pictures = time(Stage::CheckPictures, || pictures::make(&content, &raw.site_statics, diags));
    let (programmes, targets) = check_targets(&raw, &by_id, diags);

    let menu = menu::check_menu(&config.menu, &content.documents, diags);
    if diags.has_errors() || raw.config.is_none() {
        return None;
    }
    let name_order = name_order(&units);
    Some(Site {
        config,
        units,
        indices,
        home,
        sections,
        site_statics: raw.site_statics.into_iter().collect(),
        pictures,
        build_date: raw.build_date,
        name_order,
        by_id,
        news: content.news,
        honours: content.honours,
        pages: content.pages,
        movement: content.movement,
        documents: content.documents,
        programmes,
        targets,
        menu,
    })
}

/// The checked data files: the units (with their other names) and the rankings.
pub(crate) struct Data {
    pub units: Vec<crate::model::Unit>,
    pub by_id: HashMap<String, usize>,
    pub indices: Vec<Index>,
}

/// Checks `units.csv`, `unit-names.csv` and the rankings of `raw`; `None` without the units'
/// `id` column (every ranking row and article would fail to name a unit: the cause alone is
/// reported). `check` runs it first; `serve` alone after an edit of a data file.
pub(crate) fn check_data(raw: &RawSite, last: Option<(&RawSite, &[Index])>, diags: &mut Diagnostics) -> Option<Data> {
    let (units, by_id) = match &raw.units {
        Some(t) => time(Stage::CheckUnits, || units::check_units(t, diags)),
        None => (Vec::new(), HashMap::new()),
    };
    if raw.units.as_ref().is_none_or(|t| t.column("id").is_none()) {
        return None;
    }
    let register = names::Register::new(&units, &by_id, raw.unit_names.as_ref(), diags);
    let mut units = units;
    let other_names = register.other_names(units.len());
    for (u, names) in units.iter_mut().zip(other_names) {
        u.other_names = names;
    }
    // The last edit's indices count only if they were checked against the same units.
    let last = last.filter(|(old, _)| (&raw.units, &raw.unit_names) == (&old.units, &old.unit_names));
    // The indices side by side, their problems in their order.
    let checked: Vec<(Option<Index>, Diagnostics)> = time(Stage::CheckRankings, || {
        use rayon::prelude::*;
        raw.indices
            .par_iter()
            .map(|ri| {
                if let Some(index) = same_index(ri, last) {
                    return (Some(index.clone()), Diagnostics::default());
                }
                let mut mine = Diagnostics::default();
                (rankings::check_index(ri, &units, &by_id, &register, &mut mine), mine)
            })
            .collect()
    });
    let mut indices: Vec<Index> = Vec::new();
    for (index, mine) in checked {
        diags.extend(mine);
        indices.extend(index);
    }
    indices.sort_by(|a, b| (a.order, &a.key).cmp(&(b.order, &b.key)));
    Some(Data { units, by_id, indices })
}

/// The index `last` (checked against the same units) checked from the same input as `ri`:
/// what checking `ri` gives, its warnings aside.
fn same_index<'a>(ri: &RawIndex, last: Option<(&RawSite, &'a [Index])>) -> Option<&'a Index> {
    let (old, indices) = last?;
    old.indices.iter().find(|o| o.same_input(ri))?;
    indices.iter().find(|i| i.key == ri.key)
}

/// Checks the targets of `data/targets/` against the units.
pub(crate) fn check_targets(
    raw: &RawSite,
    by_id: &HashMap<String, usize>,
    diags: &mut Diagnostics,
) -> (Vec<crate::model::Programme>, Vec<crate::model::Target>) {
    targets::check_targets(&raw.targets, by_id, diags)
}

/// A date written `YYYY-MM-DD`.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// The rows of a table as `T`, each beside its raw row (line, cells): cells trimmed, columns found by their header.
/// A row that does not fit `T` comes back as its error.
pub(crate) fn typed_rows<T: serde::de::DeserializeOwned>(
    t: &crate::load::RawTable,
) -> impl Iterator<Item = (&crate::load::RawRow, Result<T, String>)> + '_ {
    let headers = csv::StringRecord::from(t.headers.iter().map(|h| h.trim()).collect::<Vec<_>>());
    t.rows.iter().map(move |row| {
        let record = csv::StringRecord::from(row.fields.iter().map(|f| f.trim()).collect::<Vec<_>>());
        (row, record.deserialize(Some(&headers)).map_err(|e| e.to_string()))
    })
}

/// Each unit's place in the Vietnamese order of names.
pub(crate) fn name_order(units: &[crate::model::Unit]) -> Vec<u32> {
    let mut by_name: Vec<usize> = (0..units.len()).collect();
    by_name.sort_by_cached_key(|&u| crate::i18n::vi_sort_key(&units[u].name.vi));
    let mut order = vec![0u32; units.len()];
    for (place, &u) in by_name.iter().enumerate() {
        order[u] = place as u32;
    }
    order
}

/// Front matter is a few short fields: more than 64 KB of it, or brackets nested more than 32
/// deep, is refused before a parser spends minutes on it.
pub(crate) fn front_matter_bounds(doc: &crate::load::RawDoc) -> Result<(), crate::diag::Diagnostic> {
    use crate::load::FrontMatter;
    const MAX_BYTES: usize = 64 * 1024;
    const MAX_DEPTH: usize = 32;
    let text = match &doc.front {
        FrontMatter::Toml(t) | FrontMatter::Yaml(t) => t,
        FrontMatter::None => return Ok(()),
    };
    let hint = crate::tr!("front matter holds a title, a date and a few short lists: move the rest into the text");
    if text.len() > MAX_BYTES {
        return Err(crate::diag::Diagnostic::error(
            &doc.file,
            Some(1),
            crate::tr!(
                "the front matter is {size} KB; it has at most {max} KB",
                size = text.len() / 1024,
                max = MAX_BYTES / 1024
            ),
        )
        .hint(hint));
    }
    let (mut depth, mut deepest) = (0usize, 0usize);
    for b in text.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if deepest > MAX_DEPTH {
        return Err(crate::diag::Diagnostic::error(
            &doc.file,
            Some(1),
            crate::tr!("the front matter nests lists more than {max} deep", max = MAX_DEPTH),
        )
        .hint(hint));
    }
    Ok(())
}
