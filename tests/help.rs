//! `minhbach help`: the program's and each command's help, and the format reference built into
//! the binary, whole and by topic, as a user at a terminal sees them.

mod common;

use common::minhbach;

#[test]
fn help_lists_the_commands_and_help_format() {
    let r = minhbach(&["help"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for command in ["build", "check", "serve", "init", "help format"] {
        assert!(r.stdout.contains(command), "`help` lacks {command}:\n{}", r.stdout);
    }
}

#[test]
fn help_of_a_command_shows_its_options() {
    let r = minhbach(&["help", "build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("minhbach build"), "{}", r.stdout);
    assert!(r.stdout.contains("--base-url"), "{}", r.stdout);
}

#[test]
fn help_format_prints_the_whole_reference_and_its_topics() {
    let r = minhbach(&["help", "format"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for term in ["site.toml", "data/units.csv", "index.toml", "content/news/", "minhbach help format <topic>"] {
        assert!(r.stdout.contains(term), "`help format` lacks {term}");
    }
}

#[test]
fn each_topic_prints_its_part() {
    for (topic, terms) in [
        ("units", &["successor", "former_codes"][..]),
        ("rankings", &["[[editions]]", "rank_basis"]),
        ("news", &["content/news/", "draft"]),
        ("models", &["content/models/", "labor-medal"]),
        ("themes", &["base.html", "trans("]),
    ] {
        let r = minhbach(&["help", "format", topic]);
        assert_eq!(r.code, 0, "{topic}: {}", r.stderr);
        assert!(r.stdout.len() > 200, "{topic}: {}", r.stdout);
        for term in terms {
            assert!(r.stdout.contains(term), "`help format {topic}` lacks {term}");
        }
    }
}

#[test]
fn an_unknown_topic_or_command_is_an_error_that_lists_the_choices() {
    let r = minhbach(&["help", "format", "spreadsheets"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    for topic in ["units", "rankings", "news", "models", "themes"] {
        assert!(r.stderr.contains(topic), "{}", r.stderr);
    }
    let r = minhbach(&["help", "deploy"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("build") && r.stderr.contains("help format"), "{}", r.stderr);
}
