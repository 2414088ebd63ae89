//! Prose: sentences built from the parallel Vietnamese / English phrases of `words/`, and the
//! blocks of a Markdown body (paragraphs, headings, lists, tables, links, shortcodes), drawn once
//! and rendered in either language, so that each English file is a translation of its
//! Vietnamese one.

use std::fmt::Write as _;

use crate::rng::Rng;
use crate::text::{dec1, int, upper_first, Lang};
use crate::words::{Pair, WORDS};

/// One sentence, as choices that render in either language.
pub struct Sentence {
    pub conn: Option<usize>,
    pub subj: usize,
    pub verb: usize,
    pub obj: usize,
    pub compl: usize,
    pub place: usize,
    pub year: i32,
    pub n: u64,
    pub pct: f64,
    pub months: u32,
}

impl Sentence {
    pub fn new(rng: &mut Rng, place: usize, year: i32) -> Sentence {
        Sentence {
            conn: rng.chance(0.4).then(|| rng.below(WORDS.connectors.len())),
            subj: rng.below(WORDS.subjects.len()),
            verb: rng.below(WORDS.verbs.len()),
            obj: rng.below(WORDS.objects.len()),
            compl: rng.below(WORDS.complements.len()),
            place,
            year,
            n: 50 * rng.range(2, 900) as u64,
            pct: 60.0 + rng.below(400) as f64 / 10.0,
            months: rng.range(1, 6) as u32,
        }
    }

    pub fn render(&self, lang: Lang, places: &[(String, String)], out: &mut String) {
        let pick = |p: &Pair| if lang == Lang::Vi { p.0 } else { p.1 };
        let place = if lang == Lang::Vi { &places[self.place].0 } else { &places[self.place].1 };
        let fill = |s: &str| {
            s.replace("{P}", place)
                .replace("{Y}", &self.year.to_string())
                .replace("{N}", &int(self.n, lang))
                .replace("{PCT}", &dec1(self.pct, lang))
                .replace("{M}", &self.months.to_string())
        };
        let body = format!(
            "{} {} {} {}",
            fill(pick(&WORDS.subjects[self.subj])),
            pick(&WORDS.verbs[self.verb]),
            pick(&WORDS.objects[self.obj]),
            fill(pick(&WORDS.complements[self.compl]))
        );
        match self.conn {
            Some(c) => {
                out.push_str(pick(&WORDS.connectors[c]));
                out.push(' ');
                out.push_str(&body);
            }
            None => out.push_str(&upper_first(&body)),
        }
        out.push('.');
    }

    pub fn words(&self, places: &[(String, String)]) -> usize {
        let mut s = String::new();
        self.render(Lang::Vi, places, &mut s);
        s.split_whitespace().count()
    }
}

pub enum Block {
    Para(Vec<Sentence>),
    Heading(usize),
    List {
        ordered: bool,
        items: Vec<(usize, f64)>,
    },
    Table {
        year: i32,
        rows: Vec<(usize, u64, u64)>,
    },
    /// "See also" links to other articles (positions).
    Links(Vec<usize>),
    More,
    Shortcode(String),
}

pub fn paragraph(rng: &mut Rng, place: usize, year: i32, words: &mut usize, places: &[(String, String)]) -> Block {
    let n = rng.range(2, 5) as usize;
    let s: Vec<Sentence> = (0..n).map(|_| Sentence::new(rng, place, year)).collect();
    *words += s.iter().map(|x| x.words(places)).sum::<usize>();
    Block::Para(s)
}

/// What an article or model says about other articles, to name them in links.
pub struct Titles<'a> {
    pub slugs: &'a [String],
    pub titles: &'a [(String, String)],
}

pub fn render_blocks(blocks: &[Block], lang: Lang, places: &[(String, String)], titles: &Titles) -> String {
    let pick = |p: &Pair| if lang == Lang::Vi { p.0 } else { p.1 };
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Para(sentences) => {
                for (i, s) in sentences.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    s.render(lang, places, &mut out);
                }
                out.push_str("\n\n");
            }
            Block::Heading(h) => {
                let _ = write!(out, "## {}\n\n", pick(&WORDS.headings[*h]));
            }
            Block::List { ordered, items } => {
                for (i, (obj, pct)) in items.iter().enumerate() {
                    let mark = if *ordered { format!("{}.", i + 1) } else { "-".to_string() };
                    let what = upper_first(pick(&WORDS.objects[*obj]));
                    let done = if lang == Lang::Vi { "hoàn thành" } else { "complete" };
                    let _ = writeln!(out, "{mark} {what}: {done} **{}%**", dec1(*pct, lang));
                }
                out.push('\n');
            }
            Block::Table { year, rows } => {
                let head = if lang == Lang::Vi { "Chỉ tiêu" } else { "Indicator" };
                let _ = writeln!(out, "| {head} | {} | {} |", year - 1, year);
                out.push_str("|---|---:|---:|\n");
                for (r, a, b) in rows {
                    let _ =
                        writeln!(out, "| {} | {} | {} |", pick(&WORDS.table_rows[*r]), int(*a, lang), int(*b, lang));
                }
                out.push('\n');
            }
            Block::Links(targets) => {
                out.push_str(if lang == Lang::Vi { "Xem thêm: " } else { "See also: " });
                for (i, &t) in targets.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    let title = if lang == Lang::Vi { &titles.titles[t].0 } else { &titles.titles[t].1 };
                    let _ = write!(out, "[{}](@/news/{}.md)", title.replace(['[', ']'], ""), titles.slugs[t]);
                }
                out.push_str(".\n\n");
            }
            Block::More => out.push_str("<!-- more -->\n\n"),
            Block::Shortcode(s) => {
                let _ = write!(out, "{s}\n\n");
            }
        }
    }
    out
}
