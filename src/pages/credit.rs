//! Where a chart's figures come from, by the page it is drawn on: the credit its standalone SVG
//! prints and carries as metadata, and the embed snippet a reader copies.

use serde::Serialize;

use super::linked::LicenseLink;
use super::Renderer;
use crate::charts::Credit;
use crate::escape::escape_html;
use crate::i18n::Lang;
use crate::routes::Route;

#[derive(Serialize)]
struct EmbedCtx<'a> {
    lang: &'static str,
    src: &'a str,
    alt: &'a str,
    source: String,
    page: &'a str,
    license: Option<LicenseLink>,
}

impl Renderer<'_> {
    /// The credit of a chart on the page at `route`.
    pub(super) fn credit(&self, route: &Route, lang: Lang) -> Credit {
        let site = self.site;
        let page = site.config.base_url.join(&route.path(lang));
        let index_of = |key: &str| site.indices.iter().find(|i| i.key == key);
        let license = |index| self.license_of(index).map(|l| (l.name.clone(), l.url.clone()));
        match route {
            Route::Edition { index, key } | Route::Indicator { index, key, .. } => {
                let Some(idx) = index_of(index) else { return Credit { page, ..Default::default() } };
                let Some(ed) = idx.editions.iter().find(|e| e.key == *key) else {
                    return Credit { page, ..Default::default() };
                };
                let label = ed.label.get(lang);
                Credit {
                    what: if label.is_empty() {
                        format!("{} {}", idx.short.get(lang), ed.year)
                    } else {
                        format!("{} {} — {label}", idx.short.get(lang), ed.year)
                    },
                    publisher: ed.publisher.get(lang).to_string(),
                    source: ed.publisher_url.clone().or_else(|| ed.sources.first().cloned()).unwrap_or(page.clone()),
                    published: ed.published.to_string(),
                    license: license(Some(idx)),
                    page,
                }
            }
            Route::IndexPage { index } => {
                let Some(idx) = index_of(index) else { return Credit { page, ..Default::default() } };
                let last = idx.latest().map(|e| &idx.editions[e]);
                Credit {
                    what: idx.name.get(lang).to_string(),
                    publisher: idx.publisher.get(lang).to_string(),
                    source: last.and_then(|e| e.publisher_url.clone()).unwrap_or(page.clone()),
                    published: last.map(|e| e.published.to_string()).unwrap_or_default(),
                    license: license(Some(idx)),
                    page,
                }
            }
            Route::Unit { slug } => {
                // The publishers and indices of the editions that rank the unit or its predecessors.
                let (mut publishers, mut whats): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
                let unit = site.units.iter().position(|u| u.slug == *slug);
                for h in unit.map(|u| site.history(u)).unwrap_or_default() {
                    let index = &site.indices[h.index];
                    let p = index.editions[h.edition].publisher.get(lang);
                    if !publishers.contains(&p) {
                        publishers.push(p);
                    }
                    if !whats.contains(&index.short.get(lang)) {
                        whats.push(index.short.get(lang));
                    }
                }
                Credit {
                    what: whats.join(", "),
                    publisher: publishers.join(", "),
                    source: page.clone(),
                    published: site.build_date.to_string(),
                    license: license(None),
                    page,
                }
            }
            // Models and other pages: the site's own compilation.
            _ => Credit {
                what: site.config.title.get(lang).to_string(),
                publisher: site.config.publisher.name.get(lang).to_string(),
                source: page.clone(),
                published: site.build_date.to_string(),
                license: license(None),
                page,
            },
        }
    }

    /// The snippet that embeds the chart at `src` elsewhere, with its source.
    pub(super) fn embed_snippet(&self, src: &str, alt: &str, credit: &Credit, lang: Lang) -> String {
        let ctx = EmbedCtx {
            lang: lang.code(),
            src,
            alt,
            source: crate::charts::credit_line(credit, &self.theme.strings, lang),
            page: &credit.page,
            license: credit.license.as_ref().map(|(name, href)| LicenseLink {
                id: String::new(),
                name: name.clone(),
                href: href.clone(),
            }),
        };
        match self.render("embed/chart.html", &ctx) {
            Ok(html) => html.trim().to_string(),
            Err(_) => format!("<img src=\"{}\" alt=\"{}\" width=\"100%\">", escape_html(src), escape_html(alt)),
        }
    }
}
