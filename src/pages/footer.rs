//! The footer every page carries: who publishes the site (name, address, contact), the licence
//! of its data, and where the method is explained (the data page and the movement page), from
//! `[publisher]` and `[license]` of `site.toml`.

use serde::Serialize;

use super::linked::LicenseLink;
use super::Renderer;
use crate::i18n::Lang;
use crate::routes::Route;

/// What `base.html` shows in its footer (`footer.*` in docs/THEMES.md).
#[derive(Serialize)]
pub(super) struct Footer {
    pub publisher: String,
    pub publisher_href: String,
    pub email: Option<String>,
    pub license: Option<LicenseLink>,
    /// The data page: licence, files, checksums and corrections.
    pub data_href: String,
    /// The movement page: what is ranked and why.
    pub method_href: String,
}

impl Renderer<'_> {
    pub(super) fn footer(&self, lang: Lang, root: &str) -> Footer {
        let p = &self.site.config.publisher;
        Footer {
            publisher: p.name.get(lang).to_string(),
            publisher_href: p.url.clone(),
            email: p.email.clone(),
            license: self.license_link(None),
            data_href: format!("{root}{}", Route::Data.path(lang)),
            method_href: format!("{root}{}", Route::Movement.path(lang)),
        }
    }
}
