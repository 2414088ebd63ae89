//! The Markdown renderer's tests: safety, links, anchors, pictures, depth, and the checked
//! form rendering as the text did.
use super::*;

fn md(text: &str) -> (Html, Diagnostics) {
    let mut d = Diagnostics::default();
    let resolve = |p: &str| (p == "news/a.md").then(|| "tin-tuc/a/".to_string());
    let h = render(
        &Source {
            file: "x.md",
            first_line: 5,
            allow_html: false,
            resolve: &resolve,
            static_file: &|p| p == "a.png",
            picture: None,
        },
        text,
        &mut d,
    );
    (h, d)
}

#[test]
fn raw_html_is_escaped_by_default() {
    let (h, _) = md("Hi <script>alert(1)</script>");
    assert!(h.html.contains("&lt;script&gt;"), "{}", h.html);
    assert!(!h.html.contains("<script>"));
    let mut d = Diagnostics::default();
    let none = |_: &str| None;
    let h = render(
        &Source { file: "a", first_line: 1, allow_html: true, resolve: &none, static_file: &|_| true, picture: None },
        "<b>x</b>",
        &mut d,
    );
    assert!(h.html.contains("<b>x</b>"));
}

#[test]
fn script_links_are_refused_with_their_line() {
    let (h, d) = md("one\n\n[x](javascript:alert(1))");
    assert!(!h.html.contains("javascript"), "{}", h.html);
    let s = d.to_string();
    assert!(s.contains("x.md:7: error: link to `javascript:alert(1)` is refused"), "{s}");
    assert!(!safe_url(" JavaScript:x"));
    assert!(!safe_url("data:text/html,x"));
    assert!(safe_url("https://dti.gov.vn/"));
}

#[test]
fn internal_links_resolve_or_fail() {
    let (h, d) = md("[a](@/news/a.md#top) and [b](@/news/b.md)");
    assert!(h.html.contains(&format!("href=\"{ROOT}tin-tuc/a/#top\"")), "{}", h.html);
    assert!(d.to_string().contains("x.md:5: error: internal link `@/news/b.md` points at no page"));
}

#[test]
fn external_links_are_marked() {
    let (h, _) = md("[DTI](https://dti.gov.vn/?a=1&b=2)");
    assert!(
        h.html.contains("<a href=\"https://dti.gov.vn/?a=1&amp;b=2\" class=\"external\" rel=\"external\">DTI</a>"),
        "{}",
        h.html
    );
}

#[test]
fn headings_get_unique_anchors_and_a_toc() {
    let (h, _) = md("## Mục tiêu\n\ntext\n\n## Mục tiêu\n\n### Chi tiết");
    assert!(h.html.contains("<h2 id=\"muc-tieu\">"), "{}", h.html);
    assert!(h.html.contains("<h2 id=\"muc-tieu-2\">"));
    assert_eq!(h.toc.len(), 3);
    assert_eq!(h.toc[2], TocEntry { level: 3, id: "chi-tiet".into(), title: "Chi tiết".into() });
}

#[test]
fn images_need_alt_text() {
    let (_, d) = md("![](a.png)\n\n![Bản đồ](b.png)");
    let s = d.to_string();
    assert!(s.contains("x.md:5: warning: image has no alt text"), "{s}");
    assert!(!d.has_errors());
    assert_eq!(s.matches("warning").count(), 1);
}

#[test]
fn allowed_html_is_sanitised() {
    let mut d = Diagnostics::default();
    let none = |_: &str| None;
    let src =
        Source { file: "a", first_line: 1, allow_html: true, resolve: &none, static_file: &|_| true, picture: None };
    let text = "<p onclick=\"x()\">a <b>b</b></p>\n\n<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\">c</a> <img src=\"x.png\" alt=\"d\" onerror=\"e()\">\n\n## Đầu mục";
    let h = render(&src, text, &mut d).html;
    assert!(
        !h.contains("onclick") && !h.contains("<script") && !h.contains("javascript:") && !h.contains("onerror"),
        "{h}"
    );
    assert!(h.contains("<b>b</b>") && h.contains("alt=\"d\"") && h.contains("id=\"dau-muc\""), "{h}");
}

#[test]
fn images_of_the_site_must_exist() {
    let (_, d) = md("![a](/a.png) ![b](/b.png) ![c](https://x.org/c.png)\n");
    let s = d.to_string();
    assert!(s.contains("x.md:5: error: image `/b.png` is not a file of static/"), "{s}");
    assert_eq!(d.error_count(), 1, "{s}");
}

#[test]
fn pictures_of_the_site_become_markers() {
    let mut d = Diagnostics::default();
    let seen = RefCell::new(Vec::new());
    let picture = |p: &str, alt: &str, title: &str, linked: bool| {
        if p == "bad.jpg" {
            return Err("it is not a JPEG, PNG or WebP picture".to_string());
        }
        seen.borrow_mut().push((p.to_string(), alt.to_string(), title.to_string(), linked));
        Ok((p == "a.jpg").then(|| seen.borrow().len() - 1))
    };
    let src = Source {
        file: "x.md",
        first_line: 1,
        allow_html: true,
        resolve: &|_| None,
        static_file: &|p| p != "gone.jpg",
        picture: Some(&picture),
    };
    let text = "![Lễ *phát* động](/a.jpg \"T\")\n\n[![b](/b.jpg)](https://x.org/)\n\n![c](/bad.jpg) ![d](/gone.jpg) ![e](e.jpg)";
    let h = render(&src, text, &mut d).html;
    assert!(h.contains(&format!("<p>{}</p>", picture_marker(0))), "{h}");
    assert!(h.contains(&format!("<img src=\"{ROOT}b.jpg\" alt=\"b\">")), "a plain image: {h}");
    let seen = seen.into_inner();
    assert_eq!(seen[0], ("a.jpg".into(), "Lễ phát động".into(), "T".into(), false));
    assert!(seen[1].3, "inside a link");
    let s = d.to_string();
    assert!(s.contains("x.md:5: error: image `static/bad.jpg` cannot be read: it is not a JPEG"), "{s}");
    assert!(s.contains("image `/gone.jpg` is not a file of static/"), "{s}");
    assert_eq!(seen.len(), 2, "only the site's own pictures are asked for");
}

#[test]
fn nesting_is_bounded_with_its_line() {
    let deep = format!("a\n\n{} x\n", ">".repeat(6000));
    let (h, d) = md(&deep);
    assert!(h.html.is_empty());
    assert!(d.to_string().contains("x.md:7: error: the text nests more than 100 levels deep"), "{d}");
    let list = format!("{}y\n", "- ".repeat(3000));
    assert!(md(&list).1.has_errors());
    let (ok, d) = md(&format!("{} fine\n", ">".repeat(20)));
    assert!(!d.has_errors() && ok.html.contains("fine"));
    assert_eq!(html_depth("<div><p>a<br>b</p><img src=x><p/></div>"), 2);
}

#[test]
fn checked_text_renders_as_the_text_did() {
    let resolve = |p: &str| (p == "news/a.md").then(|| "tin-tuc/a/".to_string());
    let picture = |p: &str, alt: &str, title: &str, linked: bool| {
        Ok((p == "a.jpg").then_some(0).filter(|_| alt == "A" && title.is_empty() && !linked))
    };
    let src = Source {
        file: "x.md",
        first_line: 1,
        allow_html: false,
        resolve: &resolve,
        static_file: &|p| p != "gone.png",
        picture: Some(&picture),
    };
    let text = "## Mục\n\n[a](@/news/a.md#x) [b](@/news/b.md) [c](https://x.org/) ![A](/a.jpg) ![B](/b.png)\n\n![G](/gone.png) ![](/assets/logo.svg)";
    let mut d = Diagnostics::default();
    let whole = render(&src, text, &mut d);
    let mut checked_d = Diagnostics::default();
    let (checked, toc) = check(&src, text, &mut checked_d);
    assert_eq!(d.to_string(), checked_d.to_string(), "the same problems");
    assert_eq!(toc, whole.toc);
    assert_eq!(checked.links.len(), 1);
    let used = [PictureUse { path: "a.jpg".into(), alt: "A".into(), title: String::new(), linked: false }];
    assert_eq!(to_html(&checked, &checked.text, Some(&used)), whole.html);
}

#[test]
fn tables_and_footnotes() {
    let (h, _) = md("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Note");
    assert!(h.html.contains("<table>"));
    assert!(h.html.contains("footnote"));
}
