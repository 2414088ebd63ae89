//! The `minhbach` binary: parses the command line, runs the library, prints problems and the
//! one summary line, and exits 1 on any error.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use minhbach::cli::{Command, LowArgs};
use minhbach::diag::Diagnostics;
use minhbach::{tr, Summary};

/// Rendering allocates many short strings on every thread; mimalloc keeps that from
/// contending (glibc's allocator took over a third of a national build's time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn report(diags: &Diagnostics) {
    if !diags.is_empty() {
        eprint!("{diags}");
    }
}

fn line(verb: &str, s: &Summary, out: Option<&std::path::Path>) -> String {
    let to = out.map(|p| format!(" → {}", p.display())).unwrap_or_default();
    format!("{}{to}", s.line(verb))
}

/// Ends a command that fails with one problem (serve that cannot start, init into a full folder).
fn finish(result: Result<(), minhbach::diag::Diagnostic>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => {
            eprintln!("{d}");
            ExitCode::FAILURE
        }
    }
}

/// `minhbach help …`: the text on stdout, or the mistake on stderr with exit code 2 (as clap
/// does for a command line it cannot read).
fn help(words: &[String]) -> ExitCode {
    match minhbach::help::run(words, LowArgs::command()) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", tr!("error: {message}", message = e));
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    let args = LowArgs::parse();
    minhbach::diag::set_language(args.language());
    let timings = args.timings();
    if timings {
        minhbach::timings::enable();
    }
    let started = std::time::Instant::now();
    let cmd = args.into_command();
    // Rendering threads walk pages as deep as a text may nest (markdown::MAX_DEPTH) with room
    // to spare; a failure leaves rayon's defaults.
    let _ = rayon::ThreadPoolBuilder::new().stack_size(16 << 20).build_global();
    let (result, verb, out) = match &cmd {
        Command::Build(o) => (minhbach::build(o), "built", Some(o.output_dir.as_path())),
        Command::Check(o) => (minhbach::check(o), "checked", None),
        Command::ExplainUnits(o) => {
            return match minhbach::build::explain_units(o) {
                Ok((text, warnings)) => {
                    report(&warnings);
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    report(&diags);
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve(o) => return finish(minhbach::serve::run(o)),
        Command::Help(words) => return help(words),
        Command::ThemeEject(root) => {
            let result = minhbach::init::eject(root).map(|written| {
                for path in &written {
                    println!("{}", tr!("wrote {path}", path));
                }
                let (n, dir) = (written.len(), root.join("themes/default").display().to_string());
                println!("{}", tr!("copied the built-in theme into {dir} ({n} files); the site now uses it", dir, n));
            });
            return finish(result);
        }
        Command::Init(o) => {
            let result = minhbach::init::run(o).map(|n| {
                let dir = o.dir.display();
                println!("{}", tr!("created a new site in {dir} ({n} files)", dir, n));
                println!("{}", tr!("next: minhbach serve --root {dir}", dir));
            });
            return finish(result);
        }
    };
    if timings {
        eprint!("{}", minhbach::timings::table(started.elapsed()));
    }
    match result {
        Ok((summary, warnings)) => {
            report(&warnings);
            println!("{}", line(verb, &summary, out));
            ExitCode::SUCCESS
        }
        Err(diags) => {
            report(&diags);
            let n = diags.error_count();
            let text = if n == 1 {
                tr!("1 error — nothing was written; the previous output is untouched")
            } else {
                tr!("{n} errors — nothing was written; the previous output is untouched", n)
            };
            eprintln!("{text}");
            ExitCode::FAILURE
        }
    }
}
