//! The tile map's drawing at one width: the grid of links, each tile its short label (a phone)
//! or its name on up to two lines where it fits (a desktop column), with its rank or score; the
//! legend below, wrapped, never cut.

use std::fmt::Write as _;

use super::draw::PX;
use super::svg;
use super::Font;

const PAD: u32 = 8;
const PITCH: u32 = 38;
/// The widest tile of a wide map, and the height of its tiles: a name on two lines and a value.
const WIDE_PITCH: u32 = 104;
const WIDE_ROW: u32 = 48;
const GAP: u32 = 2;
const TOP: u32 = 24;
const LEGEND_ROW: u32 = 20;
const LINE: u32 = 14;

/// Blues from dark (best) to light: one hue, lightness falling steadily, so bands stay apart for
/// colour-blind readers and in greyscale. The theme names them `--chart-band-1` to `-7`.
pub(super) const PALETTE: [&str; 7] = ["#08306b", "#08519c", "#2171b5", "#4292c6", "#6baed6", "#9ecae1", "#c6dbef"];
pub(super) const INK: &str = "#1a1a1a";
const NO_DATA_STROKE: &str = "#767676";
const NO_DATA_TEXT: &str = "#595959";

/// One tile: where it lies, its band (`None`: no data), the words on and behind it.
pub(super) struct Tile {
    pub col: u32,
    pub row: u32,
    pub band: Option<usize>,
    pub value: String,
    pub name: String,
    pub abbr: String,
    pub spoken: String,
    pub href: String,
}

/// What a tile map is drawn from, at any width.
pub(super) struct Grid<'a> {
    pub font: &'a Font,
    pub tiles: &'a [Tile],
    /// How many bands the legend has (the palette is spread over them).
    pub bands: usize,
    pub caption: &'a str,
    pub by_what: &'a str,
    /// The legend's entries: a band and its words, or `None` and the words for no data.
    pub legend: &'a [(Option<usize>, String)],
    /// A note under the legend (most tiles without data), wrapped.
    pub note: Option<&'a str>,
}

/// The palette entry of band `b` of `k`, spread from darkest to lightest.
fn shade(b: usize, k: usize) -> usize {
    if k <= 1 {
        0
    } else {
        (b * (PALETTE.len() - 1) + (k - 1) / 2) / (k - 1)
    }
}

/// The columns and the tile pitch (across, down) of a map `width` wide.
fn geometry(tiles: &[Tile], width: u32, wide: bool) -> (u32, u32, u32) {
    let cols = tiles.iter().map(|t| t.col).max().unwrap_or(0) + 1;
    if wide {
        let across = WIDE_PITCH.min((width - 4) / cols.max(1)).max(20);
        (cols, across, WIDE_ROW)
    } else {
        let pitch = PITCH.min((width - 4) / cols.max(1)).max(20);
        (cols, pitch, pitch)
    }
}

/// A unit's name on at most two lines of a wide tile `tile` pixels across, or `None` when it
/// does not fit whole (the tile then shows its short label, and the page's key its name).
pub(super) fn name_lines(font: &Font, name: &str, tile: u32) -> Option<Vec<String>> {
    let lines = font.wrap(name.trim(), PX, f64::from(tile.saturating_sub(4)));
    let whole = lines.join(" ") == name.split_whitespace().collect::<Vec<_>>().join(" ");
    (whole && !lines.is_empty() && lines.len() <= 2).then_some(lines)
}

/// The tile width of the wide drawing of `tiles` (for [`name_lines`]).
pub(super) fn wide_tile(tiles: &[Tile], width: u32) -> u32 {
    geometry(tiles, width, true).1 - GAP
}

impl Grid<'_> {
    /// The `<svg>` at `width`, its ids prefixed with `id`; `wide` draws names in the tiles.
    pub(super) fn draw(&self, width: u32, id: &str, title: &str, desc: &str, wide: bool) -> String {
        let font = self.font;
        let (cols, across, down) = geometry(self.tiles, width, wide);
        let (tile_w, tile_h) = (across - GAP, down - GAP);
        let grid_rows = self.tiles.iter().map(|t| t.row).max().unwrap_or(0) + 1;
        // A layout wider than the drawing (only a hand-made one) widens the map rather than failing.
        let width = width.max(cols * across + 4);
        let left = (width - cols * across) / 2;
        let text_w = f64::from(width - 2 * PAD);
        let caption = font.wrap(self.caption, PX, text_w);
        let top = TOP + LINE * (caption.len() as u32).saturating_sub(1);

        let mut body = String::with_capacity(self.tiles.len() * 360 + 1500);
        for (n, line) in caption.iter().enumerate() {
            let _ = writeln!(
                body,
                "<text x=\"{PAD}\" y=\"{}\" class=\"f-ink\" fill=\"{INK}\" font-weight=\"bold\">{}</text>",
                14 + LINE * n as u32,
                svg::esc(line)
            );
        }
        body.push_str("<g text-anchor=\"middle\">\n");
        for t in self.tiles {
            let (x, y) = (left + t.col * across, top + t.row * down);
            // The link's name comes from its <title>; an aria-label would not contain the
            // visible short label, which axe rightly flags (label-content-name-mismatch).
            let _ = write!(body, "<a href=\"{}\"><title>{}</title>", svg::esc(&t.href), svg::esc(&t.spoken));
            match t.band {
                Some(b) => {
                    let p = shade(b, self.bands);
                    let fill = PALETTE[p];
                    let _ = write!(
                        body,
                        "<rect x=\"{x}\" y=\"{y}\" width=\"{tile_w}\" height=\"{tile_h}\" class=\"f-band-{}\" fill=\"{fill}\"/><g fill=\"{}\">",
                        p + 1,
                        text_on(fill)
                    );
                }
                None => {
                    let _ = write!(
                        body,
                        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"f-paper s-no-data\" fill=\"#fff\" stroke=\"{NO_DATA_STROKE}\" stroke-dasharray=\"3 2\"/><g class=\"f-muted\" fill=\"{NO_DATA_TEXT}\">",
                        f64::from(x) + 0.5,
                        f64::from(y) + 0.5,
                        tile_w - 1,
                        tile_h - 1
                    );
                }
            }
            let cx = x + tile_w / 2;
            let room = f64::from(across);
            let lines = if wide { name_lines(font, &t.name, tile_w) } else { None };
            let lines = lines.unwrap_or_else(|| vec![font.fit(&t.abbr, PX, room)]);
            // The lines of the name, then the value, centred in the tile.
            let block = LINE * lines.len() as u32 + LINE;
            let first = y + (tile_h.saturating_sub(block)) / 2 + 11;
            for (n, line) in lines.iter().enumerate() {
                let _ = write!(body, "<text x=\"{cx}\" y=\"{}\">{}</text>", first + LINE * n as u32, svg::esc(line));
            }
            let _ = writeln!(
                body,
                "<text x=\"{cx}\" y=\"{}\">{}</text></g></a>",
                first + LINE * lines.len() as u32,
                svg::esc(&font.fit(&t.value, PX, room))
            );
        }
        body.push_str("</g>\n");

        // The legend: what colours mean, then its entries in columns, each wrapped.
        let mut y = top + grid_rows * down + 16;
        for line in font.wrap(self.by_what, PX, text_w) {
            let _ =
                writeln!(body, "<text x=\"{PAD}\" y=\"{y}\" class=\"f-ink\" fill=\"{INK}\">{}</text>", svg::esc(&line));
            y += LINE + 2;
        }
        y += 4;
        let per_row = if wide { 4 } else { 2 };
        let col_w = (width - 2 * PAD) / per_row;
        for chunk in self.legend.chunks(per_row as usize) {
            let mut tallest = 1;
            for (c, (band, text)) in chunk.iter().enumerate() {
                let x = PAD + c as u32 * col_w;
                let swatch = match band {
                    Some(b) => {
                        let p = shade(*b, self.bands);
                        format!("class=\"f-band-{}\" fill=\"{}\"", p + 1, PALETTE[p])
                    }
                    None => format!(
                        "class=\"f-paper s-no-data\" fill=\"#fff\" stroke=\"{NO_DATA_STROKE}\" stroke-dasharray=\"3 2\""
                    ),
                };
                let _ = writeln!(body, "<rect x=\"{x}\" y=\"{}\" width=\"14\" height=\"14\" {swatch}/>", y - 7);
                let lines = font.wrap(text, PX, f64::from(col_w - 26));
                for (n, line) in lines.iter().enumerate() {
                    let _ = writeln!(
                        body,
                        "<text x=\"{}\" y=\"{}\" class=\"f-ink\" fill=\"{INK}\">{}</text>",
                        x + 20,
                        y + 4 + LINE * n as u32,
                        svg::esc(line)
                    );
                }
                tallest = tallest.max(lines.len() as u32);
            }
            y += LEGEND_ROW + LINE * (tallest - 1);
        }
        if let Some(note) = self.note {
            y += 4;
            for line in font.wrap(note, PX, text_w) {
                let _ = writeln!(
                    body,
                    "<text x=\"{PAD}\" y=\"{y}\" class=\"f-muted\" fill=\"{NO_DATA_TEXT}\">{}</text>",
                    svg::esc(&line)
                );
                y += LINE + 2;
            }
        }
        let height = y - 4 + PAD;
        svg::document(id, width, height, title, desc, &body).replacen("role=\"img\"", "role=\"group\"", 1)
    }
}

/// Black or white text, whichever contrasts more with `fill` (`#rrggbb`).
pub(super) fn text_on(fill: &str) -> &'static str {
    let channel = |i: usize| {
        let v = f64::from(u8::from_str_radix(&fill[i..i + 2], 16).unwrap_or(0)) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let lum = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    if (1.05) / (lum + 0.05) >= (lum + 0.05) / (0.0115 + 0.05) {
        "#fff"
    } else {
        INK
    }
}

/// Short tile labels, unique within the map: initials (`HCM`, `BRVT`, as many as fit in `max`
/// pixels), a one-word name whole when short (`Huế`), and, where two collide, more letters
/// until they differ.
pub(super) fn abbreviations(font: &Font, names: &[String], max: f64) -> Vec<String> {
    let words_of = |s: &str| -> Vec<Vec<char>> {
        s.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().collect())
            .collect()
    };
    let initials = |w: &[Vec<char>]| -> String { w.iter().map(|x| x[0].to_uppercase().collect::<String>()).collect() };
    type Gen = fn(&[Vec<char>], &dyn Fn(&[Vec<char>]) -> String) -> String;
    let gens: [Gen; 3] = [
        // Initials with the second letter of the last word: HNộ, HNa.
        |w, ini| {
            let mut s = ini(w);
            if let Some(c) = w.last().and_then(|l| l.get(1)) {
                s.push(*c);
            }
            s
        },
        // The first word's first two letters, then initials: HàG, HậG.
        |w, ini| {
            let mut s: String = w.first().map(|f| f.iter().take(2).collect()).unwrap_or_default();
            s += &ini(w.get(1..).unwrap_or_default());
            s
        },
        // Two letters of every word: DaNa, DoNa.
        |w, _| w.iter().map(|x| x.iter().take(2).collect::<String>()).collect(),
    ];
    let base: Vec<String> = names
        .iter()
        .map(|n| {
            let w = words_of(n);
            match w.len() {
                0 => "?".to_string(),
                1 if w[0].len() <= 4 => w[0].iter().collect(),
                1 => w[0].iter().take(3).collect(),
                _ => {
                    let mut s = initials(&w);
                    while s.chars().count() > 2 && font.text_width(&s, PX) > max {
                        s.pop();
                    }
                    s
                }
            }
        })
        .collect();
    let mut out = base.clone();
    for i in 0..names.len() {
        let group: Vec<usize> = (0..names.len()).filter(|&j| base[j] == base[i]).collect();
        if group.len() < 2 || group[0] != i {
            continue;
        }
        let mut done = false;
        for g in gens {
            let cand: Vec<String> = group.iter().map(|&j| g(&words_of(&names[j]), &initials)).collect();
            let unique = cand.iter().enumerate().all(|(a, x)| cand.iter().skip(a + 1).all(|y| y != x))
                && cand.iter().all(|x| !base.iter().enumerate().any(|(j, b)| !group.contains(&j) && b == x));
            if unique {
                for (&j, c) in group.iter().zip(cand) {
                    out[j] = c;
                }
                done = true;
                break;
            }
        }
        if !done {
            for (n, &j) in group.iter().enumerate() {
                out[j] = format!("{}{}", base[j], n + 1);
            }
        }
    }
    out
}
