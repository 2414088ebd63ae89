//! `minhbach serve` as a publisher runs it: drafts shown and marked, `--interface` to open the
//! site from a phone, one server per output folder, and its temporary build removed when it is
//! stopped. Requests go to loopback only; waits are bounded by polling, never timed.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;

/// The running server; killed however the test ends.
struct Server {
    child: Child,
    port: u16,
    /// Every line it printed on stdout until its `serving` line, and that line.
    lines: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn command(root: &Path, args: &[&str], tmp: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_minhbach"));
    c.args(["serve", "--root", root.to_str().unwrap(), "--port", "0", "--lang", "en"])
        .args(args)
        .env("TMPDIR", tmp)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    c
}

/// Starts `minhbach serve` on `root` with `args`, its temporary folder `tmp`, and waits (up to a
/// minute) for its `serving` line.
fn serve(root: &Path, args: &[&str], tmp: &Path) -> Server {
    let mut child = command(root, args, tmp).spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut server = Server { child, port: 0, lines: Vec::new() };
    let deadline = Instant::now() + Duration::from_secs(60);
    while server.port == 0 {
        let line = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect("no `serving` line");
        if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
            server.port = rest.split('/').next().unwrap().parse().unwrap();
        }
        server.lines.push(line);
    }
    // The lines printed right after it (the network's addresses).
    while let Ok(line) = rx.recv_timeout(Duration::from_millis(300)) {
        server.lines.push(line);
    }
    server
}

fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let status = raw.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, raw)
}

/// Polls until `done` holds, up to a minute (a bound, not a measure).
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(Instant::now() < deadline, "{what} never happened");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn drafts_are_shown_and_marked_unless_no_drafts() {
    let site = fixture();
    let root = site.path();
    fs::write(
        root.join("content/news/2025-05-02-ban-nhap.md"),
        "+++\ntitle = \"Tin nháp\"\ndate = 2025-05-02\ndraft = true\n+++\nChưa xong.\n",
    )
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let server = serve(root, &[], tmp.path());
    let (status, page) = get(server.port, "/tin-tuc/2025-05-02-ban-nhap/");
    assert_eq!(status, 200);
    assert!(text(&page).contains("Bản nháp."), "{page}");
    drop(server);

    let server = serve(root, &["--no-drafts"], tmp.path());
    assert_eq!(get(server.port, "/tin-tuc/2025-05-02-ban-nhap/").0, 404);
}

#[test]
fn every_interface_prints_where_to_open_the_site() {
    let site = fixture();
    let tmp = tempfile::tempdir().unwrap();
    let server = serve(site.path(), &["--interface", "0.0.0.0"], tmp.path());
    assert_eq!(get(server.port, "/").0, 200);
    // The machine's network addresses when it has any, else how to find them.
    let more: Vec<&String> = server.lines.iter().filter(|l| l.contains("on this network: http://")).collect();
    assert!(!more.is_empty(), "{:?}", server.lines);
    assert!(more.iter().all(|l| !l.contains("127.0.0.1")), "{:?}", server.lines);
}

#[test]
fn a_second_server_on_the_same_output_is_refused() {
    let site = fixture();
    let tmp = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    let first = serve(site.path(), &["--output-dir", out.to_str().unwrap()], tmp.path());
    let second = command(site.path(), &["--output-dir", out.to_str().unwrap()], tmp.path())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(1));
    let err = String::from_utf8_lossy(&second.stderr);
    let holder =
        format!("(process {}) already serves this output folder at http://127.0.0.1:{}/", first.child.id(), first.port);
    assert!(err.contains(&holder), "{err}");
    assert!(err.contains("--output-dir"), "{err}");
    assert_eq!(get(first.port, "/").0, 200, "the first one goes on");
    // The same site's default (temporary) output is one folder too.
    let a = serve(site.path(), &[], tmp.path());
    let b = command(site.path(), &[], tmp.path()).stderr(Stdio::piped()).output().unwrap();
    assert_eq!(b.status.code(), Some(1), "{}", String::from_utf8_lossy(&b.stdout));
    drop(a);
}

#[cfg(unix)]
#[test]
fn stopping_removes_the_temporary_build_and_a_stale_lock_is_taken_over() {
    let site = fixture();
    let tmp = tempfile::tempdir().unwrap();
    let entries = || -> Vec<String> {
        fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
    };
    let mut server = serve(site.path(), &[], tmp.path());
    assert_eq!(get(server.port, "/").0, 200);
    assert!(entries().iter().any(|e| e.starts_with("minhbach-serve-")), "{:?}", entries());
    assert!(entries().iter().any(|e| e.ends_with(".serve-lock")), "{:?}", entries());
    let pid = server.child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let status = server.child.wait().unwrap();
    assert!(!status.success() || status.code() == Some(0), "{status:?}");
    assert_eq!(entries(), Vec::<String>::new(), "SIGTERM leaves nothing behind");

    // A server killed outright (no chance to clean up) leaves its lock: the next one takes it over.
    let mut server = serve(site.path(), &[], tmp.path());
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    assert!(entries().iter().any(|e| e.ends_with(".serve-lock")), "{:?}", entries());
    let server = serve(site.path(), &[], tmp.path());
    assert_eq!(get(server.port, "/").0, 200);
    let mut server = server;
    assert!(Command::new("kill").args(["-INT", &server.child.id().to_string()]).status().unwrap().success());
    server.child.wait().unwrap();
    wait_until("the temporary build removed", || entries().is_empty());
}
