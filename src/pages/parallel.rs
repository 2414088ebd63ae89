//! The pages rendered in parallel, each counted to its `--timings` line.

use rayon::prelude::*;

use super::{Counts, Job, PageKind, Renderer, Sink};
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::Lang;
use crate::timings::{time, Stage};

impl Renderer<'_> {
    /// Renders `jobs` in parallel, each page (and its charts) going to `sink` as soon as it is
    /// made; every problem is collected.
    pub fn render_pages(
        &self,
        jobs: &[Job],
        progress: &crate::progress::Progress,
        sink: &Sink,
    ) -> Result<Counts, Diagnostics> {
        let results: Vec<Result<(Lang, usize), Diagnostic>> = jobs
            .par_iter()
            .map(|(route, lang, kind)| {
                let files = time(stage_of(*kind), || self.page(route, *lang, *kind));
                progress.tick();
                let files = files?;
                let charts = files.iter().skip(1).filter(|f| f.path.ends_with(".svg")).count();
                for f in files {
                    sink(f)?;
                }
                Ok((*lang, charts))
            })
            .collect();
        let mut counts = Counts::default();
        let mut diags = Diagnostics::default();
        for res in results {
            match res {
                Ok((lang, charts)) => {
                    match lang {
                        Lang::Vi => counts.pages_vi += 1,
                        Lang::En => counts.pages_en += 1,
                    }
                    counts.charts += charts;
                }
                Err(d) => diags.push(d),
            }
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(counts)
    }
}

/// The `--timings` line a page of `kind` counts to.
pub(super) fn stage_of(kind: PageKind) -> Stage {
    match kind {
        PageKind::Home => Stage::PageHome,
        PageKind::Rankings | PageKind::IndexPage(_) => Stage::PageRankings,
        PageKind::Edition(..) => Stage::PageEdition,
        PageKind::Indicator(..) => Stage::PageIndicator,
        PageKind::Units => Stage::PageUnits,
        PageKind::Unit(_) => Stage::PageUnit,
        PageKind::News(_) => Stage::PageNews,
        PageKind::Tag(..) => Stage::PageTag,
        PageKind::Article(_) => Stage::PageArticle,
        PageKind::Models => Stage::PageModels,
        PageKind::Honour(_) => Stage::PageHonour,
        PageKind::Movement | PageKind::MovementPage(_) => Stage::PageMovement,
        PageKind::Page(_) => Stage::PagePage,
        PageKind::Data | PageKind::Search => Stage::PageData,
        PageKind::Targets | PageKind::Target(_) => Stage::PageTargets,
        PageKind::NotFound => Stage::PageOther,
    }
}
