//! The format reference built into the binary: `minhbach help format` prints `docs/FORMAT.md`
//! whole, `minhbach help format <topic>` the part of it (or of `docs/THEMES.md`) a topic needs,
//! so a hint can name the command instead of a document the binary does not ship.

use crate::diag::Text;
const FORMAT: &str = include_str!("../docs/FORMAT.md");
const THEMES: &str = include_str!("../docs/THEMES.md");

/// Each topic and what it covers, in the order `help format` lists them.
pub(crate) const TOPICS: [(&str, &str); 6] = [
    ("units", "data/units.csv: every unit, its codes, names and lineage; the tile maps"),
    ("rankings", "data/rankings/<index>/: index.toml (indicators, editions, sources) and the editions' tables"),
    ("news", "content/: news, pages and the movement's pages (front matter, links, embedded rankings)"),
    ("models", "content/models/: exemplary models (award forms, contents, decisions)"),
    ("themes", "themes/<name>/: every template with its variables, the UI strings, escaping"),
    ("site", "site.toml and anything of the site's folder not in another topic"),
];

/// The `content/` folders whose table rows a content topic keeps.
fn content_folders(topic: &str) -> &'static [&'static str] {
    match topic {
        "news" => &["news", "pages", "movement"],
        "models" => &["models", "movement"],
        _ => &[],
    }
}

/// `minhbach help …`: `help` alone is the program's help, `help <command>` a command's,
/// `help format [topic]` the reference. `cli` is the program's command line (clap's), so this
/// module needs nothing of the commands it describes.
pub fn run(words: &[String], mut cli: clap::Command) -> Result<String, Text> {
    cli.build();
    match words {
        [] => Ok(cli.render_long_help().to_string()),
        [format_word, rest @ ..] if format_word == "format" => match rest {
            [] => format(None),
            [topic] => format(Some(topic)),
            _ => Err(crate::tr!(
                "`help format` takes one topic at most; the topics are:\n{topics}",
                topics = topic_list()
            )),
        },
        [command] => match cli.find_subcommand_mut(command) {
            Some(sub) => Ok(sub.render_long_help().to_string()),
            None => {
                let names: Vec<_> = cli.get_subcommands().map(|c| c.get_name().to_string()).collect();
                Err(crate::tr!(
                    "no command `{command}`; the commands are: {names}, and `help format`",
                    command,
                    names = names.join(", ")
                ))
            }
        },
        _ => Err(crate::tr!("`help` takes one command, or `format` and a topic")),
    }
}

/// The reference: all of `docs/FORMAT.md` with the list of topics for `None`, a topic's part
/// for `Some`; an unknown topic is an error that lists the topics.
pub fn format(topic: Option<&str>) -> Result<String, Text> {
    let Some(topic) = topic else {
        return Ok(format!("{}\n{}", FORMAT.trim_end(), topic_list()));
    };
    let Some((_, about)) = TOPICS.iter().find(|(name, _)| *name == topic) else {
        return Err(crate::tr!(
            "unknown format topic `{topic}`; the topics are:\n{topics}",
            topic,
            topics = topic_list()
        ));
    };
    let head = format!("minhbach help format {topic}: {about}\n\n");
    if topic == "themes" {
        return Ok(head + THEMES);
    }
    let mut out = head;
    for (heading, body) in sections(FORMAT) {
        let of = section_topic(heading);
        if of == topic || (of == "content" && !content_folders(topic).is_empty()) {
            out.push_str(&filter_rows(body, topic));
        }
    }
    Ok(out)
}

/// `help format`'s closing list of topics.
fn topic_list() -> String {
    let mut out = String::from("\nBy topic (`minhbach help format <topic>`):\n");
    for (name, about) in TOPICS {
        out.push_str(&format!("  {name:<9} {about}\n"));
    }
    out
}

/// The topic of a `## ` section of FORMAT.md, from its heading.
fn section_topic(heading: &str) -> &'static str {
    let h = heading.trim_start_matches('#').trim();
    if h.starts_with("data/units") || h.starts_with("data/tiles") {
        "units"
    } else if h.starts_with("data/rankings") {
        "rankings"
    } else if h.starts_with("content/models") {
        "models"
    } else if h.starts_with("content") {
        // The content section serves news and models alike; `filter_rows` keeps each one's rows.
        "content"
    } else {
        "site"
    }
}

/// The `## ` sections of a Markdown text (heading line, whole text from it), code fences skipped.
fn sections(doc: &str) -> Vec<(&str, &str)> {
    let mut starts = Vec::new();
    let mut fenced = false;
    let mut offset = 0;
    for line in doc.split_inclusive('\n') {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with("## ") {
            starts.push(offset);
        }
        offset += line.len();
    }
    let ends = starts.iter().skip(1).copied().chain([doc.len()]);
    starts.iter().zip(ends).map(|(&s, e)| (doc[s..].lines().next().unwrap_or(""), &doc[s..e])).collect()
}

/// A section as a topic shows it: in the content section, the table rows of the other topic's
/// folders are left out.
fn filter_rows(body: &str, topic: &str) -> String {
    body.split_inclusive('\n')
        .filter(|line| match line.strip_prefix("| `content/") {
            Some(rest) => content_folders(topic).iter().any(|f| rest.starts_with(&format!("{f}/"))),
            None => true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_prints_its_key_terms() {
        for (topic, terms) in [
            ("units", &["data/units.csv", "successor", "former_codes"][..]),
            ("rankings", &["index.toml", "[[editions]]", "rank_basis", "higher_is_better"]),
            ("news", &["content/news/", "front matter", "draft", "ranking("]),
            ("models", &["content/models/", "labor-medal", "digital-government", "decision_date"]),
            ("themes", &["base.html", "trans(", "edition.html"]),
            ("site", &["site.toml", "base_url", "allow_html"]),
        ] {
            let text = format(Some(topic)).unwrap();
            for term in terms {
                assert!(text.to_lowercase().contains(&term.to_lowercase()), "`help format {topic}` lacks {term}");
            }
        }
    }

    #[test]
    fn a_content_topic_leaves_out_the_other_topics_rows() {
        assert!(!format(Some("news")).unwrap().contains("| `content/models/`"));
        assert!(!format(Some("models")).unwrap().contains("| `content/news/`"));
        assert!(!format(Some("units")).unwrap().contains("[[editions]]"));
    }

    #[test]
    fn the_whole_reference_holds_every_section_and_lists_the_topics() {
        let text = format(None).unwrap();
        for (heading, _) in sections(FORMAT) {
            assert!(text.contains(heading));
        }
        for (topic, _) in TOPICS {
            assert!(text.contains(&format!("  {topic} ")));
        }
    }

    #[test]
    fn every_section_of_the_reference_is_in_some_topic() {
        let all: String = TOPICS.iter().map(|(t, _)| format(Some(t)).unwrap()).collect();
        for (heading, _) in sections(FORMAT) {
            assert!(all.contains(heading), "{heading} is in no topic");
        }
    }

    #[test]
    fn an_unknown_topic_lists_the_topics() {
        let e = format(Some("tables")).unwrap_err().to_string();
        assert!(e.contains("`tables`"));
        for (topic, _) in TOPICS {
            assert!(e.contains(topic));
        }
    }

    #[test]
    fn headings_inside_code_fences_do_not_split_sections() {
        let doc = "# T\n\n## a\n```\n## not a heading\n```\n## b\nx\n";
        let names: Vec<_> = sections(doc).into_iter().map(|(h, _)| h).collect();
        assert_eq!(names, ["## a", "## b"]);
    }
}
