//! Turns the raw input into the checked [`Site`], reporting every problem at once as
//! `file:line: message` with a hint. Nothing here reads files or panics on any input.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use toml::Spanned;

use crate::config::{Config, RawConfig};
use crate::diag::{line_of, Diagnostic, Diagnostics};
use crate::i18n::{vi_cmp, Strings, Text};
use crate::load::{EditionToml, FrontMatter, RawDoc, RawIndex, RawSite, RawTable};
use crate::model::{Correction, Edition, HomeText, Index, Indicator, RankBasis, Row, Scale, Site, Unit, UnitKind};

/// Columns of an edition file that are not indicators.
const RESERVED: [&str; 5] = ["unit", "rank", "score", "rank_basis", "note"];
/// The columns of `data/units.csv`, in order.
pub const UNIT_COLUMNS: [&str; 14] = [
    "id",
    "kind",
    "code",
    "former_codes",
    "name_vi",
    "name_en",
    "parent",
    "region_vi",
    "region_en",
    "valid_from",
    "valid_to",
    "successor",
    "slug",
    "aliases",
];

/// Checks everything; returns the site only when there is no error.
pub fn validate(raw: RawSite, base_url: Option<&str>, diags: &mut Diagnostics) -> Option<Site> {
    let fallback = RawConfig {
        title_vi: String::new(),
        title_en: String::new(),
        description_vi: String::new(),
        description_en: String::new(),
        base_url: "http://localhost/".into(),
        theme: None,
        allow_html: false,
        languages: None,
    };
    let config = Config::check(raw.config.as_ref().unwrap_or(&fallback), base_url, diags);
    let (units, by_id) = match &raw.units {
        Some(t) => check_units(t, diags),
        None => (Vec::new(), HashMap::new()),
    };
    let mut indices: Vec<Index> = raw.indices.iter().filter_map(|ri| check_index(ri, &units, &by_id, diags)).collect();
    indices.sort_by(|a, b| (a.order, &a.key).cmp(&(b.order, &b.key)));

    let used = used_string_keys(&raw.templates);
    let (vi, en) = raw.strings;
    let strings = Strings::complete(vi, en, (&raw.strings_files.0, &raw.strings_files.1), &used, diags);
    for name in ["base.html"] {
        if !raw.templates.contains_key(name) {
            diags.push(
                Diagnostic::error(format!("themes/default/templates/{name}"), None, "template missing")
                    .hint("restore the default theme from a fresh copy of minhbach"),
            );
        }
    }
    let home = check_home(&raw.home, &config, diags);
    let mut tile_layouts = Vec::new();
    for (file, text) in &raw.tiles {
        match crate::charts::parse_tile_layout(text, |id| by_id.get(id).copied()) {
            Ok(l) => tile_layouts.push(l),
            Err(errs) => {
                for (line, msg) in errs {
                    diags.push(
                        Diagnostic::error(file, Some(line), msg)
                            .hint("each line is unit,col,row with a unit id of data/units.csv and two whole numbers"),
                    );
                }
            }
        }
    }
    let chart_font = match raw.font {
        Some((file, bytes)) => match crate::charts::Font::new(bytes) {
            Ok(font) => Some(font),
            Err(e) => {
                diags.push(
                    Diagnostic::error(file, None, format!("the chart font cannot be read: {e}"))
                        .hint("use a TrueType (.ttf) font with Vietnamese letters"),
                );
                None
            }
        },
        None => {
            diags.push(
                Diagnostic::error(format!("themes/{}/fonts", config.theme), None, "no chart font (.ttf) found")
                    .hint("restore themes/default/fonts/ from a fresh copy of minhbach"),
            );
            None
        }
    };
    let inputs =
        crate::content::Inputs { config: &config, units: &units, by_id: &by_id, indices: &indices, strings: &strings };
    let content = crate::content::check(&raw.docs, &inputs, diags);

    if diags.has_errors() || raw.config.is_none() {
        return None;
    }
    // Always there without errors: a missing or unreadable font is one.
    let chart_font = chart_font?;
    Some(Site {
        config,
        units,
        indices,
        strings,
        home,
        statics: raw.statics.into_iter().collect(),
        templates: raw.templates.into_iter().collect(),
        site_statics: raw.site_statics.into_iter().collect(),
        build_date: raw.build_date,
        tile_layouts,
        chart_font,
        by_id,
        news: content.news,
        honours: content.honours,
        pages: content.pages,
        movement: content.movement,
        documents: content.documents,
    })
}

/// `[a-z0-9-]+`, not starting or ending with `-`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

fn check_units(t: &RawTable, diags: &mut Diagnostics) -> (Vec<Unit>, HashMap<String, crate::model::UnitId>) {
    let file = &t.file;
    for h in &t.headers {
        if !UNIT_COLUMNS.contains(&h.as_str()) {
            diags.push(
                Diagnostic::error(file, Some(t.header_line), format!("unknown column `{h}`"))
                    .hint(format!("the columns are: {}", UNIT_COLUMNS.join(","))),
            );
        }
    }
    for need in ["id", "kind", "name_vi", "name_en"] {
        if t.column(need).is_none() {
            diags.push(
                Diagnostic::error(file, Some(t.header_line), format!("column `{need}` is missing"))
                    .hint(format!("the header must be: {}", UNIT_COLUMNS.join(","))),
            );
        }
    }
    let col = |n: &str| t.column(n);
    let mut units = Vec::new();
    let mut lines = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    // (row line, successor id, parent id) to resolve once all ids are known.
    let mut links = Vec::new();
    for row in &t.rows {
        let line = Some(row.line);
        let id = row.get(col("id")).to_string();
        if !is_slug(&id) {
            diags.push(
                Diagnostic::error(file, line, format!("unit id `{id}` is not made of a-z, 0-9 and -"))
                    .hint("write the id in lower-case ASCII with dashes, e.g. `da-nang`"),
            );
        } else if id.bytes().all(|b| b.is_ascii_digit()) {
            diags
                .push(Diagnostic::error(file, line, format!("unit id `{id}` is only digits")).hint(
                    "an id is never a bare administrative code (codes are reused); use the name, e.g. `lao-cai`",
                ));
        }
        if let Some(&prev) = by_id.get(&id) {
            diags.push(
                Diagnostic::error(file, line, format!("unit id `{id}` is used twice (also on line {})", lines[prev]))
                    .hint("every unit needs its own id; ids are never reused"),
            );
        }
        let kind_s = row.get(col("kind"));
        let kind = UnitKind::parse(kind_s).unwrap_or_else(|| {
            diags.push(
                Diagnostic::error(file, line, format!("unit kind `{kind_s}` is not province, ministry or commune"))
                    .hint("write one of: province, ministry, commune"),
            );
            UnitKind::Province
        });
        let name = Text::new(row.get(col("name_vi")), row.get(col("name_en")));
        for (n, lang) in [(&name.vi, "name_vi"), (&name.en, "name_en")] {
            if n.is_empty() {
                diags.push(
                    Diagnostic::error(file, line, format!("`{lang}` is empty"))
                        .hint("every unit needs its name in both languages"),
                );
            } else if n.contains('<') || n.contains('>') {
                diags.push(
                    Diagnostic::error(file, line, format!("`{lang}` contains `<` or `>`"))
                        .hint("names are plain text: remove the markup"),
                );
            }
        }
        let date = |c: &str, diags: &mut Diagnostics| {
            let s = row.get(col(c));
            if s.is_empty() {
                return None;
            }
            let d = parse_date(s);
            if d.is_none() {
                diags.push(
                    Diagnostic::error(file, line, format!("`{c}` `{s}` is not a date"))
                        .hint("write dates as YYYY-MM-DD, e.g. 2025-06-30"),
                );
            }
            d
        };
        let valid_from = date("valid_from", diags);
        let valid_to = date("valid_to", diags);
        if let (Some(f), Some(to)) = (valid_from, valid_to) {
            if to < f {
                diags.push(Diagnostic::error(file, line, "valid_to is before valid_from").hint("swap the two dates"));
            }
        }
        let slug_given = row.get(col("slug"));
        let slug = if slug_given.is_empty() { slug::slugify(&name.vi) } else { slug_given.to_string() };
        if !is_slug(&slug) {
            diags
                .push(Diagnostic::error(file, line, format!("slug `{slug}` is not made of a-z, 0-9 and -")).hint(
                    "a slug is the unit's URL name: lower-case ASCII letters, digits and dashes, e.g. `da-nang`",
                ));
        }
        links.push((row.line, row.get(col("successor")).to_string(), row.get(col("parent")).to_string()));
        by_id.entry(id.clone()).or_insert(units.len());
        lines.push(row.line);
        units.push(Unit {
            id,
            kind,
            code: row.get(col("code")).to_string(),
            former_codes: row
                .get(col("former_codes"))
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            name,
            parent: None,
            region: Text::new(row.get(col("region_vi")), row.get(col("region_en"))),
            valid_from,
            valid_to,
            successor: None,
            predecessors: Vec::new(),
            slug,
            aliases: row
                .get(col("aliases"))
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        });
    }
    let mut slugs: HashMap<String, usize> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        if let Some(&j) = slugs.get(&u.slug) {
            diags.push(
                Diagnostic::error(
                    file,
                    Some(lines[i]),
                    format!("slug `{}` is also the slug of line {}", u.slug, lines[j]),
                )
                .hint("two units cannot share a URL: set a different `slug` for one of them"),
            );
        } else {
            slugs.insert(u.slug.clone(), i);
        }
    }
    for (i, u) in units.iter().enumerate() {
        for alias in &u.aliases {
            if !is_slug(alias) {
                diags.push(
                    Diagnostic::error(file, Some(lines[i]), format!("alias `{alias}` is not made of a-z, 0-9 and -"))
                        .hint("an alias is an old URL name of the unit, e.g. `thua-thien-hue`"),
                );
            } else if let Some(&j) = slugs.get(alias) {
                diags.push(
                    Diagnostic::error(
                        file,
                        Some(lines[i]),
                        format!("alias `{alias}` is already the URL of line {}", lines[j]),
                    )
                    .hint("an alias must not be the slug or alias of another unit"),
                );
            } else {
                slugs.insert(alias.clone(), i);
            }
        }
    }
    for (i, (line, succ, parent)) in links.into_iter().enumerate() {
        if !succ.is_empty() {
            match by_id.get(&succ) {
                None => diags.push(
                    Diagnostic::error(file, Some(line), format!("successor `{succ}` is not a unit id"))
                        .hint("the successor is the id of the unit this one merged into; add that unit or fix the id"),
                ),
                Some(&s) if s == i => diags.push(
                    Diagnostic::error(file, Some(line), "a unit cannot be its own successor")
                        .hint("leave successor empty for a unit that continues"),
                ),
                Some(&s) => {
                    units[i].successor = Some(s);
                    if units[i].valid_to.is_none() {
                        diags.push(
                            Diagnostic::error(
                                file,
                                Some(line),
                                format!("unit has a successor (`{succ}`) but no valid_to"),
                            )
                            .hint("set valid_to to the unit's last day, e.g. 2025-06-30"),
                        );
                    }
                }
            }
        }
        if !parent.is_empty() {
            match by_id.get(&parent) {
                Some(&p) if units[p].kind == UnitKind::Province => units[i].parent = Some(p),
                Some(_) => diags.push(
                    Diagnostic::error(file, Some(line), format!("parent `{parent}` is not a province"))
                        .hint("a commune's parent is the id of its province"),
                ),
                None => diags.push(
                    Diagnostic::error(file, Some(line), format!("parent `{parent}` is not a unit id"))
                        .hint("add the province to units.csv or fix the id"),
                ),
            }
        } else if units[i].kind == UnitKind::Commune {
            diags.push(
                Diagnostic::error(file, Some(line), "a commune needs a parent province")
                    .hint("set `parent` to the id of the commune's province"),
            );
        }
    }
    // Successor chains must end.
    for i in 0..units.len() {
        let mut seen = BTreeSet::from([i]);
        let mut u = i;
        while let Some(s) = units[u].successor {
            if !seen.insert(s) {
                if s == i {
                    diags.push(
                        Diagnostic::error(file, Some(lines[i]), format!("successors loop back to `{}`", units[i].id))
                            .hint("a chain of successors must end at a unit without a successor"),
                    );
                }
                break;
            }
            u = s;
        }
    }
    for i in 0..units.len() {
        if let Some(s) = units[i].successor {
            units[s].predecessors.push(i);
        }
    }
    let names: Vec<String> = units.iter().map(|u| u.name.vi.clone()).collect();
    for u in &mut units {
        u.predecessors.sort_by(|&a, &b| vi_cmp(&names[a], &names[b]));
    }
    (units, by_id)
}

struct IndexCtx<'a> {
    raw: &'a RawIndex,
}

impl IndexCtx<'_> {
    fn at<T>(&self, s: &Spanned<T>) -> Option<usize> {
        Some(line_of(&self.raw.text, s.span().start))
    }

    fn err<T>(&self, s: &Spanned<T>, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.raw.file, self.at(s), msg)
    }
}

fn check_index(
    raw: &RawIndex,
    units: &[Unit],
    by_id: &HashMap<String, usize>,
    diags: &mut Diagnostics,
) -> Option<Index> {
    if !is_slug(&raw.key) {
        diags.push(
            Diagnostic::error(&raw.dir, None, format!("index folder name `{}` is not made of a-z, 0-9 and -", raw.key))
                .hint("the folder name is the index's URL key: rename it, e.g. `dti-tinh`"),
        );
    }
    let toml = raw.toml.as_ref()?;
    let cx = IndexCtx { raw };
    let unit_kind = UnitKind::parse(toml.unit_kind.get_ref()).unwrap_or_else(|| {
        diags.push(
            cx.err(
                &toml.unit_kind,
                format!("unit_kind `{}` is not province, ministry or commune", toml.unit_kind.get_ref()),
            )
            .hint("write one of: province, ministry, commune"),
        );
        UnitKind::Province
    });
    if !(toml.scale.max.is_finite() && toml.scale.max > 0.0) {
        diags.push(
            Diagnostic::error(&raw.file, None, "scale.max must be a number above 0")
                .hint("write e.g. max = 1.0 under [scale]"),
        );
    }
    let mut indicators: Vec<Indicator> = Vec::new();
    for ind in &toml.indicators {
        let key = ind.key.get_ref();
        if !is_slug(key) {
            diags.push(
                cx.err(&ind.key, format!("indicator key `{key}` is not made of a-z, 0-9 and -"))
                    .hint("an indicator key is its CSV column name and URL: e.g. `ha-tang-so`"),
            );
        } else if RESERVED.contains(&key.as_str()) {
            diags.push(
                cx.err(&ind.key, format!("indicator key `{key}` is reserved"))
                    .hint(format!("choose another key; {} are columns of their own", RESERVED.join(", "))),
            );
        } else if indicators.iter().any(|i| &i.key == key) {
            diags.push(
                cx.err(&ind.key, format!("indicator key `{key}` is declared twice"))
                    .hint("remove or rename one of them"),
            );
        }
        let max = ind.max.unwrap_or(toml.scale.max);
        if !(max.is_finite() && max > 0.0) {
            diags.push(cx.err(&ind.key, "indicator max must be a number above 0").hint("write e.g. max = 1.0"));
        }
        indicators.push(Indicator { key: key.clone(), name: Text::new(&ind.name_vi, &ind.name_en), parent: None, max });
    }
    for (i, ind) in toml.indicators.iter().enumerate() {
        if let Some(p) = ind.parent.as_ref().filter(|p| !p.get_ref().is_empty()) {
            match indicators.iter().position(|x| &x.key == p.get_ref()) {
                Some(j) if j != i => indicators[i].parent = Some(j),
                _ => diags.push(
                    cx.err(p, format!("parent indicator `{}` is not declared", p.get_ref()))
                        .hint("the parent is the key of another [[indicators]] entry of this index"),
                ),
            }
        }
    }
    let scale = Scale { max: toml.scale.max, higher_is_better: toml.scale.higher_is_better };

    let mut editions = Vec::new();
    let mut used_files: BTreeMap<String, usize> = BTreeMap::new();
    let mut keys: BTreeMap<String, usize> = BTreeMap::new();
    for e in &toml.editions {
        if let Some(ed) =
            check_edition(&cx, e, unit_kind, scale, &indicators, units, by_id, &mut used_files, &mut keys, diags)
        {
            editions.push(ed);
        }
    }
    for (name, _) in raw.tables.iter().filter(|(n, _)| !used_files.contains_key(*n)) {
        diags.push(
            Diagnostic::error(format!("{}/{name}", raw.dir), None, "this file is not listed in index.toml").hint(
                format!(
                    "add an [[editions]] entry with file = \"{name}\" to {}, or move the file out of the folder",
                    raw.file
                ),
            ),
        );
    }
    editions.sort_by(|a, b| (a.year, !a.series.is_empty(), &a.key).cmp(&(b.year, !b.series.is_empty(), &b.key)));
    link_editions(&mut editions);
    // Scores are shown with as many decimals as the source's files print.
    let mut decimals = 0;
    for t in raw.tables.values().flatten() {
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
    let publisher = Text::new(&toml.publisher_vi, &toml.publisher_en);
    for ed in &mut editions {
        if ed.publisher.vi.is_empty() {
            ed.publisher.vi = publisher.vi.clone();
        }
        if ed.publisher.en.is_empty() {
            ed.publisher.en = publisher.en.clone();
        }
    }

    Some(Index {
        key: raw.key.clone(),
        name: Text::new(&toml.name_vi, &toml.name_en),
        short: Text::new(
            toml.short_vi.clone().unwrap_or_else(|| toml.name_vi.clone()),
            toml.short_en.clone().unwrap_or_else(|| toml.name_en.clone()),
        ),
        publisher,
        decimals,
        unit_kind,
        description: Text::new(
            toml.description_vi.clone().unwrap_or_default(),
            toml.description_en.clone().unwrap_or_default(),
        ),
        order: toml.order.unwrap_or(100),
        scale,
        indicators,
        editions,
    })
}

/// Sets each edition's previous one and each row's change of rank against it.
fn link_editions(editions: &mut [Edition]) {
    for e in 0..editions.len() {
        let (year, series) = (editions[e].year, editions[e].series.clone());
        let same = (0..e).rev().find(|&f| editions[f].year < year && editions[f].series == series);
        let main = (0..e).rev().find(|&f| editions[f].year < year && editions[f].series.is_empty());
        editions[e].previous = same.or(main);
        if let Some(p) = editions[e].previous {
            let prev: HashMap<usize, u32> = editions[p].rows.iter().filter_map(|r| Some((r.unit, r.rank?))).collect();
            for row in &mut editions[e].rows {
                row.delta = match (row.rank, prev.get(&row.unit)) {
                    (Some(now), Some(&before)) => Some(before as i64 - now as i64),
                    _ => None,
                };
            }
        }
    }
}

fn url_ok(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(char::is_whitespace)
        && !url.contains(['<', '>', '"'])
}

fn value_date(v: &toml::Value) -> Option<NaiveDate> {
    match v {
        toml::Value::String(s) => parse_date(s),
        toml::Value::Datetime(d) => {
            let date = d.date?;
            if d.time.is_some() {
                return None;
            }
            NaiveDate::from_ymd_opt(date.year as i32, date.month as u32, date.day as u32)
        }
        _ => None,
    }
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
    used_files: &mut BTreeMap<String, usize>,
    keys: &mut BTreeMap<String, usize>,
    diags: &mut Diagnostics,
) -> Option<Edition> {
    let year_v = *e.year.get_ref();
    let line = cx.at(&e.year);
    if !(1900..=2200).contains(&year_v) {
        diags.push(
            cx.err(&e.year, format!("year {year_v} is not a plausible year"))
                .hint("write the year the edition measures, e.g. 2022"),
        );
    }
    let year = year_v.clamp(1900, 2200) as i32;
    let key = e.key.as_ref().map(|k| k.get_ref().clone()).unwrap_or_else(|| year.to_string());
    if !is_slug(&key) {
        diags.push(
            Diagnostic::error(
                &cx.raw.file,
                e.key.as_ref().and_then(|k| cx.at(k)).or(line),
                format!("edition key `{key}` is not made of a-z, 0-9 and -"),
            )
            .hint("the key is the edition's URL name, e.g. \"2024-63\""),
        );
    }
    if let Some(&l) = keys.get(&key) {
        diags.push(
            Diagnostic::error(&cx.raw.file, line, format!("two editions have the key `{key}` (the other on line {l})"))
                .hint("a second edition of the same year needs a key of its own, e.g. key = \"2024-63\""),
        );
    }
    keys.insert(key.clone(), line.unwrap_or(0));
    let series = key
        .strip_prefix(&year.to_string())
        .map(|s| s.trim_start_matches('-').to_string())
        .unwrap_or_else(|| key.clone());

    let published = value_date(e.published.get_ref());
    if published.is_none() {
        diags.push(
            cx.err(&e.published, "`published` is not a date").hint("write the publication date as \"YYYY-MM-DD\""),
        );
    }
    let mut sources = Vec::new();
    for s in e.sources.iter().chain(e.publisher_url.iter()) {
        if !url_ok(s.get_ref()) {
            diags.push(
                cx.err(s, format!("`{}` is not an http(s) address", s.get_ref()))
                    .hint("write the full address of the source, starting with https://"),
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
            None => diags.push(cx.err(&c.date, "correction `date` is not a date").hint("write it as \"YYYY-MM-DD\"")),
        }
    }

    let file = e.file.get_ref();
    if let Some(&l) = used_files.get(file) {
        diags.push(
            cx.err(&e.file, format!("file `{file}` is already the file of the edition on line {l}"))
                .hint("each edition has its own CSV file"),
        );
    }
    used_files.insert(file.clone(), line.unwrap_or(0));
    let table = match cx.raw.tables.get(file) {
        Some(Some(t)) => t,
        Some(None) => return None, // unreadable: already reported
        None => {
            diags.push(
                cx.err(&e.file, format!("edition file `{file}` not found in {}/", cx.raw.dir))
                    .hint("put the CSV file in the index's folder, or fix the file name in index.toml"),
            );
            return None;
        }
    };
    let (columns, rows) = check_rows(table, unit_kind, scale, indicators, units, by_id, diags);
    Some(Edition {
        key,
        year,
        series,
        label: Text::new(e.label_vi.clone().unwrap_or_default(), e.label_en.clone().unwrap_or_default()),
        file: file.clone(),
        published: published.unwrap_or_default(),
        decision: e.decision.clone(),
        publisher: Text::new(e.publisher_vi.clone().unwrap_or_default(), e.publisher_en.clone().unwrap_or_default()),
        publisher_url: e.publisher_url.as_ref().map(|u| u.get_ref().clone()),
        sources,
        average: e.average,
        note: Text::new(e.note_vi.clone().unwrap_or_default(), e.note_en.clone().unwrap_or_default()),
        corrections,
        indicators: columns.iter().map(|c| c.1).collect(),
        rows,
        previous: None,
        by_unit: HashMap::new(),
        medians: Vec::new(),
    })
    .map(|mut ed| {
        ed.index_rows();
        ed
    })
}

/// Parses a number as the file writes it: `0,8002` where the delimiter is `;` or tab.
fn parse_number(s: &str, decimal_comma: bool) -> Result<f64, &'static str> {
    let s = s.trim();
    let normalized = if decimal_comma { s.replace(',', ".") } else { s.to_string() };
    if !decimal_comma && s.contains(',') && !s.contains('.') {
        return Err("uses a decimal comma in a comma-delimited file");
    }
    match normalized.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err("is not a number"),
    }
}

type Columns = Vec<(usize, usize)>;

fn check_rows(
    t: &RawTable,
    unit_kind: UnitKind,
    scale: Scale,
    indicators: &[Indicator],
    units: &[Unit],
    by_id: &HashMap<String, usize>,
    diags: &mut Diagnostics,
) -> (Columns, Vec<Row>) {
    let file = &t.file;
    let hl = Some(t.header_line);
    let mut columns: Columns = Vec::new(); // (column, indicator position)
    for (c, h) in t.headers.iter().enumerate() {
        if t.headers[..c].contains(h) {
            diags.push(
                Diagnostic::error(file, hl, format!("column `{h}` appears twice"))
                    .hint("remove one of the two columns"),
            );
        } else if RESERVED.contains(&h.as_str()) {
        } else if let Some(k) = indicators.iter().position(|i| &i.key == h) {
            columns.push((c, k));
        } else {
            let known: Vec<&str> = indicators.iter().map(|i| i.key.as_str()).collect();
            diags.push(
                Diagnostic::error(file, hl, format!("column `{h}` is not an indicator declared in index.toml")).hint(
                    if known.is_empty() {
                        "declare it as [[indicators]] in index.toml, or remove the column".to_string()
                    } else {
                        format!(
                            "declare it as [[indicators]] in index.toml, or rename it to one of: {}",
                            known.join(", ")
                        )
                    },
                ),
            );
        }
    }
    for need in ["unit", "rank", "score"] {
        if t.column(need).is_none() {
            diags.push(
                Diagnostic::error(file, hl, format!("column `{need}` is missing"))
                    .hint("an edition file starts with the columns unit,rank,score"),
            );
        }
    }
    let (cu, cr, cs, cb, cn) =
        (t.column("unit"), t.column("rank"), t.column("score"), t.column("rank_basis"), t.column("note"));
    let dc = t.decimal_comma();
    let mut seen: HashMap<usize, usize> = HashMap::new();
    let mut rows = Vec::new();
    for r in &t.rows {
        let line = Some(r.line);
        let id = r.get(cu);
        let unit = match by_id.get(id) {
            Some(&u) => u,
            None => {
                let guess = units.iter().find(|u| {
                    u.code == id
                        || u.former_codes.iter().any(|c| c == id)
                        || crate::i18n::fold(&u.name.vi) == crate::i18n::fold(id)
                });
                diags.push(
                    Diagnostic::error(
                        file,
                        line,
                        if id.is_empty() { "unit is empty".to_string() } else { format!("unknown unit `{id}`") },
                    )
                    .hint(match guess {
                        Some(u) => format!(
                            "did you mean `{}` ({})? The unit column holds ids from data/units.csv",
                            u.id, u.name.vi
                        ),
                        None => "use an id from data/units.csv, or add the unit there".to_string(),
                    }),
                );
                continue;
            }
        };
        if units[unit].kind != unit_kind {
            diags.push(
                Diagnostic::error(
                    file,
                    line,
                    format!(
                        "`{id}` is a {}, but this index ranks units of kind {}",
                        units[unit].kind.key(),
                        unit_kind.key()
                    ),
                )
                .hint("move the row to an index of that kind, or fix the unit id"),
            );
        }
        if let Some(prev) = seen.insert(unit, r.line) {
            diags.push(
                Diagnostic::error(
                    file,
                    line,
                    format!("unit `{id}` appears twice in this edition (also on line {prev})"),
                )
                .hint("keep one row per unit"),
            );
        }
        let rank_s = r.get(cr);
        let rank = if rank_s.is_empty() {
            None
        } else {
            match rank_s.parse::<u32>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    diags.push(
                        Diagnostic::error(file, line, format!("rank `{rank_s}` is not a positive whole number"))
                            .hint("write the rank as published (1, 2, 15, …), or leave it empty"),
                    );
                    None
                }
            }
        };
        let mut number = |s: &str, what: &str, max: f64| -> Option<f64> {
            if s.is_empty() {
                return None;
            }
            match parse_number(s, dc) {
                Ok(v) if (0.0..=max).contains(&v) => Some(v),
                Ok(v) => {
                    diags.push(
                        Diagnostic::error(file, line, format!("{what} {v} is outside the scale 0 to {max}"))
                            .hint("check the number against the source; scores are on the scale of index.toml"),
                    );
                    None
                }
                Err(why) => {
                    diags.push(Diagnostic::error(file, line, format!("{what} `{s}` {why}")).hint(if dc {
                        "write numbers like 0,8002"
                    } else {
                        "write numbers like 0.8002 (or save with `;` to use decimal commas)"
                    }));
                    None
                }
            }
        };
        let score = number(r.get(cs), "score", scale.max);
        let values = columns
            .iter()
            .map(|&(c, k)| number(r.get(Some(c)), &format!("`{}`", indicators[k].key), indicators[k].max))
            .collect();
        let basis = match r.get(cb) {
            "" | "stated" => RankBasis::Stated,
            "list-order" => RankBasis::ListOrder,
            other => {
                diags.push(Diagnostic::error(file, line, format!("rank_basis `{other}` is not `stated` or `list-order`"))
                    .hint("leave it empty when the source states the rank; write list-order when the rank is a position in a printed list"));
                RankBasis::Stated
            }
        };
        rows.push(Row {
            unit,
            rank,
            tied: false,
            score,
            basis,
            note: r.get(cn).to_string(),
            values,
            delta: None,
            line: r.line,
        });
    }
    // Ranked rows first by rank, then unranked; names in Vietnamese order within each.
    rows.sort_by_cached_key(|r| (r.rank.is_none(), r.rank, crate::i18n::vi_sort_key(&units[r.unit].name.vi)));
    let mut counts: HashMap<u32, usize> = HashMap::new();
    for r in &rows {
        if let Some(k) = r.rank {
            *counts.entry(k).or_default() += 1;
        }
    }
    for r in &mut rows {
        r.tied = r.rank.is_some_and(|k| counts[&k] > 1);
    }
    (columns, rows)
}

/// Keys the templates read from the UI strings (`t.key` or `t["key"]`).
fn used_string_keys(templates: &BTreeMap<String, String>) -> Vec<String> {
    let mut keys = BTreeSet::new();
    for src in templates.values() {
        let b = src.as_bytes();
        let mut i = 0;
        while let Some(p) = src[i..].find("t.") {
            let start = i + p;
            let ok_before =
                start == 0 || !(b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'_' || b[start - 1] == b'.');
            let mut end = start + 2;
            while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'_') {
                end += 1;
            }
            if ok_before && end > start + 2 {
                keys.insert(src[start + 2..end].to_string());
            }
            i = end.max(start + 2);
        }
    }
    keys.into_iter().collect()
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct HomeFront {
    #[serde(default)]
    title: String,
}

fn check_home(docs: &[RawDoc], config: &Config, diags: &mut Diagnostics) -> HomeText {
    let mut home = HomeText::default();
    for doc in docs {
        let front: HomeFront = match &doc.front {
            FrontMatter::None => HomeFront::default(),
            FrontMatter::Toml(t) => match toml::from_str(t) {
                Ok(f) => f,
                Err(e) => {
                    let mut d = crate::load::toml_error(&doc.file, t, &e);
                    d.line = d.line.map(|l| l + 1);
                    diags.push(d);
                    continue;
                }
            },
            FrontMatter::Yaml(_) => {
                diags.push(
                    Diagnostic::error(
                        &doc.file,
                        Some(1),
                        "the home page's front matter must be TOML (between +++ lines)",
                    )
                    .hint("write +++ / title = \"…\" / +++"),
                );
                continue;
            }
        };
        let html = crate::markdown::render_simple(&doc.file, &doc.body, doc.body_line, config.allow_html, diags);
        let (title, body) =
            if doc.lang_en { (&mut home.title.en, &mut home.html.en) } else { (&mut home.title.vi, &mut home.html.vi) };
        *title = front.title;
        *body = html;
    }
    home
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_table;

    fn units_csv(body: &str) -> (Vec<Unit>, Diagnostics) {
        let head =
            "id,kind,code,former_codes,name_vi,name_en,parent,region_vi,region_en,valid_from,valid_to,successor,slug\n";
        let t = parse_table("data/units.csv", format!("{head}{body}").as_bytes()).unwrap();
        let mut d = Diagnostics::default();
        let (u, _) = check_units(&t, &mut d);
        (u, d)
    }

    #[test]
    fn slugs_derive_from_vietnamese_names() {
        let (u, d) = units_csv("da-nang,province,48,,Đà Nẵng,Da Nang,,,,,,,\n");
        assert!(!d.has_errors(), "{d}");
        assert_eq!(u[0].slug, "da-nang");
    }

    #[test]
    fn successor_loops_and_unknowns_are_errors() {
        let (_, d) = units_csv("a,province,1,,A,A,,,,,2025-06-30,b,\nb,province,2,,B,B,,,,,2025-06-30,a,\nc,province,3,,C,C,,,,,2025-06-30,zz,\n");
        let s = d.to_string();
        assert!(s.contains("successors loop back to `a`"), "{s}");
        assert!(s.contains("successor `zz` is not a unit id"), "{s}");
    }

    #[test]
    fn lineage_links_predecessors() {
        let (u, d) = units_csv(
            "qn,province,49,,Quảng Nam,Quang Nam,,,,,2025-06-30,dn,\ndn,province,48,,Đà Nẵng,Da Nang,,,,,,,\n",
        );
        assert!(!d.has_errors(), "{d}");
        assert_eq!(u[1].predecessors, vec![0]);
        assert_eq!(u[0].successor, Some(1));
    }

    #[test]
    fn numbers_follow_the_delimiter() {
        assert_eq!(parse_number("0,8002", true), Ok(0.8002));
        assert_eq!(parse_number("0.8002", false), Ok(0.8002));
        assert!(parse_number("0,8002", false).is_err());
        assert!(parse_number("abc", false).is_err());
        assert!(parse_number("NaN", false).is_err());
    }

    #[test]
    fn string_keys_are_found_in_templates() {
        let t = BTreeMap::from([("a.html".to_string(), "{{ t.home }} {{ x.t.no }} {{ t.skip_link }}".to_string())]);
        assert_eq!(used_string_keys(&t), vec!["home", "skip_link"]);
    }
}
