//! The site's own menu (`[[menu]]` of `site.toml`), checked.

use crate::i18n::Text;

/// One entry of the menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuEntry {
    pub name: Text,
    pub target: MenuTarget,
}

/// Where a menu entry leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuTarget {
    /// A page of the site: its path below the site root in Vietnamese, then in English.
    Page { vi: String, en: String },
    /// An absolute http(s) address, the same in both languages.
    External(String),
}
