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

pub mod base_url;
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
pub mod images;
pub mod incremental;
pub mod init;
pub(crate) mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pages;
pub mod progress;
pub(crate) mod routes;
pub mod serve;
pub(crate) mod shortcodes;
pub mod theme;
pub mod timings;
pub(crate) mod write;

pub use build::{build, build_site, check, load, render, BuildOptions, Built, Rendered, Summary};
