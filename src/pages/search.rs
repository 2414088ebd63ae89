//! Search: a small per-language index written at build time (every title already folded, so
//! "da nang" finds "Đà Nẵng") and the search page, which without JavaScript lists every
//! section and unit instead.

use serde::Serialize;

use super::{Base, Link, OutFile, Renderer};
use crate::diag::Diagnostic;
use crate::i18n::{fold, Lang, Strings};
use crate::model::{Article, Site, UnitKind};
use crate::routes::Route;

/// One thing a reader can find.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Entry {
    /// Title as shown.
    pub t: String,
    /// Path below the site root.
    pub u: String,
    /// Kind, as shown beside the title.
    pub k: String,
    /// Folded title, matched first.
    pub f: String,
    /// Folded further words (other names, codes, region), matched after the title.
    pub x: String,
    /// The other names a reader may type for it, folded, each also without its spaces
    /// ("tp hcm", "sai gon", "hanoi"): an exact match ranks just after an exact title.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub a: Vec<String>,
}

/// A name folded for the index: no tones, lower case, punctuation as spaces, one space between
/// words (`TP. Hồ Chí Minh` → `tp ho chi minh`).
pub(crate) fn fold_words(s: &str) -> String {
    fold(s).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Every name of `names`, folded ([`fold_words`]) and also written without spaces, each once.
fn aliases(names: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        let f = fold_words(n);
        let tight: String = f.chars().filter(|c| *c != ' ').collect();
        for v in [f, tight] {
            if !v.is_empty() && !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

fn entry(
    strings: &Strings,
    lang: Lang,
    title: &str,
    route: &Route,
    in_lang: Lang,
    kind: &str,
    extra: &[&str],
) -> Entry {
    Entry {
        t: title.to_string(),
        u: route.path(in_lang),
        k: strings.get(lang, kind).to_string(),
        f: fold(title),
        x: fold(&extra.iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ")),
        a: Vec::new(),
    }
}

/// A language's index in three parts: what comes before the news, one entry per article (in
/// the order of the news; `None` for an article without a text to show), what comes after.
/// `serve` keeps it to replace one article's entry after an edit instead of making it again.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    lang: Lang,
    /// Units and editions.
    before: Vec<Entry>,
    honours: Vec<Entry>,
    news: Vec<Option<Entry>>,
    /// Movement pages and pages.
    after: Vec<Entry>,
}

/// The entry of an article in `lang`'s index.
fn article(strings: &Strings, lang: Lang, a: &Article) -> Option<Entry> {
    let (d, l) = a.doc.any(lang)?;
    let tags = d.tags.join(" ");
    Some(entry(strings, lang, &d.title, &Route::Article { slug: &a.slug }, l, "nav_news", &[&d.description, &tags]))
}

/// Puts `new` in place of `part`; whether it differs.
fn replaced(part: &mut Vec<Entry>, new: Vec<Entry>) -> bool {
    let changed = *part != new;
    *part = new;
    changed
}

/// The units' and editions' entries of `lang`'s index.
fn before_entries(site: &Site, strings: &Strings, lang: Lang) -> Vec<Entry> {
    let mut before = Vec::new();
    for u in &site.units {
        let kind = match u.kind {
            UnitKind::Province => "kind_province",
            UnitKind::Ministry => "kind_ministry",
            UnitKind::Commune => "kind_commune",
        };
        let former = u.former_codes.join(" ");
        let mut e = entry(
            strings,
            lang,
            u.name.get(lang),
            &Route::Unit { slug: &u.slug },
            lang,
            kind,
            &[u.name.get(lang.other()), &u.code, &former, u.region.get(lang), &u.id],
        );
        let mut names = vec![u.name.get(lang), u.name.get(lang.other())];
        names.extend(u.other_names.iter().map(String::as_str));
        e.a = aliases(&names);
        before.push(e);
    }
    for index in &site.indices {
        for ed in &index.editions {
            let label = ed.label.get(lang);
            let title = if label.is_empty() {
                format!("{} {}", index.short.get(lang), ed.year)
            } else {
                format!("{} {} — {label}", index.short.get(lang), ed.year)
            };
            before.push(entry(
                strings,
                lang,
                &title,
                &Route::Edition { index: &index.key, key: &ed.key },
                lang,
                "edition",
                &[index.name.get(lang), &ed.decision],
            ));
        }
    }
    before
}

/// The exemplary models' entries of `lang`'s index.
fn honour_entries(site: &Site, strings: &Strings, lang: Lang) -> Vec<Entry> {
    let mut out = Vec::new();
    for h in &site.honours {
        if let Some((t, l)) = h.text.any(lang) {
            out.push(entry(
                strings,
                lang,
                &t.doc.title,
                &Route::Honour { slug: &h.slug },
                l,
                "nav_models",
                &[&t.organisation, &t.person],
            ));
        }
    }
    out
}

/// The movement pages' and the pages' entries of `lang`'s index.
fn after_entries(site: &Site, strings: &Strings, lang: Lang) -> Vec<Entry> {
    let mut out = Vec::new();
    for key in crate::model::movement_keys() {
        let name_key = format!("content_{key}");
        let name = strings.get(lang, &name_key);
        out.push(entry(strings, lang, name, &Route::MovementPage { key }, lang, "nav_movement", &[]));
    }
    for p in &site.pages {
        if let Some((d, l)) = p.doc.any(lang) {
            out.push(entry(strings, lang, &d.title, &Route::Page { slug: &p.slug }, l, "page_word", &[&d.description]));
        }
    }
    out
}

impl Index {
    /// Both languages' indexes, made side by side.
    pub fn both(site: &Site, strings: &Strings) -> [Index; 2] {
        let (vi, en) = rayon::join(|| Index::new(site, strings, Lang::Vi), || Index::new(site, strings, Lang::En));
        [vi, en]
    }

    /// Every entry of a language's index, in the order results are shown on a tie.
    pub fn new(site: &Site, strings: &Strings, lang: Lang) -> Index {
        let before = before_entries(site, strings, lang);
        let news = site.news.iter().map(|a| article(strings, lang, a)).collect();
        let (honours, after) = (honour_entries(site, strings, lang), after_entries(site, strings, lang));
        Index { lang, before, honours, news, after }
    }

    /// After an edit of a data file: the units' and editions' entries made again. Whether they
    /// changed.
    pub fn refresh_data(&mut self, site: &Site, strings: &Strings) -> bool {
        replaced(&mut self.before, before_entries(site, strings, self.lang))
    }

    /// After an edit of a model: its entries made again. Whether they changed.
    pub fn refresh_honours(&mut self, site: &Site, strings: &Strings) -> bool {
        replaced(&mut self.honours, honour_entries(site, strings, self.lang))
    }

    /// After an edit of a page or a movement page: their entries made again. Whether they
    /// changed.
    pub fn refresh_pages(&mut self, site: &Site, strings: &Strings) -> bool {
        replaced(&mut self.after, after_entries(site, strings, self.lang))
    }

    /// After an edit of the article that was at `old` in the news and is now at `new`.
    pub fn update(&mut self, site: &Site, strings: &Strings, old: usize, new: usize) {
        self.removed(old);
        self.added(site, strings, new);
    }

    /// After a new article, now at `at` in the news.
    pub fn added(&mut self, site: &Site, strings: &Strings, at: usize) {
        self.news.insert(at, article(strings, self.lang, &site.news[at]));
    }

    /// After the article at `at` left the news.
    pub fn removed(&mut self, at: usize) {
        self.news.remove(at);
    }

    /// Every entry, in order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.before.iter().chain(&self.honours).chain(self.news.iter().flatten()).chain(self.after.iter())
    }

    /// The index file, beside the language's search page.
    pub fn file(&self) -> OutFile {
        struct All<'i>(&'i Index);
        impl Serialize for All<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.entries())
            }
        }
        let mut bytes = serde_json::to_vec(&All(self)).unwrap_or_default();
        bytes.push(b'\n');
        OutFile::new(Index::path(self.lang), bytes)
    }

    /// The path of `lang`'s index in the output.
    pub fn path(lang: Lang) -> String {
        format!("{}index.json", Route::Search.path(lang))
    }
}

#[derive(Serialize)]
struct SearchCtx<'a> {
    #[serde(flatten)]
    base: Base<'a>,
    index_href: String,
    sections: Vec<Link>,
    letters: Vec<super::search_az::Letter>,
}

pub(super) fn page(r: &Renderer, route: &Route, lang: Lang) -> Result<String, Diagnostic> {
    let site = r.site;
    let base = r.base(route, lang, r.t(lang, "search_title").to_string(), r.t(lang, "search_description").to_string());
    // Every section but home and search itself.
    let sections = crate::routes::SECTIONS
        .into_iter()
        .filter(|(route, _)| !matches!(route, Route::Home | Route::Search))
        .filter(|(route, _)| *route != Route::Targets || !site.targets.is_empty())
        .map(|(route, key)| Link { href: r.link(&base, &route, lang), label: r.t(lang, key).to_string() })
        .collect();
    let letters = super::search_az::letters(r, &base, lang);
    let ctx = SearchCtx { index_href: format!("{}{}index.json", base.root, route.path(lang)), sections, letters, base };
    r.render("search.html", &ctx)
}
