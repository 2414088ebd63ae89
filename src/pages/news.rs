//! The news pages: paginated lists, tag pages, and articles (or a "not yet translated" notice).

use serde::Serialize;

use super::{Base, Link, Renderer, UnitLink};
use crate::diag::Diagnostic;
use crate::format;
use crate::i18n::{vi_cmp, Lang};
use crate::model::{Article, Site};
use crate::routes::{feed, Route};
use crate::{markdown::ROOT, model::TocEntry};

/// Articles on one page of the news list.
pub(crate) const PER_PAGE: usize = 10;

/// Number of list pages for `n` articles (at least one, even when empty).
pub(crate) fn page_count(n: usize) -> usize {
    n.div_ceil(PER_PAGE).max(1)
}

/// Puts a page's way back to the root into rendered Markdown.
pub(crate) fn with_root(html: &str, root: &str) -> String {
    html.replace(ROOT, root)
}

/// The slugs of an article's tags in `lang` (its tag pages).
pub(crate) fn tag_slugs(a: &Article, lang: Lang) -> std::collections::BTreeSet<String> {
    a.doc
        .get(lang)
        .map(|d| d.tags.iter().map(|t| crate::model::tag_slug(t)).filter(|s| !s.is_empty()).collect())
        .unwrap_or_default()
}

/// Every tag of a language's articles: slug → (name, article positions), by name.
pub(crate) fn tags(site: &Site, lang: Lang) -> Vec<(String, String, Vec<usize>)> {
    // Few tags, many articles: each tag's slug is made once, and each tag as written finds its
    // entry (named as first written) by one lookup.
    let mut v: Vec<(String, String, Vec<usize>)> = Vec::new();
    let mut by_slug: rustc_hash::FxHashMap<String, usize> = Default::default();
    let mut by_tag: rustc_hash::FxHashMap<&str, Option<usize>> = Default::default();
    for (i, a) in site.news.iter().enumerate() {
        if let Some(doc) = a.doc.get(lang) {
            for tag in &doc.tags {
                let at = *by_tag.entry(tag.as_str()).or_insert_with(|| {
                    let slug = crate::model::tag_slug(tag);
                    (!slug.is_empty()).then(|| {
                        *by_slug.entry(slug.clone()).or_insert_with(|| {
                            v.push((slug, tag.clone(), Vec::new()));
                            v.len() - 1
                        })
                    })
                });
                // Articles come in order: a repeat of the tag in one article is the last one.
                if let Some(e) = at.map(|k| &mut v[k].2) {
                    if e.last() != Some(&i) {
                        e.push(i);
                    }
                }
            }
        }
    }
    v.sort_by(|a, b| vi_cmp(&a.1, &b.1).then_with(|| a.0.cmp(&b.0)));
    v
}

#[derive(Serialize)]
pub(crate) struct NewsItem {
    pub href: String,
    pub title: String,
    /// The language of the title when it is not the page's (an untranslated article).
    pub title_lang: Option<&'static str>,
    pub date: String,
    /// The date as `YYYY-MM-DD`, for `<time datetime>`.
    pub iso: String,
    pub summary: String,
    pub tags: Vec<Link>,
}

/// An article as a list item in `lang`, linking to its page in that language (or the original).
pub(crate) fn item(r: &Renderer, base: &Base, lang: Lang, a: &Article) -> Option<NewsItem> {
    let (doc, in_lang) = a.doc.any(lang)?;
    let fallback = in_lang != lang;
    Some(NewsItem {
        href: r.link(base, &Route::Article { slug: &a.slug }, in_lang),
        title: doc.title.clone(),
        title_lang: fallback.then_some(in_lang.code()),
        date: format::date(a.date, lang),
        iso: a.date.to_string(),
        summary: if fallback {
            String::new()
        } else {
            let summary = with_root(&r.summary_html(doc), &base.root);
            r.with_pictures(summary, doc, lang, &base.root, false).unwrap_or_default()
        },
        tags: if fallback {
            Vec::new()
        } else {
            doc.tags
                .iter()
                .map(|t| Link {
                    href: r.link(base, &Route::Tag { slug: &crate::model::tag_slug(t), page: 1 }, lang),
                    label: t.clone(),
                })
                .collect()
        },
    })
}

#[derive(Serialize)]
struct ListCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    heading: String,
    items: Vec<NewsItem>,
    page: usize,
    pages: usize,
    newer: Option<String>,
    older: Option<String>,
    feed_href: String,
    tags: Vec<Link>,
    news_href: String,
    /// The introduction of `content/news/_index.md` (HTML), on the first page of all news.
    intro: String,
    /// The list is one tag's.
    is_tag: bool,
}

pub(super) fn list(
    r: &Renderer,
    route: &Route,
    lang: Lang,
    page: usize,
    tag: Option<usize>,
) -> Result<String, Diagnostic> {
    let site = r.site;
    let all_tags = r.tags(lang);
    let (section_title, intro) = section_text(r, "news", lang, "news_title");
    let (heading, chosen): (String, &[usize]) = match tag {
        Some(t) => {
            let (_, name, arts) = &all_tags[t];
            (r.t(lang, "tag_title").replace("{tag}", name), arts)
        }
        None => (section_title, &[]),
    };
    let intro = if tag.is_none() && page == 1 { intro } else { String::new() };
    let count = if tag.is_some() { chosen.len() } else { site.news.len() };
    let pages = page_count(count);
    let title = if page > 1 { format!("{heading} — {} {page}", r.t(lang, "page_word")) } else { heading.clone() };
    let base = r.base(route, lang, title, r.t(lang, "news_description").to_string());
    let range = ((page - 1) * PER_PAGE)..(page * PER_PAGE).min(count);
    let shown: Vec<usize> = if tag.is_some() { chosen[range].to_vec() } else { range.collect() };
    let items = shown.iter().filter_map(|&i| item(r, &base, lang, &site.news[i])).collect();
    let page_route = |page| match tag {
        Some(t) => Route::Tag { slug: &all_tags[t].0, page },
        None => Route::News { page },
    };
    let ctx = ListCtx {
        heading,
        items,
        page,
        pages,
        newer: (page > 1).then(|| r.link(&base, &page_route(page - 1), lang)),
        older: (page < pages).then(|| r.link(&base, &page_route(page + 1), lang)),
        feed_href: format!("{}{}", base.root, feed(lang)),
        tags: all_tags
            .iter()
            .map(|(slug, name, arts)| Link {
                href: r.link(&base, &Route::Tag { slug, page: 1 }, lang),
                label: format!("{name} ({})", arts.len()),
            })
            .collect(),
        news_href: r.link(&base, &Route::News { page: 1 }, lang),
        intro,
        is_tag: tag.is_some(),
        base,
    };
    r.render("news.html", &ctx)
}

#[derive(Serialize)]
struct ArticleCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    date: String,
    iso: String,
    body: String,
    toc: &'a [TocEntry],
    tags: Vec<Link>,
    units: Vec<UnitLink>,
    sources: &'a [String],
    prev: Option<Link>,
    next: Option<Link>,
    news_href: String,
}

#[derive(Serialize)]
struct NoticeCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    heading: String,
    heading_lang: &'static str,
    message: String,
    original_href: String,
    back_href: String,
    back_label: String,
}

/// The page of a document that exists only in the other language: says so and links to it.
pub(super) fn notice(
    r: &Renderer,
    route: &Route,
    lang: Lang,
    title: &str,
    back: (Route, &str),
) -> Result<String, Diagnostic> {
    let base = r.base(route, lang, title.to_string(), String::new());
    let other = lang.other();
    let ctx = NoticeCtx {
        heading: title.to_string(),
        heading_lang: other.code(),
        message: r.t(lang, if lang == Lang::En { "only_vi_notice" } else { "only_en_notice" }).to_string(),
        original_href: r.link(&base, route, other),
        back_href: r.link(&base, &back.0, lang),
        back_label: r.t(lang, back.1).to_string(),
        base,
    };
    r.render("notice.html", &ctx)
}

pub(super) fn article(r: &Renderer, route: &Route, lang: Lang, i: usize) -> Result<String, Diagnostic> {
    let site = r.site;
    let a = &site.news[i];
    let Some(doc) = a.doc.get(lang) else {
        let (doc, _) =
            a.doc.any(lang).ok_or_else(|| Diagnostic::error(&a.slug, None, crate::tr!("article without text")))?;
        return notice(r, route, lang, &doc.title, (Route::News { page: 1 }, "nav_news"));
    };
    let mut base = r.base(route, lang, doc.title.clone(), doc.description.clone());
    base.draft = doc.draft;
    base.extra = super::theme_api::extra(site, Some(doc));
    if let Some(share) = r.chosen_share(a.image.as_deref()) {
        base.share_image = share;
    }
    let neighbour = |j: usize| {
        let other = &site.news[j];
        other.doc.any(lang).map(|(d, l)| Link {
            href: r.link(&base, &Route::Article { slug: &other.slug }, l),
            label: d.title.clone(),
        })
    };
    let mut units: Vec<UnitLink> = a.units.iter().map(|&u| r.unit_link(&base, lang, u)).collect();
    super::sort_links(&mut units);
    let ctx = ArticleCtx {
        date: format::date(a.date, lang),
        iso: a.date.to_string(),
        body: r.body(doc, lang, &base.root)?,
        toc: &doc.toc,
        tags: doc
            .tags
            .iter()
            .map(|t| Link {
                href: r.link(&base, &Route::Tag { slug: &crate::model::tag_slug(t), page: 1 }, lang),
                label: t.clone(),
            })
            .collect(),
        units,
        sources: &a.sources,
        // The list is newest first: the next (newer) article is the one before.
        prev: (i + 1 < site.news.len()).then(|| neighbour(i + 1)).flatten(),
        next: i.checked_sub(1).and_then(neighbour),
        news_href: r.link(&base, &Route::News { page: 1 }, lang),
        base,
    };
    r.render("article.html", &ctx)
}

/// A section's title in `lang` (its `_index.md`'s, else the theme's `title_key`) and the
/// HTML of its introduction (empty without one); never the other language's.
pub(super) fn section_text<'a>(r: &Renderer<'a>, section: &str, lang: Lang, title_key: &str) -> (String, String) {
    let text = r.site.sections.get(section);
    let own = |t: &'a crate::i18n::Text| if lang == Lang::En { t.en.as_str() } else { t.vi.as_str() };
    let title = text.map(|t| own(&t.title)).filter(|t| !t.is_empty());
    let intro = super::texts::intro(text.and_then(|t| t.text.get(lang)));
    (title.map_or_else(|| r.t(lang, title_key).to_string(), str::to_string), intro)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_boundaries() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(1), 1);
        assert_eq!(page_count(10), 1);
        assert_eq!(page_count(11), 2);
        assert_eq!(page_count(20), 2);
        assert_eq!(page_count(21), 3);
    }

    #[test]
    fn root_marker_is_replaced() {
        assert_eq!(with_root(&format!("<a href=\"{ROOT}tin-tuc/a/\">"), "../../"), "<a href=\"../../tin-tuc/a/\">");
    }
}
