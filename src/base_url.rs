//! The site's public address, made once from `site.toml` or `--base-url` (on the `url` crate):
//! absolute http(s), ending in `/`, no query or fragment. Every absolute URL of the site is
//! joined here.

use std::fmt;

/// An absolute http(s) address ending in `/`: `https://example.gov.vn/cds/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(url::Url);

impl BaseUrl {
    /// Reads an address as a user writes it (`https://host/path`, with or without the last
    /// `/`); an error says what is wrong with it.
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        if text.chars().any(|c| c.is_whitespace() || "\"'<>\\".contains(c)) {
            return Err("it holds a space, a quote, `<`, `>` or `\\`".into());
        }
        let mut url = url::Url::parse(text).map_err(|e| e.to_string())?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err("it is not an http(s) address".into());
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err("it names no host".into());
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err("it has a query (`?`) or a fragment (`#`)".into());
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err("it holds a user name or password".into());
        }
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(BaseUrl(url))
    }

    /// The whole address: `https://example.gov.vn/cds/`.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The path on the host, `/` or `/cds/`: where the site lives, what `serve` serves under.
    pub fn path(&self) -> &str {
        self.0.path()
    }

    /// The absolute URL of `rel`, a path below the site's root (`tin-tuc/atom.xml`).
    pub fn join(&self, rel: &str) -> String {
        format!("{}{}", self.0.as_str(), rel.trim_start_matches('/'))
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::ops::Deref for BaseUrl {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_get_a_trailing_slash_and_keep_their_path() {
        assert_eq!(BaseUrl::parse("https://x.gov.vn/cds").unwrap().as_str(), "https://x.gov.vn/cds/");
        assert_eq!(BaseUrl::parse("https://x.gov.vn").unwrap().as_str(), "https://x.gov.vn/");
        assert_eq!(BaseUrl::parse("http://127.0.0.1:1111/").unwrap().path(), "/");
        assert_eq!(BaseUrl::parse("https://x.gov.vn/a/b").unwrap().path(), "/a/b/");
        assert_eq!(BaseUrl::parse("https://x.gov.vn/cds/").unwrap().join("tin-tuc/"), "https://x.gov.vn/cds/tin-tuc/");
        assert_eq!(BaseUrl::parse("https://x.gov.vn/").unwrap().join("/en/"), "https://x.gov.vn/en/");
    }

    #[test]
    fn what_is_not_a_site_address_is_refused() {
        for bad in ["ftp://x", "https://", "https://x/?a", "https://x/#a", "x.gov.vn", "https://a b", "https://u:p@x/"]
        {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
