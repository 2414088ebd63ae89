//! `minhbach serve`: builds the site, serves the output folder on 127.0.0.1 only, rebuilds when
//! the input changes and reloads the open pages; when an edit breaks the build, the last good
//! build stays served with the errors shown over it and in the terminal.
//!
//! Reload: every HTML response (never the file on disk) gets a small script carrying the build
//! version it was served at; once the page has loaded, the script asks `/__minhbach/version`
//! (naming its page), the question waits for the next build (a long poll), and the page reloads
//! when the version changed. Every rebuild, good or bad, changes the version once: at its end,
//! or, for an edit that shows the open pages first ([`crate::incremental::Open`]), when they are
//! written; the files the rest of that rebuild may change are then held back until it ends.

pub(crate) mod http;
mod net;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

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
    /// While a rebuild that showed its first pages goes on: the files a request may be answered
    /// with now ([`crate::incremental::Open`]); a request for any other file waits for the end.
    settling: Option<HashSet<String>>,
    /// The pages open in a browser (output files): the pages whose script is asking for the
    /// version now, or did a moment ago.
    open: HashMap<String, OpenPage>,
}

/// A page open in a browser, as its version requests tell.
#[derive(Clone, Copy)]
struct OpenPage {
    /// Its version requests waiting now (one a browser tab).
    asking: usize,
    /// When it last asked, and the version it was served at.
    at: Instant,
    seen: u64,
}

/// How many open pages are remembered (the oldest is forgotten).
const OPEN_PAGES: usize = 64;
/// How long a page no longer asking still counts as open (between a version request's answer
/// and the next).
const OPEN_FOR: Duration = Duration::from_secs(2);
/// The longest a request waits for the end of a rebuild that showed its first pages.
const SETTLE_WAIT: Duration = Duration::from_secs(120);
/// The longest the rest of a rebuild waits for the open pages to reload after its first pages
/// (on a small machine the browser and the rebuild share the cores).
const RELOAD_WAIT: Duration = Duration::from_millis(300);

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
        s.settling = None;
        self.built.notify_all();
    }

    /// The first pages of a rebuild are written: the open pages reload, and until
    /// [`State::settled`] only the files of `ready` are served at once. Returns the pages whose
    /// question for the version this answers (the pages that reload now).
    fn shown(&self, ready: HashSet<String>) -> HashSet<String> {
        let mut s = self.status.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let asking = s.open.iter().filter(|(_, p)| p.asking > 0).map(|(f, _)| f.clone()).collect();
        s.version += 1;
        s.errors = None;
        s.settling = Some(ready);
        self.built.notify_all();
        asking
    }

    /// The rebuild that showed its first pages has ended: every file is served again (the
    /// version stays, the open pages are already showing it).
    fn settled(&self) {
        let mut s = self.status.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        s.settling = None;
        self.built.notify_all();
    }

    /// Waits, while a rebuild goes on after showing its first pages, until `file` (a path of
    /// the output) is served as that rebuild leaves it.
    pub(crate) fn wait_for(&self, file: &str) {
        let s = self.status.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let _ = self
            .built
            .wait_timeout_while(s, SETTLE_WAIT, |s| s.settling.as_ref().is_some_and(|ready| !ready.contains(file)))
            .unwrap_or_else(std::sync::PoisonError::into_inner);
    }

    /// Notes that the page of output file `file`, served at version `seen`, asks for the version
    /// (`asking`), or has its answer (not `asking`).
    pub(crate) fn note_open(&self, file: String, seen: u64, asking: bool) {
        let mut s = self.status.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        s.open.retain(|_, p| p.asking > 0 || now.duration_since(p.at) < OPEN_FOR);
        if s.open.len() >= OPEN_PAGES && !s.open.contains_key(&file) {
            if let Some(oldest) = s.open.iter().min_by_key(|(_, p)| p.at).map(|(f, _)| f.clone()) {
                s.open.remove(&oldest);
            }
        }
        let page = s.open.entry(file).or_insert(OpenPage { asking: 0, at: now, seen });
        page.at = now;
        if asking {
            page.asking += 1;
            page.seen = page.seen.max(seen);
        } else {
            page.asking = page.asking.saturating_sub(1);
        }
        self.built.notify_all();
    }

    /// The pages open in a browser now.
    fn open_pages(&self) -> HashSet<String> {
        let s = self.status.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        let open = s.open.iter().filter(|(_, p)| p.asking > 0 || now.duration_since(p.at) < OPEN_FOR);
        open.map(|(f, _)| f.clone()).collect()
    }

    /// Waits until each of `pages` asks for the version as a page served at the current one
    /// (it has reloaded), or [`RELOAD_WAIT`].
    fn wait_reloaded(&self, pages: &HashSet<String>) {
        let s = self.status.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let _ = self
            .built
            .wait_timeout_while(s, RELOAD_WAIT, |s| {
                pages.iter().any(|f| s.open.get(f).is_some_and(|p| p.seen < s.version))
            })
            .unwrap_or_else(std::sync::PoisonError::into_inner);
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
        let mut shown = |ready| {
            let reloading = state.shown(ready);
            state.wait_reloaded(&reloading);
        };
        let open = crate::incremental::Open { pages: state.open_pages(), shown: &mut shown };
        let updated = crate::incremental::update(l, &opts.root, changed, &opts.output_dir, Some(open));
        if let Some(u) = updated {
            if !u.warnings.is_empty() {
                eprint!("{}", u.warnings);
            }
            if u.shown.is_some() {
                state.settled();
            } else {
                state.set(None);
            }
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

    fn state() -> State {
        State {
            output_dir: PathBuf::from("out"),
            base_path: "/".into(),
            status: Mutex::new(Status::default()),
            built: Condvar::new(),
        }
    }

    #[test]
    fn while_a_rebuild_settles_only_what_is_ready_is_served() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let state = Arc::new(state());
        assert!(state.shown(HashSet::from(["tin-tuc/index.html".to_string()])).is_empty(), "no page asked");
        assert_eq!(state.snapshot().0, 1, "the open pages reload");
        state.wait_for("tin-tuc/index.html");
        let settled = Arc::new(AtomicBool::new(false));
        let waiter = {
            let (state, settled) = (Arc::clone(&state), Arc::clone(&settled));
            std::thread::spawn(move || {
                state.wait_for("du-lieu/index.html");
                settled.load(Ordering::SeqCst)
            })
        };
        std::thread::sleep(Duration::from_millis(50));
        settled.store(true, Ordering::SeqCst);
        state.settled();
        assert!(waiter.join().unwrap(), "the data page was served before the rebuild's end");
        assert_eq!(state.snapshot().0, 1, "no second reload");
        state.wait_for("du-lieu/index.html");
    }

    #[test]
    fn open_pages_are_those_asking_for_the_version() {
        let state = state();
        assert!(state.open_pages().is_empty());
        state.note_open("tin-tuc/index.html".into(), 0, true);
        assert_eq!(state.open_pages(), HashSet::from(["tin-tuc/index.html".to_string()]));
        state.note_open("tin-tuc/index.html".into(), 0, false);
        assert_eq!(state.open_pages().len(), 1, "between two questions");
        for k in 0..100 {
            state.note_open(format!("p{k}/index.html"), 0, true);
        }
        assert_eq!(state.open_pages().len(), OPEN_PAGES, "a bounded memory");
    }

    #[test]
    fn the_rest_of_a_rebuild_waits_for_the_open_pages_to_reload() {
        let state = Arc::new(state());
        let page = "tin-tuc/index.html".to_string();
        state.note_open(page.clone(), 0, true);
        state.note_open("gone/index.html".into(), 0, true);
        state.note_open("gone/index.html".into(), 0, false);
        let reloading = state.shown(HashSet::new());
        assert_eq!(reloading, HashSet::from([page.clone()]), "a page no longer asking is not waited for");
        let reloaded = {
            let (state, page) = (Arc::clone(&state), page.clone());
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(20));
                state.note_open(page, 1, true);
            })
        };
        state.wait_reloaded(&reloading);
        let seen = state.status.lock().unwrap().open[&page].seen;
        assert_eq!(seen, 1, "waited for the reloaded page's question");
        reloaded.join().unwrap();
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
