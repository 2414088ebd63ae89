//! What happens to every rendered file on its way out, on the thread that rendered it: the
//! internal links of a page are noted for the check, HTML is minified, the file's SHA-256 is
//! taken for `SHA256SUMS`, and the file goes on to the writer (or nowhere, for `check`). Only
//! paths, hashes and the distinct link targets stay in memory, never the pages themselves.

use std::collections::BTreeMap;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use crate::diag::{Diagnostic, Diagnostics};
use crate::links::Links;
use crate::timings::{time, Stage};

/// SHA-256 of a file as written.
pub type Hash = [u8; 32];

/// Where finished files go: the output path and the bytes to write.
pub type Writer<'w> = dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync + 'w;

/// The checksum manifest's name; it lists every other file.
pub(crate) const MANIFEST: &str = "SHA256SUMS";

/// Files on their way out.
pub(crate) struct Output<'w> {
    base_path: String,
    writer: Option<&'w Writer<'w>>,
    /// HTML goes through the minifier.
    minify: bool,
    links: Links,
    hashes: Mutex<BTreeMap<String, Hash>>,
}

impl<'w> Output<'w> {
    /// `base_path` is the site's path on its host (`/` or `/cds/`); `writer` is `None` to write
    /// nothing; `minify`: HTML goes through the minifier (`minify_html` of `site.toml`).
    pub(crate) fn new(base_path: &str, writer: Option<&'w Writer<'w>>, minify: bool) -> Self {
        Output { base_path: base_path.to_string(), writer, minify, links: Links::default(), hashes: Mutex::default() }
    }

    /// Takes one rendered file: notes its links, minifies HTML when asked, hashes and writes it.
    pub(crate) fn put(&self, mut file: OutFile) -> Result<(), Diagnostic> {
        if file.is_html() {
            time(Stage::LinkNote, || {
                self.links.note(&file.path, &String::from_utf8_lossy(&file.bytes), &self.base_path);
            });
            if self.minify {
                file.bytes = time(Stage::Minify, || crate::write::minify(&file.bytes));
            }
        }
        let hash: Hash = time(Stage::Hash, || Sha256::digest(&file.bytes).into());
        if let Some(write) = self.writer {
            time(Stage::Write, || write(&file.path, &file.bytes))?;
        }
        let mut hashes = self.hashes.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if hashes.insert(file.path.clone(), hash).is_some() {
            return Err(Diagnostic::error(&file.path, None, crate::tr!("two files of the output have this path"))
                .hint(crate::tr!("a unit alias or a page name equals another page's; rename one of them")));
        }
        Ok(())
    }

    /// The hash of every file put here, links unchecked and no `SHA256SUMS` written: for files
    /// that a later [`Output::finish`] puts again (`serve`'s first pages of an edit).
    pub(crate) fn into_hashes(self) -> BTreeMap<String, Hash> {
        self.hashes.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Checks every noted link against the files put here and `also` (files published
    /// elsewhere), then writes `SHA256SUMS` over the files put here and `also`'s hashes.
    /// Returns the hash of every file put here.
    pub(crate) fn finish(self, also: &BTreeMap<String, Hash>) -> Result<BTreeMap<String, Hash>, Diagnostics> {
        let hashes = self.hashes.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let broken = self.links.check(|p| p == MANIFEST || hashes.contains_key(p) || also.contains_key(p));
        if broken.has_errors() {
            return Err(broken);
        }
        if let Some(write) = self.writer {
            let mut all: Vec<(&str, &Hash)> =
                also.iter().filter(|(p, _)| !hashes.contains_key(*p)).map(|(p, h)| (p.as_str(), h)).collect();
            all.extend(hashes.iter().map(|(p, h)| (p.as_str(), h)));
            all.sort_unstable_by_key(|(p, _)| *p);
            let sums = manifest(&all);
            write(MANIFEST, sums.as_bytes()).map_err(Diagnostics::one)?;
        }
        Ok(hashes)
    }
}

/// `SHA256SUMS`: one `hash  path` line per file (given sorted by path), as `sha256sum -c` reads it.
pub fn manifest(files: &[(&str, &Hash)]) -> String {
    let mut out = String::with_capacity(files.len() * 120);
    for (path, hash) in files {
        out.push_str(&hex(&hash[..]));
        out.push_str("  ");
        out.push_str(path);
        out.push('\n');
    }
    out
}

/// Bytes as lower-case hexadecimal, two digits each.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

/// One file of the output, path relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutFile {
    /// Its path below the output folder, with `/` separators.
    pub path: String,
    /// Its contents.
    pub bytes: Vec<u8>,
}

impl OutFile {
    /// A file at `path` holding `bytes`.
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutFile { path: path.into(), bytes: bytes.into() }
    }

    /// A page (its internal links are noted and it is minified).
    pub fn is_html(&self) -> bool {
        self.path.ends_with(".html")
    }
}

/// The SHA-256 of `bytes` in lowercase hexadecimal, as `sha256sum` prints it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha(bytes: &[u8]) -> String {
        sha256_hex(bytes)
    }

    #[test]
    fn manifest_lines_read_as_sha256sum_wants_them() {
        let (a, b): (Hash, Hash) = (Sha256::digest(b"a").into(), Sha256::digest(b"b").into());
        let s = manifest(&[("a.txt", &a), ("b.txt", &b)]);
        assert_eq!(s, format!("{}  a.txt\n{}  b.txt\n", sha(b"a"), sha(b"b")));
    }

    #[test]
    fn files_are_minified_hashed_written_and_their_links_checked() {
        let written: Mutex<Vec<(String, Vec<u8>)>> = Mutex::default();
        let writer = |p: &str, b: &[u8]| {
            written.lock().unwrap().push((p.to_string(), b.to_vec()));
            Ok(())
        };
        let out = Output::new("/", Some(&writer), true);
        out.put(OutFile::new("index.html", "<!DOCTYPE html>\n<p>a   <a href=\"x/\">x</a></p>")).unwrap();
        out.put(OutFile::new("x/index.html", "<p>back <a href=\"../\">home</a></p>")).unwrap();
        let hashes = out.finish(&BTreeMap::new()).unwrap();
        assert_eq!(hashes.len(), 2);
        let w = written.into_inner().unwrap();
        let index = &w.iter().find(|(p, _)| p == "index.html").unwrap().1;
        assert!(
            String::from_utf8_lossy(index).contains("<p>a <a href=x/>x</a></p>"),
            "{}",
            String::from_utf8_lossy(index)
        );
        assert_eq!(hashes["index.html"], <Hash>::from(Sha256::digest(index)));
        let sums = &w.iter().find(|(p, _)| p == MANIFEST).unwrap().1;
        assert!(String::from_utf8_lossy(sums).ends_with("  x/index.html\n"));
    }

    #[test]
    fn a_broken_link_fails_before_the_manifest() {
        let out = Output::new("/", None, false);
        out.put(OutFile::new("index.html", "<a href=\"nowhere/\">x</a>")).unwrap();
        let err = out.finish(&BTreeMap::new()).unwrap_err();
        assert!(err.to_string().contains("index.html: error: broken internal link `nowhere/`"), "{err}");
    }

    #[test]
    fn the_same_path_twice_is_an_error() {
        let out = Output::new("/", None, false);
        out.put(OutFile::new("a.txt", "1")).unwrap();
        assert!(out.put(OutFile::new("a.txt", "2")).is_err());
    }

    #[test]
    fn sha256_of_known_text() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
