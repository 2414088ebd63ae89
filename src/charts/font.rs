//! The theme's chart font as a value: it measures text so that labels are placed and cut before
//! the SVG is written (browsers then draw with their own fonts, see [`super::svg::FONT_STACK`]).
//! Made once per build, cheap to clone and share between threads.

use std::fmt;
use std::sync::Arc;

use ab_glyph::{Font as _, FontVec, GlyphId};

/// ab_glyph scales a font by its height (ascent − descent), not by its em: text of `px` CSS
/// pixels is measured at `px × EM`, the ratio the charts' layouts were made with.
const EM: f64 = 1.24;

/// Characters whose glyph and advance are looked up once, when the font is made: Latin with the
/// Vietnamese letters, and general punctuation (dashes, "…", quotes). Others are looked up as met.
const CACHED: [(u32, u32); 3] = [(0x20, 0x250), (0x1E00, 0x1F00), (0x2000, 0x2070)];

/// What every font must measure: a name with Vietnamese letters.
const PROBE: &str = "Đà Nẵng";

/// A TrueType or OpenType font that measures chart text. Cloning shares it.
#[derive(Clone)]
pub struct Font(Arc<Inner>);

struct Inner {
    face: FontVec,
    /// The unscaled height (ascent − descent) that ab_glyph scales by.
    height: f32,
    /// Glyph and unscaled advance of each character of [`CACHED`], range after range.
    glyphs: Vec<(GlyphId, f32)>,
}

impl Font {
    /// Reads a font from its file's bytes. Fails when they are not a usable TrueType or OpenType
    /// font, or when the font cannot measure Vietnamese letters.
    pub fn new(bytes: Vec<u8>) -> Result<Font, String> {
        let face = FontVec::try_from_vec(bytes).map_err(|_| "not a TrueType or OpenType font".to_string())?;
        let height = face.height_unscaled();
        if !(height.is_finite() && height > 0.0) {
            return Err("no usable line height".to_string());
        }
        let glyphs = CACHED
            .iter()
            .flat_map(|&(from, to)| from..to)
            .map(|u| {
                let id = char::from_u32(u).map_or(GlyphId(0), |c| face.glyph_id(c));
                (id, face.h_advance_unscaled(id))
            })
            .collect();
        let font = Font(Arc::new(Inner { face, height, glyphs }));
        if PROBE.chars().any(|c| font.glyph(c).0 .0 == 0) || font.text_width(PROBE, 12.0) <= 0.0 {
            return Err(format!("it cannot measure \"{PROBE}\" (no Vietnamese letters)"));
        }
        Ok(font)
    }

    /// The glyph of `c` and its unscaled advance.
    fn glyph(&self, c: char) -> (GlyphId, f32) {
        let u = c as u32;
        let mut base = 0;
        for &(from, to) in &CACHED {
            if (from..to).contains(&u) {
                return self.0.glyphs[base + (u - from) as usize];
            }
            base += (to - from) as usize;
        }
        let id = self.0.face.glyph_id(c);
        (id, self.0.face.h_advance_unscaled(id))
    }

    /// The pixels per unscaled unit at `px` CSS pixels.
    fn scale(&self, px: f64) -> f32 {
        (px * EM) as f32 / self.0.height
    }

    /// Lays `c` out after the glyph `prev` that ends at `x` (unrounded pixels), kerned, as
    /// plotters measured text: advance first, then the kerning with the glyph before.
    fn advance(&self, x: &mut f32, prev: &mut Option<GlyphId>, c: char, scale: f32) {
        let (id, adv) = self.glyph(c);
        *x += scale * adv;
        if let Some(p) = *prev {
            *x += scale * self.0.face.kern_unscaled(p, id);
        }
        *prev = Some(id);
    }

    /// The width of `text` at `px` CSS pixels and its height (the size), in whole pixels.
    pub(crate) fn measure(&self, text: &str, px: f64) -> (u32, u32) {
        let scale = self.scale(px);
        let (mut x, mut prev) = (0f32, None);
        for c in text.chars() {
            self.advance(&mut x, &mut prev, c, scale);
        }
        ((x as i32).unsigned_abs(), px as u32)
    }

    /// The width of `text` at `px` CSS pixels, in whole pixels.
    pub fn text_width(&self, text: &str, px: f64) -> f64 {
        f64::from(self.measure(text, px).0)
    }

    /// `text` in lines no wider than `max` at `px`, broken at spaces (a word longer than a line,
    /// such as an address, is cut where it must be, never shortened).
    pub(crate) fn wrap(&self, text: &str, px: f64, max: f64) -> Vec<String> {
        let fits = |s: &str| f64::from(self.measure(s, px).0) <= max;
        let mut out: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split(' ') {
            let joined = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if fits(&joined) {
                line = joined;
                continue;
            }
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
            }
            // A word wider than a line: cut it into pieces that fit.
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if !fits(&piece) && piece.chars().count() > 1 {
                    piece.pop();
                    out.push(std::mem::take(&mut piece));
                    piece.push(c);
                    // As below: a word of a million letters (hostile input) stops after 13 lines.
                    if out.len() > 12 {
                        break;
                    }
                }
            }
            line = piece;
            if out.len() > 12 {
                break;
            }
        }
        if !line.is_empty() {
            out.push(line);
        }
        out
    }

    /// `text` cut with "…" so that it is at most `max` pixels wide (just "…" when nothing fits).
    pub(crate) fn fit(&self, text: &str, px: f64, max: f64) -> String {
        let scale = self.scale(px);
        // The running width after each character: the width of every cut is one of these plus
        // the ellipsis, summed in the same order as measuring the cut text itself.
        let chars: Vec<char> = text.chars().collect();
        let mut runs: Vec<(f32, Option<GlyphId>)> = Vec::with_capacity(chars.len() + 1);
        let (mut x, mut prev) = (0f32, None);
        runs.push((x, prev));
        for &c in &chars {
            self.advance(&mut x, &mut prev, c, scale);
            runs.push((x, prev));
        }
        let fits = |x: f32| f64::from((x as i32).unsigned_abs()) <= max;
        if fits(x) {
            return text.to_string();
        }
        for n in (1..chars.len()).rev() {
            // The cut is trimmed at its end, as `str::trim_end` would.
            let mut m = n;
            while m > 0 && chars[m - 1].is_whitespace() {
                m -= 1;
            }
            let (mut x, mut prev) = runs[m];
            self.advance(&mut x, &mut prev, '…', scale);
            if fits(x) {
                return chars[..m].iter().chain(std::iter::once(&'…')).collect();
            }
        }
        "…".to_string()
    }
}

impl fmt::Debug for Font {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Font").field("glyphs", &self.0.face.glyph_count()).finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use ab_glyph::{FontRef, ScaleFont};

    use super::super::fixture::{self, FONT};
    use super::*;

    /// Measured without caches, as plotters measured with ab_glyph.
    fn reference(text: &str, px: f64) -> f64 {
        let face = FontRef::try_from_slice(FONT).unwrap();
        let font = face.as_scaled((px * EM) as f32);
        let (mut x, mut prev) = (0f32, None);
        for c in text.chars() {
            let id = font.glyph_id(c);
            x += font.h_advance(id);
            if let Some(p) = prev {
                x += font.kern(p, id);
            }
            prev = Some(id);
        }
        f64::from((x as i32).unsigned_abs())
    }

    /// Cut char by char and measured each time, as the charts first did.
    fn cut_and_measure(font: &Font, text: &str, px: f64, max: f64) -> String {
        if font.text_width(text, px) <= max {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        for n in (1..chars.len()).rev() {
            let s: String = chars[..n].iter().collect::<String>().trim_end().to_string() + "…";
            if font.text_width(&s, px) <= max {
                return s;
            }
        }
        "…".to_string()
    }

    const SAMPLES: [&str; 8] = [
        "Đà Nẵng",
        "Bà Rịa - Vũng Tàu",
        "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp",
        "AVAVA To Ty “quoted” — 0,8241 · trung vị",
        "a  b   c    d",
        "",
        "Ω ≠ 中文 𝄞",
        "Wo Yo Te Va AT",
    ];

    #[test]
    fn measures_vietnamese_with_the_theme_font() {
        let font = fixture::font();
        let w = font.text_width("Đà Nẵng", 12.0);
        assert!(w > 30.0 && w < 70.0, "{w}");
        assert!(font.text_width("Bà Rịa - Vũng Tàu", 12.0) > w);
        assert_eq!(font.fit("Bà Rịa - Vũng Tàu", 12.0, 1000.0), "Bà Rịa - Vũng Tàu");
        let cut = font.fit("Ủy ban Quản lý vốn nhà nước tại doanh nghiệp", 12.0, 120.0);
        assert!(cut.ends_with('…') && font.text_width(&cut, 12.0) <= 120.0, "{cut}");
    }

    #[test]
    fn widths_are_those_of_ab_glyph_with_kerning() {
        let font = fixture::font();
        for text in SAMPLES {
            for px in [12.0, 13.5, 20.0] {
                assert_eq!(font.text_width(text, px), reference(text, px), "{text} at {px}");
            }
        }
        assert_eq!(font.measure("Đà Nẵng", 12.0).1, 12);
    }

    #[test]
    fn fitting_cuts_as_cutting_and_measuring_would() {
        let font = fixture::font();
        for text in SAMPLES {
            for max in [-1.0, 0.0, 5.0, 20.0, 33.0, 60.0, 90.0, 150.0, 400.0] {
                assert_eq!(font.fit(text, 12.0, max), cut_and_measure(&font, text, 12.0, max), "{text} in {max}");
            }
        }
    }

    #[test]
    fn only_usable_fonts_are_made() {
        assert_eq!(Font::new(b"not a font".to_vec()).unwrap_err(), "not a TrueType or OpenType font");
        assert!(Font::new(Vec::new()).is_err());
        fn shared<T: Send + Sync + Clone>(_: &T) {}
        shared(&fixture::font());
        assert!(format!("{:?}", fixture::font()).starts_with("Font { glyphs: "));
    }

    #[test]
    fn a_word_of_a_million_letters_stops_after_fourteen_lines() {
        // Found by the site fuzzer: a site title of a million letters kept the build busy.
        let lines = fixture::font().wrap(&"x".repeat(1_000_000), 12.0, 300.0);
        assert!(lines.len() <= 14 && lines.len() > 1, "{}", lines.len());
    }
}
