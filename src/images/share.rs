//! Share cards: the 1200×630 PNG a link preview shows (`og:image`), rasterised from SVG with
//! resvg and the theme's font (so that Vietnamese tone marks are drawn): a page's main chart
//! centred on white under the site's title, or the title alone for the site's default card.

use std::sync::Arc;

use resvg::{tiny_skia, usvg};

/// The size of a share card, as link previews want it.
pub(crate) const WIDTH: u32 = 1200;
pub(crate) const HEIGHT: u32 = 630;

/// The most characters of a title a card draws (then "…").
const MAX_TITLE: usize = 120;

/// Draws share cards with one font.
pub struct Cards {
    opts: usvg::Options<'static>,
    family: String,
}

impl Cards {
    /// A card maker drawing every text with `font` (TrueType bytes).
    pub fn new(font: Vec<u8>) -> Result<Cards, String> {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(font);
        let family = db
            .faces()
            .next()
            .and_then(|f| f.families.first().map(|(name, _)| name.clone()))
            .ok_or("the font has no name")?;
        db.set_sans_serif_family(family.clone());
        db.set_serif_family(family.clone());
        db.set_monospace_family(family.clone());
        let opts = usvg::Options { font_family: family.clone(), fontdb: Arc::new(db), ..usvg::Options::default() };
        Ok(Cards { opts, family })
    }

    /// A card: `title` on top, `chart` (an SVG document) scaled to fit below it, centred.
    pub fn card(&self, title: &str, chart: Option<&str>) -> Result<Vec<u8>, String> {
        let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("no pixmap")?;
        pixmap.fill(tiny_skia::Color::WHITE);
        // A card shows one line of about 50 characters; a longer title runs off its edge, and a
        // title of a million characters would keep the text layout busy for minutes.
        let title = match title.char_indices().nth(MAX_TITLE) {
            Some((cut, _)) => format!("{}…", &title[..cut]),
            None => title.to_string(),
        };
        let title = crate::escape::escape_html(&title);
        let family = crate::escape::escape_html(&self.family);
        let frame = match chart {
            Some(_) => format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\">\
                 <rect x=\"0\" y=\"0\" width=\"{WIDTH}\" height=\"12\" fill=\"#0b5394\"/>\
                 <text x=\"48\" y=\"76\" font-family=\"{family}\" font-size=\"40\" font-weight=\"bold\" fill=\"#1a1a1a\">{title}</text></svg>"
            ),
            None => format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\">\
                 <rect x=\"0\" y=\"0\" width=\"{WIDTH}\" height=\"24\" fill=\"#0b5394\"/>\
                 <rect x=\"0\" y=\"{}\" width=\"{WIDTH}\" height=\"24\" fill=\"#0b5394\"/>\
                 <text x=\"600\" y=\"335\" text-anchor=\"middle\" font-family=\"{family}\" font-size=\"56\" font-weight=\"bold\" fill=\"#1a1a1a\">{title}</text></svg>",
                HEIGHT - 24
            ),
        };
        let tree = usvg::Tree::from_str(&frame, &self.opts).map_err(|e| e.to_string())?;
        resvg::render(&tree, tiny_skia::Transform::identity(), &mut pixmap.as_mut());
        if let Some(svg) = chart {
            let tree = usvg::Tree::from_str(svg, &self.opts).map_err(|e| e.to_string())?;
            let size = tree.size();
            // The box below the title, with a margin.
            let (bx, by, bw, bh) = (48.0, 110.0, WIDTH as f32 - 96.0, HEIGHT as f32 - 140.0);
            let scale = (bw / size.width()).min(bh / size.height());
            let (w, h) = (size.width() * scale, size.height() * scale);
            let t =
                tiny_skia::Transform::from_scale(scale, scale).post_translate(bx + (bw - w) / 2.0, by + (bh - h) / 2.0);
            resvg::render(&tree, t, &mut pixmap.as_mut());
        }
        pixmap.encode_png().map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font() -> Vec<u8> {
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/fonts/DejaVuSans-vi.ttf")).unwrap()
    }

    #[test]
    fn a_card_is_a_1200_by_630_png_with_its_chart() {
        let cards = Cards::new(font()).unwrap();
        let chart = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"200\"><rect width=\"300\" height=\"200\" fill=\"#ff0000\"/><text x=\"10\" y=\"50\" font-family=\"sans-serif\">Đà Nẵng</text></svg>";
        let png = cards.card("Thi đua đổi mới sáng tạo", Some(chart)).unwrap();
        let img = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!(img.dimensions(), (WIDTH, HEIGHT));
        // Centred: the middle is the chart's red, a corner is white.
        assert_eq!(img.get_pixel(600, 370).0, [255, 0, 0]);
        assert_eq!(img.get_pixel(5, 620).0, [255, 255, 255]);
        // The title is drawn (dark pixels in its band).
        assert!((48..600).any(|x| img.get_pixel(x, 65).0[0] < 100));
        let plain = cards.card("Minh bạch", None).unwrap();
        assert_eq!(image::load_from_memory(&plain).unwrap().width(), WIDTH);
        // A hostile title (found by the site fuzzer: a million characters) is cut, not laid out.
        let long = cards.card(&"x".repeat(1_000_000), None).unwrap();
        assert_eq!(image::load_from_memory(&long).unwrap().width(), WIDTH);
    }
}
