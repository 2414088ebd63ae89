//! News and model stories are Markdown. With raw HTML off (the default), no
//! input may produce a script-capable tag or a `javascript:`/`vbscript:`/
//! `data:` link or image in the output, ids stay unique, every table-of-contents
//! entry names a heading, and nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Tags pulldown-cmark emits for CommonMark + tables, footnotes, strikethrough.
const ALLOWED: &[&str] = &[
    "p", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "br", "img", "table", "thead", "tbody", "tr", "th", "td", "del", "sup", "div", "span", "section",
];

fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').unwrap_or(0);
        let ent = &rest[1..end.max(1)];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if ent.starts_with("#x") || ent.starts_with("#X") => u32::from_str_radix(&ent[2..], 16).ok().and_then(char::from_u32),
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match (end, ch) {
            (e, Some(c)) if e > 0 => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a browser's URL parser makes of the scheme: leading C0/space stripped,
/// tabs and newlines removed anywhere, lowercased.
fn scheme_view(url: &str) -> String {
    url.trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Attributes pulldown-cmark and the renderer write.
const ATTRS: &[&str] = &["href", "src", "alt", "title", "id", "class", "rel", "start", "style", "align", "type", "disabled", "checked"];

/// The tags of the output: (name, [(attribute, raw value)]). Text never holds a raw `<`
/// (it is escaped), so every `<` opens a tag; quotes inside a tag are honoured.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let s = i + off;
        let body_start = s + 1;
        let mut end = html.len();
        let mut quote: Option<char> = None;
        for (k, c) in html[body_start..].char_indices() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '"' || c == '\'' => quote = Some(c),
                None if c == '>' => {
                    end = body_start + k;
                    break;
                }
                None => {}
            }
        }
        let tag = &html[body_start..end];
        i = (end + 1).min(html.len());
        let t = tag.trim_start_matches('/');
        let name: String = t.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        assert!(!name.is_empty(), "raw `<` in output: {}", &html[s..html.len().min(s + 60)]);
        let mut attrs = Vec::new();
        let mut rest = &t[name.len()..];
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() {
                break;
            }
            let an: String = rest.chars().take_while(|c| !c.is_whitespace() && *c != '=' && *c != '/' && *c != '>').collect();
            rest = &rest[an.len()..];
            let mut value = String::new();
            if let Some(v) = rest.trim_start().strip_prefix('=') {
                let v = v.trim_start();
                if let Some(q) = v.chars().next().filter(|c| *c == '"' || *c == '\'') {
                    let close = v[1..].find(q).map(|p| p + 1).unwrap_or(v.len());
                    value = v[1..close].to_string();
                    rest = &v[(close + 1).min(v.len())..];
                } else {
                    let n = v.find(char::is_whitespace).unwrap_or(v.len());
                    value = v[..n].to_string();
                    rest = &v[n..];
                }
            } else if an.is_empty() {
                // a stray character: skip it
                let skip = rest.chars().next().map(char::len_utf8).unwrap_or(1);
                rest = &rest[skip..];
                continue;
            }
            attrs.push((an.to_ascii_lowercase(), value));
        }
        out.push((name, attrs));
    }
    out
}

/// With raw HTML off: only the tags and attributes Markdown makes, no script URL, no
/// duplicate id (the Nu checker refuses one). Returns the ids.
fn check(html: &str) -> std::collections::HashSet<String> {
    let mut ids = std::collections::HashSet::new();
    for (name, attrs) in tags(html) {
        assert!(ALLOWED.contains(&name.as_str()), "tag <{name}> in output");
        for (a, v) in attrs {
            assert!(ATTRS.contains(&a.as_str()), "attribute {a}=\"{v}\" on <{name}> in output");
            if a == "href" || a == "src" {
                let s = scheme_view(&decode_entities(&v));
                for bad in ["javascript:", "vbscript:", "data:"] {
                    assert!(!s.starts_with(bad), "<{name} {a}=\"{v}\"> survives in output");
                }
            }
            if a == "id" {
                assert!(ids.insert(decode_entities(&v)), "duplicate id=\"{v}\" in output");
            }
        }
    }
    ids
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // `@/…` links: some resolve, some do not.
    let resolve = |p: &str| if p.len() % 2 == 0 { Some(format!("tin-tuc/{}/", p.trim_end_matches(".md"))) } else { None };
    for allow_html in [false, true] {
        let src = minhbach::markdown::Source {
            file: "content/news/fuzz.md",
            first_line: 1,
            allow_html,
            resolve: &resolve,
            static_file: &|p| p.len() % 2 == 0,
            picture: None,
        };
        let mut diags = minhbach::diag::Diagnostics::default();
        let out = minhbach::markdown::render(&src, &text, &mut diags);
        if !allow_html {
            let ids = check(&out.html);
            for t in &out.toc {
                assert!(ids.contains(&t.id), "table-of-contents entry #{} names no id of the output", t.id);
            }
        }
    }
    let mut diags = minhbach::diag::Diagnostics::default();
    let _ = minhbach::markdown::render_simple("content/_index.md", &text, 1, false, &mut diags);
});
