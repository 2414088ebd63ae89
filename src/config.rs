//! `site.toml`: the raw form as written, and the checked [`Config`] every later step reads.

use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::Text;

/// `site.toml` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub title_vi: String,
    pub title_en: String,
    #[serde(default)]
    pub description_vi: String,
    #[serde(default)]
    pub description_en: String,
    pub base_url: String,
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub allow_html: bool,
    /// Only `["vi", "en"]` is supported; kept so that a site may say so.
    #[serde(default)]
    pub languages: Option<Vec<String>>,
}

/// The checked configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: Text,
    pub description: Text,
    /// Absolute, ending in `/`: `https://example.gov.vn/cds/`.
    pub base_url: String,
    pub theme: String,
    pub allow_html: bool,
}

pub fn parse_site_toml(file: &str, text: &str) -> Result<RawConfig, Diagnostic> {
    toml::from_str(text).map_err(|e| crate::diag::toml_error(file, text, &e))
}

impl Config {
    /// Checks the raw configuration; `base_url` given on the command line wins over the file's.
    pub fn check(raw: &RawConfig, base_url_override: Option<&str>, diags: &mut Diagnostics) -> Config {
        let base = base_url_override.unwrap_or(&raw.base_url);
        let base_url = match normalize_base_url(base) {
            Some(b) => b,
            None => {
                diags.push(
                    Diagnostic::error("site.toml", None, format!("base_url `{base}` is not an http(s) address"))
                        .hint("write the site's public address, e.g. base_url = \"https://example.gov.vn/\""),
                );
                "http://localhost/".to_string()
            }
        };
        if let Some(langs) = &raw.languages {
            if langs.iter().map(String::as_str).ne(["vi", "en"]) {
                diags.push(
                    Diagnostic::error("site.toml", None, "languages must be [\"vi\", \"en\"]")
                        .hint("minhbach writes Vietnamese at the root and English under /en/; remove the line or write languages = [\"vi\", \"en\"]"),
                );
            }
        }
        Config {
            title: Text::new(&raw.title_vi, &raw.title_en),
            description: Text::new(&raw.description_vi, &raw.description_en),
            base_url,
            theme: raw.theme.clone().unwrap_or_else(|| "default".into()),
            allow_html: raw.allow_html,
        }
    }

    /// The path part of `base_url`: `/` or `/cds/`.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.split_once("://").map(|x| x.1).unwrap_or("");
        after_scheme.find('/').map(|i| &after_scheme[i..]).unwrap_or("/")
    }
}

/// `https://host/path` → `https://host/path/`; `None` when not http(s) or it holds spaces,
/// quotes, a query or a fragment.
pub fn normalize_base_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split('/').next()?;
    if host.is_empty() || url.chars().any(|c| c.is_whitespace() || "\"'<>?#\\".contains(c)) {
        return None;
    }
    let mut s = url.to_string();
    if !s.ends_with('/') {
        s.push('/');
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_gets_a_trailing_slash_and_keeps_its_path() {
        assert_eq!(normalize_base_url("https://x.gov.vn/cds").unwrap(), "https://x.gov.vn/cds/");
        assert_eq!(normalize_base_url("ftp://x").as_deref(), None);
        assert_eq!(normalize_base_url("https://").as_deref(), None);
        assert_eq!(normalize_base_url("https://x/?a").as_deref(), None);
    }

    #[test]
    fn base_path_is_the_path_part() {
        let raw = parse_site_toml("site.toml", "title_vi='a'\ntitle_en='b'\nbase_url='https://x.vn/a/b'").unwrap();
        let mut d = Diagnostics::default();
        let c = Config::check(&raw, None, &mut d);
        assert_eq!(c.base_path(), "/a/b/");
        let c = Config::check(&raw, Some("http://127.0.0.1:8000"), &mut d);
        assert_eq!(c.base_path(), "/");
        assert!(!d.has_errors());
    }

    #[test]
    fn unknown_fields_are_errors_with_a_line() {
        let e =
            parse_site_toml("site.toml", "title_vi='a'\ntitle_en='b'\nbase_url='https://x'\ntitel='c'\n").unwrap_err();
        assert_eq!(e.line, Some(4));
    }
}
