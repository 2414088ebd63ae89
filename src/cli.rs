//! The command line: clap's raw arguments ([`LowArgs`]) turned into a checked [`Command`] with
//! every path resolved.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::BuildOptions;

/// minhbach: a static site for official rankings, in Vietnamese and English.
#[derive(Debug, Parser)]
#[command(name = "minhbach", version, about)]
pub struct LowArgs {
    #[command(subcommand)]
    pub command: LowCommand,
}

#[derive(Debug, Subcommand)]
pub enum LowCommand {
    /// Build the site into public/ (or --output-dir)
    Build {
        /// The site's folder (holding site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/public]
        #[arg(long)]
        output_dir: Option<PathBuf>,
        /// Override base_url of site.toml, e.g. https://example.gov.vn/cds/
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Check everything, including every internal link, without writing
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        base_url: Option<String>,
    },
}

/// What to do, checked.
#[derive(Debug, Clone)]
pub enum Command {
    Build(BuildOptions),
    Check(BuildOptions),
}

impl LowArgs {
    pub fn into_command(self) -> Command {
        match self.command {
            LowCommand::Build { root, output_dir, base_url } => {
                let output_dir = output_dir.unwrap_or_else(|| root.join("public"));
                Command::Build(BuildOptions { root, output_dir, base_url })
            }
            LowCommand::Check { root, base_url } => {
                let output_dir = root.join("public");
                Command::Check(BuildOptions { root, output_dir, base_url })
            }
        }
    }
}
