//! Small pieces every table cell of a page shares: a change of rank in words, links sorted
//! in Vietnamese order.

use super::{Renderer, UnitLink};
use crate::i18n::Lang;

pub(super) fn delta_text(r: &Renderer, lang: Lang, delta: Option<i64>) -> String {
    match delta {
        Some(d) if d > 0 => format!("{} {d}", r.t(lang, "delta_up")),
        Some(d) if d < 0 => format!("{} {}", r.t(lang, "delta_down"), -d),
        Some(_) => r.t(lang, "delta_same").to_string(),
        None => r.t(lang, "delta_none").to_string(),
    }
}

/// Sorts links by name in Vietnamese alphabetical order.
pub(super) fn sort_links(v: &mut [UnitLink]) {
    v.sort_by_cached_key(|l| crate::i18n::vi_sort_key(&l.name));
}
