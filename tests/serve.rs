//! `minhbach serve` as a child process on a free port of 127.0.0.1: it answers pages, refuses
//! every path outside its output folder, rebuilds on change, and keeps the last good build with
//! the errors over it when an edit breaks the site. Waits are bounded by polling, never timed.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;

/// The running server; killed however the test ends.
struct Server {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `minhbach serve` on the site at `root`, building into `out`, on a port the system
/// chooses, and waits (up to a minute) for its `serving` line.
fn serve(root: &Path, out: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args([
            "serve",
            "--root",
            root.to_str().unwrap(),
            "--output-dir",
            out.to_str().unwrap(),
            "--port",
            "0",
            "--lang",
            "en",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let stderr_pipe = child.stderr.take().unwrap();
    let stderr = Arc::new(Mutex::new(String::new()));
    let errs = Arc::clone(&stderr);
    std::thread::spawn(move || {
        for line in BufReader::new(stderr_pipe).lines().map_while(Result::ok) {
            errs.lock().unwrap().push_str(&(line + "\n"));
        }
    });
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
                let _ = tx.send((rest.to_string(), line.clone()));
            }
        }
    });
    let mut server = Server { child, port: 0, stderr };
    let (rest, line) = rx
        .recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("no `serving` line; stderr:\n{}", server.stderr.lock().unwrap()));
    assert!(line.ends_with("/ (Ctrl+C to stop)"), "{line}");
    server.port = rest.split('/').next().unwrap().parse().unwrap();
    server
}

struct Reply {
    status: u16,
    headers: String,
    body: String,
}

/// One raw HTTP request, the path sent exactly as given (no client normalises it).
fn get(port: u16, path: &str) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    Reply { status, headers: head.to_ascii_lowercase(), body: body.to_string() }
}

fn version(port: u16) -> String {
    let r = get(port, "/__minhbach/version");
    assert_eq!(r.status, 200);
    r.body.trim().to_string()
}

/// Polls until `done` holds, up to a minute (a bound, not a measure), and returns its value.
fn wait_for<T>(server: &Server, what: &str, mut done: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(t) = done() {
            return t;
        }
        assert!(Instant::now() < deadline, "{what} never happened; stderr:\n{}", server.stderr.lock().unwrap());
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The home page, once it satisfies `cond`.
fn home_when(server: &Server, what: &str, cond: impl Fn(&str) -> bool) -> String {
    wait_for(server, what, || Some(get(server.port, "/").body).filter(|b| cond(b)))
}

#[test]
fn answers_on_loopback_and_serves_nothing_outside_the_output() {
    let site = fixture();
    let out = site.path().join("public");
    let server = serve(site.path(), &out);

    let home = get(server.port, "/");
    assert_eq!(home.status, 200, "{}", home.body);
    assert!(home.headers.contains("content-type: text/html"), "{}", home.headers);
    assert!(home.body.contains("<html"), "{}", home.body);
    assert!(home.body.contains("/__minhbach/reload.js"), "the reload script is injected");
    let on_disk = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!on_disk.contains("__minhbach"), "the files on disk stay as built");
    // Pages link to the server, not to the site's public address.
    assert!(on_disk.contains(&format!("127.0.0.1:{}", server.port)), "base_url is the server's");

    let css = get(server.port, "/assets/style.css");
    assert_eq!(css.status, 200);
    assert!(css.headers.contains("content-type: text/css"), "{}", css.headers);
    let folder = get(server.port, "/en");
    assert_eq!(folder.status, 301);
    assert!(folder.headers.contains("location: /en/"), "{}", folder.headers);
    assert_eq!(get(server.port, "/en/").status, 200);

    let missing = get(server.port, "/khong-co-trang-nay/");
    assert_eq!(missing.status, 404);
    assert!(missing.headers.contains("content-type: text/html"), "{}", missing.headers);

    let secrets = [
        fs::read_to_string(site.path().join("site.toml")).unwrap(),
        fs::read_to_string(manifest().join("Cargo.toml")).unwrap(),
    ];
    for path in [
        "/../Cargo.toml",
        "/../site.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e/site.toml",
        "/..%2fsite.toml",
        "/%2e%2e%2fsite.toml",
        "/..%5csite.toml",
        "/..\\site.toml",
        "/en/../../site.toml",
        "/en/%2e%2e/%2e%2e/site.toml",
        "/%00",
    ] {
        let r = get(server.port, path);
        assert!(r.status == 400 || r.status == 404, "{path}: status {}", r.status);
        for secret in &secrets {
            assert!(!r.body.contains(secret.trim()), "{path} leaked a file");
        }
        assert!(!r.body.contains("root:"), "{path} leaked /etc/passwd");
        assert!(!r.body.contains("title_vi"), "{path} leaked site.toml");
    }
}

#[test]
fn rebuilds_on_change_and_keeps_the_last_good_build_when_an_edit_breaks_it() {
    let site = fixture();
    let out = site.path().join("public");
    let server = serve(site.path(), &out);
    let v0 = version(server.port);

    let home_md = site.path().join("content/_index.md");
    let text0 = fs::read_to_string(&home_md).unwrap();
    fs::write(&home_md, format!("{text0}\nĐoạn mới để thử tải lại.\n")).unwrap();
    let v1 = wait_for(&server, "a new version after an edit", || Some(version(server.port)).filter(|v| *v != v0));
    let home = home_when(&server, "the edit served", |b| b.contains("Đoạn mới để thử tải lại."));
    assert!(!home.contains("minhbach-errors"));
    assert!(home.contains("data-version="), "pages carry the version they show");
    assert_ne!(v1, v0);

    // Break a CSV: line 6 gets a rank that is not a number.
    let csv = site.path().join("data/rankings/dti/2024.csv");
    let good = fs::read_to_string(&csv).unwrap();
    assert_eq!(good.lines().nth(5), Some("dak-lak;;;"));
    fs::write(&csv, good.replace("dak-lak;;;", "dak-lak;<b>mười;;")).unwrap();
    let home = home_when(&server, "the error overlay", |b| b.contains("id=\"minhbach-errors\""));
    assert!(home.contains("Đoạn mới để thử tải lại."), "the last good build is still served");
    assert!(home.contains("data/rankings/dti/2024.csv:6:"), "{home}");
    assert!(home.contains("&lt;b&gt;mười"), "the overlay's text is escaped: {home}");
    assert!(!home.contains("<b>mười"), "the overlay's text is escaped");
    assert!(out.join("index.html").is_file(), "the output is untouched");
    wait_for(&server, "the error in the terminal", || {
        Some(()).filter(|_| server.stderr.lock().unwrap().contains("data/rankings/dti/2024.csv:6:"))
    });

    // Fixing it removes the overlay.
    fs::write(&csv, good).unwrap();
    home_when(&server, "the overlay gone after a good build", |b| !b.contains("minhbach-errors"));
}
