//! The canvas every chart draws on: text styles, a colour-blind-safe palette, solid and dashed
//! lines, and rendering a drawing with the chart backend into an SVG body.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;

use super::backend::{Polyline, SvgBody};
use super::font::Font;

/// Body text size in CSS pixels: never smaller, so labels stay readable on a phone.
pub(crate) const PX: f64 = 12.0;

/// The narrow width every chart is drawn at, for phones: a 360 px phone less the page's 1 rem
/// margins, so that text is not scaled below 12 px there. Inline, the theme scales the drawing
/// to its column (`width: 100%`, height from the `viewBox`) up to `--chart-narrow-max`: text of
/// [`PX`] units is 13 px on a 390 px phone (`rendered_px` and its test).
pub(crate) const WIDTH: u32 = 328;

/// The wide width, for a desktop column: from the theme's breakpoint (`--chart-wide-from`, a
/// 672 px window, a 640 px column) to its largest chart (`--chart-max`, 44 rem, 704 px), text of
/// [`PX`] units is seen at 12 to 13.2 px, and the main chart of an edition is 704 px wide.
pub(crate) const WIDE: u32 = 640;

/// The id prefix of a chart's wide drawing, `id` being its narrow one's: both are on the page.
pub(crate) fn wide_id(id: &str) -> String {
    format!("{id}-w")
}

/// A chart's two drawings, `draw_at(width, id)`: the phone one at [`WIDTH`] with `id`, the
/// desktop one at [`WIDE`] with [`wide_id`] (for [`super::Chart`]'s `svg` and `wide`).
pub(crate) fn both_widths<E>(
    id: &str,
    draw_at: impl Fn(u32, &str) -> Result<String, E>,
) -> Result<(String, Option<String>), E> {
    Ok((draw_at(WIDTH, id)?, Some(draw_at(WIDE, &wide_id(id))?)))
}

/// The CSS pixel size at which `units` of a chart drawn `drawn` wide are seen when the chart is
/// shown `shown_px` wide (the browser scales the `viewBox` to the box).
#[cfg(test)]
pub(crate) fn rendered_px(units: f64, drawn: u32, shown_px: f64) -> f64 {
    units * shown_px / f64::from(drawn)
}

/// A text style of `px` CSS pixels, anchored at `h`, `v`. The family is never written: the
/// backend measures with the theme font and the SVG names a font stack.
pub(crate) fn text_style(px: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    FontDesc::new(FontFamily::SansSerif, px, FontStyle::Normal).color(&color).pos(Pos::new(h, v))
}

pub(crate) fn bold(style: TextStyle<'static>) -> TextStyle<'static> {
    let TextStyle { font, color, pos } = style;
    TextStyle { font: font.style(FontStyle::Bold), color, pos }
}

/// Okabe–Ito colours, distinguishable with the common colour-vision deficiencies; all but the
/// last two have at least 3:1 contrast on white.
pub(crate) const SERIES: [RGBColor; 7] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0x00, 0x00, 0x00), // black
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
];

pub(crate) const INK: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
pub(crate) const MUTED: RGBColor = RGBColor(0x59, 0x59, 0x59);
pub(crate) const RULE: RGBColor = RGBColor(0xBF, 0xBF, 0xBF);
/// Gridlines: decorative, lighter than the axis.
pub(crate) const GRID: RGBColor = RGBColor(0xDE, 0xDE, 0xDE);
/// The bars' fill: dark enough for 3:1 against white, light enough for black text beside it.
pub(crate) const BAR: RGBColor = RGBColor(0x21, 0x71, 0xB5);
/// The track behind a bar that has a maximum (a unit's indicators).
pub(crate) const TRACK: RGBColor = RGBColor(0xEB, 0xEB, 0xEB);

/// The theme's name for each colour a chart draws with: a shape painted with one carries the
/// class `f-<name>` (fill) or `s-<name>` (stroke) beside the colour itself, and the theme's
/// stylesheet paints those classes with its `--chart-<name>` custom properties (see
/// docs/THEMES.md), so an inline chart takes the theme's colours and a standalone file, read
/// without the stylesheet, keeps these defaults.
pub(crate) fn role(rgb: (u8, u8, u8)) -> Option<&'static str> {
    const NAMED: [(RGBColor, &str); 14] = [
        (INK, "ink"),
        (MUTED, "muted"),
        (RULE, "rule"),
        (GRID, "grid"),
        (BAR, "accent"),
        (TRACK, "track"),
        (RGBColor(0xFF, 0xFF, 0xFF), "paper"),
        (SERIES[0], "series-1"),
        (SERIES[1], "series-2"),
        (SERIES[2], "series-3"),
        (SERIES[3], "series-4"),
        (SERIES[4], "series-5"),
        (SERIES[5], "series-6"),
        (SERIES[6], "series-7"),
    ];
    NAMED.iter().find(|(c, _)| (c.0, c.1, c.2) == rgb).map(|&(_, n)| n)
}

pub(crate) type Area<'a> = DrawingArea<SvgBody<'a>, Shift>;
pub(crate) type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// Draws on a `width` × `height` canvas and returns the SVG body (no root element, see
/// [`super::svg::document`]), or what went wrong.
pub(crate) fn render(
    font: &Font,
    width: u32,
    height: u32,
    paint: impl FnOnce(&Area) -> DrawResult,
) -> Result<String, String> {
    crate::timings::time(crate::timings::Stage::Charts, || {
        let mut body = String::with_capacity(8192);
        {
            let area = SvgBody::new(&mut body, (width, height), font, PX).into_drawing_area();
            paint(&area).map_err(|e| e.to_string())?;
            area.present().map_err(|e| e.to_string())?;
        }
        Ok(body)
    })
}

/// A line `width` pixels wide through `points`, dashed or solid.
pub(crate) fn line(area: &Area, points: Vec<(i32, i32)>, colour: RGBColor, width: u32, dashed: bool) -> DrawResult {
    area.draw(&Polyline::new(points, colour.stroke_width(width), dashed))?;
    Ok(())
}

/// Draws a text at pixel position `(x, y)`.
pub(crate) fn label(area: &Area, text: &str, x: i32, y: i32, style: &TextStyle<'static>) -> DrawResult {
    area.draw(&Text::new(text, (x, y), style))?;
    Ok(())
}

/// Convenience anchors.
pub(crate) const LEFT: (HPos, VPos) = (HPos::Left, VPos::Center);
pub(crate) const RIGHT: (HPos, VPos) = (HPos::Right, VPos::Center);
pub(crate) const CENTER: (HPos, VPos) = (HPos::Center, VPos::Center);

pub(crate) fn style_at(px: f64, color: RGBColor, anchor: (HPos, VPos)) -> TextStyle<'static> {
    text_style(px, color, anchor.0, anchor.1)
}

/// The height of one legend entry whose name fits on one line; each more line adds 14.
pub(crate) const LEGEND_ROW: i32 = 18;

/// Where each entry of a legend starts, from `start` down, the names wrapped into `legend`'s
/// lines; and the y below the last entry.
pub(crate) fn legend_tops(start: i32, legend: &[Vec<String>]) -> (Vec<i32>, i32) {
    let mut y = start;
    let tops = legend
        .iter()
        .map(|lines| {
            let top = y;
            y += LEGEND_ROW + 14 * (lines.len() as i32 - 1);
            top
        })
        .collect();
    (tops, y)
}

/// A legend entry's name beside its key: its lines 14 apart from `y`, at `x`.
pub(crate) fn legend_name(area: &Area, lines: &[String], x: i32, y: i32) -> DrawResult {
    for (k, line) in lines.iter().enumerate() {
        label(area, line, x, y + 14 * k as i32, &style_at(PX, INK, LEFT))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{rendered_px, role, BAR, GRID, INK, MUTED, PX, RULE, SERIES, TRACK, WIDE, WIDTH};

    /// A custom property of the theme's stylesheet, in CSS pixels (16 px a rem).
    fn theme_px(name: &str) -> f64 {
        let css = include_str!("../../themes/default/static/style.css");
        let at = css.find(&format!("{name}:")).unwrap_or_else(|| panic!("{name} in style.css"));
        let value = css[at + name.len() + 1..].split(';').next().expect("a value").trim();
        let rem = value.strip_suffix("rem").unwrap_or_else(|| panic!("{name} in rem, found {value}"));
        rem.parse::<f64>().expect("a number") * 16.0
    }

    #[test]
    fn text_stays_readable_on_a_phone_and_charts_fill_a_desktop_column() {
        let css = include_str!("../../themes/default/static/style.css");
        let rule = css.lines().find(|l| l.starts_with(".chart-svg svg {")).expect("the chart rule");
        assert!(rule.contains("width: 100%") && rule.contains("height: auto"), "{rule}");
        // The narrow drawing: a 390 px phone less the page's 1 rem margins; 360 px, the
        // narrowest common phone; up to the breakpoint, where it is at most its largest width.
        assert!(rendered_px(PX, WIDTH, 390.0 - 32.0) >= 13.0);
        assert!(rendered_px(PX, WIDTH, 360.0 - 32.0) >= 12.0);
        assert!(rendered_px(PX, WIDTH, theme_px("--chart-narrow-max")) <= 18.0);
        // The wide drawing: from the breakpoint (a column of the window less 2 rem) to the
        // largest chart, text between 12 and 14 px, and the main chart at least 600 px wide.
        let from = theme_px("--chart-wide-from") - 32.0;
        let max = theme_px("--chart-max");
        assert!(css.contains("@media (min-width: 42rem)"), "the breakpoint is --chart-wide-from");
        assert!(rendered_px(PX, WIDE, from) >= 12.0, "{from}");
        assert!(rendered_px(PX, WIDE, max) <= 14.0 && rendered_px(PX, WIDE, max) >= 12.0);
        assert!(max >= 600.0, "the main chart must reach 600 px on a desktop, the theme caps it at {max}");
        assert_eq!(rendered_px(PX, WIDTH, f64::from(WIDTH)), PX);
    }

    #[test]
    fn every_drawing_colour_has_a_theme_name_in_the_stylesheet() {
        let css = include_str!("../../themes/default/static/style.css");
        for c in [INK, MUTED, RULE, GRID, BAR, TRACK].iter().chain(SERIES.iter()) {
            let name = role((c.0, c.1, c.2)).expect("named");
            assert!(css.contains(&format!(".f-{name} {{ fill: var(--chart-{name}")), "f-{name}");
            assert!(css.contains(&format!(".s-{name} {{ stroke: var(--chart-{name}")), "s-{name}");
            let default = format!("--chart-{name}: #{:02x}{:02x}{:02x};", c.0, c.1, c.2);
            assert!(css.contains(&default), "{default}");
        }
    }
}
