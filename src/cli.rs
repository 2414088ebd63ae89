//! The command line: clap's raw arguments ([`LowArgs`]) turned into a checked [`Command`] with
//! every path resolved.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::base_url::BaseUrl;
use crate::build::BuildOptions;
use crate::diag::Language;
use crate::init::InitOptions;
use crate::serve::ServeOptions;

/// minhbach: a static site for official rankings, in Vietnamese and English.
#[derive(Debug, Parser)]
#[command(name = "minhbach", version, about, disable_help_subcommand = true)]
pub struct LowArgs {
    #[command(subcommand)]
    pub(crate) command: LowCommand,
    /// Language of messages: vi or en [default: the system's (LANG), Vietnamese when it is vi_…]
    #[arg(long, global = true, value_parser = ["vi", "en"])]
    pub lang: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum LowCommand {
    /// Build the site into public/ (or --output-dir)
    Build {
        /// The site's folder (holding site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/public]. The folder is replaced whole, at
        /// once, when the build succeeds; only a new or empty folder, or one a previous build
        /// made (it holds a `.minhbach-output` file), is replaced. The site's folder, a folder
        /// holding it, its input folders (content, data, themes, static) and folders with other
        /// files are refused and left untouched.
        #[arg(long, verbatim_doc_comment)]
        output_dir: Option<PathBuf>,
        /// Override base_url of site.toml, e.g. https://example.gov.vn/cds/
        #[arg(long, value_parser = parse_base_url)]
        base_url: Option<BaseUrl>,
        #[command(flatten)]
        publish: PublishArgs,
        /// Print on stderr where the time went, stage by stage
        #[arg(long)]
        timings: bool,
    },
    /// Check everything, including every internal link, without writing
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_parser = parse_base_url)]
        base_url: Option<BaseUrl>,
        #[command(flatten)]
        publish: PublishArgs,
        /// Print, for each edition, each unit as its file writes it and the unit it was matched to
        #[arg(long)]
        explain_units: bool,
        /// Print on stderr where the time went, stage by stage
        #[arg(long)]
        timings: bool,
    },
    /// Build, serve on 127.0.0.1 and rebuild on every change, reloading open pages
    Serve {
        /// The site's folder (holding site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port (0: any free port)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Where to build [default: a folder of the system's temporary folder, never public/,
        /// removed when serve stops]. One serve per folder: a second one is refused
        #[arg(long)]
        output_dir: Option<PathBuf>,
        /// Link pages to this address instead of http://127.0.0.1:PORT/ (served under its path)
        #[arg(long, value_parser = parse_base_url)]
        base_url: Option<BaseUrl>,
        /// The address to listen on: 127.0.0.1 (this computer only), or 0.0.0.0 (every
        /// network of this computer: a phone on the same Wi-Fi can open the site)
        #[arg(long, default_value = "127.0.0.1")]
        interface: std::net::IpAddr,
        /// Leave out the documents marked `draft = true`, as `build` does
        #[arg(long)]
        no_drafts: bool,
        /// Publish news dated after today
        #[arg(long)]
        future: bool,
    },
    /// Write a new council's site into DIR (new or empty), ready to build
    Init {
        /// The folder of the new site
        dir: PathBuf,
        /// The site's Vietnamese title [default: "Minh bạch chuyển đổi số — <folder name>"]
        #[arg(long)]
        title_vi: Option<String>,
        /// The site's English title [default: "Digital transformation, in the open — <folder name>"]
        #[arg(long)]
        title_en: Option<String>,
    },
    /// Work on the site's theme (`theme eject`)
    Theme {
        #[command(subcommand)]
        command: ThemeCommand,
    },
    /// Print this help, a command's (`help build`) or the input format reference (`help format [TOPIC]`)
    Help {
        /// A command, or `format` and an optional topic
        words: Vec<String>,
    },
}

/// `minhbach theme …`.
#[derive(Debug, Subcommand)]
pub(crate) enum ThemeCommand {
    /// Copy the built-in theme into the site's themes/default/ to start a theme from (never overwrites)
    Eject {
        /// The site's folder (holding site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// What to publish beyond the finished content.
#[derive(Debug, clap::Args)]
pub(crate) struct PublishArgs {
    /// Publish the documents marked `draft = true` too (marked as drafts on their pages)
    #[arg(long)]
    drafts: bool,
    /// Publish news dated after the day of the build (`SOURCE_DATE_EPOCH`, else today)
    #[arg(long)]
    future: bool,
}

impl PublishArgs {
    fn options(self, root: PathBuf, output_dir: PathBuf, base_url: Option<BaseUrl>) -> BuildOptions {
        BuildOptions { root, output_dir, base_url, progress: show_progress(), drafts: self.drafts, future: self.future }
    }
}

/// What to do, checked.
#[derive(Debug, Clone)]
pub enum Command {
    /// `build`: write the site.
    Build(BuildOptions),
    /// `check`: everything a build checks, nothing written.
    Check(BuildOptions),
    /// `check --explain-units`.
    ExplainUnits(BuildOptions),
    /// `serve`: build, serve and rebuild on every edit.
    Serve(ServeOptions),
    /// `init`: a new council's site in a folder.
    Init(InitOptions),
    /// `theme eject`: the site's folder.
    ThemeEject(PathBuf),
    /// `help …`: its words, as given.
    Help(Vec<String>),
}

impl LowArgs {
    /// The language of messages: `--lang`, else the system's.
    pub fn language(&self) -> Language {
        match self.lang.as_deref() {
            Some(l) => Language::from_locale(l),
            None => Language::from_env(),
        }
    }

    /// Whether `--timings` was given (to `build` or `check`).
    pub fn timings(&self) -> bool {
        matches!(self.command, LowCommand::Build { timings: true, .. } | LowCommand::Check { timings: true, .. })
    }

    /// The command asked for, with its options worked out (output folder, progress line).
    pub fn into_command(self) -> Command {
        match self.command {
            LowCommand::Build { root, output_dir, base_url, publish: p, .. } => {
                let output_dir = output_dir.unwrap_or_else(|| root.join("public"));
                Command::Build(p.options(root, output_dir, base_url))
            }
            LowCommand::Check { root, base_url, publish: p, explain_units, .. } => {
                let output_dir = root.join("public");
                let opts = p.options(root, output_dir, base_url);
                if explain_units {
                    Command::ExplainUnits(opts)
                } else {
                    Command::Check(opts)
                }
            }
            LowCommand::Serve { root, port, output_dir, base_url, interface, no_drafts, future } => {
                let temporary = output_dir.is_none();
                let output_dir = output_dir.unwrap_or_else(|| crate::serve::default_output_dir(&root));
                let drafts = !no_drafts;
                Command::Serve(ServeOptions { root, output_dir, temporary, base_url, port, interface, drafts, future })
            }
            LowCommand::Init { dir, title_vi, title_en } => Command::Init(InitOptions { dir, title_vi, title_en }),
            LowCommand::Theme { command: ThemeCommand::Eject { root } } => Command::ThemeEject(root),
            LowCommand::Help { words } => Command::Help(words),
        }
    }
}

/// `--base-url` checked as the command line is read.
fn parse_base_url(s: &str) -> Result<BaseUrl, String> {
    BaseUrl::parse(s)
}

/// Progress is shown on a terminal, never in CI logs or when output is redirected.
fn show_progress() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}
