//! Content: the movement's closed sets (contents, phases, award forms) and the Markdown
//! documents (news, exemplary models, pages) in either language or both.

use chrono::NaiveDate;

use super::UnitId;
use crate::i18n::Lang;

/// A closed set of keys as an enum: `ALL` in official order, `key()` as written in the input
/// and the output (serde uses the same keys), `from_key()` to read one.
macro_rules! closed_set {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $key:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $key)] $variant),+
        }

        impl $name {
            /// Every value, in official order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The key it is written with.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key),+
                }
            }

            /// The value written as `key`.
            pub fn from_key(key: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.key() == key)
            }

            /// Every key, in official order.
            pub fn keys() -> impl Iterator<Item = &'static str> {
                Self::ALL.iter().map(|v| v.key())
            }
        }
    };
}

closed_set! {
    /// The seven competition contents of the movement, in their official order.
    Content {
        Awareness = "awareness",
        Infrastructure = "infrastructure",
        DigitalGovernment = "digital-government",
        DigitalEconomy = "digital-economy",
        DigitalSociety = "digital-society",
        Security = "security",
        International = "international",
    }
}

closed_set! {
    /// The two phases of the movement: 2025–2027 and 2027–2030.
    Phase {
        First = "phase-1",
        Second = "phase-2",
    }
}

closed_set! {
    /// Award forms, highest first; the last two are honours without a state award form.
    // `Award::Award` is the input's key `award` (an award of no listed form).
    #[allow(clippy::enum_variant_names)]
    Award {
        LaborMedal = "labor-medal",
        GovernmentFlag = "government-flag",
        PmCertificate = "pm-certificate",
        MinistryFlag = "ministry-flag",
        ProvinceFlag = "province-flag",
        MinistryCertificate = "ministry-certificate",
        ProvinceCertificate = "province-certificate",
        Certificate = "certificate",
        Honoured = "honoured",
        Award = "award",
    }
}

impl Phase {
    /// Phase 1 or 2, as front matter numbers it.
    pub fn from_number(n: i64) -> Option<Phase> {
        match n {
            1 => Some(Phase::First),
            2 => Some(Phase::Second),
            _ => None,
        }
    }

    /// 1 or 2.
    pub fn number(self) -> u8 {
        match self {
            Phase::First => 1,
            Phase::Second => 2,
        }
    }
}

/// The keys a movement page may have: the seven contents, then the two phases.
pub(crate) fn movement_keys() -> impl Iterator<Item = &'static str> {
    Content::keys().chain(Phase::keys())
}

/// The URL name of a tag (`Chính quyền số` → `chinh-quyen-so`); empty when the tag has no
/// letter or digit.
pub(crate) fn tag_slug(tag: &str) -> String {
    super::slugify(tag)
}

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

/// A text's Markdown as checked (its problems reported, its links and pictures looked up):
/// `pages` renders it to HTML (`markdown::to_html`) with what was found here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markdown {
    /// The Markdown, each shortcode line replaced by its marker (see `Doc::embeds`).
    pub text: String,
    /// The site allows raw HTML in texts (`allow_html`): it is kept, sanitised.
    pub allow_html: bool,
    /// Each `@/news/x.md` target that names a document, and its path below the site root.
    pub links: std::collections::BTreeMap<String, String>,
    /// The paths below the site root (`images/x.png`) the text's images name that are files
    /// of the site's `static/`.
    pub files: std::collections::BTreeSet<String>,
}

/// The lead of a text shown in lists and feeds: its Markdown before `<!-- more -->`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// The Markdown before `<!-- more -->`, each shortcode line replaced by a marker.
    pub text: String,
    /// How many shortcode markers `text` holds: a summary shows no embeds, they are dropped.
    pub markers: usize,
}

/// One language version of a Markdown document, checked.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub file: String,
    pub title: String,
    pub description: String,
    /// The body, checked; rendered with its links' relative root [`crate::markdown::ROOT`].
    pub body: Markdown,
    /// The part before `<!-- more -->`, when the text has one (else the description is shown).
    pub summary: Option<Summary>,
    pub toc: Vec<TocEntry>,
    pub tags: Vec<String>,
    /// What the shortcodes of the body embed, in order; the body holds a marker for each.
    pub embeds: Vec<Embed>,
    /// Marked `draft = true`: published only by `build --drafts` and `serve`, marked as a draft.
    pub draft: bool,
    /// The site's pictures the body shows, in order; the body holds a
    /// [`crate::markdown::picture_marker`] for each, which pages replace with the theme's
    /// `<picture>`.
    pub pictures: Vec<PictureUse>,
    /// The front matter's `[extra]`: the theme's own fields, as written.
    pub extra: toml::Table,
}

/// A picture of the site that a text shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PictureUse {
    /// The picture's path below the site root (`images/x.jpg`).
    pub path: String,
    pub alt: String,
    pub title: String,
    /// Inside a link: the picture is then not linked to its original.
    pub linked: bool,
}

/// Live data a text embeds with a shortcode, drawn when the page is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Embed {
    /// Rows (positions in `Edition::rows`) of edition `edition` of index `index`.
    /// `call` is the shortcode as written, to resolve it again when the data changes.
    Ranking { index: usize, edition: usize, rows: Vec<usize>, call: String },
}

/// A news article.
#[derive(Debug, Clone)]
pub struct Article {
    pub slug: String,
    /// The day shown: the day written, in the offset written.
    pub date: NaiveDate,
    /// The moment written (seconds since 1970), which orders articles of one day.
    pub instant: i64,
    pub units: Vec<UnitId>,
    pub sources: Vec<String>,
    pub doc: Localized<Doc>,
    /// The share image front matter chose (`image`), a path below the site root.
    pub image: Option<String>,
}

impl Article {
    /// The order of the news: newest first, then by slug.
    pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
        (b.instant, b.date).cmp(&(a.instant, a.date)).then_with(|| a.slug.cmp(&b.slug))
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
    pub content: Content,
    pub award: Award,
    pub decision_date: NaiveDate,
    pub year: i32,
    pub phase: Phase,
    pub sources: Vec<String>,
    pub text: Localized<HonourText>,
    /// The share image front matter chose (`image`), a path below the site root.
    pub image: Option<String>,
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
