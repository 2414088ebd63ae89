//! The home page text (`content/_index.md` and `_index.en.md`) and a section's
//! (`content/news/_index.md`, as Zola and Hugo place it): a title and Markdown.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::Lang;
use crate::load::{FrontMatter, RawDoc};
use crate::model::HomeText;

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct HomeFront {
    #[serde(default)]
    title: String,
}

/// The sections whose list page shows the text of their `_index.md`.
const LISTED: [&str; 3] = ["news", "models", "movement"];

/// Each section's `_index.md` and `_index.en.md`, by section; `content/pages/` has no list page,
/// so its `_index.md` is a warning.
pub(super) fn check_sections(docs: &[RawDoc], config: &Config, diags: &mut Diagnostics) -> BTreeMap<String, HomeText> {
    let mut by_section: BTreeMap<&str, Vec<RawDoc>> = BTreeMap::new();
    for doc in docs {
        if LISTED.contains(&doc.section.as_str()) {
            by_section.entry(&doc.section).or_default().push(doc.clone());
        } else {
            diags.push(
                Diagnostic::warning(
                    &doc.file,
                    None,
                    crate::tr!("content/{section}/ has no list page: this text is not shown", section = doc.section),
                )
                .hint(crate::tr!(
                    "a title and introduction are shown for {list}",
                    list = LISTED.map(|s| format!("content/{s}/_index.md")).join(", ")
                )),
            );
        }
    }
    by_section.into_iter().map(|(s, docs)| (s.to_string(), check_home(&docs, config, diags))).collect()
}

pub(super) fn check_home(docs: &[RawDoc], config: &Config, diags: &mut Diagnostics) -> HomeText {
    let mut home = HomeText::default();
    for doc in docs {
        if let Err(d) = super::front_matter_bounds(doc) {
            diags.push(d);
            continue;
        }
        let front: HomeFront = match &doc.front {
            FrontMatter::None => HomeFront::default(),
            FrontMatter::Toml(t) => match toml::from_str(t) {
                Ok(f) => f,
                Err(e) => {
                    let mut d = crate::diag::toml_error(&doc.file, t, &e);
                    d.line = d.line.map(|l| l + 1);
                    diags.push(d);
                    continue;
                }
            },
            FrontMatter::Yaml(y) => match serde_norway::from_str(y) {
                Ok(f) => f,
                Err(e) => {
                    let line = e.location().map(|l| l.line() + 1).or(Some(1));
                    diags.push(
                        Diagnostic::error(&doc.file, line, crate::tr!("front matter: {e}", e))
                            .hint(crate::tr!("this page's front matter holds only its title: title: \"…\"")),
                    );
                    continue;
                }
            },
        };
        let none = |_: &str| None;
        let src = crate::markdown::Source {
            file: &doc.file,
            first_line: doc.body_line,
            allow_html: config.allow_html,
            resolve: &none,
            static_file: &|_| true,
            picture: None,
        };
        let (text, _) = crate::markdown::check(&src, &doc.body, diags);
        let lang = if doc.lang_en { Lang::En } else { Lang::Vi };
        *(if doc.lang_en { &mut home.title.en } else { &mut home.title.vi }) = front.title;
        home.text.set(lang, text);
    }
    home
}
