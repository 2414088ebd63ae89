//! The URL scheme of DESIGN.md: where each page lives in each language, and how one page
//! links to another with relative links so that the site works from any sub-folder.

use crate::i18n::Lang;

/// A page of the site, independent of language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route<'a> {
    Home,
    Rankings,
    Edition {
        index: &'a str,
        key: &'a str,
    },
    Indicator {
        index: &'a str,
        key: &'a str,
        indicator: &'a str,
    },
    Units,
    Unit {
        slug: &'a str,
    },
    /// News list, page `page` (1-based).
    News {
        page: usize,
    },
    /// A tag's articles, page `page` (1-based).
    Tag {
        slug: &'a str,
        page: usize,
    },
    Article {
        slug: &'a str,
    },
    Models,
    Honour {
        slug: &'a str,
    },
    /// The movement: its seven contents and two phases.
    Movement,
    MovementPage {
        key: &'a str,
    },
    Page {
        slug: &'a str,
    },
    Data,
    Search,
    NotFound,
    /// The movement's targets: status of each, by content and by phase.
    Targets,
    Target {
        key: &'a str,
    },
}

/// The site's sections as the navigation lists them, with the UI string naming each.
pub(crate) const SECTIONS: [(Route<'static>, &str); 9] = [
    (Route::Home, "nav_home"),
    (Route::Rankings, "nav_rankings"),
    (Route::Units, "nav_units"),
    (Route::Models, "nav_models"),
    (Route::News { page: 1 }, "nav_news"),
    (Route::Movement, "nav_movement"),
    (Route::Targets, "nav_targets"),
    (Route::Data, "nav_data"),
    (Route::Search, "nav_search"),
];

/// A section's folder name in each language.
fn section(lang: Lang, vi: &'static str, en: &'static str) -> String {
    match lang {
        Lang::Vi => format!("{vi}/"),
        Lang::En => format!("en/{en}/"),
    }
}

impl<'a> Route<'a> {
    /// Path of the page's folder below the site root: `""`, `en/`, `xep-hang/dti-tinh/2022/`.
    pub fn path(&self, lang: Lang) -> String {
        match self {
            Route::Home => match lang {
                Lang::Vi => String::new(),
                Lang::En => "en/".into(),
            },
            Route::Rankings => section(lang, "xep-hang", "rankings"),
            Route::Edition { index, key } => format!("{}{index}/{key}/", section(lang, "xep-hang", "rankings")),
            Route::Indicator { index, key, indicator } => {
                format!("{}{index}/{key}/{indicator}/", section(lang, "xep-hang", "rankings"))
            }
            Route::Units => section(lang, "dia-phuong", "units"),
            Route::Unit { slug } => format!("{}{slug}/", section(lang, "dia-phuong", "units")),
            Route::News { page: 0 | 1 } => section(lang, "tin-tuc", "news"),
            Route::News { page } => match lang {
                Lang::Vi => format!("tin-tuc/trang/{page}/"),
                Lang::En => format!("en/news/page/{page}/"),
            },
            Route::Tag { slug, page: 0 | 1 } => match lang {
                Lang::Vi => format!("tin-tuc/the/{slug}/"),
                Lang::En => format!("en/news/tags/{slug}/"),
            },
            Route::Tag { slug, page } => match lang {
                Lang::Vi => format!("tin-tuc/the/{slug}/trang/{page}/"),
                Lang::En => format!("en/news/tags/{slug}/page/{page}/"),
            },
            Route::Article { slug } => format!("{}{slug}/", section(lang, "tin-tuc", "news")),
            Route::Models => section(lang, "dien-hinh", "models"),
            Route::Honour { slug } => format!("{}{slug}/", section(lang, "dien-hinh", "models")),
            Route::Movement => section(lang, "phong-trao", "movement"),
            Route::MovementPage { key } => format!("{}{key}/", section(lang, "phong-trao", "movement")),
            Route::Page { slug } => format!("{}{slug}/", section(lang, "trang", "pages")),
            Route::Data => section(lang, "du-lieu", "data"),
            Route::Search => section(lang, "tim-kiem", "search"),
            Route::NotFound => "404.html".into(),
            Route::Targets => section(lang, "muc-tieu", "targets"),
            Route::Target { key } => format!("{}{key}/", section(lang, "muc-tieu", "targets")),
        }
    }

    /// The same page in the other language. Tags are words of one language, so a tag page's
    /// counterpart is the other language's news list.
    pub fn counterpart(&self) -> Route<'a> {
        match self {
            Route::Tag { .. } => Route::News { page: 1 },
            other => other.clone(),
        }
    }

    /// The file the page is written to.
    pub fn file(&self, lang: Lang) -> String {
        match self {
            Route::NotFound => "404.html".into(),
            _ => format!("{}index.html", self.path(lang)),
        }
    }
}

/// The relative prefix that leads from a page's folder back to the site root:
/// `./` at the root, `../../` two folders down.
pub(crate) fn root_from(path: &str) -> String {
    let depth = path.matches('/').count();
    if depth == 0 {
        "./".into()
    } else {
        "../".repeat(depth)
    }
}

/// The Atom feed of a language's news.
pub(crate) fn feed(lang: Lang) -> String {
    format!("{}atom.xml", section(lang, "tin-tuc", "news"))
}

/// Path of a downloadable file of the targets (`targets.csv`, `target-reports.csv`,
/// `targets.json`), shared by both languages.
pub(crate) fn targets_data(name: &str) -> String {
    format!("du-lieu/{name}")
}

/// Path of an edition's downloadable data file (`csv` or `json`), shared by both languages.
pub(crate) fn edition_data(index: &str, key: &str, ext: &str) -> String {
    format!("xep-hang/{index}/{key}/{index}-{key}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localized_paths() {
        let e = Route::Edition { index: "dti-tinh", key: "2022" };
        assert_eq!(e.path(Lang::Vi), "xep-hang/dti-tinh/2022/");
        assert_eq!(e.path(Lang::En), "en/rankings/dti-tinh/2022/");
        assert_eq!(Route::Unit { slug: "da-nang" }.path(Lang::En), "en/units/da-nang/");
        assert_eq!(Route::Home.file(Lang::Vi), "index.html");
        assert_eq!(Route::Home.file(Lang::En), "en/index.html");
        assert_eq!(Route::News { page: 1 }.path(Lang::Vi), "tin-tuc/");
        assert_eq!(Route::News { page: 2 }.path(Lang::En), "en/news/page/2/");
        assert_eq!(Route::Tag { slug: "dti", page: 1 }.path(Lang::Vi), "tin-tuc/the/dti/");
        assert_eq!(Route::Tag { slug: "dti", page: 3 }.path(Lang::Vi), "tin-tuc/the/dti/trang/3/");
        assert_eq!(Route::Tag { slug: "dti", page: 2 }.path(Lang::En), "en/news/tags/dti/page/2/");
        assert_eq!(Route::Honour { slug: "x" }.path(Lang::En), "en/models/x/");
        assert_eq!(Route::MovementPage { key: "phase-1" }.path(Lang::Vi), "phong-trao/phase-1/");
        assert_eq!(feed(Lang::En), "en/news/atom.xml");
        assert_eq!(Route::Targets.path(Lang::Vi), "muc-tieu/");
        assert_eq!(Route::Target { key: "nq57-rd-2pct-gdp-2030" }.path(Lang::En), "en/targets/nq57-rd-2pct-gdp-2030/");
    }

    #[test]
    fn relative_root() {
        assert_eq!(root_from(""), "./");
        assert_eq!(root_from("en/"), "../");
        assert_eq!(root_from("xep-hang/dti-tinh/2022/"), "../../../");
    }
}
