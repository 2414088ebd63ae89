//! `serve`'s incremental rebuild: after the edit of one news article, the output it leaves must
//! be byte for byte the output of a full build of the edited site, while rendering only the
//! pages that show the article. Run on a copy of the default site (13 articles, two list pages).

mod common;

use std::fs;
use std::path::Path;

use common::{copy_dir, manifest, snapshot};
use minhbach::incremental::{update, Live, Open, Updated};
use minhbach::BuildOptions;

const ARTICLE: &str = "content/news/2025-04-24-thanh-hoa-binh-dan-hoc-vu-so.md";
const ARTICLE_EN: &str = "content/news/2025-04-24-thanh-hoa-binh-dan-hoc-vu-so.en.md";

fn default_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["data", "content", "themes"] {
        copy_dir(&manifest().join(sub), &dir.path().join(sub));
    }
    fs::copy(manifest().join("site.toml"), dir.path().join("site.toml")).unwrap();
    dir
}

fn opts(root: &Path, out: &str) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output_dir: root.join(out),
        base_url: None,
        progress: false,
        drafts: false,
        future: false,
    }
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Builds the site, applies `change` (which returns the paths it changed), updates the output
/// incrementally and compares it with a full build of the changed site.
fn same_as_full_build(change: impl Fn(&Path) -> Vec<String>) -> Updated {
    same_as_full_build_of(|_| {}, change)
}

/// [`same_as_full_build`] on the default site changed by `prepare` before the first build.
fn same_as_full_build_of(prepare: impl Fn(&Path), change: impl Fn(&Path) -> Vec<String>) -> Updated {
    let dir = default_site();
    let root = dir.path();
    prepare(root);
    let mut live = built_live(root);
    let changed = change(root);
    let (updated, early) = update_showing(&mut live, root, &changed);
    let updated = updated.expect("an incremental rebuild");
    assert_live_is_a_full_build(root, &live, "");
    assert_shown_early_as_built(root, &early, "");
    updated
}

/// Pages open in the browser while the tests edit (the data page waits for the datasets).
const OPEN: [&str; 6] = [
    "index.html",
    "tin-tuc/index.html",
    "en/news/index.html",
    "dia-phuong/thanh-hoa/index.html",
    "xep-hang/dti-tinh/2024/index.html",
    "du-lieu/index.html",
];

/// The files a request was answered with before the rebuild's end, as they were then (`None`:
/// absent).
type Early = std::collections::BTreeMap<String, Option<Vec<u8>>>;

/// [`update`] into `root/live` as `serve` calls it, with the pages of [`OPEN`] open; also
/// returns what `serve` would have answered before the rebuild's end (empty when it showed no
/// first pages).
fn update_showing(live: &mut Live, root: &Path, changed: &[String]) -> (Option<Updated>, Early) {
    let out = root.join("live");
    let mut early = Early::new();
    let mut calls = 0;
    let mut shown = |ready: std::collections::HashSet<String>| {
        calls += 1;
        for path in OPEN.iter().filter(|p| !p.starts_with("du-lieu/")) {
            assert!(ready.contains(*path), "{path} is shown first");
        }
        assert!(!ready.contains("du-lieu/index.html"), "the data page waits for the datasets");
        for path in ready {
            early.insert(path.clone(), fs::read(out.join(&path)).ok());
        }
    };
    let open = Open { pages: OPEN.iter().map(ToString::to_string).collect(), shown: &mut shown };
    let updated = update(live, root, changed, &out, Some(open));
    assert!(calls <= 1, "shown once");
    assert_eq!(updated.as_ref().is_some_and(|u| u.shown.is_some()), calls == 1, "{updated:?}");
    (updated, early)
}

/// Every file answered before the rebuild's end is what a full build of the site (in
/// `root/full`) has, or absent from both.
fn assert_shown_early_as_built(root: &Path, early: &Early, after: &str) {
    for (path, bytes) in early {
        let full = fs::read(root.join("full").join(path)).ok();
        assert!(full == *bytes, "{path}, shown before the rebuild's end, differs from a full build{after}");
    }
}

/// The site at `root` built into `root/live`, kept as `serve` keeps it.
fn built_live(root: &Path) -> Live {
    let built = minhbach::build_site(&opts(root, "live")).unwrap();
    Live::new(built.site, built.theme, built.rendered)
}

/// `root/live` holds, byte for byte, what a full build of the site at `root` writes (into
/// `root/full`); `after` says which edit for the messages.
fn assert_live_is_a_full_build(root: &Path, live: &Live, after: &str) {
    minhbach::build(&opts(root, "full")).unwrap();
    let (a, b) = (snapshot(&root.join("live")), snapshot(&root.join("full")));
    let paths = |s: &[(String, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&a), paths(&b), "the same files{after}");
    let differ: Vec<&String> = a.iter().zip(&b).filter(|(x, y)| x.1 != y.1).map(|(x, _)| &x.0).collect();
    assert!(differ.is_empty(), "files differ from a full build{after}: {differ:?}");
    // The live output's hashes are those of a full build, for the next edit (all files but
    // SHA256SUMS and the output's marker).
    assert_eq!(live.hashes.len() + 2, b.len());
}

#[test]
fn a_body_edit_rebuilds_the_article_alone() {
    let u = same_as_full_build(|root| {
        edit(root, ARTICLE, "Hai tuần sau,", "Hai tuần sau (đã sửa),");
        vec![ARTICLE.into()]
    });
    // The article in both languages (the English page links to the Vietnamese), beside them
    // only the two feeds.
    assert_eq!((u.pages, u.files), (2, 4), "{u:?}");
    assert_eq!(u.removed, 0);
}

#[test]
fn a_title_edit_rebuilds_the_lists_that_show_it() {
    let u = same_as_full_build(|root| {
        edit(root, ARTICLE_EN, "Thanh Hoa adopts its plan", "Thanh Hoa adopts a plan");
        vec![ARTICLE_EN.into()]
    });
    assert!(u.pages > 4 && u.pages < 60, "{u:?}");
}

#[test]
fn new_and_dropped_tags_add_and_remove_tag_pages() {
    let u = same_as_full_build(|root| {
        edit(root, ARTICLE, r#"tags = ["Bình dân học vụ số"]"#, r#"tags = ["Thử nghiệm riêng"]"#);
        vec![ARTICLE.into()]
    });
    assert_eq!(u.removed, 0, "other articles keep the old tag");
    let u = same_as_full_build(|root| {
        let file = "content/news/2025-05-14-ke-hoach-trien-khai-phong-trao.md";
        let text = fs::read_to_string(root.join(file)).unwrap();
        let line = text.lines().find(|l| l.starts_with("tags = ")).unwrap().to_string();
        edit(root, file, &line, r#"tags = ["một thẻ mới"]"#);
        vec![file.into()]
    });
    assert!(u.removed <= 2, "{u:?}");
}

/// The Vietnamese articles, by file name.
fn vi_articles(root: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(root.join("content/news"))
        .unwrap()
        .map(|e| format!("content/news/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|f| !f.ends_with(".en.md"))
        .collect();
    v.sort();
    v
}

/// Gives the first `n` Vietnamese articles the tag "chung".
fn tag_chung(root: &Path, n: usize) {
    for f in vi_articles(root).iter().take(n) {
        edit(root, f, "tags = [", r#"tags = ["chung", "#);
    }
}

#[test]
fn a_tag_losing_its_eleventh_article_loses_its_second_page() {
    let u = same_as_full_build_of(
        |root| tag_chung(root, 11),
        |root| {
            let f = vi_articles(root)[3].clone();
            edit(root, &f, r#"tags = ["chung", "#, "tags = [");
            vec![f]
        },
    );
    assert_eq!(u.removed, 1, "tin-tuc/the/chung/trang/2/ is gone: {u:?}");
}

#[test]
fn a_title_edit_rebuilds_one_page_of_a_long_tag() {
    let u = same_as_full_build_of(
        |root| tag_chung(root, 12),
        |root| {
            let f = vi_articles(root)[5].clone();
            edit(root, &f, "title = \"", "title = \"Đã sửa: ");
            vec![f]
        },
    );
    assert_eq!(u.removed, 0);
}

#[test]
fn a_new_date_moves_the_article_and_its_neighbours() {
    same_as_full_build(|root| {
        edit(root, ARTICLE, "date = 2025-04-24", "date = 2020-01-02");
        edit(root, ARTICLE_EN, "date = 2025-04-24", "date = 2020-01-02");
        vec![ARTICLE.into(), ARTICLE_EN.into()]
    });
}

#[test]
fn new_units_change_the_unit_pages() {
    same_as_full_build(|root| {
        edit(root, ARTICLE, r#"units = ["thanh-hoa"]"#, r#"units = ["nghe-an", "quang-nam"]"#);
        edit(root, ARTICLE_EN, r#"units = ["thanh-hoa"]"#, r#"units = ["nghe-an", "quang-nam"]"#);
        vec![ARTICLE.into(), ARTICLE_EN.into()]
    });
}

#[test]
fn other_changes_and_problems_need_a_full_build() {
    let dir = default_site();
    let root = dir.path();
    let live_opts = opts(root, "live");
    let built = minhbach::build_site(&live_opts).unwrap();
    let mut live = Live::new(built.site, built.theme, built.rendered);
    let out = &live_opts.output_dir;
    // A data edit that changes what pages there are, or the address of one.
    edit(root, "data/units.csv", ",thanh-hoa,\n", ",thanh-hoa-moi,\n");
    assert!(update(&mut live, root, &["data/units.csv".into()], out, None).is_none(), "a unit's address");
    edit(root, "data/units.csv", ",thanh-hoa-moi,\n", ",thanh-hoa,\n");
    edit(root, "data/rankings/dti-bo/index.toml", "key = \"2022-khong-dvc\"", "key = \"2022-moi\"");
    assert!(
        update(&mut live, root, &["data/rankings/dti-bo/index.toml".into()], out, None).is_none(),
        "an edition's key"
    );
    edit(root, "data/rankings/dti-bo/index.toml", "key = \"2022-moi\"", "key = \"2022-khong-dvc\"");
    edit(root, "data/rankings/dti-bo/2023.csv", "bo-tai-chinh,2,", "bo-khong-co,2,");
    assert!(update(&mut live, root, &["data/rankings/dti-bo/2023.csv".into()], out, None).is_none(), "a problem");
    assert!(update(&mut live, root, &["site.toml".into()], out, None).is_none());
    assert!(update(&mut live, root, &["content/news/new-article.md".into()], out, None).is_none(), "no such file");
    // Other texts link to every article of the default site: a full build reports the links.
    let linked = "content/news/2025-06-30-ma-so-don-vi-hanh-chinh-34-tinh";
    fs::remove_file(root.join(format!("{linked}.md"))).unwrap();
    fs::remove_file(root.join(format!("{linked}.en.md"))).unwrap();
    assert!(update(&mut live, root, &[format!("{linked}.md"), format!("{linked}.en.md")], out, None).is_none());
    assert!(
        update(&mut live, root, &[ARTICLE.into(), "themes/default/static/style.css".into()], out, None).is_none(),
        "two kinds at once"
    );
    assert!(update(
        &mut live,
        root,
        &[ARTICLE.into(), "content/news/2025-06-30-ma-so-don-vi-hanh-chinh-34-tinh.md".into()],
        out,
        None
    )
    .is_none());
    edit(root, ARTICLE, "date = 2025-04-24", "date = 2025-13-45");
    assert!(update(&mut live, root, &[ARTICLE.into()], out, None).is_none(), "a bad date is reported by a full build");
}

#[test]
fn long_tags_are_paginated_like_the_news_list() {
    let dir = default_site();
    let root = dir.path();
    tag_chung(root, 12);
    minhbach::build(&opts(root, "out")).unwrap();
    let first = common::read(&root.join("out"), "tin-tuc/the/chung/index.html");
    let second = common::read(&root.join("out"), "tin-tuc/the/chung/trang/2/index.html");
    assert!(first.contains("href=\"../../../tin-tuc/the/chung/trang/2/\" rel=\"next\">"), "page 1 links to page 2");
    assert!(second.contains("— trang 2/2</span></h1>"), "page 2 says where it is");
    assert_eq!(first.matches("<article").count(), 10, "10 articles a page");
    assert_eq!(second.matches("<article").count(), 2);
    assert!(first.contains("chung (12)"), "the tag list counts every article");
}

// Every other kind of edit `serve` rebuilds alone: each compared byte for byte with a full build.

const MODEL: &str = "content/models/phuong-bai-chay-2025.md";
const MOVEMENT: &str = "content/movement/awareness.md";
const PAGE: &str = "content/pages/gioi-thieu.md";

#[test]
fn a_model_body_edit() {
    let u = same_as_full_build(|root| {
        edit(root, MODEL, "đã phát biểu tại buổi lễ", "đã phát biểu (đã sửa) tại buổi lễ");
        vec![MODEL.into()]
    });
    assert!(u.pages < 60, "{u:?}");
}

#[test]
fn a_model_moved_to_another_unit_content_and_date() {
    same_as_full_build(|root| {
        let en = MODEL.replace(".md", ".en.md");
        for file in [MODEL, &en] {
            edit(root, file, r#"unit = "bai-chay""#, r#"unit = "thanh-hoa""#);
            edit(root, file, r#"content = "digital-government""#, r#"content = "digital-society""#);
            edit(root, file, "decision_date = 2025-10-21", "decision_date = 2025-01-02");
        }
        edit(root, MODEL, "title = \"", "title = \"Đã sửa: ");
        vec![MODEL.into(), en]
    });
}

#[test]
fn a_movement_page_edit() {
    let u = same_as_full_build(|root| {
        edit(root, MOVEMENT, "description = \"", "description = \"Đã sửa: ");
        edit(root, MOVEMENT, "là nâng cao nhận thức", "là (đã sửa) nâng cao nhận thức");
        vec![MOVEMENT.into()]
    });
    assert_eq!(u.pages, 6, "the page, the movement page and the home page, in two languages: {u:?}");
}

fn with_page(root: &Path) {
    fs::create_dir_all(root.join("content/pages")).unwrap();
    fs::write(root.join(PAGE), "+++\ntitle = \"Giới thiệu\"\n+++\n\nTrang giới thiệu của cổng.\n").unwrap();
}

#[test]
fn a_page_edit() {
    let u = same_as_full_build_of(with_page, |root| {
        edit(root, PAGE, "title = \"Giới thiệu\"", "title = \"Về cổng\"");
        edit(root, PAGE, "Trang giới thiệu", "Trang (đã sửa) giới thiệu");
        vec![PAGE.into()]
    });
    assert_eq!(u.pages, 2, "{u:?}");
}

#[test]
fn a_page_body_edit_leaves_the_search_indexes_alone() {
    let u = same_as_full_build_of(with_page, |root| {
        edit(root, PAGE, "Trang giới thiệu", "Trang (đã sửa) giới thiệu");
        vec![PAGE.into()]
    });
    assert_eq!((u.pages, u.files), (2, 2), "its two pages, no search index: {u:?}");
}

const NEW: &str = "content/news/2026-01-05-bai-moi.md";

#[test]
fn a_new_article_with_a_new_tag() {
    let u = same_as_full_build(|root| {
        let text = "+++\ntitle = \"Bài mới\"\ndate = 2026-01-05\ntags = [\"Thẻ mới\", \"Bình dân học vụ số\"]\n\
                    units = [\"thanh-hoa\"]\n+++\n\nNội dung [liên kết](@/news/2025-04-24-thanh-hoa-binh-dan-hoc-vu-so.md).\n";
        fs::write(root.join(NEW), text).unwrap();
        vec![NEW.into()]
    });
    assert_eq!(u.removed, 0);
}

#[test]
fn a_new_article_in_the_middle_without_tags() {
    same_as_full_build(|root| {
        let file = "content/news/2024-01-05-giua.md";
        fs::write(root.join(file), "+++\ntitle = \"Ở giữa\"\ndate = 2024-01-05\n+++\n\nNội dung.\n").unwrap();
        fs::write(
            root.join("content/news/2024-01-05-giua.en.md"),
            "+++\ntitle = \"Middle\"\ndate = 2024-01-05\n+++\n\nText.\n",
        )
        .unwrap();
        vec![file.into(), "content/news/2024-01-05-giua.en.md".into()]
    });
}

/// Adds an article no other text links to, with a tag of its own.
fn with_lone_article(root: &Path) {
    let text = "+++\ntitle = \"Một mình\"\ndate = 2025-05-01\ntags = [\"chỉ một bài\"]\nunits = [\"thanh-hoa\"]\n+++\n\nNội dung.\n";
    fs::write(root.join("content/news/2025-05-01-mot-minh.md"), text).unwrap();
    fs::write(root.join("content/news/2025-05-01-mot-minh.en.md"), text.replace("Một mình", "Alone")).unwrap();
}

#[test]
fn a_deleted_article_and_its_tag() {
    let u = same_as_full_build_of(with_lone_article, |root| {
        let stem = "content/news/2025-05-01-mot-minh";
        fs::remove_file(root.join(format!("{stem}.md"))).unwrap();
        fs::remove_file(root.join(format!("{stem}.en.md"))).unwrap();
        vec![format!("{stem}.md"), format!("{stem}.en.md")]
    });
    assert_eq!(u.removed, 4, "the article's pages and its tag's pages, in two languages: {u:?}");
}

#[test]
fn a_deleted_translation() {
    same_as_full_build_of(with_lone_article, |root| {
        let file = "content/news/2025-05-01-mot-minh.en.md";
        fs::remove_file(root.join(file)).unwrap();
        vec![file.into()]
    });
}

#[test]
fn a_css_edit_copies_one_file() {
    let u = same_as_full_build(|root| {
        edit(root, "themes/default/static/style.css", "--ink: #1b1f24;", "--ink: #1b1f25;");
        vec!["themes/default/static/style.css".into()]
    });
    assert_eq!((u.pages, u.files), (0, 1), "{u:?}");
}

#[test]
fn a_site_static_file_edit_copies_it() {
    let u = same_as_full_build_of(
        |root| {
            fs::create_dir_all(root.join("static")).unwrap();
            fs::write(root.join("static/ghi-chu.txt"), "một\n").unwrap();
        },
        |root| {
            fs::write(root.join("static/ghi-chu.txt"), "hai\n").unwrap();
            vec!["static/ghi-chu.txt".into()]
        },
    );
    assert_eq!((u.pages, u.files), (0, 1), "{u:?}");
}

#[test]
fn a_leaf_template_edit_renders_its_pages() {
    let u = same_as_full_build(|root| {
        edit(root, "themes/default/templates/article.html", "<article>", "<article data-edited>");
        vec!["themes/default/templates/article.html".into()]
    });
    assert_eq!(u.pages, 26, "the 13 articles in two languages: {u:?}");
}

#[test]
fn the_base_template_edit_renders_every_page() {
    same_as_full_build(|root| {
        edit(root, "themes/default/templates/base.html", "<title>", "<title data-edited>");
        vec!["themes/default/templates/base.html".into()]
    });
}

#[test]
fn a_strings_edit_renders_every_page() {
    same_as_full_build(|root| {
        edit(root, "themes/default/i18n/en.toml", "nav_news = \"News\"", "nav_news = \"Newsroom\"");
        vec!["themes/default/i18n/en.toml".into()]
    });
}

const EDITION: &str = "data/rankings/dti-tinh/2024.csv";

/// [`same_as_full_build`] after `from` becomes `to` in `file`.
fn one_edit(file: &'static str, from: &'static str, to: &'static str) -> Updated {
    same_as_full_build(|root| {
        edit(root, file, from, to);
        vec![file.into()]
    })
}

/// The pages of the default site (both languages and the 404 page).
fn pages_of_default_site() -> usize {
    let dir = default_site();
    let built = minhbach::build_site(&opts(dir.path(), "out")).unwrap();
    built.summary.pages_vi + built.summary.pages_en
}

#[test]
fn an_edition_score_edit_renders_the_data_pages_and_the_article_that_embeds_it() {
    // Hà Nội's 2024 score: shown on its pages, the edition's, the charts, the datasets and the
    // article whose shortcode embeds the top five of 2024.
    let done = one_edit(EDITION, "ha-noi,1,0.8241,", "ha-noi,1,0.8242,");
    let all = pages_of_default_site();
    let news_pages = 2 * (13 + 2); // the articles and the news lists, in two languages (at least)
    assert!(done.pages + news_pages <= all, "{} of {all} pages rendered", done.pages);
}

#[test]
fn a_row_removed_from_an_edition() {
    // Thanh Hóa leaves the 2024 table: its charts and the top five that an article embeds change.
    one_edit(EDITION, "thanh-hoa,5,,stated,\n", "");
}

#[test]
fn a_unit_renamed_renders_the_articles_that_name_it() {
    one_edit("data/units.csv", ",Thanh Hóa,Thanh Hoa,", ",Thanh Hoá,Thanh Hoa Province,");
}

#[test]
fn a_reported_value_edit() {
    one_edit("data/targets/reports.csv", "qd749-dvctt-muc4-2025,84,", "qd749-dvctt-muc4-2025,85,");
}

#[test]
fn a_programme_given_a_unit_shows_its_targets_on_the_units_page() {
    one_edit("data/targets/programmes.csv", "qd-749-2020,,", "qd-749-2020,da-nang,");
}

#[test]
fn a_units_region_and_code_edit() {
    let (from, to) = ("48,,Đà Nẵng,Da Nang,,Duyên hải", "48,49,Đà Nẵng,Da Nang,,Duyên Hải");
    one_edit("data/units.csv", from, to);
}

#[test]
fn a_units_end_date_edit_renders_every_data_page() {
    // Hà Giang's last day moves: the units of each edition's field may change.
    one_edit("data/units.csv", "Northeast,,2025-06-30,tuyen-quang,", "Northeast,,2025-06-29,tuyen-quang,");
}

/// The first score of `text` (`,0.8241,`) with its last digit changed; `None` without one.
fn bump_first_score(text: &str) -> Option<String> {
    let at = text.match_indices(",0.").find(|(i, _)| {
        let digits = &text.as_bytes()[i + 3..];
        digits.len() > 4 && digits[..4].iter().all(u8::is_ascii_digit) && digits[4] == b','
    })?;
    let last = at.0 + 6;
    let d = text.as_bytes()[last] - b'0';
    Some(format!("{}{}{}", &text[..last], (d + 1) % 10, &text[last + 1..]))
}

#[test]
fn every_editions_score_edited_in_turn_under_one_serve() {
    // One kept site through every edit, each checked against a full build: an edition's pages,
    // the next edition's changes of rank, its units' pages and charts.
    let dir = default_site();
    let root = dir.path();
    let mut live = built_live(root);
    let mut files: Vec<String> = Vec::new();
    for index in fs::read_dir(root.join("data/rankings")).unwrap() {
        let index = index.unwrap().path();
        for f in fs::read_dir(&index).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|x| x == "csv") {
                files.push(f.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    let mut edited = 0;
    for file in &files {
        let Some(text) = bump_first_score(&fs::read_to_string(root.join(file)).unwrap()) else { continue };
        fs::write(root.join(file), text).unwrap();
        let (updated, early) = update_showing(&mut live, root, std::slice::from_ref(file));
        updated.expect("an incremental rebuild");
        assert_live_is_a_full_build(root, &live, &format!(" after {file}"));
        assert_shown_early_as_built(root, &early, &format!(" after {file}"));
        edited += 1;
    }
    assert!(edited >= 8, "{edited} editions with a score");
}

#[test]
fn a_merged_provinces_row_renders_the_province_it_merged_into() {
    // Quảng Nam merged into Đà Nẵng in 2025: Đà Nẵng's page shows Quảng Nam's rows and line,
    // also in an edition without a row of Đà Nẵng (taken out first).
    let file = "data/rankings/dti-tinh/2022.csv";
    same_as_full_build_of(
        |root| {
            let text = fs::read_to_string(root.join(file)).unwrap();
            let kept: Vec<&str> = text.split_inclusive('\n').filter(|l| !l.starts_with("da-nang,")).collect();
            assert_eq!(kept.len() + 1, text.split_inclusive('\n').count());
            fs::write(root.join(file), kept.concat()).unwrap();
        },
        |root| {
            edit(root, file, "quang-nam,31,0.5808,", "quang-nam,31,0.5809,");
            vec![file.into()]
        },
    );
}

#[test]
fn a_tile_layout_edit_redraws_the_maps() {
    one_edit("data/tiles/provinces-34.csv", "lai-chau,2,0", "lai-chau,1,0");
}

#[test]
fn a_commune_and_a_ministry_renamed() {
    // A commune is named on its province's page and its models'; a ministry in its index's
    // tables and charts.
    same_as_full_build(|root| {
        edit(root, "data/units.csv", "Phường Bãi Cháy,Bai Chay Ward", "Phường Bãi Cháy (Hạ Long),Bai Chay Ward");
        edit(root, "data/units.csv", "Bộ Tài chính,Ministry of Finance", "Bộ Tài chính,Finance Ministry");
        vec!["data/units.csv".into()]
    });
}

#[test]
fn an_article_added_deleted_then_a_score_edited_under_one_serve() {
    // What `bench/serve-edit.mjs` does: new articles, deleted again, then a data edit. With
    // 20 articles (two full list pages), the new one makes a third list page, which goes again.
    let dir = default_site();
    let root = dir.path();
    let have = vi_articles(root).len();
    assert!(have <= 20, "{have} articles");
    for k in have..20 {
        let text = format!("+++\ntitle = \"Bài {k}\"\ndate = 2024-02-{:02}\n+++\n\nNội dung.\n", k + 1);
        fs::write(root.join(format!("content/news/2024-02-{:02}-bai-{k}.md", k + 1)), text).unwrap();
    }
    let mut live = built_live(root);
    let file = "content/news/2026-01-05-moi.md";
    let csv = "data/rankings/dti-tinh/2024.csv";
    for after in ["a new article", "it deleted", "a score"] {
        let changed = match after {
            "a new article" => {
                let text = "+++\ntitle = \"Mới\"\ndate = 2026-01-05\n+++\n\nNội dung.\n";
                fs::write(root.join(file), text).unwrap();
                file
            }
            "it deleted" => {
                fs::remove_file(root.join(file)).unwrap();
                file
            }
            _ => {
                let text = bump_first_score(&fs::read_to_string(root.join(csv)).unwrap()).unwrap();
                fs::write(root.join(csv), text).unwrap();
                csv
            }
        };
        let (updated, early) = update_showing(&mut live, root, &[changed.to_string()]);
        let u = updated.expect("an incremental rebuild");
        assert_live_is_a_full_build(root, &live, &format!(" after {after}"));
        assert_shown_early_as_built(root, &early, &format!(" after {after}"));
        if after == "a score" {
            assert_eq!(u.removed, 0, "{u:?}");
        }
    }
}
