//! What a reader meets on the default site: each exemplary model linked once where it belongs,
//! a unit's history table that a phone can lay out as cards.

mod common;

use std::collections::BTreeMap;

use common::*;

/// The `<main>` element of a page.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main>");
    let end = html[start..].find("</main>").map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// How many times each link whose address contains `part` appears.
fn links_to(html: &str, part: &str) -> BTreeMap<String, usize> {
    let mut seen = BTreeMap::new();
    for piece in html.split("href=").skip(1) {
        let piece = piece.trim_start_matches(['"', '\'']);
        let end = piece.find(['"', '\'', ' ', '>']).unwrap_or(piece.len());
        let href = &piece[..end];
        if href.contains(part) {
            *seen.entry(href.to_string()).or_insert(0) += 1;
        }
    }
    seen
}

#[test]
fn each_model_is_linked_once_and_a_history_row_keeps_its_note_apart() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("public");
    let r = build(&manifest(), &dir);
    assert_eq!(r.code, 0, "{}", r.stderr);

    for (page, part, models) in [
        ("dien-hinh/index.html", "dien-hinh/", 7),
        ("en/models/index.html", "models/", 7),
        ("phong-trao/digital-government/index.html", "dien-hinh/", 7),
        ("dia-phuong/da-nang/index.html", "dien-hinh/", 2),
    ] {
        let links = links_to(main_of(&read(&dir, page)), part);
        let models_seen: Vec<_> = links.iter().filter(|(h, _)| h.trim_end_matches('/').contains("-20")).collect();
        assert_eq!(models_seen.len(), models, "{page}: {links:?}");
        for (href, n) in models_seen {
            assert_eq!(*n, 1, "{page} links {href} {n} times");
        }
    }
    // The models page still counts them by year, award and unit.
    let t = text(&read(&dir, "dien-hinh/index.html"));
    assert!(t.contains("Theo năm 2025 (7)"), "{t}");

    let unit = read(&dir, "dia-phuong/da-nang/index.html");
    assert!(unit.contains("class=\"history\""), "the history table is marked for its phone layout");
    assert!(unit.contains("class=\"hist-note\">Tăng 0,1545"), "notes sit in their own cell");
}
