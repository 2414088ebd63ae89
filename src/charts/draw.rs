//! The plotters canvas every chart draws on: the registered font, text styles and measuring, a
//! colour-blind-safe palette, and rendering a drawing into a tidy SVG body.

use std::sync::Mutex;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;

use super::svg;

/// The family name the theme font is registered under in plotters; never written to the SVG.
pub(crate) const FAMILY: &str = "minhbach-chart";

/// plotters writes `font-size = size / 1.24`; sizes here are CSS pixels.
const PLOTTERS_EM: f64 = 1.24;

/// Body text size in CSS pixels: never smaller, so labels stay readable on a phone.
pub(crate) const PX: f64 = 12.0;

/// The width every chart is drawn at: a 360 px phone less the page's 1 rem margins, so that
/// text is not scaled below 12 px there.
pub(crate) const WIDTH: u32 = 328;

static REGISTERED: Mutex<bool> = Mutex::new(false);

pub(crate) fn register_font(bytes: &[u8]) -> Result<(), String> {
    let mut done = REGISTERED.lock().unwrap_or_else(|e| e.into_inner());
    if *done {
        return Ok(());
    }
    // plotters keeps fonts for the whole process; leaked once, on the first registration.
    let bytes: &'static [u8] = Box::leak(bytes.to_vec().into_boxed_slice());
    plotters::style::register_font(FAMILY, FontStyle::Normal, bytes)
        .map_err(|_| "the chart font is not a TrueType or OpenType font".to_string())?;
    // A font that loads but cannot measure is as good as none.
    if font_desc(PX).box_size("Đà Nẵng").is_err() {
        return Err("the chart font cannot measure text".to_string());
    }
    *done = true;
    Ok(())
}

pub(crate) fn font_ready() -> bool {
    *REGISTERED.lock().unwrap_or_else(|e| e.into_inner())
}

fn font_desc(px: f64) -> FontDesc<'static> {
    FontDesc::new(FontFamily::Name(FAMILY), px * PLOTTERS_EM, FontStyle::Normal)
}

/// A text style of `px` CSS pixels, anchored at `h`, `v`.
pub(crate) fn text_style(px: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    font_desc(px).color(&color).pos(Pos::new(h, v))
}

pub(crate) fn bold(style: TextStyle<'static>) -> TextStyle<'static> {
    let TextStyle { font, color, pos } = style;
    TextStyle { font: font.style(FontStyle::Bold), color, pos }
}

/// The width of `text` at `px` CSS pixels, measured with the theme font.
pub(crate) fn text_width(text: &str, px: f64) -> f64 {
    match font_desc(px).box_size(text) {
        Ok((w, _)) => w as f64,
        Err(_) => text.chars().count() as f64 * px * 0.65,
    }
}

/// `text` cut with "…" so that it is at most `max` pixels wide.
pub(crate) fn fit(text: &str, px: f64, max: f64) -> String {
    if text_width(text, px) <= max {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    for n in (1..chars.len()).rev() {
        let s: String = chars[..n].iter().collect::<String>().trim_end().to_string() + "…";
        if text_width(&s, px) <= max {
            return s;
        }
    }
    "…".to_string()
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

/// Strokes to draw dashed: plotters' SVG backend cannot dash, so a dashed line is drawn in a
/// stand-in colour that [`svg::tidy`] turns into the real colour with `stroke-dasharray`.
#[derive(Default)]
pub(crate) struct Dashes {
    pairs: Vec<(RGBColor, RGBColor)>,
}

impl Dashes {
    /// The stand-in colour for a dashed stroke of `real`: one step off in blue, never drawn as is.
    pub(crate) fn of(&mut self, real: RGBColor) -> RGBColor {
        let RGBColor(r, g, b) = real;
        let stand_in = RGBColor(r, g, b ^ 1);
        if !self.pairs.iter().any(|&(s, _)| s == stand_in) {
            self.pairs.push((stand_in, real));
        }
        stand_in
    }

    fn hex_pairs(&self) -> Vec<(String, String)> {
        self.pairs.iter().map(|&(s, r)| (hex_upper(s), svg::hex(r))).collect()
    }
}

fn hex_upper(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

pub(crate) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
pub(crate) type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// Draws on a `width` × `height` canvas and returns the tidied SVG body (no root element), or
/// `None` when the font is missing or plotters fails.
pub(crate) fn render(width: u32, height: u32, paint: impl FnOnce(&Area, &mut Dashes) -> DrawResult) -> Option<String> {
    if !font_ready() {
        return None;
    }
    let mut raw = String::new();
    let mut dashes = Dashes::default();
    {
        let area = SVGBackend::with_string(&mut raw, (width, height)).into_drawing_area();
        paint(&area, &mut dashes).ok()?;
        area.present().ok()?;
    }
    Some(svg::tidy(&raw, &dashes.hex_pairs(), PX))
}

/// Draws a text at pixel position `(x, y)`.
pub(crate) fn label(area: &Area, text: &str, x: i32, y: i32, style: &TextStyle<'static>) -> DrawResult {
    area.draw(&Text::new(text.to_string(), (x, y), style.clone()))?;
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
    use super::*;

    #[test]
    fn measures_vietnamese_with_the_theme_font() {
        super::super::fixture::font();
        let w = text_width("Đà Nẵng", 12.0);
        assert!(w > 30.0 && w < 70.0, "{w}");
        assert!(text_width("Bà Rịa - Vũng Tàu", 12.0) > w);
        assert_eq!(fit("Bà Rịa - Vũng Tàu", 12.0, 1000.0), "Bà Rịa - Vũng Tàu");
        let cut = fit("Ủy ban Quản lý vốn nhà nước tại doanh nghiệp", 12.0, 120.0);
        assert!(cut.ends_with('…') && text_width(&cut, 12.0) <= 120.0, "{cut}");
    }

    #[test]
    fn registering_twice_is_harmless() {
        super::super::fixture::font();
        assert_eq!(register_font(b"not a font"), Ok(()));
    }
}
