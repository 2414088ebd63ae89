//! What `load` read, as it was read: the site's files as strings, tables and TOML structs with
//! their places, not yet checked.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::config::RawConfig;

/// Everything the site's folder holds, read but not yet checked for meaning.
#[derive(Debug, Default)]
pub(crate) struct RawSite {
    pub config: Option<RawConfig>,
    pub units: Option<RawTable>,
    /// `data/unit-names.csv`: names units were published under, when the site has one.
    pub unit_names: Option<RawTable>,
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
    /// `data/targets/*.csv`: the movement's targets, by file name (`programmes.csv`, …).
    pub targets: BTreeMap<String, RawTable>,
    /// Drafts and future news asked for on the command line (set by the caller, not read).
    pub publish: crate::config::Publish,
    /// `content/<section>/_index.md` and `_index.en.md`: a section's title and introduction.
    pub section_index: Vec<RawDoc>,
}

impl RawSite {
    /// The data and content apart from the theme: they are checked apart.
    pub(crate) fn split_theme(mut self) -> (RawSite, RawTheme) {
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
pub(crate) const SECTIONS: [&str; 4] = ["news", "models", "pages", "movement"];

/// A CSV file as rows of strings, each with the line it started on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawTable {
    pub file: String,
    pub delimiter: u8,
    pub header_line: usize,
    pub headers: Vec<String>,
    pub rows: Vec<RawRow>,
    /// The sheet a workbook's table was read from (`None` for a CSV file): problems then name
    /// their cell, `file!sheet!C14`, instead of a line.
    pub sheet: Option<String>,
    /// The column of the file (0-based) each header stands in, when `check` dropped or mapped
    /// columns; empty when they are in order.
    pub source_columns: Vec<usize>,
}

impl RawTable {
    /// Numbers in this file use a decimal comma (Excel does so where `;` or tab delimit). A
    /// workbook's numbers stored as text may be written either way.
    pub fn decimal_comma(&self) -> bool {
        self.sheet.is_some() || self.delimiter != b','
    }

    /// Where a cell is, as a diagnostic names it: `file` and `line` for CSV, the cell
    /// (`file!sheet!C14`, no line) for a workbook, its row's first cell when `col` is `None`.
    pub fn place(&self, line: usize, col: Option<usize>) -> (String, Option<usize>) {
        match &self.sheet {
            None => (self.file.clone(), Some(line)),
            Some(sheet) => {
                let c = col.map_or(0, |c| self.source_columns.get(c).copied().unwrap_or(c));
                (format!("{}!{}!{}{}", self.file, sheet, super::sheet::column_letters(c), line), None)
            }
        }
    }

    /// An error at a cell of the table (see [`RawTable::place`]).
    pub fn error(&self, line: usize, col: Option<usize>, message: crate::diag::Text) -> crate::diag::Diagnostic {
        let (file, line) = self.place(line, col);
        crate::diag::Diagnostic::error(file, line, message)
    }

    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawRow {
    pub line: usize,
    pub fields: Vec<String>,
}

impl RawRow {
    pub fn get(&self, col: Option<usize>) -> &str {
        col.and_then(|c| self.fields.get(c)).map_or("", |s| s.trim())
    }
}

/// One `data/rankings/<key>/` folder.
#[derive(Debug, Default)]
pub(crate) struct RawIndex {
    pub key: String,
    pub dir: String,
    pub file: String,
    pub text: String,
    pub toml: Option<IndexToml>,
    /// CSV files of the folder by file name; `None` where the file could not be read.
    pub tables: BTreeMap<String, Option<RawTable>>,
}

impl RawIndex {
    /// Whether `other` was read from the same files with the same contents (`index.toml`'s text,
    /// every table), so that it checks the same against the same units.
    pub(crate) fn same_input(&self, other: &RawIndex) -> bool {
        (&self.key, &self.dir, &self.file, &self.text, &self.tables)
            == (&other.key, &other.dir, &other.file, &other.text, &other.tables)
    }
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
    /// The licence of this index's data when it is not the site's.
    #[serde(default)]
    pub license: Option<crate::config::License>,
    /// Column headers of this index's edition files beyond the built-in ones, as written in the
    /// file → the column they are (`"Điểm DTI" = "score"`).
    #[serde(default)]
    pub columns: BTreeMap<String, Spanned<String>>,
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
    /// The sheet of a workbook (`.xlsx`, `.ods`, `.xls`) the ranking is on; the first if none.
    #[serde(default)]
    pub sheet: Option<String>,
    /// The row (line of a CSV) that holds the column headers, when it is not found by itself.
    #[serde(default)]
    pub header_row: Option<Spanned<i64>>,
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
    pub average: Option<Spanned<f64>>,
    /// How many units the edition ranked, when not all units of the index's kind on the day
    /// it was published (e.g. 63 for a table of the provinces before the 2025 merger).
    pub field: Option<Spanned<i64>>,
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
pub(crate) struct RawDoc {
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
