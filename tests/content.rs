//! Builds the fixture site's Markdown content and asserts on what a reader sees: articles,
//! translations and their absence, internal links, shortcodes, feeds, pagination, models.

mod common;

use std::fs;

use common::*;

#[test]
fn an_article_embeds_a_live_ranking_and_resolves_internal_links() {
    let (_s, out) = built();
    let page = read(&out, "tin-tuc/2025-04-24-phat-dong/index.html");
    let t = text(&page);
    assert!(t.contains("Chỉ số thử 2024 Hạng Đơn vị Điểm 1 Hà Nội 0,8241 2= Đà Nẵng 0,7951 2= Huế 0,7951"), "{t}");
    assert!(has_attr(&page, "href", "../../tin-tuc/2025-10-21-dti/"), "@/news link");
    assert!(has_attr(&page, "href", "../../trang/gioi-thieu/"), "@/pages link");
    assert!(has_attr(&page, "href", "../../dia-phuong/ha-noi/"), "shortcode unit links");
    assert!(page.contains("<h2 id=\"noi-dung-chinh\">") || page.contains("<h2 id=noi-dung-chinh>"), "heading anchors");
    let en = text(&read(&out, "en/news/2025-04-24-phat-dong/index.html"));
    assert!(en.contains("Test index 2024 Rank Unit Score 2= Da Nang 0.7951 2= Hue 0.7951"), "{en}");
}

#[test]
fn markup_in_markdown_and_front_matter_is_escaped() {
    let site = fixture();
    fs::write(
        site.path().join("content/news/2025-05-01-xss.md"),
        "+++\ntitle = \"<script>alert('t')</script>\"\ndate = 2025-05-01\ndescription = \"<img src=x onerror=alert(1)>\"\n+++\nText <script>alert(2)</script> and <b>bold</b>.\n",
    )
    .unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out);
    for page in ["tin-tuc/2025-05-01-xss/index.html", "tin-tuc/index.html", "index.html", "tin-tuc/atom.xml"] {
        let html = read(&out, page);
        // <title> holds text only (browsers never run markup there); judge what follows the head.
        let html = html.split("</head>").last().unwrap();
        assert!(!html.contains("<script>alert"), "{page} has a raw <script>");
        assert!(!html.contains("<img src=x"), "{page} has a raw <img>");
        assert!(!html.contains("<b>bold"), "{page}: raw HTML is off by default");
    }
    assert!(read(&out, "tin-tuc/2025-05-01-xss/index.html").contains("&lt;script"));
}

#[test]
fn a_missing_translation_is_reachable_and_labelled() {
    let (_s, out) = built();
    let list = read(&out, "en/news/index.html");
    let t = text(&list);
    assert!(t.contains("Công bố chỉ số thử 2024 21 October 2025 · Vietnamese only"), "{t}");
    assert!(
        has_attr(&list, "href", "../../tin-tuc/2025-10-21-dti/"),
        "the English list links to the Vietnamese original"
    );
    // The Vietnamese page's language switch leads to a notice, never a 404.
    let vi = read(&out, "tin-tuc/2025-10-21-dti/index.html");
    assert!(has_attr(&vi, "href", "../../en/news/2025-10-21-dti/"));
    let notice = text(&read(&out, "en/news/2025-10-21-dti/index.html"));
    assert!(
        notice.contains("This page has not been translated into English yet; it is available in Vietnamese."),
        "{notice}"
    );
    // A movement page without translation shows the Vietnamese text, labelled.
    let m = text(&read(&out, "en/movement/digital-government/index.html"));
    assert!(m.contains("Vietnamese only Nội dung về chính quyền số."), "{m}");
}

#[test]
fn news_lists_are_paginated_at_ten() {
    for (extra, pages) in [(8, 1), (9, 2)] {
        let site = fixture();
        for i in 0..extra {
            fs::write(
                site.path().join(format!("content/news/2024-01-{:02}-tin.md", i + 1)),
                format!("+++\ntitle = \"Tin số {i}\"\ndate = 2024-01-{:02}\n+++\nNội dung.\n", i + 1),
            )
            .unwrap();
        }
        let out = site.path().join("public");
        build_ok(site.path(), &out);
        // Two fixture articles plus the extra ones.
        let total = extra + 2;
        assert_eq!(out.join("tin-tuc/trang/2/index.html").exists(), pages == 2, "{total} articles");
        assert!(!out.join("tin-tuc/trang/3/index.html").exists());
        let first = read(&out, "tin-tuc/index.html");
        assert_eq!(
            first.matches("class=news-title").count() + first.matches("class=\"news-title\"").count(),
            total.min(10)
        );
        if pages == 2 {
            let second = read(&out, "tin-tuc/trang/2/index.html");
            assert_eq!(second.matches("class=news-title").count() + second.matches("class=\"news-title\"").count(), 1);
            assert!(has_attr(&second, "href", "../../../tin-tuc/"), "link back to page 1");
            assert!(text(&second).contains("Tin tức — trang 2/2"));
        }
    }
}

#[test]
fn feeds_have_the_required_atom_elements() {
    let (_s, out) = built();
    for (feed, entries) in [("tin-tuc/atom.xml", 2), ("en/news/atom.xml", 1)] {
        let x = read(&out, feed);
        assert!(
            x.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"")
        );
        for el in ["<title>", "<id>", "<updated>", "<author><name>", "rel=\"self\""] {
            assert!(x.contains(el), "{feed} lacks {el}");
        }
        assert_eq!(x.matches("<entry>").count(), entries, "{feed}");
        assert_eq!(x.matches("<entry>").count(), x.matches("</entry>").count());
        assert!(!x.contains("~minhbach-root~"), "links are absolute in feeds");
    }
    assert!(read(&out, "tin-tuc/atom.xml").contains("https://example.org/tin-tuc/2025-10-21-dti/"));
}

#[test]
fn tags_have_pages_in_their_language() {
    let (_s, out) = built();
    let t = text(&read(&out, "tin-tuc/the/phong-trao-thi-dua/index.html"));
    assert!(t.contains("Tin có thẻ “phong trào thi đua”"), "{t}");
    assert!(t.contains("Phát động phong trào thi đua") && t.contains("Công bố chỉ số thử 2024"), "{t}");
    assert!(out.join("en/news/tags/emulation-movement/index.html").exists());
}

#[test]
fn units_list_their_models_and_news_and_models_are_grouped() {
    let (_s, out) = built();
    let t = text(&read(&out, "dia-phuong/da-nang/index.html"));
    assert!(t.contains("Điển hình tiên tiến Thành phố Đà Nẵng được tôn vinh"), "{t}");
    assert!(t.contains("Tin liên quan"), "{t}");
    assert!(t.contains("Phát động phong trào thi đua"), "{t}");
    // Quảng Nam merged into Đà Nẵng: news about it shows on Đà Nẵng's page too.
    assert!(t.contains("Công bố chỉ số thử 2024"), "{t}");
    let roll = text(&read(&out, "en/models/index.html"));
    for heading in [
        "By competition content",
        "By year",
        "By award",
        "By unit",
        "Digital government and administrative reform (1)",
        "Honoured (no formal award form stated) (1)",
    ] {
        assert!(roll.contains(heading), "{heading} in {roll}");
    }
    let model = text(&read(&out, "en/models/da-nang-2025/index.html"));
    assert!(model.contains("Unit Da Nang Kind Collective Competition content Digital government and administrative reform Award Honoured (no formal award form stated)"), "{model}");
    let content = text(&read(&out, "phong-trao/digital-government/index.html"));
    assert!(
        content.contains(
            "Nội dung về chính quyền số. Điển hình tiên tiến của nội dung này Thành phố Đà Nẵng được tôn vinh"
        ),
        "{content}"
    );
    let home = text(&read(&out, "index.html"));
    assert!(home.contains("Bảy") || home.contains("Phong trào thi đua"), "{home}");
}
