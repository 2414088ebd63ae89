//! Shortcodes that let an article embed live data, written alone on a line:
//! `{{ ranking(index="dti-tinh", edition="2024", top=5) }}` or with `units=["da-nang","hue"]`.
//! Checking resolves each call to an [`Embed`] (which rows of which edition) and leaves a marker
//! in the Markdown; `pages` draws the embed with the theme when the page is rendered. An unknown
//! shortcode or a bad argument is an error with its file and line.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Embed, Index, Unit};

/// An argument value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Arg {
    Str(String),
    Int(i64),
    List(Vec<String>),
}

/// One shortcode as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Call {
    pub name: String,
    pub args: BTreeMap<String, Arg>,
    /// The call as written, trimmed: kept in its [`Embed`] to resolve it again when the data
    /// changes under `serve`.
    pub text: String,
}

/// Parses `{{ name(key=value, …) }}`; `None` when the line is not a shortcode at all.
pub(crate) fn parse(line: &str) -> Option<Result<Call, String>> {
    let inner = line.trim().strip_prefix("{{")?.strip_suffix("}}")?.trim();
    let open = inner.find('(')?;
    let name = inner[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let Some(body) = inner[open + 1..].strip_suffix(')') else {
        return Some(Err("the shortcode's `(` is never closed".into()));
    };
    Some(parse_args(body).map(|args| Call { name: name.to_string(), args, text: line.trim().to_string() }))
}

fn parse_args(s: &str) -> Result<BTreeMap<String, Arg>, String> {
    let mut args = BTreeMap::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while *i < chars.len() && chars[*i].is_whitespace() {
            *i += 1;
        }
    };
    let string = |i: &mut usize| -> Result<String, String> {
        *i += 1;
        let mut out = String::new();
        while *i < chars.len() && chars[*i] != '"' {
            out.push(chars[*i]);
            *i += 1;
        }
        if *i >= chars.len() {
            return Err("a quoted value is never closed".into());
        }
        *i += 1;
        Ok(out)
    };
    loop {
        skip_ws(&mut i);
        if i >= chars.len() {
            break;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
            i += 1;
        }
        let key: String = chars[start..i].iter().collect();
        skip_ws(&mut i);
        if key.is_empty() || i >= chars.len() || chars[i] != '=' {
            return Err("arguments are written key=value, separated by commas".into());
        }
        i += 1;
        skip_ws(&mut i);
        let value = match chars.get(i) {
            Some('"') => Arg::Str(string(&mut i)?),
            Some('[') => {
                i += 1;
                let mut items = Vec::new();
                loop {
                    skip_ws(&mut i);
                    match chars.get(i) {
                        Some(']') => {
                            i += 1;
                            break;
                        }
                        Some('"') => items.push(string(&mut i)?),
                        Some(',') => i += 1,
                        _ => return Err("a list holds quoted values: [\"da-nang\", \"hue\"]".into()),
                    }
                }
                Arg::List(items)
            }
            Some(c) if c.is_ascii_digit() || *c == '-' => {
                let start = i;
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                let n: String = chars[start..i].iter().collect();
                Arg::Int(n.parse().map_err(|_| format!("`{n}` is not a whole number"))?)
            }
            _ => return Err(format!("the value of `{key}` must be a quoted text, a number or a list")),
        };
        if args.insert(key.clone(), value).is_some() {
            return Err(format!("`{key}` is given twice"));
        }
        skip_ws(&mut i);
        match chars.get(i) {
            Some(',') => i += 1,
            None => break,
            Some(c) => return Err(format!("unexpected `{c}` after the value of `{key}`")),
        }
    }
    Ok(args)
}

/// Marker left in the Markdown where shortcode `n` stands; rendered, it is `<p>marker</p>`.
pub(crate) fn marker(n: usize) -> String {
    format!("MINHBACHSHORTCODE{n}X")
}

/// Replaces every shortcode line of `body` with a marker and returns what each resolved to.
pub(crate) fn extract<T>(
    body: &str,
    file: &str,
    first_line: usize,
    mut expand: impl FnMut(&Call) -> Result<T, String>,
    diags: &mut Diagnostics,
) -> (String, Vec<T>) {
    let mut out = String::with_capacity(body.len());
    let mut html = Vec::new();
    let mut in_code = false;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        let parsed = if in_code { None } else { parse(line) };
        match parsed {
            None => out.push_str(line),
            Some(res) => {
                let at = Some(first_line + i);
                match res.and_then(|call| expand(&call)) {
                    Ok(h) => {
                        out.push_str(&format!("\n{}\n\n", marker(html.len())));
                        html.push(h);
                    }
                    Err(e) => {
                        diags.push(Diagnostic::error(file, at, crate::tr!("shortcode: {e}", e)).hint(crate::tr!(
                            "known shortcodes: {{{{ ranking(index=\"dti-tinh\", edition=\"2024\", top=10) }}}} or with units=[\"da-nang\"]"
                        )));
                        out.push('\n');
                    }
                }
            }
        }
    }
    (out, html)
}

/// Puts `draw(n)` in place of the marker of embed `n` in rendered HTML.
pub(crate) fn restore(rendered: &str, count: usize, mut draw: impl FnMut(usize) -> String) -> String {
    let mut out = rendered.to_string();
    for n in 0..count {
        out = out.replace(&format!("<p>{}</p>", marker(n)), &draw(n));
    }
    out
}

fn take_str<'a>(args: &'a BTreeMap<String, Arg>, key: &str) -> Result<Option<&'a str>, String> {
    match args.get(key) {
        None => Ok(None),
        Some(Arg::Str(s)) => Ok(Some(s)),
        Some(_) => Err(format!("`{key}` must be a quoted text")),
    }
}

/// The data a shortcode may read.
pub(crate) struct Data<'a> {
    pub units: &'a [Unit],
    pub indices: &'a [Index],
}

/// Resolves one shortcode to what it embeds.
pub(crate) fn resolve(data: &Data, call: &Call) -> Result<Embed, String> {
    match call.name.as_str() {
        "ranking" => ranking(data, call),
        other => Err(format!("unknown shortcode `{other}`")),
    }
}

fn ranking(data: &Data, call: &Call) -> Result<Embed, String> {
    for key in call.args.keys() {
        if !["index", "edition", "top", "units"].contains(&key.as_str()) {
            return Err(format!("`ranking` takes index, edition, top or units, not `{key}`"));
        }
    }
    let key = take_str(&call.args, "index")?.ok_or("`ranking` needs index=\"…\"")?;
    let i =
        data.indices.iter().position(|i| i.key == key).ok_or_else(|| format!("no index `{key}` in data/rankings/"))?;
    let index = &data.indices[i];
    let e = match take_str(&call.args, "edition")? {
        Some(k) => index
            .editions
            .iter()
            .position(|e| e.key == k)
            .ok_or_else(|| format!("index `{key}` has no edition `{k}`"))?,
        None => index.latest().ok_or_else(|| format!("index `{key}` has no edition"))?,
    };
    let ed = &index.editions[e];
    let top = match call.args.get("top") {
        None => None,
        Some(Arg::Int(n)) if *n > 0 => Some(*n as u32),
        Some(_) => return Err("`top` must be a whole number above 0".into()),
    };
    let units: Option<Vec<usize>> = match call.args.get("units") {
        None => None,
        Some(Arg::List(ids)) => Some(
            ids.iter()
                .map(|id| data.units.iter().position(|u| &u.id == id).ok_or_else(|| format!("unknown unit `{id}`")))
                .collect::<Result<_, _>>()?,
        ),
        Some(_) => return Err("`units` must be a list: [\"da-nang\", \"hue\"]".into()),
    };
    if top.is_none() && units.is_none() {
        return Err("`ranking` needs top=N or units=[…]".into());
    }
    let rows = ed
        .rows
        .iter()
        .enumerate()
        .filter(|(_, row)| match (&units, top) {
            (Some(list), _) => list.contains(&row.unit),
            (None, Some(n)) => row.rank.is_some_and(|r| r <= n),
            _ => false,
        })
        .map(|(k, _)| k)
        .collect();
    Ok(Embed::Ranking { index: i, edition: e, rows, call: call.text.clone() })
}

/// What `embed`'s shortcode resolves to against `data` (the data edited since it was checked);
/// the problem when it no longer resolves.
pub(crate) fn again(data: &Data, embed: &Embed) -> Result<Embed, String> {
    let Embed::Ranking { call, .. } = embed;
    parse(call).ok_or_else(|| format!("`{call}` is not a shortcode"))?.and_then(|c| resolve(data, &c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_arguments() {
        let c = parse(r#"{{ ranking(index="dti-tinh", edition="2024", top=5) }}"#).unwrap().unwrap();
        assert_eq!(c.name, "ranking");
        assert_eq!(c.args["top"], Arg::Int(5));
        assert_eq!(c.args["index"], Arg::Str("dti-tinh".into()));
        let c = parse(r#"{{ ranking(index="x", units=["da-nang", "hue"]) }}"#).unwrap().unwrap();
        assert_eq!(c.args["units"], Arg::List(vec!["da-nang".into(), "hue".into()]));
        assert!(parse("plain text").is_none());
        assert!(parse(r#"{{ ranking(index="x) }}"#).unwrap().is_err());
        assert!(parse(r#"{{ ranking(index=x) }}"#).unwrap().is_err());
        assert!(parse(r#"{{ ranking(top=1, top=2) }}"#).unwrap().is_err());
    }

    #[test]
    fn extract_reports_errors_with_lines_and_skips_code() {
        let mut d = Diagnostics::default();
        let body = "a\n\n{{ nope() }}\n\n```\n{{ ranking(top=1) }}\n```\n{{ ok() }}\n";
        let (text, html) = extract(
            body,
            "n.md",
            4,
            |c| {
                if c.name == "ok" {
                    Ok("<b>OK</b>".to_string())
                } else {
                    Err(format!("unknown shortcode `{}`", c.name))
                }
            },
            &mut d,
        );
        assert_eq!(html, vec!["<b>OK</b>".to_string()]);
        assert!(text.contains("{{ ranking(top=1) }}"), "code blocks are left alone");
        assert!(d.to_string().contains("n.md:6: error: shortcode: unknown shortcode `nope`"), "{d}");
        assert_eq!(restore("<p>MINHBACHSHORTCODE0X</p>", html.len(), |n| html[n].clone()), "<b>OK</b>");
    }
}
