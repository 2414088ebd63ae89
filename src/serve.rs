//! `minhbach serve`: builds the site, serves the output folder on 127.0.0.1 only, rebuilds when
//! the input changes and reloads the open pages; when an edit breaks the build, the last good
//! build stays served with the errors shown over it and in the terminal.
//!
//! Reload: every HTML response (never the file on disk) gets a small script carrying the build
//! version it was served at; the script polls `/__minhbach/version` every second and reloads the
//! page when the version changed. Every rebuild, good or bad, changes the version.

pub(crate) mod http;
mod net;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{Event, EventKind, RecursiveMode, Watcher};
use sha2::{Digest, Sha256};

use crate::base_url::BaseUrl;
use crate::build::BuildOptions;
use crate::diag::Diagnostic;
use crate::incremental::Live;

/// What `minhbach serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's folder, holding `site.toml`; watched for edits.
    pub root: PathBuf,
    /// Where the site is built and served from.
    pub output_dir: PathBuf,
    /// When given, pages link to it and are served under its path; otherwise
    /// `http://127.0.0.1:PORT/`.
    pub base_url: Option<BaseUrl>,
    /// 0 lets the system choose a free port (the line `serving …` names it).
    pub port: u16,
    /// The address listened on: 127.0.0.1 unless `--interface` says otherwise.
    pub interface: std::net::IpAddr,
    /// `output_dir` is `serve`'s own temporary folder, removed when it stops.
    pub temporary: bool,
    /// Drafts are shown (unless `--no-drafts`); future news only with `--future`.
    pub drafts: bool,
    /// News dated after today are shown (`--future`).
    pub future: bool,
}

/// The inputs watched, relative to the site's root.
const WATCHED: [&str; 5] = ["site.toml", "data", "content", "themes", "static"];
/// Threads answering requests; each open page's version request holds one while it waits.
const WORKERS: usize = 16;
/// Quiet time after the last change before a rebuild (the debounce).
const DEBOUNCE: Duration = Duration::from_millis(40);

/// What the request threads read: where the output is, and the state of the last build.
pub(crate) struct State {
    /// The folder served.
    pub output_dir: PathBuf,
    /// `/`, or the path of `--base-url` (`/cds/`).
    pub base_path: String,
    status: Mutex<Status>,
    /// Signalled when a build ends, for the version requests waiting on it.
    built: Condvar,
}

#[derive(Default)]
struct Status {
    /// Changes on every build, good or bad.
    version: u64,
    /// The problems of the last build, when it failed.
    errors: Option<String>,
}

impl State {
    /// The build version and the last build's errors.
    pub(crate) fn snapshot(&self) -> (u64, Option<String>) {
        let s = self.status.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        (s.version, s.errors.clone())
    }

    /// The build version and errors once the version is not `seen`, or after `timeout`.
    pub(crate) fn wait_past(&self, seen: u64, timeout: Duration) -> (u64, Option<String>) {
        let s = self.status.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (s, _) = self
            .built
            .wait_timeout_while(s, timeout, |s| s.version == seen)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        (s.version, s.errors.clone())
    }

    fn set(&self, errors: Option<String>) {
        let mut s = self.status.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        s.version += 1;
        s.errors = errors;
        self.built.notify_all();
    }
}

/// Where `serve` builds by default: a folder of the system's temporary folder named after the
/// site, so that a local build (with 127.0.0.1 links) never lands in the site's `public/`.
pub(crate) fn default_output_dir(root: &Path) -> PathBuf {
    let abs = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let hash = Sha256::digest(abs.to_string_lossy().as_bytes());
    let short = crate::output::hex(&hash[..6]);
    std::env::temp_dir().join(format!("minhbach-serve-{short}"))
}

/// Rebuilds after `changed` (nothing: the first build) and records the result; prints the
/// summary line or the problems. An edit of a kind [`crate::incremental`] knows rebuilds only
/// what it changes; anything else, or a failure there, builds the whole site again.
fn rebuild(opts: &BuildOptions, state: &State, live: &mut Option<Live>, changed: &[String], verb: &str, cause: &str) {
    if let Some(l) = live.as_mut() {
        if let Some(u) = crate::incremental::update(l, &opts.root, changed, &opts.output_dir) {
            if !u.warnings.is_empty() {
                eprint!("{}", u.warnings);
            }
            state.set(None);
            println!("{}{cause}", u.line());
            return;
        }
    }
    *live = None;
    match crate::build::build_site(opts) {
        Ok(b) => {
            if !b.warnings.is_empty() {
                eprint!("{}", b.warnings);
            }
            *live = Some(Live::new(b.site, b.theme, b.rendered));
            state.set(None);
            println!("{}{cause}", b.summary.line(verb));
        }
        Err(diags) => {
            eprint!("{diags}");
            let n = diags.error_count();
            eprintln!(
                "{n} error{}{cause} — still serving the last good build; the errors show on its pages",
                if n == 1 { "" } else { "s" }
            );
            state.set(Some(diags.to_string()));
        }
    }
}

/// The input file an event is about, relative to the root, when it is one the build reads.
fn relevant(root: &Path, output: &Path, path: &Path) -> Option<String> {
    if path.starts_with(output) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let first = rel.components().next()?.as_os_str().to_string_lossy().into_owned();
    if !WATCHED.contains(&first.as_str()) {
        return None;
    }
    let name = rel.file_name()?.to_string_lossy().into_owned();
    let scratch = name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913";
    // The loader reads only `.md` files below `content/`: other names there are an editor's or
    // a tool's temporary files (`sed -i` writes `sedXXXXXX`), unless they are folders.
    if scratch || (first == "content" && !name.ends_with(".md") && !path.is_dir()) {
        return None;
    }
    Some(rel.to_string_lossy().replace('\\', "/"))
}

/// Whether an event may change what the build reads. Reading is not a change: the build's own
/// reads (open, close after reading, access time) would otherwise start the next build.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// Waits for the next changes of the input: the first one, then every other one until the
/// input has been quiet for [`DEBOUNCE`]. `None` when the watcher is gone.
fn next_changes(rx: &Receiver<notify::Result<Event>>, root: &Path, output: &Path) -> Option<BTreeSet<String>> {
    let mut changed = BTreeSet::new();
    loop {
        let next = if changed.is_empty() {
            rx.recv().ok()
        } else {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(ev) => Some(ev),
                Err(RecvTimeoutError::Timeout) => return Some(changed),
                Err(RecvTimeoutError::Disconnected) => None,
            }
        };
        match next {
            None if changed.is_empty() => return None,
            None => return Some(changed),
            Some(Ok(ev)) if is_change(&ev.kind) => {
                changed.extend(ev.paths.iter().filter_map(|p| relevant(root, output, p)));
            }
            Some(Ok(_)) => {}
            Some(Err(e)) => eprintln!("{}", crate::tr!("warning: watching the site: {e}", e)),
        }
    }
}

/// Watches the root (for `site.toml` and new folders) and each watched folder that exists.
fn watch_inputs(w: &mut impl Watcher, root: &Path) {
    if let Err(e) = w.watch(root, RecursiveMode::NonRecursive) {
        eprintln!("{}", crate::tr!("warning: cannot watch {path}: {e}", path = root.display(), e));
    }
    for dir in &WATCHED[1..] {
        let p = root.join(dir);
        if p.is_dir() {
            let _ = w.unwatch(&p);
            if let Err(e) = w.watch(&p, RecursiveMode::Recursive) {
                eprintln!("{}", crate::tr!("warning: cannot watch {path}: {e}", path = p.display(), e));
            }
        }
    }
}

/// Runs the server until the process is stopped (Ctrl+C). Errors only when it cannot start.
pub fn run(opts: &ServeOptions) -> Result<(), Diagnostic> {
    // One server per output folder; the lock (and a temporary output) goes when it stops,
    // also on Ctrl+C or SIGTERM.
    let lock = Arc::new(crate::write::ServeLock::take(&opts.output_dir, opts.temporary)?);
    let on_stop = Arc::clone(&lock);
    if let Err(e) = ctrlc::set_handler(move || {
        on_stop.release();
        std::process::exit(130);
    }) {
        let path = opts.output_dir.display();
        eprintln!("{}", crate::tr!("warning: cannot catch Ctrl+C ({e}); remove {path} yourself", e, path));
    }
    // Loopback unless --interface says otherwise: the site is shown to its editor.
    let server = net::listen(opts.interface, opts.port)
        .and_then(|l| tiny_http::Server::from_listener(l, None).map_err(std::io::Error::other))
        .map_err(|e| net::listen_error(opts.interface, opts.port, e))?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .ok_or_else(|| net::listen_error(opts.interface, opts.port, "no port"))?;
    let addresses = net::addresses(opts.interface, port);
    lock.note(&addresses[0]);
    let base_url = match &opts.base_url {
        Some(b) => b.clone(),
        None => BaseUrl::parse(&addresses[0]).map_err(|e| net::listen_error(opts.interface, opts.port, e))?,
    };
    let build_opts = BuildOptions {
        root: opts.root.clone(),
        output_dir: opts.output_dir.clone(),
        base_url: Some(base_url.clone()),
        progress: false,
        drafts: opts.drafts,
        future: opts.future,
    };
    let state = Arc::new(State {
        output_dir: opts.output_dir.clone(),
        base_path: base_url.path().to_string(),
        status: Mutex::new(Status::default()),
        built: Condvar::new(),
    });
    let mut live = None;
    rebuild(&build_opts, &state, &mut live, &[], "built", &format!(" → {}", opts.output_dir.display()));

    let server = Arc::new(server);
    let mut workers = Vec::new();
    for _ in 0..WORKERS {
        let (server, state) = (Arc::clone(&server), Arc::clone(&state));
        workers.push(std::thread::spawn(move || {
            while let Ok(req) = server.recv() {
                http::handle(req, &state);
            }
        }));
    }
    let absolute = |p: &Path| p.canonicalize().or_else(|_| std::path::absolute(p)).unwrap_or_else(|_| p.to_path_buf());
    let (root, output) = (absolute(&opts.root), absolute(&opts.output_dir));
    let (tx, rx) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => {
            net::print_serving(opts.interface, &addresses, &state.base_path);
            eprintln!(
                "{}",
                crate::tr!("warning: cannot watch the site for changes ({e}); serving without rebuilds", e)
            );
            for w in workers {
                let _ = w.join();
            }
            return Ok(());
        }
    };
    watch_inputs(&mut watcher, &root);
    net::print_serving(opts.interface, &addresses, &state.base_path);
    while let Some(changed) = next_changes(&rx, &root, &output) {
        if changed.iter().any(|c| WATCHED[1..].contains(&c.as_str())) {
            watch_inputs(&mut watcher, &root);
        }
        let all: Vec<String> = changed.into_iter().collect();
        let more = all.len().saturating_sub(3);
        let shown = all[..all.len().min(3)].join(", ");
        let cause =
            if more > 0 { format!(" (changed: {shown} and {more} more)") } else { format!(" (changed: {shown})") };
        rebuild(&build_opts, &state, &mut live, &all, "rebuilt", &cause);
    }
    lock.release();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inputs_are_relevant() {
        let root = Path::new("/s");
        let out = Path::new("/s/public");
        assert_eq!(relevant(root, out, Path::new("/s/site.toml")).as_deref(), Some("site.toml"));
        assert_eq!(relevant(root, out, Path::new("/s/content/news/a.md")).as_deref(), Some("content/news/a.md"));
        assert_eq!(relevant(root, out, Path::new("/s/public/index.html")), None);
        assert_eq!(relevant(root, out, Path::new("/s/README.md")), None);
        assert_eq!(relevant(root, out, Path::new("/s/content/.a.md.swp")), None);
        assert_eq!(relevant(root, out, Path::new("/s/data/units.csv~")), None);
        assert_eq!(relevant(root, out, Path::new("/s/content/news/sedAb12Cd")), None);
    }

    #[test]
    fn reading_is_not_a_change() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
        assert!(is_change(&EventKind::Remove(notify::event::RemoveKind::File)));
    }
}
