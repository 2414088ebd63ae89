//! The theme, apart from the checked data: the Tera templates (compiled once), the UI strings
//! of both languages, the files of its `static/`, the chart font and the provinces' tile
//! layouts. Made from what `load` read and the checked [`Site`] (tile layouts name its units);
//! `pages` renders with it. Every problem carries its file and line.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use tera::Tera;

use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::i18n::{Lang, Strings};
use crate::load::RawTheme;
use crate::model::{Site, TileLayout, UnitId};

/// Everything a page is dressed in.
pub struct Theme {
    /// The templates, compiled, escaping with [`crate::escape::escape_html`], with the
    /// [`Trans`] function `trans(key=…, lang=…)` registered.
    pub tera: Tera,
    /// The UI strings of both languages, complete; shared with the templates' `trans()`.
    pub strings: Arc<Strings>,
    /// Theme files copied as they are, by path below `static/`.
    pub statics: Vec<(String, Vec<u8>)>,
    /// The chart font, which measures chart text.
    pub font: crate::charts::Font,
    /// Tile-map layouts (`data/tiles/`), each a list of (unit, column, row).
    pub tile_layouts: Vec<TileLayout>,
    /// Draws the share images with the chart font, or why it cannot.
    pub cards: Result<crate::images::share::Cards, String>,
}

/// The templates every theme must have.
const REQUIRED: [&str; 1] = ["base.html"];

impl Theme {
    /// Checks and compiles the theme for `site`. Errors go to `diags`; `None` when there was one.
    pub fn new(raw: RawTheme, site: &Site, diags: &mut Diagnostics) -> Option<Theme> {
        let before = diags.error_count();
        let theme_dir = format!("themes/{}", site.config.theme);
        // The keys the templates ask for, and the charts' words.
        let mut used = used_string_keys(&raw.templates);
        used.extend(crate::charts::STRING_KEYS.iter().map(ToString::to_string));
        let (vi, en) = raw.strings;
        let strings = Arc::new(Strings::complete(vi, en, (&raw.strings_files.0, &raw.strings_files.1), &used, diags));
        for name in REQUIRED {
            if !raw.templates.contains_key(name) {
                diags.push(
                    Diagnostic::error(format!("themes/default/templates/{name}"), None, crate::tr!("template missing"))
                        .hint(crate::tr!("restore the default theme from a fresh copy of minhbach")),
                );
            }
        }
        let tile_layouts = tile_layouts(&raw.tiles, |id| site.unit(id), diags);
        let cards = match &raw.font {
            Some((_, bytes)) => crate::images::share::Cards::new(bytes.clone()),
            None => Err("no font".into()),
        };
        let font = font(raw.font, &theme_dir, diags);
        let tera = compile(&raw.templates, &theme_dir, diags).map(|mut tera| {
            tera.register_function("trans", Trans(Arc::clone(&strings)));
            tera
        });
        if diags.error_count() > before {
            return None;
        }
        Some(Theme {
            tera: tera?,
            strings,
            statics: raw.statics.into_iter().collect(),
            font: font?,
            tile_layouts,
            cards,
        })
    }
}

/// The templates a template extends or includes, by the names written in its tags.
pub(crate) fn uses(src: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for tag in ["extends", "include", "import"] {
        let mut rest = src;
        while let Some(i) = rest.find(tag) {
            rest = &rest[i + tag.len()..];
            let after = rest.trim_start();
            if let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                if let Some(end) = after[1..].find(q) {
                    out.push(&after[1..1 + end]);
                }
            }
        }
    }
    out
}

/// A template that extends or includes itself, directly or through others, would recurse
/// without end when rendered: the first such cycle, as names.
fn cycle(templates: &BTreeMap<String, String>) -> Option<Vec<String>> {
    // 0 unseen, 1 on the current path, 2 done.
    fn visit<'a>(
        name: &'a str,
        templates: &'a BTreeMap<String, String>,
        state: &mut BTreeMap<&'a str, u8>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        match state.get(name) {
            Some(2) => return None,
            Some(1) => {
                let from = path.iter().position(|n| *n == name).unwrap_or(0);
                let mut c: Vec<String> = path[from..].iter().map(ToString::to_string).collect();
                c.push(name.to_string());
                return Some(c);
            }
            _ => {}
        }
        state.insert(name, 1);
        path.push(name);
        if path.len() <= 64 {
            for used in templates.get(name).map(|s| uses(s)).unwrap_or_default() {
                if let Some((key, _)) = templates.get_key_value(used) {
                    if let Some(c) = visit(key, templates, state, path) {
                        return Some(c);
                    }
                }
            }
        }
        path.pop();
        state.insert(name, 2);
        None
    }
    let mut state = BTreeMap::new();
    templates.keys().find_map(|name| visit(name, templates, &mut state, &mut Vec::new()))
}

fn compile(templates: &BTreeMap<String, String>, theme_dir: &str, diags: &mut Diagnostics) -> Option<Tera> {
    if let Some(c) = cycle(templates) {
        diags.push(
            Diagnostic::error(
                format!("{theme_dir}/templates/{}", c[0]),
                None,
                crate::tr!("templates use each other in a circle: {cycle}", cycle = c.join(" → ")),
            )
            .hint(crate::tr!("a template may extend or include only other templates (base.html extends nothing)")),
        );
        return None;
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(crate::escape::escape_html);
    match tera.add_raw_templates(templates.iter().map(|(n, s)| (n.as_str(), s.as_str()))) {
        Ok(()) => Some(tera),
        Err(e) => {
            diags.push(
                Diagnostic::error(format!("{theme_dir}/templates"), None, Text::verbatim(tera_error(&e)))
                    .hint(crate::tr!("fix the template syntax; see the Tera documentation")),
            );
            None
        }
    }
}

/// A Tera error with its causes, which name the template and the line.
pub(crate) fn tera_error(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

fn font(raw: Option<(String, Vec<u8>)>, theme_dir: &str, diags: &mut Diagnostics) -> Option<crate::charts::Font> {
    match raw {
        Some((file, bytes)) => match crate::charts::Font::new(bytes) {
            Ok(font) => Some(font),
            Err(e) => {
                diags.push(
                    Diagnostic::error(file, None, crate::tr!("the chart font cannot be read: {e}", e))
                        .hint(crate::tr!("use a TrueType (.ttf) font with Vietnamese letters")),
                );
                None
            }
        },
        None => {
            diags.push(
                Diagnostic::error(format!("{theme_dir}/fonts"), None, crate::tr!("no chart font (.ttf) found"))
                    .hint(crate::tr!("restore themes/default/fonts/ from a fresh copy of minhbach")),
            );
            None
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
                    diags.push(Diagnostic::error(file, Some(line), msg).hint(crate::tr!(
                        "each line is unit,col,row with a unit id of data/units.csv and two whole numbers"
                    )));
                }
            }
        }
    }
    out
}

/// The templates' `trans(key="…", lang="vi"|"en")`: a UI string of the theme in a language
/// (a key missing in one language has the other's text, see [`Strings::complete`]); an error
/// naming the key when neither has it. Its output is escaped like a variable's.
pub(crate) struct Trans(pub Arc<Strings>);

impl tera::Function for Trans {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let Some(tera::Value::String(key)) = args.get("key") else {
            return Err(tera::Error::msg("trans() needs `key`, a string: trans(key=\"…\", lang=lang)"));
        };
        let lang = match args.get("lang").and_then(tera::Value::as_str) {
            Some("vi") => Lang::Vi,
            Some("en") => Lang::En,
            _ => {
                return Err(tera::Error::msg(format!(
                    "trans(key=\"{key}\") needs `lang`, \"vi\" or \"en\": trans(key=\"{key}\", lang=lang)"
                )))
            }
        };
        match self.0.lookup(lang, key) {
            Some(s) => Ok(tera::Value::String(s.to_string())),
            None => Err(tera::Error::msg(format!(
                "trans(): unknown UI string `{key}`; add a line `{key} = \"…\"` to the theme's i18n/vi.toml and i18n/en.toml"
            ))),
        }
    }
}

/// The string keys the templates use (`trans(key="…"`), which every strings file must have
/// (as must the charts' [`crate::charts::STRING_KEYS`]).
fn used_string_keys(templates: &BTreeMap<String, String>) -> Vec<String> {
    const CALL: &str = "trans(";
    let mut keys = BTreeSet::new();
    for src in templates.values() {
        let b = src.as_bytes();
        let mut i = 0;
        while let Some(p) = src[i..].find(CALL) {
            let start = i + p;
            i = start + CALL.len();
            if start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'_') {
                continue;
            }
            // The arguments up to the closing parenthesis; `key` with a string literal.
            let args = &src[i..src[i..].find(')').map_or(src.len(), |e| i + e)];
            if let Some(key) = key_argument(args) {
                keys.insert(key.to_string());
            }
        }
    }
    keys.into_iter().collect()
}

/// The string given as `key="…"` (or `'…'`) among a call's arguments.
fn key_argument(args: &str) -> Option<&str> {
    let mut rest = args;
    while let Some(p) = rest.find("key") {
        let before = rest[..p].chars().next_back();
        let after = rest[p + 3..].trim_start();
        rest = &rest[p + 3..];
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let Some(value) = after.strip_prefix('=').map(str::trim_start) else { continue };
        let quote = value.chars().next().filter(|q| matches!(q, '"' | '\'' | '`'))?;
        return value[1..].find(quote).map(|e| &value[1..1 + e]);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_that_use_each_other_in_a_circle_are_found() {
        let t = |pairs: &[(&str, &str)]| {
            pairs.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect::<BTreeMap<_, _>>()
        };
        assert_eq!(cycle(&t(&[("base.html", "{% extends \"base.html\" %}")])).unwrap(), vec!["base.html", "base.html"]);
        let two = t(&[("a.html", "{% include 'b.html' %}"), ("b.html", "{% extends \"a.html\" %}")]);
        assert_eq!(cycle(&two).unwrap(), vec!["a.html", "b.html", "a.html"]);
        let fine = t(&[("base.html", "x"), ("page.html", "{% extends \"base.html\" %}{% import \"m.html\" as m %}")]);
        assert!(cycle(&fine).is_none());
    }

    #[test]
    fn string_keys_are_found_in_templates() {
        let t = BTreeMap::from([(
            "a.html".to_string(),
            "{{ trans(key=\"home\", lang=lang) }} {{ x.trans }} {{ strans(key=\"no\") }} \
             {{ trans(lang=\"en\", key = 'skip_link') | upper }} {{ trans(lang=lang, monkey=\"no\") }}"
                .to_string(),
        )]);
        assert_eq!(used_string_keys(&t), vec!["home", "skip_link"]);
    }

    #[test]
    fn trans_gives_the_string_or_names_the_missing_key() {
        let vi = BTreeMap::from([("home".to_string(), "Trang chủ & <b>".to_string())]);
        let en = BTreeMap::from([("home".to_string(), "Home".to_string())]);
        let strings = Arc::new(Strings { vi, en });
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(crate::escape::escape_html);
        tera.register_function("trans", Trans(strings));
        let mut ctx = tera::Context::new();
        ctx.insert("lang", "vi");
        let render = |tera: &mut Tera, src: &str| tera.render_str(src, &ctx).map_err(|e| tera_error(&e));
        // render_str does not autoescape (no template name): escaping is checked through a
        // named template below.
        assert_eq!(render(&mut tera, "{{ trans(key=\"home\", lang=\"en\") }}").unwrap(), "Home");
        tera.add_raw_template(
            "p.html",
            "{{ trans(key=\"home\", lang=lang) }}|{{ trans(key=\"home\", lang=lang) | safe }}",
        )
        .unwrap();
        assert_eq!(tera.render("p.html", &ctx).unwrap(), "Trang chủ &amp; &lt;b&gt;|Trang chủ & <b>");
        let err = render(&mut tera, "{{ trans(key=\"nope\", lang=lang) }}").unwrap_err();
        assert!(err.contains("`nope`"), "{err}");
        let err = render(&mut tera, "{{ trans(key=\"home\", lang=\"fr\") }}").unwrap_err();
        assert!(err.contains("\"vi\" or \"en\""), "{err}");
    }
}
