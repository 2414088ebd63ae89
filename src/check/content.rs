//! Checks the Markdown content (news, exemplary models, pages, movement pages): front matter
//! fields and types, dates, unit ids, translations, internal links and shortcodes, and turns it
//! into the model's articles, honours and pages. Every problem carries its file and line.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
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
use doc::{check_doc, share_image};

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewsFront {
    title: String,
    date: FrontDate,
    #[serde(default)]
    description: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    units: Vec<String>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    draft: bool,
    /// The theme's own fields, passed to templates as `extra` (over the site's `[extra]`).
    #[serde(default)]
    extra: toml::Table,
    /// The share image: a file of static/.
    #[serde(default)]
    image: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFront {
    title: String,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    organisation: String,
    kind: String,
    #[serde(default)]
    person: String,
    content: String,
    award: String,
    decision: String,
    decision_date: FrontDate,
    year: i64,
    phase: i64,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    draft: bool,
    /// The theme's own fields, passed to templates as `extra` (over the site's `[extra]`).
    #[serde(default)]
    extra: toml::Table,
    /// The share image: a file of static/.
    #[serde(default)]
    image: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PageFront {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    draft: bool,
    /// The theme's own fields, passed to templates as `extra` (over the site's `[extra]`).
    #[serde(default)]
    extra: toml::Table,
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
    ordered.sort_by_key(|d| (d.lang_en, d.file.clone()));
    for raw in ordered {
        let lang = lang_of(raw);
        match raw.section.as_str() {
            "news" => {
                let Ok(f) = typed::<NewsFront>(raw, "title, date, description, tags, units, sources, draft, image")
                    .map_err(|d| diags.push(d))
                else {
                    continue;
                };
                if f.draft && !inp.config.publish.drafts {
                    continue;
                }
                let d = date(raw, "date", &f.date.text(), diags);
                if d.is_some_and(|d| held_back(raw, d.day, inp, diags)) {
                    continue;
                }
                if f.tags.len() > MAX_TAGS {
                    diags.push(
                        Diagnostic::error(
                            &raw.file,
                            key_line(raw, "tags"),
                            crate::tr!("{n} tags; an article has at most {max}", n = f.tags.len(), max = MAX_TAGS),
                        )
                        .hint(crate::tr!("keep the few tags a reader would look for; every tag has pages of its own")),
                    );
                }
                if let Some(t) = f.tags.iter().find(|t| t.chars().count() > MAX_TAG_CHARS) {
                    diags.push(
                        Diagnostic::error(
                            &raw.file,
                            key_line(raw, "tags"),
                            crate::tr!(
                                "tag `{tag}…` is longer than {max} characters",
                                tag = t.chars().take(20).collect::<String>(),
                                max = MAX_TAG_CHARS
                            ),
                        )
                        .hint(crate::tr!("a tag is a word or two, e.g. \"chính quyền số\"")),
                    );
                }
                if let Some(t) = f.tags.iter().find(|t| !t.trim().is_empty() && model::tag_slug(t).is_empty()) {
                    diags.push(
                        Diagnostic::error(
                            &raw.file,
                            key_line(raw, "tags"),
                            crate::tr!("tag `{t}` has no letter or digit", t),
                        )
                        .hint(crate::tr!("a tag's page is named after its letters and digits: write a word")),
                    );
                }
                check_sources(raw, &f.sources, diags);
                let units = unit_ids(raw, "units", &f.units, inp, diags);
                let mut doc = check_doc(raw, lang, f.title, f.description, f.tags, inp, present, diags);
                doc.draft = f.draft;
                doc.extra = f.extra;
                let entry = news.entry(raw.stem.clone()).or_default();
                match (&entry.0, d) {
                    (None, Some(d)) => {
                        entry.0 = Some(Article {
                            slug: raw.stem.clone(),
                            date: d.day,
                            instant: d.instant,
                            units,
                            sources: f.sources,
                            doc: Localized::default(),
                            image: share_image(raw, f.image.as_deref(), inp, diags),
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
            "models" => {
                let fields = "title, unit, organisation, kind, person, content, award, decision, decision_date, year, phase, sources, description, draft, image";
                let Ok(f) = typed::<ModelFront>(raw, fields).map_err(|d| diags.push(d)) else { continue };
                if f.draft && !inp.config.publish.drafts {
                    continue;
                }
                let unit =
                    f.unit.as_ref().and_then(|u| unit_ids(raw, "unit", std::slice::from_ref(u), inp, diags).pop());
                let content = model::Content::from_key(&f.content);
                if content.is_none() {
                    diags.push(
                        Diagnostic::error(
                            &raw.file,
                            key_line(raw, "content"),
                            crate::tr!("content `{content}` is not a competition content", content = f.content),
                        )
                        .hint(crate::tr!(
                            "write one of: {model}",
                            model = model::Content::keys().collect::<Vec<_>>().join(", ")
                        )),
                    );
                }
                let award = Award::from_key(&f.award);
                if award.is_none() {
                    diags.push(
                        Diagnostic::error(
                            &raw.file,
                            key_line(raw, "award"),
                            crate::tr!("award `{award}` is not an award form", award = f.award),
                        )
                        .hint(crate::tr!("write one of: {list}", list = Award::keys().collect::<Vec<_>>().join(", "))),
                    );
                }
                let individual = match f.kind.as_str() {
                    "individual" => true,
                    "collective" => false,
                    other => {
                        diags.push(
                            Diagnostic::error(
                                &raw.file,
                                key_line(raw, "kind"),
                                crate::tr!("kind `{other}` is not collective or individual", other),
                            )
                            .hint(crate::tr!("write kind = \"collective\" or kind = \"individual\"")),
                        );
                        false
                    }
                };
                let phase = Phase::from_number(f.phase);
                if phase.is_none() {
                    diags.push(
                        Diagnostic::error(
                            &raw.file,
                            key_line(raw, "phase"),
                            crate::tr!("phase {phase} is not 1 or 2", phase = f.phase),
                        )
                        .hint(crate::tr!("phase 1 is 2025–2027, phase 2 is 2027–2030")),
                    );
                }
                if !(2000..=2100).contains(&f.year) {
                    diags.push(
                        Diagnostic::error(
                            &raw.file,
                            key_line(raw, "year"),
                            crate::tr!("year {year} is not plausible", year = f.year),
                        )
                        .hint(crate::tr!("write the year of the honour, e.g. 2025")),
                    );
                }
                check_sources(raw, &f.sources, diags);
                let d = date(raw, "decision_date", &f.decision_date.text(), diags).map(|d| d.day);
                let mut doc = check_doc(raw, lang, f.title, f.description, Vec::new(), inp, present, diags);
                doc.draft = f.draft;
                doc.extra = f.extra;
                let text = HonourText { doc, organisation: f.organisation, person: f.person, decision: f.decision };
                let entry = honours.entry(raw.stem.clone()).or_default();
                if let (None, Some(d), Some(content), Some(award)) = (&entry.0, d, content, award) {
                    entry.0 = Some(Honour {
                        slug: raw.stem.clone(),
                        unit,
                        individual,
                        content,
                        award,
                        decision_date: d,
                        year: f.year as i32,
                        phase: phase.unwrap_or(Phase::First),
                        sources: f.sources,
                        text: Localized::default(),
                        image: share_image(raw, f.image.as_deref(), inp, diags),
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
            "pages" | "movement" => {
                let Ok(f) = typed::<PageFront>(raw, "title, description, draft").map_err(|d| diags.push(d)) else {
                    continue;
                };
                if f.draft && !inp.config.publish.drafts {
                    continue;
                }
                let mut doc = check_doc(raw, lang, f.title, f.description, Vec::new(), inp, present, diags);
                doc.draft = f.draft;
                doc.extra = f.extra;
                pages.entry((raw.section.clone(), raw.stem.clone())).or_default().set(lang, doc);
            }
            _ => {}
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
