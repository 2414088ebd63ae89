//! The pipeline, on one screen: [`load`] reads and checks the site and its theme, [`render`]
//! turns them into files (handed to a writer as they are made), [`build`] puts them in place
//! at once; [`check`] is all of it but the writing.

use std::path::PathBuf;
use std::time::Instant;

use crate::diag::Diagnostics;
use crate::model::Site;
use crate::theme::Theme;
use crate::timings::{time, Stage};

/// Where the site is and where it goes.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's folder, holding `site.toml`.
    pub root: PathBuf,
    /// Where the built site goes; replaced whole, at once, when the build succeeds.
    pub output_dir: PathBuf,
    /// Replaces `site.toml`'s `base_url` (`--base-url`).
    pub base_url: Option<crate::base_url::BaseUrl>,
    /// Show a progress line on the terminal during long builds.
    pub progress: bool,
    /// Publish the documents marked `draft = true` (`--drafts`; `serve` does unless `--no-drafts`).
    pub drafts: bool,
    /// Publish news dated after the day of the build (`--future`).
    pub future: bool,
}

/// What a build produced, for the one summary line.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Pages written in Vietnamese.
    pub pages_vi: usize,
    /// Pages written in English.
    pub pages_en: usize,
    /// Downloadable tables and their metadata (CSV, JSON, schemas).
    pub data_files: usize,
    /// SVG charts drawn.
    pub charts: usize,
    /// Every file of the output, pages, data, charts and static files together.
    pub files: usize,
    /// Wall-clock time of the whole build.
    pub seconds: f64,
}

/// Reads and checks the site and its theme. Warnings come back with them; errors instead.
pub fn load(opts: &BuildOptions) -> Result<(Site, Theme, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut raw = time(Stage::Load, || crate::load::load_site(&opts.root, &mut diags));
    raw.publish = crate::config::Publish { drafts: opts.drafts, future: opts.future };
    let (raw, raw_theme) = raw.split_theme();
    let site = time(Stage::Check, || crate::check::check(raw, opts.base_url.as_ref(), &mut diags));
    let theme = time(Stage::Theme, || site.as_ref().and_then(|site| Theme::new(raw_theme, site, &mut diags)));
    match (site, theme) {
        (Some(site), Some(theme)) if !diags.has_errors() => Ok((site, theme, diags)),
        _ => Err(diags),
    }
}

/// What a render produced: the counts, the hash of every file (the manifest aside) and each
/// language's search index.
pub struct Rendered {
    /// Pages, charts and data files made, for the summary line.
    pub counts: crate::pages::Counts,
    /// Each output file's SHA-256 by path (what `SHA256SUMS` lists).
    pub hashes: std::collections::BTreeMap<String, crate::output::Hash>,
    /// The search index of each language (Vietnamese, English), kept by `serve`.
    pub search: [crate::pages::search::Index; 2],
    /// The datasets, kept by `serve` (an edit of a text changes two of them).
    pub(crate) datasets: Vec<crate::pages::datasets::Dataset>,
}

/// Renders every output file and hands it, minified and hashed, to `writer` as soon as it is
/// made (nothing is held); then checks every internal link and writes `SHA256SUMS`.
pub fn render(
    site: &Site,
    theme: &Theme,
    progress: &crate::progress::Progress,
    writer: Option<&crate::output::Writer>,
) -> Result<Rendered, Diagnostics> {
    let out = crate::output::Output::new(site.config.base_path(), writer, site.config.minify_html);
    let counts = crate::pages::render_all(site, theme, progress, &|f| out.put(f));
    progress.finish();
    let (counts, search, datasets) = counts?;
    let hashes = time(Stage::LinkCheck, || out.finish(&Default::default()))?;
    Ok(Rendered { counts, hashes, search, datasets })
}

/// The repository's own site (its `data/`, `content/` and theme), loaded as `build` loads it,
/// drafts published or not: for the unit tests that need a whole checked site.
#[cfg(test)]
pub(crate) fn load_default_site(drafts: bool) -> (Site, Theme) {
    let opts = BuildOptions {
        root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        output_dir: PathBuf::from("unused"),
        base_url: None,
        progress: false,
        drafts,
        future: false,
    };
    let (site, theme, _) = load(&opts).expect("the default site loads");
    (site, theme)
}

/// `minhbach check`: everything but writing.
pub fn check(opts: &BuildOptions) -> Result<(Summary, Diagnostics), Diagnostics> {
    let start = Instant::now();
    let (site, theme, warnings) = load(opts)?;
    let out = render(&site, &theme, &crate::progress::Progress::new(opts.progress), None)?;
    Ok((summary(&out, start), warnings))
}

/// `minhbach build`: load, check, render, write.
pub fn build(opts: &BuildOptions) -> Result<(Summary, Diagnostics), Diagnostics> {
    build_site(opts).map(|b| (b.summary, b.warnings))
}

/// What [`build_site`] leaves: what `serve` keeps to rebuild only what an edit changes.
pub struct Built {
    /// The counts for the summary line.
    pub summary: Summary,
    /// Problems worth saying that did not stop the build.
    pub warnings: Diagnostics,
    /// The checked site the output was made from.
    pub site: Site,
    /// The theme it was rendered with.
    pub theme: Theme,
    /// The output's hashes and search indexes, for `serve`'s incremental rebuilds.
    pub rendered: Rendered,
}

/// [`build`], also returning the site, its theme and the hash of every file written.
pub fn build_site(opts: &BuildOptions) -> Result<Built, Diagnostics> {
    let start = Instant::now();
    let (site, theme, warnings) = load(opts)?;
    let staging =
        crate::write::Staging::begin(&opts.output_dir, &opts.root, &crate::load::INPUTS).map_err(Diagnostics::one)?;
    let progress = crate::progress::Progress::new(opts.progress);
    let rendered = render(&site, &theme, &progress, Some(&|p: &str, b: &[u8]| staging.put(p, b)))?;
    time(Stage::Commit, || staging.commit()).map_err(Diagnostics::one)?;
    Ok(Built { summary: summary(&rendered, start), warnings, site, theme, rendered })
}

impl Summary {
    /// The one summary line every build ends with: `built 291 pages (vi 146, en 145), …`.
    pub fn line(&self, verb: &str) -> String {
        let (vi, en, charts, data, files) = (self.pages_vi, self.pages_en, self.charts, self.data_files, self.files);
        let (pages, seconds) = (vi + en, format!("{:.2}", self.seconds));
        let text = match verb {
            "checked" => crate::tr!(
                "checked {pages} pages (vi {vi}, en {en}), {charts} charts, {data} data files, {files} files in {seconds} s",
                pages, vi, en, charts, data, files, seconds
            ),
            "rebuilt" => crate::tr!(
                "rebuilt {pages} pages (vi {vi}, en {en}), {charts} charts, {data} data files, {files} files in {seconds} s",
                pages, vi, en, charts, data, files, seconds
            ),
            _ => crate::tr!(
                "built {pages} pages (vi {vi}, en {en}), {charts} charts, {data} data files, {files} files in {seconds} s",
                pages, vi, en, charts, data, files, seconds
            ),
        };
        text.to_string()
    }
}

fn summary(out: &Rendered, start: Instant) -> Summary {
    let c = out.counts;
    Summary {
        pages_vi: c.pages_vi,
        pages_en: c.pages_en,
        data_files: c.data_files,
        charts: c.charts,
        files: out.hashes.len() + 1,
        seconds: start.elapsed().as_secs_f64(),
    }
}

/// `minhbach check --explain-units`: for each edition, each unit as its file writes it and the
/// unit it was resolved to, and by which rule (id, code, name, unit-names.csv).
pub fn explain_units(opts: &BuildOptions) -> Result<(String, Diagnostics), Diagnostics> {
    use crate::model::MatchRule;
    let (site, _theme, warnings) = load(opts)?;
    let mut out = String::new();
    for index in &site.indices {
        for ed in &index.editions {
            let heading = crate::tr!(
                "{index} {edition} (data/rankings/{folder}/{file}, published {published}):",
                index = index.short.vi,
                edition = ed.key,
                folder = index.key,
                file = ed.file,
                published = ed.published_precision.iso(ed.published)
            );
            out.push_str(&format!("{heading}\n"));
            for m in &ed.matches {
                let u = &site.units[m.unit];
                let (place, written, id, name) = (&m.place, &m.written, &u.id, &u.name.vi);
                let line = match m.rule {
                    MatchRule::Id => {
                        crate::tr!("{place}: \"{written}\" → {id} ({name}) by its id", place, written, id, name)
                    }
                    MatchRule::Code => {
                        crate::tr!("{place}: \"{written}\" → {id} ({name}) by its code", place, written, id, name)
                    }
                    MatchRule::Name => {
                        crate::tr!("{place}: \"{written}\" → {id} ({name}) by its name", place, written, id, name)
                    }
                    MatchRule::Register => crate::tr!(
                        "{place}: \"{written}\" → {id} ({name}) by data/unit-names.csv",
                        place,
                        written,
                        id,
                        name
                    ),
                };
                out.push_str(&format!("  {line}\n"));
            }
        }
    }
    Ok((out, warnings))
}
