//! Charts: the model in, accessible SVG strings out. No I/O: the theme's font arrives as a
//! [`Font`] made from its bytes, and tile layouts as parsed rows (`parse_tile_layout`), both read
//! by `load`.
//!
//! Every chart is a [`Chart`]: the SVG (with `role="img"`, a `<title>` and a `<desc>` that says
//! its message in words in the page language), the same title and description as plain text, and
//! the numbers it was drawn from as a [`Table`]. Its words are the theme's: each chart function
//! takes the theme's [`Strings`](crate::i18n::Strings) and asks for its `chart_*` keys
//! ([`STRING_KEYS`]), filling in their `{placeholders}`. Text is measured with the theme's font; the SVG
//! names a font stack so that browsers draw with their own fonts. The same input gives the same
//! bytes. A chart function gives `Ok(None)` when there is nothing to draw, and a [`ChartError`]
//! naming the chart when drawing fails.
//!
//! One job a submodule: [`font`] (measuring text), [`backend`] (plotters shapes written as
//! compact SVG), [`draw`] (the canvas, text styles and palette), [`svg`] (the accessible root
//! element), [`words`] (numbers, ranks, and the theme's phrases filled in), [`bars`] (an edition's
//! scores), [`history`] (a unit's rank over the years), [`indicators`] (a unit's indicators
//! against the median), [`layout`] (tile layouts read from text), [`tiles`] (the tile-grid map, drawn by
//! [`tile_grid`])
//! [`models`] (exemplary models per content and year), [`targets`] (a target's published
//! figures against its promise and deadline), [`leaders`] (an index's leaders across the years)
//! and [`credit`] (the source and licence a standalone chart file carries).

mod backend;
mod bars;
mod credit;
mod draw;
mod font;
mod history;
mod indicators;
mod layout;
mod leaders;
mod models;
mod svg;
mod targets;
mod tile_grid;
mod tiles;
mod words;

#[cfg(test)]
mod fixture;

pub(crate) use bars::edition_bars;
pub(crate) use credit::{credit_line, with_credit, Credit};
pub(crate) use font::Font;
pub(crate) use history::rank_history;
pub(crate) use indicators::indicators_vs_median;
pub(crate) use layout::{parse_tile_layout, pick_layout};
pub(crate) use leaders::leaders;
pub(crate) use models::models_grid;
pub(crate) use targets::{target_history, Words as TargetWords};
pub(crate) use tiles::tile_map;
pub(crate) use words::STRING_KEYS;

/// One drawn chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chart {
    /// A complete `<svg>` element drawn for a phone ([`draw::WIDTH`]), usable inline in HTML.
    pub svg: String,
    /// The same chart drawn for a desktop column ([`draw::WIDE`]), its ids prefixed with
    /// [`draw::wide_id`]; also the standalone `.svg` file. `None` when one drawing fits both.
    pub wide: Option<String>,
    /// The tiles' short labels and the names they stand for, for a key a page shows beside a
    /// tile map (empty for other charts).
    pub key: Vec<KeyEntry>,
    /// What the chart shows, in the page language (also the SVG's `<title>`).
    pub title: String,
    /// The chart's message in words (also the SVG's `<desc>`).
    pub desc: String,
    /// The numbers the chart was drawn from, formatted for the page language.
    pub table: Table,
}

/// One tile of a tile map in words: its short label, the unit's name, and the unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyEntry {
    pub code: String,
    pub name: String,
    pub unit: crate::model::UnitId,
    /// Whether the wide drawing shows the name in the tile (the key is then needed on phones only).
    pub named_wide: bool,
}

impl Chart {
    /// The drawing for a file of its own and a share card: the wide one when there is one.
    pub(crate) fn largest(&self) -> &str {
        self.wide.as_deref().unwrap_or(&self.svg)
    }
}

/// A chart's numbers as a table: a header row and one row per drawn item, every cell text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A chart that could not be drawn: which one, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChartError {
    /// The id the chart was asked for (the prefix of the ids inside its SVG).
    pub id: String,
    /// Its title, in the page language.
    pub title: String,
    pub message: String,
}

impl ChartError {
    pub(crate) fn new(id: &str, title: &str, message: impl Into<String>) -> Self {
        ChartError { id: id.to_string(), title: title.to_string(), message: message.into() }
    }
}

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the chart \"{}\" ({}) cannot be drawn: {}", self.title, self.id, self.message)
    }
}

impl std::error::Error for ChartError {}

/// What a chart function gives: a chart, nothing to draw, or the chart that failed.
pub(crate) type ChartResult = Result<Option<Chart>, ChartError>;

#[cfg(test)]
mod tests {
    use super::{fixture, Chart};
    use crate::i18n::Lang;
    use crate::model::Site;

    /// Every chart of the default site with a name, in a fixed order.
    fn every_chart(site: &Site, mut f: impl FnMut(String, Chart)) {
        let (font, strings) = (&fixture::font(), fixture::strings());
        let layouts: Vec<crate::model::TileLayout> =
            [include_str!("../../data/tiles/provinces-63.csv"), include_str!("../../data/tiles/provinces-34.csv")]
                .iter()
                .map(|t| super::parse_tile_layout(t, |id| site.unit(id)).expect("layout parses"))
                .collect();
        let href = |u: usize| format!("/dia-phuong/{}/", site.units[u].slug);
        let mut emit = |name: String, chart: super::ChartResult| {
            if let Some(c) = chart.unwrap_or_else(|e| panic!("{e}")) {
                if let Some(wide) = &c.wide {
                    f(format!("{name}-wide"), Chart { svg: wide.clone(), wide: None, ..c.clone() });
                }
                f(name, c);
            }
        };
        for lang in Lang::ALL {
            for (i, idx) in site.indices.iter().enumerate() {
                for (e, ed) in idx.editions.iter().enumerate() {
                    let name = format!("{}-{}-{}", idx.key, ed.key, lang.code());
                    emit(format!("bars-{name}"), super::edition_bars(font, strings, site, i, e, lang, "bars"));
                    if let Some(l) = super::pick_layout(site, i, e, &layouts) {
                        let map = super::tile_map(font, strings, site, i, e, &layouts[l], lang, &href, "map");
                        emit(format!("map-{name}"), map);
                    }
                }
            }
            for u in 0..site.units.len() {
                let name = format!("{}-{}", site.units[u].id, lang.code());
                emit(format!("history-{name}"), super::rank_history(font, strings, site, u, lang, "history"));
                emit(
                    format!("indicators-{name}"),
                    super::indicators_vs_median(font, strings, site, u, lang, "indicators"),
                );
            }
        }
    }

    #[test]
    fn a_failed_chart_says_which() {
        let e = super::ChartError::new("scores", "DTI 2024: điểm", "the canvas is shared");
        assert_eq!(e.to_string(), "the chart \"DTI 2024: điểm\" (scores) cannot be drawn: the canvas is shared");
    }

    /// Sizes of every chart of the default site; `cargo test --lib charts::tests::sizes --
    /// --ignored --nocapture` prints them (and the SVGs themselves with `CHARTS_PRINT=1`).
    #[test]
    #[ignore]
    fn sizes() {
        let site = fixture::site();
        let print = std::env::var_os("CHARTS_PRINT").is_some();
        let mut all: Vec<(String, usize)> = Vec::new();
        every_chart(&site, |name, c| {
            if print {
                println!("=====FILE {name}.svg\n{}", c.svg);
            }
            all.push((name, c.svg.len()));
        });
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

    /// Charts drawn per second on one thread, every chart of the default site in turn:
    /// `cargo test --release --lib charts::tests::speed -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn speed() {
        let site = fixture::site();
        let (mut drawn, mut bytes) = (0usize, 0usize);
        let start = std::time::Instant::now();
        while start.elapsed().as_secs_f64() < 3.0 {
            every_chart(&site, |_, c| {
                drawn += 1;
                bytes += c.svg.len();
            });
        }
        let secs = start.elapsed().as_secs_f64();
        eprintln!("{drawn} charts ({bytes} bytes) in {secs:.2} s: {:.0} charts/s on one thread", drawn as f64 / secs);
    }
}
