//! What publishers used to Zola and Hugo expect: drafts (`--drafts`), news held back until their
//! date (`--future`), dates with a time, a section's `_index.md`, files of `content/` that are
//! not read named, the dotfiles hosts read copied from `static/`, and large documents up to
//! `max_file_mb`. Each test builds the fixture site with a few files laid over it.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;

/// 2025-11-23, after every dated file of the fixture.
const BUILD_DAY: &str = "1763856000";

/// Builds the site at `root` into `out` with `args` more, on the day [`BUILD_DAY`].
fn build_with(root: &Path, out: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["build", "--root", root.to_str().unwrap(), "--output-dir", out.to_str().unwrap()])
        .args(args)
        .args(["--lang", "en"])
        .env("SOURCE_DATE_EPOCH", BUILD_DAY)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn ok(r: Run) -> Run {
    assert_eq!(r.code, 0, "build failed:\n{}", r.stderr);
    r
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Every file of the output that names `needle`, by path.
fn mentions(out: &Path, needle: &str) -> Vec<String> {
    snapshot(out)
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(p, _)| p)
        .collect()
}

#[test]
fn drafts_are_published_only_when_asked_and_marked() {
    let site = fixture();
    let root = site.path();
    write(
        root,
        "content/news/2025-05-02-ban-nhap.md",
        "+++\ntitle = \"Tin nháp Zebra\"\ndate = 2025-05-02\ndraft = true\n+++\nChưa xong.\n",
    );
    write(root, "content/pages/nhap.md", "---\ntitle: Trang nháp Quokka\ndraft: true\n---\nChưa xong.\n");
    let out = root.join("public");
    ok(build_with(root, &out, &[]));
    assert!(!out.join("tin-tuc/2025-05-02-ban-nhap").exists());
    assert!(!out.join("nhap").exists() && !out.join("trang/nhap").exists());
    assert_eq!(mentions(&out, "Zebra"), Vec::<String>::new());
    assert_eq!(mentions(&out, "Quokka"), Vec::<String>::new());

    ok(build_with(root, &out, &["--drafts"]));
    let page = read(&out, "tin-tuc/2025-05-02-ban-nhap/index.html");
    assert!(text(&page).contains("Bản nháp."), "{}", text(&page));
    assert!(has_attr(&page, "content", "noindex"));
    let found = mentions(&out, "Zebra");
    for file in ["tin-tuc/index.html", "tin-tuc/atom.xml", "tim-kiem/index.json"] {
        assert!(found.iter().any(|f| f == file), "{file} not in {found:?}");
    }
    assert!(!mentions(&out, "Quokka").is_empty());
    // A published page is not marked.
    assert!(!text(&read(&out, "tin-tuc/2025-10-21-dti/index.html")).contains("Bản nháp."));
}

#[test]
fn news_dated_after_the_build_are_held_back_with_a_warning() {
    let site = fixture();
    let root = site.path();
    write(
        root,
        "content/news/2025-12-01-sap-toi.md",
        "+++\ntitle = \"Tin sắp tới Okapi\"\ndate = 2025-12-01\n+++\nSắp đăng.\n",
    );
    write(
        root,
        "content/news/2025-12-01-sap-toi.en.md",
        "+++\ntitle = \"Coming Okapi\"\ndate = 2025-12-01\n+++\nSoon.\n",
    );
    let out = root.join("public");
    let r = ok(build_with(root, &out, &[]));
    for file in ["content/news/2025-12-01-sap-toi.md:3: warning:", "content/news/2025-12-01-sap-toi.en.md:3: warning:"]
    {
        assert!(r.stderr.contains(file), "{}", r.stderr);
    }
    assert!(r.stderr.contains("2025-12-01") && r.stderr.contains("--future"), "{}", r.stderr);
    assert_eq!(mentions(&out, "Okapi"), Vec::<String>::new());
    assert!(!out.join("tin-tuc/2025-12-01-sap-toi").exists());

    let r = ok(build_with(root, &out, &["--future"]));
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    assert!(text(&read(&out, "tin-tuc/2025-12-01-sap-toi/index.html")).contains("Okapi"));
}

#[test]
fn dates_with_a_time_show_their_own_day_and_order_by_the_instant() {
    let site = fixture();
    let root = site.path();
    // One day, three times: 08:00, 09:00 and 09:30 in Vietnam.
    write(root, "content/news/a-tam-gio.md", "+++\ntitle = \"Tám giờ\"\ndate = \"2025-05-14 08:00\"\n+++\nx\n");
    write(root, "content/news/b-chin-gio.md", "+++\ntitle = \"Chín giờ\"\ndate = 2025-05-14T09:00:00+07:00\n+++\nx\n");
    write(root, "content/news/c-chin-ruoi.md", "---\ntitle: Chín rưỡi\ndate: 2025-05-14T02:30:00Z\n---\nx\n");
    // Late on 14 May in New York is 15 May in Vietnam: the day written is the day shown.
    write(root, "content/news/d-new-york.md", "---\ntitle: New York\ndate: \"2025-05-14T23:30:00-05:00\"\n---\nx\n");
    let out = root.join("public");
    ok(build_with(root, &out, &[]));
    let list = text(&read(&out, "tin-tuc/index.html"));
    let at = |t: &str| list.find(t).unwrap_or_else(|| panic!("{t} not in {list}"));
    assert!(
        at("New York") < at("Chín rưỡi") && at("Chín rưỡi") < at("Chín giờ") && at("Chín giờ") < at("Tám giờ"),
        "{list}"
    );
    let ny = read(&out, "tin-tuc/d-new-york/index.html");
    assert!(ny.contains("datetime=\"2025-05-14\"") || ny.contains("datetime=2025-05-14"), "{ny}");
    assert!(text(&read(&out, "tin-tuc/b-chin-gio/index.html")).contains("14 tháng 5, 2025"));
}

#[test]
fn a_section_index_gives_the_list_its_title_and_introduction() {
    let site = fixture();
    let root = site.path();
    write(root, "content/news/_index.md", "+++\ntitle = \"Tin hoạt động\"\n+++\nTin của **Sở** về phong trào.\n");
    write(root, "content/models/_index.en.md", "---\ntitle: Our models\n---\nPeople and bodies honoured.\n");
    let out = root.join("public");
    let r = ok(build_with(root, &out, &[]));
    assert!(!r.stderr.contains("_index"), "{}", r.stderr);
    let news = read(&out, "tin-tuc/index.html");
    assert!(news.contains("<h1>Tin hoạt động"), "{news}");
    assert!(news.contains("<strong>Sở</strong>"), "{news}");
    // Other pages of the list, the other language and tag pages keep the theme's words.
    assert!(!read(&out, "en/news/index.html").contains("Tin hoạt động"));
    let models = read(&out, "en/models/index.html");
    assert!(models.contains("<h1>Our models</h1>") && models.contains("People and bodies honoured."), "{models}");
    assert!(!read(&out, "dien-hinh/index.html").contains("Our models"));
}

#[test]
fn files_of_content_that_are_not_read_are_named() {
    let site = fixture();
    let root = site.path();
    write(root, "content/news/quyet-dinh.docx", "PK");
    let out = root.join("public");
    let r = ok(build_with(root, &out, &[]));
    assert!(r.stderr.contains("content/news/quyet-dinh.docx: warning: this file is not published"), "{}", r.stderr);
    assert!(r.stderr.contains("static/"), "{}", r.stderr);

    write(root, "content/tin-tuc/bai-moi.md", "+++\ntitle = \"x\"\ndate = 2025-01-01\n+++\nx\n");
    write(root, "content/news/2025/bai-cu.md", "+++\ntitle = \"x\"\ndate = 2025-01-01\n+++\nx\n");
    let r = build_with(root, &out, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("content/tin-tuc/bai-moi.md: error: this page is in no folder minhbach reads"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("content/news/, content/models/, content/pages/, content/movement/"), "{}", r.stderr);
    assert!(
        r.stderr.contains("content/news/2025/bai-cu.md: error: this page is in a sub-folder of content/news/"),
        "{}",
        r.stderr
    );
}

#[test]
fn dotfiles_hosts_read_are_published_and_others_left_out() {
    let site = fixture();
    let root = site.path();
    write(root, "static/.well-known/security.txt", "Contact: mailto:x@example.org\n");
    write(root, "static/.nojekyll", "");
    write(root, "static/.htaccess", "ErrorDocument 404 /404.html\n");
    write(root, "static/.DS_Store", "junk");
    write(root, "static/.git/config", "junk");
    write(root, "static/files/.~lock.x.docx#", "junk");
    let out = root.join("public");
    ok(build_with(root, &out, &[]));
    assert_eq!(read(&out, ".well-known/security.txt"), "Contact: mailto:x@example.org\n");
    assert!(out.join(".nojekyll").is_file() && out.join(".htaccess").is_file());
    assert!(!out.join(".DS_Store").exists() && !out.join(".git").exists() && !out.join("files").exists());
    assert!(read(&out, "SHA256SUMS").contains(".well-known/security.txt"));
}

#[test]
fn large_documents_are_allowed_up_to_max_file_mb() {
    let site = fixture();
    let root = site.path();
    // 17 MB: over the limit of data files, under the default for documents.
    fs::create_dir_all(root.join("static/van-ban")).unwrap();
    fs::write(root.join("static/van-ban/quyet-dinh.pdf"), vec![b'%'; 17 * 1024 * 1024]).unwrap();
    let out = root.join("public");
    ok(build_with(root, &out, &[]));
    assert_eq!(fs::metadata(out.join("van-ban/quyet-dinh.pdf")).unwrap().len(), 17 * 1024 * 1024);

    let toml = fs::read_to_string(root.join("site.toml")).unwrap();
    fs::write(root.join("site.toml"), format!("{toml}max_file_mb = 10\n")).unwrap();
    let r = build_with(root, &out, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("static/van-ban/quyet-dinh.pdf: error: file is too large (17 MB; at most 10 MB)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("max_file_mb = 20"), "{}", r.stderr);
}
