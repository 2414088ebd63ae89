//! Reads the site's input files into raw structs, and is the only module that reads. It checks
//! what can only be checked at the byte level (size, encoding, links leaving the site, syntax)
//! and leaves meaning to `check`. One job a file: [`raw`] (what was read, as read), `reader`
//! (files and folders below the site's root, links and loops refused), [`parse`] (bytes into
//! tables, TOML and front matter) and [`sheet`] (a workbook's sheet into the same raw table).

pub(crate) mod parse;
pub(crate) mod raw;
mod reader;
pub(crate) mod sheet;
mod tree;

use rayon::prelude::*;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};
pub use parse::*;
pub(crate) use raw::*;
use reader::Reader;

/// The folders below the site's root that hold its input (and `site.toml` beside them).
pub(crate) const INPUTS: [&str; 4] = ["content", "data", "themes", "static"];

/// The hidden files and folders of `static/` that hosts read, published like the others; every
/// other name starting with `.` (`.DS_Store`, `.git`, an editor's swap file) is left out.
pub(crate) const HOST_DOTFILES: [&str; 4] = [".well-known", ".nojekyll", ".htaccess", ".domains"];

/// Largest input file read. A real edition of every commune is well under 1 MB.
pub(crate) const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads the whole site below `root`. Problems go to `diags`; what could be read is returned.
pub(crate) fn load_site(root: &Path, diags: &mut Diagnostics) -> RawSite {
    let mut site = RawSite { build_date: build_date(diags), ..RawSite::default() };
    let reader = Reader { root, max: None };

    match reader.text("site.toml") {
        Ok(text) => match crate::config::parse_site_toml("site.toml", &text) {
            Ok(c) => site.config = Some(c),
            Err(d) => diags.push(d),
        },
        Err(d) => diags.push(d),
    }
    let theme = site.config.as_ref().and_then(|c| c.theme.clone()).unwrap_or_else(|| "default".to_string());

    load_data_into(&reader, &mut site, diags);

    load_theme(&reader, &theme, &mut site, diags);

    for name in reader.list_files("content", diags) {
        if let Some(doc) = load_doc(&reader, &format!("content/{name}"), "_index", diags) {
            site.home.push(doc);
        }
    }
    for section in SECTIONS {
        let names = reader.list_files(&format!("content/{section}"), diags);
        // Read and split in parallel (thousands of articles), kept in the listed order.
        let read: Vec<(Option<RawDoc>, Diagnostics)> = names
            .par_iter()
            .map(|name| {
                let mut mine = Diagnostics::default();
                (load_doc(&reader, &format!("content/{section}/{name}"), "", &mut mine), mine)
            })
            .collect();
        for (doc, mine) in read {
            diags.extend(mine);
            if let Some(mut doc) = doc {
                doc.section = section.to_string();
                if doc.stem == "_index" {
                    site.section_index.push(doc);
                } else {
                    site.docs.push(doc);
                }
            }
        }
    }
    tree::unknown_content(&reader, diags);
    load_tiles(&reader, &mut site, diags);
    let max = site
        .config
        .as_ref()
        .map_or(crate::config::DEFAULT_MAX_FILE_MB * 1024 * 1024, super::config::RawConfig::max_file_bytes);
    let documents = Reader { root, max: Some(max) };
    for rel in reader.walk_keeping("static", &HOST_DOTFILES, diags) {
        if let Ok(bytes) = documents.bytes(&format!("static/{rel}")).map_err(|d| diags.push(d)) {
            site.site_statics.insert(rel, bytes);
        }
    }
    site
}

/// Reads `data/` alone (units, their other names, the rankings, the targets) into a raw site
/// that holds nothing else: for `serve` after an edit of a data file.
pub(crate) fn load_data(root: &Path, diags: &mut Diagnostics) -> RawSite {
    let mut site = RawSite::default();
    load_data_into(&Reader { root, max: None }, &mut site, diags);
    site
}

fn load_data_into(reader: &Reader, site: &mut RawSite, diags: &mut Diagnostics) {
    match reader.bytes("data/units.csv").and_then(|b| parse_table("data/units.csv", &b).map_err(first)) {
        Ok(t) => site.units = Some(t),
        Err(d) => diags.push(d),
    }

    if reader.root.join("data/unit-names.csv").exists() {
        match reader.bytes("data/unit-names.csv").and_then(|b| parse_table("data/unit-names.csv", &b).map_err(first)) {
            Ok(t) => site.unit_names = Some(t),
            Err(d) => diags.push(d),
        }
    }

    for dir in reader.list_dirs("data/rankings", diags) {
        site.indices.push(load_index(reader, &dir, diags));
    }

    for name in reader.list_files("data/targets", diags) {
        if name.to_ascii_lowercase().ends_with(".csv") {
            let path = format!("data/targets/{name}");
            match reader.bytes(&path).and_then(|b| parse_table(&path, &b).map_err(first)) {
                Ok(t) => {
                    site.targets.insert(name, t);
                }
                Err(d) => diags.push(d),
            }
        }
    }
}

/// The files of one document, `content/<section>/<stem>.md` and its translation `<stem>.en.md`,
/// those that exist: what `serve` reads again when only they changed.
pub(crate) fn load_document(root: &Path, section: &str, stem: &str, diags: &mut Diagnostics) -> Vec<RawDoc> {
    let reader = Reader { root, max: None };
    let mut out = Vec::new();
    for name in [format!("{stem}.md"), format!("{stem}.en.md")] {
        let path = format!("content/{section}/{name}");
        if !root.join(&path).exists() {
            continue;
        }
        if let Some(mut doc) = load_doc(&reader, &path, "", diags) {
            doc.section = section.to_string();
            out.push(doc);
        }
    }
    out
}

/// The theme alone (with `data/tiles/`), as [`load_site`] reads it for the theme `theme`: what
/// `serve` reads again when only a template, a strings file or a static file of the theme changed.
pub(crate) fn load_theme_alone(root: &Path, theme: &str, diags: &mut Diagnostics) -> RawTheme {
    let reader = Reader { root, max: None };
    let mut site = RawSite::default();
    load_theme(&reader, theme, &mut site, diags);
    load_tiles(&reader, &mut site, diags);
    site.theme
}

/// One file of the site's `static/` (its path below it), at most `max` bytes, as [`load_site`]
/// reads it: what `serve` reads again when only that file changed.
pub(crate) fn load_static(root: &Path, rel: &str, max: u64) -> Result<Vec<u8>, Diagnostic> {
    Reader { root, max: Some(max) }.bytes(&format!("static/{rel}"))
}

fn load_tiles(reader: &Reader, site: &mut RawSite, diags: &mut Diagnostics) {
    for name in reader.list_files("data/tiles", diags) {
        if name.ends_with(".csv") {
            let path = format!("data/tiles/{name}");
            if let Ok(text) = reader.text(&path).map_err(|d| diags.push(d)) {
                site.theme.tiles.insert(path, text);
            }
        }
    }
}

/// The build's date: from `SOURCE_DATE_EPOCH` (seconds since 1970) when set, else the clock.
fn build_date(diags: &mut Diagnostics) -> chrono::NaiveDate {
    let now = || chrono::Utc::now().date_naive();
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) => match s.trim().parse::<i64>().ok().and_then(|t| chrono::DateTime::from_timestamp(t, 0)) {
            Some(t) => t.date_naive(),
            None => {
                diags.push(
                    Diagnostic::warning(
                        "SOURCE_DATE_EPOCH",
                        None,
                        crate::tr!("`{s}` is not a number of seconds; today is used", s),
                    )
                    .hint(crate::tr!("set SOURCE_DATE_EPOCH to a Unix time, e.g. 1763856000, or unset it")),
                );
                now()
            }
        },
        Err(_) => now(),
    }
}

fn first(mut ds: Vec<Diagnostic>) -> Diagnostic {
    ds.remove(0)
}

fn load_index(reader: &Reader, dir: &str, diags: &mut Diagnostics) -> RawIndex {
    let key = dir.rsplit('/').next().unwrap_or(dir).to_string();
    let file = format!("{dir}/index.toml");
    let mut index = RawIndex { key, dir: dir.to_string(), file: file.clone(), ..Default::default() };
    match reader.text(&file) {
        Ok(text) => {
            match parse_index_toml(&file, &text) {
                Ok(t) => index.toml = Some(t),
                Err(d) => diags.push(d),
            }
            index.text = text;
        }
        Err(d) => diags.push(d),
    }
    for name in reader.list_files(dir, diags) {
        let workbook = sheet::is_workbook(&name);
        if !name.to_ascii_lowercase().ends_with(".csv") && !workbook {
            continue;
        }
        let path = format!("{dir}/{name}");
        let sheet_name = index
            .toml
            .as_ref()
            .and_then(|t| t.editions.iter().find(|e| e.file.get_ref() == &name))
            .and_then(|e| e.sheet.clone());
        let table = match reader.bytes(&path).and_then(|b| {
            if workbook {
                sheet::parse_workbook(&path, &b, sheet_name.as_deref())
            } else {
                parse_edition_csv(&path, &b).map_err(first)
            }
        }) {
            Ok(t) => Some(t),
            Err(d) => {
                diags.push(d);
                None
            }
        };
        index.tables.insert(name, table);
    }
    index
}

/// The default theme as shipped with this binary, used when the site has no `themes/default/`.
static DEFAULT_THEME: include_dir::Dir<'_> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Every file of the built-in default theme, by path below the theme's folder
/// (`templates/base.html`, `static/style.css`…), for `minhbach theme eject`.
pub(crate) fn builtin_theme() -> Vec<(String, &'static [u8])> {
    let mut out: Vec<(String, &'static [u8])> = Vec::new();
    let mut stack: Vec<&include_dir::Dir> = vec![&DEFAULT_THEME];
    while let Some(dir) = stack.pop() {
        for f in dir.files() {
            out.push((f.path().to_string_lossy().replace('\\', "/"), f.contents()));
        }
        stack.extend(dir.dirs());
    }
    out.sort();
    out
}

/// Files of the built-in default theme below `sub` (`templates`, `static`, `i18n`), by path.
fn builtin(sub: &str) -> Vec<(String, &'static [u8])> {
    let mut out = Vec::new();
    let mut stack: Vec<&include_dir::Dir> = DEFAULT_THEME.get_dir(sub).into_iter().collect();
    while let Some(dir) = stack.pop() {
        for f in dir.files() {
            if let Ok(rel) = f.path().strip_prefix(sub) {
                out.push((rel.to_string_lossy().replace('\\', "/"), f.contents()));
            }
        }
        stack.extend(dir.dirs());
    }
    out.sort();
    out
}

/// The theme: the built-in default first, then the site's `themes/default/` and then the chosen
/// theme's folder laid over it file by file (a template, a static file or the font of the same
/// path replaces the one below) and, for the UI strings, key by key.
fn load_theme(reader: &Reader, theme: &str, site: &mut RawSite, diags: &mut Diagnostics) {
    for (rel, bytes) in builtin("templates") {
        site.theme.templates.insert(rel, String::from_utf8_lossy(bytes).into_owned());
    }
    for (rel, bytes) in builtin("static") {
        site.theme.statics.insert(rel, bytes.to_vec());
    }
    if let Some((rel, bytes)) = builtin("fonts").into_iter().find(|(r, _)| r.ends_with(".ttf")) {
        site.theme.font = Some((format!("themes/default/fonts/{rel}"), bytes.to_vec()));
    }
    for (rel, bytes) in builtin("i18n") {
        let text = String::from_utf8_lossy(bytes);
        let table = if rel == "vi.toml" { &mut site.theme.strings.0 } else { &mut site.theme.strings.1 };
        if let Ok(map) = parse_strings(&rel, &text) {
            table.extend(map);
        }
    }
    let mut themes = vec!["default".to_string()];
    if theme != "default" {
        if !reader.root.join("themes").join(theme).is_dir() {
            diags.push(
                Diagnostic::error("site.toml", None, crate::tr!("theme `{theme}` not found", theme))
                    .hint(crate::tr!("create themes/{theme}/ or set theme = \"default\"", theme)),
            );
        }
        themes.push(theme.to_string());
    }
    let mut vi_file = String::from("themes/default/i18n/vi.toml");
    let mut en_file = String::from("themes/default/i18n/en.toml");
    for t in &themes {
        let base = format!("themes/{t}");
        if !reader.root.join(&base).is_dir() {
            continue;
        }
        for rel in reader.walk(&format!("{base}/templates"), diags) {
            if let Ok(text) = reader.text(&format!("{base}/templates/{rel}")).map_err(|d| diags.push(d)) {
                site.theme.templates.insert(rel, text);
            }
        }
        for rel in reader.walk(&format!("{base}/fonts"), diags) {
            if rel.ends_with(".ttf") || rel.ends_with(".otf") {
                let path = format!("{base}/fonts/{rel}");
                if let Ok(bytes) = reader.bytes(&path).map_err(|d| diags.push(d)) {
                    site.theme.font = Some((path, bytes));
                }
            }
        }
        for rel in reader.walk(&format!("{base}/static"), diags) {
            if let Ok(bytes) = reader.bytes(&format!("{base}/static/{rel}")).map_err(|d| diags.push(d)) {
                site.theme.statics.insert(rel, bytes);
            }
        }
        for (lang, table, file) in
            [("vi", &mut site.theme.strings.0, &mut vi_file), ("en", &mut site.theme.strings.1, &mut en_file)]
        {
            let path = format!("{base}/i18n/{lang}.toml");
            if !reader.root.join(&path).exists() {
                continue;
            }
            match reader.text(&path).and_then(|text| parse_strings(&path, &text)) {
                Ok(map) => {
                    table.extend(map);
                    *file = path;
                }
                Err(d) => diags.push(d),
            }
        }
    }
    site.theme.strings_files = (vi_file, en_file);
}

/// A document's file name read as (stem, is English): `x.md` → (`x`, false), `x.en.md` →
/// (`x`, true); `None` when it is not Markdown.
pub(crate) fn doc_name(name: &str) -> Option<(&str, bool)> {
    let base = name.strip_suffix(".md")?;
    Some(match base.strip_suffix(".en") {
        Some(stem) => (stem, true),
        None => (base, false),
    })
}

fn load_doc(reader: &Reader, path: &str, only_stem: &str, diags: &mut Diagnostics) -> Option<RawDoc> {
    let (stem, lang_en) = doc_name(path.rsplit('/').next()?)?;
    if !only_stem.is_empty() && stem != only_stem {
        return None;
    }
    let text = reader.text(path).map_err(|d| diags.push(d)).ok()?;
    match split_front_matter(path, &text) {
        Ok((front, body, body_line)) => Some(RawDoc {
            file: path.to_string(),
            section: String::new(),
            stem: stem.to_string(),
            lang_en,
            front,
            body: body.to_string(),
            body_line,
        }),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}
