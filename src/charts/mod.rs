//! Charts: the model in, accessible SVG strings out. No I/O: the theme's font arrives as bytes
//! (`register_font`) and tile layouts as parsed rows (`parse_tile_layout`), both read by `load`.
//!
//! Every chart is a [`Chart`]: the SVG (with `role="img"`, a `<title>` and a `<desc>` that says
//! its message in words in the page language), the same title and description as plain text, and
//! the numbers it was drawn from as a [`Table`]. Text is measured with the theme's font through
//! plotters; the SVG names a font stack so that browsers draw with their own fonts. The same
//! input gives the same bytes.
//!
//! One job a submodule: [`draw`] (the plotters canvas and the font), [`svg`] (the accessible root
//! element and tidying what plotters writes), [`words`] (numbers, ranks and phrases in both
//! languages), [`bars`] (an edition's scores), [`history`] (a unit's rank over the years),
//! [`indicators`] (a unit's indicators against the median), [`layout`] (tile layouts read from
//! text), [`tiles`] (the tile-grid map) and [`models`] (exemplary models per content and year).

mod bars;
mod draw;
mod history;
mod indicators;
mod layout;
mod models;
mod svg;
mod tiles;
mod words;

#[cfg(test)]
mod fixture;

pub use crate::model::TileLayout;
pub use bars::edition_bars;
pub use history::rank_history;
pub use indicators::indicators_vs_median;
pub use layout::{parse_tile_layout, pick_layout};
pub use models::models_grid;
pub use tiles::tile_map;
pub use words::field_size;

/// One drawn chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// A complete `<svg>` element, usable inline in HTML and as a standalone `.svg` file.
    pub svg: String,
    /// What the chart shows, in the page language (also the SVG's `<title>`).
    pub title: String,
    /// The chart's message in words (also the SVG's `<desc>`).
    pub desc: String,
    /// The numbers the chart was drawn from, formatted for the page language.
    pub table: Table,
}

/// A chart's numbers as a table: a header row and one row per drawn item, every cell text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Registers the theme's chart font (TrueType/OpenType bytes) with plotters, which measures
/// text with it. Call it once before drawing; later calls after a success do nothing and return
/// `Ok`. Until a call succeeds every chart function returns `None`. Safe from many threads.
pub fn register_font(bytes: &[u8]) -> Result<(), String> {
    draw::register_font(bytes)
}

#[cfg(test)]
mod tests {
    use super::fixture;
    use crate::i18n::Lang;

    /// Sizes of every chart of the default site; `cargo test --lib charts::tests::sizes --
    /// --ignored --nocapture` prints them (and the SVGs themselves with `CHARTS_PRINT=1`).
    #[test]
    #[ignore]
    fn sizes() {
        let site = fixture::site();
        let print = std::env::var_os("CHARTS_PRINT").is_some();
        let mut all: Vec<(String, usize)> = Vec::new();
        let mut emit = |name: String, chart: Option<super::Chart>| {
            if let Some(c) = chart {
                if print {
                    println!("=====FILE {name}.svg\n{}", c.svg);
                }
                all.push((name, c.svg.len()));
            }
        };
        let layouts: Vec<super::TileLayout> =
            [include_str!("../../data/tiles/provinces-63.csv"), include_str!("../../data/tiles/provinces-34.csv")]
                .iter()
                .map(|t| super::parse_tile_layout(t, |id| site.unit(id)).expect("layout parses"))
                .collect();
        let href = |u: usize| format!("/dia-phuong/{}/", site.units[u].slug);
        for lang in Lang::ALL {
            for (i, idx) in site.indices.iter().enumerate() {
                for (e, ed) in idx.editions.iter().enumerate() {
                    let name = format!("{}-{}-{}", idx.key, ed.key, lang.code());
                    emit(format!("bars-{name}"), super::edition_bars(&site, i, e, lang, "bars"));
                    if let Some(l) = super::pick_layout(&site, i, e, &layouts) {
                        emit(format!("map-{name}"), super::tile_map(&site, i, e, &layouts[l], lang, &href, "map"));
                    }
                }
            }
            for u in 0..site.units.len() {
                let name = format!("{}-{}", site.units[u].id, lang.code());
                emit(format!("history-{name}"), super::rank_history(&site, u, lang, "history"));
                emit(format!("indicators-{name}"), super::indicators_vs_median(&site, u, lang, "indicators"));
            }
        }
        let total: usize = all.iter().map(|(_, n)| n).sum();
        let max = all.iter().max_by_key(|(_, n)| *n).cloned().unwrap_or_default();
        if !print {
            for (name, n) in &all {
                println!("{n:>7} {name}");
            }
        }
        eprintln!("{} charts, {} bytes in all, largest {} ({} bytes)", all.len(), total, max.0, max.1);
        assert!(max.1 < 40_000);
    }
}
