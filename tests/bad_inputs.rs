//! One folder per bad input under `tests/bad/`: its files are laid over the fixture site, the
//! build must fail with exit code 1, print every line of `expected.txt`, never panic, and leave
//! the previous output untouched.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// Builds the fixture, breaks it with `breaker`, builds again and checks the failure.
fn fails_with(name: &str, breaker: impl FnOnce(&Path), expected: &[String]) {
    if let Err(e) = try_fails_with(name, breaker, expected) {
        panic!("{e}");
    }
}

fn try_fails_with(name: &str, breaker: impl FnOnce(&Path), expected: &[String]) -> Result<(), String> {
    let site = fixture();
    let out = site.path().join("public");
    build_ok(site.path(), &out);
    let before = snapshot(&out);
    breaker(site.path());
    let r = build(site.path(), &out);
    if r.code != 1 {
        return Err(format!("{name}: expected exit code 1, got {}\n{}", r.code, r.stderr));
    }
    if r.stderr.contains("panicked") {
        return Err(format!("{name}: panicked\n{}", r.stderr));
    }
    for line in expected {
        if !r.stderr.contains(line.as_str()) {
            return Err(format!("{name}: expected\n  {line}\nin\n{}", r.stderr));
        }
    }
    if !r.stderr.contains("hint: ") {
        return Err(format!("{name}: every error carries a hint\n{}", r.stderr));
    }
    if snapshot(&out) != before {
        return Err(format!("{name}: the previous output changed"));
    }
    let leftovers: Vec<_> = fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    if !(leftovers.is_empty()) {
        return Err(format!("{name}: temporary folders left behind: {leftovers:?}"));
    }
    Ok(())
}

#[test]
fn every_bad_input_folder_fails_with_its_message() {
    let root = manifest().join("tests/bad");
    let mut cases: Vec<_> = fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    assert!(cases.len() >= 25, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expected: Vec<String> = fs::read_to_string(case.join("expected.txt"))
            .unwrap_or_else(|_| panic!("{name}: no expected.txt"))
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(String::from)
            .collect();
        assert!(!expected.is_empty(), "{name}: expected.txt is empty");
        let res = try_fails_with(
            &name,
            |site| {
                for entry in fs::read_dir(&case).unwrap() {
                    let entry = entry.unwrap();
                    if entry.file_name() == "expected.txt" {
                        continue;
                    }
                    let target = site.join(entry.file_name());
                    if entry.path().is_dir() {
                        copy_dir(&entry.path(), &target);
                    } else {
                        fs::copy(entry.path(), target).unwrap();
                    }
                }
            },
            &expected,
        );
        if let Err(e) = res {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n---\n"));
}

#[test]
fn a_50_mb_file_is_refused() {
    fails_with(
        "huge file",
        |site| {
            let mut big = b"unit,rank,score,rank_basis,note,ha-tang\n".to_vec();
            let line = b"da-nang,1,0.8,,,0.9\n";
            while big.len() < 50 * 1024 * 1024 {
                big.extend_from_slice(line);
            }
            fs::write(site.join("data/rankings/dti/2023.csv"), big).unwrap();
        },
        &["data/rankings/dti/2023.csv: error: file is too large (52 MB; at most 16 MB)".into()],
    );
}

#[cfg(unix)]
#[test]
fn a_link_leading_outside_the_site_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.csv"), "unit,rank,score\nda-nang,1,0.5\n").unwrap();
    let target = outside.path().join("secret.csv");
    fails_with(
        "symlink outside",
        |site| {
            let csv = site.join("data/rankings/dti/2023.csv");
            fs::remove_file(&csv).unwrap();
            std::os::unix::fs::symlink(&target, &csv).unwrap();
        },
        &["data/rankings/dti/2023.csv: error: this is a link to a file outside the site's folder".into()],
    );
}

#[test]
fn a_missing_site_toml_is_one_clear_error() {
    fails_with(
        "no site.toml",
        |site| fs::remove_file(site.join("site.toml")).unwrap(),
        &["site.toml: error: file not found".into()],
    );
}

#[cfg(unix)]
#[test]
fn links_that_loop_are_refused_not_walked_forever() {
    fails_with(
        "symlink loop",
        |site| {
            fs::create_dir_all(site.join("static")).unwrap();
            std::os::unix::fs::symlink(".", site.join("static/a")).unwrap();
            std::os::unix::fs::symlink(".", site.join("static/b")).unwrap();
        },
        &[
            "static/a: error: this link leads back to a folder that holds it (a loop)".into(),
            "static/b: error: this link leads back to a folder that holds it (a loop)".into(),
        ],
    );
}

#[cfg(unix)]
#[test]
fn a_folder_linked_from_outside_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let target = outside.path().to_path_buf();
    fails_with(
        "folder link outside",
        |site| {
            fs::create_dir_all(site.join("static")).unwrap();
            std::os::unix::fs::symlink(&target, site.join("static/docs")).unwrap();
        },
        &["static/docs: error: this is a link to a file outside the site's folder".into()],
    );
}

#[test]
fn without_units_only_the_cause_is_reported() {
    for body in ["", "ha-noi,province,01\nhue,province,46\n"] {
        let site = fixture();
        fs::write(site.path().join("data/units.csv"), body).unwrap();
        let r = build(site.path(), &site.path().join("public"));
        assert_eq!(r.code, 1);
        let errors: Vec<&str> = r.stderr.lines().filter(|l| l.contains(": error: ")).collect();
        assert!(errors.iter().all(|l| l.starts_with("data/units.csv:")), "{}", r.stderr);
        assert!(!r.stderr.contains("unknown unit"), "{}", r.stderr);
    }
}

#[test]
fn a_column_off_the_scale_is_one_error() {
    let site = fixture();
    let csv = "unit,rank,score\nda-nang,1,80\nhue,2,70\nha-noi,3,60\ngia-lai,4,50\n";
    fs::write(site.path().join("data/rankings/dti/2023.csv"), csv).unwrap();
    let r = build(site.path(), &site.path().join("public"));
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.matches(": error: ").count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("2023.csv:2: error: score 80 is outside the scale 0 to 1 (and on 3 other rows)"),
        "{}",
        r.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_not_read_forever() {
    fails_with(
        "named pipe",
        |site| {
            let fifo = site.join("content/news/pipe.md");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
            assert!(made.success());
        },
        &["content/news/pipe.md: error: this is not a regular file (a pipe, socket or device)".into()],
    );
}

#[test]
fn a_text_over_a_megabyte_is_refused() {
    fails_with(
        "huge text",
        |site| {
            let body = format!("+++\ntitle = \"x\"\ndate = 2025-05-01\n+++\n{}\n", "[".repeat(2 << 20));
            fs::write(site.join("content/news/huge.md"), body).unwrap();
        },
        &["content/news/huge.md:5: error: the text is 2048 KB; a text has at most 1024 KB".into()],
    );
}

#[test]
fn front_matter_over_64_kb_is_refused() {
    fails_with(
        "huge front matter",
        |site| {
            let body = format!("---\ntitle: x\ndate: 2025-05-01\ndescription: {}\n---\nText\n", "a".repeat(70_000));
            fs::write(site.join("content/news/big-front.md"), body).unwrap();
        },
        &["content/news/big-front.md:1: error: the front matter is 68 KB; it has at most 64 KB".into()],
    );
}
