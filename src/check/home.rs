//! The home page text (`content/_index.md` and `_index.en.md`): a title and Markdown.

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{FrontMatter, RawDoc};
use crate::model::HomeText;

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct HomeFront {
    #[serde(default)]
    title: String,
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
            FrontMatter::Yaml(_) => {
                diags.push(
                    Diagnostic::error(
                        &doc.file,
                        Some(1),
                        crate::tr!("the home page's front matter must be TOML (between +++ lines)"),
                    )
                    .hint(crate::tr!("write +++ / title = \"…\" / +++")),
                );
                continue;
            }
        };
        let html = crate::markdown::render_simple(&doc.file, &doc.body, doc.body_line, config.allow_html, diags);
        let (title, body) =
            if doc.lang_en { (&mut home.title.en, &mut home.html.en) } else { (&mut home.title.vi, &mut home.html.vi) };
        *title = front.title;
        *body = html;
    }
    home
}
