//! The charts' plotters drawing backend: each shape goes straight into a string as a compact SVG
//! element, one a line (defaults left out, colours as short hex, text on one line, dashed lines
//! as [`Polyline`]s marked so), and text is measured with the theme's [`Font`].
//!
//! Text styles give sizes in CSS pixels; the root element (see [`super::svg::document`]) sets the
//! font family and the body size, so a text of that size names neither.

use std::convert::Infallible;
use std::fmt::Write as _;

use plotters::element::{Drawable, PointCollection};
use plotters::style::ShapeStyle;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontStyle,
    FontTransform,
};

use super::font::Font;
use super::svg::trim_number;

/// The dash pattern of a dashed line.
const DASHES: &str = "6 4";

/// Draws into `out`, a `size` canvas whose root element sets text of `root_px` CSS pixels.
pub(crate) struct SvgBody<'a> {
    out: &'a mut String,
    size: (u32, u32),
    font: &'a Font,
    root_px: f64,
}

impl<'a> SvgBody<'a> {
    pub(crate) fn new(out: &'a mut String, size: (u32, u32), font: &'a Font, root_px: f64) -> Self {
        SvgBody { out, size, font, root_px }
    }

    /// `<polyline>` through `points`, dashed or not.
    fn polyline(&mut self, points: impl IntoIterator<Item = BackendCoord>, style: &impl BackendStyle, dashed: bool) {
        let color = style.color();
        if color.alpha == 0.0 {
            return;
        }
        let out = &mut *self.out;
        out.push_str("<polyline fill=\"none\"");
        opacity(out, color);
        paint(out, "stroke", color);
        let _ = write!(out, " stroke-width=\"{}\" points=\"", style.stroke_width());
        for (n, (x, y)) in points.into_iter().enumerate() {
            if n > 0 {
                out.push(' ');
            }
            let _ = write!(out, "{x},{y}");
        }
        out.push('"');
        if dashed {
            let _ = write!(out, " stroke-dasharray=\"{DASHES}\"");
        }
        out.push_str("/>\n");
    }
}

impl DrawingBackend for SvgBody<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<Infallible>> {
        if color.alpha == 0.0 {
            return Ok(());
        }
        let out = &mut *self.out;
        let _ = write!(out, "<rect x=\"{x}\" y=\"{y}\" width=\"1\" height=\"1\"");
        opacity(out, color);
        paint(out, "fill", color);
        out.push_str("/>\n");
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        (x1, y1): BackendCoord,
        (x2, y2): BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let out = &mut *self.out;
        out.push_str("<line");
        opacity(out, color);
        paint(out, "stroke", color);
        let _ = writeln!(
            out,
            " stroke-width=\"{}\" x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\"/>",
            style.stroke_width()
        );
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let out = &mut *self.out;
        let _ = write!(out, "<rect x=\"{x0}\" y=\"{y0}\" width=\"{}\" height=\"{}\"", x1 - x0, y1 - y0);
        opacity(out, color);
        if fill {
            paint(out, "fill", color);
        } else {
            // SVG's default stroke width of 1: plotters never wrote a rectangle's.
            out.push_str(" fill=\"none\"");
            paint(out, "stroke", color);
        }
        out.push_str("/>\n");
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.polyline(path, style, false);
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let out = &mut *self.out;
        let _ = write!(out, "<circle cx=\"{x}\" cy=\"{y}\" r=\"{radius}\"");
        opacity(out, color);
        if fill {
            paint(out, "fill", color);
        } else {
            out.push_str(" fill=\"none\"");
            paint(out, "stroke", color);
            let _ = write!(out, " stroke-width=\"{}\"", style.stroke_width());
        }
        out.push_str("/>\n");
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let out = &mut *self.out;
        out.push_str("<polygon");
        opacity(out, color);
        paint(out, "fill", color);
        out.push_str(" points=\"");
        for (n, (x, y)) in vert.into_iter().enumerate() {
            if n > 0 {
                out.push(' ');
            }
            let _ = write!(out, "{x},{y}");
        }
        out.push_str("\"/>\n");
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        (x, y): BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let anchor = style.anchor();
        let dy = match anchor.v_pos {
            VPos::Top => "0.76em",
            VPos::Center => "0.5ex",
            VPos::Bottom => "-0.5ex",
        };
        let out = &mut *self.out;
        let _ = write!(out, "<text x=\"{x}\" y=\"{y}\" dy=\"{dy}\"");
        match anchor.h_pos {
            HPos::Left => {}
            HPos::Center => out.push_str(" text-anchor=\"middle\""),
            HPos::Right => out.push_str(" text-anchor=\"end\""),
        }
        let px = (style.size() * 10.0).round() / 10.0;
        if (px - self.root_px).abs() >= 0.05 {
            let _ = write!(out, " font-size=\"{}\"", trim_number(px));
        }
        opacity(out, color);
        if color.rgb != (0, 0, 0) {
            paint(out, "fill", color);
        }
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => out.push_str(" font-weight=\"bold\""),
            other => {
                let _ = write!(out, " font-style=\"{}\"", other.as_str());
            }
        }
        let turn = match style.transform() {
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
            FontTransform::None => None,
        };
        if let Some(turn) = turn {
            let _ = write!(out, " transform=\"rotate({turn}, {x}, {y})\"");
        }
        out.push('>');
        // One line: each line of the text trimmed, then joined.
        for line in text.split('\n') {
            escape(out, line.trim());
        }
        out.push_str("</text>\n");
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
        Ok(self.font.measure(text, style.size()))
    }
}

/// ` opacity="…"` unless fully opaque.
fn opacity(out: &mut String, color: BackendColor) {
    if color.alpha != 1.0 {
        let _ = write!(out, " opacity=\"{}\"", color.alpha);
    }
}

/// ` name="#rrggbb"`, or `#rgb` when that says the same, after the class that lets the theme's
/// stylesheet paint it (` class="f-ink"`, see [`super::draw::role`]) when the colour has a name.
fn paint(out: &mut String, name: &str, color: BackendColor) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let (r, g, b) = color.rgb;
    if let Some(role) = super::draw::role(color.rgb) {
        let _ = write!(out, " class=\"{}-{role}\"", if name == "fill" { 'f' } else { 's' });
    }
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"#");
    let short = [r, g, b].iter().all(|v| v >> 4 == v & 0xf);
    for v in [r, g, b] {
        if !short {
            out.push(HEX[(v >> 4) as usize] as char);
        }
        out.push(HEX[(v & 0xf) as usize] as char);
    }
    out.push('"');
}

/// Text content escaped as plotters escaped it.
fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

/// A line through points, solid or dashed: plotters' styles cannot say "dashed", so this element
/// carries it, and only the chart backend draws it.
pub(crate) struct Polyline {
    points: Vec<BackendCoord>,
    style: ShapeStyle,
    dashed: bool,
}

impl Polyline {
    pub(crate) fn new(points: Vec<BackendCoord>, style: ShapeStyle, dashed: bool) -> Self {
        Polyline { points, style, dashed }
    }
}

impl<'a> PointCollection<'a, BackendCoord> for &'a Polyline {
    type Point = &'a BackendCoord;
    type IntoIter = &'a [BackendCoord];
    fn point_iter(self) -> &'a [BackendCoord] {
        &self.points
    }
}

impl Drawable<SvgBody<'_>> for Polyline {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        points: I,
        backend: &mut SvgBody<'_>,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        backend.polyline(points, &self.style, self.dashed);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    use plotters::style::FontStyle;

    use super::super::fixture;
    use super::{Polyline, SvgBody};

    fn drawn(paint: impl FnOnce(&DrawingArea<SvgBody<'_>, plotters::coord::Shift>)) -> String {
        let font = fixture::font();
        let mut out = String::new();
        {
            let area = SvgBody::new(&mut out, (10, 10), &font, 12.0).into_drawing_area();
            paint(&area);
            area.present().unwrap();
        }
        out
    }

    fn style(px: f64, color: RGBColor, h: HPos) -> TextStyle<'static> {
        FontDesc::new(FontFamily::SansSerif, px, FontStyle::Normal).color(&color).pos(Pos::new(h, VPos::Center))
    }

    #[test]
    fn shapes_are_compact_with_defaults_left_out() {
        let body = drawn(|a| {
            a.draw(&Rectangle::new([(0, 0), (5, 5)], WHITE.filled())).unwrap();
            a.draw(&Rectangle::new([(1, 1), (3, 4)], RGBColor(0x12, 0x34, 0x56).stroke_width(2))).unwrap();
            a.draw(&PathElement::new(vec![(1, 2), (3, 4)], RGBColor(0, 0x72, 0xB2).stroke_width(2))).unwrap();
            a.draw(&Polyline::new(vec![(1, 2), (3, 4)], RGBColor(0, 0x72, 0xB2).stroke_width(2), true)).unwrap();
            a.draw(&Circle::new((4, 4), 3, RGBColor(0x11, 0x22, 0x33).filled())).unwrap();
            a.draw(&Circle::new((4, 4), 3, BLACK.stroke_width(2))).unwrap();
            a.draw(&Rectangle::new([(0, 0), (1, 1)], RGBAColor(0, 0, 0, 0.5).filled())).unwrap();
            a.draw(&Rectangle::new([(0, 0), (1, 1)], RGBAColor(0, 0, 0, 0.0).filled())).unwrap();
        });
        assert_eq!(
            body,
            "<rect x=\"0\" y=\"0\" width=\"5\" height=\"5\" class=\"f-paper\" fill=\"#fff\"/>\n\
<rect x=\"1\" y=\"1\" width=\"2\" height=\"3\" fill=\"none\" stroke=\"#123456\"/>\n\
<polyline fill=\"none\" class=\"s-series-1\" stroke=\"#0072b2\" stroke-width=\"2\" points=\"1,2 3,4\"/>\n\
<polyline fill=\"none\" class=\"s-series-1\" stroke=\"#0072b2\" stroke-width=\"2\" points=\"1,2 3,4\" stroke-dasharray=\"6 4\"/>\n\
<circle cx=\"4\" cy=\"4\" r=\"3\" fill=\"#123\"/>\n\
<circle cx=\"4\" cy=\"4\" r=\"3\" fill=\"none\" class=\"s-series-5\" stroke=\"#000\" stroke-width=\"2\"/>\n\
<rect x=\"0\" y=\"0\" width=\"1\" height=\"1\" opacity=\"0.5\" class=\"f-series-5\" fill=\"#000\"/>\n"
        );
    }

    #[test]
    fn text_on_one_line_escaped_with_the_root_size_left_out() {
        let body = drawn(|a| {
            a.draw(&Text::new("A & B", (1, 2), style(12.0, BLACK, HPos::Left))).unwrap();
            let bold = style(14.04, RGBColor(0x1A, 0x1A, 0x1A), HPos::Right);
            let bold = TextStyle { font: bold.font.style(FontStyle::Bold), ..bold };
            a.draw(&Text::new(" <b> \"c\" 'd'\n  e ", (3, 4), bold)).unwrap();
            a.draw(&Text::new("x", (5, 6), style(13.25, BLACK, HPos::Center))).unwrap();
        });
        assert_eq!(
            body,
            "<text x=\"1\" y=\"2\" dy=\"0.5ex\">A &amp; B</text>\n\
<text x=\"3\" y=\"4\" dy=\"0.5ex\" text-anchor=\"end\" font-size=\"14\" class=\"f-ink\" fill=\"#1a1a1a\" font-weight=\"bold\">\
&lt;b&gt; &quot;c&quot; &apos;d&apos;e</text>\n\
<text x=\"5\" y=\"6\" dy=\"0.5ex\" text-anchor=\"middle\" font-size=\"13.3\">x</text>\n"
        );
    }

    #[test]
    fn text_is_measured_with_the_font() {
        let font = fixture::font();
        let mut out = String::new();
        let body = SvgBody::new(&mut out, (10, 10), &font, 12.0);
        let size = body.estimate_text_size("Đà Nẵng", &style(12.0, BLACK, HPos::Left)).unwrap();
        assert_eq!(size, (font.text_width("Đà Nẵng", 12.0) as u32, 12));
    }
}
