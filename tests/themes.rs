//! The theme API holds as docs/THEMES.md describes it: every variable a default template reads
//! is documented for it, every documented variable is in the context the code renders it with,
//! the macros are documented with their arguments, and a site's theme overrides templates and
//! strings one by one.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Mutex;

use minhbach::Renderer;

const LAYOUT: &str = "base.html";
const MACROS: &str = "macros.html";

/// Names in template code that are not context variables.
const BUILTINS: [&str; 12] =
    ["and", "or", "not", "in", "is", "true", "false", "True", "False", "loop", "self", "super"];

/// The default theme's templates, by path below `templates/`.
fn templates() -> BTreeMap<String, String> {
    fn walk(dir: &Path, rel: &str, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{rel}{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &format!("{name}/"), out);
            } else {
                out.insert(name, std::fs::read_to_string(entry.path()).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&common::manifest().join("themes/default/templates"), "", &mut out);
    out
}

/// What docs/THEMES.md says: each template's documented variables (for `macros.html`, each
/// macro's name with its arguments).
fn documented(doc: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        if line.starts_with('#') {
            current = line
                .strip_prefix("### `")
                .and_then(|rest| rest.split('`').next())
                .filter(|name| [".html", ".xml", ".txt"].iter().any(|ext| name.ends_with(ext)))
                .map(str::to_string);
            if let Some(name) = &current {
                assert!(!out.contains_key(name), "docs/THEMES.md documents {name} twice");
                out.insert(name.clone(), BTreeSet::new());
            }
            continue;
        }
        let (Some(name), Some(first)) = (&current, line.strip_prefix("| `")) else { continue };
        if let Some(var) = first.split('`').next() {
            out.get_mut(name).unwrap().insert(var.to_string());
        }
    }
    out
}

#[derive(Debug, PartialEq)]
enum Tok {
    Ident(String),
    Punct(String),
    Literal,
}

/// The tokens of the code inside one tag.
fn tokens(code: &str) -> Vec<Tok> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if matches!(c, '"' | '\'' | '`') {
            i += 1;
            while i < chars.len() && chars[i] != c {
                i += 1;
            }
            i += 1;
            out.push(Tok::Literal);
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                i += 1;
            }
            out.push(Tok::Literal);
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Tok::Ident(chars[start..i].iter().collect()));
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let op = if ["==", "!=", "<=", ">=", "::"].contains(&two.as_str()) { two } else { c.to_string() };
            i += op.chars().count();
            out.push(Tok::Punct(op));
        }
    }
    out
}

/// Each tag of a template: whether it is a statement (`{% %}`) and its code; comments and
/// `{% raw %}` blocks left out.
fn tags(src: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut rest = src;
    let mut raw = false;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let close = match after.chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            Some('#') => "#}",
            _ => {
                rest = after;
                continue;
            }
        };
        // The closing mark, outside string literals (a comment has none: it is prose).
        let body = &after[1..];
        let mut quote = None;
        let mut end = body.len();
        for (i, c) in body.char_indices() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if close != "#}" && matches!(c, '"' | '\'' | '`') => quote = Some(c),
                None if body[i..].starts_with(close) => {
                    end = i;
                    break;
                }
                None => {}
            }
        }
        let code = body[..end].trim_matches('-').trim().to_string();
        rest = &body[(end + close.len()).min(body.len())..];
        if close == "#}" {
            continue;
        }
        let statement = close == "%}";
        let word = code.split_whitespace().next().unwrap_or("");
        if statement && word == "raw" {
            raw = true;
        } else if statement && word == "endraw" {
            raw = false;
        } else if !raw {
            out.push((statement, code));
        }
    }
    out
}

/// The top-level context variables a template reads (`x` of `{{ x.y | f }}`, `{% if x %}`,
/// `{% for a in x %}`), without the names it binds itself (loop variables, `set`, macro
/// arguments) and Tera's own names.
fn used_variables(src: &str) -> BTreeSet<String> {
    let ident = |t: Option<&Tok>| match t {
        Some(Tok::Ident(s)) => Some(s.clone()),
        _ => None,
    };
    let mut used = BTreeSet::new();
    let mut bound = BTreeSet::new();
    for (statement, code) in tags(src) {
        let toks = tokens(&code);
        let mut expr = &toks[..];
        if statement {
            match ident(toks.first()).as_deref() {
                Some("if" | "elif") => expr = &toks[1..],
                Some("for") => {
                    let at = toks.iter().position(|t| *t == Tok::Ident("in".into())).unwrap_or(toks.len());
                    bound.extend(toks[1..at].iter().filter_map(|t| ident(Some(t))));
                    expr = &toks[(at + 1).min(toks.len())..];
                }
                Some("set" | "set_global") => {
                    bound.extend(ident(toks.get(1)));
                    expr = toks.get(3..).unwrap_or_default();
                }
                Some("macro") => {
                    // The arguments (and their literal defaults) bind names.
                    bound.extend(toks.iter().skip(2).filter_map(|t| ident(Some(t))));
                    continue;
                }
                Some("filter") => expr = &toks[1..],
                // extends, import, include, block, else, end…: no variables.
                _ => continue,
            }
        }
        for (i, tok) in expr.iter().enumerate() {
            let Tok::Ident(name) = tok else { continue };
            let prev = |k: usize| i.checked_sub(k).and_then(|j| expr.get(j));
            let is = |t: Option<&Tok>, s: &str| matches!(t, Some(Tok::Punct(p)) if p == s);
            let word = |t: Option<&Tok>, s: &str| matches!(t, Some(Tok::Ident(p)) if p == s);
            let next = expr.get(i + 1);
            let attribute_filter_or_macro = is(prev(1), ".") || is(prev(1), "|") || is(prev(1), "::");
            let test = word(prev(1), "is") || (word(prev(1), "not") && word(prev(2), "is"));
            let call_namespace_or_argument = is(next, "(") || is(next, "::") || is(next, "=");
            if !(attribute_filter_or_macro || test || call_namespace_or_argument || BUILTINS.contains(&name.as_str())) {
                used.insert(name.clone());
            }
        }
    }
    used.retain(|v| !bound.contains(v));
    used
}

/// A macro's signature without its spaces: `rank(cells,lang)`.
fn signature(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `macros.html`'s macros as `name(arg,arg)`.
fn macro_signatures(src: &str) -> BTreeSet<String> {
    tags(src)
        .into_iter()
        .filter(|(statement, code)| *statement && code.starts_with("macro "))
        .map(|(_, code)| signature(&code["macro ".len()..]))
        .collect()
}

fn extends_layout(src: &str) -> bool {
    tags(src).iter().any(|(statement, code)| *statement && code.starts_with("extends") && code.contains(LAYOUT))
}

/// The top-level keys of the context each template is rendered with, over a whole build of
/// the site at `root`.
fn rendered_contexts(root: &Path, seen: &Mutex<BTreeMap<String, BTreeSet<String>>>) {
    let opts = minhbach::BuildOptions {
        root: root.to_path_buf(),
        output_dir: root.join("public"),
        base_url: None,
        progress: false,
        drafts: true,
        future: false,
    };
    let (site, theme, _) = minhbach::load(&opts).unwrap_or_else(|d| panic!("{} loads: {d:?}", root.display()));
    let observe = |template: &str, ctx: &tera::Context| {
        let keys: Vec<String> =
            ctx.clone().into_json().as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
        seen.lock().unwrap().entry(template.to_string()).or_default().extend(keys);
    };
    let r = Renderer::new(&site, &theme).observed(&observe);
    r.render_all(&minhbach::progress::Progress::quiet(), &|_| Ok(()))
        .unwrap_or_else(|d| panic!("{} renders: {d:?}", root.display()));
    // A site of more pages than a sitemap part holds has an index of parts.
    r.sitemap_files(50).unwrap_or_else(|d| panic!("{} renders its sitemap in parts: {d:?}", root.display()));
}

/// Every problem with THEMES.md, one a line.
fn problems(
    templates: &BTreeMap<String, String>,
    doc: &BTreeMap<String, BTreeSet<String>>,
    contexts: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<String> {
    let mut out = Vec::new();
    let empty = BTreeSet::new();
    let layout_doc = doc.get(LAYOUT).unwrap_or(&empty);
    for name in doc.keys().filter(|n| !templates.contains_key(*n)) {
        out.push(format!("{name}: documented, but the default theme has no such template"));
    }
    for (name, src) in templates {
        let Some(own) = doc.get(name) else {
            out.push(format!("{name}: not documented (add a `### \\`{name}\\`` section)"));
            continue;
        };
        if name == MACROS {
            let actual = macro_signatures(src);
            let own: BTreeSet<String> = own.iter().map(|m| signature(m)).collect();
            for m in actual.difference(&own) {
                out.push(format!("{name}: macro `{m}` is not documented with these arguments"));
            }
            for m in own.difference(&actual) {
                out.push(format!("{name}: documents macro `{m}`, which it does not have"));
            }
            for var in used_variables(src) {
                out.push(format!(
                    "{name}: uses `{var}`, which is not an argument of its macro (macros see only those)"
                ));
            }
            continue;
        }
        let extends = extends_layout(src);
        for var in used_variables(src) {
            let documented = own.contains(&var) || (extends && layout_doc.contains(&var));
            if !documented {
                out.push(format!("{name}: uses `{var}`, which docs/THEMES.md does not document for it"));
            }
        }
        if name == LAYOUT {
            continue;
        }
        let Some(ctx) = contexts.get(name) else {
            out.push(format!("{name}: never rendered by the test sites, so its documented variables are unchecked"));
            continue;
        };
        let inherited = if extends { layout_doc.clone() } else { BTreeSet::new() };
        for var in own.union(&inherited) {
            if !ctx.contains(var) {
                out.push(format!("{name}: documents `{var}`, which its context does not have"));
            }
        }
    }
    out
}

#[test]
fn themes_md_documents_every_template_variable() {
    let doc = std::fs::read_to_string(common::manifest().join("docs/THEMES.md")).unwrap();
    let doc = documented(&doc);
    let templates = templates();
    // The default site, and the fixture (an article only in Vietnamese: the notice page) with
    // a picture in a text (`embed/picture.html`).
    let seen = Mutex::new(BTreeMap::new());
    rendered_contexts(&common::manifest(), &seen);
    let fixture = common::fixture();
    let picture = image::RgbImage::from_fn(64, 32, |x, _| image::Rgb([x as u8, 0, 0]));
    std::fs::create_dir_all(fixture.path().join("static")).unwrap();
    picture.save(fixture.path().join("static/a.png")).unwrap();
    let page = "+++\ntitle = \"Ảnh\"\ndate = 2025-05-01\n+++\n![Một ảnh](/a.png)\n";
    std::fs::write(fixture.path().join("content/news/2025-05-01-anh.md"), page).unwrap();
    rendered_contexts(fixture.path(), &seen);
    let problems = problems(&templates, &doc, &seen.into_inner().unwrap());
    assert!(problems.is_empty(), "docs/THEMES.md is out of date:\n{}", problems.join("\n"));
}

#[test]
fn variables_are_read_from_template_code() {
    let src = r#"{% extends "base.html" %}{% import "macros.html" as m %}{# {{ hidden }}, it's #}
{% block main %}{% set n = items | length %}{{ title | upper }} {{ trans(key="x", lang=lang) }}
{% for a, b in pairs %}{{ a.b }}{{ loop.index }}{% endfor %}{% if x is not defined and not y.z %}{% endif %}
{{ m::news(items=news, level=2) }} {{ c.label | replace(from="{a}", to=to_var) }} {{ list[0].href }}
{% raw %}{{ raw }}{% endraw %}{% endblock main %}"#;
    let used: Vec<String> = used_variables(src).into_iter().collect();
    assert_eq!(used, ["c", "items", "lang", "list", "news", "pairs", "title", "to_var", "x", "y"]);
    assert!(extends_layout(src));
    let macros =
        "{% macro rank(cells, lang) %}{{ cells.rank }}{% endmacro %}\n{%- macro toc(toc,lang) -%}{% endmacro %}";
    assert_eq!(macro_signatures(macros), BTreeSet::from(["rank(cells,lang)".into(), "toc(toc,lang)".into()]));
    assert!(used_variables(macros).is_empty());
}

#[test]
fn a_site_theme_overrides_templates_and_strings_one_by_one() {
    let site = common::fixture();
    let root = site.path();
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(root.join("site.toml"), format!("{toml}theme = \"mine\"\n")).unwrap();
    let theme = root.join("themes/mine");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::create_dir_all(theme.join("i18n")).unwrap();
    std::fs::write(theme.join("templates/robots.txt"), "User-agent: *\nDisallow: /\n# {{ base_url }} & more\n")
        .unwrap();
    std::fs::write(theme.join("i18n/en.toml"), "skip_link = \"Jump to <content>\"\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    common::build_ok(root, out.path());
    let read = |p: &str| std::fs::read_to_string(out.path().join(p)).unwrap();
    // A text file is not escaped; the other templates are still the default's.
    assert_eq!(read("robots.txt"), "User-agent: *\nDisallow: /\n# https://example.org/ & more\n");
    assert!(read("sitemap.xml").contains("<loc>https://example.org/en/</loc>"));
    // trans() gives the theme's string, escaped (Tera escapes `>` too);
    // the other language keeps the default's.
    assert!(read("en/index.html").contains("Jump to &lt;content&gt;"), "{}", read("en/index.html"));
    assert!(!read("index.html").contains("Jump to"));
}

#[test]
fn a_template_asking_for_an_unknown_string_names_it() {
    let site = common::fixture();
    let root = site.path();
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(root.join("site.toml"), format!("{toml}theme = \"mine\"\n")).unwrap();
    std::fs::create_dir_all(root.join("themes/mine/templates")).unwrap();
    // A key the load-time check cannot see (it is built by the template).
    std::fs::write(
        root.join("themes/mine/templates/robots.txt"),
        "{{ trans(key=\"no_such\" ~ \"_key\", lang=\"vi\") }}",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = common::build(root, out.path());
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("robots.txt") && run.stderr.contains("`no_such_key`"), "{}", run.stderr);
}

#[test]
fn a_site_default_theme_folder_overrides_the_built_in_one_file_by_file() {
    let site = common::fixture();
    let root = site.path();
    let theme = root.join("themes/default");
    for sub in ["templates", "static", "i18n"] {
        std::fs::create_dir_all(theme.join(sub)).unwrap();
    }
    // One template: the built-in base.html with one more line in its head.
    let base = std::fs::read_to_string(common::manifest().join("themes/default/templates/base.html")).unwrap();
    let base = base.replacen("<head>", "<head>\n<meta name=\"council\" content=\"own-base\">", 1);
    std::fs::write(theme.join("templates/base.html"), base).unwrap();
    // One static file, and one key of one strings file.
    std::fs::write(theme.join("static/style.css"), "body { color: #123456 }\n").unwrap();
    std::fs::write(theme.join("i18n/vi.toml"), "skip_link = \"Tới nội dung\"\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    common::build_ok(root, out.path());
    let read = |p: &str| std::fs::read_to_string(out.path().join(p)).unwrap();
    let home = read("index.html");
    assert!(common::has_attr(&home, "content", "own-base"), "{home}");
    assert!(home.contains("Tới nội dung"), "{home}");
    // The other key, the other language, the other templates and statics are the built-in ones.
    assert!(read("en/index.html").contains("Skip to"), "{}", read("en/index.html"));
    assert!(common::has_attr(&read("en/rankings/index.html"), "content", "own-base"));
    assert_eq!(read("assets/style.css"), "body { color: #123456 }\n");
    assert!(out.path().join("assets/print.css").is_file() && out.path().join("assets/site.js").is_file());
    assert!(read("robots.txt").contains("Sitemap"));
}
