//! Checks the Markdown content (news, exemplary models, pages, movement pages): front matter
//! fields and types, dates, unit ids, translations, internal links and shortcodes, and turns it
//! into the model's articles, honours and pages. Every problem carries its file and line.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::Lang;
use crate::load::{FrontMatter, RawDoc};
use crate::markdown::{self, Source};
use crate::model::{self, movement_keys, Article, Award, Doc, Honour, HonourText, Index, Localized, Page, Phase, Unit};
use crate::routes::Route;
use crate::shortcodes;

mod doc;
mod each;
use doc::{check_doc, share_image};
use each::{Checked, HonourChecked};

/// The checked content.
#[derive(Debug, Default)]
pub(crate) struct Content {
    pub news: Vec<Article>,
    pub honours: Vec<Honour>,
    pub pages: Vec<Page>,
    pub movement: Vec<Page>,
    /// Every document as (section, stem), drafts included: what `@/` links may name.
    pub documents: BTreeSet<(String, String)>,
}

/// What content is checked against.
pub(crate) struct Inputs<'a> {
    pub config: &'a Config,
    pub units: &'a [Unit],
    pub by_id: &'a HashMap<String, usize>,
    pub indices: &'a [Index],
    /// The paths of the site's own `static/` files (what `/images/x.png` may name).
    pub statics: &'a BTreeSet<String>,
    /// The day of the build: news dated after it are held back unless `--future`.
    pub build_date: NaiveDate,
    /// The header of each of the site's pictures (`images/x.jpg`), or why it cannot be read.
    pub probes: &'a BTreeMap<String, Result<crate::images::Probe, String>>,
}

/// Tags of one article at most: each tag has pages listing every tag.
pub(crate) const MAX_TAGS: usize = 20;

/// Characters of one tag at most.
pub(crate) const MAX_TAG_CHARS: usize = 60;

/// The route of a content document in a language.
pub(crate) fn route<'a>(section: &str, slug: &'a str) -> Option<Route<'a>> {
    Some(match section {
        "news" => Route::Article { slug },
        "models" => Route::Honour { slug },
        "pages" => Route::Page { slug },
        "movement" => Route::MovementPage { key: slug },
        _ => return None,
    })
}

fn lang_of(doc: &RawDoc) -> Lang {
    if doc.lang_en {
        Lang::En
    } else {
        Lang::Vi
    }
}

/// The file line on which a front matter field is written.
fn key_line(doc: &RawDoc, key: &str) -> Option<usize> {
    let text = match &doc.front {
        FrontMatter::Toml(t) | FrontMatter::Yaml(t) => t,
        FrontMatter::None => return None,
    };
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
        })
        .map(|i| i + 2)
}

/// Front matter deserialised straight into its struct, from TOML or YAML. A syntax error points
/// at its line; a wrong or unknown field at the line the field is written on.
fn typed<T: DeserializeOwned>(doc: &RawDoc, fields: &str) -> Result<T, Diagnostic> {
    use serde::de::IgnoredAny;
    super::front_matter_bounds(doc)?;
    // Syntax first (nothing is built), so that a broken line is blamed on its line, not a field.
    let (path, inner) = match &doc.front {
        FrontMatter::None => {
            return Err(Diagnostic::error(&doc.file, Some(1), crate::tr!("front matter is missing"))
                .hint(crate::tr!("start the file with +++, the fields (title = \"…\", …), and +++")))
        }
        FrontMatter::Toml(t) => {
            if let Err(e) = toml::from_str::<IgnoredAny>(t) {
                let mut d = crate::diag::toml_error(&doc.file, t, &e);
                d.line = d.line.map(|l| l + 1);
                return Err(d);
            }
            match serde_path_to_error::deserialize(toml::Deserializer::new(t)) {
                Ok(v) => return Ok(v),
                Err(e) => (e.path().to_string(), e.into_inner().message().trim().to_string()),
            }
        }
        FrontMatter::Yaml(y) => {
            if let Err(e) = serde_norway::from_str::<IgnoredAny>(y) {
                let line = e.location().map(|l| l.line() + 1);
                return Err(Diagnostic::error(&doc.file, line, crate::tr!("invalid YAML: {e}", e))
                    .hint(crate::tr!("check the indentation and the `key: value` lines")));
            }
            match serde_path_to_error::deserialize(serde_norway::Deserializer::from_str(y)) {
                Ok(v) => return Ok(v),
                Err(e) => (e.path().to_string(), e.into_inner().to_string()),
            }
        }
    };
    let key = inner.split('`').nth(1).filter(|_| inner.starts_with("unknown field")).unwrap_or(&path).to_string();
    let key = key.split(['[', '.']).next().unwrap_or("").to_string();
    let line = key_line(doc, &key).or(Some(1));
    let msg = if path == "." || path.is_empty() || inner.starts_with("unknown field") {
        inner
    } else {
        format!("`{path}`: {inner}")
    };
    Err(Diagnostic::error(&doc.file, line, crate::tr!("front matter: {msg}", msg))
        .hint(crate::tr!("the fields here are: {fields}", fields)))
}

/// A date as front matter writes it: a TOML date (`date = 2025-04-24`) or a string.
#[derive(Deserialize)]
#[serde(untagged)]
enum FrontDate {
    Text(String),
    Toml(toml::value::Datetime),
}

impl FrontDate {
    fn text(&self) -> String {
        match self {
            FrontDate::Text(s) => s.clone(),
            FrontDate::Toml(d) => d.to_string(),
        }
    }
}

fn date(doc: &RawDoc, key: &str, s: &str, diags: &mut Diagnostics) -> Option<super::front_date::Dated> {
    let d = super::front_date::parse(s);
    if d.is_none() {
        diags.push(
            Diagnostic::error(&doc.file, key_line(doc, key), crate::tr!("`{key}` `{s}` is not a date", key, s)).hint(
                crate::tr!(
                    "write dates as YYYY-MM-DD, e.g. 2025-04-24, or with a time, e.g. 2025-04-24T09:00:00+07:00"
                ),
            ),
        );
    }
    d
}

/// A news article dated after the day of the build: held back (with a warning naming it)
/// unless `--future` asks for it.
fn held_back(doc: &RawDoc, day: NaiveDate, inp: &Inputs, diags: &mut Diagnostics) -> bool {
    if inp.config.publish.future || day <= inp.build_date {
        return false;
    }
    diags.push(
        Diagnostic::warning(
            &doc.file,
            key_line(doc, "date"),
            crate::tr!(
                "dated {day}, after the day of the build ({build_date}): not published yet",
                day,
                build_date = inp.build_date
            ),
        )
        .hint(crate::tr!("it is published by the first build on or after its date; `--future` publishes it now")),
    );
    true
}

fn check_sources(doc: &RawDoc, sources: &[String], diags: &mut Diagnostics) {
    for s in sources {
        if !(s.starts_with("https://") || s.starts_with("http://")) || s.contains(char::is_whitespace) {
            diags.push(
                Diagnostic::error(
                    &doc.file,
                    key_line(doc, "sources"),
                    crate::tr!("source `{s}` is not an http(s) address", s),
                )
                .hint(crate::tr!("write the full address of the source, starting with https://")),
            );
        }
    }
}

fn unit_ids(doc: &RawDoc, key: &str, ids: &[String], inp: &Inputs, diags: &mut Diagnostics) -> Vec<usize> {
    let mut out = Vec::new();
    for id in ids {
        match inp.by_id.get(id) {
            Some(&u) => out.push(u),
            None => diags.push(
                Diagnostic::error(&doc.file, key_line(doc, key), crate::tr!("unknown unit `{id}`", id))
                    .hint(crate::tr!("use an id from data/units.csv")),
            ),
        }
    }
    out
}

/// Checks every document and builds the content of the site.
pub(crate) fn check(docs: &[RawDoc], inp: &Inputs, diags: &mut Diagnostics) -> Content {
    let present: BTreeSet<(String, String)> = docs.iter().map(|d| (d.section.clone(), d.stem.clone())).collect();
    let mut content = check_with(docs, &present, inp, diags);
    content.documents = present;
    content
}

/// Checks `docs`, some of the site's documents, with `present` naming every document of the
/// site (drafts included) for the `@/` links; `serve` uses it for the documents an edit changed.
pub(crate) fn check_with(
    docs: &[RawDoc],
    present: &BTreeSet<(String, String)>,
    inp: &Inputs,
    diags: &mut Diagnostics,
) -> Content {
    for doc in docs {
        if !model::is_slug(&doc.stem) {
            diags.push(
                Diagnostic::error(
                    &doc.file,
                    None,
                    crate::tr!("file name `{stem}` is not made of a-z, 0-9 and -", stem = doc.stem),
                )
                .hint(crate::tr!("the file name is the page's URL: rename it in lower-case ASCII with dashes")),
            );
        }
        if doc.section == "movement" && !movement_keys().any(|k| k == doc.stem) {
            diags.push(
                Diagnostic::error(
                    &doc.file,
                    None,
                    crate::tr!("`{stem}` is not a competition content or phase", stem = doc.stem),
                )
                .hint(crate::tr!(
                    "movement pages are named after one of: {movement_keys}",
                    movement_keys = movement_keys().collect::<Vec<_>>().join(", ")
                )),
            );
        }
    }
    let mut news: BTreeMap<String, (Option<Article>, Localized<Doc>)> = BTreeMap::new();
    let mut honours: BTreeMap<String, (Option<Honour>, Localized<HonourText>)> = BTreeMap::new();
    let mut pages: BTreeMap<(String, String), Localized<Doc>> = BTreeMap::new();
    // Vietnamese first, so that its language-neutral fields are the reference.
    let mut ordered: Vec<&RawDoc> = docs.iter().collect();
    ordered.sort_by(|a, b| (a.lang_en, &a.file).cmp(&(b.lang_en, &b.file)));
    let checked: Vec<(Checked, Diagnostics)> =
        ordered.par_iter().map(|raw| each::check_one(raw, present, inp)).collect();
    for (raw, (checked, problems)) in ordered.into_iter().zip(checked) {
        diags.extend(problems);
        let lang = lang_of(raw);
        match checked {
            Checked::Skip => {}
            Checked::News { day, units, sources, image, doc } => {
                let entry = news.entry(raw.stem.clone()).or_default();
                match (&entry.0, day) {
                    (None, Some(d)) => {
                        entry.0 = Some(Article {
                            slug: raw.stem.clone(),
                            date: d.day,
                            instant: d.instant,
                            units,
                            sources,
                            doc: Localized::default(),
                            image: share_image(raw, image.as_deref(), inp, diags),
                        });
                    }
                    (Some(a), Some(d)) if a.date != d.day => diags.push(
                        Diagnostic::error(
                            &raw.file,
                            key_line(raw, "date"),
                            crate::tr!(
                                "date {day} differs from the Vietnamese version's {date}",
                                day = d.day,
                                date = a.date
                            ),
                        )
                        .hint(crate::tr!("a translation has the same date as its original")),
                    ),
                    _ => {}
                }
                entry.1.set(lang, doc);
            }
            Checked::Honour(h) => {
                let HonourChecked { unit, individual, content, award, phase, year, day, sources, image, text } = *h;
                let entry = honours.entry(raw.stem.clone()).or_default();
                if let (None, Some(d), Some(content), Some(award)) = (&entry.0, day, content, award) {
                    entry.0 = Some(Honour {
                        slug: raw.stem.clone(),
                        unit,
                        individual,
                        content,
                        award,
                        decision_date: d,
                        year: year as i32,
                        phase: phase.unwrap_or(Phase::First),
                        sources,
                        text: Localized::default(),
                        image: share_image(raw, image.as_deref(), inp, diags),
                    });
                } else if let Some(h) = &entry.0 {
                    if content.is_some_and(|c| c != h.content) || award.is_some_and(|a| a != h.award) || unit != h.unit
                    {
                        diags.push(
                            Diagnostic::error(
                                &raw.file,
                                Some(1),
                                crate::tr!("unit, content or award differ from the Vietnamese version"),
                            )
                            .hint(crate::tr!("a translation has the same unit, content and award as its original")),
                        );
                    }
                }
                entry.1.set(lang, text);
            }
            Checked::Page(doc) => {
                pages.entry((raw.section.clone(), raw.stem.clone())).or_default().set(lang, doc);
            }
        }
    }
    let mut out = Content::default();
    for (_, (article, doc)) in news {
        if let Some(mut a) = article {
            a.doc = doc;
            out.news.push(a);
        }
    }
    out.news.sort_by(Article::newest_first);
    for (_, (honour, text)) in honours {
        if let Some(mut h) = honour {
            h.text = text;
            out.honours.push(h);
        }
    }
    out.honours.sort_by(|a, b| b.decision_date.cmp(&a.decision_date).then_with(|| a.slug.cmp(&b.slug)));
    for ((section, slug), doc) in pages {
        let page = Page { slug, doc };
        if section == "movement" {
            out.movement.push(page);
        } else {
            out.pages.push(page);
        }
    }
    out.movement.sort_by_key(|p| movement_keys().position(|k| k == p.slug));
    out
}
