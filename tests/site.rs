//! Builds the fixture site and asserts on what a reader sees: ties, missing scores, a merged
//! province's history, the language switch, Vietnamese order, escaping, determinism.

mod common;

use common::*;
use std::fs;

#[test]
fn summary_line_counts_pages_per_language() {
    let site = fixture();
    let r = build_ok(site.path(), &site.path().join("public"));
    let line = r.stdout.lines().last().unwrap();
    assert!(line.starts_with("built 74 pages (vi 38, en 36), 32 charts, 33 data files, 166 files in "), "{line}");
}

#[test]
fn a_tie_shows_as_equal_ranks_and_a_missing_score_as_a_dash() {
    let (_s, out) = built();
    let page = text(&read(&out, "xep-hang/dti/2024/index.html"));
    assert!(page.contains("2= Đà Nẵng 0,7951"), "{page}");
    assert!(page.contains("2= Huế 0,7951"), "{page}");
    // Gia Lai has a rank but no published score: a dash, never 0.
    assert!(page.contains("Gia Lai —"), "{page}");
    assert!(!page.contains("Gia Lai 0"), "{page}");
    // Đắk Lắk is listed without rank or score, after the ranked rows.
    assert!(page.contains("4 Gia Lai — — Đắk Lắk —"), "{page}");
    let en = text(&read(&out, "en/rankings/dti/2024/index.html"));
    assert!(en.contains("0.7951") && page.contains("0,7951"), "numbers follow the page language");
}

#[test]
fn changes_of_rank_are_not_shown_across_a_change_of_field() {
    // 2023 ranked the 7 provinces before the merger, 2024 the 5 after it: a rank among 5 says
    // nothing against a rank among 7, so no change is shown (Hà Nội: 4 → 1, Đà Nẵng: 1 → 2=).
    let (_s, out) = built();
    let t = text(&read(&out, "xep-hang/dti/2024/index.html"));
    assert!(t.contains("1 Hà Nội 0,8241"), "no column of changes: {t}");
    assert!(!t.contains("▲ 3 tăng 3") && !t.contains("▼ 1 giảm 1"), "{t}");
    assert!(
        t.contains("Không so sánh thứ hạng với Chỉ số thử 2023: kỳ đó xếp hạng 7 đơn vị, kỳ này 5 đơn vị"),
        "the reason is stated: {t}"
    );
    let unit = text(&read(&out, "dia-phuong/da-nang/index.html"));
    assert!(!unit.contains("giảm 1 bậc"), "{unit}");
}

#[test]
fn list_order_ranks_are_marked() {
    let (_s, out) = built();
    let t = text(&read(&out, "xep-hang/dti/2023/index.html"));
    assert!(t.contains("3 † Quảng Nam —"), "{t}");
    assert!(t.contains("Hạng suy ra từ thứ tự liệt kê"), "{t}");
}

#[test]
fn a_merged_province_keeps_its_history_and_says_where_it_went() {
    let (_s, out) = built();
    let absorbed = text(&read(&out, "dia-phuong/quang-nam/index.html"));
    assert!(absorbed.contains("Quảng Nam đã được sáp nhập vào Đà Nẵng từ ngày 1 tháng 7, 2025."), "{absorbed}");
    let en = text(&read(&out, "en/units/quang-nam/index.html"));
    assert!(en.contains("Quang Nam merged into Da Nang on 1 July 2025."), "{en}");
    // The continuing province shows its predecessor's rows too.
    let cont = text(&read(&out, "dia-phuong/da-nang/index.html"));
    assert!(cont.contains("Từ ngày 1 tháng 7, 2025, đơn vị gồm cả: Quảng Nam"), "{cont}");
    assert!(cont.contains("2023 3 † không có số liệu để so sánh — với tên Quảng Nam"), "{cont}");
    assert!(cont.contains("2023 1 không có số liệu để so sánh 0,8002"), "{cont}");
}

#[test]
fn the_language_switch_lands_on_the_same_page() {
    let (_s, out) = built();
    let vi = read(&out, "xep-hang/dti/2023/index.html");
    assert!(has_attr(&vi, "href", "../../../en/rankings/dti/2023/"), "vi → en");
    assert!(has_attr(&vi, "href", "https://example.org/en/rankings/dti/2023/"), "hreflang alternate");
    let en = read(&out, "en/units/hue/index.html");
    assert!(has_attr(&en, "href", "../../../dia-phuong/hue/"), "en → vi");
    assert!(en.to_ascii_lowercase().starts_with("<!doctype html>") && has_attr(&en, "lang", "en"), "{}", &en[..60]);
}

#[test]
fn names_are_sorted_in_vietnamese_order() {
    let (_s, out) = built();
    let t = text(&read(&out, "dia-phuong/index.html"));
    let region = t.split("Miền Trung").nth(1).unwrap();
    let pos = |n: &str| region.find(n).unwrap_or_else(|| panic!("{n} missing"));
    // Byte order would put Gia Lai and Huế before Đà Nẵng; Vietnamese puts Đ right after D.
    assert!(
        pos("Đà Nẵng") < pos("Đắk Lắk") && pos("Đắk Lắk") < pos("Gia Lai") && pos("Gia Lai") < pos("Huế"),
        "{region}"
    );
    // Past units are listed apart.
    let past = t.split("Đơn vị đã sáp nhập hoặc không còn").nth(1).unwrap();
    assert!(past.contains("Bình Định") && past.contains("Quảng Nam"), "{past}");
}

#[test]
fn data_and_markup_are_escaped() {
    let (_s, out) = built();
    let page = read(&out, "xep-hang/dti/2024/index.html");
    assert!(!page.contains("<script>alert"), "note must be escaped");
    assert!(page.contains("&lt;script"));
    assert!(page.contains("Ghi chú &lt;b"));
    let home = read(&out, "index.html");
    assert!(!home.contains("<script>alert"), "raw HTML in Markdown is escaped");
    assert!(home.contains("&lt;script"));
}

#[test]
fn each_edition_has_csv_and_json_of_exactly_its_rows() {
    let (_s, out) = built();
    let csv = read(&out, "xep-hang/dti/2024/dti-2024.csv");
    assert_eq!(csv.lines().count(), 6, "{csv}");
    assert!(csv.starts_with("unit,name_vi,name_en,rank,rank_basis,score,note\n"), "{csv}");
    assert!(csv.contains("gia-lai,Gia Lai,Gia Lai,4,stated,,\n"), "{csv}");
    let json: serde_json::Value = serde_json::from_str(&read(&out, "xep-hang/dti/2024/dti-2024.json")).unwrap();
    assert_eq!(json["rows"].as_array().unwrap().len(), 5);
    assert_eq!(json["rows"][1]["tied"], true);
    assert!(json["rows"][3]["score"].is_null());
    let page = read(&out, "en/rankings/dti/2024/index.html");
    assert!(has_attr(&page, "href", "../../../../xep-hang/dti/2024/dti-2024.csv"));
}

#[test]
fn an_indicator_page_ranks_the_published_values() {
    let (_s, out) = built();
    let t = text(&read(&out, "en/rankings/dti/2023/ha-tang/index.html"));
    assert!(t.contains("1 Da Nang 0.9 2 Hue 0.7 3 Quang Nam 0.5"), "values as published: {t}");
    assert!(t.contains("Median 0.7000"), "{t}");
}

#[test]
fn two_builds_are_byte_identical() {
    let site = fixture();
    let (a, b) = (site.path().join("a"), site.path().join("b"));
    build_ok(site.path(), &a);
    build_ok(site.path(), &b);
    assert_eq!(snapshot(&a), snapshot(&b));
}

#[test]
fn check_writes_nothing() {
    let site = fixture();
    let r = minhbach(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("checked 74 pages"), "{}", r.stdout);
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_sub_folder_base_url_keeps_links_relative() {
    let site = fixture();
    let out = site.path().join("public");
    let r = minhbach(&[
        "build",
        "--root",
        site.path().to_str().unwrap(),
        "--output-dir",
        out.to_str().unwrap(),
        "--base-url",
        "https://example.gov.vn/chuyen-doi-so",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = read(&out, "dia-phuong/hue/index.html");
    assert!(page.contains("https://example.gov.vn/chuyen-doi-so/dia-phuong/hue/"), "canonical follows base_url");
    assert!(!page.contains("href=\"/") && !page.contains("href=/"), "no root-relative links outside 404");
    let nf = read(&out, "404.html");
    assert!(has_attr(&nf, "href", "/chuyen-doi-so/assets/style.css"), "404 links through the base path");
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.gov.vn/chuyen-doi-so/en/units/hue/</loc>"));
}

#[test]
fn the_default_site_builds_every_edition_and_unit_in_both_languages() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("public");
    let r = build(&manifest(), &dir);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for page in [
        "xep-hang/dti-tinh/2022/index.html",
        "en/rankings/dti-tinh/2024-63/index.html",
        "xep-hang/dti-bo/2021-khong-dvc/index.html",
        "dia-phuong/quang-nam/index.html",
        "en/units/bo-tai-chinh/index.html",
    ] {
        read(&dir, page);
    }
    let units = fs::read_to_string(manifest().join("data/units.csv")).unwrap();
    for line in units.lines().skip(1) {
        let slug = line.rsplit(',').next().unwrap();
        let id = line.split(',').next().unwrap();
        let slug = if slug.is_empty() { id } else { slug };
        read(&dir, &format!("dia-phuong/{slug}/index.html"));
        read(&dir, &format!("en/units/{slug}/index.html"));
    }
    let t = text(&read(&dir, "xep-hang/dti-tinh/2022/index.html"));
    assert!(t.contains("15= "), "the 2022 tie at 15 stays a tie");
}

#[test]
fn citations_name_publisher_decision_date_permalink_and_build_day() {
    let site = fixture();
    let out = site.path().join("public");
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["build", "--root", site.path().to_str().unwrap(), "--output-dir", out.to_str().unwrap()])
        .args(["--lang", "en"])
        .env("SOURCE_DATE_EPOCH", "1763856000")
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let vi = text(&read(&out, "xep-hang/dti/2024/index.html"));
    assert!(
        vi.contains("Cơ quan thử (2025). Chỉ số thử cấp tỉnh 2024. Quyết định thử 2, công bố ngày 21 tháng 10, 2025. Trích từ Trang thử: https://example.org/xep-hang/dti/2024/ (bản dựng ngày 23 tháng 11, 2025)."),
        "{vi}"
    );
    let en = read(&out, "en/rankings/dti/2024/index.html");
    assert!(text(&en).contains("Test agency (2025). Test provincial index 2024. Quyết định thử 2, published 21 October 2025. Retrieved from Test site: https://example.org/en/rankings/dti/2024/ (built 23 November 2025)."));
    assert!(en.contains("@misc{dti-2024,"), "BibTeX");
    assert!(en.contains("urldate = {2025-11-23}"));
}

#[test]
fn checksums_match_the_published_files() {
    let (_s, out) = built();
    let sums = read(&out, "SHA256SUMS");
    let mut n = 0;
    for line in sums.lines() {
        let (hash, path) = line.split_once("  ").unwrap();
        let bytes = fs::read(out.join(path)).unwrap();
        assert_eq!(minhbach::output::sha256_hex(&bytes), hash, "{path}");
        n += 1;
    }
    assert_eq!(n + 2, snapshot(&out).len(), "every file but the manifest itself and the output's marker is listed");
    // The data page shows the same checksum as the file has.
    let csv = fs::read(out.join("xep-hang/dti/2024/dti-2024.csv")).unwrap();
    assert!(read(&out, "du-lieu/index.html").contains(&minhbach::output::sha256_hex(&csv)));
}

#[test]
fn an_alias_writes_a_redirect_page() {
    let site = fixture();
    let units = fs::read_to_string(site.path().join("data/units.csv")).unwrap();
    let units = units.replacen("valid_to,successor,slug\n", "valid_to,successor,slug,aliases\n", 1);
    let units: String = units
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{l}\n")
            } else if l.starts_with("hue,") {
                format!("{l},thua-thien-hue\n")
            } else {
                format!("{l},\n")
            }
        })
        .collect();
    fs::write(site.path().join("data/units.csv"), units).unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out);
    let page = read(&out, "dia-phuong/thua-thien-hue/index.html");
    assert!(page.contains("url=../../dia-phuong/hue/"), "{page}");
    assert!(has_attr(&page, "href", "https://example.org/dia-phuong/hue/"), "canonical");
    assert!(read(&out, "en/units/thua-thien-hue/index.html").contains("url=../../../en/units/hue/"));
    assert!(!read(&out, "sitemap.xml").contains("thua-thien-hue"), "redirects are not in the sitemap");
}

#[test]
fn the_search_index_folds_tones_d_and_case() {
    let (_s, out) = built();
    let index: serde_json::Value = serde_json::from_str(&read(&out, "tim-kiem/index.json")).unwrap();
    let entries = index.as_array().unwrap();
    let find = |q: &str| -> Vec<String> {
        let q = minhbach::i18n::fold(q);
        entries
            .iter()
            .filter(|e| e["f"].as_str().unwrap().contains(&q))
            .map(|e| e["t"].as_str().unwrap().to_string())
            .collect()
    };
    for q in ["da nang", "Da Nang", "ĐÀ NẴNG", "đà nẵng"] {
        assert!(find(q).contains(&"Đà Nẵng".to_string()), "{q}");
        // The unit is the exact match, ranked first by the page's script.
        let exact: Vec<_> =
            entries.iter().filter(|e| e["f"] == minhbach::i18n::fold(q)).map(|e| e["t"].clone()).collect();
        assert_eq!(exact, vec![serde_json::json!("Đà Nẵng")], "{q}");
    }
    assert!(find("dak lak").contains(&"Đắk Lắk".to_string()));
    let da_nang = entries.iter().find(|e| e["t"] == "Đà Nẵng").unwrap();
    assert_eq!(da_nang["u"], "dia-phuong/da-nang/");
    assert!(da_nang["x"].as_str().unwrap().contains("48"), "the code is searchable");
    let en: serde_json::Value = serde_json::from_str(&read(&out, "en/search/index.json")).unwrap();
    assert!(en.as_array().unwrap().iter().any(|e| e["t"] == "Da Nang" && e["u"] == "en/units/da-nang/"));
    // Without JavaScript the search page lists every unit.
    let page = text(&read(&out, "tim-kiem/index.html"));
    for name in ["Hà Nội", "Huế", "Đà Nẵng", "Quảng Nam", "Bộ Tài chính"] {
        assert!(page.contains(name), "{name}");
    }
    // Names written without spaces are in the index (other names: tests/search.rs).
    let en_hanoi = en.as_array().unwrap().iter().find(|e| e["t"] == "Ha Noi").unwrap();
    assert!(en_hanoi["a"].as_array().unwrap().contains(&serde_json::json!("hanoi")));
    // ... in an A–Z list, with initials that jump into it (Đ a letter of its own).
    let html = read(&out, "tim-kiem/index.html");
    let unquoted = html.replace('"', "");
    assert!(unquoted.contains("<a href=#az-dd>Đ</a>") && unquoted.contains("<h3 id=az-dd>Đ</h3>"), "Đ");
    assert!(unquoted.contains("id=a-z"));
    assert!(html.contains("<noscript>"), "a word for readers without the script");
    let en_html = read(&out, "en/search/index.html");
    assert!(en_html.replace('"', "").contains("<a href=#az-d>D</a>") && !en_html.contains("az-dd"));
    assert!(text(&html).contains("Chỉ số thử 2023"), "editions are in the list");
}

#[test]
fn downloads_say_what_the_pages_say() {
    let (_s, out) = built();
    for ed in ["2023", "2024"] {
        let json_text = read(&out, &format!("xep-hang/dti/{ed}/dti-{ed}.json"));
        let json: serde_json::Value = serde_json::from_str(&json_text).unwrap();
        let page = text(&read(&out, &format!("xep-hang/dti/{ed}/index.html")));
        let publisher = json["publisher_vi"].as_str().unwrap();
        assert!(page.contains(&format!("Cơ quan công bố {publisher}")), "{ed}: {publisher} / {page}");
        let csv = read(&out, &format!("xep-hang/dti/{ed}/dti-{ed}.csv"));
        let mut rows = csv::Reader::from_reader(csv.as_bytes());
        for row in rows.records() {
            let row = row.unwrap();
            let (name, score) = (&row[1], &row[5]);
            if score.is_empty() {
                assert!(page.contains(&format!("{name} —")), "{ed} {name}");
            } else {
                // The CSV keeps the published digits; the page and the JSON show the same.
                assert!(page.contains(&format!("{name} {}", score.replace('.', ","))), "{ed} {name} {score}");
                assert!(json_text.contains(&format!("\"score\": {score}")), "{ed} {name} {score}");
            }
        }
    }
}

#[test]
fn scores_keep_the_digits_they_were_published_with() {
    let site = fixture();
    let csv = "unit,rank,score\nda-nang,1,0.7\nhue,2,0.70\nha-noi,3,0.4880\n";
    fs::write(site.path().join("data/rankings/dti/2023.csv"), csv).unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out);
    let page = text(&read(&out, "xep-hang/dti/2023/index.html"));
    assert!(page.contains("Đà Nẵng 0,7 ") && page.contains("Huế 0,70 ") && page.contains("Hà Nội 0,4880"), "{page}");
    let json = read(&out, "xep-hang/dti/2023/dti-2023.json");
    assert!(json.contains("\"score\": 0.4880") && json.contains("\"score\": 0.70,"), "{json}");
    let down = read(&out, "xep-hang/dti/2023/dti-2023.csv");
    assert!(down.contains(",0.4880,") && down.contains(",0.7,"), "{down}");
}

#[test]
fn pages_are_minified_only_when_the_site_asks() {
    let (_s, plain) = built();
    let site = fixture();
    let toml = fs::read_to_string(site.path().join("site.toml")).unwrap();
    fs::write(site.path().join("site.toml"), format!("minify_html = true\n{toml}")).unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out);
    for page in ["index.html", "xep-hang/dti/2024/index.html", "en/units/hue/index.html"] {
        let (a, b) = (read(&plain, page), read(&out, page));
        // As the templates write it by default: quoted attributes, the lines between head tags.
        assert!(a.contains("<html lang=\"") && a.contains("\n<body>"), "{page}");
        // Minified: the same page, smaller, attributes unquoted where HTML allows.
        assert!(b.contains("<html lang=vi>") || b.contains("<html lang=en>"), "{page}");
        assert!(!b.contains("\n<body>") && b.len() < a.len(), "{page}: {} → {} bytes", a.len(), b.len());
        // (The minifier writes `>` in text, and `<` in a text area, as they are; Tera escapes them.)
        let plain =
            |h: &str| text(&h.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'"));
        assert_eq!(plain(&a), plain(&b), "{page}: a reader sees the same words");
    }
}
