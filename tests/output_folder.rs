//! The output folder: a build replaces only a folder it made itself (or an empty one); the
//! site's folder, a folder holding it, its input folders and anyone's other files are refused
//! with nothing touched.

mod common;

use std::fs;
use std::path::Path;

use common::*;

fn refused(root: &Path, out: &Path, message: &str) {
    let before = snapshot(root);
    let r = build(root, out);
    assert_eq!(r.code, 1, "{} must be refused:\n{}{}", out.display(), r.stdout, r.stderr);
    assert!(r.stderr.contains(message), "{}: {}", out.display(), r.stderr);
    assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
    assert_eq!(snapshot(root), before, "nothing in the site's folder changed");
}

#[test]
fn the_sites_own_folders_are_never_replaced() {
    let site = fixture();
    let root = site.path();
    refused(root, root, "the output folder is the site's own folder");
    refused(root, &root.join("."), "the output folder is the site's own folder");
    refused(root, &root.join("content"), "inside the site's input folder `content`");
    refused(root, &root.join("data/rankings"), "inside the site's input folder `data`");
    refused(root, &root.join("content/news/x"), "inside the site's input folder `content`");
    refused(root, &root.join("public/../content"), "inside the site's input folder `content`");
    refused(root, root.parent().unwrap(), "the output folder holds the site's folder");
}

#[test]
fn a_folder_with_other_files_is_refused_and_kept() {
    let site = fixture();
    let other = tempfile::tempdir().unwrap();
    fs::write(other.path().join("notes.txt"), "mine").unwrap();
    let r = build(site.path(), other.path());
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("holds files that minhbach did not write"), "{}", r.stderr);
    assert_eq!(fs::read_to_string(other.path().join("notes.txt")).unwrap(), "mine");
}

#[test]
fn an_empty_folder_a_new_one_and_a_previous_output_are_replaced() {
    let site = fixture();
    let empty = tempfile::tempdir().unwrap();
    build_ok(site.path(), empty.path());
    assert!(empty.path().join(".minhbach-output").is_file(), "the output is marked as minhbach's");
    assert!(empty.path().join("index.html").is_file());
    // Built again over itself: replaced, stale files gone.
    fs::write(empty.path().join("stale.html"), "old").unwrap();
    build_ok(site.path(), empty.path());
    assert!(!empty.path().join("stale.html").exists());
    // A new folder, even nested.
    let new = empty.path().join("a/b/site");
    build_ok(site.path(), &new);
    assert!(new.join("index.html").is_file());
}

#[test]
fn an_output_of_an_older_minhbach_is_recognised() {
    let site = fixture();
    let out = site.path().join("public");
    build_ok(site.path(), &out);
    fs::remove_file(out.join(".minhbach-output")).unwrap();
    build_ok(site.path(), &out);
    // Without its SHA256SUMS it is anyone's folder.
    fs::remove_file(out.join(".minhbach-output")).unwrap();
    fs::remove_file(out.join("SHA256SUMS")).unwrap();
    let r = build(site.path(), &out);
    assert_eq!(r.code, 1, "{}", r.stderr);
}

#[test]
fn temporary_folders_of_a_killed_build_are_cleaned() {
    let site = fixture();
    // A process id that is not running: the largest a Linux kernel hands out, plus one.
    let stale = site.path().join(".public.tmp-4194305");
    fs::create_dir_all(stale.join("x")).unwrap();
    let stale_old = site.path().join(".public.old-4194305");
    fs::create_dir_all(&stale_old).unwrap();
    build_ok(site.path(), &site.path().join("public"));
    assert!(!stale.exists() && !stale_old.exists(), "stale temporary folders are removed");
    let left: Vec<String> = fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-") || n.contains(".old-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Every file of `dir` (below it, the marker included): path → (inode, modification time, bytes).
#[cfg(unix)]
fn stamps(dir: &Path) -> std::collections::BTreeMap<String, (u64, std::time::SystemTime, Vec<u8>)> {
    use std::os::unix::fs::MetadataExt;
    fn walk(
        root: &Path,
        dir: &Path,
        out: &mut std::collections::BTreeMap<String, (u64, std::time::SystemTime, Vec<u8>)>,
    ) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let m = fs::metadata(&p).unwrap();
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().to_string();
                out.insert(rel, (m.ino(), m.modified().unwrap(), fs::read(&p).unwrap()));
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[cfg(unix)]
#[test]
fn a_second_build_with_nothing_changed_rewrites_nothing() {
    let site = fixture();
    let out = site.path().join("public");
    build_ok(site.path(), &out);
    let first = stamps(&out);
    assert!(first.len() > 100 && first.contains_key(".minhbach-output"));
    build_ok(site.path(), &out);
    let second = stamps(&out);
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, was) in &first {
        assert!(second[path] == *was, "{path}: rewritten although nothing changed");
    }

    // One article edited: only the files whose bytes changed are new files.
    let article = site.path().join("content/news/2025-10-21-dti.md");
    let text = fs::read_to_string(&article).unwrap();
    fs::write(&article, format!("{text}\n\nMột đoạn mới thêm vào bài.\n")).unwrap();
    build_ok(site.path(), &out);
    let third = stamps(&out);
    let mut changed = Vec::new();
    for (path, now) in &third {
        match second.get(path) {
            Some(was) if was.2 == now.2 => assert!(was.0 == now.0 && was.1 == now.1, "{path}: same bytes, rewritten"),
            _ => changed.push(path.clone()),
        }
    }
    assert!(changed.iter().any(|p| p.ends_with("index.html")), "the article changed: {changed:?}");
    assert!(changed.contains(&"SHA256SUMS".to_string()), "{changed:?}");
    assert!(changed.len() < first.len() / 4, "only what shows the article changed: {changed:?}");
}
