//! Pictures on pages: the markers a text holds for the site's pictures drawn with the theme's
//! `embed/picture.html` (`<picture>`, `srcset`, `width`/`height`, lazy after the first), the
//! files each picture was made into, and the share images of `og:image` (a page's main chart
//! as a PNG card, the image front matter chose, or the site's default card).

use serde::Serialize;

use super::{OutFile, Renderer};
use crate::diag::Diagnostic;
use crate::i18n::Lang;
use crate::images::{share::Cards, Kind, Picture};
use crate::markdown::picture_marker;
use crate::model::{Doc, PictureUse};
use crate::routes::Route;

#[derive(Serialize)]
struct PictureCtx<'a> {
    lang: &'static str,
    alt: &'a str,
    title: &'a str,
    /// The widest file of the fallback format.
    src: String,
    /// The fallback format's files: `a.480w.jpg 480w, a.960w.jpg 960w`.
    srcset: String,
    /// The size of `src`, for `width` and `height` (no layout shift).
    width: u32,
    height: u32,
    /// Better formats before the fallback (WebP for a PNG): `<source>` elements.
    sources: Vec<SourceCtx>,
    /// The original file, published as it was.
    original: String,
    /// Not the first picture of a page: `loading="lazy"`.
    lazy: bool,
    /// A link of the text holds the picture: it is not linked to its original.
    linked: bool,
}

#[derive(Serialize)]
struct SourceCtx {
    mime: &'static str,
    srcset: String,
}

/// The theme's default share image, when it has one.
const THEME_SHARE: &str = "share.png";

impl Renderer<'_> {
    /// `html` (the body or the summary of `doc`, root already in place) with its pictures drawn;
    /// the first is loaded at once when `first_eager`, the others lazily.
    pub(super) fn with_pictures(
        &self,
        html: String,
        doc: &Doc,
        lang: Lang,
        root: &str,
        first_eager: bool,
    ) -> Result<String, Diagnostic> {
        if doc.pictures.is_empty() {
            return Ok(html);
        }
        let mut out = html;
        let mut first = first_eager;
        // In order of appearance, so that the first picture shown is the one loaded at once.
        let mut order: Vec<(usize, usize)> =
            (0..doc.pictures.len()).filter_map(|n| out.find(&picture_marker(n)).map(|at| (at, n))).collect();
        order.sort_unstable();
        for (_, n) in order {
            let drawn = match self.site.pictures.get(&doc.pictures[n].path) {
                Some(p) => self.picture(p, &doc.pictures[n], lang, root, !first)?,
                None => String::new(),
            };
            first = false;
            out = out.replace(&picture_marker(n), &drawn);
        }
        Ok(out)
    }

    fn picture(
        &self,
        p: &Picture,
        used: &PictureUse,
        lang: Lang,
        root: &str,
        lazy: bool,
    ) -> Result<String, Diagnostic> {
        let set = |kind: Kind| {
            p.files
                .iter()
                .filter(|(v, _, _)| v.kind == kind)
                .map(|(v, path, _)| format!("{root}{} {}w", path, v.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let Some((fallback, src, _)) = p.fallback() else { return Ok(String::new()) };
        let mut kinds: Vec<Kind> = p.files.iter().map(|(v, _, _)| v.kind).collect();
        kinds.dedup();
        let ctx = PictureCtx {
            lang: lang.code(),
            alt: &used.alt,
            title: &used.title,
            src: format!("{root}{src}"),
            srcset: set(fallback.kind),
            width: fallback.width,
            height: fallback.height,
            sources: kinds
                .iter()
                .filter(|k| **k != fallback.kind)
                .map(|&k| SourceCtx { mime: k.mime(), srcset: set(k) })
                .collect(),
            original: format!("{root}{}", p.path),
            lazy,
            linked: used.linked,
        };
        Ok(self.render("embed/picture.html", &ctx)?.trim().to_string())
    }

    /// The files every picture was made into.
    pub(super) fn picture_files(&self) -> Vec<OutFile> {
        let files = self.site.pictures.values().flat_map(|p| &p.files);
        files.map(|(_, path, bytes)| OutFile::new(path.clone(), bytes.as_slice())).collect()
    }

    fn cards(&self) -> Result<&Cards, Diagnostic> {
        self.theme.cards.as_ref().map_err(|why| {
            Diagnostic::error(
                format!("themes/{}/fonts", self.site.config.theme),
                None,
                crate::tr!("share images cannot be drawn: {why}", why),
            )
            .hint(crate::tr!("use a TrueType (.ttf) font with Vietnamese letters"))
        })
    }

    /// The absolute address of the site's default share image in `lang`: the theme's
    /// `share.png`, or the card drawn from the site's title.
    pub(super) fn default_share(&self, lang: Lang) -> String {
        let path = if self.theme.statics.iter().any(|(p, _)| p == THEME_SHARE) {
            format!("assets/{THEME_SHARE}")
        } else {
            default_card_path(lang)
        };
        self.site.config.base_url.join(&path)
    }

    /// The default share cards, drawn once a language (none when the theme has its own).
    pub(super) fn default_cards(&self) -> Result<Vec<OutFile>, Diagnostic> {
        if self.theme.statics.iter().any(|(p, _)| p == THEME_SHARE) {
            return Ok(Vec::new());
        }
        let cards = self.cards()?;
        Lang::ALL
            .iter()
            .map(|&l| {
                let png = cards
                    .card(self.site.config.title.get(l), None)
                    .map_err(|e| card_failed(&default_card_path(l), &e))?;
                Ok(OutFile::new(default_card_path(l), png))
            })
            .collect()
    }

    /// Draws `svg` (a page's main chart) as the share card beside the page at `route`, and
    /// gives its absolute address.
    pub(super) fn chart_card(
        &self,
        route: &Route,
        lang: Lang,
        svg: &str,
        extra: &mut Vec<OutFile>,
    ) -> Result<String, Diagnostic> {
        let file = format!("{}share.png", route.path(lang));
        let cards = self.cards()?;
        let png = crate::timings::time(crate::timings::Stage::ShareCards, || {
            cards.card(self.site.config.title.get(lang), Some(svg))
        })
        .map_err(|e| card_failed(&file, &e))?;
        extra.push(OutFile::new(file.clone(), png));
        Ok(self.site.config.base_url.join(&file))
    }

    /// The absolute address of the share image front matter chose (`image`): the widest file
    /// made of it when it is a picture, else the file itself.
    pub(super) fn chosen_share(&self, image: Option<&str>) -> Option<String> {
        let path = image?;
        let file = match self.site.pictures.get(path).and_then(Picture::fallback) {
            Some((_, made, _)) => made.as_str(),
            None => path,
        };
        Some(self.site.config.base_url.join(file))
    }
}

fn default_card_path(lang: Lang) -> String {
    format!("assets/share.{}.png", lang.code())
}

fn card_failed(file: &str, why: &str) -> Diagnostic {
    Diagnostic::error(file, None, crate::tr!("the share image cannot be drawn: {why}", why))
        .hint(crate::tr!("this is a fault in minhbach's share images, not in the site: report it with this message"))
}
