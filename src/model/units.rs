//! Units: ministries, provinces and communes, past and present, with their lineage; the columns
//! of `units.csv` and the slug rule their URLs follow.

use chrono::NaiveDate;

use crate::i18n::Text;

/// The columns of `data/units.csv`, in order.
pub(crate) const UNIT_COLUMNS: [&str; 14] = [
    "id",
    "kind",
    "code",
    "former_codes",
    "name_vi",
    "name_en",
    "parent",
    "region_vi",
    "region_en",
    "valid_from",
    "valid_to",
    "successor",
    "slug",
    "aliases",
];

/// The one slug rule of the site: Vietnamese letters folded to ASCII (`Đà Nẵng` → `da-nang`),
/// anything else a `-`; for unit URLs, tags, heading anchors and citation keys alike.
pub(crate) fn slugify(text: &str) -> String {
    slug::slugify(text)
}

/// `[a-z0-9-]+`, not starting or ending with `-`: what a URL name (slug) may be.
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

pub(crate) type UnitId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnitKind {
    Province,
    Ministry,
    Commune,
}

impl UnitKind {
    pub fn parse(s: &str) -> Option<UnitKind> {
        match s {
            "province" => Some(UnitKind::Province),
            "ministry" => Some(UnitKind::Ministry),
            "commune" => Some(UnitKind::Commune),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            UnitKind::Province => "province",
            UnitKind::Ministry => "ministry",
            UnitKind::Commune => "commune",
        }
    }
}

/// A ministry, province or commune, past or present.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub id: String,
    pub kind: UnitKind,
    pub code: String,
    pub former_codes: Vec<String>,
    pub name: Text,
    pub parent: Option<UnitId>,
    /// Empty for units without a region (ministries).
    pub region: Text,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub successor: Option<UnitId>,
    /// Units that merged into this one, sorted by name.
    pub predecessors: Vec<UnitId>,
    pub slug: String,
    /// Old URL names that redirect to `slug`.
    pub aliases: Vec<String>,
    /// Other names the unit is known by, as written in `data/unit-names.csv` ("TP HCM", "Sài
    /// Gòn"): the search index finds the unit by them too.
    pub other_names: Vec<String>,
}

impl Unit {
    /// A unit whose validity has ended (merged or dissolved).
    pub fn is_past(&self) -> bool {
        self.valid_to.is_some()
    }
}
