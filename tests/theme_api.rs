//! The designer's theme API: `[extra]` of site.toml and front matter reach the templates,
//! `[[menu]]` replaces the navigation, extra stylesheets are linked after style.css, and
//! `minhbach theme eject` copies the built-in theme out without overwriting anything.

mod common;

use std::fs;

use common::*;

#[test]
fn extra_menu_and_stylesheets_reach_the_pages() {
    let site = fixture();
    let root = site.path();
    let toml = fs::read_to_string(root.join("site.toml")).unwrap();
    fs::write(
        root.join("site.toml"),
        format!(
            "{toml}stylesheets = [\"/css/brand.css\"]\n\n[extra]\ntagline = \"Dữ liệu mở\"\naccent = \"#c00\"\n\n\
             [[menu]]\nname_vi = \"Giới thiệu\"\nname_en = \"About\"\nurl = \"@/pages/gioi-thieu.md\"\n\n\
             [[menu]]\nname_vi = \"Xếp hạng\"\nname_en = \"Rankings\"\nurl = \"rankings\"\n\n\
             [[menu]]\nname_vi = \"Cổng Chính phủ\"\nname_en = \"Government portal\"\nurl = \"https://chinhphu.vn/\"\n"
        ),
    )
    .unwrap();
    fs::create_dir_all(root.join("static/css")).unwrap();
    fs::write(root.join("static/css/brand.css"), "body { color: #111; }\n").unwrap();
    fs::write(root.join("static/extra.css"), ":root { --chart-accent: #c00; }\n").unwrap();
    // A theme that shows `extra` in the footer; the page's own [extra] goes over the site's.
    fs::create_dir_all(root.join("themes/default/templates")).unwrap();
    let base = include_str!("../themes/default/templates/base.html").replace(
        "{% block footer %}",
        "<p class=\"tagline\">{{ extra.tagline }} · {{ extra.accent }}</p>{% block footer %}",
    );
    fs::write(root.join("themes/default/templates/base.html"), base).unwrap();
    fs::write(
        root.join("content/pages/gioi-thieu.md"),
        "+++\ntitle = \"Giới thiệu\"\ndescription = \"Về trang này.\"\n[extra]\naccent = \"#00c\"\n+++\nTrang thử.\n",
    )
    .unwrap();
    let out = root.join("public");
    build_ok(root, &out);
    let home = read(&out, "index.html").replace('"', "");
    assert!(home.contains("Dữ liệu mở · #c00"), "site [extra] in the footer");
    let about = read(&out, "trang/gioi-thieu/index.html").replace('"', "");
    assert!(about.contains("Dữ liệu mở · #00c"), "the page's [extra] over the site's");
    // The menu replaces the default navigation, in both languages.
    assert!(home.contains(">Giới thiệu</a>") && home.contains("xep-hang/>Xếp hạng</a>"), "{home}");
    assert!(home.contains("href=https://chinhphu.vn/>Cổng Chính phủ</a>"));
    assert!(!home.contains(">Tin tức</a></li>"), "the default navigation is replaced");
    assert!(home.contains("class=brand href=./>"), "the site's name still leads home");
    assert!(about.contains("<a href=../../trang/gioi-thieu/ aria-current=page>Giới thiệu</a>"), "{about}");
    let en = read(&out, "en/index.html").replace('"', "");
    assert!(en.contains(">About</a>") && en.contains(">Government portal</a>"));
    // Stylesheets after style.css: the site's static/extra.css, then `stylesheets`.
    let style = home.find("assets/style.css").unwrap();
    let extra = home.find("href=./extra.css").expect("static/extra.css linked");
    let brand = home.find("href=./css/brand.css").expect("stylesheets linked");
    assert!(style < extra && extra < brand);
    assert!(out.join("extra.css").exists() && out.join("css/brand.css").exists());
}

#[test]
fn theme_eject_writes_the_theme_and_refuses_to_overwrite() {
    let site = fixture();
    let root = site.path().to_str().unwrap();
    let r = minhbach(&["theme", "eject", "--root", root]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("themes/default/templates/base.html"), "{}", r.stdout);
    for f in ["templates/base.html", "static/style.css", "i18n/vi.toml", "i18n/en.toml"] {
        let written = fs::read(site.path().join("themes/default").join(f)).unwrap();
        let shipped =
            fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default").join(f)).unwrap();
        assert_eq!(written, shipped, "{f}");
    }
    // The site builds with the ejected theme.
    build_ok(site.path(), &site.path().join("public"));
    // A second eject changes nothing and says why.
    fs::write(site.path().join("themes/default/static/style.css"), "/* mine */").unwrap();
    let again = minhbach(&["--lang", "en", "theme", "eject", "--root", root]);
    assert_ne!(again.code, 0);
    assert!(again.stderr.contains("the file exists; nothing was written"), "{}", again.stderr);
    assert_eq!(fs::read_to_string(site.path().join("themes/default/static/style.css")).unwrap(), "/* mine */");
}
