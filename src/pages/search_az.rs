//! The search page without JavaScript: every unit, index and edition in one A–Z list, with a
//! row of initials that jumps into it (the form needs the script; the list does not).

use serde::Serialize;

use super::{Base, Renderer};
use crate::i18n::{fold, vi_sort_key, Lang};
use crate::model::UnitKind;
use crate::routes::Route;

/// One thing of the list.
#[derive(Serialize)]
pub(super) struct Item {
    name: String,
    href: String,
    /// What it is ("Tỉnh, thành phố", "Bảng xếp hạng"…), as the theme words it.
    kind: String,
    past: bool,
}

/// The things whose name starts with one letter.
#[derive(Serialize)]
pub(super) struct Letter {
    letter: String,
    /// The anchor of its heading (`az-a`, `az-dd` for Đ).
    id: String,
    items: Vec<Item>,
}

/// The initial a name is filed under: its first letter without tone marks, upper case; in
/// Vietnamese `Đ` is a letter of its own (after `D`), in English it is a `D`.
pub(super) fn initial(name: &str, lang: Lang) -> String {
    let Some(c) = name.trim_start().chars().next() else { return String::new() };
    if lang == Lang::Vi && (c == 'Đ' || c == 'đ') {
        return "Đ".to_string();
    }
    let f = fold(&c.to_string());
    match f.chars().next() {
        Some(l) if l.is_alphabetic() => l.to_uppercase().collect(),
        Some(l) if l.is_ascii_digit() => "0–9".to_string(),
        _ => "#".to_string(),
    }
}

fn anchor(letter: &str) -> String {
    match letter {
        "Đ" => "az-dd".to_string(),
        "0–9" => "az-0".to_string(),
        "#" => "az-other".to_string(),
        l => format!("az-{}", l.to_lowercase()),
    }
}

/// Every unit, index and edition of the site, filed by initial in the language's order.
pub(super) fn letters(r: &Renderer, base: &Base, lang: Lang) -> Vec<Letter> {
    let site = r.site;
    let mut items: Vec<Item> = Vec::new();
    for (i, u) in site.units.iter().enumerate() {
        let link = r.unit_link(base, lang, i);
        let kind = match u.kind {
            UnitKind::Province => "kind_province",
            UnitKind::Ministry => "kind_ministry",
            UnitKind::Commune => "kind_commune",
        };
        items.push(Item { name: link.name, href: link.href, kind: r.t(lang, kind).to_string(), past: link.past });
    }
    for index in &site.indices {
        items.push(Item {
            name: index.name.get(lang).to_string(),
            href: r.link(base, &Route::IndexPage { index: &index.key }, lang),
            kind: r.t(lang, "nav_rankings").to_string(),
            past: false,
        });
        for ed in &index.editions {
            items.push(Item {
                name: format!("{} {}", index.short.get(lang), ed.year),
                href: r.link(base, &Route::Edition { index: &index.key, key: &ed.key }, lang),
                kind: r.t(lang, "edition").to_string(),
                past: false,
            });
        }
    }
    items.sort_by_cached_key(|i| vi_sort_key(&i.name));
    let mut out: Vec<Letter> = Vec::new();
    for item in items {
        let letter = initial(&item.name, lang);
        match out.iter_mut().find(|l| l.letter == letter) {
            Some(l) => l.items.push(item),
            None => out.push(Letter { id: anchor(&letter), letter, items: vec![item] }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_filed_under_their_initial() {
        assert_eq!(initial("Đà Nẵng", Lang::Vi), "Đ");
        assert_eq!(initial("Da Nang", Lang::En), "D");
        assert_eq!(initial("Ấn", Lang::Vi), "A");
        assert_eq!(initial("Ủy ban", Lang::Vi), "U");
        assert_eq!(initial("2024", Lang::Vi), "0–9");
        assert_eq!(anchor("Đ"), "az-dd");
        assert_eq!(anchor("H"), "az-h");
    }
}
