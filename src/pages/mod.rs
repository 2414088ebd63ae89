//! Every output file as a string, from the checked model: no I/O. Each page has one typed
//! context, borrowed from the model, rendered through the theme's Tera template.

mod catalog;
mod cells;
mod cite;
mod credit;
mod data;
pub(crate) mod datasets;
mod embed;
mod feeds;
mod footer;
mod honours;
mod indexes;
mod landing;
mod linked;
pub(crate) mod news;
mod package;
mod parallel;
mod pictures;
mod rankings;
mod schema;
mod tables;
mod theme_api;

pub(crate) mod search;
mod search_az;
mod targets;
mod texts;
mod units;

use cells::{delta_text, sort_links};

use std::sync::OnceLock;

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::format;
use crate::i18n::Lang;
use crate::model::{Row, Site};
pub(crate) use crate::output::OutFile;
use crate::routes::{self, root_from, Route};
use crate::theme::Theme;
use crate::timings::{time, Stage};
pub(crate) use data::{is_sitemap, is_sitemap_part};

/// What was rendered, for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub pages_vi: usize,
    pub pages_en: usize,
    pub data_files: usize,
    pub charts: usize,
}

/// Takes each rendered file as soon as it is made, on the rendering threads; the caller decides
/// what happens to it (checked and written, or only checked). Nothing is held here.
pub(crate) type Sink<'s> = dyn Fn(OutFile) -> Result<(), Diagnostic> + Sync + 's;

/// The theme's templates, ready to render.
pub struct Renderer<'a> {
    /// The checked site the pages show.
    pub site: &'a Site,
    /// The theme that draws them: templates, strings, font.
    pub theme: &'a Theme,
    /// The downloadable datasets, listed on the data page; made when first asked for.
    data: OnceLock<Vec<datasets::Dataset>>,
    /// Tags and who is about each unit, made when first asked for.
    indexes: OnceLock<indexes::Indexes>,
    /// Shown each template's context before it is rendered, when set.
    observer: Option<&'a Observer<'a>>,
    /// The documents' texts as HTML, each rendered once.
    texts: texts::Texts,
    /// Dataset files of the last build that `serve` knows to be the same, by path: taken
    /// instead of made again ([`Renderer::reusing`]).
    kept: std::sync::Mutex<std::collections::HashMap<String, OutFile>>,
}

/// Sees a template's name and context just before it is rendered (see [`Renderer::observed`]).
pub(crate) type Observer<'s> = dyn Fn(&str, &tera::Context) + Sync + 's;

/// One page to render: its route, language and what builds its context.
pub(crate) type Job<'a> = (Route<'a>, Lang, PageKind);

/// What builds a page's context: the page's kind and the positions it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    Home,
    Rankings,
    /// An index's landing page.
    IndexPage(usize),
    Edition(usize, usize),
    Indicator(usize, usize, usize),
    Units,
    Unit(usize),
    News(usize),
    /// Tag (by position in the language's tags), page.
    Tag(usize, usize),
    Article(usize),
    Models,
    Honour(usize),
    Movement,
    MovementPage(&'static str),
    Page(usize),
    Data,
    Search,
    NotFound,
    Targets,
    Target(usize),
}

/// Renders the whole site into `sink`: every page, then the files beside the pages. Returns the
/// counts, each language's search index and the datasets (which `serve` keeps).
pub(crate) fn render_all(
    site: &Site,
    theme: &Theme,
    progress: &crate::progress::Progress,
    sink: &Sink,
) -> Result<(Counts, [search::Index; 2], Vec<datasets::Dataset>), Diagnostics> {
    let r = Renderer::new(site, theme);
    let (counts, search) = r.render_all(progress, sink)?;
    Ok((counts, search, r.into_datasets().unwrap_or_default()))
}

impl<'a> Renderer<'a> {
    /// A renderer of `site` in `theme`; datasets and indexes are made when first needed.
    pub fn new(site: &'a Site, theme: &'a Theme) -> Self {
        Renderer {
            site,
            theme,
            data: OnceLock::new(),
            indexes: OnceLock::new(),
            observer: None,
            texts: texts::Texts::default(),
            kept: Default::default(),
        }
    }

    /// The same renderer taking these files of the last build (by path) instead of making them
    /// again when it makes the datasets: an edition's tables, an index's long and wide tables,
    /// a unit's history, which `serve` knows an edit of the data left as they were.
    pub(crate) fn reusing(self, files: std::collections::HashMap<String, OutFile>) -> Self {
        Renderer { kept: std::sync::Mutex::new(files), ..self }
    }

    /// The same renderer with the datasets already made (by a build of the same data files:
    /// `serve` keeps them, and refreshes those that show texts, [`datasets::refresh_texts`]).
    pub(crate) fn seeded(self, data: Vec<datasets::Dataset>) -> Self {
        // A new renderer's cell is empty: the set cannot fail.
        let _ = self.data.set(data);
        self
    }

    /// The datasets, when they were made or seeded: for `serve` to keep.
    pub(crate) fn into_datasets(self) -> Option<Vec<datasets::Dataset>> {
        self.data.into_inner()
    }

    /// The same renderer, showing `observer` each template's name and context just before it is
    /// rendered: for tests and theme tooling (which variables each template gets).
    pub fn observed(mut self, observer: &'a Observer<'a>) -> Self {
        self.observer = Some(observer);
        self
    }

    /// Renders the whole site into `sink`: see [`render_all`].
    pub fn render_all(
        &self,
        progress: &crate::progress::Progress,
        sink: &Sink,
    ) -> Result<(Counts, [search::Index; 2]), Diagnostics> {
        let (site, theme) = (self.site, self.theme);
        let jobs = self.jobs();
        progress.set_total(jobs.len());
        let mut counts = time(Stage::RenderPages, || self.render_pages(&jobs, progress, sink))?;
        let started = std::time::Instant::now();
        counts.data_files = self.datasets().len();
        let search = search::Index::both(site, &theme.strings);
        let diags = self.beside_pages(Some(&jobs), Some(&search), sink);
        if crate::timings::enabled() {
            crate::timings::add(Stage::SiteFiles, started.elapsed());
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok((counts, search))
    }

    /// Every file but the pages: the redirects of renamed units, the datasets, the files of
    /// [`Renderer::site_files`] (the sitemap of `jobs`, every page of the site, and the search
    /// indexes, when given), the pictures, the default share cards and the static files.
    pub fn beside_pages(&self, jobs: Option<&[Job]>, search: Option<&[search::Index; 2]>, sink: &Sink) -> Diagnostics {
        let (site, theme) = (self.site, self.theme);
        let mut diags = Diagnostics::default();
        match units::redirects(self) {
            Ok(files) => files.into_iter().for_each(|f| diags.push_err(sink(f))),
            Err(d) => diags.push(d),
        }
        diags.extend(self.site_files(jobs, search, sink));
        self.picture_files().into_iter().for_each(|f| diags.push_err(sink(f)));
        match self.default_cards() {
            Ok(files) => files.into_iter().for_each(|f| diags.push_err(sink(f))),
            Err(d) => diags.push(d),
        }
        for (path, bytes) in &theme.statics {
            diags.push_err(sink(OutFile::new(format!("assets/{path}"), bytes.clone())));
        }
        for (path, bytes) in &site.site_statics {
            diags.push_err(sink(OutFile::new(path.clone(), bytes.clone())));
        }
        diags
    }

    /// The downloadable datasets.
    pub fn datasets(&self) -> &[datasets::Dataset] {
        self.data.get_or_init(|| {
            let reuse = |path: &str| self.kept.lock().ok().and_then(|mut kept| kept.remove(path));
            let mut editions = Vec::new();
            for index in &self.site.indices {
                data::edition_files(self.site, index, &mut editions, &reuse);
            }
            let mut all = datasets::datasets(self.site, &editions, &reuse);
            all.extend(targets::data::datasets(self.site));
            all
        })
    }

    /// Every page of the site, Vietnamese first, the 404 page last.
    pub fn jobs(&self) -> Vec<Job<'_>> {
        let site = self.site;
        let mut kinds: Vec<(Lang, PageKind)> = Vec::new();
        for lang in Lang::ALL {
            let mut add = |k| kinds.push((lang, k));
            add(PageKind::Home);
            add(PageKind::Rankings);
            for (i, index) in site.indices.iter().enumerate() {
                add(PageKind::IndexPage(i));
                for (e, edition) in index.editions.iter().enumerate() {
                    add(PageKind::Edition(i, e));
                    for &k in &edition.indicators {
                        add(PageKind::Indicator(i, e, k));
                    }
                }
            }
            add(PageKind::Units);
            (0..site.units.len()).for_each(|u| add(PageKind::Unit(u)));
            (1..=news::page_count(site.news.len())).for_each(|p| add(PageKind::News(p)));
            for (t, (_, _, arts)) in self.tags(lang).iter().enumerate() {
                (1..=news::page_count(arts.len())).for_each(|p| add(PageKind::Tag(t, p)));
            }
            (0..site.news.len()).for_each(|i| add(PageKind::Article(i)));
            add(PageKind::Models);
            (0..site.honours.len()).for_each(|i| add(PageKind::Honour(i)));
            add(PageKind::Movement);
            crate::model::movement_keys().for_each(|key| add(PageKind::MovementPage(key)));
            (0..site.pages.len()).for_each(|i| add(PageKind::Page(i)));
            add(PageKind::Data);
            add(PageKind::Search);
            if !site.targets.is_empty() {
                add(PageKind::Targets);
                (0..site.targets.len()).for_each(|i| add(PageKind::Target(i)));
            }
        }
        kinds.push((Lang::Vi, PageKind::NotFound));
        kinds.into_iter().map(|(lang, kind)| self.job(kind, lang)).collect()
    }

    /// The page of `kind` in `lang`, with its route.
    pub fn job(&self, kind: PageKind, lang: Lang) -> Job<'_> {
        let site = self.site;
        let route = match kind {
            PageKind::Home => Route::Home,
            PageKind::Rankings => Route::Rankings,
            PageKind::IndexPage(i) => Route::IndexPage { index: &site.indices[i].key },
            PageKind::Edition(i, e) => {
                Route::Edition { index: &site.indices[i].key, key: &site.indices[i].editions[e].key }
            }
            PageKind::Indicator(i, e, k) => Route::Indicator {
                index: &site.indices[i].key,
                key: &site.indices[i].editions[e].key,
                indicator: &site.indices[i].indicators[k].key,
            },
            PageKind::Units => Route::Units,
            PageKind::Unit(u) => Route::Unit { slug: &site.units[u].slug },
            PageKind::News(page) => Route::News { page },
            PageKind::Tag(t, page) => Route::Tag { slug: &self.tags(lang)[t].0, page },
            PageKind::Article(i) => Route::Article { slug: &site.news[i].slug },
            PageKind::Models => Route::Models,
            PageKind::Honour(i) => Route::Honour { slug: &site.honours[i].slug },
            PageKind::Movement => Route::Movement,
            PageKind::MovementPage(key) => Route::MovementPage { key },
            PageKind::Page(i) => Route::Page { slug: &site.pages[i].slug },
            PageKind::Data => Route::Data,
            PageKind::Search => Route::Search,
            PageKind::NotFound => Route::NotFound,
            PageKind::Targets => Route::Targets,
            PageKind::Target(i) => Route::Target { key: &site.targets[i].key },
        };
        (route, lang, kind)
    }

    /// The slugs of `lang`'s tag pages.
    pub fn tag_slugs(&self, lang: Lang) -> impl Iterator<Item = &str> {
        self.tags(lang).iter().map(|(slug, _, _)| slug.as_str())
    }

    fn page(&self, route: &Route, lang: Lang, kind: PageKind) -> Result<Vec<OutFile>, Diagnostic> {
        let mut extra = Vec::new();
        let html = match kind {
            PageKind::Home => rankings::home(self, route, lang),
            PageKind::Rankings => rankings::rankings(self, route, lang),
            PageKind::IndexPage(i) => landing::page(self, route, lang, i, &mut extra),
            PageKind::Edition(i, e) => rankings::edition(self, route, lang, i, e, &mut extra),
            PageKind::Indicator(i, e, k) => rankings::indicator(self, route, lang, i, e, k),
            PageKind::Units => units::units(self, route, lang),
            PageKind::Unit(u) => units::unit(self, route, lang, u, &mut extra),
            PageKind::News(page) => news::list(self, route, lang, page, None),
            PageKind::Tag(t, page) => news::list(self, route, lang, page, Some(t)),
            PageKind::Article(i) => news::article(self, route, lang, i),
            PageKind::Models => honours::roll(self, route, lang, &mut extra),
            PageKind::Honour(i) => honours::honour(self, route, lang, i),
            PageKind::Movement => honours::movement(self, route, lang),
            PageKind::MovementPage(key) => honours::movement_page(self, route, lang, key),
            PageKind::Page(i) => honours::page(self, route, lang, i),
            PageKind::Data => datasets::page(self, route, lang, self.datasets()),
            PageKind::Search => search::page(self, route, lang),
            PageKind::NotFound => units::not_found(self, route),
            PageKind::Targets => targets::overview(self, route, lang),
            PageKind::Target(i) => targets::target(self, route, lang, i, &mut extra),
        }?;
        extra.insert(0, OutFile::new(route.file(lang), html));
        Ok(extra)
    }

    /// Renders `template` with a page context.
    fn render<T: Serialize>(&self, template: &str, ctx: &T) -> Result<String, Diagnostic> {
        let context = time(Stage::Context, || tera::Context::from_serialize(ctx))
            .map_err(|e| self.template_error(template, &e))?;
        if let Some(observe) = self.observer {
            observe(template, &context);
        }
        time(Stage::Templates, || self.theme.tera.render(template, &context))
            .map_err(|e| self.template_error(template, &e))
    }

    fn template_error(&self, template: &str, e: &tera::Error) -> Diagnostic {
        Diagnostic::error(
            format!("themes/{}/templates/{template}", self.site.config.theme),
            None,
            crate::diag::Text::verbatim(crate::theme::tera_error(e)),
        )
        .hint(crate::tr!(
            "check the variables the template uses against `minhbach help format themes` and the default theme"
        ))
    }

    /// The part of every page's context that the layout needs.
    fn base(&self, route: &Route, lang: Lang, title: String, description: String) -> Base<'a> {
        let site = self.site;
        let path = route.path(lang);
        let root = match route {
            Route::NotFound => site.config.base_path().to_string(),
            _ => root_from(&path),
        };
        let abs =
            |l: Lang| site.config.base_url.join(&if l == lang { route.path(l) } else { route.counterpart().path(l) });
        let other = lang.other();
        let nav = routes::SECTIONS
            .into_iter()
            .filter(|(r, _)| *r != Route::Targets || !site.targets.is_empty())
            .map(|(r, key)| NavItem {
                href: format!("{root}{}", r.path(lang)),
                label: self.theme.strings.get(lang, key).to_string(),
                current: r == *route || (r != Route::Home && path.starts_with(&r.path(lang))),
            })
            .collect();
        let nav = theme_api::menu(self, &root, lang, &path).unwrap_or(nav);
        Base {
            extra: theme_api::extra(site, None),
            stylesheets: theme_api::stylesheets(self, &root),
            home_href: format!("{root}{}", Route::Home.path(lang)),
            lang: lang.code(),
            root: root.clone(),
            site_title: site.config.title.get(lang),
            title,
            description: if description.is_empty() {
                site.config.description.get(lang).to_string()
            } else {
                description
            },
            canonical: abs(lang),
            alternates: Lang::ALL
                .iter()
                .filter(|&&l| l == lang || route.counterpart() == *route)
                .map(|&l| Alternate { lang: l.code(), href: abs(l) })
                .collect(),
            switch_href: format!("{root}{}", route.counterpart().path(other)),
            switch_lang: other.code(),
            switch_label: self.theme.strings.get(other, "language_name").to_string(),
            nav,
            assets: format!("{root}assets/"),
            draft: false,
            share_image: self.default_share(lang),
            logo: site.config.logo.as_ref().map(|l| format!("{root}{l}")),
            footer: self.footer(lang, &root),
        }
    }

    fn t<'b>(&'b self, lang: Lang, key: &'b str) -> &'b str {
        self.theme.strings.get(lang, key)
    }

    /// A link to another page, relative to the page at `from`.
    fn link(&self, from: &Base, route: &Route, lang: Lang) -> String {
        format!("{}{}", from.root, route.path(lang))
    }

    /// Unit name and link for a unit id, as shown in tables.
    fn unit_link(&self, base: &Base, lang: Lang, u: usize) -> UnitLink {
        let unit = &self.site.units[u];
        UnitLink {
            name: unit.name.get(lang).to_string(),
            href: self.link(base, &Route::Unit { slug: &unit.slug }, lang),
            past: unit.is_past(),
        }
    }

    /// A table row's rank, change and score as shown to a reader.
    fn row_cells(&self, lang: Lang, row: &Row) -> RowCells {
        RowCells {
            rank: format::rank(row.rank, row.tied),
            tied: row.tied,
            list_order: row.basis == crate::model::RankBasis::ListOrder,
            derived: row.basis == crate::model::RankBasis::Derived,
            delta: format::delta(row.delta),
            delta_text: delta_text(self, lang, row.delta),
            delta_class: match row.delta {
                Some(d) if d > 0 => "up",
                Some(d) if d < 0 => "down",
                Some(_) => "same",
                None => "",
            },
            score: format::score(row.score, row.score_decimals as usize, lang),
            note: row.note.clone(),
        }
    }
}

#[derive(Serialize)]
pub(crate) struct Base<'a> {
    pub lang: &'static str,
    pub root: String,
    pub site_title: &'a str,
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    pub switch_href: String,
    pub switch_lang: &'static str,
    pub switch_label: String,
    pub nav: Vec<NavItem>,
    pub assets: String,
    /// The page shows a draft (`draft = true`, published by `--drafts` or `serve`).
    pub draft: bool,
    /// The page's share image (`og:image`, absolute) and the site's logo (see docs/THEMES.md).
    pub share_image: String,
    pub logo: Option<String>,
    /// `[extra]` of `site.toml`, under a document's own (see docs/THEMES.md).
    pub extra: toml::Table,
    /// Stylesheets linked after `style.css`.
    pub stylesheets: Vec<String>,
    /// The home page in the page's language (the site's name links there).
    pub home_href: String,
    footer: footer::Footer,
}

#[derive(Serialize)]
pub(crate) struct Alternate {
    pub lang: &'static str,
    pub href: String,
}

#[derive(Serialize)]
pub(crate) struct NavItem {
    pub href: String,
    pub label: String,
    pub current: bool,
}

#[derive(Serialize, Clone)]
pub(crate) struct UnitLink {
    pub name: String,
    pub href: String,
    pub past: bool,
}

#[derive(Serialize)]
pub(crate) struct RowCells {
    pub rank: String,
    pub tied: bool,
    pub list_order: bool,
    /// No source states this rank: it is computed from one that does.
    pub derived: bool,
    pub delta: String,
    pub delta_text: String,
    pub delta_class: &'static str,
    pub score: String,
    pub note: String,
}

/// A chart as a page shows it: inline, with its numbers, its standalone file and an embed snippet.
#[derive(Serialize)]
pub(crate) struct ChartBlock {
    /// The drawing for a phone; with `wide`, the theme shows one or the other by the width.
    pub svg: String,
    pub wide: Option<String>,
    /// A tile map's key: each tile's short label and full name.
    pub key: Vec<KeyItem>,
    /// Whether the wide drawing leaves some tile without its full name (the key is then
    /// needed at every width).
    pub key_wide: bool,
    pub title: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub svg_href: String,
    pub data_href: Option<String>,
    pub embed: String,
    pub id: String,
}

/// One entry of a tile map's key: the tile's short label and the unit's name.
#[derive(Serialize)]
pub(crate) struct KeyItem {
    pub code: String,
    pub name: String,
    /// Whether the wide drawing shows this name in its tile.
    pub named_wide: bool,
}

impl Renderer<'_> {
    /// The problem of a chart that could not be drawn, at the file it would have been written to.
    fn chart_failed(&self, route: &Route, lang: Lang, name: &str, e: crate::charts::ChartError) -> Diagnostic {
        Diagnostic::error(format!("{}{name}.svg", route.path(lang)), None, crate::diag::Text::verbatim(e.to_string()))
            .hint(crate::tr!("this is a fault in minhbach's charts, not in the site: report it with this message"))
    }

    /// Shows `chart` on the page at `route` and writes it beside the page as `<name>.svg`.
    fn chart(
        &self,
        route: &Route,
        lang: Lang,
        name: &str,
        chart: crate::charts::Chart,
        data_href: Option<String>,
        extra: &mut Vec<OutFile>,
    ) -> ChartBlock {
        let file = format!("{}{name}.svg", route.path(lang));
        let abs = self.site.config.base_url.join(&file);
        let credit = self.credit(route, lang);
        let embed = self.embed_snippet(&abs, &chart.desc, &credit, lang);
        let standalone =
            crate::charts::with_credit(chart.largest(), &credit, &self.theme.font, &self.theme.strings, lang);
        extra.push(OutFile::new(file, format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{standalone}\n")));
        let key_wide = chart.key.iter().any(|k| !k.named_wide);
        let key =
            chart.key.into_iter().map(|k| KeyItem { code: k.code, name: k.name, named_wide: k.named_wide }).collect();
        ChartBlock {
            svg: chart.svg,
            wide: chart.wide,
            key,
            key_wide,
            title: chart.title,
            head: chart.table.head,
            rows: chart.table.rows,
            svg_href: format!("{name}.svg"),
            data_href,
            embed,
            id: name.to_string(),
        }
    }
}

#[derive(Serialize)]
pub(crate) struct Link {
    pub href: String,
    pub label: String,
}

#[cfg(test)]
mod tests;
