//! The `minhbach` binary: parses the command line, runs the library, prints problems and the
//! one summary line, and exits 1 on any error.

use std::process::ExitCode;

use clap::Parser;
use minhbach::cli::{Command, LowArgs};
use minhbach::diag::Diagnostics;
use minhbach::Summary;

fn report(diags: &Diagnostics) {
    if !diags.is_empty() {
        eprint!("{diags}");
    }
}

fn line(verb: &str, s: &Summary, out: Option<&std::path::Path>) -> String {
    let to = out.map(|p| format!(" → {}", p.display())).unwrap_or_default();
    format!(
        "{verb} {} pages (vi {}, en {}), {} data files, {} files in {:.2} s{to}",
        s.pages_vi + s.pages_en,
        s.pages_vi,
        s.pages_en,
        s.data_files,
        s.files,
        s.seconds
    )
}

fn main() -> ExitCode {
    let cmd = LowArgs::parse().into_command();
    let (result, verb, out) = match &cmd {
        Command::Build(o) => (minhbach::build(o), "built", Some(o.output_dir.as_path())),
        Command::Check(o) => (minhbach::check(o), "checked", None),
    };
    match result {
        Ok((summary, warnings)) => {
            report(&warnings);
            println!("{}", line(verb, &summary, out));
            ExitCode::SUCCESS
        }
        Err(diags) => {
            report(&diags);
            let n = diags.error_count();
            eprintln!(
                "{n} error{} — nothing was written; the previous output is untouched",
                if n == 1 { "" } else { "s" }
            );
            ExitCode::FAILURE
        }
    }
}
