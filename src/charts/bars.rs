//! An edition's scores: one horizontal bar per unit with a published score, best first, the
//! edition's average as a dashed line; units without a score are listed apart, never drawn as 0.

use plotters::prelude::*;

use super::draw::{self, label, style_at, Area, DrawResult, BAR, INK, LEFT, MUTED, PX, RIGHT, RULE};
use super::words::{self, say};
use super::{svg, Chart, ChartError, ChartResult, Font, Table};
use crate::format;
use crate::i18n::{vi_cmp, Lang, Strings};
use crate::model::{Row, Site};

const PAD: i32 = 8;
const ROW_H: i32 = 20;
const BAR_H: i32 = 14;
const TOP: i32 = 28;

/// Horizontal bars of every unit of edition `edition` of index `index` with a published score,
/// sorted best first, with the edition's average, its text measured with `font` and its words
/// the theme's `strings`. `None` when no row has a score. `id` prefixes the ids inside the SVG;
/// keep it unique on a page.
pub(crate) fn edition_bars(
    font: &Font,
    strings: &Strings,
    site: &Site,
    index: usize,
    edition: usize,
    lang: Lang,
    id: &str,
) -> ChartResult {
    let Some(idx) = site.indices.get(index) else { return Ok(None) };
    let Some(ed) = idx.editions.get(edition) else { return Ok(None) };
    let name = |r: &Row| site.units[r.unit].name.get(lang).to_string();
    let mut scored: Vec<&Row> = ed.rows.iter().filter(|r| r.score.is_some_and(f64::is_finite)).collect();
    if scored.is_empty() {
        return Ok(None);
    }
    let better = idx.scale.higher_is_better;
    scored.sort_by(|a, b| {
        let (x, y) = (a.score.unwrap_or(0.0), b.score.unwrap_or(0.0));
        let o = if better { y.total_cmp(&x) } else { x.total_cmp(&y) };
        o.then_with(|| a.rank.unwrap_or(u32::MAX).cmp(&b.rank.unwrap_or(u32::MAX)))
            .then_with(|| vi_cmp(site.units[a.unit].name.get(lang), site.units[b.unit].name.get(lang)))
    });
    let missing: Vec<&Row> = ed.rows.iter().filter(|r| !r.score.is_some_and(f64::is_finite)).collect();

    let ed_name = words::edition_name(ed, lang);
    let short = idx.short.get(lang);
    let title = say(strings, lang, "chart_scores_title", &[("index", short), ("edition", &ed_name)]);

    // The message in words.
    let (top, bottom) = (scored[0], scored[scored.len() - 1]);
    let placed = |r: &Row| match r.rank {
        Some(k) => format!(
            "{} {} ({})",
            name(r),
            words::score(r.score, r.score_decimals, lang),
            words::rank_of(k, r.tied, None, strings, lang)
        ),
        None => format!("{} {}", name(r), words::score(r.score, r.score_decimals, lang)),
    };
    let (n_scored, n_listed) = (scored.len().to_string(), ed.rows.len().to_string());
    let mut desc = say(strings, lang, "chart_scores_published", &[("scored", &n_scored), ("listed", &n_listed)]);
    if scored.len() == 1 {
        desc += &format!(" {}", placed(top));
    } else {
        let (hi, lo) = if better { (top, bottom) } else { (bottom, top) };
        let (hi, lo) = (placed(hi), placed(lo));
        desc += &format!(" {}", say(strings, lang, "chart_scores_extremes", &[("highest", &hi), ("lowest", &lo)]));
    }
    if let Some(avg) = ed.average {
        let avg = words::score(Some(avg), ed.average_decimals, lang);
        desc += &format!(" {}", say(strings, lang, "chart_scores_average", &[("score", &avg)]));
    }
    if !missing.is_empty() {
        let list: Vec<String> = missing
            .iter()
            .map(|r| match r.rank {
                Some(k) => format!("{} ({})", name(r), words::rank_of(k, r.tied, None, strings, lang)),
                None => name(r),
            })
            .collect();
        let list = words::join(&list, strings, lang);
        desc += &format!(" {}", say(strings, lang, "chart_scores_unscored", &[("list", &list)]));
    }

    let table = Table {
        head: ["chart_head_rank", "chart_head_unit", "chart_head_score"]
            .map(|k| strings.get(lang, k).to_string())
            .to_vec(),
        rows: scored
            .iter()
            .chain(missing.iter())
            .map(|r| vec![words::row_rank(r), name(r), words::score(r.score, r.score_decimals, lang)])
            .collect(),
    };

    let labels: Vec<String> = scored.iter().map(|r| format!("{} {}", words::row_rank(r), name(r))).collect();
    let values: Vec<String> = scored.iter().map(|r| words::score(r.score, r.score_decimals, lang)).collect();
    let caption = say(strings, lang, "chart_scores_title", &[("index", short), ("edition", &words::edition_short(ed))]);
    let note = say(strings, lang, "chart_scores_not_drawn", &[("units", &words::units(missing.len(), strings, lang))]);
    let drawing = Drawing { font, scored: &scored, labels: &labels, values: &values, caption: &caption, note: &note };
    let draw_at = |width: u32, id: &str| -> Result<String, ChartError> {
        let (body, height) = drawing
            .draw(
                width,
                ed.average,
                &|avg| {
                    let avg = words::score(Some(avg), ed.average_decimals, lang);
                    say(strings, lang, "chart_average", &[("score", &avg)])
                },
                !missing.is_empty(),
                max_of(idx, &scored),
                lang,
            )
            .map_err(|e| ChartError::new(id, &title, e))?;
        Ok(svg::document(id, width, height, &title, &desc, &body))
    };
    let (svg, wide) = draw::both_widths(id, draw_at)?;
    Ok(Some(Chart { svg, wide, title, desc, table, key: Vec::new() }))
}

/// The top of the value axis: the scale's maximum, or the best score when it is larger.
fn max_of(idx: &crate::model::Index, scored: &[&Row]) -> f64 {
    let top_score = scored.iter().filter_map(|r| r.score).fold(0.0, f64::max);
    if idx.scale.max > 0.0 {
        idx.scale.max.max(top_score)
    } else {
        top_score.max(1.0)
    }
}

/// What the bars are drawn from, at any width.
struct Drawing<'a> {
    font: &'a Font,
    scored: &'a [&'a Row],
    labels: &'a [String],
    values: &'a [String],
    caption: &'a str,
    note: &'a str,
}

impl Drawing<'_> {
    /// The body and height at `width`: labels left, bars, values right when the labels fit in
    /// half the width, else each label above its bar, wrapped onto as many lines as it needs
    /// (never cut); axis, average and note below.
    #[allow(clippy::too_many_arguments)]
    fn draw(
        &self,
        width: u32,
        average: Option<f64>,
        average_text: &dyn Fn(f64) -> String,
        has_missing: bool,
        max: f64,
        lang: Lang,
    ) -> Result<(String, u32), String> {
        let (font, scored, labels, values) = (self.font, self.scored, self.labels, self.values);
        let w = width as i32;
        let widest = labels.iter().map(|l| font.text_width(l, PX)).fold(0.0, f64::max);
        let stacked = widest > (f64::from(w) * 0.5).floor();
        let lines: Vec<Vec<String>> = labels
            .iter()
            .map(|l| if stacked { font.wrap(l, PX, f64::from(w - 2 * PAD)) } else { vec![l.clone()] })
            .collect();
        // Each row's height: the bar, and above it in a stacked layout its label's lines.
        let heights: Vec<i32> =
            lines.iter().map(|l| if stacked { ROW_H + 14 * l.len() as i32 } else { ROW_H }).collect();
        let max_label = widest.ceil();
        let value_w = values.iter().map(|v| font.text_width(v, PX)).fold(0.0, f64::max).ceil() as i32;
        let x0 = if stacked { PAD } else { PAD + max_label as i32 + 6 };
        let x1 = w - PAD - value_w - 6;
        let x_of = |v: f64| x0 + ((v.max(0.0) / max) * f64::from(x1 - x0)).round() as i32;
        let mut mids = Vec::with_capacity(scored.len());
        let mut y = TOP;
        for h in &heights {
            y += h;
            mids.push(y - ROW_H / 2);
        }
        let axis_y = y + 4;
        let mut height = axis_y + 24;
        if average.is_some() {
            height += 18;
        }
        let note = if has_missing { font.wrap(self.note, PX, f64::from(w - 2 * PAD)) } else { Vec::new() };
        height += 18 * note.len() as i32 + PAD;
        let caption = font.wrap(self.caption, PX, f64::from(w - 2 * PAD));
        let shift = 16 * (caption.len() as i32 - 1).max(0);
        height += shift;
        let body = draw::render(font, width, height as u32, |area: &Area| -> DrawResult {
            for (n, c) in caption.iter().enumerate() {
                label(area, c, PAD, 12 + 16 * n as i32, &draw::bold(style_at(PX, INK, LEFT)))?;
            }
            let area = area.clone().shrink((0, shift), (width, height as u32 - shift as u32));
            let area = &area;
            // Value axis: about five ticks, fewer when the bars are narrow, never closer than
            // 36 px; gridlines behind the bars unless labels sit above them.
            area.draw(&PathElement::new(vec![(x0, axis_y), (x1, axis_y)], RULE.stroke_width(1)))?;
            let (step, decimals) = [nice_step(max), nice_step(max * 2.0), (max, nice_step(max).1)]
                .into_iter()
                .find(|(step, _)| (step / max) * f64::from(x1 - x0) >= 36.0)
                .unwrap_or((max, 1));
            let mut k = 0;
            while f64::from(k) * step <= max + 1e-9 {
                let v = f64::from(k) * step;
                let x = x_of(v);
                if !stacked {
                    area.draw(&PathElement::new(vec![(x, TOP - 2), (x, axis_y - 1)], draw::GRID.stroke_width(1)))?;
                }
                area.draw(&PathElement::new(vec![(x, axis_y), (x, axis_y + 3)], RULE.stroke_width(1)))?;
                label(area, &format::number(v, decimals, lang), x, axis_y + 12, &style_at(PX, MUTED, draw::CENTER))?;
                k += 1;
            }
            for (i, r) in scored.iter().enumerate() {
                let mid = mids[i];
                if stacked {
                    let first = mid - ROW_H / 2 - 14 * lines[i].len() as i32 + 7;
                    for (n, l) in lines[i].iter().enumerate() {
                        label(area, l, x0, first + 14 * n as i32, &style_at(PX, INK, LEFT))?;
                    }
                } else {
                    label(area, &labels[i], x0 - 6, mid, &style_at(PX, INK, RIGHT))?;
                }
                let end = x_of(r.score.unwrap_or(0.0)).max(x0 + 1);
                area.draw(&Rectangle::new([(x0, mid - BAR_H / 2), (end, mid + BAR_H / 2)], BAR.filled()))?;
                label(area, &values[i], end + 4, mid, &style_at(PX, INK, LEFT))?;
            }
            let mut y = axis_y + 24;
            if let Some(avg) = average {
                let x = x_of(avg);
                if stacked {
                    // Across each bar only, not through the labels above them.
                    for &mid in &mids {
                        draw::line(area, vec![(x, mid - BAR_H / 2 - 2), (x, mid + BAR_H / 2 + 2)], INK, 2, true)?;
                    }
                } else {
                    draw::line(area, vec![(x, TOP - 4), (x, axis_y)], INK, 2, true)?;
                }
                let text = average_text(avg);
                let tw = font.text_width(&text, PX) as i32 + 18;
                let lx = (x - tw / 2).clamp(PAD, (w - PAD - tw).max(PAD));
                draw::line(area, vec![(lx, y + 6), (lx + 14, y + 6)], INK, 2, true)?;
                label(area, &text, lx + 18, y + 6, &style_at(PX, INK, LEFT))?;
                y += 18;
            }
            for line in &note {
                label(area, line, PAD, y + 6, &style_at(PX, MUTED, LEFT))?;
                y += 18;
            }
            Ok(())
        })?;
        Ok((body, height as u32))
    }
}

/// A tick step giving about five ticks up to `max`, and the decimals its labels need.
pub(crate) fn nice_step(max: f64) -> (f64, usize) {
    let raw = (max / 5.0).max(f64::MIN_POSITIVE);
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw - 1e-12).unwrap_or(10.0 * mag);
    let decimals =
        if step >= 1.0 { 0 } else { (-step.log10().floor()) as usize + usize::from(((step / mag) - 2.5).abs() < 1e-9) };
    (step, decimals)
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{self, assert_accessible, count, edition, set_row, unit};
    use super::*;

    #[test]
    fn ties_shown_and_missing_scores_listed_apart_never_zero() {
        let mut site = fixture::site();
        let at = edition(&site, "dti-tinh", "2022");
        let (a, b, c) = (unit(&site, "da-nang"), unit(&site, "ha-noi"), unit(&site, "tra-vinh"));
        for r in &mut site.indices[at.0].editions[at.1].rows {
            r.score = None;
        }
        set_row(&mut site, at, a, Some(1), false, Some(0.8002));
        set_row(&mut site, at, b, Some(15), true, Some(0.65));
        set_row(&mut site, at, c, Some(15), true, Some(0.65));
        site.indices[at.0].editions[at.1].average = Some(0.71);
        let chart =
            edition_bars(&fixture::font(), fixture::strings(), &site, at.0, at.1, Lang::Vi, "bars").unwrap().unwrap();
        assert_accessible(&chart.svg, "bars");
        // Three bars, one per published score; nothing drawn for the other 60.
        assert_eq!(count(&chart.svg, "<rect"), 3);
        assert_eq!(count(&chart.svg, ">15= "), 2, "{}", chart.svg);
        assert!(chart.svg.contains(">0,8002<"));
        assert!(!chart.svg.contains(">0,0000<"));
        assert!(chart.svg.contains("Trung bình 0,7100"));
        assert!(chart.svg.contains("stroke-dasharray"));
        assert!(chart.desc.contains("3/63 đơn vị có điểm công bố"), "{}", chart.desc);
        assert!(chart.desc.contains("Cao nhất: Đà Nẵng 0,8002 (hạng 1)"), "{}", chart.desc);
        assert!(chart.desc.contains("Không có điểm công bố, không vẽ: "), "{}", chart.desc);
        assert!(chart.desc.contains("Hồ Chí Minh (hạng 2)"));
        assert_eq!(chart.table.rows.len(), 63);
        assert_eq!(chart.table.rows[0], vec!["1".to_string(), "Đà Nẵng".into(), "0,8002".into()]);
        assert_eq!(chart.table.rows[3][2], "—");
        // Tied rows sort by name and both read "15=".
        assert_eq!(chart.table.rows[1][0], "15=");
        assert_eq!(chart.table.rows[2][0], "15=");
    }

    #[test]
    fn english_numbers_and_an_edition_of_34() {
        let site = fixture::site();
        let at = edition(&site, "dti-tinh", "2024");
        let chart =
            edition_bars(&fixture::font(), fixture::strings(), &site, at.0, at.1, Lang::En, "b34").unwrap().unwrap();
        assert_accessible(&chart.svg, "b34");
        assert!(chart.svg.contains(">0.8241<"), "{}", chart.svg);
        assert!(chart.svg.contains("Average 0.6961"));
        assert!(chart.title.starts_with("Provincial DTI 2024"));
        assert!(chart.desc.contains("Ha Noi 0.8241 (rank 1)"), "{}", chart.desc);
        assert!(chart.desc.contains("Cao Bang"), "unranked units listed: {}", chart.desc);
        let vi =
            edition_bars(&fixture::font(), fixture::strings(), &site, at.0, at.1, Lang::Vi, "b34").unwrap().unwrap();
        assert!(vi.svg.contains(">0,8241<") && vi.svg.contains(">1 Hà Nội<"));
    }

    #[test]
    fn no_scores_no_chart() {
        let site = fixture::site();
        let at = edition(&site, "dti-tinh", "2024-63");
        assert_eq!(edition_bars(&fixture::font(), fixture::strings(), &site, at.0, at.1, Lang::Vi, "x"), Ok(None));
    }

    #[test]
    fn names_are_escaped_and_bytes_repeat() {
        let mut site = fixture::site();
        let u = unit(&site, "ha-noi");
        site.units[u].name.vi = "Hà <Nội> & \"co\"".into();
        let at = edition(&site, "dti-tinh", "2024");
        let one =
            edition_bars(&fixture::font(), fixture::strings(), &site, at.0, at.1, Lang::Vi, "e").unwrap().unwrap();
        assert!(one.svg.contains("Hà &lt;Nội&gt; &amp; &quot;co&quot;"), "{}", one.svg);
        assert!(!one.svg.contains("<Nội>"));
        let two =
            edition_bars(&fixture::font(), fixture::strings(), &site, at.0, at.1, Lang::Vi, "e").unwrap().unwrap();
        assert_eq!(one, two);
    }

    #[test]
    fn long_names_go_above_their_bars() {
        let mut site = fixture::site();
        let at = edition(&site, "dti-bo", "2021");
        let long = unit(&site, "uy-ban-quan-ly-von-nha-nuoc-tai-doanh-nghiep");
        let short = unit(&site, "bo-tai-chinh");
        set_row(&mut site, at, long, Some(2), false, Some(0.55));
        set_row(&mut site, at, short, Some(1), false, Some(0.6321));
        let chart =
            edition_bars(&fixture::font(), fixture::strings(), &site, at.0, at.1, Lang::Vi, "m").unwrap().unwrap();
        assert_accessible(&chart.svg, "m");
        // Labels start at the left margin, wrapped onto more lines when needed, never cut.
        assert!(chart
            .svg
            .contains("<text x=\"8\" y=\"35\" dy=\"0.5ex\" class=\"f-ink\" fill=\"#1a1a1a\">1 Bộ Tài chính</text>"));
        assert!(!chart.svg.contains('…'), "{}", chart.svg);
        let texts: Vec<&str> =
            chart.svg.split("</text>").filter_map(|t| t.rsplit('>').next()).filter(|t| !t.is_empty()).collect();
        let joined = texts.join(" ");
        assert!(joined.contains("2 Ủy ban Quản lý vốn nhà nước tại doanh nghiệp"), "{joined}");
        // The wide drawing has room for it on one line, beside its bar.
        let wide = chart.wide.as_deref().expect("a wide drawing");
        assert!(wide.contains(">2 Ủy ban Quản lý vốn nhà nước tại doanh nghiệp<"), "{wide}");
        assert!(wide.contains("viewBox=\"0 0 640 ") && wide.contains("id=\"m-w-title\""));
        assert_eq!(count(&chart.svg, "<rect"), 2);
    }

    #[test]
    fn tick_steps_are_round() {
        assert_eq!(nice_step(1.0), (0.2, 1));
        assert_eq!(nice_step(100.0), (20.0, 0));
        assert_eq!(nice_step(0.5), (0.1, 1));
    }
}
