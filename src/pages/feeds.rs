//! The Atom feeds of each language, drawn by the theme's templates: `atom.xml` (the newest
//! news, full text with absolute links) and `corrections.xml` (the rankings' corrections log).

use chrono::NaiveDate;
use serde::Serialize;

use super::datasets::{corrections, corrections_feed_path};
use super::news::with_root;
use super::{OutFile, Renderer};
use crate::diag::Diagnostic;
use crate::format;
use crate::i18n::Lang;
use crate::model::Article;
use crate::routes::{feed, Route};

/// Articles in a news feed.
const NEWEST: usize = 20;

/// What both feeds' templates get: the feed itself and its entries.
#[derive(Serialize)]
struct FeedCtx<'a, E> {
    lang: &'static str,
    site_title: &'a str,
    /// The feed's own absolute URL.
    self_href: String,
    /// The absolute URL of the HTML page the feed follows.
    page_href: String,
    /// When the newest entry changed, as an RFC 3339 timestamp.
    updated: String,
    entries: Vec<E>,
}

#[derive(Serialize)]
struct NewsEntry<'a> {
    title: &'a str,
    href: String,
    published: String,
    updated: String,
    tags: &'a [String],
    /// The summary's HTML, links absolute (escaped once by the template, as Atom wants).
    summary: String,
    /// The article's HTML with what it embeds, links absolute.
    content: String,
}

#[derive(Serialize)]
struct CorrectionEntry<'a> {
    /// The index's short name.
    index: &'a str,
    edition: &'a str,
    /// The correction's date as the language writes it.
    date: String,
    /// The absolute URL of the edition's page.
    href: String,
    /// The correction's position in its edition's list, for a stable id.
    number: usize,
    updated: String,
    what: &'a str,
}

/// The day as an Atom timestamp (midnight UTC).
fn timestamp(day: NaiveDate) -> String {
    format!("{day}T00:00:00Z")
}

/// The Atom feed of a language: its newest articles, full text with absolute links.
pub(super) fn news(r: &Renderer, lang: Lang) -> Result<OutFile, Diagnostic> {
    let site = r.site;
    let base = &site.config.base_url;
    let abs = |route: &Route| base.join(&route.path(lang));
    let articles: Vec<&Article> = site.news.iter().filter(|a| a.doc.get(lang).is_some()).take(NEWEST).collect();
    let entries = articles
        .iter()
        .filter_map(|a| a.doc.get(lang).map(|doc| (a, doc)))
        .map(|(a, doc)| NewsEntry {
            title: &doc.title,
            href: abs(&Route::Article { slug: &a.slug }),
            published: timestamp(a.date),
            updated: timestamp(a.date),
            tags: &doc.tags,
            summary: r.with_pictures(with_root(&r.summary_html(doc), base), doc, lang, base, false).unwrap_or_default(),
            // An embed the theme cannot draw fails the article's own page, which reports it.
            content: r.body(doc, lang, base).unwrap_or_else(|_| with_root(&super::texts::body(doc), base)),
        })
        .collect();
    let ctx = FeedCtx {
        lang: lang.code(),
        site_title: site.config.title.get(lang),
        self_href: base.join(&feed(lang)),
        page_href: abs(&Route::News { page: 1 }),
        updated: articles.first().map_or_else(|| "2025-01-01T00:00:00Z".into(), |a| timestamp(a.date)),
        entries,
    };
    Ok(OutFile::new(feed(lang), r.render("atom.xml", &ctx)?))
}

/// The corrections log of a language as an Atom feed, newest first.
pub(super) fn corrections_feed(r: &Renderer, lang: Lang) -> Result<OutFile, Diagnostic> {
    let site = r.site;
    let base = &site.config.base_url;
    let list = corrections(site);
    let updated = list.first().map_or(site.build_date, |c| c.0);
    let entries = list
        .into_iter()
        .map(|(date, i, e, c)| {
            let index = &site.indices[i];
            let ed = &index.editions[e];
            CorrectionEntry {
                index: index.short.get(lang),
                edition: &ed.key,
                date: format::date(date, lang),
                href: base.join(&Route::Edition { index: &index.key, key: &ed.key }.path(lang)),
                number: c,
                updated: timestamp(date),
                what: ed.corrections[c].what.get(lang),
            }
        })
        .collect();
    let ctx = FeedCtx {
        lang: lang.code(),
        site_title: site.config.title.get(lang),
        self_href: base.join(&corrections_feed_path(lang)),
        page_href: base.join(&Route::Data.path(lang)),
        updated: timestamp(updated),
        entries,
    };
    Ok(OutFile::new(corrections_feed_path(lang), r.render("corrections.xml", &ctx)?))
}

#[derive(Serialize)]
struct EditionEntry {
    title: String,
    href: String,
    /// A stable id: the edition's page, with `#correction-<n>` for a correction.
    id: String,
    updated: String,
    summary: String,
}

/// The editions of every index and their corrections as an Atom feed of a language, newest
/// first: what a newsroom subscribes to for "a DTI was published or corrected".
pub(super) fn editions_feed(r: &Renderer, lang: Lang) -> Result<OutFile, Diagnostic> {
    let site = r.site;
    let base = &site.config.base_url;
    let mut list: Vec<(NaiveDate, EditionEntry)> = Vec::new();
    for index in &site.indices {
        for (e, ed) in index.editions.iter().enumerate() {
            let href = base.join(&Route::Edition { index: &index.key, key: &ed.key }.path(lang));
            let label = ed.label.get(lang);
            let name = match label.is_empty() {
                true => format!("{} {}", index.short.get(lang), ed.year),
                false => format!("{} {} — {label}", index.short.get(lang), ed.year),
            };
            let say = |key: &str, date: NaiveDate| {
                r.t(lang, key).replace("{edition}", &name).replace("{date}", &format::date(date, lang))
            };
            list.push((
                ed.published,
                EditionEntry {
                    title: say("feed_edition_published", ed.published),
                    id: href.clone(),
                    href: href.clone(),
                    updated: timestamp(ed.published),
                    summary: format!("{}. {}", ed.publisher.get(lang), super::landing::coverage(r, index, e, lang)),
                },
            ));
            for (c, corr) in ed.corrections.iter().enumerate() {
                list.push((
                    corr.date,
                    EditionEntry {
                        title: say("feed_edition_corrected", corr.date),
                        id: format!("{href}#correction-{c}"),
                        href: href.clone(),
                        updated: timestamp(corr.date),
                        summary: corr.what.get(lang).to_string(),
                    },
                ));
            }
        }
    }
    list.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let path = crate::routes::editions_feed(lang);
    let ctx = FeedCtx {
        lang: lang.code(),
        site_title: site.config.title.get(lang),
        self_href: base.join(&path),
        page_href: base.join(&Route::Rankings.path(lang)),
        updated: timestamp(list.first().map_or(site.build_date, |x| x.0)),
        entries: list.into_iter().map(|x| x.1).collect(),
    };
    Ok(OutFile::new(path, r.render("editions.xml", &ctx)?))
}
