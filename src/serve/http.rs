//! The HTTP side of `minhbach serve`: maps a request path to a file of the output folder and
//! nothing outside it, names its content type, and adds the reload script and the error overlay
//! to the HTML it sends (never to the files on disk).

use std::fs;
use std::path::{Path, PathBuf};

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::State;

/// Where the reload script asks for the build version.
pub(crate) const VERSION_PATH: &str = "/__minhbach/version";
/// The reload script itself.
pub(crate) const SCRIPT_PATH: &str = "/__minhbach/reload.js";

/// Asks for the version the page was served at, naming the page (which an edit then renders
/// first); the server answers at once when the version is another, else when the next build
/// ends (a long poll), and the page reloads when it changed.
const RELOAD_JS: &str = r#"(function () {
  "use strict";
  var s = document.currentScript;
  var seen = s ? s.getAttribute("data-version") : null;
  function poll() {
    var page = "&page=" + encodeURIComponent(location.pathname);
    fetch("/__minhbach/version?seen=" + encodeURIComponent(seen || "") + page, { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (v) {
        v = v.trim();
        if (seen !== null && v !== seen) { location.reload(); return; }
        seen = v;
        setTimeout(poll, 0);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  // After the page has loaded: an edit's rebuild lets the open pages load before going on.
  if (document.readyState === "complete") poll(); else addEventListener("load", poll);
})();
"#;

/// The longest a version request waits for a build before answering with the same version.
pub(crate) const LONG_POLL: std::time::Duration = std::time::Duration::from_secs(20);

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A file inside the output folder (canonical path).
    File(PathBuf),
    /// A folder asked for without its final `/`, or the site's root outside its sub-folder.
    Redirect(String),
    NotFound,
    BadRequest,
}

/// Decodes one path segment's percent-encoding; `None` when malformed or not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3).filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()))?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Percent-encodes a decoded segment for a `Location` header.
fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The output file a request path names, without looking at the disk: `/cds/tin-tuc/` →
/// `tin-tuc/index.html` under base path `/cds/`; `None` when it names none (outside the base
/// path, malformed).
pub(crate) fn requested_file(base_path: &str, raw: &str) -> Option<String> {
    let rest = if base_path == "/" { raw.strip_prefix('/')? } else { raw.strip_prefix(base_path)? };
    let mut segments = Vec::new();
    for seg in rest.split('/').filter(|s| !s.is_empty()) {
        let seg = percent_decode(seg)?;
        if seg == "." || seg == ".." || seg.contains(['/', '\\', '\0']) {
            return None;
        }
        segments.push(seg);
    }
    if rest.is_empty() || rest.ends_with('/') {
        segments.push("index.html".to_string());
    }
    Some(segments.join("/"))
}

/// Maps `raw` (the request target, query and fragment removed) to a file of `out`, the output
/// folder, served under `base_path` (`/` or `/cds/`). Refuses `..` and `.` segments, encoded
/// slashes and backslashes, NUL, absolute and Windows paths, and symbolic links that resolve
/// outside `out`.
pub(crate) fn resolve(out: &Path, base_path: &str, raw: &str) -> Target {
    if !raw.starts_with('/') || raw.contains('\\') {
        return Target::BadRequest;
    }
    let rest = if base_path == "/" {
        &raw[1..]
    } else if let Some(rest) = raw.strip_prefix(base_path) {
        rest
    } else if raw == "/" || raw == base_path.trim_end_matches('/') {
        return Target::Redirect(base_path.to_string());
    } else {
        return Target::NotFound;
    };
    let wants_folder = rest.is_empty() || rest.ends_with('/');
    let mut segments = Vec::new();
    for seg in rest.split('/').filter(|s| !s.is_empty()) {
        let Some(seg) = percent_decode(seg) else { return Target::BadRequest };
        if seg == "." || seg == ".." || seg.contains(['/', '\\', '\0']) {
            return Target::BadRequest;
        }
        segments.push(seg);
    }
    let rel = if segments.is_empty() {
        PathBuf::new()
    } else {
        match crate::write::safe_relative(&segments.join("/")) {
            Some(rel) => rel,
            None => return Target::BadRequest,
        }
    };
    let Ok(root) = out.canonicalize() else { return Target::NotFound };
    let inside = |p: &Path| p.canonicalize().ok().filter(|c| c.starts_with(&root));
    let Some(found) = inside(&out.join(&rel)) else { return Target::NotFound };
    if found.is_dir() {
        if !wants_folder {
            let path: Vec<String> = segments.iter().map(|s| percent_encode(s)).collect();
            return Target::Redirect(format!("{base_path}{}/", path.join("/")));
        }
        return match inside(&found.join("index.html")) {
            Some(index) if index.is_file() => Target::File(index),
            _ => Target::NotFound,
        };
    }
    if found.is_file() {
        Target::File(found)
    } else {
        Target::NotFound
    }
}

/// The `Content-Type` of a file by its name.
pub(crate) fn content_type(path: &Path) -> &'static str {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "webmanifest" => "application/manifest+json",
        "" if path.file_name().is_some_and(|n| n == "SHA256SUMS") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

pub(crate) use crate::escape::escape_html as escape;

/// The overlay that shows a failed build's problems over the last good page.
pub(crate) fn overlay(errors: &str) -> String {
    format!(
        concat!(
            r#"<div id="minhbach-errors" role="alert" lang="en" style="position:fixed;inset:auto 0 0 0;"#,
            r#"max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem;background:#fff5f5;"#,
            r#"color:#1a1a1a;border-top:4px solid #b00020;font:14px/1.5 system-ui,sans-serif">"#,
            r#"<p style="margin:0 0 .5rem;font-weight:bold;color:#b00020">"#,
            r#"<span lang="vi">Lỗi khi dựng trang — đang hiển thị bản dựng tốt gần nhất.</span> "#,
            r#"Build failed — showing the last good build.</p>"#,
            r#"<pre style="margin:0;white-space:pre-wrap;font:13px/1.45 ui-monospace,monospace">{}</pre></div>"#
        ),
        escape(errors.trim_end())
    )
}

/// Adds the reload script (and the overlay, when the last build failed) before `</body>`.
pub(crate) fn inject(html: &str, version: u64, errors: Option<&str>) -> String {
    let mut snippet = errors.map(overlay).unwrap_or_default();
    snippet.push_str(&format!(r#"<script src="{SCRIPT_PATH}" data-version="{version}"></script>"#));
    let at = html.to_ascii_lowercase().rfind("</body>").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + snippet.len());
    out.push_str(&html[..at]);
    out.push_str(&snippet);
    out.push_str(&html[at..]);
    out
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header names and ASCII values")
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body.as_bytes().to_vec())
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

/// How long a request waits for the output folder while a build swaps it in.
fn wait_for_output(out: &Path) {
    for _ in 0..50 {
        if out.is_dir() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Answers one request.
pub(crate) fn handle(req: Request, state: &State) {
    let method = req.method().clone();
    let raw = req.url().split(['?', '#']).next().unwrap_or("").to_string();
    let query = req.url().split_once('?').map_or("", |(_, q)| q).split('#').next().unwrap_or("");
    let param = |name: &str| query.split('&').find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='));
    let seen = param("seen").and_then(|v| v.parse::<u64>().ok());
    let page = param("page").filter(|p| p.len() <= 2048 && raw == VERSION_PATH).and_then(percent_decode);
    // The page asking for the version is open (its question waits, below, for the next build).
    let open = page.and_then(|p| requested_file(&state.base_path, &p)).zip(seen);
    if let Some((file, seen)) = &open {
        state.note_open(file.clone(), *seen, true);
    } else if let Some(file) = requested_file(&state.base_path, &raw).filter(|_| !raw.starts_with("/__minhbach/")) {
        // A file the rebuild going on may still change waits for its end.
        state.wait_for(&file);
    }
    let (version, errors) = match (raw.as_str(), seen) {
        (VERSION_PATH, Some(seen)) => state.wait_past(seen, LONG_POLL),
        _ => state.snapshot(),
    };
    if let Some((file, seen)) = open {
        state.note_open(file, seen, false);
    }
    let no_store = header("Cache-Control", "no-store");
    let nosniff = header("X-Content-Type-Options", "nosniff");
    if method != Method::Get && method != Method::Head {
        let r = text(405, "method not allowed\n").with_header(header("Allow", "GET, HEAD"));
        let _ = req.respond(r);
        return;
    }
    let response = match raw.as_str() {
        VERSION_PATH => text(200, &version.to_string()),
        SCRIPT_PATH => Response::from_data(RELOAD_JS.as_bytes().to_vec())
            .with_header(header("Content-Type", "text/javascript; charset=utf-8")),
        _ => {
            wait_for_output(&state.output_dir);
            match resolve(&state.output_dir, &state.base_path, &raw) {
                Target::File(path) => {
                    let ctype = content_type(&path);
                    match fs::read(&path) {
                        Ok(bytes) if ctype.starts_with("text/html") => {
                            let html = inject(&String::from_utf8_lossy(&bytes), version, errors.as_deref());
                            Response::from_data(html.into_bytes()).with_header(header("Content-Type", ctype))
                        }
                        Ok(bytes) => Response::from_data(bytes).with_header(header("Content-Type", ctype)),
                        Err(_) => not_found(state, version, errors.as_deref()),
                    }
                }
                Target::Redirect(to) => text(301, &format!("moved to {to}\n")).with_header(header("Location", &to)),
                Target::NotFound => not_found(state, version, errors.as_deref()),
                Target::BadRequest => text(400, "bad request: this path is not served\n"),
            }
        }
    };
    let _ = req.respond(response.with_header(no_store).with_header(nosniff));
}

/// The site's `404.html` with status 404, or a plain page when there is none (no good build yet).
fn not_found(state: &State, version: u64, errors: Option<&str>) -> Response<std::io::Cursor<Vec<u8>>> {
    let page = fs::read(state.output_dir.join("404.html")).map_or_else(
        |_| {
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>404</title></head>\
             <body><h1>404</h1><p>Không tìm thấy trang. Page not found.</p></body></html>"
                .to_string()
        },
        |b| String::from_utf8_lossy(&b).into_owned(),
    );
    Response::from_data(inject(&page, version, errors).into_bytes())
        .with_status_code(StatusCode(404))
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("out");
        fs::create_dir_all(out.join("xep-hang")).unwrap();
        fs::write(out.join("index.html"), "<p>home</p>").unwrap();
        fs::write(out.join("xep-hang/index.html"), "<p>r</p>").unwrap();
        fs::write(out.join("style.css"), "p{}").unwrap();
        fs::write(d.path().join("secret.txt"), "secret").unwrap();
        d
    }

    #[test]
    fn a_request_path_names_its_output_file() {
        assert_eq!(requested_file("/", "/").as_deref(), Some("index.html"));
        assert_eq!(requested_file("/", "/tin-tuc/").as_deref(), Some("tin-tuc/index.html"));
        assert_eq!(requested_file("/", "/assets/style.css").as_deref(), Some("assets/style.css"));
        assert_eq!(requested_file("/cds/", "/cds/en/news/").as_deref(), Some("en/news/index.html"));
        assert_eq!(requested_file("/", "/the/b%C3%A0i/").as_deref(), Some("the/bài/index.html"));
        assert_eq!(requested_file("/cds/", "/other/"), None, "outside the base path");
        assert_eq!(requested_file("/", "/a/../b/"), None);
        assert_eq!(requested_file("/", "/a%2Fb/"), None);
        assert_eq!(requested_file("/", "/%ZZ/"), None);
    }

    #[test]
    fn serves_files_and_folders_inside_the_output() {
        let d = site();
        let out = d.path().join("out");
        let root = out.canonicalize().unwrap();
        assert_eq!(resolve(&out, "/", "/"), Target::File(root.join("index.html")));
        assert_eq!(resolve(&out, "/", "/xep-hang/"), Target::File(root.join("xep-hang/index.html")));
        assert_eq!(resolve(&out, "/", "/xep-hang"), Target::Redirect("/xep-hang/".into()));
        assert_eq!(resolve(&out, "/", "/style.css"), Target::File(root.join("style.css")));
        assert_eq!(resolve(&out, "/", "/nope.html"), Target::NotFound);
        assert_eq!(resolve(&out, "/cds/", "/cds/style.css"), Target::File(root.join("style.css")));
        assert_eq!(resolve(&out, "/cds/", "/"), Target::Redirect("/cds/".into()));
        assert_eq!(resolve(&out, "/cds/", "/style.css"), Target::NotFound);
    }

    #[test]
    fn refuses_everything_outside_the_output() {
        let d = site();
        let out = d.path().join("out");
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/..%2fsecret.txt",
            "/..%2Fsecret.txt",
            "/..\\secret.txt",
            "/%5c..%5csecret.txt",
            "/xep-hang/../../secret.txt",
            "/./index.html",
            "/%00",
            "/%zz",
            "secret.txt",
            "http://example.org/",
        ] {
            let t = resolve(&out, "/", bad);
            assert!(matches!(t, Target::BadRequest | Target::NotFound), "{bad}: {t:?}");
        }
        // `//etc/passwd` is the output's own `etc/passwd`, which does not exist.
        assert_eq!(resolve(&out, "/", "//etc/passwd"), Target::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks_leaving_the_output() {
        let d = site();
        let out = d.path().join("out");
        std::os::unix::fs::symlink(d.path().join("secret.txt"), out.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(d.path(), out.join("up")).unwrap();
        assert_eq!(resolve(&out, "/", "/link.txt"), Target::NotFound);
        assert_eq!(resolve(&out, "/", "/up/secret.txt"), Target::NotFound);
    }

    #[test]
    fn injects_escaped_errors_and_the_script_before_body_end() {
        let html = inject("<html><body><p>x</p></body></html>", 7, Some("a.csv:3: error: <b>&"));
        assert!(html.ends_with("</body></html>"), "{html}");
        assert!(html.contains("a.csv:3: error: &lt;b&gt;&amp;"), "{html}");
        assert!(html.contains(r#"data-version="7""#), "{html}");
        assert!(!inject("<p>x</p>", 1, None).contains("minhbach-errors"));
    }

    #[test]
    fn names_content_types() {
        assert_eq!(content_type(Path::new("a/index.html")), "text/html; charset=utf-8");
        assert_eq!(content_type(Path::new("x.woff2")), "font/woff2");
        assert_eq!(content_type(Path::new("SHA256SUMS")), "text/plain; charset=utf-8");
        assert_eq!(content_type(Path::new("x.CSV")), "text/csv; charset=utf-8");
    }
}
