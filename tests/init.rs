//! `minhbach init`: a new site that builds at once, and never into a folder that holds anything.

mod common;

use std::fs;

use common::*;

#[test]
fn a_new_site_builds_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("xa-moi");
    let dir_s = dir.to_str().unwrap();
    let r = minhbach(&["init", dir_s, "--title-vi", "Cổng thử <nghiệm>", "--title-en", "Test \"portal\""]);
    assert_eq!(r.code, 0, "init failed:\n{}", r.stderr);
    let out = tmp.path().join("out");
    build_ok(&dir, &out);
    for page in [
        "index.html",
        "en/index.html",
        "404.html",
        "xep-hang/chi-so-mau/2025/index.html",
        "en/rankings/chi-so-mau/2025/index.html",
        "dia-phuong/xa-mau-a/index.html",
        "en/units/tinh-mau/index.html",
        "tin-tuc/2025-12-15-ket-qua-mau/index.html",
        "en/news/2025-12-15-ket-qua-mau/index.html",
        "dien-hinh/xa-mau-a-2025/index.html",
        "en/models/xa-mau-a-2025/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page} is missing");
    }
    let home = read(&out, "index.html");
    assert!(home.contains("Cổng thử &lt;nghiệm"), "the title, escaped in the page: {home}");
    let en = read(&out, "en/index.html");
    assert!(en.contains("Test &quot;portal&quot;") || en.contains("Test \"portal\""), "{en}");
    // Everything invented is named as an example.
    let edition = text(&read(&out, "xep-hang/chi-so-mau/2025/index.html"));
    assert!(edition.contains("Xã Mẫu A (ví dụ)"), "{edition}");
    assert!(edition.contains("ví dụ, không có thật"), "{edition}");
}

#[test]
fn titles_default_to_the_folder_name() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ha-tinh");
    fs::create_dir(&dir).unwrap();
    let r = minhbach(&["init", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "init into an empty folder failed:\n{}", r.stderr);
    let site = fs::read_to_string(dir.join("site.toml")).unwrap();
    assert!(site.contains("title_vi = \"Minh bạch chuyển đổi số — ha-tinh\""), "{site}");
    assert!(site.contains("title_en = \"Digital transformation, in the open — ha-tinh\""), "{site}");
    let check = minhbach(&["check", "--root", dir.to_str().unwrap()]);
    assert_eq!(check.code, 0, "check failed:\n{}", check.stderr);
}

#[test]
fn refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let r = minhbach(&["init", tmp.path().to_str().unwrap()]);
    assert_eq!(r.code, 1, "stdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("not empty"), "{}", r.stderr);
    assert!(r.stderr.contains("hint:"), "{}", r.stderr);
    assert!(!tmp.path().join("site.toml").exists(), "nothing is written");
    assert_eq!(fs::read_to_string(tmp.path().join("notes.txt")).unwrap(), "mine");

    let file = tmp.path().join("notes.txt");
    let r = minhbach(&["init", file.to_str().unwrap()]);
    assert_eq!(r.code, 1, "a file is refused too:\n{}", r.stderr);
}

#[test]
fn a_new_site_publishes_its_data_under_a_licence_in_a_valid_package() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("xa-moi");
    let r = minhbach(&["init", dir.to_str().unwrap(), "--title-vi", "Xã \"Mới\"", "--title-en", "New commune"]);
    assert_eq!(r.code, 0, "init failed:\n{}", r.stderr);
    let out = tmp.path().join("out");
    build_ok(&dir, &out);
    assert!(text(&read(&out, "xep-hang/chi-so-mau/2025/index.html")).contains("Creative Commons Attribution 4.0"));
    let pkg: serde_json::Value = serde_json::from_str(&read(&out, "du-lieu/datapackage.json")).unwrap();
    assert_eq!(pkg["licenses"][0]["name"], "CC-BY-4.0");
    assert_eq!(pkg["contributors"][0]["title"], "Xã \"Mới\" / New commune");
    assert!(pkg["resources"].as_array().is_some_and(|r| r.len() > 3));
    // `frictionless validate` when the tool is installed (qa/run installs it).
    if std::process::Command::new("frictionless").arg("--version").output().is_ok_and(|o| o.status.success()) {
        let v = std::process::Command::new("frictionless")
            .args(["validate", "datapackage.json"])
            .current_dir(out.join("du-lieu"))
            .output()
            .unwrap();
        assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));
    }
}
