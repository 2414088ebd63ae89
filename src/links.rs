//! Checks that every internal link, image, stylesheet and download of the rendered site points
//! at a file the site publishes, before the new output replaces the old one.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Mutex;

use crate::diag::{Diagnostic, Diagnostics};

/// Resolves `href` found in the page at `page` (a file path) to a file path of the site;
/// `None` for external links, fragments and links that leave the site.
fn resolve(page: &str, href: &str, base_path: &str) -> Option<Result<String, ()>> {
    let href = href.split(['#', '?']).next().unwrap_or("");
    if href.is_empty()
        || href.contains("://")
        || href.starts_with("mailto:")
        || href.starts_with("tel:")
        || href.starts_with("//")
    {
        return None;
    }
    let mut parts: Vec<&str> = if let Some(abs) = href.strip_prefix('/') {
        // Root-relative links (404 page) are relative to the site's base path.
        let bp = base_path.trim_matches('/');
        let rest = if bp.is_empty() { Some(abs) } else { abs.strip_prefix(bp).map(|r| r.trim_start_matches('/')) };
        match rest {
            Some(r) => return Some(Ok(finish(r.split('/').collect()))),
            None => return Some(Err(())),
        }
    } else {
        let mut p: Vec<&str> = page.split('/').collect();
        p.pop();
        p
    };
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Some(Err(()));
                }
            }
            s => parts.push(s),
        }
    }
    if href.ends_with('/') {
        parts.push("");
    }
    Some(Ok(finish(parts)))
}

fn finish(parts: Vec<&str>) -> String {
    let path = parts.join("/");
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    }
}

/// Values of `href="…"` and `src="…"` attributes in a page (every `href` first, then every `src`).
fn targets(html: &str) -> impl Iterator<Item = &str> {
    ["href=\"", "src=\""].into_iter().flat_map(move |attr| {
        memchr::memmem::find_iter(html.as_bytes(), attr.as_bytes()).filter_map(move |i| {
            let start = i + attr.len();
            if !matches!(html.as_bytes().get(i.wrapping_sub(1)), Some(b' ' | b'\n' | b'\t')) {
                return None;
            }
            memchr::memchr(b'"', &html.as_bytes()[start..]).map(|end| &html[start..start + end])
        })
    })
}

/// How many locks the noted targets are spread over, so that the rendering threads seldom wait
/// for each other.
const SHARDS: usize = 64;

type TargetMap = HashMap<String, Target, rustc_hash::FxBuildHasher>;

/// The internal links of the pages seen so far, noted from many threads: each target once,
/// with the first page (in path order) and `href` that named it and how many pages did. Only
/// the distinct targets are kept, never the pages.
pub(crate) struct Links {
    targets: Vec<Mutex<TargetMap>>,
    outside: Mutex<Vec<Diagnostic>>,
}

impl Default for Links {
    fn default() -> Self {
        Links { targets: (0..SHARDS).map(|_| Mutex::default()).collect(), outside: Mutex::default() }
    }
}

struct Target {
    page: String,
    href: String,
    pages: usize,
}

impl Links {
    /// Notes every link of the HTML page at `page` (its path in the output).
    pub(crate) fn note(&self, page: &str, html: &str, base_path: &str) {
        // Each distinct `href` once (whether it climbed above the root, to say so again).
        let mut seen: HashMap<&str, bool, rustc_hash::FxBuildHasher> = HashMap::default();
        let mut mine: HashMap<String, String, rustc_hash::FxBuildHasher> = HashMap::default();
        let mut outside = Vec::new();
        for raw in targets(html) {
            // The same `href` twice resolves to the same file, which the first one named.
            if seen.get(raw) == Some(&false) {
                continue;
            }
            let href = if raw.contains('&') { raw.replace("&amp;", "&") } else { raw.to_string() };
            let resolved = resolve(page, &href, base_path);
            seen.insert(raw, matches!(resolved, Some(Err(()))));
            match resolved {
                None => {}
                Some(Ok(p)) => {
                    mine.entry(p).or_insert(href);
                }
                Some(Err(())) => outside.push(
                    Diagnostic::error(page, None, crate::tr!("broken internal link `{href}`", href)).hint(crate::tr!(
                        "the link climbs above the site's root folder; a template or a Markdown link is wrong"
                    )),
                ),
            }
        }
        if !outside.is_empty() {
            self.outside.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend(outside);
        }
        for (path, href) in mine {
            let shard = rustc_hash::FxBuildHasher.hash_one(path.as_str()) as usize % SHARDS;
            let mut all = self.targets[shard].lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            match all.get_mut(&path) {
                Some(t) => {
                    t.pages += 1;
                    if (page, href.as_str()) < (t.page.as_str(), t.href.as_str()) {
                        t.page = page.to_string();
                        t.href = href;
                    }
                }
                None => {
                    all.insert(path, Target { page: page.to_string(), href, pages: 1 });
                }
            }
        }
    }

    /// Every link whose target the site does not publish, as an error naming a page and the link.
    pub(crate) fn check(self, published: impl Fn(&str) -> bool) -> Diagnostics {
        let mut broken: Vec<Diagnostic> = self.outside.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let targets: Vec<TargetMap> = self
            .targets
            .into_iter()
            .map(|m| m.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner))
            .collect();
        let mut missing: Vec<&Target> =
            targets.iter().flatten().filter(|(p, _)| !published(p)).map(|(_, t)| t).collect();
        missing.sort_by(|a, b| (&a.page, &a.href).cmp(&(&b.page, &b.href)));
        for t in missing {
            let href = &t.href;
            let message = match t.pages {
                1 => crate::tr!("broken internal link `{href}`", href),
                2 => crate::tr!("broken internal link `{href}` (and on 1 other page)", href),
                n => crate::tr!("broken internal link `{href}` (and on {others} other pages)", href, others = n - 1),
            };
            broken.push(
                Diagnostic::error(&t.page, None, message)
                    .hint(crate::tr!("a template or a Markdown link points at a page the site does not have")),
            );
        }
        broken.sort_by(|a, b| a.file.cmp(&b.file));
        let mut diags = Diagnostics::default();
        for d in broken {
            diags.push(d);
        }
        diags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_links() {
        assert_eq!(
            resolve("xep-hang/a/index.html", "../../dia-phuong/x/", "/"),
            Some(Ok("dia-phuong/x/index.html".into()))
        );
        assert_eq!(resolve("index.html", "./", "/"), Some(Ok("index.html".into())));
        assert_eq!(resolve("index.html", "../x/", "/"), Some(Err(())));
        assert_eq!(resolve("404.html", "/cds/en/", "/cds/"), Some(Ok("en/index.html".into())));
        assert_eq!(resolve("a/index.html", "https://x.vn/", "/"), None);
        assert_eq!(resolve("a/index.html", "#top", "/"), None);
    }

    #[test]
    fn finds_broken_links() {
        let links = Links::default();
        let published = ["index.html", "en/index.html"];
        links.note(
            "index.html",
            "<a href=\"en/\">en</a> <a href=\"missing/\">x</a> <img src=\"assets/a.png\" alt=\"\">",
            "/",
        );
        links.note(
            "en/index.html",
            "<a href=\"../\">vi</a> <a href=\"../missing/\">x</a> <a href=\"../../up\">x</a>",
            "/",
        );
        let d = links.check(|p| published.contains(&p));
        let s = d.to_string();
        assert!(s.contains("en/index.html: error: broken internal link `../missing/`"), "{s}");
        assert!(s.contains("(and on 1 other page)"), "{s}");
        assert!(s.contains("broken internal link `assets/a.png`"), "{s}");
        assert!(s.contains("broken internal link `../../up`"), "{s}");
        assert_eq!(d.error_count(), 3);
    }
}
