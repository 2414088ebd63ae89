//! A text's body with what its shortcodes embed, drawn with the theme's `embed/*.html`
//! templates when the page is rendered (checking only resolved which rows to show).

use serde::Serialize;

use super::Renderer;
use crate::diag::Diagnostic;
use crate::format;
use crate::i18n::Lang;
use crate::model::{Doc, Embed};
use crate::routes::Route;

#[derive(Serialize)]
struct RankingCtx<'a> {
    lang: &'static str,
    title: String,
    rows: Vec<RankingRow<'a>>,
    publisher: &'a str,
    published: String,
    published_on: String,
    href: String,
}

#[derive(Serialize)]
struct RankingRow<'a> {
    rank: String,
    href: String,
    name: &'a str,
    score: String,
}

impl Renderer<'_> {
    /// `doc`'s body HTML (written in `lang`) for a page whose way back to the root is `root`.
    pub(super) fn body(&self, doc: &Doc, lang: Lang, root: &str) -> Result<String, Diagnostic> {
        let html = super::news::with_root(&super::texts::body(doc), root);
        let html = self.with_pictures(html, doc, lang, root, true)?;
        if doc.embeds.is_empty() {
            return Ok(html);
        }
        let drawn = doc.embeds.iter().map(|e| self.embed(e, lang, root)).collect::<Result<Vec<_>, _>>()?;
        Ok(crate::shortcodes::restore(&html, drawn.len(), |n| drawn[n].clone()))
    }

    fn embed(&self, embed: &Embed, lang: Lang, root: &str) -> Result<String, Diagnostic> {
        match embed {
            Embed::Ranking { index, edition, rows, .. } => {
                let site = self.site;
                let index = &site.indices[*index];
                let ed = &index.editions[*edition];
                let ctx = RankingCtx {
                    lang: lang.code(),
                    title: format!("{} {}", index.short.get(lang), ed.year),
                    rows: rows
                        .iter()
                        .map(|&k| {
                            let row = &ed.rows[k];
                            let u = &site.units[row.unit];
                            RankingRow {
                                rank: format::rank(row.rank, row.tied),
                                href: format!("{root}{}", Route::Unit { slug: &u.slug }.path(lang)),
                                name: u.name.get(lang),
                                score: format::score(row.score, row.score_decimals as usize, lang),
                            }
                        })
                        .collect(),
                    publisher: ed.publisher.get(lang),
                    published: format::published(ed.published, ed.published_precision, lang),
                    published_on: super::rankings::published_on(self, ed, lang),
                    href: format!("{root}{}", Route::Edition { index: &index.key, key: &ed.key }.path(lang)),
                };
                Ok(self.render("embed/ranking.html", &ctx)?.trim().to_string())
            }
        }
    }
}
