//! The tile-grid map: one square per province where it roughly lies (see [`super::layout`]),
//! coloured by score band, or by rank band when scores are missing, each a link to the unit's
//! page, with a legend.

use super::draw::{WIDE, WIDTH};
use super::tile_grid::{abbreviations, name_lines, wide_tile, Grid, Tile, PALETTE};
use super::words::{self, say};
use super::{bars::nice_step, Chart, ChartResult, Font, KeyEntry, Table};
use crate::format;
use crate::i18n::{vi_sort_key, Lang, Strings};
use crate::model::{Row, Site, UnitId};

const PITCH: u32 = 38;

/// How tiles are coloured.
enum Bands {
    /// Rank bands of `width` places over a field of `field`.
    Rank { width: u32, field: u32 },
    /// Score bands of `step` from `start`, `count` of them, labels with `decimals`.
    Score { start: f64, step: f64, count: usize, decimals: usize },
}

impl Bands {
    fn count(&self) -> usize {
        match *self {
            Bands::Rank { width, field } => field.div_ceil(width).max(1) as usize,
            Bands::Score { count, .. } => count,
        }
    }

    /// The band of a row, 0 the best; `None` when the row has nothing to colour by.
    fn of(&self, row: &Row, higher_is_better: bool) -> Option<usize> {
        match *self {
            Bands::Rank { width, .. } => {
                row.rank.map(|r| ((r.max(1) - 1) / width) as usize).map(|b| b.min(self.count() - 1))
            }
            Bands::Score { start, step, count, .. } => {
                let s = row.score.filter(|s| s.is_finite())?;
                let from_low = (((s - start) / step).floor().max(0.0) as usize).min(count - 1);
                Some(if higher_is_better { count - 1 - from_low } else { from_low })
            }
        }
    }

    /// The legend's words for band `b` (0 the best).
    fn label(&self, b: usize, higher_is_better: bool, strings: &Strings, lang: Lang) -> String {
        match *self {
            Bands::Rank { width, field } => {
                let (b, width) = (b as u64, u64::from(width));
                let from = (b * width + 1).to_string();
                let to = ((b + 1) * width).min(u64::from(field)).to_string();
                if from == to {
                    say(strings, lang, "chart_band_rank", &[("rank", &from)])
                } else {
                    say(strings, lang, "chart_band_ranks", &[("from", &from), ("to", &to)])
                }
            }
            Bands::Score { start, step, count, decimals } => {
                let k = if higher_is_better { count - 1 - b } else { b };
                let lo = start + k as f64 * step;
                format!("{}–{}", format::number(lo, decimals, lang), format::number(lo + step, decimals, lang))
            }
        }
    }
}

/// The tile map of an edition on `layout`, its labels fitted with `font`, its words the theme's
/// `strings`; `href` gives each unit's page. `None` when no unit of the layout has a rank or
/// score in the edition. `id` prefixes ids in the SVG. The root has `role="group"` rather than
/// `img`: its tiles are links, which an image role would hide from assistive technology.
#[allow(clippy::too_many_arguments)]
pub(crate) fn tile_map(
    font: &Font,
    strings: &Strings,
    site: &Site,
    index: usize,
    edition: usize,
    layout: &[(UnitId, u32, u32)],
    lang: Lang,
    href: &dyn Fn(UnitId) -> String,
    id: &str,
) -> ChartResult {
    let Some(idx) = site.indices.get(index) else { return Ok(None) };
    let Some(ed) = idx.editions.get(edition) else { return Ok(None) };
    let better = idx.scale.higher_is_better;
    let rows: Vec<(UnitId, Option<&Row>)> = layout.iter().map(|&(u, _, _)| (u, ed.row_of(u))).collect();
    let ranked = rows.iter().filter(|(_, r)| r.is_some_and(|r| r.rank.is_some())).count();
    let scores: Vec<f64> = rows.iter().filter_map(|&(_, r)| r?.score.filter(|s| s.is_finite())).collect();
    let all_scored =
        !scores.is_empty() && rows.iter().all(|(_, r)| r.is_none_or(|r| r.rank.is_none() || r.score.is_some()));
    let bands = if all_scored {
        let lo = scores.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (step, decimals) = nice_step((hi - lo).max(idx.scale.max.max(1e-9) / 100.0));
        let start = ((lo / step) + 1e-9).floor() * step;
        let count = ((((hi - start) / step) + 1e-9).floor() as usize + 1).clamp(1, PALETTE.len());
        Bands::Score { start, step, count, decimals }
    } else if ranked > 0 {
        let max_rank = rows.iter().filter_map(|&(_, r)| r?.rank).max().unwrap_or(1);
        let field = words::field_size(site, idx, ed).unwrap_or(0).max(max_rank);
        let width = [1u32, 2, 3, 5, 10, 15, 20, 25, 50, 100, 200, 500, 1000]
            .into_iter()
            .find(|w| w * 5 >= field)
            .unwrap_or(field.div_ceil(5));
        Bands::Rank { width, field }
    } else {
        return Ok(None);
    };
    let k = bands.count();
    let name = |u: UnitId| site.units[u].name.get(lang).to_string();
    let cols = layout.iter().map(|&(_, c, _)| c).max().unwrap_or(0) + 1;
    let pitch = PITCH.min((WIDTH - 4) / cols.max(1)).max(20);
    // Labels may reach into the gap between tiles: the measuring font is wider than most.
    let abbr = abbreviations(font, &rows.iter().map(|&(u, _)| name(u)).collect::<Vec<_>>(), f64::from(pitch));

    let short = idx.short.get(lang);
    let ed_name = words::edition_name(ed, lang);
    let title = say(strings, lang, "chart_map_title", &[("index", short), ("edition", &ed_name)]);
    let caption = say(strings, lang, "chart_map_title", &[("index", short), ("edition", &words::edition_short(ed))]);
    let by_what = match bands {
        Bands::Score { .. } => strings.get(lang, "chart_map_by_score"),
        Bands::Rank { .. } => strings.get(lang, "chart_map_by_rank"),
    };
    let no_data = rows.iter().filter(|(_, r)| r.and_then(|r| bands.of(r, better)).is_none()).count();
    let mut order: Vec<(UnitId, &Row)> =
        rows.iter().filter_map(|&(u, r)| Some((u, r?))).filter(|(_, r)| r.rank.is_some()).collect();
    // By rank, then name; each name's sort key made once.
    order.sort_by_cached_key(|&(u, r)| (r.rank, vi_sort_key(&name(u))));
    let leaders: Vec<String> = order
        .iter()
        .take(3)
        .map(|(u, r)| format!("{} ({})", name(*u), words::rank_of(r.rank.unwrap_or(0), r.tied, None, strings, lang)))
        .collect();
    let (tiles_n, without) = (rows.len().to_string(), no_data.to_string());
    let mut desc =
        say(strings, lang, "chart_map_desc", &[("colour", by_what), ("tiles", &tiles_n), ("no_data", &without)]);
    if !leaders.is_empty() {
        let list = words::join(&leaders, strings, lang);
        desc += &format!(" {}", say(strings, lang, "chart_map_leading", &[("list", &list)]));
    }
    let counts: Vec<String> = (0..k)
        .map(|b| {
            let n = rows.iter().filter(|(_, r)| r.and_then(|r| bands.of(r, better)) == Some(b)).count();
            format!("{}: {n}", bands.label(b, better, strings, lang))
        })
        .collect();
    desc += &format!(" {}.", counts.join("; "));

    let mut table_rows: Vec<(Option<u32>, String, Vec<String>)> = rows
        .iter()
        .map(|&(u, r)| {
            let band = r.and_then(|r| bands.of(r, better)).map(|b| bands.label(b, better, strings, lang));
            let cells = vec![
                name(u),
                r.map_or_else(|| words::rank(None, false), words::row_rank),
                words::score(r.and_then(|r| r.score), r.map_or(0, |r| r.score_decimals), lang),
                band.unwrap_or_else(|| strings.get(lang, "chart_no_data").to_string()),
            ];
            (r.and_then(|r| r.rank), name(u), cells)
        })
        .collect();
    table_rows.sort_by_cached_key(|(rank, name, _)| (rank.unwrap_or(u32::MAX), vi_sort_key(name)));
    let table = Table {
        head: ["chart_head_unit", "chart_head_rank", "chart_head_score", "chart_head_band"]
            .map(|k| strings.get(lang, k).to_string())
            .to_vec(),
        rows: table_rows.into_iter().map(|(_, _, c)| c).collect(),
    };

    let tiles: Vec<Tile> = layout
        .iter()
        .enumerate()
        .map(|(n, &(u, col, row_at))| {
            let row = rows[n].1;
            let band = row.and_then(|row| bands.of(row, better));
            let value = match (&bands, row) {
                (_, None) => "—".to_string(),
                (Bands::Score { .. }, Some(row)) if band.is_some() => words::short(row.score.unwrap_or(0.0), lang),
                (_, Some(row)) => words::row_rank(row),
            };
            let unit_name = name(u);
            let spoken = match row {
                Some(row) if band.is_some() => {
                    let rank = words::row_rank(row);
                    match row.score {
                        Some(sc) => {
                            let score = words::score(Some(sc), row.score_decimals, lang);
                            say(
                                strings,
                                lang,
                                "chart_tile_score",
                                &[("unit", &unit_name), ("rank", &rank), ("score", &score)],
                            )
                        }
                        None => say(strings, lang, "chart_tile", &[("unit", &unit_name), ("rank", &rank)]),
                    }
                }
                _ => say(strings, lang, "chart_tile_no_data", &[("unit", &unit_name)]),
            };
            Tile { col, row: row_at, band, value, name: unit_name, abbr: abbr[n].clone(), spoken, href: href(u) }
        })
        .collect();
    let mut legend: Vec<(Option<usize>, String)> =
        (0..k).map(|b| (Some(b), bands.label(b, better, strings, lang))).collect();
    if no_data > 0 {
        legend.push((None, strings.get(lang, "chart_no_data").to_string()));
    }
    // Most tiles empty: say so under the legend rather than leave a field of dashes unexplained.
    let note = (no_data * 2 > rows.len())
        .then(|| say(strings, lang, "chart_map_mostly_missing", &[("no_data", &without), ("tiles", &tiles_n)]));
    let grid =
        Grid { font, tiles: &tiles, bands: k, caption: &caption, by_what, legend: &legend, note: note.as_deref() };
    let svg = grid.draw(WIDTH, id, &title, &desc, false);
    let wide = grid.draw(WIDE, &super::draw::wide_id(id), &title, &desc, true);
    // The key: every tile's short label and name, by label, for a page to show beside the map
    // where its tiles are too small for names.
    let mut key: Vec<KeyEntry> = layout
        .iter()
        .zip(&tiles)
        .map(|(&(u, _, _), t)| KeyEntry {
            code: t.abbr.clone(),
            name: t.name.clone(),
            unit: u,
            named_wide: name_lines(font, &t.name, wide_tile(&tiles, WIDE)).is_some(),
        })
        .collect();
    key.sort_by_cached_key(|e| (vi_sort_key(&e.code), vi_sort_key(&e.name)));
    Ok(Some(Chart { svg, wide: Some(wide), title, desc, table, key }))
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{self, assert_accessible, count, edition, set_row, unit};
    use super::*;

    use super::super::layout::tests::layouts;
    use crate::model::TileLayout;

    fn href(site: &Site) -> impl Fn(UnitId) -> String + '_ {
        move |u| format!("/dia-phuong/{}/?a=1&b=2", site.units[u].slug)
    }

    #[test]
    fn an_edition_of_63_by_rank_band_with_links() {
        let site = fixture::site();
        let ls = layouts(&site);
        let (i, e) = edition(&site, "dti-tinh", "2022");
        let h = href(&site);
        let chart =
            tile_map(&fixture::font(), fixture::strings(), &site, i, e, &ls[0], Lang::Vi, &h, "map").unwrap().unwrap();
        assert_accessible(&chart.svg.replacen("role=\"group\"", "role=\"img\"", 1), "map");
        assert!(chart.svg.contains("role=\"group\""));
        assert_eq!(count(&chart.svg, "<a href="), 63);
        assert!(chart.svg.contains("href=\"/dia-phuong/da-nang/?a=1&amp;b=2\""));
        assert!(chart.svg.contains("<title>Đà Nẵng: hạng 1, điểm 0,8002</title>"), "{}", chart.svg);
        assert!(chart.desc.starts_with("Màu theo nhóm hạng"), "{}", chart.desc);
        assert!(chart.desc.contains("Dẫn đầu: Đà Nẵng (hạng 1)"));
        assert!(chart.svg.contains(">Hạng 1–15<"));
        assert!(chart.svg.contains(">15=<"), "ties visible");
        assert!(chart.svg.contains(">HCM<") && chart.svg.contains(">BRVT<") && chart.svg.contains(">Huế<"));
        assert_eq!(chart.table.rows.len(), 63);
        // The wide drawing names its tiles in full where they fit, nothing cut.
        let wide = chart.wide.as_deref().expect("a wide drawing");
        assert!(wide.contains("viewBox=\"0 0 640 ") && wide.contains("id=\"map-w-title\""));
        assert_eq!(count(wide, "<a href="), 63);
        assert!(wide.contains(">Đà Nẵng<") && wide.contains(">Hồ Chí<") && wide.contains(">Minh<"), "{wide}");
        assert!(!wide.contains('…') && !chart.svg.contains('…'));
        // The key: every tile's short label with its full name, by label.
        assert_eq!(chart.key.len(), 63);
        let hcm = chart.key.iter().find(|k| k.code == "HCM").expect("HCM in the key");
        assert_eq!(hcm.name, "Hồ Chí Minh");
        assert!(hcm.named_wide);
        assert!(chart.key.windows(2).all(|w| vi_sort_key(&w[0].code) <= vi_sort_key(&w[1].code)));
        // Colours the theme can change: bands and no-data tiles carry their classes.
        assert!(chart.svg.contains("class=\"f-band-1\" fill=\"#08306b\""), "{}", chart.svg);
        let en =
            tile_map(&fixture::font(), fixture::strings(), &site, i, e, &ls[0], Lang::En, &h, "map").unwrap().unwrap();
        assert!(en.desc.starts_with("Colour by rank band"));
        assert!(en.svg.contains("<title>Da Nang: rank 1, score 0.8002</title>"));
        assert_eq!(
            en,
            tile_map(&fixture::font(), fixture::strings(), &site, i, e, &ls[0], Lang::En, &h, "map").unwrap().unwrap()
        );
    }

    #[test]
    fn an_edition_of_34_by_score_band_and_no_data_in_grey() {
        let mut site = fixture::site();
        let ls = layouts(&site);
        let at = edition(&site, "dti-tinh", "2024");
        // Give every ranked unit a score: the map switches to score bands.
        let ranked: Vec<(UnitId, Option<u32>)> =
            site.indices[at.0].editions[at.1].rows.iter().map(|r| (r.unit, r.rank)).collect();
        for (n, (u, rank)) in ranked.into_iter().enumerate() {
            set_row(&mut site, at, u, rank, false, rank.map(|_| 0.60 + n as f64 * 0.02));
        }
        let h = href(&site);
        let chart = tile_map(&fixture::font(), fixture::strings(), &site, at.0, at.1, &ls[1], Lang::En, &h, "m34")
            .unwrap()
            .unwrap();
        assert_eq!(count(&chart.svg, "<a href="), 34);
        assert!(chart.desc.starts_with("Colour by score band: 34 provinces on the map"), "{}", chart.desc);
        assert!(chart.svg.contains(">No data<"));
        assert!(chart.svg.contains("stroke-dasharray=\"3 2\""));
        assert!(chart.svg.contains(">0.60–"), "{}", chart.svg);
        let vi = tile_map(&fixture::font(), fixture::strings(), &site, at.0, at.1, &ls[1], Lang::Vi, &h, "m34")
            .unwrap()
            .unwrap();
        assert!(vi.svg.contains(">0,60–"), "{}", vi.svg);
        assert!(vi.svg.contains(">Không có dữ liệu<"));
    }

    #[test]
    fn a_map_of_mostly_empty_tiles_says_so() {
        let site = fixture::site();
        let ls = layouts(&site);
        let (i, e) = edition(&site, "dti-tinh", "2024");
        let h = href(&site);
        let chart =
            tile_map(&fixture::font(), fixture::strings(), &site, i, e, &ls[1], Lang::Vi, &h, "m").unwrap().unwrap();
        let texts = chart.svg.split("</text>").filter_map(|t| t.rsplit('>').next()).collect::<Vec<_>>().join(" ");
        assert!(texts.contains("21/34 tỉnh chưa có hạng hay điểm công bố"), "{texts}");
        assert!(chart.wide.as_deref().unwrap().contains("21/34 tỉnh chưa có"));
        // A full map has no such note.
        let (_, full) = edition(&site, "dti-tinh", "2022");
        let chart =
            tile_map(&fixture::font(), fixture::strings(), &site, i, full, &ls[0], Lang::Vi, &h, "m").unwrap().unwrap();
        assert!(!chart.svg.contains("chưa có hạng hay điểm"));
    }

    #[test]
    fn nothing_to_colour_no_map() {
        let site = fixture::site();
        let ls = layouts(&site);
        let (b, eb) = edition(&site, "dti-bo", "2021");
        let h = href(&site);
        assert_eq!(tile_map(&fixture::font(), fixture::strings(), &site, b, eb, &ls[0], Lang::Vi, &h, "x"), Ok(None));
    }

    #[test]
    fn names_escaped_in_tiles() {
        let mut site = fixture::site();
        let u = unit(&site, "hue");
        site.units[u].name.vi = "Huế & <Co>".into();
        let ls = layouts(&site);
        let (i, e) = edition(&site, "dti-tinh", "2022");
        let h = href(&site);
        let chart =
            tile_map(&fixture::font(), fixture::strings(), &site, i, e, &ls[0], Lang::Vi, &h, "x").unwrap().unwrap();
        assert!(chart.svg.contains("Huế &amp; &lt;Co&gt;"));
        assert!(!chart.svg.contains("<Co>"));
    }

    #[test]
    fn odd_layouts_do_not_fail() {
        let mut site = fixture::site();
        let (i, e) = edition(&site, "dti-tinh", "2022");
        let (a, b) = (unit(&site, "da-nang"), unit(&site, "hue"));
        site.units[a].name.vi = String::new();
        site.units[b].name.vi = " - ".into();
        let h = href(&site);
        let wide: TileLayout = vec![(a, 0, 0), (b, 40, 3)];
        let chart =
            tile_map(&fixture::font(), fixture::strings(), &site, i, e, &wide, Lang::Vi, &h, "w").unwrap().unwrap();
        assert!(chart.svg.contains("<svg xmlns"));
        assert_eq!(tile_map(&fixture::font(), fixture::strings(), &site, i, e, &[], Lang::Vi, &h, "w"), Ok(None));
    }

    #[test]
    fn abbreviations_are_unique() {
        let font = fixture::font();
        let names: Vec<String> = [
            "Hà Nội",
            "Hà Nam",
            "Đà Nẵng",
            "Đắk Nông",
            "Đồng Nai",
            "Hà Giang",
            "Hậu Giang",
            "Huế",
            "Bà Rịa - Vũng Tàu",
            "Hồ Chí Minh",
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        let a = abbreviations(&font, &names, 34.0);
        assert_eq!(a, vec!["HNộ", "HNa", "ĐNẵ", "ĐNô", "ĐNa", "HàG", "HậG", "Huế", "BRVT", "HCM"]);
        let en: Vec<String> = ["Da Nang", "Dak Nong", "Dong Nai"].iter().map(ToString::to_string).collect();
        assert_eq!(abbreviations(&font, &en, 34.0), vec!["DaNa", "DaNo", "DoNa"]);
        let city = vec!["Ho Chi Minh City".to_string()];
        assert_eq!(abbreviations(&font, &city, 34.0), vec!["HCM"]);
    }

    #[test]
    fn text_contrasts_with_its_tile() {
        assert_eq!(super::super::tile_grid::text_on("#08306b"), "#fff");
        assert_eq!(super::super::tile_grid::text_on("#c6dbef"), super::super::tile_grid::INK);
    }
}
