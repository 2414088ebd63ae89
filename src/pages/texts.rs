//! The documents' texts as HTML. A summary is rendered once (on the rendering thread that
//! first shows it) and kept for every list, tag and unit page and feed that shows it again; a
//! body is rendered when asked for (its article's page, and the feeds for the newest few), so a
//! site of 20,000 articles does not hold every body in memory.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::Renderer;
use crate::model::{Doc, Markdown};

/// The summaries rendered so far, by file.
#[derive(Debug, Default)]
pub(super) struct Texts(Mutex<HashMap<String, Arc<str>>>);

/// The body of `doc` as HTML, embeds still as their markers, pictures as theirs; internal links
/// start with [`crate::markdown::ROOT`].
pub(super) fn body(doc: &Doc) -> String {
    crate::markdown::to_html(&doc.body, &doc.body.text, Some(doc.pictures.as_slice()))
}

impl Renderer<'_> {
    /// The part of `doc` before `<!-- more -->`, or its description, as HTML (embeds dropped),
    /// rendered the first time it is asked for.
    pub(super) fn summary_html(&self, doc: &Doc) -> Arc<str> {
        if let Some(done) = self.texts.0.lock().ok().and_then(|m| m.get(&doc.file).cloned()) {
            return done;
        }
        let made: Arc<str> = summary(doc).into();
        if let Ok(mut all) = self.texts.0.lock() {
            all.insert(doc.file.clone(), made.clone());
        }
        made
    }
}

fn summary(doc: &Doc) -> String {
    let pictures = Some(doc.pictures.as_slice());
    match &doc.summary {
        Some(s) => {
            crate::shortcodes::restore(&crate::markdown::to_html(&doc.body, &s.text, pictures), s.markers, |_| {
                String::new()
            })
        }
        None if !doc.description.is_empty() => {
            format!("<p>{}</p>", crate::escape::escape_html(&doc.description))
        }
        None => String::new(),
    }
}

/// A section's or the home page's introduction as HTML (empty without one).
pub(super) fn intro(text: Option<&Markdown>) -> String {
    text.map(|t| crate::markdown::to_html(t, &t.text, None)).unwrap_or_default()
}
