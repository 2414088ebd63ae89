//! Markdown to safe HTML: raw HTML escaped unless the site allows it; `javascript:`,
//! `vbscript:` and `data:` links refused; `@/news/x.md` links resolved and checked; headings
//! anchored for a table of contents; external links marked; images without alt text reported.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashSet};

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diag::{Diagnostic, Diagnostics, Lines};
use crate::model::{Markdown, PictureUse, TocEntry};

/// Stands for the relative way back to the site root in rendered HTML; each page replaces it
/// with its own (`../../`), so one rendering serves wherever the text is shown.
pub(crate) const ROOT: &str = "~minhbach-root~/";

/// A link target a reader may safely follow.
pub(crate) fn safe_url(url: &str) -> bool {
    let lower: String =
        url.trim().chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
    !(lower.starts_with("javascript:") || lower.starts_with("vbscript:") || lower.starts_with("data:"))
}

/// Rendered Markdown.
#[derive(Debug, Clone, Default)]
pub struct Html {
    /// The HTML; internal links start with [`ROOT`], pictures are markers.
    pub html: String,
    /// The level-2 and level-3 headings, with their anchors.
    pub toc: Vec<TocEntry>,
}

/// What the renderer needs to know about where the text comes from.
pub struct Source<'a> {
    /// The file the text is in, for the place of its problems.
    pub file: &'a str,
    /// The file line the text starts on.
    pub first_line: usize,
    /// Raw HTML is kept (sanitised) instead of shown as text (`allow_html`).
    pub allow_html: bool,
    /// Turns `@/news/x.md` into a path below the site root (`tin-tuc/x/`), or `None` when no
    /// such file exists.
    pub resolve: &'a dyn Fn(&str) -> Option<String>,
    /// Whether a path below the site root (`images/x.png`) is one of the site's own files
    /// (`static/images/x.png`), for images written with a leading `/`.
    pub static_file: &'a dyn Fn(&str) -> bool,
    /// Takes a picture of the site's own (`images/x.jpg`, its alt text, title and whether a
    /// link holds it) and gives the number of its [`picture_marker`], which `pages` replaces
    /// with the theme's `<picture>`; `None` to leave it a plain `<img>`; an error in words
    /// when the file cannot be read as a picture.
    pub picture: Option<&'a PictureFn<'a>>,
}

/// See [`Source::picture`].
pub type PictureFn<'a> = dyn Fn(&str, &str, &str, bool) -> Result<Option<usize>, String> + 'a;

/// Stands for the `n`th picture of a text in rendered HTML (see [`Source::picture`]).
pub(crate) fn picture_marker(n: usize) -> String {
    format!("~minhbach-picture-{n}~")
}

/// Renders Markdown to HTML, reporting refused and broken links with their line.
pub fn render(src: &Source, text: &str, diags: &mut Diagnostics) -> Html {
    crate::timings::time(crate::timings::Stage::Markdown, || render_timed(src, text, true, diags))
}

/// Checks a text without rendering it: reports its problems (refused and broken links,
/// images, depth) with their line and gives its checked form, which [`to_html`] renders
/// later, and its table of contents.
pub(crate) fn check(src: &Source, text: &str, diags: &mut Diagnostics) -> (Markdown, Vec<TocEntry>) {
    let links = RefCell::new(BTreeMap::new());
    let files = RefCell::new(BTreeSet::new());
    let resolve = |target: &str| {
        let found = (src.resolve)(target);
        if let Some(path) = &found {
            links.borrow_mut().insert(target.to_string(), path.clone());
        }
        found
    };
    let static_file = |path: &str| {
        let found = (src.static_file)(path);
        if found {
            files.borrow_mut().insert(path.to_string());
        }
        found
    };
    let recording = Source { resolve: &resolve, static_file: &static_file, ..*src };
    let out = crate::timings::time(crate::timings::Stage::Markdown, || render_timed(&recording, text, false, diags));
    let checked = Markdown {
        text: text.to_string(),
        allow_html: src.allow_html,
        links: links.into_inner(),
        files: files.into_inner(),
    };
    (checked, out.toc)
}

/// Renders checked Markdown (the body `md.text`, or another part of the same document such as
/// its summary) to HTML with what [`check`] found: its links, its files and `pictures`, the
/// site's pictures it shows (`None`: shown as plain images).
pub(crate) fn to_html(md: &Markdown, text: &str, pictures: Option<&[PictureUse]>) -> String {
    let resolve = |target: &str| md.links.get(target).cloned();
    let static_file = |path: &str| md.files.contains(path);
    let picture = |path: &str, alt: &str, title: &str, linked: bool| -> Result<Option<usize>, String> {
        let all = pictures.unwrap_or_default();
        Ok(all.iter().position(|p| p.path == path && p.alt == alt && p.title == title && p.linked == linked))
    };
    let src = Source {
        file: "",
        first_line: 1,
        allow_html: md.allow_html,
        resolve: &resolve,
        static_file: &static_file,
        picture: pictures.is_some().then_some(&picture as &PictureFn),
    };
    // Every problem was reported when the text was checked.
    render(&src, text, &mut Diagnostics::default()).html
}

/// Walks the text's events, checking links, images and depth; writes the HTML when `write`
/// is set (or when raw HTML is allowed: its depth is measured on the sanitised HTML).
fn render_timed(src: &Source, text: &str, write: bool, diags: &mut Diagnostics) -> Html {
    if text.len() > MAX_TEXT_BYTES {
        diags.push(
            Diagnostic::error(
                src.file,
                Some(src.first_line),
                crate::tr!(
                    "the text is {size} KB; a text has at most {max} KB",
                    size = text.len() / 1024,
                    max = MAX_TEXT_BYTES / 1024
                ),
            )
            .hint(crate::tr!("split it into several articles or pages, or publish the document as a file in static/")),
        );
        return Html::default();
    }
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let lines = Lines::new(text);
    let line = |offset: usize| src.first_line + lines.line(offset) - 1;
    let mut events: Vec<Event> = Vec::new();
    let mut depth = 0usize;
    let mut external_depth = Vec::new();
    let mut image_open: Option<(usize, bool)> = None;
    // A picture being read: its path, title, line, whether a link holds it, its alt text.
    let mut picture_open: Option<(String, String, usize, bool, String)> = None;
    let mut links_open = 0usize;
    for (ev, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match &ev {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_DEPTH {
            diags.push(too_deep(src.file, line(range.start)));
            return Html::default();
        }
        if let Some(open) = picture_open.as_mut() {
            match &ev {
                Event::Text(t) | Event::Code(t) => open.4.push_str(t),
                Event::End(TagEnd::Image) => {
                    let (path, title, at, linked, alt) = picture_open.take().unwrap_or_default();
                    if alt.trim().is_empty() {
                        diags.push(alt_warning(src.file, at));
                    }
                    image_open = None;
                    events.push(picture_event(src, &path, &alt, &title, linked, at, diags));
                }
                _ => {}
            }
            continue;
        }
        match &ev {
            Event::Start(Tag::Link { .. }) => links_open += 1,
            Event::End(TagEnd::Link) => links_open = links_open.saturating_sub(1),
            _ => {}
        }
        let ev = match ev {
            Event::Html(s) | Event::InlineHtml(s) if !src.allow_html => Event::Text(s),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let (url, external) = link_target(src, &dest_url, line(range.start), diags);
                external_depth.push(external);
                if external {
                    let t = if title.is_empty() { String::new() } else { format!(" title=\"{}\"", esc(&title)) };
                    Event::Html(CowStr::from(format!(
                        "<a href=\"{}\" class=\"external\" rel=\"external\"{t}>",
                        esc(&url)
                    )))
                } else {
                    Event::Start(Tag::Link { link_type, dest_url: CowStr::from(url), title, id })
                }
            }
            Event::End(TagEnd::Link) => {
                if external_depth.pop().unwrap_or(false) {
                    Event::Html(CowStr::from("</a>"))
                } else {
                    Event::End(TagEnd::Link)
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let at = line(range.start);
                image_open = Some((at, false));
                let url = if !safe_url(&dest_url) {
                    diags.push(
                        Diagnostic::error(src.file, Some(at), crate::tr!("image `{dest_url}` is refused", dest_url))
                            .hint(crate::tr!(
                                "data: and script addresses are not allowed; put the image in the site and link to it"
                            )),
                    );
                    String::new()
                } else if dest_url.starts_with('/') {
                    let path = dest_url.trim_start_matches('/');
                    let file = path.split(['?', '#']).next().unwrap_or(path);
                    if !file.starts_with("assets/") && !(src.static_file)(file) {
                        diags.push(
                            Diagnostic::error(
                                src.file,
                                Some(at),
                                crate::tr!("image `{dest_url}` is not a file of static/", dest_url),
                            )
                            .hint(crate::tr!("put the picture at static/{file}, or fix the path", file)),
                        );
                    }
                    if src.picture.is_some() && crate::images::is_picture(file) && (src.static_file)(file) {
                        picture_open = Some((file.to_string(), title.to_string(), at, links_open > 0, String::new()));
                        continue;
                    }
                    format!("{ROOT}{path}")
                } else {
                    dest_url.to_string()
                };
                Event::Start(Tag::Image { link_type, dest_url: CowStr::from(url), title, id })
            }
            Event::Text(t) => {
                if let Some((_, has_alt)) = image_open.as_mut() {
                    *has_alt |= !t.trim().is_empty();
                }
                Event::Text(t)
            }
            Event::End(TagEnd::Image) => {
                if let Some((at, false)) = image_open.take() {
                    diags.push(alt_warning(src.file, at));
                }
                Event::End(TagEnd::Image)
            }
            other => other,
        };
        events.push(ev);
    }
    let toc = anchor_headings(&mut events);
    if !write && !src.allow_html {
        return Html { html: String::new(), toc };
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    // Raw HTML, where the site allows it, is cleaned: no script, no event handler, no
    // javascript: address, in pages and feeds alike (both carry this HTML).
    if src.allow_html {
        out = sanitize(&out);
    }
    // Raw HTML (where allowed) nests too: the page must stay shallow enough to walk.
    if html_depth(&out) > MAX_DEPTH {
        diags.push(too_deep(src.file, src.first_line));
        return Html::default();
    }
    Html { html: out, toc }
}

fn alt_warning(file: &str, at: usize) -> Diagnostic {
    Diagnostic::warning(file, Some(at), crate::tr!("image has no alt text"))
        .hint(crate::tr!("describe the image for readers who cannot see it: ![what it shows](file.png)"))
}

/// A picture of the site as its marker, or as a plain `<img>` where it is not made a picture.
fn picture_event(
    src: &Source,
    path: &str,
    alt: &str,
    title: &str,
    linked: bool,
    at: usize,
    diags: &mut Diagnostics,
) -> Event<'static> {
    let made = src.picture.map_or(Ok(None), |f| f(path, alt, title, linked));
    match made {
        Ok(Some(n)) => Event::Html(CowStr::from(picture_marker(n))),
        other => {
            if let Err(why) = other {
                diags.push(
                    Diagnostic::error(
                        src.file,
                        Some(at),
                        crate::tr!("image `static/{path}` cannot be read: {why}", path, why),
                    )
                    .hint(crate::tr!(
                        "save the picture again as JPEG or PNG (a photo app's \"export\"), and check it opens"
                    )),
                );
            }
            let title = if title.is_empty() { String::new() } else { format!(" title=\"{}\"", esc(title)) };
            Event::Html(CowStr::from(format!("<img src=\"{ROOT}{}\" alt=\"{}\"{title}>", esc(path), esc(alt))))
        }
    }
}

/// Cleans HTML written by hand (with `allow_html = true`) with ammonia: the elements and
/// attributes of ordinary text stay (with `id`, `class`, `lang`, `title` and `style`-free
/// tables), scripts, styles, event handlers, forms, frames and `javascript:` or `data:`
/// addresses go. Links keep their `rel` as written.
pub(crate) fn sanitize(html: &str) -> String {
    static CLEANER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.add_generic_attributes(["id", "class", "lang", "title", "dir"])
                .add_tag_attributes("a", ["rel", "hreflang"])
                .add_tag_attributes("img", ["width", "height", "loading"])
                .add_tag_attributes("td", ["align"])
                .add_tag_attributes("th", ["align", "scope"])
                .add_tags(["figure", "figcaption", "section", "details", "summary", "mark", "time"])
                .add_tag_attributes("time", ["datetime"])
                .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
                .link_rel(None);
            b
        })
        .clean(html)
        .to_string()
}

/// The largest Markdown text rendered: twenty times a long article. Larger texts (a pasted
/// data dump, a 5 MB line) would cost far more memory than their size.
pub(crate) const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// How deep a text may nest (quotes in lists in quotes…, or HTML elements): far beyond any
/// real text, well within what the HTML minifier and browsers walk.
pub(crate) const MAX_DEPTH: usize = 100;

fn too_deep(file: &str, line: usize) -> Diagnostic {
    Diagnostic::error(file, Some(line), crate::tr!("the text nests more than {max} levels deep", max = MAX_DEPTH))
        .hint(crate::tr!("quotes (>), lists or HTML elements are inside each other too many times: flatten them"))
}

/// The deepest nesting of elements in `html`, counted without recursion (void elements and
/// self-closed tags do not nest).
pub(crate) fn html_depth(html: &str) -> usize {
    const VOID: [&str; 14] =
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param"];
    let (mut depth, mut max) = (0usize, 0usize);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if tag.starts_with('/') {
            depth = depth.saturating_sub(1);
        } else if tag.starts_with(|c: char| c.is_ascii_alphabetic()) && !tag.ends_with('/') {
            let name: String = tag.chars().take_while(char::is_ascii_alphanumeric).collect();
            if !VOID.contains(&name.to_ascii_lowercase().as_str()) {
                depth += 1;
                max = max.max(depth);
            }
        }
        rest = &rest[end.min(rest.len())..];
    }
    max
}

/// Where a link goes and whether it leaves the site.
fn link_target(src: &Source, dest: &str, line: usize, diags: &mut Diagnostics) -> (String, bool) {
    if !safe_url(dest) {
        diags
            .push(Diagnostic::error(src.file, Some(line), crate::tr!("link to `{dest}` is refused", dest)).hint(
                crate::tr!("javascript:, vbscript: and data: links are not allowed; link to a web page instead"),
            ));
        return ("#".into(), false);
    }
    if let Some(target) = dest.strip_prefix("@/") {
        let (path, frag) = match target.split_once('#') {
            Some((p, f)) => (p, format!("#{f}")),
            None => (target, String::new()),
        };
        return match (src.resolve)(path) {
            Some(p) => (format!("{ROOT}{p}{frag}"), false),
            None => {
                diags.push(
                    Diagnostic::error(
                        src.file,
                        Some(line),
                        crate::tr!("internal link `{dest}` points at no page", dest),
                    )
                    .hint(crate::tr!("write the path of a content file, e.g. @/news/2025-04-24-phat-dong.md")),
                );
                ("#".into(), false)
            }
        };
    }
    let external = dest.contains("://") || dest.starts_with("//");
    (dest.to_string(), external)
}

/// Gives every heading an id made from its text (unique within the text) and returns the
/// level-2 and level-3 headings.
fn anchor_headings(events: &mut [Event]) -> Vec<TocEntry> {
    let mut toc = Vec::new();
    let mut used = HashSet::new();
    let mut next_suffix: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = *level;
            let mut title = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    title.push_str(t);
                }
                j += 1;
            }
            let mut anchor = id.as_ref().map_or_else(|| crate::model::slugify(&title), ToString::to_string);
            if anchor.is_empty() {
                anchor = "muc".into();
            }
            let base = anchor.clone();
            // The next suffix to try for each base: a thousand headings alike cost a thousand
            // tries, not half a million.
            let n = next_suffix.entry(base.clone()).or_insert(1usize);
            while !used.insert(anchor.clone()) {
                *n += 1;
                anchor = format!("{base}-{n}");
            }
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(anchor.clone()));
            }
            let lvl = match level {
                HeadingLevel::H1 => 1,
                HeadingLevel::H2 => 2,
                HeadingLevel::H3 => 3,
                _ => 4,
            };
            if (2..=3).contains(&lvl) {
                toc.push(TocEntry { level: lvl, id: anchor, title });
            }
            i = j;
        }
        i += 1;
    }
    toc
}

fn esc(s: &str) -> String {
    crate::escape::escape_html(s)
}

/// Markdown with no links to resolve (home page text).
pub fn render_simple(file: &str, text: &str, first_line: usize, allow_html: bool, diags: &mut Diagnostics) -> String {
    let none = |_: &str| None;
    render(&Source { file, first_line, allow_html, resolve: &none, static_file: &|_| true, picture: None }, text, diags)
        .html
}

#[cfg(test)]
mod tests;
