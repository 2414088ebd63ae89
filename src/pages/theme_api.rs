//! What a theme may ask of the site beyond the pages' own variables: `[extra]` (the site's,
//! under a document's front matter `[extra]`), the site's `[[menu]]` in place of the default
//! navigation, and the stylesheets linked after the theme's `style.css`.

use super::{NavItem, Renderer};
use crate::i18n::Lang;
use crate::model::{Doc, MenuTarget, Site};

/// `[extra]` of `site.toml`, with the keys of a document's front matter `[extra]` over it.
pub(super) fn extra(site: &Site, doc: Option<&Doc>) -> toml::Table {
    let mut out = site.config.extra.clone();
    if let Some(d) = doc {
        out.extend(d.extra.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    out
}

/// The site's menu as nav items for the page at `path` (below the site root), or `None` for
/// the theme's default navigation.
pub(super) fn menu(r: &Renderer, root: &str, lang: Lang, path: &str) -> Option<Vec<NavItem>> {
    if r.site.menu.is_empty() {
        return None;
    }
    Some(
        r.site
            .menu
            .iter()
            .map(|m| {
                let (href, current) = match &m.target {
                    MenuTarget::Page { vi, en } => {
                        let p = if lang == Lang::Vi { vi } else { en };
                        let home = p.is_empty() || p == "en/";
                        (format!("{root}{p}"), p == path || (!home && path.starts_with(p.as_str())))
                    }
                    MenuTarget::External(url) => (url.clone(), false),
                };
                NavItem { href, label: m.name.get(lang).to_string(), current }
            })
            .collect(),
    )
}

/// The stylesheets linked after `style.css`: the theme's `static/extra.css` (published as
/// `assets/extra.css`), the site's `static/extra.css`, then `stylesheets` of `site.toml`.
pub(super) fn stylesheets(r: &Renderer, root: &str) -> Vec<String> {
    let mut out = Vec::new();
    if r.theme.statics.iter().any(|(p, _)| p == "extra.css") {
        out.push(format!("{root}assets/extra.css"));
    }
    if r.site.site_statics.iter().any(|(p, _)| p == "extra.css") {
        out.push(format!("{root}extra.css"));
    }
    for s in &r.site.config.stylesheets {
        let href = format!("{root}{s}");
        if !out.contains(&href) {
            out.push(href);
        }
    }
    out
}
