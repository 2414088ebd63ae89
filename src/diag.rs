//! Problems found in a site's input: each names its file, line and a hint a clerk can act on.
//! Every step adds to one [`Diagnostics`]; the build fails once, with all of them.

use std::fmt;

mod text;

pub use text::{language, parse_catalogue, places, set_language, Language, Text, CATALOGUE_VI};

/// How bad a problem is: errors stop the build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Stops the build: the input must be fixed.
    Error,
    /// Printed; the build goes on.
    Warning,
}

/// One problem at one place of one input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line, when the problem sits on one line.
    pub line: Option<usize>,
    /// Whether it stops the build.
    pub severity: Severity,
    /// What is wrong, in the language of messages when printed.
    pub message: Text,
    /// What to do about it, in words a council clerk understands.
    pub hint: Option<Text>,
}

impl Diagnostic {
    /// A problem that stops the build, at `line` of `file` (give it a hint with [`Diagnostic::hint`]).
    pub fn error(file: impl Into<String>, line: Option<usize>, message: impl Into<Text>) -> Self {
        Diagnostic { file: file.into(), line, severity: Severity::Error, message: message.into(), hint: None }
    }

    /// A problem that is printed while the build goes on.
    pub fn warning(file: impl Into<String>, line: Option<usize>, message: impl Into<Text>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, line, message) }
    }

    /// The problem with what to do about it.
    pub fn hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let vi = language() == Language::Vietnamese;
        let kind = match (self.severity, vi) {
            (Severity::Error, false) => "error",
            (Severity::Warning, false) => "warning",
            (Severity::Error, true) => "lỗi",
            (Severity::Warning, true) => "cảnh báo",
        };
        match self.line {
            Some(line) => write!(f, "{}:{}: {}: {}", self.file, line, kind, self.message)?,
            None => write!(f, "{}: {}: {}", self.file, kind, self.message)?,
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  {}: {hint}", if vi { "gợi ý" } else { "hint" })?;
        }
        Ok(())
    }
}

/// All problems found so far, errors and warnings together.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Just one problem.
    pub fn one(d: Diagnostic) -> Diagnostics {
        Diagnostics { items: vec![d] }
    }

    /// Keeps the problem of a step that may have failed.
    pub fn push_err(&mut self, result: Result<(), Diagnostic>) {
        if let Err(d) = result {
            self.items.push(d);
        }
    }

    /// Adds another step's problems.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Whether any problem stops the build.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// How many problems stop the build (warnings not counted).
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// Every problem, cause first: by the stage of the pipeline that reads its file (see
    /// [`stage`]), then by file and line, so that a consequence (a news shortcode naming an index
    /// whose `index.toml` is broken) prints after its cause and the report reads like the input.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| {
            (stage(&a.file), &a.file, a.line, a.severity, &a.message).cmp(&(
                stage(&b.file),
                &b.file,
                b.line,
                b.severity,
                &b.message,
            ))
        });
        v.dedup();
        v
    }

    /// No problem at all, not even a warning.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.sorted() {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Where a file's problems stand in the report: the order in which the pipeline reads and
/// checks input, so that later files (which name earlier ones) print after what they depend on.
/// `site.toml`, then the units, their names and tile maps, each index's `index.toml`, its
/// edition tables, the targets, the content, the theme, and anything else last.
fn stage(file: &str) -> u8 {
    let in_rankings = file.strip_prefix("data/rankings/");
    match file {
        "site.toml" => 0,
        "data/units.csv" => 1,
        "data/unit-names.csv" => 2,
        _ if file.starts_with("data/tiles/") => 3,
        _ if in_rankings.is_some_and(|r| r.ends_with("/index.toml")) => 4,
        _ if in_rankings.is_some() => 5,
        _ if file.starts_with("data/targets/") => 6,
        _ if file.starts_with("data/") => 7,
        _ if file.starts_with("content/") => 8,
        _ if file.starts_with("themes/") || file.starts_with("templates/") => 9,
        _ => 10,
    }
}

/// Converts a byte offset into a 1-based line number.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

/// A list for a hint, at most `max` items: `a, b, c and 49,997 more`.
pub fn some(items: &[&str], max: usize) -> String {
    if items.len() <= max {
        return items.join(", ");
    }
    format!("{} and {} more", items[..max].join(", "), items.len() - max)
}

/// The lines of a text, to find the line of many offsets in it quickly (a binary search each).
pub(crate) struct Lines {
    /// Offset of the start of each line after the first.
    starts: Vec<usize>,
}

impl Lines {
    /// The line starts of `text`, found once.
    pub(crate) fn new(text: &str) -> Lines {
        Lines { starts: text.match_indices('\n').map(|(i, _)| i + 1).collect() }
    }

    /// The 1-based line of byte `offset`.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) + 1
    }
}

/// A TOML syntax or type error at its line, with the hint every TOML input shares.
pub(crate) fn toml_error(file: &str, text: &str, e: &toml::de::Error) -> Diagnostic {
    let line = e.span().map(|s| line_of(text, s.start));
    let message = e.message().trim().to_string();
    Diagnostic::error(file, line, crate::tr!("invalid TOML: {message}", message))
        .hint(crate::tr!("check quotes, `=` signs and field names against {help}", help = format_help(file)))
}

/// The command that prints the part of the format reference for a site file (`help::TOPICS`),
/// for hints: `minhbach help format rankings` for `data/rankings/dti/index.toml`.
pub(crate) fn format_help(file: &str) -> String {
    let file = file.replace('\\', "/");
    let topic = if file.starts_with("data/units") || file.starts_with("data/tiles") {
        "units"
    } else if file.starts_with("data/rankings") {
        "rankings"
    } else if file.starts_with("content/models") || file.starts_with("content/movement") {
        "models"
    } else if file.starts_with("content") {
        "news"
    } else if file.starts_with("themes") {
        "themes"
    } else {
        "site"
    };
    format!("`minhbach help format {topic}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_file_line_and_hint() {
        let d = Diagnostic::error("data/units.csv", Some(4), Text::verbatim("unknown unit `x`"))
            .hint(Text::verbatim("add it"));
        assert_eq!(d.to_string(), "data/units.csv:4: error: unknown unit `x`\n  hint: add it");
    }

    #[test]
    fn format_help_names_a_topic_the_help_knows() {
        for (file, topic) in [
            ("data/units.csv", "units"),
            ("data/rankings/dti/index.toml", "rankings"),
            ("content/news/x.md", "news"),
            ("content/_index.md", "news"),
            ("content/models/x.en.md", "models"),
            ("themes/default/templates/base.html", "themes"),
            ("site.toml", "site"),
        ] {
            assert_eq!(format_help(file), format!("`minhbach help format {topic}`"));
            assert!(crate::help::TOPICS.iter().any(|(name, _)| *name == topic));
        }
    }

    #[test]
    fn counts_errors_not_warnings() {
        let mut ds = Diagnostics::default();
        ds.push(Diagnostic::warning("a", None, Text::verbatim("w")));
        assert!(!ds.has_errors());
        ds.push(Diagnostic::error("a", Some(1), Text::verbatim("e")));
        assert_eq!(ds.error_count(), 1);
    }

    #[test]
    fn causes_print_before_their_consequences() {
        let mut d = Diagnostics::default();
        // Pushed in file order: the news article that names a broken index sorts first by name.
        d.push(Diagnostic::error("content/news/a.md", Some(3), Text::verbatim("unknown index `x`")));
        d.push(Diagnostic::error("themes/default/templates/page.html", Some(1), Text::verbatim("t")));
        d.push(Diagnostic::error("data/rankings/x/2024.csv", Some(2), Text::verbatim("e")));
        d.push(Diagnostic::error("data/rankings/x/index.toml", Some(1), Text::verbatim("broken")));
        d.push(Diagnostic::error("data/targets/targets.csv", Some(2), Text::verbatim("g")));
        d.push(Diagnostic::error("data/unit-names.csv", Some(2), Text::verbatim("n")));
        d.push(Diagnostic::error("data/units.csv", Some(9), Text::verbatim("u")));
        d.push(Diagnostic::error("data/units.csv", Some(2), Text::verbatim("u")));
        d.push(Diagnostic::error("site.toml", Some(4), Text::verbatim("s")));
        let order: Vec<String> = d.sorted().iter().map(|d| format!("{}:{}", d.file, d.line.unwrap_or(0))).collect();
        assert_eq!(
            order,
            [
                "site.toml:4",
                "data/units.csv:2",
                "data/units.csv:9",
                "data/unit-names.csv:2",
                "data/rankings/x/index.toml:1",
                "data/rankings/x/2024.csv:2",
                "data/targets/targets.csv:2",
                "content/news/a.md:3",
                "themes/default/templates/page.html:1",
            ]
        );
    }

    #[test]
    fn line_of_counts_newlines() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
        let lines = Lines::new("a\nb\nc");
        for offset in 0..6 {
            assert_eq!(lines.line(offset), line_of("a\nb\nc", offset), "{offset}");
        }
    }
}
