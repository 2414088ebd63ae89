//! The theme or a static file edited; the data and content are not read or checked again.
//!
//! - A template: the theme is read and compiled again; the pages of the kinds whose template
//!   uses the edited one (extends, includes or imports it, at any depth) are rendered. A template
//!   that is not one page kind's own (`base.html`, `macros.html`, the feeds, the sitemap, the
//!   embeds…) renders every file of the site, still without reading or checking the data.
//! - A strings file of the theme (`i18n/*.toml`): every file of the site, likewise.
//! - A static file (the theme's `static/style.css`, a file of the site's `static/`): that one
//!   file is copied, and `SHA256SUMS` written again. Pages link to the CSS by its name, not by a
//!   hash of its content, so no page changes. A picture (which a full build makes into its
//!   sizes), a new or deleted file (pages link `extra.css` only when it exists) needs a full
//!   build.

use std::collections::BTreeSet;
use std::path::Path;

use super::emit::{emit, What};
use super::{Edit, Live, Updated};
use crate::diag::Diagnostics;
use crate::output::OutFile;
use crate::pages::{Job, PageKind, Renderer};

/// Whether a page kind is drawn with a template.
type KindTest = fn(PageKind) -> bool;

/// The page kinds a page template is the template of; `None` for a template that is not one
/// page kind's own. `tests` checks it against what every page of the default site renders.
pub(super) fn kinds_of(template: &str) -> Option<KindTest> {
    use PageKind as K;
    Some(match template {
        "home.html" => |k| k == K::Home,
        "rankings.html" => |k| k == K::Rankings,
        "index.html" => |k| matches!(k, K::IndexPage(_)),
        "edition.html" => |k| matches!(k, K::Edition(..)),
        "indicator.html" => |k| matches!(k, K::Indicator(..)),
        "units.html" => |k| k == K::Units,
        "unit.html" => |k| matches!(k, K::Unit(_)),
        "news.html" => |k| matches!(k, K::News(_) | K::Tag(..)),
        "article.html" => |k| matches!(k, K::Article(_)),
        "models.html" => |k| k == K::Models,
        "model.html" => |k| matches!(k, K::Honour(_)),
        "movement.html" => |k| k == K::Movement,
        "movement_page.html" => |k| matches!(k, K::MovementPage(_)),
        "page.html" => |k| matches!(k, K::Page(_)),
        "data.html" => |k| k == K::Data,
        "search.html" => |k| k == K::Search,
        "404.html" => |k| k == K::NotFound,
        "targets.html" => |k| k == K::Targets,
        "target.html" => |k| matches!(k, K::Target(_)),
        // The "not yet translated" notice stands in for a text in the other language only.
        "notice.html" => |k| matches!(k, K::Article(_) | K::Honour(_) | K::Page(_)),
        _ => return None,
    })
}

/// `edited` and every template that uses one of them, directly or through others.
fn users(templates: &std::collections::BTreeMap<String, String>, edited: BTreeSet<String>) -> BTreeSet<String> {
    let mut out = edited;
    loop {
        let more: Vec<String> = templates
            .iter()
            .filter(|(name, src)| !out.contains(*name) && crate::theme::uses(src).iter().any(|u| out.contains(*u)))
            .map(|(name, _)| name.clone())
            .collect();
        if more.is_empty() {
            return out;
        }
        out.extend(more);
    }
}

/// Rebuilds after a change of templates or strings files of the theme (`changed`, paths
/// relative to the site's root), with maybe static files of the theme beside them.
pub(super) fn theme(live: &mut Live, root: &Path, changed: &[String], out_dir: &Path) -> Option<Updated> {
    let mut diags = Diagnostics::default();
    let raw = crate::load::load_theme_alone(root, &live.site.config.theme, &mut diags);
    if diags.has_errors() {
        return None;
    }
    let edited: Option<BTreeSet<String>> = changed
        .iter()
        .map(|c| {
            let (_, rest) = c.strip_prefix("themes/")?.split_once('/')?;
            rest.strip_prefix("templates/").map(String::from)
        })
        .collect();
    let used = edited.map(|e| users(&raw.templates, e));
    let kinds: Option<Vec<KindTest>> = used.and_then(|u| u.iter().map(|t| kinds_of(t)).collect());
    let theme = crate::theme::Theme::new(raw, &live.site, &mut diags)?;
    if diags.has_errors() {
        return None;
    }
    live.theme = theme;
    let data = live.datasets_kept();
    let r = Renderer::new(&live.site, &live.theme).seeded(data);
    let what = match kinds {
        Some(kinds) => {
            let jobs: Vec<Job> = r.jobs().into_iter().filter(|(_, _, k)| kinds.iter().any(|f| f(*k))).collect();
            let statics = live.theme.statics.iter().map(|(p, b)| OutFile::new(format!("assets/{p}"), b.clone()));
            What::Some(jobs, statics.collect())
        }
        None => What::All,
    };
    let (done, search) = emit(&r, &mut live.hashes, out_dir, what, &[], diags)?;
    let data = r.into_datasets();
    live.give_back(data);
    if let Some(search) = search {
        live.search = search;
    }
    Some(done)
}

/// Rebuilds after a change of static files, of the theme or of the site: each is copied.
pub(super) fn statics(live: &mut Live, root: &Path, edits: &[&Edit], out_dir: &Path) -> Option<Updated> {
    let mut files = Vec::new();
    let mut theme_statics = None;
    for edit in edits {
        match edit {
            Edit::SiteStatic(rel) => {
                let hidden = rel.split('/').any(|c| c.starts_with('.'));
                let site = &live.site;
                let known = site.site_statics.iter().position(|(p, _)| p == rel);
                let picture = crate::images::is_picture(rel) || site.pictures.contains_key(*rel);
                let (false, Some(i), false) = (hidden, known, picture) else { return None };
                let bytes = crate::load::load_static(root, rel, site.config.max_file_bytes).ok()?;
                live.site.site_statics[i].1 = bytes.clone();
                files.push(OutFile::new(rel.to_string(), bytes));
            }
            Edit::ThemeStatic(rel) => {
                if !live.theme.statics.iter().any(|(p, _)| p == rel) {
                    return None;
                }
                if theme_statics.is_none() {
                    let mut diags = Diagnostics::default();
                    let raw = crate::load::load_theme_alone(root, &live.site.config.theme, &mut diags);
                    let now: Vec<(String, Vec<u8>)> = raw.statics.into_iter().collect();
                    let same_names = now.iter().map(|(p, _)| p).eq(live.theme.statics.iter().map(|(p, _)| p));
                    if diags.has_errors() || !same_names {
                        return None;
                    }
                    theme_statics = Some(now);
                }
            }
            Edit::Doc(..) | Edit::Data | Edit::Theme => return None,
        }
    }
    if let Some(now) = theme_statics {
        let changed = now.iter().zip(&live.theme.statics).filter(|(new, old)| new.1 != old.1);
        files.extend(changed.map(|((p, b), _)| OutFile::new(format!("assets/{p}"), b.clone())));
        live.theme.statics = now;
    }
    let r = Renderer::new(&live.site, &live.theme);
    let (done, _) = emit(&r, &mut live.hashes, out_dir, What::Some(Vec::new(), files), &[], Diagnostics::default())?;
    Some(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Every page of the default site renders only templates that [`kinds_of`] gives its kind,
    /// or templates that are no page kind's own (whose edit renders everything).
    #[test]
    fn each_page_renders_the_templates_of_its_kind() {
        let (site, theme) = crate::build::load_default_site(true);
        let all = Renderer::new(&site, &theme);
        let jobs = all.jobs();
        let kinds: BTreeSet<PageKind> = jobs.iter().map(|(_, _, k)| *k).collect();
        let mut seen = BTreeSet::new();
        for job in &jobs {
            let names = Mutex::new(Vec::new());
            let observe = |name: &str, _: &tera::Context| names.lock().unwrap().push(name.to_string());
            let r = Renderer::new(&site, &theme).observed(&observe);
            let quiet = crate::progress::Progress::quiet();
            r.render_pages(std::slice::from_ref(job), &quiet, &|_| Ok(())).unwrap();
            for name in names.into_inner().unwrap() {
                if let Some(f) = kinds_of(&name) {
                    assert!(f(job.2), "{:?} renders {name}, which kinds_of does not give it", job.2);
                    seen.insert(name);
                }
            }
        }
        // Every kind's own template was seen (a misspelt name in the table would never be).
        for name in &seen {
            assert!(kinds.iter().any(|&k| kinds_of(name).unwrap()(k)));
        }
        assert!(seen.len() >= 15, "{seen:?}");
    }

    #[test]
    fn a_template_is_used_by_those_that_include_it() {
        let t = |pairs: &[(&str, &str)]| pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        let templates = t(&[
            ("base.html", "<html>{% block c %}{% endblock %}"),
            ("macros.html", "{% macro x() %}{% endmacro %}"),
            ("page.html", "{% extends \"base.html\" %}{% import \"macros.html\" as m %}"),
            ("article.html", "{% extends \"base.html\" %}"),
        ]);
        let used = |e: &str| users(&templates, BTreeSet::from([e.to_string()])).into_iter().collect::<Vec<_>>();
        assert_eq!(used("macros.html"), ["macros.html", "page.html"]);
        assert_eq!(used("base.html"), ["article.html", "base.html", "page.html"]);
        assert_eq!(used("article.html"), ["article.html"]);
    }
}
