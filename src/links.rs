//! Checks that every internal link, image, stylesheet and download of the rendered site points
//! at a file the site publishes, before anything is written.

use std::collections::HashSet;

use crate::diag::{Diagnostic, Diagnostics};
use crate::pages::OutFile;

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

/// Values of `href="…"` and `src="…"` attributes in a page.
fn targets(html: &str) -> impl Iterator<Item = &str> {
    ["href=\"", "src=\""].into_iter().flat_map(move |attr| {
        html.match_indices(attr).filter_map(move |(i, _)| {
            let start = i + attr.len();
            let before = html[..i].chars().last();
            if !matches!(before, Some(' ') | Some('\n') | Some('\t')) {
                return None;
            }
            html[start..].find('"').map(|end| &html[start..start + end])
        })
    })
}

/// Every broken internal link, as an error naming the page and the link.
/// `later` names files written after the check (the checksum manifest).
pub fn check(files: &[OutFile], base_path: &str, later: &[&str]) -> Diagnostics {
    use rayon::prelude::*;
    let known: HashSet<&str> = files.iter().map(|f| f.path.as_str()).chain(later.iter().copied()).collect();
    let broken: Vec<Diagnostic> = files
        .par_iter()
        .filter(|f| f.is_html())
        .flat_map_iter(|f| {
            let html = String::from_utf8_lossy(&f.bytes);
            let mut out = Vec::new();
            for href in targets(&html) {
                let href = href.replace("&amp;", "&");
                match resolve(&f.path, &href, base_path) {
                    None => {}
                    Some(Ok(p)) if known.contains(p.as_str()) => {}
                    Some(_) => out.push(
                        Diagnostic::error(&f.path, None, format!("broken internal link `{href}`"))
                            .hint("a template or a Markdown link points at a page the site does not have"),
                    ),
                }
            }
            out
        })
        .collect();
    let mut diags = Diagnostics::default();
    for d in broken {
        diags.push(d);
    }
    diags
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
        let files = vec![
            OutFile::new(
                "index.html",
                "<a href=\"en/\">en</a> <a href=\"missing/\">x</a> <img src=\"assets/a.png\" alt=\"\">",
            ),
            OutFile::new("en/index.html", "<a href=\"../\">vi</a>"),
        ];
        let d = check(&files, "/", &[]);
        let s = d.to_string();
        assert!(s.contains("broken internal link `missing/`"), "{s}");
        assert!(s.contains("broken internal link `assets/a.png`"), "{s}");
        assert_eq!(d.error_count(), 2);
    }
}
