//! The site's pictures: each JPEG, PNG or WebP file of `static/` read for its size (cheap, the
//! header only), and those the texts show made into their sizes, in parallel.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::content::Content;
use crate::diag::{Diagnostic, Diagnostics};
use crate::images::{self, Picture, Probe};
use crate::model::Doc;

/// The header of every picture among the site's files, or why it cannot be read.
pub(crate) fn probes(statics: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Result<Probe, String>> {
    statics.par_iter().filter(|(p, _)| images::is_picture(p)).map(|(p, b)| (p.clone(), images::probe(b))).collect()
}

/// Every document of the content, in both languages.
fn docs(content: &Content) -> impl Iterator<Item = &Doc> {
    let news = content.news.iter().flat_map(|a| [a.doc.vi.as_ref(), a.doc.en.as_ref()]);
    let honours =
        content.honours.iter().flat_map(|h| [h.text.vi.as_ref(), h.text.en.as_ref()]).map(|t| t.map(|t| &t.doc));
    let pages = content.pages.iter().chain(&content.movement).flat_map(|p| [p.doc.vi.as_ref(), p.doc.en.as_ref()]);
    news.chain(honours).chain(pages).flatten()
}

/// The pictures the texts show (and the share images front matter names), made into their
/// sizes; a picture that cannot be decoded is an error naming its file and a text showing it.
pub(crate) fn make(
    content: &Content,
    statics: &BTreeMap<String, Vec<u8>>,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Picture> {
    let mut used: BTreeMap<&str, &str> = BTreeMap::new();
    for doc in docs(content) {
        for p in &doc.pictures {
            used.entry(&p.path).or_insert(&doc.file);
        }
    }
    let chosen = content.news.iter().map(|a| &a.image).chain(content.honours.iter().map(|h| &h.image));
    let shares: BTreeSet<&str> = chosen.flatten().map(String::as_str).filter(|p| images::is_picture(p)).collect();
    for p in &shares {
        used.entry(p).or_insert("");
    }
    let made: Vec<(String, Result<Picture, String>, &str)> = used
        .into_par_iter()
        .filter_map(|(path, by)| statics.get(path).map(|bytes| (path.to_string(), Picture::make(path, bytes), by)))
        .collect();
    let mut out = BTreeMap::new();
    for (path, picture, by) in made {
        match picture {
            Ok(p) => {
                out.insert(path, p);
            }
            Err(why) => {
                let message = if by.is_empty() {
                    crate::tr!("the picture cannot be read: {why}", why)
                } else {
                    crate::tr!("the picture cannot be read (shown by {by}): {why}", by, why)
                };
                diags.push(Diagnostic::error(format!("static/{path}"), None, message).hint(crate::tr!(
                    "save the picture again as JPEG or PNG (a photo app's \"export\"), and check it opens"
                )));
            }
        }
    }
    out
}
