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

/// The width every chart is drawn at: a 360 px phone less the page's 1 rem margins, so that
/// text is not scaled below 12 px there. Inline, the theme scales the drawing to its column
/// (`width: 100%`, height from the `viewBox`) up to `--chart-max` (38 rem, 608 px): text of
/// [`PX`] units is 13 px on a 390 px phone and about 22 px at full desktop width, and the main
/// chart of an edition is 608 px wide at 1280 px (`rendered_px` and its test).
pub(crate) const WIDTH: u32 = 328;

/// The CSS pixel size at which `units` of a chart's drawing are seen when the chart is shown
/// `shown_px` wide (the browser scales the `viewBox` to the box).
#[cfg(test)]
pub(crate) fn rendered_px(units: f64, shown_px: f64) -> f64 {
    units * shown_px / f64::from(WIDTH)
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

#[cfg(test)]
mod tests {
    use super::{rendered_px, PX, WIDTH};

    /// The theme's largest chart width, in CSS pixels (`--chart-max` of style.css, 16 px a rem).
    fn chart_max_px() -> f64 {
        let css = include_str!("../../themes/default/static/style.css");
        let rule = css.lines().find(|l| l.starts_with(".chart-svg svg {")).expect("the chart rule");
        assert!(rule.contains("width: 100%") && rule.contains("height: auto"), "{rule}");
        let rem = rule.split("var(--chart-max, ").nth(1).and_then(|r| r.split("rem").next()).expect("a rem size");
        rem.parse::<f64>().expect("a number") * 16.0
    }

    #[test]
    fn text_stays_readable_on_a_phone_and_charts_fill_a_desktop_column() {
        // 390 px phone less the page's 1 rem margins; 360 px, the narrowest common phone.
        assert!(rendered_px(PX, 390.0 - 32.0) >= 13.0);
        assert!(rendered_px(PX, 360.0 - 32.0) >= 12.0);
        let max = chart_max_px();
        assert!(max >= 600.0, "the main chart must reach 600 px on a desktop, the theme caps it at {max}");
        // and the text stays a text size, not a headline, at that width
        assert!(rendered_px(PX, max) <= 24.0);
        assert_eq!(rendered_px(PX, f64::from(WIDTH)), PX);
    }
}
