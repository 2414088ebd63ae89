//! `minhbach init <dir>`: a new council's site that builds at once. Its files are kept under
//! `src/init/site/` and embedded in the binary with `include_str!`; every unit, figure, article
//! and model in them is named as an example ("Tỉnh Mẫu (ví dụ)", "Sample Province (example)").
//! Only the titles are filled in here; [`crate::write::write_new_site`] writes the files, and the
//! default theme is the one built into the binary, so none is copied ([`eject`] copies it out).

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// What `minhbach init` was asked for.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The folder of the new site: new, or empty.
    pub dir: PathBuf,
    /// The site's Vietnamese title (`--title`), else a placeholder.
    pub title_vi: Option<String>,
    /// The site's English title (`--title-en`), else a placeholder.
    pub title_en: Option<String>,
}

/// The embedded files of a new site, by their path in it. `site.toml` and `README.md` hold
/// placeholders (`{{TITLE_VI}}`, `{{TITLE_EN}}`, `{{NAME}}`) filled in by [`files`].
const FILES: [(&str, &str); 12] = [
    ("site.toml", include_str!("init/site/site.toml")),
    ("README.md", include_str!("init/site/README.md")),
    (".gitignore", include_str!("init/site/gitignore")),
    ("data/units.csv", include_str!("init/site/data/units.csv")),
    ("data/rankings/chi-so-mau/index.toml", include_str!("init/site/data/rankings/chi-so-mau/index.toml")),
    ("data/rankings/chi-so-mau/2025.csv", include_str!("init/site/data/rankings/chi-so-mau/2025.csv")),
    ("content/_index.md", include_str!("init/site/content/_index.md")),
    ("content/_index.en.md", include_str!("init/site/content/_index.en.md")),
    ("content/news/2025-12-15-ket-qua-mau.md", include_str!("init/site/content/news/2025-12-15-ket-qua-mau.md")),
    ("content/news/2025-12-15-ket-qua-mau.en.md", include_str!("init/site/content/news/2025-12-15-ket-qua-mau.en.md")),
    ("content/models/xa-mau-a-2025.md", include_str!("init/site/content/models/xa-mau-a-2025.md")),
    ("content/models/xa-mau-a-2025.en.md", include_str!("init/site/content/models/xa-mau-a-2025.en.md")),
];

/// A TOML basic string holding `s`, quotes and escapes included.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The site's name for the default titles: the folder's own name.
fn folder_name(dir: &Path) -> String {
    let named = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    named
        .or_else(|| dir.canonicalize().ok().and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())))
        .unwrap_or_default()
}

/// The files of a new site named `name`, with its titles (defaults built from `name`).
pub fn files(name: &str, title_vi: Option<&str>, title_en: Option<&str>) -> Vec<(&'static str, String)> {
    let with_name = |base: &str| if name.is_empty() { base.to_string() } else { format!("{base} — {name}") };
    let title_vi = title_vi.map_or_else(|| with_name("Minh bạch chuyển đổi số"), str::to_string);
    let title_en = title_en.map_or_else(|| with_name("Digital transformation, in the open"), str::to_string);
    FILES
        .iter()
        .map(|&(path, text)| {
            let text = text
                .replace("{{TITLE_VI}}", &toml_string(&title_vi))
                .replace("{{TITLE_EN}}", &toml_string(&title_en))
                .replace("{{NAME}}", &title_vi);
            (path, text)
        })
        .collect()
}

/// Writes a new site into `opts.dir`; returns how many files were written.
pub fn run(opts: &InitOptions) -> Result<usize, Diagnostic> {
    let name = folder_name(&opts.dir);
    let files = files(&name, opts.title_vi.as_deref(), opts.title_en.as_deref());
    crate::write::write_new_site(&opts.dir, &files)?;
    Ok(files.len())
}

/// `minhbach theme eject`: the built-in theme copied into `root/themes/default/`, to start a
/// theme from (the site's own `themes/default/` is used instead of the built-in one). Refuses
/// to overwrite any file; the paths written (below `root`), in order.
pub fn eject(root: &Path) -> Result<Vec<String>, Diagnostic> {
    let files: Vec<(String, &[u8])> =
        crate::load::builtin_theme().into_iter().map(|(p, b)| (format!("themes/default/{p}"), b)).collect();
    crate::write::write_new_files(root, &files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_default_to_the_folder_name_and_are_escaped() {
        let f = files("ha-tinh", None, Some("Say \"hi\""));
        let site = &f.iter().find(|(p, _)| *p == "site.toml").unwrap().1;
        let parsed: toml::Table = toml::from_str(site).unwrap();
        assert_eq!(parsed["title_vi"].as_str(), Some("Minh bạch chuyển đổi số — ha-tinh"));
        assert_eq!(parsed["title_en"].as_str(), Some("Say \"hi\""));
        assert!(f.iter().all(|(_, t)| !t.contains("{{TITLE")));
    }
}
