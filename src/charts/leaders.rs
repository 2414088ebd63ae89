//! An index's leaders across the years: the rank, edition by edition of the main series, of
//! every unit that was once among the first three; rank 1 on top, gaps where a rank is not
//! published or the field changed (34 units after 63), derived ranks hollow.

use plotters::prelude::*;

use super::draw::{self, label, style_at, Area, DrawResult, CENTER, INK, LEFT, MUTED, PX, RIGHT, SERIES};
use super::words::{self, say};
use super::{svg, Chart, ChartError, ChartResult, Font, Table};
use crate::i18n::{Lang, Strings};
use crate::model::{RankBasis, Site, UnitId};

const PAD: i32 = 8;
const LEFT_AXIS: i32 = 34;
const TOP: i32 = 46;
const PLOT_H: i32 = 180;
/// Ranks up to this count as leading.
const LEADING: u32 = 3;

/// The leaders of index `i` across its main-series editions; `None` when fewer than two
/// editions or no leader. `id` prefixes ids in the SVG.
pub(crate) fn leaders(font: &Font, strings: &Strings, site: &Site, i: usize, lang: Lang, id: &str) -> ChartResult {
    let index = &site.indices[i];
    let editions: Vec<usize> = (0..index.editions.len()).filter(|&e| index.editions[e].series.is_empty()).collect();
    if editions.len() < 2 {
        return Ok(None);
    }
    // Leaders in the order of their best rank, then first year, then name; as many as colours.
    let mut units: Vec<(u32, usize, u32, UnitId)> = Vec::new();
    for (n, &e) in editions.iter().enumerate() {
        for row in &index.editions[e].rows {
            if let Some(r) = row.rank.filter(|&r| r <= LEADING) {
                match units.iter_mut().find(|u| u.3 == row.unit) {
                    Some(u) => u.0 = u.0.min(r),
                    None => units.push((r, n, site.name_order.get(row.unit).copied().unwrap_or(u32::MAX), row.unit)),
                }
            }
        }
    }
    units.sort();
    units.truncate(SERIES.len());
    if units.is_empty() {
        return Ok(None);
    }
    let name = |u: UnitId| site.units[u].name.get(lang).to_string();
    let title = say(strings, lang, "chart_leaders_title", &[("index", index.short.get(lang))]);
    let rank_at = |e: usize, u: UnitId| index.editions[e].row_of(u).filter(|r| r.rank.is_some());
    let mut ymax = LEADING;
    for &(_, _, _, u) in &units {
        for &e in &editions {
            if let Some(r) = rank_at(e, u) {
                ymax = ymax.max(r.rank.unwrap_or(1));
            }
        }
    }
    let table = Table {
        head: ["chart_head_unit", "chart_head_edition", "chart_head_rank"]
            .map(|k| strings.get(lang, k).to_string())
            .to_vec(),
        rows: units
            .iter()
            .flat_map(|&(_, _, _, u)| {
                editions.iter().map(move |&e| {
                    let ed = &index.editions[e];
                    let rank = ed.row_of(u).map_or_else(|| "—".to_string(), words::row_rank);
                    vec![name(u), words::edition_short(ed), rank]
                })
            })
            .collect(),
    };
    let desc = {
        let lines: Vec<String> = units
            .iter()
            .map(|&(_, _, _, u)| {
                let ranks: Vec<String> = editions
                    .iter()
                    .filter_map(|&e| {
                        let ed = &index.editions[e];
                        Some(format!("{} {}", ed.year, words::row_rank(rank_at(e, u)?)))
                    })
                    .collect();
                format!("{} ({})", name(u), ranks.join(", "))
            })
            .collect();
        say(strings, lang, "chart_leaders_desc", &[("leaders", &words::join(&lines, strings, lang))])
    };

    let y0 = index.editions[editions[0]].year;
    let y1 = index.editions[*editions.last().unwrap_or(&editions[0])].year;
    let draw_at = |width: u32, id: &str| -> Result<String, ChartError> {
        let w = width as i32;
        let (left, right) = (LEFT_AXIS, w - PAD - 10);
        let span = f64::from((y1 - y0 + 1).max(1));
        let x_of = |year: i32| left + ((f64::from(year - y0) + 0.5) / span * f64::from(right - left)).round() as i32;
        let y_of = |rank: u32| {
            TOP + ((f64::from(rank.max(1) - 1) / f64::from(ymax.max(2) - 1)) * f64::from(PLOT_H)).round() as i32
        };
        let axis_y = TOP + PLOT_H + 6;
        let legend_y = axis_y + 34;
        let caption = font.wrap(&title, PX, f64::from(w - 2 * PAD));
        let shift = 16 * (caption.len() as i32 - 1).max(0);
        // Each name on as many lines as it needs beside its key, never cut.
        let legend: Vec<Vec<String>> =
            units.iter().map(|&(_, _, _, u)| font.wrap(&name(u), PX, f64::from(w - 2 * PAD - 30))).collect();
        let (legend_tops, legend_end) = draw::legend_tops(legend_y, &legend);
        let height = legend_end + PAD + shift;

        let body = draw::render(font, width, height as u32, |area: &Area| -> DrawResult {
            for (n, c) in caption.iter().enumerate() {
                label(area, c, PAD, 12 + 16 * n as i32, &draw::bold(style_at(PX, INK, LEFT)))?;
            }
            let area = &area.clone().shrink((0, shift), (width, (height - shift) as u32));
            label(area, strings.get(lang, "chart_rank_axis"), PAD, TOP - 18, &style_at(PX, MUTED, LEFT))?;
            for r in super::history::rank_ticks(ymax) {
                let y = y_of(r);
                area.draw(&PathElement::new(vec![(left, y), (right, y)], draw::GRID.stroke_width(1)))?;
                label(area, &r.to_string(), left - 6, y, &style_at(PX, MUTED, RIGHT))?;
            }
            let every = if y1 - y0 > 6 { 2 } else { 1 };
            for year in (y0..=y1).filter(|y| (y - y0) % every == 0) {
                label(area, &year.to_string(), x_of(year), axis_y + 8, &style_at(PX, MUTED, CENTER))?;
            }
            for (n, &(_, _, _, u)) in units.iter().enumerate() {
                let colour = SERIES[n % SERIES.len()];
                let mut run: Vec<(i32, i32)> = Vec::new();
                let mut field = None;
                for &e in &editions {
                    // Ranks are compared only within the same field: a change of field breaks the line.
                    if field.is_some_and(|f| f != index.editions[e].field) {
                        if run.len() > 1 {
                            draw::line(area, run.clone(), colour, 2, false)?;
                        }
                        run.clear();
                    }
                    field = Some(index.editions[e].field);
                    match rank_at(e, u) {
                        Some(row) => run.push((x_of(index.editions[e].year), y_of(row.rank.unwrap_or(1)))),
                        None => {
                            if run.len() > 1 {
                                draw::line(area, run.clone(), colour, 2, false)?;
                            }
                            run.clear();
                        }
                    }
                }
                if run.len() > 1 {
                    draw::line(area, run, colour, 2, false)?;
                }
                for &e in &editions {
                    let Some(row) = rank_at(e, u) else { continue };
                    let (x, y) = (x_of(index.editions[e].year), y_of(row.rank.unwrap_or(1)));
                    let fill = if row.basis == RankBasis::Derived { WHITE.filled() } else { colour.filled() };
                    area.draw(&Circle::new((x, y), 4, fill))?;
                    area.draw(&Circle::new((x, y), 4, colour.stroke_width(2)))?;
                }
                let ly = legend_tops[n];
                draw::line(area, vec![(PAD, ly), (PAD + 22, ly)], colour, 2, false)?;
                area.draw(&Circle::new((PAD + 11, ly), 4, colour.filled()))?;
                draw::legend_name(area, &legend[n], PAD + 30, ly)?;
            }
            Ok(())
        })
        .map_err(|e| ChartError::new(id, &title, e))?;
        Ok(svg::document(id, width, height as u32, &title, &desc, &body))
    };
    let (svg, wide) = draw::both_widths(id, draw_at)?;
    Ok(Some(Chart { svg, wide, title, desc, table, key: Vec::new() }))
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn the_leaders_of_the_default_site_are_drawn_with_their_ranks() {
        let site = fixture::site();
        let i = site.indices.iter().position(|x| x.key == "dti-tinh").unwrap();
        let chart = leaders(&fixture::font(), fixture::strings(), &site, i, Lang::Vi, "leaders").unwrap().unwrap();
        assert!(chart.title.contains("DTI cấp tỉnh"), "{}", chart.title);
        assert!(chart.desc.contains("Đà Nẵng (2020 1"), "{}", chart.desc);
        assert!(chart.svg.starts_with("<svg") && chart.svg.contains("Đà Nẵng"));
        // One row a leader and edition of the main series.
        assert_eq!(chart.table.rows.len() % 5, 0);
        assert!(chart.table.rows.iter().any(|r| r[0] == "Đà Nẵng" && r[2] == "1"));
    }
}
