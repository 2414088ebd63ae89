//! "Cite this": the citation of an edition, an indicator or a unit page in the page language,
//! as plain text and as BibTeX, naming the publisher, the decision, the date of publication,
//! the permalink and the day the site was built.

use serde::Serialize;

use crate::format;
use crate::i18n::Lang;
use crate::model::{Edition, Index, Site};

#[derive(Serialize, Debug, Clone, PartialEq)]
pub(super) struct Cite {
    pub text: String,
    pub bibtex: String,
    /// A page-unique id prefix for the two blocks.
    pub id: String,
}

fn bib_escape(s: &str) -> String {
    s.replace('\\', "\\textbackslash{}").replace('{', "\\{").replace('}', "\\}").replace('%', "\\%").replace('&', "\\&")
}

/// Citation of one edition (or of one indicator of it when `indicator` is given).
pub(super) fn edition(
    site: &Site,
    index: &Index,
    ed: &Edition,
    indicator: Option<&str>,
    permalink: &str,
    lang: Lang,
) -> Cite {
    let publisher = ed.publisher.get(lang);
    let label = ed.label.get(lang);
    let mut title = format!("{} {}", index.name.get(lang), ed.year);
    if !label.is_empty() {
        title.push_str(&format!(" — {label}"));
    }
    if let Some(ind) = indicator {
        title = format!("{ind}. {title}");
    }
    let published = format::published(ed.published, ed.published_precision, lang);
    let day = ed.published_precision == crate::model::DatePrecision::Day;
    let built = format::date(site.build_date, lang);
    let site_title = site.config.title.get(lang);
    let text = match lang {
        Lang::Vi => format!(
            "{publisher} ({}). {title}. {}, {} {published}. Trích từ {site_title}: {permalink} (bản dựng ngày {built}).",
            ed.published.format("%Y"),
            ed.decision,
            if day { "công bố ngày" } else { "công bố" }
        ),
        Lang::En => format!(
            "{publisher} ({}). {title}. {}, published {published}. Retrieved from {site_title}: {permalink} (built {built}).",
            ed.published.format("%Y"),
            ed.decision
        ),
    };
    let key = match indicator {
        Some(_) => format!("{}-{}-{}", index.key, ed.key, crate::model::slugify(title.split('.').next().unwrap_or(""))),
        None => format!("{}-{}", index.key, ed.key),
    };
    let bibtex = format!(
        "@misc{{{key},\n  author = {{{{{}}}}},\n  title = {{{{{}}}}},\n  year = {{{}}},\n  note = {{{}, {} {}}},\n  howpublished = {{\\url{{{permalink}}}}},\n  urldate = {{{}}}\n}}",
        bib_escape(publisher),
        bib_escape(&title),
        ed.published.format("%Y"),
        bib_escape(&ed.decision),
        match (lang, day) {
            (Lang::Vi, true) => "công bố ngày",
            (Lang::Vi, false) => "công bố",
            (Lang::En, _) => "published",
        },
        published,
        site.build_date
    );
    Cite { text, bibtex, id: "cite".into() }
}

/// The citation with the licence of the data named at its end (text and BibTeX).
pub(super) fn with_license(mut c: Cite, license: Option<&crate::config::License>, lang: Lang) -> Cite {
    if let Some(l) = license {
        let word = match lang {
            Lang::Vi => "Giấy phép dữ liệu",
            Lang::En => "Data licence",
        };
        c.text.push_str(&format!(" {word}: {} ({}).", l.name, l.url));
        if let Some(at) = c.bibtex.rfind("\n}") {
            c.bibtex.insert_str(at, &format!(",\n  license = {{{}}}", bib_escape(&l.id)));
        }
    }
    c
}

/// Citation of a unit's page on this site.
pub(super) fn unit(site: &Site, name: &str, permalink: &str, lang: Lang) -> Cite {
    let built = format::date(site.build_date, lang);
    let site_title = site.config.title.get(lang);
    let title = match lang {
        Lang::Vi => format!("{name}: lịch sử xếp hạng"),
        Lang::En => format!("{name}: ranking history"),
    };
    let text = match lang {
        Lang::Vi => format!("{site_title} ({}). {title}. {permalink} (bản dựng ngày {built}). Số liệu theo các nguồn chính thức nêu trên trang.", site.build_date.format("%Y")),
        Lang::En => format!("{site_title} ({}). {title}. {permalink} (built {built}). Figures from the official sources named on the page.", site.build_date.format("%Y")),
    };
    let bibtex = format!(
        "@misc{{{},\n  author = {{{{{}}}}},\n  title = {{{{{}}}}},\n  year = {{{}}},\n  howpublished = {{\\url{{{permalink}}}}},\n  urldate = {{{}}}\n}}",
        crate::model::slugify(name),
        bib_escape(site_title),
        bib_escape(&title),
        site.build_date.format("%Y"),
        site.build_date
    );
    Cite { text, bibtex, id: "cite".into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bibtex_special_characters_are_escaped() {
        assert_eq!(bib_escape("A & B {x} 50%"), "A \\& B \\{x\\} 50\\%");
    }
}
