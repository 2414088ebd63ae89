//! A unit's indicators in the latest edition that has them, each as a bar against the median of
//! every unit with a value, so a reader sees at once where the unit is ahead and where behind.

use plotters::prelude::*;

use super::draw::{self, label, style_at, Area, DrawResult, BAR, INK, LEFT, PX, RIGHT, TRACK};
use super::words::{self, say};
use super::{svg, Chart, ChartError, ChartResult, Font, Table};
use crate::format;
use crate::i18n::{Lang, Strings};
use crate::model::{Site, UnitId};

const PAD: i32 = 8;
const TOP: i32 = 26;
const ROW_H: i32 = 40;

/// One indicator of the chosen edition.
struct Item {
    name: String,
    value: Option<f64>,
    /// Digits the value was published with; the median, computed, is shown with the most any
    /// value of the index has.
    decimals: u8,
    median_decimals: u8,
    median: Option<f64>,
    /// Units with a value, over which the median is taken.
    count: usize,
    max: f64,
}

/// The unit's indicator values against the median of all units, in the newest edition (of any
/// index) where the unit has indicator values, its text measured with `font`, its words the
/// theme's `strings`. `None` when no edition has any. `id` prefixes ids in the SVG.
pub(crate) fn indicators_vs_median(
    font: &Font,
    strings: &Strings,
    site: &Site,
    unit: UnitId,
    lang: Lang,
    id: &str,
) -> ChartResult {
    // The newest edition with a value for the unit: by publication, then index order.
    let mut best: Option<(usize, usize)> = None;
    for (i, idx) in site.indices.iter().enumerate() {
        for (e, ed) in idx.editions.iter().enumerate() {
            let has = ed.row_of(unit).is_some_and(|r| r.values.iter().any(|v| v.is_some_and(f64::is_finite)));
            let newer = match best {
                None => true,
                Some((bi, be)) => ed.published > site.indices[bi].editions[be].published,
            };
            if has && newer {
                best = Some((i, e));
            }
        }
    }
    let Some((i, e)) = best else { return Ok(None) };
    let idx = &site.indices[i];
    let ed = &idx.editions[e];
    let Some(row) = ed.row_of(unit) else { return Ok(None) };
    let items: Vec<Item> = ed
        .indicators
        .iter()
        .enumerate()
        .map(|(k, &ind)| {
            let indicator = &idx.indicators[ind];
            Item {
                name: indicator.name.get(lang).to_string(),
                value: row.values.get(k).copied().flatten().filter(|v| v.is_finite()),
                decimals: row.value_decimals.get(k).copied().unwrap_or(0),
                median_decimals: idx.decimals as u8,
                median: ed.indicator_median(k),
                count: ed.indicator_count(k),
                max: if indicator.max > 0.0 { indicator.max } else { idx.scale.max.max(1.0) },
            }
        })
        .collect();
    let drawn: Vec<&Item> = items.iter().filter(|it| it.value.is_some()).collect();
    if drawn.is_empty() {
        return Ok(None);
    }
    let unit_name = site.units[unit].name.get(lang);
    let ed_name = words::edition_name(ed, lang);
    let short = idx.short.get(lang);
    let title =
        say(strings, lang, "chart_indicators_title", &[("unit", unit_name), ("index", short), ("edition", &ed_name)]);
    let desc = describe(strings, unit_name, ed.year, short, &drawn, idx.scale.higher_is_better, lang);
    let table = Table {
        head: vec![
            strings.get(lang, "chart_head_indicator").to_string(),
            unit_name.to_string(),
            strings.get(lang, "chart_head_median").to_string(),
            strings.get(lang, "chart_head_count").to_string(),
        ],
        rows: items
            .iter()
            .map(|it| {
                vec![
                    it.name.clone(),
                    words::score(it.value, it.decimals, lang),
                    words::score(it.median, it.median_decimals, lang),
                    it.count.to_string(),
                ]
            })
            .collect(),
    };

    let edition_short = words::edition_short(ed);
    let caption = say(
        strings,
        lang,
        "chart_indicators_caption",
        &[("unit", unit_name), ("index", short), ("edition", &edition_short)],
    );
    let counts: Vec<usize> = drawn.iter().map(|it| it.count).collect();
    let (lo, hi) = (counts.iter().min().copied().unwrap_or(0), counts.iter().max().copied().unwrap_or(0));
    let over = if lo == hi {
        words::units(hi, strings, lang)
    } else {
        say(strings, lang, "chart_units_range", &[("lo", &lo.to_string()), ("hi", &hi.to_string())])
    };
    let legend_median = say(strings, lang, "chart_median_legend", &[("units", &over)]);
    let draw_at = |width: u32, id: &str| -> Result<String, ChartError> {
        let w = width as i32;
        let (x0, x1) = (PAD, w - PAD);
        let caption = font.wrap(&caption, PX, f64::from(w - 2 * PAD));
        let shift = 16 * (caption.len() as i32 - 1).max(0);
        // Each indicator's name on as many lines as it needs beside its figures, never cut.
        let rows: Vec<(String, Vec<String>)> = drawn
            .iter()
            .map(|it| {
                let value = it.value.unwrap_or(0.0);
                let figures = match it.median {
                    Some(m) => say(
                        strings,
                        lang,
                        "chart_value_median",
                        &[("value", &words::short(value, lang)), ("median", &words::short(m, lang))],
                    ),
                    None => words::short(value, lang),
                };
                let fw = font.text_width(&figures, PX).ceil() as i32;
                let name = font.wrap(&it.name, PX, f64::from(x1 - x0 - fw - 8));
                (figures, name)
            })
            .collect();
        let tops: Vec<i32> = rows
            .iter()
            .scan(TOP, |y, (_, name)| {
                let top = *y;
                *y += ROW_H + 14 * (name.len() as i32 - 1);
                Some(top)
            })
            .collect();
        let legend_w = f64::from(w - 2 * PAD - 30);
        let (unit_legend, median_legend) =
            (font.wrap(unit_name, PX, legend_w), font.wrap(&legend_median, PX, legend_w));
        let legend_y = tops.last().map_or(TOP, |t| t + ROW_H + 14 * (rows[rows.len() - 1].1.len() as i32 - 1)) + 8;
        let median_y = legend_y + 18 + 14 * (unit_legend.len() as i32 - 1);
        let height = median_y + 18 + 14 * (median_legend.len() as i32 - 1) + PAD + shift;
        let body = draw::render(font, width, height as u32, |area: &Area| -> DrawResult {
            for (n, c) in caption.iter().enumerate() {
                label(area, c, PAD, 12 + 16 * n as i32, &draw::bold(style_at(PX, INK, LEFT)))?;
            }
            let area = &area.clone().shrink((0, shift), (width, (height - shift) as u32));
            for (k, it) in drawn.iter().enumerate() {
                let (figures, name) = &rows[k];
                let top = tops[k];
                for (n, line) in name.iter().enumerate() {
                    label(area, line, x0, top + 8 + 14 * n as i32, &style_at(PX, INK, LEFT))?;
                }
                label(area, figures, x1, top + 8, &style_at(PX, INK, RIGHT))?;
                let y = top + 14 * (name.len() as i32 - 1);
                let value = it.value.unwrap_or(0.0);
                let x_of = |v: f64| x0 + ((v.clamp(0.0, it.max) / it.max) * f64::from(x1 - x0)).round() as i32;
                area.draw(&Rectangle::new([(x0, y + 18), (x1, y + 30)], TRACK.filled()))?;
                area.draw(&Rectangle::new([(x0, y + 18), (x_of(value).max(x0 + 1), y + 30)], BAR.filled()))?;
                if let Some(m) = it.median {
                    let x = x_of(m);
                    area.draw(&Rectangle::new([(x - 1, y + 14), (x + 2, y + 34)], INK.filled()))?;
                }
            }
            area.draw(&Rectangle::new([(PAD, legend_y - 5), (PAD + 22, legend_y + 5)], BAR.filled()))?;
            for (n, line) in unit_legend.iter().enumerate() {
                label(area, line, PAD + 30, legend_y + 14 * n as i32, &style_at(PX, INK, LEFT))?;
            }
            let ly = median_y;
            area.draw(&Rectangle::new([(PAD + 10, ly - 9), (PAD + 13, ly + 9)], INK.filled()))?;
            draw::legend_name(area, &median_legend, PAD + 30, ly)?;
            Ok(())
        })
        .map_err(|e| ChartError::new(id, &title, e))?;
        Ok(svg::document(id, width, height as u32, &title, &desc, &body))
    };
    let (svg, wide) = draw::both_widths(id, draw_at)?;
    Ok(Some(Chart { svg, wide, title, desc, table, key: Vec::new() }))
}

/// "Năm 2022 (DTI cấp tỉnh), Đà Nẵng cao hơn trung vị ở 8/8 chỉ số …" and the widest gaps.
fn describe(
    strings: &Strings,
    unit: &str,
    year: i32,
    short: &str,
    items: &[&Item],
    higher_is_better: bool,
    lang: Lang,
) -> String {
    let with_median: Vec<(&Item, f64)> = items.iter().filter_map(|it| Some((*it, it.value? - it.median?))).collect();
    let eps = 1e-9;
    let above = with_median.iter().filter(|(_, d)| *d > eps).count();
    let below = with_median.iter().filter(|(_, d)| *d < -eps).count();
    let equal = with_median.len() - above - below;
    let n = with_median.len().to_string();
    let (year, above, below, equal) = (year.to_string(), above.to_string(), below.to_string(), equal.to_string());
    let mut s = say(
        strings,
        lang,
        "chart_indicators_summary",
        &[
            ("year", &year),
            ("index", short),
            ("unit", unit),
            ("above", &above),
            ("below", &below),
            ("equal", &equal),
            ("n", &n),
        ],
    );
    let gap = |(it, _): &(&Item, f64)| {
        let value = format::number(it.value.unwrap_or(0.0), 2, lang);
        let median = format::number(it.median.unwrap_or(0.0), 2, lang);
        say(strings, lang, "chart_gap", &[("indicator", &it.name), ("value", &value), ("median", &median)])
    };
    let ahead = |d: f64| if higher_is_better { d } else { -d };
    if let Some(best) =
        with_median.iter().filter(|(_, d)| ahead(*d) > eps).max_by(|a, b| ahead(a.1).total_cmp(&ahead(b.1)))
    {
        s += &format!(" {}", say(strings, lang, "chart_furthest_ahead", &[("gap", &gap(best))]));
    }
    if let Some(worst) =
        with_median.iter().filter(|(_, d)| ahead(*d) < -eps).min_by(|a, b| ahead(a.1).total_cmp(&ahead(b.1)))
    {
        s += &format!(" {}", say(strings, lang, "chart_furthest_behind", &[("gap", &gap(worst))]));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{self, assert_accessible, count, edition, unit};
    use super::*;

    #[test]
    fn values_against_the_median_in_both_languages() {
        let site = fixture::site();
        let u = unit(&site, "ho-chi-minh");
        let vi =
            indicators_vs_median(&fixture::font(), fixture::strings(), &site, u, Lang::Vi, "ind").unwrap().unwrap();
        assert_accessible(&vi.svg, "ind");
        assert!(vi.desc.starts_with("Năm 2022 (DTI cấp tỉnh), Hồ Chí Minh cao hơn trung vị ở "), "{}", vi.desc);
        assert!(vi.svg.contains("Nhận thức số"));
        assert!(vi.svg.contains(" · trung vị "), "{}", vi.svg);
        assert!(vi.svg.contains(">0,89 · trung vị"), "{}", vi.svg);
        let en =
            indicators_vs_median(&fixture::font(), fixture::strings(), &site, u, Lang::En, "ind").unwrap().unwrap();
        assert!(en.svg.contains(">0.89 · median"), "{}", en.svg);
        assert!(en.desc.starts_with("In 2022 (Provincial DTI), Ho Chi Minh City was above the median on "));
        assert_eq!(en.table.rows.len(), 11, "the eight indices and the three pillars of 2022");
        assert_eq!(en.table.rows[0][1], "0.8917");
        // One bar, one track and one median mark per indicator, plus two legend swatches.
        assert_eq!(count(&en.svg, "<rect"), 8 * 3 + 2);
        assert_eq!(
            en,
            indicators_vs_median(&fixture::font(), fixture::strings(), &site, u, Lang::En, "ind").unwrap().unwrap()
        );
    }

    #[test]
    fn no_values_no_chart_and_missing_values_not_drawn() {
        let mut site = fixture::site();
        let u = unit(&site, "cao-bang");
        assert_eq!(indicators_vs_median(&fixture::font(), fixture::strings(), &site, u, Lang::Vi, "x"), Ok(None));
        let at = edition(&site, "dti-tinh", "2022");
        let d = unit(&site, "da-nang");
        let ed = &mut site.indices[at.0].editions[at.1];
        let row = ed.rows.iter_mut().find(|r| r.unit == d).unwrap();
        row.values[1] = None;
        ed.index_rows();
        let chart =
            indicators_vs_median(&fixture::font(), fixture::strings(), &site, d, Lang::Vi, "x").unwrap().unwrap();
        assert_eq!(count(&chart.svg, "<rect"), 7 * 3 + 2);
        assert_eq!(chart.table.rows[1][1], "—");
    }
}
