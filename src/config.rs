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
    /// Largest document (a scanned decision as PDF) in `static/` or `content/`, in MB.
    #[serde(default)]
    pub max_file_mb: Option<u64>,
    /// The licence of the site's datasets (an index may name its own in `index.toml`).
    #[serde(default)]
    pub license: Option<License>,
    /// Who publishes the site and its datasets.
    #[serde(default)]
    pub publisher: Option<RawPublisher>,
    /// A file of static/ shown in the header (`logo = "/images/logo.svg"`).
    #[serde(default)]
    pub logo: Option<String>,
    /// The theme's own settings, passed to every template as `extra`.
    #[serde(default)]
    pub extra: toml::Table,
    /// The site's menu, replacing the default one (`[[menu]]`).
    #[serde(default)]
    pub menu: Vec<MenuItem>,
    /// More stylesheets linked after the theme's `style.css` (paths below the site root).
    #[serde(default)]
    pub stylesheets: Vec<String>,
    /// Which pages get a share card drawn from their chart: `"editions"` (the default) or
    /// `"all"` (every unit page too, in each language: slow on thousands of units).
    #[serde(default)]
    pub share_cards: Option<String>,
    /// Every HTML page minified with `minify-html` (`minify_html = true`): about 3 % fewer
    /// bytes (2 % gzip'd) for about a third more CPU time; off by default.
    #[serde(default)]
    pub minify_html: bool,
}

/// One entry of `[[menu]]`: its label in both languages and where it leads: `@/pages/x.md`
/// (a content document), a section key (`news`, `rankings`…), or an absolute http(s) address.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub name_vi: String,
    pub name_en: String,
    pub url: String,
}

/// A licence as `site.toml` and `index.toml` name it: `[license]` with an SPDX-style `id`
/// (`CC-BY-4.0`), a `name` and the `url` of its text.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct License {
    pub id: String,
    pub name: String,
    pub url: String,
}

/// `[publisher]` of `site.toml` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPublisher {
    pub name_vi: String,
    pub name_en: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

/// Who publishes the site's compilation of the data (not the figures: each edition names the
/// body that published them).
#[derive(Debug, Clone)]
pub struct Publisher {
    pub name: Text,
    /// Absolute http(s) address; the site's own when not given.
    pub url: String,
    pub email: Option<String>,
}

/// The default of `max_file_mb`: a scanned decision of a few dozen pages fits.
pub(crate) const DEFAULT_MAX_FILE_MB: u64 = 50;

/// Largest `max_file_mb` accepted: the whole file is held in memory while the site is built.
pub(crate) const LIMIT_MAX_FILE_MB: u64 = 1024;

impl RawConfig {
    /// `max_file_mb` in bytes, the default when not given, bounded by [`LIMIT_MAX_FILE_MB`].
    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_mb.unwrap_or(DEFAULT_MAX_FILE_MB).clamp(1, LIMIT_MAX_FILE_MB) * 1024 * 1024
    }
}

/// What the command line says to publish beyond the finished content.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Publish {
    /// Documents marked `draft = true` are published (and marked as drafts on their pages).
    pub drafts: bool,
    /// News dated after the build date are published instead of held back.
    pub future: bool,
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
    /// Drafts and future news published or not (`--drafts`, `--future`; `serve` shows drafts).
    pub publish: Publish,
    /// Largest file of `static/` or `content/` read, in bytes (`max_file_mb`).
    pub max_file_bytes: u64,
    /// The licence of the datasets, unless an index names its own; `None` when `site.toml`
    /// names none (the data page then says no licence is given).
    pub license: Option<License>,
    pub publisher: Publisher,
    /// The logo's path below the site root (`images/logo.svg`), checked to be a static file.
    pub logo: Option<String>,
    /// `[extra]`: the theme's own settings, as written.
    pub extra: toml::Table,
    /// `[[menu]]` as written (checked against the site's pages by `check`).
    pub menu: Vec<MenuItem>,
    /// `stylesheets`, each a path below the site root without its leading `/`.
    pub stylesheets: Vec<String>,
    /// Unit pages get a share card of their own (`share_cards = "all"`); else the site's.
    pub unit_cards: bool,
    /// Every HTML page goes through the minifier (`minify_html = true`).
    pub minify_html: bool,
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
        if let Some(mb) = raw.max_file_mb.filter(|mb| !(1..=LIMIT_MAX_FILE_MB).contains(mb)) {
            diags.push(
                Diagnostic::error(
                    "site.toml",
                    None,
                    crate::tr!("max_file_mb = {mb} is not between 1 and {max}", mb, max = LIMIT_MAX_FILE_MB),
                )
                .hint(crate::tr!(
                    "write the size of the largest document in MB, e.g. max_file_mb = {default}",
                    default = DEFAULT_MAX_FILE_MB
                )),
            );
        }
        let unit_cards = match raw.share_cards.as_deref() {
            None | Some("editions") => false,
            Some("all") => true,
            Some(other) => {
                diags.push(
                    Diagnostic::error("site.toml", None, crate::tr!("share_cards = \"{other}\" is not \"editions\" or \"all\"", other))
                        .hint(crate::tr!("write share_cards = \"editions\" (cards for edition pages) or share_cards = \"all\" (unit pages too)")),
                );
                false
            }
        };
        let license = raw.license.clone().filter(|l| check_license("site.toml", l, diags));
        let publisher = match &raw.publisher {
            Some(p) => {
                let url = p.url.clone().filter(|u| {
                    let ok = BaseUrl::parse(u).is_ok();
                    if !ok {
                        diags.push(
                            Diagnostic::error(
                                "site.toml",
                                None,
                                crate::tr!("[publisher] url `{u}` is not an http(s) address", u),
                            )
                            .hint(crate::tr!(
                                "write the publisher's public address, e.g. url = \"https://example.gov.vn/\""
                            )),
                        );
                    }
                    ok
                });
                Publisher {
                    name: Text::new(&p.name_vi, &p.name_en),
                    url: url.unwrap_or_else(|| base_url.to_string()),
                    email: p.email.clone().filter(|e| !e.is_empty()),
                }
            }
            None => Publisher { name: Text::new(&raw.title_vi, &raw.title_en), url: base_url.to_string(), email: None },
        };
        Config {
            license,
            publisher,
            title: Text::new(&raw.title_vi, &raw.title_en),
            description: Text::new(&raw.description_vi, &raw.description_en),
            base_url,
            theme: raw.theme.clone().unwrap_or_else(|| "default".into()),
            allow_html: raw.allow_html,
            publish: Publish::default(),
            max_file_bytes: raw.max_file_bytes(),
            logo: raw.logo.as_deref().map(|l| l.trim().trim_start_matches('/').to_string()),
            extra: raw.extra.clone(),
            menu: raw.menu.clone(),
            stylesheets: raw.stylesheets.iter().map(|l| l.trim().trim_start_matches('/').to_string()).collect(),
            unit_cards,
            minify_html: raw.minify_html,
        }
    }

    /// The path part of `base_url`: `/` or `/cds/`.
    pub fn base_path(&self) -> &str {
        self.base_url.path()
    }
}

/// A licence with an id, a name and an http(s) address; else an error in `file` and `false`.
pub(crate) fn check_license(file: &str, l: &License, diags: &mut Diagnostics) -> bool {
    let url_ok = BaseUrl::parse(&l.url).is_ok();
    if l.id.trim().is_empty() || l.name.trim().is_empty() || !url_ok {
        diags.push(
            Diagnostic::error(
                file,
                None,
                crate::tr!("[license] needs an id, a name and the http(s) address of its text"),
            )
            .hint(crate::tr!(
                "write e.g. [license] id = \"CC-BY-4.0\", name = \"Creative Commons Attribution 4.0\", \
                 url = \"https://creativecommons.org/licenses/by/4.0/\""
            )),
        );
        return false;
    }
    true
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
