//! Reads the site's input files into raw structs, and is the only module that reads. It checks
//! what can only be checked at the byte level (size, encoding, links leaving the site, syntax)
//! and leaves meaning to `validate`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::config::RawConfig;
use crate::diag::{toml_error, Diagnostic, Diagnostics};

/// Largest input file read. A real edition of every commune is well under 1 MB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Everything the site's folder holds, read but not yet checked for meaning.
#[derive(Debug, Default)]
pub struct RawSite {
    pub config: Option<RawConfig>,
    pub units: Option<RawTable>,
    pub indices: Vec<RawIndex>,
    /// `content/_index.md` and `content/_index.en.md`.
    pub home: Vec<RawDoc>,
    /// `content/<section>/*.md` for the sections news, models, pages and movement.
    pub docs: Vec<RawDoc>,
    /// The site's own `static/` files (images, documents), copied as they are.
    pub site_statics: BTreeMap<String, Vec<u8>>,
    /// The day of the build: `SOURCE_DATE_EPOCH` when set (reproducible builds), else today (UTC).
    pub build_date: chrono::NaiveDate,
    /// The theme's files and the tile layouts it draws the map with.
    pub theme: RawTheme,
}

impl RawSite {
    /// The data and content apart from the theme: they are checked apart.
    pub fn split_theme(mut self) -> (RawSite, RawTheme) {
        let theme = std::mem::take(&mut self.theme);
        (self, theme)
    }
}

/// The theme as read: the default's files overridden by the chosen theme's, and `data/tiles/`.
#[derive(Debug, Default)]
pub struct RawTheme {
    /// UI strings: (vi, en) tables and the file names they came from.
    pub strings: (BTreeMap<String, String>, BTreeMap<String, String>),
    pub strings_files: (String, String),
    /// Template name → source, the chosen theme's overriding the default's.
    pub templates: BTreeMap<String, String>,
    /// Static file path (relative to the theme's `static/`) → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// `data/tiles/*.csv`: tile-map layouts, file path → text.
    pub tiles: BTreeMap<String, String>,
    /// The theme's chart font (`fonts/*.ttf`), used to measure text in charts.
    pub font: Option<(String, Vec<u8>)>,
}

/// The folders of `content/` that hold documents.
pub const SECTIONS: [&str; 4] = ["news", "models", "pages", "movement"];

/// A CSV file as rows of strings, each with the line it started on.
#[derive(Debug, Clone, Default)]
pub struct RawTable {
    pub file: String,
    pub delimiter: u8,
    pub header_line: usize,
    pub headers: Vec<String>,
    pub rows: Vec<RawRow>,
}

impl RawTable {
    /// Numbers in this file use a decimal comma (Excel does so where `;` or tab delimit).
    pub fn decimal_comma(&self) -> bool {
        self.delimiter != b','
    }

    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }
}

#[derive(Debug, Clone, Default)]
pub struct RawRow {
    pub line: usize,
    pub fields: Vec<String>,
}

impl RawRow {
    pub fn get(&self, col: Option<usize>) -> &str {
        col.and_then(|c| self.fields.get(c)).map(|s| s.trim()).unwrap_or("")
    }
}

/// One `data/rankings/<key>/` folder.
#[derive(Debug, Default)]
pub struct RawIndex {
    pub key: String,
    pub dir: String,
    pub file: String,
    pub text: String,
    pub toml: Option<IndexToml>,
    /// CSV files of the folder by file name; `None` where the file could not be read.
    pub tables: BTreeMap<String, Option<RawTable>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexToml {
    pub name_vi: String,
    pub name_en: String,
    #[serde(default)]
    pub short_vi: Option<String>,
    #[serde(default)]
    pub short_en: Option<String>,
    pub publisher_vi: String,
    pub publisher_en: String,
    pub unit_kind: Spanned<String>,
    #[serde(default)]
    pub description_vi: Option<String>,
    #[serde(default)]
    pub description_en: Option<String>,
    #[serde(default)]
    pub order: Option<i64>,
    pub scale: ScaleToml,
    #[serde(default)]
    pub indicators: Vec<IndicatorToml>,
    #[serde(default)]
    pub editions: Vec<EditionToml>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleToml {
    pub max: f64,
    #[serde(default = "yes")]
    pub higher_is_better: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorToml {
    pub key: Spanned<String>,
    pub name_vi: String,
    pub name_en: String,
    #[serde(default)]
    pub parent: Option<Spanned<String>>,
    #[serde(default)]
    pub max: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionToml {
    pub year: Spanned<i64>,
    #[serde(default)]
    pub key: Option<Spanned<String>>,
    #[serde(default)]
    pub label_vi: Option<String>,
    #[serde(default)]
    pub label_en: Option<String>,
    pub file: Spanned<String>,
    pub published: Spanned<toml::Value>,
    pub decision: String,
    /// When an edition was published by another body than the index's usual publisher.
    #[serde(default)]
    pub publisher_vi: Option<String>,
    #[serde(default)]
    pub publisher_en: Option<String>,
    #[serde(default)]
    pub publisher_url: Option<Spanned<String>>,
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
    #[serde(default)]
    pub average: Option<f64>,
    #[serde(default)]
    pub note_vi: Option<String>,
    #[serde(default)]
    pub note_en: Option<String>,
    #[serde(default)]
    pub corrections: Vec<CorrectionToml>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionToml {
    pub date: Spanned<toml::Value>,
    pub what_vi: String,
    #[serde(default)]
    pub what_en: Option<String>,
}

/// A Markdown file split into front matter and body.
#[derive(Debug, Clone, Default)]
pub struct RawDoc {
    pub file: String,
    /// `news`, `models`, `pages`, `movement`, or empty for `content/_index.md`.
    pub section: String,
    /// `x` for `x.md` and `x.en.md`.
    pub stem: String,
    pub lang_en: bool,
    pub front: FrontMatter,
    pub body: String,
    /// Line of the file on which the body starts.
    pub body_line: usize,
}

/// Front matter as written: TOML between `+++` lines or YAML between `---` lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum FrontMatter {
    #[default]
    None,
    Toml(String),
    Yaml(String),
}

/// Reads the whole site below `root`. Problems go to `diags`; what could be read is returned.
pub fn load_site(root: &Path, diags: &mut Diagnostics) -> RawSite {
    let mut site = RawSite { build_date: build_date(diags), ..RawSite::default() };
    let reader = Reader { root };

    match reader.text("site.toml") {
        Ok(text) => match crate::config::parse_site_toml("site.toml", &text) {
            Ok(c) => site.config = Some(c),
            Err(d) => diags.push(d),
        },
        Err(d) => diags.push(d),
    }
    let theme = site.config.as_ref().and_then(|c| c.theme.clone()).unwrap_or_else(|| "default".to_string());

    match reader.bytes("data/units.csv").and_then(|b| parse_table("data/units.csv", &b).map_err(first)) {
        Ok(t) => site.units = Some(t),
        Err(d) => diags.push(d),
    }

    for dir in reader.list_dirs("data/rankings", diags) {
        site.indices.push(load_index(&reader, &dir, diags));
    }

    load_theme(&reader, &theme, &mut site, diags);

    for name in reader.list_files("content", diags) {
        if let Some(doc) = load_doc(&reader, &format!("content/{name}"), "_index", diags) {
            site.home.push(doc);
        }
    }
    for section in SECTIONS {
        for name in reader.list_files(&format!("content/{section}"), diags) {
            if let Some(mut doc) = load_doc(&reader, &format!("content/{section}/{name}"), "", diags) {
                doc.section = section.to_string();
                site.docs.push(doc);
            }
        }
    }
    for name in reader.list_files("data/tiles", diags) {
        if name.ends_with(".csv") {
            let path = format!("data/tiles/{name}");
            if let Ok(text) = reader.text(&path).map_err(|d| diags.push(d)) {
                site.theme.tiles.insert(path, text);
            }
        }
    }
    for rel in reader.walk("static", diags) {
        if let Ok(bytes) = reader.bytes(&format!("static/{rel}")).map_err(|d| diags.push(d)) {
            site.site_statics.insert(rel, bytes);
        }
    }
    site
}

/// The files of one document, `content/<section>/<stem>.md` and its translation `<stem>.en.md`,
/// those that exist: what `serve` reads again when only they changed.
pub fn load_document(root: &Path, section: &str, stem: &str, diags: &mut Diagnostics) -> Vec<RawDoc> {
    let reader = Reader { root };
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
                        format!("`{s}` is not a number of seconds; today is used"),
                    )
                    .hint("set SOURCE_DATE_EPOCH to a Unix time, e.g. 1763856000, or unset it"),
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
        if !name.to_ascii_lowercase().ends_with(".csv") {
            continue;
        }
        let path = format!("{dir}/{name}");
        let table = match reader.bytes(&path).and_then(|b| parse_edition_csv(&path, &b).map_err(first)) {
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

fn load_theme(reader: &Reader, theme: &str, site: &mut RawSite, diags: &mut Diagnostics) {
    if !reader.root.join("themes/default").is_dir() {
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
    }
    let mut themes = vec!["default".to_string()];
    if theme != "default" {
        if !reader.root.join("themes").join(theme).is_dir() {
            diags.push(
                Diagnostic::error("site.toml", None, format!("theme `{theme}` not found"))
                    .hint(format!("create themes/{theme}/ or set theme = \"default\"")),
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
pub fn doc_name(name: &str) -> Option<(&str, bool)> {
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

/// Reads files below the site root, refusing what is too large or leads outside the site.
struct Reader<'a> {
    root: &'a Path,
}

impl Reader<'_> {
    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Refuses a file or folder that is a link leading outside the site's folder.
    fn inside(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        let path = self.path(rel);
        let meta = fs::symlink_metadata(&path).map_err(|e| not_found(rel, &e))?;
        if meta.file_type().is_symlink() {
            let target = fs::canonicalize(&path).map_err(|e| not_found(rel, &e))?;
            let root = fs::canonicalize(self.root).map_err(|e| not_found(".", &e))?;
            if !target.starts_with(&root) {
                return Err(Diagnostic::error(rel, None, "this is a link to a file outside the site's folder")
                    .hint("copy the file into the site's folder instead of linking to it"));
            }
        }
        Ok(path)
    }

    fn bytes(&self, rel: &str) -> Result<Vec<u8>, Diagnostic> {
        let path = self.inside(rel)?;
        let meta = fs::metadata(&path).map_err(|e| not_found(rel, &e))?;
        if meta.len() > MAX_FILE_BYTES {
            return Err(Diagnostic::error(
                rel,
                None,
                format!("file is too large ({} MB; at most {} MB)", meta.len() / 1_000_000, MAX_FILE_BYTES / 1_048_576),
            )
            .hint("is this the right file? Split it, or remove what is not part of the site"));
        }
        fs::read(&path).map_err(|e| not_found(rel, &e))
    }

    fn text(&self, rel: &str) -> Result<String, Diagnostic> {
        decode_text(rel, &self.bytes(rel)?)
    }

    fn entries(&self, rel: &str, diags: &mut Diagnostics) -> Vec<(String, bool)> {
        let Ok(path) = self.inside(rel) else {
            return Vec::new();
        };
        let Ok(rd) = fs::read_dir(&path) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for entry in rd.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with('.') {
                continue;
            }
            let child = format!("{rel}/{name}");
            match self.inside(&child) {
                Ok(p) => out.push((name, p.is_dir())),
                Err(d) => diags.push(d),
            }
        }
        out.sort();
        out
    }

    fn list_dirs(&self, rel: &str, diags: &mut Diagnostics) -> Vec<String> {
        self.entries(rel, diags).into_iter().filter(|e| e.1).map(|e| format!("{rel}/{}", e.0)).collect()
    }

    fn list_files(&self, rel: &str, diags: &mut Diagnostics) -> Vec<String> {
        self.entries(rel, diags).into_iter().filter(|e| !e.1).map(|e| e.0).collect()
    }

    /// Every file below `rel`, as paths relative to it, sorted.
    fn walk(&self, rel: &str, diags: &mut Diagnostics) -> Vec<String> {
        let mut out = Vec::new();
        for (name, is_dir) in self.entries(rel, diags) {
            if is_dir {
                for sub in self.walk(&format!("{rel}/{name}"), diags) {
                    out.push(format!("{name}/{sub}"));
                }
            } else {
                out.push(name);
            }
        }
        out
    }
}

fn not_found(rel: &str, e: &std::io::Error) -> Diagnostic {
    if e.kind() == std::io::ErrorKind::NotFound {
        Diagnostic::error(rel, None, "file not found").hint("create it, or check the name's spelling and folder")
    } else {
        Diagnostic::error(rel, None, format!("cannot read: {e}")).hint("check that the file is readable")
    }
}

/// Turns bytes into text, accepting UTF-8 with or without BOM and refusing anything else.
pub fn decode_text(file: &str, bytes: &[u8]) -> Result<String, Diagnostic> {
    let hint = "open it in Excel or a text editor and save it as \"CSV UTF-8\" / \"UTF-8\"";
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::error(file, Some(1), "file is in UTF-16, not UTF-8").hint(hint));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(
            Diagnostic::error(file, Some(line), "file contains NUL bytes: it is not UTF-8 text (UTF-16?)").hint(hint)
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Diagnostic::error(
                file,
                Some(line),
                "file is not UTF-8 (a legacy encoding such as Windows-1258 or TCVN3?)",
            )
            .hint(hint))
        }
    }
}

/// Picks the delimiter Excel used: tab, `;` or `,`, by what the header line holds most of.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let count = |c: char| header.chars().filter(|&x| x == c).count();
    if count('\t') > 0 && count('\t') >= count(',') {
        b'\t'
    } else if count(';') > count(',') {
        b';'
    } else {
        b','
    }
}

/// Parses CSV text into a header and rows, every row checked to have as many fields as the
/// header. All bad rows are reported.
pub fn parse_table(file: &str, bytes: &[u8]) -> Result<RawTable, Vec<Diagnostic>> {
    let text = decode_text(file, bytes).map_err(|d| vec![d])?;
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::error(file, Some(1), "file is empty: it needs a header row and data rows")
            .hint("export the table again, with its header row")]);
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut table = RawTable { file: file.to_string(), delimiter, ..Default::default() };
    let mut errors = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
                let fields: Vec<String> = record.iter().map(|f| f.to_string()).collect();
                if fields.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                if table.headers.is_empty() {
                    table.header_line = line;
                    table.headers = fields.iter().map(|h| h.trim().to_string()).collect();
                } else if fields.iter().any(|f| f.contains('\n')) {
                    errors.push(
                        Diagnostic::error(file, Some(line), "a quoted field opened on this line is never closed")
                            .hint("the file may be cut short, or a `\"` is missing: compare it with the original"),
                    );
                } else if fields.len() != table.headers.len() {
                    errors.push(
                        Diagnostic::error(
                            file,
                            Some(line),
                            format!("row has {} fields but the header has {}", fields.len(), table.headers.len()),
                        )
                        .hint("check for a missing or extra delimiter, or an unclosed quote, on this row"),
                    );
                } else {
                    table.rows.push(RawRow { line, fields });
                }
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                errors.push(
                    Diagnostic::error(file, line, format!("cannot read CSV: {e}"))
                        .hint("save it again from Excel as CSV UTF-8"),
                );
                break;
            }
        }
    }
    if errors.is_empty() {
        Ok(table)
    } else {
        Err(errors)
    }
}

/// Parses one edition's CSV as Excel writes it (see `docs/FORMAT.md`).
pub fn parse_edition_csv(file: &str, bytes: &[u8]) -> Result<RawTable, Vec<Diagnostic>> {
    parse_table(file, bytes)
}

/// Turns a TOML error into a diagnostic on the line it points at.
/// Parses an index's `index.toml`.
pub fn parse_index_toml(file: &str, text: &str) -> Result<IndexToml, Diagnostic> {
    toml::from_str(text).map_err(|e| toml_error(file, text, &e))
}

/// Parses a UI strings file (`key = "text"` lines).
pub fn parse_strings(file: &str, text: &str) -> Result<BTreeMap<String, String>, Diagnostic> {
    toml::from_str(text).map_err(|e| toml_error(file, text, &e))
}

/// Parses `site.toml`.
pub fn parse_site_toml(file: &str, text: &str) -> Result<RawConfig, Diagnostic> {
    crate::config::parse_site_toml(file, text)
}

/// Splits a Markdown file into its front matter and body, and the line the body starts on.
pub fn split_front_matter<'a>(file: &str, text: &'a str) -> Result<(FrontMatter, &'a str, usize), Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (fence, toml) in [("+++", true), ("---", false)] {
        let Some(rest) = text.strip_prefix(fence) else { continue };
        let Some(rest) = rest.strip_prefix('\n').or_else(|| rest.strip_prefix("\r\n")) else { continue };
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            if line.trim_end() == fence {
                let front = rest[..offset].to_string();
                let body = &rest[offset + line.len()..];
                let body_line = front.lines().count() + 3;
                let fm = if toml { FrontMatter::Toml(front) } else { FrontMatter::Yaml(front) };
                return Ok((fm, body, body_line));
            }
            offset += line.len();
        }
        return Err(Diagnostic::error(file, Some(1), format!("front matter opened with `{fence}` is never closed"))
            .hint(format!("add a line `{fence}` after the last front matter field")));
    }
    Ok((FrontMatter::None, text, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_excel_semicolon_with_bom() {
        let t = parse_table("x.csv", "\u{feff}unit;rank;score\nda-nang;1;0,8002\n".as_bytes()).unwrap();
        assert_eq!(t.delimiter, b';');
        assert!(t.decimal_comma());
        assert_eq!(t.headers, vec!["unit", "rank", "score"]);
        assert_eq!(t.rows[0].fields, vec!["da-nang", "1", "0,8002"]);
        assert_eq!(t.rows[0].line, 2);
    }

    #[test]
    fn reads_tabs_and_quoted_commas() {
        let t = parse_table("x.csv", b"unit\trank\tnote\nhue\t2\t\"a, b\"\n").unwrap();
        assert_eq!(t.delimiter, b'\t');
        assert_eq!(t.rows[0].fields[2], "a, b");
        let t = parse_table("x.csv", b"unit,rank,note\nhue,2,\"a; b\"\n").unwrap();
        assert_eq!(t.delimiter, b',');
    }

    #[test]
    fn refuses_utf16_and_legacy() {
        let e = parse_table("x.csv", &[0xFF, 0xFE, b'u', 0]).unwrap_err();
        assert!(e[0].message.contains("UTF-16"));
        let e = parse_table("x.csv", b"unit,rank\nh\xe0,1\n").unwrap_err();
        assert_eq!(e[0].line, Some(2));
        assert!(e[0].message.contains("not UTF-8"));
    }

    #[test]
    fn reports_every_short_row() {
        let e = parse_table("x.csv", b"unit,rank,score\na,1\nb,2,0.5\nc\n").unwrap_err();
        assert_eq!(e.iter().map(|d| d.line).collect::<Vec<_>>(), vec![Some(2), Some(4)]);
    }

    #[test]
    fn empty_file_is_refused() {
        let e = parse_table("x.csv", b"  \n").unwrap_err();
        assert!(e[0].message.contains("empty"));
    }

    #[test]
    fn toml_errors_carry_their_line() {
        let e = parse_index_toml("i.toml", "name_vi = \"a\"\nname_en = \n").unwrap_err();
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn front_matter_toml_and_yaml() {
        let (fm, body, line) = split_front_matter("a.md", "+++\ntitle = \"x\"\n+++\nHello\n").unwrap();
        assert_eq!(fm, FrontMatter::Toml("title = \"x\"\n".into()));
        assert_eq!(body, "Hello\n");
        assert_eq!(line, 4);
        let (fm, _, _) = split_front_matter("a.md", "---\ntitle: x\n---\n").unwrap();
        assert_eq!(fm, FrontMatter::Yaml("title: x\n".into()));
        assert!(split_front_matter("a.md", "+++\ntitle = 1\n").is_err());
        let (fm, body, _) = split_front_matter("a.md", "Just text").unwrap();
        assert_eq!((fm, body), (FrontMatter::None, "Just text"));
    }
}
