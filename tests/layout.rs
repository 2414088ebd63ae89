//! The page design a reader relies on: charts that scale to their column, a headline number
//! beside an edition's charts, wide tables that scroll in a captioned box, the publisher and
//! licence in every footer, sources as named links, and hashes shortened with the full value
//! one click away.

mod common;

use std::fs;

use common::*;

const PUBLISHER: &str = "\n[license]\nid = \"CC-BY-4.0\"\nname = \"Creative Commons Attribution 4.0\"\n\
url = \"https://creativecommons.org/licenses/by/4.0/\"\n\n[publisher]\nname_vi = \"Nhóm dữ liệu thử\"\n\
name_en = \"Test data team\"\nurl = \"https://example.org/nhom\"\nemail = \"dulieu@example.org\"\n";

fn site() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = fixture();
    let toml = site.path().join("site.toml");
    fs::write(&toml, fs::read_to_string(&toml).unwrap() + PUBLISHER).unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out);
    (site, out)
}

/// The opening tags of the inline `<svg>` elements of a page (attribute names lower-cased).
fn svg_tags(html: &str) -> Vec<String> {
    html.match_indices("<svg").map(|(i, _)| html[i..i + html[i..].find('>').unwrap()].to_lowercase()).collect()
}

#[test]
fn charts_scale_to_their_column() {
    let (_s, out) = site();
    let html = read(&out, "xep-hang/dti/2024/index.html");
    let tags = svg_tags(&html);
    assert!(!tags.is_empty(), "the edition has charts");
    // Each chart twice: drawn for a phone, then for a desktop column, one shown at a time.
    assert_eq!(tags.len() % 2, 0);
    for pair in tags.chunks(2) {
        // a viewBox the browser scales from, and a drawing width for the standalone file
        // (inline SVG is kept as the charts' backend writes it, attributes quoted)
        assert!(pair[0].contains("viewbox=\"0 0 328 ") && pair[0].contains("width=\"328\""), "{}", pair[0]);
        assert!(pair[1].contains("viewbox=\"0 0 640 ") && pair[1].contains("width=\"640\""), "{}", pair[1]);
    }
    assert!(html.contains("<div class=\"chart-svg chart-narrow\"><svg"), "charts sit in the scaling box");
    assert!(html.contains("<div class=\"chart-svg chart-wide\"><svg"));
    let css = read(&out, "assets/style.css");
    assert!(css.contains(
        ".chart-svg svg { display: block; width: 100%; height: auto; max-width: var(--chart-max, 44rem); font-family: var(--chart-font); }"
    ));
    assert!(css.contains(
        "@media (min-width: 42rem) {\n  .chart-narrow { display: none; }\n  .chart-wide { display: block; }"
    ));
}

#[test]
fn an_edition_says_who_leads_beside_its_charts() {
    let (_s, out) = site();
    let vi = text(&read(&out, "xep-hang/dti/2024/index.html"));
    assert!(vi.contains("Đứng đầu kỳ này Hà Nội đứng đầu, 0,8241 điểm"), "{vi}");
    let en = text(&read(&out, "en/rankings/dti/2024/index.html"));
    assert!(en.contains("Top of this edition Ha Noi 1st, 0.8241"), "{en}");
    // the headline comes before the first chart
    let html = read(&out, "xep-hang/dti/2024/index.html");
    assert!(html.find("headline-number").unwrap() < html.find("<svg").unwrap());
}

#[test]
fn a_wide_table_scrolls_in_a_captioned_box() {
    let (_s, out) = site();
    let html = read(&out, "xep-hang/dti/2023/index.html");
    let start = html.find("class=\"table-scroll wide\"").expect("the ranking scrolls in its own box");
    let rest = &html[start..];
    let tag = &rest[..rest.find('>').unwrap()];
    assert!(
        has_attr(tag, "role", "region")
            && has_attr(tag, "aria-labelledby", "caption")
            && has_attr(tag, "tabindex", "0"),
        "{tag}"
    );
    let caption = &rest[rest.find("<caption").unwrap()..rest.find("</caption>").unwrap()];
    assert!(text(caption).contains("Bảng rộng: cuộn ngang trong khung để xem mọi cột"), "{caption}");
    let en = read(&out, "en/rankings/dti/2023/index.html");
    assert!(text(&en).contains("Wide table: scroll sideways inside the box"), "{}", text(&en));
    let css = read(&out, "assets/style.css");
    assert!(css.contains("position:sticky") || css.contains("position: sticky"), "the unit column stays put");
    let print = read(&out, "assets/print.css");
    assert!(print.contains("@page wide { size: A4 landscape;") || print.contains("@page wide{size:A4 landscape"));
    assert!(
        print.contains("thead { display: table-header-group; }") || print.contains("thead{display:table-header-group}")
    );
}

#[test]
fn every_footer_names_the_publisher_licence_and_method() {
    let (_s, out) = site();
    for (page, words) in [
        (
            "index.html",
            [
                "Phát hành Nhóm dữ liệu thử",
                "Liên hệ dulieu@example.org",
                "Giấy phép dữ liệu Creative Commons Attribution 4.0 (CC-BY-4.0)",
                "Phương pháp và nguồn",
            ],
        ),
        (
            "en/index.html",
            [
                "Published by Test data team",
                "Contact dulieu@example.org",
                "Data licence Creative Commons Attribution 4.0 (CC-BY-4.0)",
                "Method and sources",
            ],
        ),
    ] {
        let html = read(&out, page);
        let footer = &html[html.find("<footer").unwrap()..];
        let t = text(footer);
        for w in words {
            assert!(t.contains(w), "{page}: {w:?} in {t}");
        }
        assert!(footer.contains("href=\"https://creativecommons.org/licenses/by/4.0/\" rel=\"license\""), "{footer}");
        assert!(footer.contains("href=\"mailto:dulieu@example.org\""), "{footer}");
        assert!(has_attr(footer, "href", "https://example.org/nhom"), "{footer}");
    }
}

#[test]
fn sources_are_named_links_with_their_address_at_hand() {
    let (_s, out) = site();
    let html = read(&out, "xep-hang/dti/2024/index.html");
    let list = &html[html.find("<ul class=\"sources\">").unwrap()..];
    let list = &list[..list.find("</ul>").unwrap()];
    assert!(list.contains("title=\"https://example.org/nguon-2024\">"), "{list}");
    assert!(text(list).contains("Chỉ số thử 2024"), "{list}");
    assert!(text(list).contains("— Cơ quan thử (example.org)"), "{list}");
    // the address is not the link's words
    assert!(!list.contains(">https://example.org/nguon-2024<"), "{list}");
}

#[test]
fn hashes_are_shortened_with_the_full_value_one_click_away() {
    let (_s, out) = site();
    let html = read(&out, "du-lieu/index.html");
    let at = html.find("<details class=\"hash\">").expect("a hash in a details");
    let cell = &html[at..at + html[at..].find("</details>").unwrap()];
    let full: String = cell.split("<code class=\"hash-full\">").nth(1).unwrap().chars().take(64).collect();
    assert!(full.len() == 64 && full.chars().all(|c| c.is_ascii_hexdigit()), "{cell}");
    assert!(cell.contains(&format!("<summary><code>{}</code>", &full[..12])), "{cell}");
    assert!(text(cell).contains("Xem mã đầy đủ"), "{cell}");
}

#[test]
fn a_short_leaders_table_says_how_many_and_drops_an_empty_score_column() {
    let (_s, out) = site();
    let html = read(&out, "index.html");
    let captions: Vec<String> = html
        .match_indices("<caption id=\"top-")
        .map(|(i, _)| text(&html[i..i + html[i..].find("</caption>").unwrap()]))
        .collect();
    assert!(!captions.is_empty());
    for c in &captions {
        assert!(!c.contains("10 vị trí dẫn đầu"), "fewer than ten rows are not called a top ten: {c}");
        assert!(c.contains("đơn vị có hạng được công bố"), "{c}");
    }
}
