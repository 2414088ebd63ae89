//! `[[menu]]` of `site.toml`: each entry's target resolved to a page of the site (a content
//! document by `@/section/file.md`, or a section by its key) or kept as an external address.

use std::collections::BTreeSet;

use crate::config::MenuItem;
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::{Lang, Text};
use crate::model::{MenuEntry, MenuTarget};
use crate::routes::{Route, SECTIONS};

/// The section keys a menu entry may name (`news` for the news…), each with its route.
fn section(key: &str) -> Option<Route<'static>> {
    SECTIONS.into_iter().find(|(_, k)| k.strip_prefix("nav_") == Some(key)).map(|(r, _)| r)
}

/// Every entry of `menu`, checked against the site's content `documents`.
pub(super) fn check_menu(
    menu: &[MenuItem],
    documents: &BTreeSet<(String, String)>,
    diags: &mut Diagnostics,
) -> Vec<MenuEntry> {
    let mut out = Vec::new();
    for item in menu {
        let url = item.url.trim();
        let target = if url.starts_with("https://") || url.starts_with("http://") {
            Some(MenuTarget::External(url.to_string()))
        } else if let Some(doc) = url.strip_prefix("@/") {
            let found = doc.strip_suffix(".md").and_then(|d| d.split_once('/')).and_then(|(section, stem)| {
                let stem = stem.strip_suffix(".en").unwrap_or(stem);
                let route = super::content::route(section, stem)?;
                documents
                    .contains(&(section.to_string(), stem.to_string()))
                    .then(|| MenuTarget::Page { vi: route.path(Lang::Vi), en: route.path(Lang::En) })
            });
            if found.is_none() {
                diags.push(
                    Diagnostic::error("site.toml", None, crate::tr!("menu entry `{url}` names no page of content/", url))
                        .hint(crate::tr!(
                            "write the file as it is under content/, e.g. url = \"@/pages/about.md\", or fix the file's name"
                        )),
                );
            }
            found
        } else if let Some(route) = section(url) {
            Some(MenuTarget::Page { vi: route.path(Lang::Vi), en: route.path(Lang::En) })
        } else {
            let keys: Vec<&str> = SECTIONS.iter().filter_map(|(_, k)| k.strip_prefix("nav_")).collect();
            let keys = keys.join(", ");
            diags.push(
                Diagnostic::error("site.toml", None, crate::tr!("menu entry `{url}` is neither a page nor an address", url))
                    .hint(crate::tr!(
                        "write `@/section/file.md` for a page of content/, a section ({keys}), or an address starting with https://",
                        keys
                    )),
            );
            None
        };
        if item.name_vi.trim().is_empty() || item.name_en.trim().is_empty() {
            diags.push(
                Diagnostic::error("site.toml", None, crate::tr!("menu entry `{url}` has no name", url))
                    .hint(crate::tr!("give it name_vi and name_en")),
            );
            continue;
        }
        if let Some(target) = target {
            out.push(MenuEntry { name: Text { vi: item.name_vi.clone(), en: item.name_en.clone() }, target });
        }
    }
    out
}
