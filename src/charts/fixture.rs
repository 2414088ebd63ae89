//! Test fixtures: the theme font, and sites built from the default site's files then edited by
//! hand (a name with markup, a tie, a missing score) so each test states what it needs.

use std::path::PathBuf;
use std::sync::OnceLock;

use crate::diag::Diagnostics;
use crate::model::{Site, UnitId};

pub(crate) const FONT: &[u8] = include_bytes!("../../themes/default/fonts/DejaVuSans-vi.ttf");

/// The theme font, made once.
pub(crate) fn font() -> super::Font {
    static FONT_VALUE: OnceLock<super::Font> = OnceLock::new();
    FONT_VALUE.get_or_init(|| super::Font::new(FONT.to_vec()).expect("the theme font reads")).clone()
}

/// The default site's units and rankings, loaded once. Problems elsewhere in the site (news,
/// pages) do not matter here, so its documents are left out.
pub(crate) fn site() -> Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut raw = crate::load::load_site(&root, &mut Diagnostics::default());
        raw.docs.clear();
        let mut diags = Diagnostics::default();
        let site = crate::check::check(raw, None, &mut diags);
        let site = site.unwrap_or_else(|| panic!("the default site's rankings validate: {diags:?}"));
        assert!(site.indices.iter().any(|i| i.key == "dti-tinh"));
        site
    })
    .clone()
}

/// The default theme's UI strings, loaded once.
pub(crate) fn strings() -> &'static crate::i18n::Strings {
    static STRINGS: OnceLock<crate::i18n::Strings> = OnceLock::new();
    STRINGS.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut diags = Diagnostics::default();
        let t = crate::load::load_site(&root, &mut diags).theme;
        let files = (t.strings_files.0.as_str(), t.strings_files.1.as_str());
        crate::i18n::Strings::complete(t.strings.0, t.strings.1, files, &[], &mut diags)
    })
}

pub(crate) fn unit(site: &Site, id: &str) -> UnitId {
    site.unit(id).unwrap_or_else(|| panic!("unit {id}"))
}

/// (index, edition) positions of an index key and an edition key.
pub(crate) fn edition(site: &Site, index: &str, key: &str) -> (usize, usize) {
    let i = site.indices.iter().position(|x| x.key == index).unwrap_or_else(|| panic!("index {index}"));
    let e = site.indices[i].editions.iter().position(|e| e.key == key).unwrap_or_else(|| panic!("edition {key}"));
    (i, e)
}

/// Sets the rank, tie and score of `unit`'s row in an edition, adding the row when missing.
pub(crate) fn set_row(
    site: &mut Site,
    (i, e): (usize, usize),
    unit: UnitId,
    rank: Option<u32>,
    tied: bool,
    score: Option<f64>,
) {
    let ed = &mut site.indices[i].editions[e];
    let pos = match ed.rows.iter().position(|r| r.unit == unit) {
        Some(p) => p,
        None => {
            let mut row = ed.rows[0].clone();
            row.unit = unit;
            row.delta = None;
            row.values = vec![None; row.values.len()];
            ed.rows.push(row);
            ed.rows.len() - 1
        }
    };
    let row = &mut ed.rows[pos];
    row.rank = rank;
    row.tied = tied;
    row.score = score;
    ed.index_rows();
}

/// How many times `needle` occurs in `hay`.
pub(crate) fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// The checks every chart passes: accessible root, title and desc in place, escaped, small.
pub(crate) fn assert_accessible(svg: &str, id: &str) {
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{svg}");
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")));
    assert!(svg.contains(&format!("<title id=\"{id}-title\">")));
    assert!(svg.contains(&format!("<desc id=\"{id}-desc\">")));
    assert!(svg.contains("font-family=\"system-ui, 'Noto Sans', 'DejaVu Sans', sans-serif\""));
    assert!(!svg.contains("minhbach-chart"), "the measuring font's name leaks");
    assert!(svg.len() < 40_000, "{} bytes", svg.len());
    // Every font size at least 12 px.
    for part in svg.split("font-size=\"").skip(1) {
        let v: f64 = part[..part.find('"').unwrap()].parse().unwrap();
        assert!(v >= 12.0, "font-size {v}");
    }
    assert_eq!(count(svg, "<svg"), 1);
    assert_eq!(count(svg, "</svg>"), 1);
}
