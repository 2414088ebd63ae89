//! Content: the movement's closed sets (contents, phases, award forms) and the Markdown
//! documents (news, exemplary models, pages) in either language or both.

use chrono::NaiveDate;

use super::UnitId;
use crate::i18n::Lang;

/// The seven competition contents of the movement, in their official order.
pub const CONTENTS: [&str; 7] = [
    "awareness",
    "infrastructure",
    "digital-government",
    "digital-economy",
    "digital-society",
    "security",
    "international",
];

/// The two phases of the movement: 2025–2027 and 2027–2030.
pub const PHASES: [&str; 2] = ["phase-1", "phase-2"];

/// The keys a movement page may have: the seven contents, then the two phases.
pub fn movement_keys() -> impl Iterator<Item = &'static str> {
    CONTENTS.iter().chain(PHASES.iter()).copied()
}

/// The URL name of a tag (`Chính quyền số` → `chinh-quyen-so`); empty when the tag has no
/// letter or digit.
pub fn tag_slug(tag: &str) -> String {
    super::slugify(tag)
}

/// Award forms, highest first; the last two are honours without a state award form.
pub const AWARDS: [&str; 10] = [
    "labor-medal",
    "government-flag",
    "pm-certificate",
    "ministry-flag",
    "province-flag",
    "ministry-certificate",
    "province-certificate",
    "certificate",
    "honoured",
    "award",
];

/// A thing written in either language or both.
#[derive(Debug, Clone)]
pub struct Localized<T> {
    pub vi: Option<T>,
    pub en: Option<T>,
}

impl<T> Default for Localized<T> {
    fn default() -> Self {
        Localized { vi: None, en: None }
    }
}

impl<T> Localized<T> {
    pub fn get(&self, lang: Lang) -> Option<&T> {
        match lang {
            Lang::Vi => self.vi.as_ref(),
            Lang::En => self.en.as_ref(),
        }
    }

    /// The text in `lang`, else in the other language, with the language it is in.
    pub fn any(&self, lang: Lang) -> Option<(&T, Lang)> {
        self.get(lang).map(|t| (t, lang)).or_else(|| self.get(lang.other()).map(|t| (t, lang.other())))
    }

    pub fn set(&mut self, lang: Lang, value: T) {
        match lang {
            Lang::Vi => self.vi = Some(value),
            Lang::En => self.en = Some(value),
        }
    }
}

/// One language version of a Markdown document, rendered.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub file: String,
    pub title: String,
    pub description: String,
    /// Body HTML; internal links start with [`crate::markdown::ROOT`].
    pub html: String,
    /// The part before `<!-- more -->`, or the description, as HTML.
    pub summary: String,
    pub toc: Vec<TocEntry>,
    pub tags: Vec<String>,
    /// What the shortcodes of the body embed, in order; the body holds a marker for each.
    pub embeds: Vec<Embed>,
}

/// Live data a text embeds with a shortcode, drawn when the page is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Embed {
    /// Rows (positions in `Edition::rows`) of edition `edition` of index `index`.
    Ranking { index: usize, edition: usize, rows: Vec<usize> },
}

/// A news article.
#[derive(Debug, Clone)]
pub struct Article {
    pub slug: String,
    pub date: NaiveDate,
    pub units: Vec<UnitId>,
    pub sources: Vec<String>,
    pub doc: Localized<Doc>,
}

impl Article {
    /// The order of the news: newest first, then by slug.
    pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
        b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug))
    }
}

/// Language-specific fields of an exemplary model.
#[derive(Debug, Clone, Default)]
pub struct HonourText {
    pub doc: Doc,
    pub organisation: String,
    pub person: String,
    pub decision: String,
}

/// An exemplary model ("điển hình tiên tiến"): a unit, body or person recognised by the movement.
#[derive(Debug, Clone)]
pub struct Honour {
    pub slug: String,
    pub unit: Option<UnitId>,
    pub individual: bool,
    /// Position in [`CONTENTS`].
    pub content: usize,
    /// Position in [`AWARDS`].
    pub award: usize,
    pub decision_date: NaiveDate,
    pub year: i32,
    pub phase: u8,
    pub sources: Vec<String>,
    pub text: Localized<HonourText>,
}

/// A page of `content/pages/` or `content/movement/`.
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub doc: Localized<Doc>,
}

/// One heading of a text, for its table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}
