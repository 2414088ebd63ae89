//! One document's text turned into the model's `Doc`: its Markdown checked (links, images,
//! depth), shortcodes resolved to embeds, its summary, and the share image its front matter names.

use super::*;

/// The share image a front matter names (`image = "/images/x.jpg"`): a file of static/.
pub(super) fn share_image(raw: &RawDoc, image: Option<&str>, inp: &Inputs, diags: &mut Diagnostics) -> Option<String> {
    let path = image?.trim().trim_start_matches('/');
    if inp.statics.contains(path) {
        return Some(path.to_string());
    }
    diags.push(
        Diagnostic::error(
            &raw.file,
            key_line(raw, "image"),
            crate::tr!("image `{path}` is not a file of static/", path),
        )
        .hint(crate::tr!("put the picture at static/{path} and write image = \"/{path}\"", path)),
    );
    None
}

#[allow(clippy::too_many_arguments)]
pub(super) fn check_doc(
    raw: &RawDoc,
    lang: Lang,
    title: String,
    description: String,
    tags: Vec<String>,
    inp: &Inputs,
    present: &BTreeSet<(String, String)>,
    diags: &mut Diagnostics,
) -> Doc {
    if title.trim().is_empty() {
        diags.push(
            Diagnostic::error(&raw.file, key_line(raw, "title"), crate::tr!("title is empty"))
                .hint(crate::tr!("give the page a title")),
        );
    }
    let resolve = |target: &str| -> Option<String> {
        let (section, name) = target.split_once('/')?;
        let (stem, en) = crate::load::doc_name(name)?;
        let target_lang = if en { Lang::En } else { lang };
        present
            .contains(&(section.to_string(), stem.to_string()))
            .then(|| route(section, stem).map(|r| r.path(target_lang)))?
    };
    let data = shortcodes::Data { units: inp.units, indices: inp.indices };
    let full = raw.body.replacen("<!-- more -->", "", 1);
    let (body, embeds) = shortcodes::extract(&full, &raw.file, raw.body_line, |c| shortcodes::resolve(&data, c), diags);
    let pictures: std::cell::RefCell<Vec<model::PictureUse>> = Default::default();
    let picture = |path: &str, alt: &str, title: &str, linked: bool| -> Result<Option<usize>, String> {
        match inp.probes.get(path) {
            None => Ok(None),
            Some(Err(why)) => Err(why.clone()),
            Some(Ok(_)) => {
                let used = model::PictureUse { path: path.into(), alt: alt.into(), title: title.into(), linked };
                let mut all = pictures.borrow_mut();
                Ok(Some(all.iter().position(|p| *p == used).unwrap_or_else(|| {
                    all.push(used);
                    all.len() - 1
                })))
            }
        }
    };
    let src = Source {
        file: &raw.file,
        first_line: raw.body_line,
        allow_html: inp.config.allow_html,
        resolve: &resolve,
        static_file: &|p| inp.statics.contains(p),
        picture: Some(&picture),
    };
    let (checked, toc) = markdown::check(&src, &body, diags);
    // The lead before `<!-- more -->`: its shortcodes are dropped (a summary shows no embeds),
    // its problems are the body's, reported once.
    let summary = raw.body.split_once("<!-- more -->").map(|(before, _)| {
        let mut quiet = Diagnostics::default();
        let (text, dropped) = shortcodes::extract(before, &raw.file, raw.body_line, |_| Ok(()), &mut quiet);
        model::Summary { text, markers: dropped.len() }
    });
    Doc {
        file: raw.file.clone(),
        title,
        description,
        body: checked,
        embeds,
        summary,
        toc,
        draft: false,
        pictures: pictures.into_inner(),
        extra: toml::Table::new(),
        tags: tags.into_iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect(),
    }
}
