//! The theme, apart from the checked data: the Tera templates (compiled once), the UI strings
//! of both languages, the files of its `static/`, the chart font and the provinces' tile
//! layouts. Made from what `load` read and the checked [`Site`] (tile layouts name its units);
//! `pages` renders with it. Every problem carries its file and line.

use std::collections::{BTreeMap, BTreeSet};

use tera::Tera;

use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::Strings;
use crate::load::RawTheme;
use crate::model::{Site, TileLayout, UnitId};

/// Everything a page is dressed in.
pub struct Theme {
    /// The templates, compiled, escaping with [`crate::escape::escape_html`].
    pub tera: Tera,
    pub strings: Strings,
    /// Theme files copied as they are, by path below `static/`.
    pub statics: Vec<(String, Vec<u8>)>,
    /// The chart font's bytes.
    pub font: Vec<u8>,
    /// Tile-map layouts (`data/tiles/`), each a list of (unit, column, row).
    pub tile_layouts: Vec<TileLayout>,
}

/// The templates every theme must have.
const REQUIRED: [&str; 1] = ["base.html"];

impl Theme {
    /// Checks and compiles the theme for `site`. Errors go to `diags`; `None` when there was one.
    pub fn new(raw: RawTheme, site: &Site, diags: &mut Diagnostics) -> Option<Theme> {
        let before = diags.error_count();
        let theme_dir = format!("themes/{}", site.config.theme);
        let used = used_string_keys(&raw.templates);
        let (vi, en) = raw.strings;
        let strings = Strings::complete(vi, en, (&raw.strings_files.0, &raw.strings_files.1), &used, diags);
        for name in REQUIRED {
            if !raw.templates.contains_key(name) {
                diags.push(
                    Diagnostic::error(format!("themes/default/templates/{name}"), None, "template missing")
                        .hint("restore the default theme from a fresh copy of minhbach"),
                );
            }
        }
        let tile_layouts = tile_layouts(&raw.tiles, |id| site.unit(id), diags);
        let font = font(raw.font, &theme_dir, diags);
        let tera = compile(&raw.templates, &theme_dir, diags);
        if diags.error_count() > before {
            return None;
        }
        Some(Theme { tera: tera?, strings, statics: raw.statics.into_iter().collect(), font, tile_layouts })
    }
}

fn compile(templates: &BTreeMap<String, String>, theme_dir: &str, diags: &mut Diagnostics) -> Option<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(crate::escape::escape_html);
    match tera.add_raw_templates(templates.iter().map(|(n, s)| (n.as_str(), s.as_str()))) {
        Ok(()) => Some(tera),
        Err(e) => {
            diags.push(
                Diagnostic::error(format!("{theme_dir}/templates"), None, tera_error(&e))
                    .hint("fix the template syntax; see the Tera documentation"),
            );
            None
        }
    }
}

/// A Tera error with its causes, which name the template and the line.
pub fn tera_error(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

fn font(raw: Option<(String, Vec<u8>)>, theme_dir: &str, diags: &mut Diagnostics) -> Vec<u8> {
    match raw {
        Some((file, bytes)) => match crate::charts::register_font(&bytes) {
            Ok(()) => bytes,
            Err(e) => {
                diags.push(
                    Diagnostic::error(file, None, format!("the chart font cannot be read: {e}"))
                        .hint("use a TrueType (.ttf) font with Vietnamese letters"),
                );
                Vec::new()
            }
        },
        None => {
            diags.push(
                Diagnostic::error(format!("{theme_dir}/fonts"), None, "no chart font (.ttf) found")
                    .hint("restore themes/default/fonts/ from a fresh copy of minhbach"),
            );
            Vec::new()
        }
    }
}

/// Reads the tile layouts (`data/tiles/*.csv`: a header `unit,col,row`, then one line a unit).
fn tile_layouts(
    files: &BTreeMap<String, String>,
    unit: impl Fn(&str) -> Option<UnitId>,
    diags: &mut Diagnostics,
) -> Vec<TileLayout> {
    let mut out = Vec::new();
    for (file, text) in files {
        match crate::charts::parse_tile_layout(text, &unit) {
            Ok(l) => out.push(l),
            Err(errs) => {
                for (line, msg) in errs {
                    diags.push(
                        Diagnostic::error(file, Some(line), msg)
                            .hint("each line is unit,col,row with a unit id of data/units.csv and two whole numbers"),
                    );
                }
            }
        }
    }
    out
}

/// The string keys the templates use (`t.key`), which every strings file must have.
fn used_string_keys(templates: &BTreeMap<String, String>) -> Vec<String> {
    let mut keys = BTreeSet::new();
    for src in templates.values() {
        let b = src.as_bytes();
        let mut i = 0;
        while let Some(p) = src[i..].find("t.") {
            let start = i + p;
            let ok_before =
                start == 0 || !(b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'_' || b[start - 1] == b'.');
            let mut end = start + 2;
            while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'_') {
                end += 1;
            }
            if ok_before && end > start + 2 {
                keys.insert(src[start + 2..end].to_string());
            }
            i = end.max(start + 2);
        }
    }
    keys.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_keys_are_found_in_templates() {
        let t = BTreeMap::from([("a.html".to_string(), "{{ t.home }} {{ x.t.no }} {{ t.skip_link }}".to_string())]);
        assert_eq!(used_string_keys(&t), vec!["home", "skip_link"]);
    }
}
