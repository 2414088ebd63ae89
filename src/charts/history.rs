//! A unit's rank over the editions of every index that ranked it: rank 1 on top, one line per
//! series, the lines of the units that merged into it dashed, gaps where an edition has no rank.

use plotters::prelude::*;

use super::draw::{self, label, style_at, Area, DrawResult, CENTER, INK, LEFT, MUTED, PX, RIGHT, SERIES};
use super::words::{self, say};
use super::{svg, Chart, ChartError, ChartResult, Font, Table};
use crate::i18n::{Lang, Strings};
use crate::model::{HistoryEntry, Site, UnitId};

const PAD: i32 = 8;
const LEFT_AXIS: i32 = 34;
const TOP: i32 = 46;
const PLOT_H: i32 = 180;

/// One line: a unit (the chart's own or a predecessor) in one series of one index.
struct Line<'a> {
    index: usize,
    series: String,
    via: UnitId,
    /// Editions of the series in order, with the rank the unit had there (`None`: a gap).
    points: Vec<(usize, Option<&'a HistoryEntry<'a>>)>,
}

/// Rank across editions for `unit` and, dashed, the units that merged into it, its text
/// measured with `font`, its words the theme's `strings`. `None` when no edition ranks any of
/// them. `id` prefixes ids in the SVG.
pub(crate) fn rank_history(
    font: &Font,
    strings: &Strings,
    site: &Site,
    unit: UnitId,
    lang: Lang,
    id: &str,
) -> ChartResult {
    let entries = site.history(unit);
    let lineage = site.lineage(unit);
    // Lines in a stable order: the unit's own first, main series before others, then each
    // predecessor in lineage order; within each, indices in site order.
    let mut lines: Vec<Line> = Vec::new();
    for &via in &lineage {
        for (i, idx) in site.indices.iter().enumerate() {
            let mut keys: Vec<&str> = Vec::new();
            for ed in &idx.editions {
                if !keys.contains(&ed.series.as_str()) {
                    keys.push(&ed.series);
                }
            }
            keys.sort_by_key(|k| !k.is_empty());
            for key in keys {
                let points: Vec<(usize, Option<&HistoryEntry>)> = idx
                    .editions
                    .iter()
                    .enumerate()
                    .filter(|(_, ed)| ed.series == key)
                    .map(|(e, _)| {
                        (
                            e,
                            entries
                                .iter()
                                .find(|h| h.index == i && h.edition == e && h.via == via && h.row.rank.is_some()),
                        )
                    })
                    .collect();
                if points.iter().any(|(_, h)| h.is_some()) {
                    lines.push(Line { index: i, series: key.to_string(), via, points });
                }
            }
        }
    }
    if lines.is_empty() {
        return Ok(None);
    }
    let name = |u: UnitId| site.units[u].name.get(lang).to_string();
    let many_indices = lines.iter().any(|l| l.index != lines[0].index);
    let title = say(strings, lang, "chart_history_title", &[("unit", &name(unit))]);
    let desc = describe(site, strings, unit, &lines, lang);
    let table = Table {
        head: ["chart_head_index", "chart_head_edition", "chart_head_unit", "chart_head_rank"]
            .map(|k| strings.get(lang, k).to_string())
            .to_vec(),
        rows: entries
            .iter()
            .map(|h| {
                let idx = &site.indices[h.index];
                vec![
                    idx.short.get(lang).to_string(),
                    words::edition_short(&idx.editions[h.edition]),
                    name(h.via),
                    words::row_rank(h.row),
                ]
            })
            .collect(),
    };

    // Scales: years across, rank down (1 on top) to the largest field or rank drawn.
    let years: Vec<i32> =
        lines.iter().flat_map(|l| l.points.iter().map(|&(e, _)| site.indices[l.index].editions[e].year)).collect();
    let (Some(&y0), Some(&y1)) = (years.iter().min(), years.iter().max()) else { return Ok(None) };
    let mut ymax = 1u32;
    for l in &lines {
        let idx = &site.indices[l.index];
        for &(e, h) in &l.points {
            if let Some(h) = h {
                ymax = ymax.max(h.row.rank.unwrap_or(1));
                let ed = &idx.editions[e];
                ymax = ymax.max(words::field_size(site, idx, ed).unwrap_or(ed.ranked() as u32));
            }
        }
    }
    let Some(legend) = lines
        .iter()
        .map(|l| {
            let mut s = name(l.via);
            if l.via != unit {
                s = say(strings, lang, "chart_merged", &[("unit", &s)]);
            }
            let idx = &site.indices[l.index];
            if many_indices {
                s = format!("{s} · {}", idx.short.get(lang));
            }
            if !l.series.is_empty() {
                let ed = l.points.first().map(|&(e, _)| &idx.editions[e])?;
                let tag = ed.label.get(lang);
                s = format!("{s} · {}", if tag.is_empty() { &ed.series } else { tag });
            }
            Some(s)
        })
        .collect::<Option<Vec<String>>>()
    else {
        return Ok(None);
    };

    // One edition ranked, one dot: say so under it rather than leave a lone point unexplained.
    let points = lines.iter().map(|l| l.points.iter().filter(|(_, h)| h.is_some()).count()).sum::<usize>();
    let single = (points == 1).then(|| strings.get(lang, "chart_history_single").to_string());
    let draw_at = |width: u32, id: &str| -> Result<String, ChartError> {
        let w = width as i32;
        let caption = font.wrap(&title, PX, f64::from(w - 2 * PAD));
        let shift = 16 * (caption.len() as i32 - 1).max(0);
        // Each legend entry on as many lines as it needs beside its key, never cut.
        let legend: Vec<Vec<String>> = legend.iter().map(|s| font.wrap(s, PX, f64::from(w - 2 * PAD - 30))).collect();
        let note: Vec<String> = single.as_deref().map(|t| font.wrap(t, PX, f64::from(w - 2 * PAD))).unwrap_or_default();
        let (left, right) = (LEFT_AXIS, w - PAD - 10);
        let span = f64::from(y1 - y0 + 1);
        let x_of = |year: i32| left + ((f64::from(year - y0) + 0.5) / span * f64::from(right - left)).round() as i32;
        let y_of = |rank: u32| {
            TOP + ((f64::from(rank.max(1) - 1) / f64::from(ymax.max(2) - 1)) * f64::from(PLOT_H)).round() as i32
        };
        let axis_y = TOP + PLOT_H + 6;
        let note_y = axis_y + 30;
        let legend_y = note_y + 18 * note.len() as i32 + 4;
        let (legend_tops, legend_end) = draw::legend_tops(legend_y, &legend);
        let height = legend_end + PAD + shift;

        let body = draw::render(font, width, height as u32, |area: &Area| -> DrawResult {
            for (n, c) in caption.iter().enumerate() {
                label(area, c, PAD, 12 + 16 * n as i32, &draw::bold(style_at(PX, INK, LEFT)))?;
            }
            let area = &area.clone().shrink((0, shift), (width, (height - shift) as u32));
            for (n, line) in note.iter().enumerate() {
                label(area, line, PAD, note_y + 18 * n as i32, &style_at(PX, MUTED, LEFT))?;
            }
            label(area, strings.get(lang, "chart_rank_axis"), PAD, TOP - 18, &style_at(PX, MUTED, LEFT))?;
            // Rank gridlines: 1, then round steps, then the bottom of the field.
            for r in rank_ticks(ymax) {
                let y = y_of(r);
                area.draw(&PathElement::new(vec![(left, y), (right, y)], draw::GRID.stroke_width(1)))?;
                label(area, &r.to_string(), left - 6, y, &style_at(PX, MUTED, RIGHT))?;
            }
            let every = if y1 - y0 > 6 { 2 } else { 1 };
            for year in (y0..=y1).filter(|y| (y - y0) % every == 0) {
                label(area, &year.to_string(), x_of(year), axis_y + 8, &style_at(PX, MUTED, CENTER))?;
            }
            for (n, l) in lines.iter().enumerate() {
                let colour = SERIES[n % SERIES.len()];
                let own = l.via == unit;
                let idx = &site.indices[l.index];
                let at = |e: usize, h: &HistoryEntry| (x_of(idx.editions[e].year), y_of(h.row.rank.unwrap_or(1)));
                // Runs of consecutive ranked editions; a missing rank breaks the line, and so
                // does a change of field (rank 1 of 63 and rank 17 of 34 are not one scale).
                let mut run: Vec<(i32, i32)> = Vec::new();
                let mut field = None;
                for &(e, h) in &l.points {
                    match h {
                        Some(h) => {
                            let f = idx.editions[e].field;
                            if field.is_some_and(|last| last != f) {
                                if run.len() > 1 {
                                    draw::line(area, run.clone(), colour, 2, !own)?;
                                }
                                run.clear();
                            }
                            field = Some(f);
                            run.push(at(e, h));
                        }
                        None => {
                            if run.len() > 1 {
                                draw::line(area, run.clone(), colour, 2, !own)?;
                            }
                            run.clear();
                        }
                    }
                }
                if run.len() > 1 {
                    draw::line(area, run, colour, 2, !own)?;
                }
                for &(e, h) in &l.points {
                    let Some(h) = h else { continue };
                    let (x, y) = at(e, h);
                    marker(area, x, y, colour, own, l.series.is_empty())?;
                    // The unit's own ranks in words: above the main line, beside other series.
                    if own {
                        let text = words::row_rank(h.row);
                        if l.series.is_empty() {
                            label(area, &text, x, y - 11, &style_at(PX, INK, CENTER))?;
                        } else {
                            label(area, &text, x + 7, y, &style_at(PX, INK, LEFT))?;
                        }
                    }
                }
                let ly = legend_tops[n];
                draw::line(area, vec![(PAD, ly), (PAD + 22, ly)], colour, 2, !own)?;
                marker(area, PAD + 11, ly, colour, own, l.series.is_empty())?;
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

/// A point: circle for a main series, square for another; filled for the unit, hollow for a
/// predecessor, so lines stay apart without colour.
fn marker(area: &Area, x: i32, y: i32, colour: RGBColor, filled: bool, circle: bool) -> DrawResult {
    let fill = if filled { colour.filled() } else { WHITE.filled() };
    if circle {
        area.draw(&Circle::new((x, y), 4, fill))?;
        if !filled {
            area.draw(&Circle::new((x, y), 4, colour.stroke_width(2)))?;
        }
    } else {
        area.draw(&Rectangle::new([(x - 4, y - 4), (x + 4, y + 4)], fill))?;
        if !filled {
            area.draw(&Rectangle::new([(x - 4, y - 4), (x + 4, y + 4)], colour.stroke_width(2)))?;
        }
    }
    Ok(())
}

/// Rank gridlines: 1, multiples of a round step, and `max` when far enough from the last.
/// Up to 160 the steps are the ones readers know from the 63- and 34-province tables; above it
/// the step is the smallest 1, 2 or 5 × 10ⁿ that keeps eight lines at most, so a field of
/// thousands of communes (or a mistyped one of billions) draws a few lines, not millions.
pub(super) fn rank_ticks(max: u32) -> Vec<u32> {
    let step: u32 = match max {
        0..=6 => 1,
        7..=12 => 2,
        13..=30 => 5,
        31..=80 => 10,
        81..=160 => 20,
        _ => {
            let want = max.div_ceil(8);
            let mut unit = 1u32;
            loop {
                if let Some(s) = [unit, unit.saturating_mul(2), unit.saturating_mul(5)].into_iter().find(|&s| s >= want)
                {
                    break s;
                }
                unit = unit.saturating_mul(10);
            }
        }
    };
    let mut v = vec![1];
    let mut r = step;
    while r <= max {
        if r > 1 {
            v.push(r);
        }
        match r.checked_add(step) {
            Some(next) => r = next,
            None => break,
        }
    }
    let last = *v.last().unwrap_or(&1);
    if last != max && u64::from(max - last) * 3 >= u64::from(step) {
        v.push(max);
    }
    v
}

/// The message: where the unit stood last in each index, how it moved, every edition, and
/// where its predecessors stood.
fn describe(site: &Site, strings: &Strings, unit: UnitId, lines: &[Line], lang: Lang) -> String {
    let name = |u: UnitId| site.units[u].name.get(lang).to_string();
    let mut parts: Vec<String> = Vec::new();
    for l in lines.iter().filter(|l| l.via == unit && l.series.is_empty()) {
        let idx = &site.indices[l.index];
        let Some((e, h)) = l.points.iter().rev().find_map(|&(e, h)| Some((e, h?))) else { continue };
        let ed = &idx.editions[e];
        let r = h.row.rank.unwrap_or(0).to_string();
        let place = match words::field_size(site, idx, ed) {
            Some(n) => say(strings, lang, "chart_placed_of_field", &[("rank", &r), ("field", &n.to_string())]),
            None => say(strings, lang, "chart_placed", &[("rank", &r)]),
        };
        let place = words::tied(place, h.row.tied, strings, lang);
        let (key, movement) = match (h.row.delta, ed.previous) {
            (Some(d), Some(p)) => (
                "chart_history_latest_moved",
                words::movement(d, &words::edition_short(&idx.editions[p]), strings, lang),
            ),
            _ => ("chart_history_latest", String::new()),
        };
        let (who, year) = (name(unit), ed.year.to_string());
        let values = [
            ("unit", who.as_str()),
            ("place", &place),
            ("year", &year),
            ("index", idx.short.get(lang)),
            ("movement", &movement),
        ];
        parts.push(say(strings, lang, key, &values));
    }
    // Every edition, per line, gaps said as such.
    for l in lines {
        let idx = &site.indices[l.index];
        let list: Vec<String> = l
            .points
            .iter()
            .map(|&(e, h)| {
                let ed = words::edition_short(&idx.editions[e]);
                match h {
                    Some(h) => format!("{ed}: {}", words::row_rank(h.row)),
                    None => format!("{ed}: {}", strings.get(lang, "chart_no_rank")),
                }
            })
            .collect();
        let who =
            if l.via == unit { name(unit) } else { say(strings, lang, "chart_merged", &[("unit", &name(l.via))]) };
        let series = if l.series.is_empty() {
            String::new()
        } else {
            format!(", {}", idx.editions[l.points[0].0].label.get(lang))
        };
        parts.push(format!("{who} — {}{series}: {}.", idx.short.get(lang), list.join("; ")));
        // Where the line breaks because the number of units ranked changed.
        let ranked: Vec<usize> = l.points.iter().filter(|(_, h)| h.is_some()).map(|&(e, _)| e).collect();
        for pair in ranked.windows(2) {
            let (a, b) = (&idx.editions[pair[0]], &idx.editions[pair[1]]);
            if a.field != b.field {
                let (ea, eb) = (words::edition_short(a), words::edition_short(b));
                let (fa, fb) = (a.field.to_string(), b.field.to_string());
                let values = [("before", ea.as_str()), ("after", &eb), ("from", &fa), ("to", &fb)];
                parts.push(say(strings, lang, "chart_history_field_break", &values));
            }
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{self, assert_accessible, count, edition, set_row, unit};
    use super::*;

    #[test]
    fn a_change_of_field_breaks_the_line_and_says_so() {
        // Đà Nẵng: 1st of 63 in 2023, 17th of 34 in 2024: two runs, not one line.
        let site = fixture::site();
        let u = unit(&site, "da-nang");
        let chart = rank_history(&fixture::font(), fixture::strings(), &site, u, Lang::Vi, "h").unwrap().unwrap();
        assert!(chart.desc.contains("số đơn vị được xếp hạng đổi từ 63 thành 34"), "{}", chart.desc);
        let en = rank_history(&fixture::font(), fixture::strings(), &site, u, Lang::En, "h").unwrap().unwrap();
        assert!(en.desc.contains("changed from 63 to 34"), "{}", en.desc);
        // The same site with every edition on one field draws one more segment, not fewer.
        let mut one_field = site;
        let i = one_field.indices.iter().position(|x| x.key == "dti-tinh").unwrap();
        for ed in &mut one_field.indices[i].editions {
            ed.field = 63;
        }
        let joined = rank_history(&fixture::font(), fixture::strings(), &one_field, u, Lang::Vi, "h").unwrap().unwrap();
        assert!(!joined.desc.contains("Đường ngắt"), "{}", joined.desc);
        // Points on drawn lines (gridlines have two each): one more when 2024 joins the line.
        let points = |svg: &str| -> usize {
            svg.split("points=\"").skip(1).map(|p| p.split('"').next().unwrap_or("").split(' ').count()).sum()
        };
        assert_eq!(points(&joined.svg), points(&chart.svg) + 1);
    }

    #[test]
    fn a_field_of_billions_draws_a_few_gridlines() {
        // A mistyped `field = 4294967295` once drew one gridline per 20 places (and ran out of
        // memory); the charts of such an edition come out small.
        let mut site = fixture::site();
        let i = site.indices.iter().position(|x| x.key == "dti-tinh").unwrap();
        for ed in &mut site.indices[i].editions {
            ed.field = u32::MAX;
        }
        let u = unit(&site, "da-nang");
        let chart = rank_history(&fixture::font(), fixture::strings(), &site, u, Lang::En, "h").unwrap().unwrap();
        assert!(chart.svg.len() < 200_000, "{} bytes", chart.svg.len());
        assert!(chart.svg.contains(">4000000000<"), "round steps down the field");
        let lead =
            super::super::leaders::leaders(&fixture::font(), fixture::strings(), &site, i, Lang::En, "l").unwrap();
        assert!(lead.is_none_or(|c| c.svg.len() < 200_000));
    }

    #[test]
    fn predecessors_are_dashed_and_own_line_solid() {
        let site = fixture::site();
        let u = unit(&site, "da-nang");
        let chart = rank_history(&fixture::font(), fixture::strings(), &site, u, Lang::Vi, "h").unwrap().unwrap();
        assert_accessible(&chart.svg, "h");
        assert!(!site.units[u].predecessors.is_empty());
        assert!(chart.svg.contains("stroke-dasharray=\"6 4\""), "{}", chart.svg);
        assert!(chart.svg.contains("Quảng Nam (đã sáp nhập)"));
        assert!(chart.desc.starts_with("Đà Nẵng đứng thứ "), "{}", chart.desc);
        let en = rank_history(&fixture::font(), fixture::strings(), &site, u, Lang::En, "h").unwrap().unwrap();
        assert!(en.desc.starts_with("Da Nang ranked "), "{}", en.desc);
        assert!(en.svg.contains("Quang Nam (merged)"));
    }

    #[test]
    fn a_unit_without_predecessors_has_no_dashes() {
        let site = fixture::site();
        let u = unit(&site, "cao-bang");
        if let Some(chart) = rank_history(&fixture::font(), fixture::strings(), &site, u, Lang::Vi, "h").unwrap() {
            assert!(!chart.svg.contains("stroke-dasharray"));
        }
    }

    #[test]
    fn gaps_break_the_line_and_rank_one_is_on_top() {
        let mut site = fixture::site();
        let u = unit(&site, "cao-bang");
        for key in ["2020", "2021", "2022", "2023"] {
            let at = edition(&site, "dti-tinh", key);
            set_row(&mut site, at, u, None, false, None);
        }
        let (a, b, c) = (
            edition(&site, "dti-tinh", "2020"),
            edition(&site, "dti-tinh", "2021"),
            edition(&site, "dti-tinh", "2023"),
        );
        set_row(&mut site, a, u, Some(1), false, None);
        set_row(&mut site, b, u, Some(40), false, None);
        set_row(&mut site, c, u, Some(20), true, None);
        let chart = rank_history(&fixture::font(), fixture::strings(), &site, u, Lang::Vi, "g").unwrap().unwrap();
        // One line 2020–2021; 2022 has no rank; 2023 stands alone.
        assert_eq!(
            count(
                &chart.svg,
                "<polyline fill=\"none\" class=\"s-series-1\" stroke=\"#0072b2\" stroke-width=\"2\" points=\""
            ),
            2,
            "{}",
            chart.svg
        );
        assert!(chart.desc.contains("2022: không có hạng"), "{}", chart.desc);
        assert!(chart.svg.contains(">20=<"));
        // Rank 1 sits at the top of the plot.
        let y1 = TOP;
        assert!(chart.svg.contains(&format!("cy=\"{y1}\"")), "{}", chart.svg);
    }

    #[test]
    fn same_bytes_twice_and_none_without_ranks() {
        let site = fixture::site();
        let u = unit(&site, "ho-chi-minh");
        assert_eq!(
            rank_history(&fixture::font(), fixture::strings(), &site, u, Lang::En, "x"),
            rank_history(&fixture::font(), fixture::strings(), &site, u, Lang::En, "x")
        );
        let ministry_free = unit(&site, "bo-noi-vu");
        let mut bare = site;
        for idx in &mut bare.indices {
            for ed in &mut idx.editions {
                ed.rows.retain(|r| r.unit != ministry_free);
                ed.index_rows();
            }
        }
        assert_eq!(rank_history(&fixture::font(), fixture::strings(), &bare, ministry_free, Lang::Vi, "x"), Ok(None));
    }

    #[test]
    fn one_ranked_edition_says_there_is_no_trend_yet() {
        let site = fixture::site();
        let (vi, en) = (
            fixture::strings().get(Lang::Vi, "chart_history_single"),
            fixture::strings().get(Lang::En, "chart_history_single"),
        );
        let mut lone = 0;
        for u in 0..site.units.len() {
            let Some(chart) = rank_history(&fixture::font(), fixture::strings(), &site, u, Lang::Vi, "h").unwrap()
            else {
                continue;
            };
            let ranked = chart.table.rows.iter().filter(|r| r.last().is_some_and(|c| c != "—")).count();
            let single = chart.svg.contains(&vi[..vi.find(':').unwrap()]);
            assert_eq!(single, ranked == 1, "{:?}\n{}", chart.table.rows, chart.svg);
            if single {
                lone += 1;
                let wide = chart.wide.as_deref().unwrap();
                assert!(wide.contains(&vi[..vi.find(':').unwrap()]));
                let en_chart =
                    rank_history(&fixture::font(), fixture::strings(), &site, u, Lang::En, "h").unwrap().unwrap();
                assert!(en_chart.svg.contains(&en[..en.find(':').unwrap()]));
            }
        }
        assert!(lone > 0, "the default site has units ranked once");
    }

    #[test]
    fn ticks_start_at_one() {
        assert_eq!(rank_ticks(63), vec![1, 10, 20, 30, 40, 50, 60]);
        assert_eq!(rank_ticks(34), vec![1, 10, 20, 30, 34]);
        assert_eq!(rank_ticks(5), vec![1, 2, 3, 4, 5]);
        // Thousands of communes, and a mistyped field of billions: a few lines each.
        assert_eq!(rank_ticks(3321), vec![1, 500, 1000, 1500, 2000, 2500, 3000, 3321]);
        let huge = rank_ticks(u32::MAX);
        assert!(huge.len() <= 10, "{huge:?}");
        assert_eq!(huge.last(), Some(&4_000_000_000));
    }
}
