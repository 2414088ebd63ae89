//! One document checked alone, apart from its translation: its front matter read into its
//! typed fields and checked, its text checked into the model's `Doc`. Documents are checked
//! side by side; [`super::check_with`] then pairs each with its translation.

use super::*;

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

/// What one document checks into.
pub(super) enum Checked {
    /// Not published: a draft, a news item dated after the build, or unreadable front matter
    /// (its problem is reported).
    Skip,
    News {
        day: Option<super::super::front_date::Dated>,
        units: Vec<usize>,
        sources: Vec<String>,
        image: Option<String>,
        doc: Doc,
    },
    Honour(Box<HonourChecked>),
    Page(Doc),
}

/// An exemplary model's fields, each `None` where the front matter's value is not one the model
/// knows (its problem is reported).
pub(super) struct HonourChecked {
    pub unit: Option<usize>,
    pub individual: bool,
    pub content: Option<model::Content>,
    pub award: Option<Award>,
    pub phase: Option<Phase>,
    pub year: i64,
    pub day: Option<NaiveDate>,
    pub sources: Vec<String>,
    pub image: Option<String>,
    pub text: HonourText,
}

/// Checks `raw` alone: what it checks into, and its problems.
pub(super) fn check_one(raw: &RawDoc, present: &BTreeSet<(String, String)>, inp: &Inputs) -> (Checked, Diagnostics) {
    let mut diags = Diagnostics::default();
    let checked = check_into(raw, present, inp, &mut diags);
    (checked, diags)
}

fn check_into(raw: &RawDoc, present: &BTreeSet<(String, String)>, inp: &Inputs, diags: &mut Diagnostics) -> Checked {
    let lang = lang_of(raw);
    match raw.section.as_str() {
        "news" => {
            let Ok(f) = typed::<NewsFront>(raw, "title, date, description, tags, units, sources, draft, image")
                .map_err(|d| diags.push(d))
            else {
                return Checked::Skip;
            };
            if f.draft && !inp.config.publish.drafts {
                return Checked::Skip;
            }
            let d = date(raw, "date", &f.date.text(), diags);
            if d.is_some_and(|d| held_back(raw, d.day, inp, diags)) {
                return Checked::Skip;
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
            Checked::News { day: d, units, sources: f.sources, image: f.image, doc }
        }
        "models" => {
            let fields = "title, unit, organisation, kind, person, content, award, decision, decision_date, year, phase, sources, description, draft, image";
            let Ok(f) = typed::<ModelFront>(raw, fields).map_err(|d| diags.push(d)) else { return Checked::Skip };
            if f.draft && !inp.config.publish.drafts {
                return Checked::Skip;
            }
            let unit = f.unit.as_ref().and_then(|u| unit_ids(raw, "unit", std::slice::from_ref(u), inp, diags).pop());
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
            Checked::Honour(Box::new(HonourChecked {
                unit,
                individual,
                content,
                award,
                phase,
                year: f.year,
                day: d,
                sources: f.sources,
                image: f.image,
                text,
            }))
        }
        "pages" | "movement" => {
            let Ok(f) = typed::<PageFront>(raw, "title, description, draft").map_err(|d| diags.push(d)) else {
                return Checked::Skip;
            };
            if f.draft && !inp.config.publish.drafts {
                return Checked::Skip;
            }
            let mut doc = check_doc(raw, lang, f.title, f.description, Vec::new(), inp, present, diags);
            doc.draft = f.draft;
            doc.extra = f.extra;
            Checked::Page(doc)
        }
        _ => Checked::Skip,
    }
}
