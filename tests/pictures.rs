//! Pictures and share images as a reader (and a link preview) gets them: a phone photo in an
//! article is shown in a few sizes with `srcset`, `width`/`height` and lazy loading after the
//! first, its original still linked; every page names an absolute `og:image` that decodes.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// A noisy 4000×3000 JPEG of about 2 MB, like a phone's photo.
fn photo() -> Vec<u8> {
    let mut seed = 12345u32;
    let img = image::RgbImage::from_fn(4000, 3000, |x, y| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let n = (seed >> 29) as u8;
        image::Rgb([
            ((x / 16) as u8).wrapping_add(n),
            ((y / 12) as u8).wrapping_add(n),
            (((x + y) / 28) as u8).wrapping_add(n),
        ])
    });
    let mut out = Vec::new();
    img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)).unwrap();
    out
}

fn drawing() -> Vec<u8> {
    let img = image::RgbaImage::from_fn(800, 400, |x, y| image::Rgba([(x / 4) as u8, (y / 2) as u8, 90, 255]));
    let mut out = Vec::new();
    img.write_with_encoder(image::codecs::png::PngEncoder::new(&mut out)).unwrap();
    out
}

fn add_article(site: &Path, photo: &[u8]) {
    fs::create_dir_all(site.join("static/images")).unwrap();
    fs::write(site.join("static/images/anh-le.jpg"), photo).unwrap();
    fs::write(site.join("static/images/so-do.png"), drawing()).unwrap();
    fs::write(
        site.join("content/news/2025-05-01-anh.md"),
        "+++\ntitle = \"Ảnh lễ phát động\"\ndate = 2025-05-01\nimage = \"/images/anh-le.jpg\"\n+++\n\
         ![Lễ phát động tại Hà Nội](/images/anh-le.jpg)\n\nĐoạn văn.\n\n\
         [![Sơ đồ các nội dung](/images/so-do.png \"Sơ đồ\")](https://example.org/so-do)\n",
    )
    .unwrap();
}

#[test]
fn a_phone_photo_is_served_in_sizes_and_pages_have_share_images() {
    let site = fixture();
    let out = site.path().join("public");
    let original = photo();
    assert!(original.len() > 1_000_000, "{}", original.len());
    add_article(site.path(), &original);
    build_ok(site.path(), &out);

    let html = read(&out, "tin-tuc/2025-05-01-anh/index.html");
    // The photo: JPEG sizes, the widest 1600 px, its size given, loaded at once (the first).
    let first = &html[html.find("<picture>").expect("a picture")..];
    let first = &first[..first.find("</picture>").unwrap()];
    assert!(first.contains("anh-le.480w.jpg 480w") && first.contains("anh-le.960w.jpg 960w"), "{first}");
    assert!(first.contains("anh-le.1600w.jpg 1600w"), "{first}");
    assert!(has_attr(first, "width", "1600") && has_attr(first, "height", "1200"), "{first}");
    assert!(first.contains("sizes=") && !first.contains("loading="), "{first}");
    assert!(has_attr(&html, "href", "../../images/anh-le.jpg"), "the original is linked: {html}");
    // The drawing: lossless WebP first, PNG beside it, lazy, inside its own link (not linked again).
    let second = &html[html.rfind("<picture>").unwrap()..];
    assert!(has_attr(second, "type", "image/webp") && second.contains("so-do.800w.webp 800w"), "{second}");
    assert!(second.contains("so-do.800w.png") && has_attr(second, "loading", "lazy"), "{second}");
    assert!(has_attr(second, "width", "800") && has_attr(second, "height", "400"), "{second}");
    assert!(!has_attr(&html, "href", "../../images/so-do.png"), "{html}");

    // The files are there, decode at their width, and weigh less than the original.
    for (name, width) in [("anh-le.480w.jpg", 480), ("anh-le.960w.jpg", 960), ("anh-le.1600w.jpg", 1600)] {
        let bytes = fs::read(out.join("images").join(name)).unwrap();
        assert!(bytes.len() < original.len() / 2, "{name}: {} bytes", bytes.len());
        assert_eq!(image::load_from_memory(&bytes).unwrap().width(), width, "{name}");
    }
    assert_eq!(fs::read(out.join("images/anh-le.jpg")).unwrap(), original, "the original is published as is");
    assert!(out.join("images/so-do.800w.webp").exists() && out.join("images/so-do.480w.png").exists());

    // Share images: the article's chosen one, absolute; a ranking's chart card, which decodes.
    assert!(html.contains("property=\"og:image\" content=\"https://example.org/images/anh-le.1600w.jpg\""), "{html}");
    assert!(html.contains("summary_large_image"), "{html}");
    let edition = fs::read_dir(out.join("xep-hang"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .flat_map(|e| fs::read_dir(e.path()).unwrap().filter_map(Result::ok).map(|x| x.path()))
        .find(|p| p.join("share.png").exists())
        .expect("an edition page with a share card");
    let page = fs::read_to_string(edition.join("index.html")).unwrap();
    let rel = edition.strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/");
    assert!(page.contains(&format!("property=\"og:image\" content=\"https://example.org/{rel}/share.png\"")), "{page}");
    let card = image::load_from_memory(&fs::read(edition.join("share.png")).unwrap()).unwrap();
    assert_eq!((card.width(), card.height()), (1200, 630));
    // Other pages: the default card, drawn from the site's title.
    let home = read(&out, "index.html");
    assert!(home.contains("property=\"og:image\" content=\"https://example.org/assets/share.vi.png\""), "{home}");
    assert_eq!(image::load_from_memory(&fs::read(out.join("assets/share.en.png")).unwrap()).unwrap().height(), 630);
    assert!(home.contains("favicon.svg") && home.contains("apple-touch-icon.png"), "{home}");
}

#[test]
fn a_logo_is_shown_in_the_header() {
    let site = fixture();
    let out = site.path().join("public");
    fs::create_dir_all(site.path().join("static/images")).unwrap();
    fs::write(site.path().join("static/images/logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    let toml = fs::read_to_string(site.path().join("site.toml")).unwrap();
    fs::write(site.path().join("site.toml"), format!("{toml}logo = \"/images/logo.svg\"\n")).unwrap();
    build_ok(site.path(), &out);
    let page = read(&out, "en/news/index.html");
    let brand = &page[page.find("class=\"brand\"").unwrap()..];
    let brand = &brand[..brand.find("</a>").unwrap()];
    assert!(has_attr(brand, "class", "logo") && has_attr(brand, "src", "../../images/logo.svg"), "{brand}");
}
