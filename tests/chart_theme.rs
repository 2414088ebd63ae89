//! Charts take their colours, font and sizes from the theme's stylesheet: each chart is in the
//! page twice (a phone drawing and a desktop one, one shown at a time), its shapes carry
//! `f-<name>`/`s-<name>` classes that `style.css` paints with `--chart-<name>` custom
//! properties, so a site's `static/extra.css` that sets one recolours every inline chart, while
//! the standalone `.svg` files keep the default colours.

mod common;

use std::fs;

use common::*;

#[test]
fn a_custom_property_in_the_sites_css_recolours_the_inline_charts() {
    let site = fixture();
    let root = site.path();
    fs::create_dir_all(root.join("static")).unwrap();
    fs::write(root.join("static/extra.css"), ":root { --chart-accent: #b5262a; }\n").unwrap();
    let out = root.join("public");
    build_ok(root, &out);
    // An edition page with its scores chart.
    let (dir, page) = fs::read_dir(out.join("xep-hang/dti"))
        .unwrap()
        .filter_map(|e| {
            let dir = e.ok()?.path();
            let page = fs::read_to_string(dir.join("index.html")).ok()?;
            page.replace('"', "").contains("id=figure-scores").then_some((dir, page))
        })
        .next()
        .expect("an edition page with a scores chart");
    let html = page.replace('"', "");
    // Both drawings, one for a phone and one for a desktop column.
    assert!(html.contains("chart-svg chart-narrow"), "{html}");
    assert!(html.contains("chart-svg chart-wide"));
    let lower = html.to_lowercase();
    assert!(lower.contains("viewbox=0 0 328 ") && lower.contains("viewbox=0 0 640 "));
    // The bars name their colour for the stylesheet, and keep the default beside it.
    assert!(html.contains("class=f-accent fill=#2171b5"), "{html}");
    // The theme paints that class with the property, whose default it defines ...
    let style = read(&out, "assets/style.css");
    assert!(style.contains(".chart-svg .f-accent { fill: var(--chart-accent); }"));
    assert!(style.contains("--chart-accent: #2171b5;"));
    assert!(style.contains("font-family: var(--chart-font)"));
    // ... and the site's stylesheet, linked after it, sets it: the bars are drawn #b5262a.
    let (at_style, at_extra) = (html.find("style.css").unwrap(), html.find("extra.css").expect("extra.css linked"));
    assert!(at_style < at_extra);
    assert!(read(&out, "extra.css").contains("--chart-accent: #b5262a"));
    // The standalone file is the wide drawing with the defaults written in.
    let standalone = fs::read_to_string(dir.join("scores.svg")).unwrap();
    assert!(standalone.contains("viewBox=\"0 0 640 ") && standalone.contains("class=\"f-accent\" fill=\"#2171b5\""));
    assert!(!standalone.contains("var(--"));
}
