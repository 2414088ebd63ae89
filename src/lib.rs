//! minhbach: official rankings, units and their lineage in; a fast, accessible, bilingual
//! static site out. The whole program, one module a step (`build` runs it; ARCHITECTURE.md
//! gives each module its floor: it imports only from below):
//!
//! `load` (the only reader: files into raw tables, documents and theme files) → `check` (raw
//! input into the typed `model`, every problem at once) → `theme` (templates, strings, font,
//! tile layouts) → `pages` (every file as a string, with `charts`, `format` and `routes`) →
//! `output` (each file as it is made: links noted, minified, hashed) → `links` (every internal
//! link resolves) → `write` (the only writer: a staging folder swapped in at once).
//! `serve` keeps the site between builds; `incremental` renders only what an edit changes.

pub(crate) mod base_url;
pub mod build;
pub(crate) mod charts;
pub(crate) mod check;
pub mod cli;
pub(crate) mod config;
pub mod diag;
pub(crate) mod escape;
pub(crate) mod format;
pub mod help;
pub mod i18n;
pub(crate) mod images;
pub mod incremental;
pub mod init;
pub(crate) mod links;
pub(crate) mod load;
pub mod markdown;
pub(crate) mod model;
pub mod output;
pub(crate) mod pages;
pub mod progress;
pub(crate) mod routes;
pub mod serve;
pub(crate) mod shortcodes;
pub(crate) mod theme;
pub mod timings;
pub(crate) mod write;

pub use build::{build, build_site, check, load, render, BuildOptions, Built, Rendered, Summary};
pub use pages::Renderer;

/// The input parsers on their own, without a site around them (for the fuzz targets and tests):
/// each turns one file's bytes into its raw form or the problem with its place.
pub mod parse {
    pub use super::load::sheet::parse_workbook;
    pub use super::load::{parse_edition_csv, parse_index_toml, parse_site_toml, split_front_matter};
}
