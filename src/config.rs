//! `site.toml`: the raw form as written, and the checked [`Config`] every later step reads.

use serde::Deserialize;

use crate::base_url::BaseUrl;
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
    /// A file of static/ shown in the header (`logo = "/images/logo.svg"`).
    #[serde(default)]
    pub logo: Option<String>,
}

/// The checked configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: Text,
    pub description: Text,
    /// Absolute, ending in `/`: `https://example.gov.vn/cds/`.
    pub base_url: BaseUrl,
    pub theme: String,
    pub allow_html: bool,
    /// The logo's path below the site root (`images/logo.svg`), checked to be a static file.
    pub logo: Option<String>,
}

pub(crate) fn parse_site_toml(file: &str, text: &str) -> Result<RawConfig, Diagnostic> {
    toml::from_str(text).map_err(|e| crate::diag::toml_error(file, text, &e))
}

impl Config {
    /// Checks the raw configuration; `base_url` given on the command line wins over the file's.
    pub fn check(raw: &RawConfig, base_url_override: Option<&BaseUrl>, diags: &mut Diagnostics) -> Config {
        let base = &raw.base_url;
        let base_url = match base_url_override.cloned().map_or_else(|| BaseUrl::parse(base), Ok) {
            Ok(b) => b,
            Err(why) => {
                diags.push(
                    Diagnostic::error(
                        "site.toml",
                        None,
                        crate::tr!("base_url `{base}` is not an http(s) address: {why}", base, why),
                    )
                    .hint(crate::tr!("write the site's public address, e.g. base_url = \"https://example.gov.vn/\"")),
                );
                BaseUrl::parse("http://localhost/").expect("a valid address")
            }
        };
        if let Some(langs) = &raw.languages {
            if langs.iter().map(String::as_str).ne(["vi", "en"]) {
                diags.push(
                    Diagnostic::error("site.toml", None, crate::tr!("languages must be [\"vi\", \"en\"]"))
                        .hint(crate::tr!("minhbach writes Vietnamese at the root and English under /en/; remove the line or write languages = [\"vi\", \"en\"]")),
                );
            }
        }
        Config {
            title: Text::new(&raw.title_vi, &raw.title_en),
            description: Text::new(&raw.description_vi, &raw.description_en),
            base_url,
            theme: raw.theme.clone().unwrap_or_else(|| "default".into()),
            allow_html: raw.allow_html,
            logo: raw.logo.as_deref().map(|l| l.trim().trim_start_matches('/').to_string()),
        }
    }

    /// The path part of `base_url`: `/` or `/cds/`.
    pub fn base_path(&self) -> &str {
        self.base_url.path()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_is_the_path_part() {
        let raw = parse_site_toml("site.toml", "title_vi='a'\ntitle_en='b'\nbase_url='https://x.vn/a/b'").unwrap();
        let mut d = Diagnostics::default();
        let c = Config::check(&raw, None, &mut d);
        assert_eq!(c.base_path(), "/a/b/");
        let c = Config::check(&raw, Some(&BaseUrl::parse("http://127.0.0.1:8000").unwrap()), &mut d);
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
