//! The movement's targets as a reader sees them: statuses that follow from the data, "no
//! published figure" where there is none, the rule of each status, the source of each figure,
//! a council's own targets on its unit page, and the downloads. Deadlines are far in the past
//! (2020) or the future (2099), so no assertion depends on the day the test runs.

mod common;

use std::fs;
use std::path::Path;

use common::*;

const PROGRAMMES: &str = "\
key,unit,name_vi,name_en,document,date,url,note_vi,note_en
qd-thu-2020,,Chương trình thử quốc gia,National test programme,QĐ 1/QĐ-TTg,2020-06-03,https://example.org/qd-1,,
kh-da-nang-2025,da-nang,Kế hoạch chuyển đổi số của Đà Nẵng,Da Nang's digital transformation plan,KH 9/KH-UBND,2025-05,https://example.org/kh-9,,
";

const TARGETS: &str = "\
key,programme,content,wording_vi,wording_en,measure,measure_vi,measure_en,cmp,target,deadline,baseline,baseline_date,sources,note_vi,note_en
kinh-te-so-30,qd-thu-2020,digital-economy,Kinh tế số đạt 30% GDP,Digital economy at 30% of GDP,percent,% GDP,% of GDP,>=,30,2099,13.5,2020,https://example.org/muc-tieu-1,,Only in English.
egdi-top-50,qd-thu-2020,digital-government,Vào nhóm 50 nước đứng đầu EGDI,Top 50 in the EGDI,rank,hạng EGDI,EGDI rank,<=,50,2020,,,https://example.org/muc-tieu-2,,
ky-nang-so,qd-thu-2020,digital-society,70% người lao động có kỹ năng số cơ bản,70% of workers with basic digital skills,percent,% người lao động,% of workers,>,70,2099,,,https://example.org/muc-tieu-3,,
nghien-cuu,qd-thu-2020,general,12 nhà nghiên cứu trên một vạn dân,12 researchers per 10000 people,number,người trên một vạn dân,per 10000 people,>=,12,2099,,,https://example.org/muc-tieu-4,,
da-nang-5g,kh-da-nang-2025,infrastructure,Phủ sóng 5G 90% dân số Đà Nẵng,5G covers 90% of Da Nang's people,percent,% dân số,% of population,>=,90,2026-12-31,,,https://example.org/kh-9,,
";

const REPORTS: &str = "\
target,value,date,sources,reporter_vi,reporter_en,same_definition,measure_vi,measure_en,note_vi,note_en
kinh-te-so-30,14.02,2025,https://example.org/so-lieu-1 ; https://example.org/so-lieu-1b,Cục Thống kê,Statistics Office,yes,,,,
kinh-te-so-30,18.3,2024,https://example.org/uoc-tinh,Một bộ,A ministry,no,% GDP theo ước tính chính sách,% of GDP as a policy estimate,,
nghien-cuu,7.6,,https://example.org/khong-ngay,Một trang tin,A news page,yes,,,,
da-nang-5g,95,2025-10,https://example.org/5g,Sở Khoa học và Công nghệ Đà Nẵng,Da Nang Department of Science and Technology,yes,,,,
";

fn write_targets(root: &Path, reports: &str) {
    let dir = root.join("data/targets");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("programmes.csv"), PROGRAMMES).unwrap();
    fs::write(dir.join("targets.csv"), TARGETS).unwrap();
    fs::write(dir.join("reports.csv"), reports).unwrap();
}

fn built_with(reports: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let site = fixture();
    write_targets(site.path(), reports);
    let out = site.path().join("public");
    build_ok(site.path(), &out);
    (site, out)
}

/// The page links to `url` (the output is minified: quotes may be gone).
fn links_to(html: &str, url: &str) -> bool {
    html.contains(&format!("href={url}>"))
        || html.contains(&format!("href={url} "))
        || html.contains(&format!("href=\"{url}\""))
}

/// The text a reader sees: tags dropped, entities decoded, spaces folded.
fn words(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_overview_shows_each_status_the_rules_and_no_published_figure() {
    let (_s, out) = built_with(REPORTS);
    let vi = words(&read(&out, "muc-tieu/index.html"));
    // 14.02 % in 2025 on the way from 13.5 % (2020) to 30 % (2099): the straight path is at
    // about 14.5 % then, so it is behind.
    assert!(vi.contains("Kinh tế số đạt 30% GDP QĐ 1/QĐ-TTg · Chỉ tiêu ≥ 30% · Hạn 2099 Số liệu mới nhất: 14,02% (2025) · Chậm so với lộ trình"), "{vi}");
    // A rank target whose deadline passed with no figure.
    assert!(
        vi.contains(
            "Chỉ tiêu hạng ≤ 50 · Hạn 2020 Số liệu mới nhất: chưa có số liệu công bố · Quá hạn, chưa có số liệu"
        ),
        "{vi}"
    );
    assert!(vi.contains("Đã quá hạn 2020 mà chưa có số liệu công bố theo đúng định nghĩa của chỉ tiêu."), "{vi}");
    // No figure yet, deadline ahead.
    assert!(vi.contains("70% người lao động có kỹ năng số cơ bản QĐ 1/QĐ-TTg · Chỉ tiêu > 70% · Hạn 2099 Số liệu mới nhất: chưa có số liệu công bố · Chưa đủ số liệu"), "{vi}");
    // An undated figure is not the latest figure and does not make a status.
    assert!(vi.contains("12 nhà nghiên cứu trên một vạn dân QĐ 1/QĐ-TTg · Chỉ tiêu ≥ 12 · Hạn 2099 Số liệu mới nhất: chưa có số liệu công bố · Chưa đủ số liệu"), "{vi}");
    // Every rule is stated.
    assert!(vi.contains("Cách tính tình trạng"), "{vi}");
    assert!(vi.contains("Đúng lộ trình Trước hạn, chưa đạt nhưng không kém lộ trình tuyến tính"), "{vi}");
    assert!(vi.contains("Quá hạn, chưa có số liệu Đã quá hạn mà không có số liệu nào tính đến hạn"), "{vi}");
    assert!(vi.contains("2/5 mục tiêu có số liệu công bố theo đúng định nghĩa của chỉ tiêu."), "{vi}");
    // By phase: due in 2020 (before the movement), 2026 (phase 1) and 2099 (after 2030).
    assert!(vi.contains("Trước phong trào (đến 2024) (1) Hạn 2020"), "{vi}");
    assert!(vi.contains("Giai đoạn 1: 2025–2027 (sơ kết năm 2027) (1) Hạn 2026"), "{vi}");
    let en = words(&read(&out, "en/targets/index.html"));
    assert!(en.contains("Latest figure: no published figure · Deadline passed, no report"), "{en}");
    assert!(en.contains("rank ≤ 50"), "{en}");
    assert!(
        en.contains("Met The latest figure (dated, on the target's definition and unit) reaches the target"),
        "{en}"
    );
    // The navigation leads here.
    let home = read(&out, "index.html");
    assert!(links_to(&home, "./muc-tieu/") && home.contains(">Mục tiêu</a>"), "{home}");
    let home = words(&home);
    assert!(home.contains("Mục tiêu của phong trào : Đã đạt 1 Đúng lộ trình 0 Chậm so với lộ trình 1 Quá hạn, chưa có số liệu 1 Chưa đủ số liệu 2"), "{home}");
}

#[test]
fn a_target_page_names_its_figures_their_sources_and_the_one_the_status_rests_on() {
    let (_s, out) = built_with(REPORTS);
    let html = read(&out, "muc-tieu/kinh-te-so-30/index.html");
    assert!(links_to(&html, "https://example.org/so-lieu-1"), "the figure's source is linked");
    assert!(links_to(&html, "https://example.org/muc-tieu-1"), "the target's source is linked");
    assert!(links_to(&html, "https://example.org/qd-1"), "the programme is linked");
    assert!(html.contains("<svg"), "the history chart is drawn");
    let page = words(&html);
    assert!(page.contains("14,02% · 2025 · Cục Thống kê Tình trạng dựa trên số liệu này"), "{page}");
    assert!(
        page.contains(
            "18,3 (% GDP theo ước tính chính sách) · 2024 · Một bộ Định nghĩa hoặc đơn vị khác, không so sánh"
        ),
        "{page}"
    );
    assert!(page.contains("Số liệu mới nhất, 14,02% (2025, Cục Thống kê), kém lộ trình tuyến tính"), "{page}");
    assert!(page.contains("Trích dẫn") && page.contains("https://example.org/muc-tieu/kinh-te-so-30/"), "{page}");
    // The English-only note is marked as such.
    assert!((html.contains("lang=en") || html.contains("lang=\"en\"")) && page.contains("Only in English."), "{page}");
    let svg = read(&out, "muc-tieu/kinh-te-so-30/target.svg");
    assert!(svg.contains("<desc") && svg.contains("14,02%") && !svg.contains("18,3"), "{svg}");
    // An undated figure is listed as such and never drawn.
    let research = words(&read(&out, "en/targets/nghien-cuu/index.html"));
    assert!(research.contains("7.6 · undated · A news page"), "{research}");
    assert!(!Path::new(&out.join("en/targets/nghien-cuu/target.svg")).exists());
}

#[test]
fn changing_a_reported_value_changes_the_status() {
    let (_s, out) = built_with(REPORTS);
    let before = words(&read(&out, "muc-tieu/kinh-te-so-30/index.html"));
    assert!(before.contains("Chậm so với lộ trình"), "{before}");
    let (_s2, out2) = built_with(&REPORTS.replace("kinh-te-so-30,14.02,2025", "kinh-te-so-30,31.5,2025"));
    let after = words(&read(&out2, "muc-tieu/kinh-te-so-30/index.html"));
    assert!(after.contains("Đã đạt Số liệu mới nhất, 31,5% (2025, Cục Thống kê), đạt chỉ tiêu ≥ 30%."), "{after}");
    assert!(!after.contains("Chậm so với lộ trình Số liệu"), "{after}");
}

#[test]
fn a_councils_own_targets_show_on_its_unit_page() {
    let (_s, out) = built_with(REPORTS);
    let unit = words(&read(&out, "dia-phuong/da-nang/index.html"));
    assert!(unit.contains("Mục tiêu của đơn vị Phủ sóng 5G 90% dân số Đà Nẵng KH 9/KH-UBND · Chỉ tiêu ≥ 90% · Hạn 31 tháng 12, 2026 Số liệu mới nhất: 95% (tháng 10, 2025) · Đã đạt"), "{unit}");
    let other = words(&read(&out, "dia-phuong/hue/index.html"));
    assert!(!other.contains("Mục tiêu của đơn vị"), "{other}");
    let overview = words(&read(&out, "muc-tieu/index.html"));
    assert!(
        overview
            .contains("KH 9/KH-UBND (tháng 5, 2025): Kế hoạch chuyển đổi số của Đà Nẵng · Mục tiêu riêng của Đà Nẵng"),
        "{overview}"
    );
}

#[test]
fn the_targets_are_downloads_listed_with_their_checksums() {
    let (_s, out) = built_with(REPORTS);
    let csv = read(&out, "du-lieu/targets.csv");
    assert!(csv.starts_with("key,programme,document,unit,content,"), "{csv}");
    assert!(csv.contains("da-nang-5g,kh-da-nang-2025,KH 9/KH-UBND,da-nang,infrastructure,"), "{csv}");
    assert!(csv.contains(",met,95,2025-10,"), "{csv}");
    let reports = read(&out, "du-lieu/target-reports.csv");
    assert!(reports.contains("nghien-cuu,7.6,,https://example.org/khong-ngay"), "{reports}");
    let json: serde_json::Value = serde_json::from_str(&read(&out, "du-lieu/targets.json")).unwrap();
    assert_eq!(json["targets"][0]["reports"][1]["same_definition"], serde_json::Value::Bool(false));
    let sums = read(&out, "SHA256SUMS");
    for f in ["du-lieu/targets.csv", "du-lieu/target-reports.csv", "du-lieu/targets.json"] {
        assert!(sums.contains(f), "{f} in SHA256SUMS");
    }
    let feed = read(&out, "en/targets/atom.xml");
    assert!(feed.contains("<title>Digital economy at 30% of GDP: 14.02% (2025)</title>"), "{feed}");
    assert!(feed.contains("https://example.org/en/targets/kinh-te-so-30/#figure-0"), "{feed}");
    assert!(!feed.contains("7.6"), "an undated figure has no place in a feed: {feed}");
    let data = read(&out, "du-lieu/index.html");
    assert!(data.contains("targets.json"), "listed on the data page");
}

#[test]
fn a_site_without_targets_has_no_targets_section() {
    let (_s, out) = built();
    assert!(!out.join("muc-tieu").exists());
    assert!(!read(&out, "index.html").contains("muc-tieu/"));
}
