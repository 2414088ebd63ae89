//! minhbach: official rankings, units and their lineage in; a fast, accessible, bilingual
//! static site out. The whole build is the pipeline below, one module a step:
//!
//! `config` → `load` (only it reads) → `validate` and `content` (every problem at once) → `model` →
//! `pages` (strings, no I/O) → `links` (every internal link resolves) → `write` (only it writes).

pub mod charts;
pub mod cli;
pub mod config;
pub mod content;
pub mod diag;
pub mod escape;
pub mod i18n;
pub mod init;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod pages;
pub mod progress;
pub mod serve;
pub mod shortcodes;
pub mod validate;
pub mod write;

use std::path::PathBuf;
use std::time::Instant;

use diag::Diagnostics;
use model::Site;

/// Where the site is and where it goes.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output_dir: PathBuf,
    pub base_url: Option<String>,
    /// Show a progress line on the terminal during long builds.
    pub progress: bool,
}

/// What a build produced, for the one summary line.
#[derive(Debug, Clone)]
pub struct Summary {
    pub pages_vi: usize,
    pub pages_en: usize,
    pub data_files: usize,
    pub charts: usize,
    pub files: usize,
    pub seconds: f64,
}

/// Reads and checks the site. Warnings come back with the site; errors instead of it.
pub fn load(opts: &BuildOptions) -> Result<(Site, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::default();
    let raw = load::load_site(&opts.root, &mut diags);
    match validate::validate(raw, opts.base_url.as_deref(), &mut diags) {
        Some(site) if !diags.has_errors() => Ok((site, diags)),
        _ => Err(diags),
    }
}

/// Renders every output file in memory and checks its internal links; writes nothing.
pub fn render(site: &Site, progress: &progress::Progress) -> Result<pages::Rendered, Diagnostics> {
    let out = pages::render_all(site, progress);
    progress.finish();
    let mut out = out?;
    let broken = links::check(&out.files, site.config.base_path(), &["SHA256SUMS"]);
    if broken.has_errors() {
        return Err(broken);
    }
    {
        use rayon::prelude::*;
        out.files.par_iter_mut().filter(|f| f.is_html()).for_each(|f| f.bytes = write::minify(&f.bytes));
    }
    let sums = pages::datasets::manifest(&out.files);
    out.files.push(sums);
    Ok(out)
}

/// `minhbach check`: everything but writing.
pub fn check(opts: &BuildOptions) -> Result<(Summary, Diagnostics), Diagnostics> {
    let start = Instant::now();
    let (site, warnings) = load(opts)?;
    let out = render(&site, &progress::Progress::new(opts.progress))?;
    Ok((summary(&out, start), warnings))
}

/// `minhbach build`: load, check, render, write.
pub fn build(opts: &BuildOptions) -> Result<(Summary, Diagnostics), Diagnostics> {
    let start = Instant::now();
    let (site, warnings) = load(opts)?;
    let out = render(&site, &progress::Progress::new(opts.progress))?;
    write::write_site(&opts.output_dir, &out.files).map_err(|d| {
        let mut ds = Diagnostics::default();
        ds.push(d);
        ds
    })?;
    Ok((summary(&out, start), warnings))
}

impl Summary {
    /// The one summary line every build ends with: `built 291 pages (vi 146, en 145), …`.
    pub fn line(&self, verb: &str) -> String {
        format!(
            "{verb} {} pages (vi {}, en {}), {} charts, {} data files, {} files in {:.2} s",
            self.pages_vi + self.pages_en,
            self.pages_vi,
            self.pages_en,
            self.charts,
            self.data_files,
            self.files,
            self.seconds
        )
    }
}

fn summary(out: &pages::Rendered, start: Instant) -> Summary {
    Summary {
        pages_vi: out.pages_vi,
        pages_en: out.pages_en,
        data_files: out.data_files,
        charts: out.charts,
        files: out.files.len(),
        seconds: start.elapsed().as_secs_f64(),
    }
}
