//! The documents' texts as HTML: each checked body and summary rendered once (on the rendering
//! thread that first shows it) and kept for every page and feed that shows it again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::Renderer;
use crate::model::{Doc, Markdown};

/// A document's body and summary as HTML; internal links start with [`crate::markdown::ROOT`].
#[derive(Debug, Default)]
pub(super) struct DocHtml {
    /// The body, embeds still as their markers, pictures as theirs.
    pub(super) body: String,
    /// The part before `<!-- more -->`, or the description, as HTML (embeds dropped).
    pub(super) summary: String,
}

/// The HTML of the documents rendered so far, by file.
#[derive(Debug, Default)]
pub(super) struct Texts(Mutex<HashMap<String, Arc<DocHtml>>>);

impl Renderer<'_> {
    /// The body and summary of `doc` as HTML, rendered the first time they are asked for.
    pub(super) fn html(&self, doc: &Doc) -> Arc<DocHtml> {
        if let Some(done) = self.texts.0.lock().ok().and_then(|m| m.get(&doc.file).cloned()) {
            return done;
        }
        let made = Arc::new(render(doc));
        if let Ok(mut all) = self.texts.0.lock() {
            all.insert(doc.file.clone(), made.clone());
        }
        made
    }
}

fn render(doc: &Doc) -> DocHtml {
    let pictures = Some(doc.pictures.as_slice());
    let body = crate::markdown::to_html(&doc.body, &doc.body.text, pictures);
    let summary = match &doc.summary {
        Some(s) => {
            crate::shortcodes::restore(&crate::markdown::to_html(&doc.body, &s.text, pictures), s.markers, |_| {
                String::new()
            })
        }
        None if !doc.description.is_empty() => {
            format!("<p>{}</p>", crate::escape::escape_html(&doc.description))
        }
        None => String::new(),
    };
    DocHtml { body, summary }
}

/// A section's or the home page's introduction as HTML (empty without one).
pub(super) fn intro(text: Option<&Markdown>) -> String {
    text.map(|t| crate::markdown::to_html(t, &t.text, None)).unwrap_or_default()
}
