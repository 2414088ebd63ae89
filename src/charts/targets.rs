//! A target's history: the figures published on its own definition over time (a solid line),
//! the baseline, the target value (a dashed line), the deadline (a vertical rule) and the
//! straight path from the baseline (else the first figure) to the target on the deadline.
//! Figures on another definition and figures without a date are not drawn: the page lists them.
//! For a rank, 1 is on top.

use chrono::NaiveDate;
use plotters::prelude::*;

use super::draw::{self, label, style_at, Area, DrawResult, CENTER, INK, LEFT, MUTED, PX, RIGHT, SERIES};
use super::words::say;
use super::{svg, Chart, ChartError, ChartResult, Font, Table};
use crate::i18n::{Lang, Strings};
use crate::model::{Measure, Period, Site};

const PAD: i32 = 8;
const LEFT_AXIS: i32 = 44;
const TOP: i32 = 46;
const PLOT_H: i32 = 160;

/// How a page writes a value of the target's measure (`85,1%`, `hạng 71`) and its promise
/// (`≥ 80%`): the chart says them the same way.
pub(crate) struct Words<'a> {
    pub value: &'a dyn Fn(f64, u8) -> String,
    pub goal: &'a str,
    pub date: &'a dyn Fn(Period) -> String,
}

/// The history of target `t` of `site`; `None` for a target without a number, or with nothing
/// dated to draw. `id` prefixes ids in the SVG.
pub(crate) fn target_history(
    font: &Font,
    strings: &Strings,
    site: &Site,
    t: usize,
    lang: Lang,
    id: &str,
    words: &Words,
) -> ChartResult {
    let target = &site.targets[t];
    let Some(goal) = target.value else { return Ok(None) };
    let points: Vec<(NaiveDate, f64, u8, String)> = target
        .timeline()
        .into_iter()
        .filter_map(|i| {
            let r = &target.reports[i];
            let d = r.date?;
            Some((d.day(), r.value, r.decimals, (words.date)(d)))
        })
        .collect();
    let baseline = target.baseline.map(|(v, dec, p)| (p.day(), v, dec, (words.date)(p)));
    if points.is_empty() && baseline.is_none() {
        return Ok(None);
    }
    let wording = target.wording.get(lang);
    let title = say(strings, lang, "chart_target_title", &[("wording", wording)]);
    let deadline_text = (words.date)(target.deadline);
    let reports = if points.is_empty() {
        strings.get(lang, "chart_target_no_reports").to_string()
    } else {
        let list: Vec<String> =
            points.iter().map(|(_, v, d, when)| format!("{when}: {}", (words.value)(*v, *d))).collect();
        say(strings, lang, "chart_target_reports", &[("list", &list.join("; "))])
    };
    let desc = say(
        strings,
        lang,
        "chart_target_desc",
        &[("goal", words.goal), ("deadline", &deadline_text), ("reports", &reports)],
    );
    let mut rows: Vec<Vec<String>> = Vec::new();
    if let Some((_, v, d, when)) = &baseline {
        rows.push(vec![when.clone(), (words.value)(*v, *d), strings.get(lang, "chart_target_baseline").to_string()]);
    }
    for (_, v, d, when) in &points {
        rows.push(vec![when.clone(), (words.value)(*v, *d), strings.get(lang, "chart_target_reported").to_string()]);
    }
    rows.push(vec![deadline_text, words.goal.to_string(), strings.get(lang, "chart_target_line").to_string()]);
    let table = Table {
        head: ["chart_head_date", "chart_head_value", "chart_head_kind"]
            .map(|k| strings.get(lang, k).to_string())
            .to_vec(),
        rows,
    };

    // Scales: days across, from the first point to the deadline (or the last point after it).
    let deadline = target.deadline.day();
    let mut days: Vec<NaiveDate> = points.iter().map(|p| p.0).chain(baseline.iter().map(|b| b.0)).collect();
    days.push(deadline);
    let (Some(&d0), Some(&d1)) = (days.iter().min(), days.iter().max()) else { return Ok(None) };
    let values: Vec<f64> = points.iter().map(|p| p.1).chain(baseline.iter().map(|b| b.1)).chain([goal]).collect();
    let rank = target.measure == Measure::Rank;
    let vmax = values.iter().copied().fold(f64::MIN, f64::max);
    let vmin = values.iter().copied().fold(f64::MAX, f64::min);
    let (lo, hi) =
        if rank { (1.0, nice(vmax * 1.1)) } else { (if vmin >= 0.0 { 0.0 } else { vmin }, nice(vmax * 1.1)) };
    let draw_at = |width: u32, id: &str| -> Result<String, ChartError> {
        let w = width as i32;
        let (left, right) = (LEFT_AXIS, w - PAD - 14);
        let span = ((d1 - d0).num_days().max(1)) as f64;
        let x_of = |d: NaiveDate| left + (((d - d0).num_days() as f64) / span * f64::from(right - left)).round() as i32;
        let y_of = |v: f64| {
            let share = ((v - lo) / (hi - lo).max(f64::EPSILON)).clamp(0.0, 1.0);
            if rank {
                TOP + (share * f64::from(PLOT_H)).round() as i32
            } else {
                TOP + PLOT_H - (share * f64::from(PLOT_H)).round() as i32
            }
        };
        let axis_y = TOP + PLOT_H + 6;
        let legend_y = axis_y + 30;
        let legend: Vec<&str> =
            ["chart_target_reported", "chart_target_line", "chart_target_path", "chart_target_baseline"]
                .iter()
                .map(|k| strings.get(lang, k))
                .collect();
        // Each entry on as many lines as it needs beside its key, never cut.
        let legend: Vec<Vec<String>> = legend.iter().map(|t| font.wrap(t, PX, f64::from(w - 2 * PAD - 30))).collect();
        let (legend_tops, legend_end) = draw::legend_tops(legend_y, &legend);
        let caption = font.wrap(&title, PX, f64::from(w - 2 * PAD));
        let shift = 16 * (caption.len() as i32 - 1).max(0);
        let height = legend_end + PAD + shift;
        let path_start = baseline.as_ref().map(|b| (b.0, b.1)).or_else(|| points.first().map(|p| (p.0, p.1)));
        // Ranks bare on the axis (its label says "rank"), other values as the page writes them.
        let tick = |v: f64| {
            if rank {
                crate::format::number(v, 0, lang)
            } else {
                (words.value)(v, if hi - lo < 10.0 { 1 } else { 0 })
            }
        };

        let body = draw::render(font, width, height as u32, |area: &Area| -> DrawResult {
            for (n, c) in caption.iter().enumerate() {
                label(area, c, PAD, 12 + 16 * n as i32, &draw::bold(style_at(PX, INK, LEFT)))?;
            }
            let area = &area.clone().shrink((0, shift), (width, (height - shift) as u32));
            if rank {
                label(area, strings.get(lang, "chart_rank_axis"), PAD, TOP - 18, &style_at(PX, MUTED, LEFT))?;
            }
            for v in [lo, (lo + hi) / 2.0, hi] {
                let v = if rank { v.round() } else { v };
                let y = y_of(v);
                area.draw(&PathElement::new(vec![(left, y), (right, y)], draw::GRID.stroke_width(1)))?;
                label(
                    area,
                    &font.fit(&tick(v), PX, f64::from(LEFT_AXIS - 6)),
                    left - 4,
                    y,
                    &style_at(PX, MUTED, RIGHT),
                )?;
            }
            let (y0, y1) = (chrono::Datelike::year(&d0), chrono::Datelike::year(&d1));
            let every = ((y1 - y0) / 5 + 1).max(1);
            for year in (y0..=y1).filter(|y| (y - y0) % every == 0) {
                if let Some(d) = NaiveDate::from_ymd_opt(year, 7, 1).filter(|d| *d >= d0 && *d <= d1) {
                    label(area, &year.to_string(), x_of(d), axis_y + 8, &style_at(PX, MUTED, CENTER))?;
                }
            }
            // The deadline and the target.
            let xd = x_of(deadline);
            draw::line(area, vec![(xd, TOP - 6), (xd, axis_y)], MUTED, 1, false)?;
            label(area, strings.get(lang, "chart_target_deadline"), xd - 3, TOP - 14, &style_at(PX, MUTED, RIGHT))?;
            let yt = y_of(goal);
            draw::line(area, vec![(left, yt), (right, yt)], SERIES[1], 2, true)?;
            // The straight path, from its start to the target on the deadline.
            if let Some((sd, sv)) = path_start.filter(|s| s.0 < deadline) {
                draw::line(area, vec![(x_of(sd), y_of(sv)), (xd, yt)], MUTED, 1, true)?;
            }
            if let Some((d, v, _, _)) = &baseline {
                area.draw(&Circle::new((x_of(*d), y_of(*v)), 4, MUTED.filled()))?;
            }
            let line: Vec<(i32, i32)> = points.iter().map(|p| (x_of(p.0), y_of(p.1))).collect();
            if line.len() > 1 {
                draw::line(area, line.clone(), SERIES[0], 2, false)?;
            }
            for (n, &(x, y)) in line.iter().enumerate() {
                area.draw(&Circle::new((x, y), 4, SERIES[0].filled()))?;
                if n + 1 == line.len() {
                    let text = (words.value)(points[n].1, points[n].2);
                    let anchor = if x > right - 40 { RIGHT } else { CENTER };
                    label(area, &text, if x > right - 40 { x - 6 } else { x }, y - 12, &style_at(PX, INK, anchor))?;
                }
            }
            // Legend: the figures, the target, the path, the baseline.
            for (n, text) in legend.iter().enumerate() {
                let ly = legend_tops[n];
                match n {
                    0 => {
                        draw::line(area, vec![(PAD, ly), (PAD + 22, ly)], SERIES[0], 2, false)?;
                        area.draw(&Circle::new((PAD + 11, ly), 4, SERIES[0].filled()))?;
                    }
                    1 => draw::line(area, vec![(PAD, ly), (PAD + 22, ly)], SERIES[1], 2, true)?,
                    2 => draw::line(area, vec![(PAD, ly), (PAD + 22, ly)], MUTED, 1, true)?,
                    _ => area.draw(&Circle::new((PAD + 11, ly), 4, MUTED.filled()))?,
                }
                draw::legend_name(area, text, PAD + 30, ly)?;
            }
            Ok(())
        })
        .map_err(|e| ChartError::new(id, &title, e))?;
        Ok(svg::document(id, width, height as u32, &title, &desc, &body))
    };
    let (svg, wide) = draw::both_widths(id, draw_at)?;
    Ok(Some(Chart { svg, wide, title, desc, table, key: Vec::new() }))
}

/// A round top for the axis: 1, 2, 2.5 or 5 times a power of ten, at least `v`.
fn nice(v: f64) -> f64 {
    if !(v.is_finite() && v > 0.0) {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * p).find(|&c| c >= v).unwrap_or(10.0 * p)
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    fn words_for<'a>(value: &'a dyn Fn(f64, u8) -> String, date: &'a dyn Fn(Period) -> String) -> Words<'a> {
        Words { value, goal: "≥ 30%", date }
    }

    #[test]
    fn the_default_sites_targets_draw_with_rank_one_on_top() {
        let site = fixture::site();
        let value = |v: f64, d: u8| format!("{v:.*}", d as usize);
        let date = |p: Period| p.key();
        let words = words_for(&value, &date);
        let find = |k: &str| site.targets.iter().position(|t| t.key == k).unwrap();
        let econ = find("nq57-kinh-te-so-30pct-gdp-2030");
        let c =
            target_history(&fixture::font(), fixture::strings(), &site, econ, Lang::Vi, "t", &words).unwrap().unwrap();
        fixture::assert_accessible(&c.svg, "t");
        assert!(c.desc.contains("2025: 14.02"), "{}", c.desc);
        assert!(!c.desc.contains("18.3"), "a figure on another definition is not drawn: {}", c.desc);
        assert_eq!(
            c,
            target_history(&fixture::font(), fixture::strings(), &site, econ, Lang::Vi, "t", &words).unwrap().unwrap()
        );
        // EGDI: 71 sits above 86 (rank 1 on top).
        let egdi = find("nq57-egdi-canh-tranh-so-top50-2030");
        let c =
            target_history(&fixture::font(), fixture::strings(), &site, egdi, Lang::En, "t", &words).unwrap().unwrap();
        let cy = |svg: &str, nth: usize| {
            svg.match_indices("<circle").nth(nth).map(|(i, _)| {
                let s = &svg[i..];
                let at = s.find("cy=\"").unwrap() + 4;
                s[at..].split('"').next().unwrap().parse::<i32>().unwrap()
            })
        };
        let (baseline, latest) = (cy(&c.svg, 0).unwrap(), cy(&c.svg, 1).unwrap());
        assert!(latest < baseline, "71 above 86: {latest} {baseline}");
        // Nothing dated and no baseline: nothing to draw; qualitative: nothing either.
        let none = find("qd411-ky-nang-so-co-ban-70pct-2025");
        assert_eq!(target_history(&fixture::font(), fixture::strings(), &site, none, Lang::Vi, "t", &words), Ok(None));
        let qual = find("qd923-phong-trao-thi-dua-dmst-cds");
        assert_eq!(target_history(&fixture::font(), fixture::strings(), &site, qual, Lang::Vi, "t", &words), Ok(None));
    }

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(nice(33.0), 50.0);
        assert_eq!(nice(94.6), 100.0);
        assert_eq!(nice(2.2), 2.5);
        assert_eq!(nice(0.0), 1.0);
    }
}
