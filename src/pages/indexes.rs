//! What list pages look up, computed once a render: each language's tags, and the news and
//! models about each unit.

use std::collections::HashMap;

use super::{news, Renderer};
use crate::i18n::Lang;

/// What list pages look up, computed once for all of them.
pub(super) struct Indexes {
    /// Each language's tags (slug, name, articles).
    pub(super) tags: [Vec<(String, String, Vec<usize>)>; 2],
    /// The news and the models about each unit, by unit.
    pub(super) news_of: HashMap<usize, Vec<usize>>,
    pub(super) honours_of: HashMap<usize, Vec<usize>>,
}

impl Renderer<'_> {
    fn indexes(&self) -> &Indexes {
        self.indexes.get_or_init(|| {
            let site = self.site;
            let mut news_of: HashMap<usize, Vec<usize>> = HashMap::new();
            for (i, a) in site.news.iter().enumerate() {
                for &u in &a.units {
                    news_of.entry(u).or_default().push(i);
                }
            }
            let mut honours_of: HashMap<usize, Vec<usize>> = HashMap::new();
            for (i, h) in site.honours.iter().enumerate() {
                if let Some(u) = h.unit {
                    honours_of.entry(u).or_default().push(i);
                }
            }
            Indexes { tags: [news::tags(site, Lang::Vi), news::tags(site, Lang::En)], news_of, honours_of }
        })
    }

    /// A language's tags: (slug, name, article positions), by name.
    pub fn tags(&self, lang: Lang) -> &[(String, String, Vec<usize>)] {
        &self.indexes().tags[lang.index()]
    }

    /// The positions of the news about the unit `u`.
    pub(super) fn news_of(&self, u: usize) -> &[usize] {
        self.indexes().news_of.get(&u).map(Vec::as_slice).unwrap_or_default()
    }

    /// The positions of the models of the unit `u`.
    pub(super) fn honours_of(&self, u: usize) -> &[usize] {
        self.indexes().honours_of.get(&u).map(Vec::as_slice).unwrap_or_default()
    }
}
