//! What `content/` holds that no section reads: a Markdown file outside the known folders is an
//! error (it was meant to be a page, and would silently be missing), any other file a warning
//! (it is not published: documents and images belong in `static/`).

use super::raw::SECTIONS;
use super::reader::Reader;
use crate::diag::{Diagnostic, Diagnostics};

/// The known places of `content/`, for the hints.
fn known() -> String {
    let folders: Vec<String> = SECTIONS.iter().map(|s| format!("content/{s}/")).collect();
    format!("{} and content/_index.md", folders.join(", "))
}

/// Reports every file of `content/` that the build does not read.
pub(super) fn unknown_content(reader: &Reader, diags: &mut Diagnostics) {
    for (name, is_dir) in reader.entries("content", diags) {
        let rel = format!("content/{name}");
        if !is_dir {
            if !matches!(name.as_str(), "_index.md" | "_index.en.md") {
                diags.push(unread(&rel, None));
            }
            continue;
        }
        let section = SECTIONS.contains(&name.as_str()).then_some(name.as_str());
        for sub in reader.walk(&rel, diags) {
            // The section's own files are read; only what lies in its sub-folders is not.
            if section.is_some() && !sub.contains('/') && sub.ends_with(".md") {
                continue;
            }
            diags.push(unread(&format!("{rel}/{sub}"), section));
        }
    }
}

/// The problem with one file the build does not read: an error for Markdown, else a warning.
fn unread(path: &str, section: Option<&str>) -> Diagnostic {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name.ends_with(".md") {
        let msg = match section {
            Some(s) => crate::tr!("this page is in a sub-folder of content/{s}/, which is not read", s),
            None => crate::tr!("this page is in no folder minhbach reads: it would not be published"),
        };
        let hint = match section {
            Some(s) => crate::tr!("move it into content/{s}/ itself (the file name is the page's URL)", s),
            None => crate::tr!("move it into one of {folders}", folders = known()),
        };
        Diagnostic::error(path, None, msg).hint(hint)
    } else {
        Diagnostic::warning(path, None, crate::tr!("this file is not published: content/ holds Markdown pages only"))
            .hint(crate::tr!(
            "put images and documents (PDF, DOCX…) in static/, e.g. static/files/x.pdf, and link them as /files/x.pdf"
        ))
    }
}
