//! The names register: a unit written in an edition's file as the source wrote it ("TP. Đà
//! Nẵng", "tỉnh Lào Cai", "UBND xã Tân Lập", a code, an id) resolved to one unit of
//! `units.csv`, on the days the edition covers. Names are the units' own (`name_vi`, `name_en`)
//! and the variants of `data/unit-names.csv`, compared folded: case, diacritics, spacing,
//! hyphens and dots, and the prefixes of administrative names ("Tỉnh", "Thành phố", "TP.",
//! "UBND", "Xã", "Phường", …) set aside.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::rows::existed;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::RawTable;
use crate::model::{MatchRule, Unit, UnitKind};

/// The prefixes set aside, folded (longest first within each start word).
const PREFIXES: [&str; 13] = [
    "ubnd",
    "uy ban nhan dan",
    "thanh pho",
    "tp",
    "tinh",
    "thi tran",
    "tt",
    "thi xa",
    "xa",
    "phuong",
    "quan",
    "huyen",
    "dac khu",
];

/// A name folded for matching: `TP. Hồ Chí Minh` → `ho chi minh`, `Thừa Thiên - Huế` →
/// `thua thien hue`, `UBND xã Tân Lập` → `tan lap`. A name that is nothing but a prefix keeps it.
pub(crate) fn fold_name(s: &str) -> String {
    fold_both(s).0
}

/// The name folded ([`fold_name`]) and folded but for its diacritics (`thạnh`, not `thanh`):
/// the second tells "Hưng Thành" from "Hưng Thạnh" when the first matches both.
fn fold_both(s: &str) -> (String, String) {
    use unicode_normalization::UnicodeNormalization;
    let lower: String = s.nfc().flat_map(char::to_lowercase).collect();
    let spaced: String =
        lower.chars().map(|c| if "/,.-_:*()\u{a0}".contains(c) || c.is_whitespace() { ' ' } else { c }).collect();
    let mut marked: Vec<&str> = spaced.split_whitespace().collect();
    let mut words: Vec<String> = marked.iter().map(|w| crate::i18n::fold(w)).collect();
    loop {
        let joined = words.join(" ");
        let Some(p) = PREFIXES.iter().find(|p| joined.starts_with(&format!("{p} "))) else { break };
        let n = p.split(' ').count();
        if words.len() <= n {
            break;
        }
        words.drain(..n);
        marked.drain(..n);
    }
    (words.join(" "), marked.join(" "))
}

/// The text without what stands in parentheses: `Xã Mẫu B (ví dụ)` → `Xã Mẫu B `.
fn without_parentheses(s: &str) -> String {
    let mut depth = 0usize;
    s.chars()
        .filter(|&c| {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect()
}

/// One name a unit bore, from and to when (`None`: as long as the unit).
struct Entry {
    unit: usize,
    /// The name with its diacritics (see [`fold_both`]).
    marked: String,
    rule: MatchRule,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

/// Every unit's names and codes, folded, to look a written unit up by.
pub(super) struct Register {
    names: HashMap<String, Vec<Entry>>,
    /// Each row of `data/unit-names.csv` as (unit, name as written), in the file's order.
    variants: Vec<(usize, String)>,
}

/// What a written unit resolved to.
pub(super) enum Found {
    One(usize, MatchRule),
    /// Several units bore the name on the edition's days.
    Many(Vec<usize>),
    /// None did (the closest names are asked for apart: see [`Register::closest_any`]).
    None(Vec<usize>),
}

#[derive(serde::Deserialize)]
struct NameRow {
    unit: String,
    name: String,
    #[serde(default)]
    valid_from: String,
    #[serde(default)]
    valid_to: String,
}

impl Register {
    /// The register of `units` and the variants of `data/unit-names.csv` (`unit,name[,valid_from,valid_to]`).
    pub(super) fn new(
        units: &[Unit],
        by_id: &HashMap<String, usize>,
        table: Option<&RawTable>,
        diags: &mut Diagnostics,
    ) -> Register {
        let mut names: HashMap<String, Vec<Entry>> = HashMap::new();
        for (i, u) in units.iter().enumerate() {
            for n in [&u.name.vi, &u.name.en] {
                let (f, marked) = fold_both(n);
                if !f.is_empty() && !names.get(&f).is_some_and(|v| v.iter().any(|e| e.unit == i && e.marked == marked))
                {
                    names.entry(f).or_default().push(Entry {
                        unit: i,
                        marked,
                        rule: MatchRule::Name,
                        from: None,
                        to: None,
                    });
                }
            }
        }
        let mut variants = Vec::new();
        let Some(t) = table else { return Register { names, variants } };
        for need in ["unit", "name"] {
            if t.column(need).is_none() {
                diags.push(
                    Diagnostic::error(&t.file, Some(t.header_line), crate::tr!("column `{need}` is missing", need))
                        .hint(crate::tr!("the header of unit-names.csv is: unit,name,valid_from,valid_to")),
                );
            }
        }
        for (raw, row) in super::typed_rows::<NameRow>(t) {
            let line = Some(raw.line);
            let row = match row {
                Ok(r) => r,
                Err(e) => {
                    diags.push(
                        Diagnostic::error(&t.file, line, crate::tr!("cannot read the row: {e}", e))
                            .hint(crate::tr!("each row is: unit id, name as published, and optional dates")),
                    );
                    continue;
                }
            };
            let Some(&unit) = by_id.get(&row.unit) else {
                diags.push(
                    Diagnostic::error(&t.file, line, crate::tr!("unknown unit `{unit}`", unit = row.unit))
                        .hint(crate::tr!("the unit column holds ids from data/units.csv")),
                );
                continue;
            };
            let mut date = |s: &str, what: &str| -> Option<NaiveDate> {
                if s.is_empty() {
                    return None;
                }
                let d = super::parse_date(s);
                if d.is_none() {
                    diags.push(
                        Diagnostic::error(&t.file, line, crate::tr!("{what} `{s}` is not a date", what, s))
                            .hint(crate::tr!("write it as YYYY-MM-DD, or leave it empty")),
                    );
                }
                d
            };
            let (from, to) = (date(&row.valid_from, "valid_from"), date(&row.valid_to, "valid_to"));
            let (f, marked) = fold_both(&row.name);
            if f.is_empty() {
                diags.push(
                    Diagnostic::error(&t.file, line, crate::tr!("name is empty"))
                        .hint(crate::tr!("write the name as the source writes it")),
                );
                continue;
            }
            names.entry(f).or_default().push(Entry { unit, marked, rule: MatchRule::Register, from, to });
            variants.push((unit, row.name.trim().to_string()));
        }
        Register { names, variants }
    }

    /// Every unit's other names of `data/unit-names.csv`, in the file's order, each once.
    pub(super) fn other_names(&self, units: usize) -> Vec<Vec<String>> {
        let mut out = vec![Vec::new(); units];
        for (u, n) in &self.variants {
            let names: &mut Vec<String> = &mut out[*u];
            if !names.contains(n) {
                names.push(n.clone());
            }
        }
        out
    }

    /// The unit `written` names among the units of `kind` on some day from `from` to `to`:
    /// an id, a code borne then, or a name borne then.
    pub(super) fn find(&self, written: &str, kind: UnitKind, from: NaiveDate, to: NaiveDate, units: &[Unit]) -> Found {
        let fits = |u: usize| units[u].kind == kind && existed(&units[u], from, to);
        // A code (all digits) names one unit at a time.
        if written.chars().all(|c| c.is_ascii_digit()) && !written.is_empty() {
            let by_code: Vec<usize> = (0..units.len())
                .filter(|&u| fits(u) && super::rows::code_then(&units[u], written, to, units))
                .collect();
            return match by_code.as_slice() {
                [u] => Found::One(*u, MatchRule::Code),
                [] => Found::None(Vec::new()),
                many => Found::Many(many.to_vec()),
            };
        }
        let (folded, marked) = fold_both(written);
        let entries: Vec<&Entry> = self
            .names
            .get(&folded)
            .into_iter()
            .flatten()
            .filter(|e| fits(e.unit) && e.from.is_none_or(|f| f <= to) && e.to.is_none_or(|t| t >= from))
            .collect();
        let units_of = |es: &[&Entry]| {
            let mut found: Vec<(usize, MatchRule)> = Vec::new();
            for e in es {
                if !found.iter().any(|(u, _)| *u == e.unit) {
                    found.push((e.unit, e.rule));
                }
            }
            found
        };
        let mut found = units_of(&entries);
        if found.len() > 1 {
            // Several names fold alike ("Thành", "Thạnh"): one written with the same diacritics wins.
            let exact: Vec<&Entry> = entries.iter().copied().filter(|e| e.marked == marked).collect();
            if units_of(&exact).len() == 1 {
                found = units_of(&exact);
            }
        }
        match found.as_slice() {
            [(u, r)] => Found::One(*u, *r),
            [] => Found::None(Vec::new()),
            many => Found::Many(many.iter().map(|(u, _)| *u).collect()),
        }
    }

    /// Up to three units of `kind` of the edition's days whose names are nearest to `written`.
    pub(super) fn closest_any(
        &self,
        written: &str,
        kind: UnitKind,
        from: NaiveDate,
        to: NaiveDate,
        units: &[Unit],
    ) -> Vec<usize> {
        let fits = |u: usize| units[u].kind == kind && existed(&units[u], from, to);
        let w = fold_name(written);
        // A remark in parentheses ("Xã Mẫu B (ví dụ)") is not part of the name: the name is
        // also compared without it.
        let bare = fold_name(&without_parentheses(written));
        let score =
            |name: &str| strsim::normalized_levenshtein(&w, name).max(strsim::normalized_levenshtein(&bare, name));
        let mut scored: Vec<(f64, usize)> = self
            .names
            .iter()
            .flat_map(|(name, es)| es.iter().map(move |e| (name, e.unit)))
            .filter(|(_, u)| fits(*u))
            .map(|(name, u)| (score(name), u))
            .filter(|(s, _)| *s >= 0.5)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<usize> = Vec::new();
        for (_, u) in scored {
            if !out.contains(&u) {
                out.push(u);
            }
            if out.len() == 3 {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: &str, code: &str, name: &str, from: Option<&str>, to: Option<&str>) -> Unit {
        let day = |s: Option<&str>| s.and_then(crate::check::parse_date);
        Unit {
            id: id.into(),
            kind: UnitKind::Province,
            code: code.into(),
            former_codes: Vec::new(),
            name: crate::i18n::Text::new(name, name),
            parent: None,
            region: crate::i18n::Text::default(),
            valid_from: day(from),
            valid_to: day(to),
            successor: None,
            predecessors: Vec::new(),
            slug: id.into(),
            aliases: Vec::new(),
            other_names: Vec::new(),
        }
    }

    #[test]
    fn a_name_matches_only_on_the_days_it_was_borne() {
        let units = vec![
            unit("da-nang-cu", "48", "Đà Nẵng", None, Some("2025-06-30")),
            unit("da-nang", "48", "Đà Nẵng", Some("2025-07-01"), None),
            unit("hue", "46", "Huế", None, None),
        ];
        let by_id: HashMap<String, usize> = units.iter().enumerate().map(|(i, u)| (u.id.clone(), i)).collect();
        let names = crate::load::parse_table(
            "data/unit-names.csv",
            "unit,name,valid_from,valid_to\nhue,Thừa Thiên - Huế,,2024-12-31\n".as_bytes(),
        )
        .unwrap();
        let mut diags = Diagnostics::default();
        let reg = Register::new(&units, &by_id, Some(&names), &mut diags);
        assert!(diags.is_empty());
        let d = |s: &str| crate::check::parse_date(s).unwrap();
        let find = |w: &str, from: &str, to: &str| reg.find(w, UnitKind::Province, d(from), d(to), &units);
        // Before the merger, after it, and across it.
        assert!(matches!(find("TP. Đà Nẵng", "2024-01-01", "2025-03-01"), Found::One(0, MatchRule::Name)));
        assert!(matches!(find("Thành phố Đà Nẵng", "2026-01-01", "2026-03-01"), Found::One(1, MatchRule::Name)));
        assert!(matches!(find("Đà Nẵng", "2024-01-01", "2025-10-01"), Found::Many(v) if v == vec![0, 1]));
        // A code passed on at the merger names the unit that bore it then.
        assert!(matches!(find("48", "2024-01-01", "2025-03-01"), Found::One(0, MatchRule::Code)));
        // A name of the register, only while it was borne.
        assert!(matches!(find("Thừa Thiên Huế", "2023-01-01", "2024-03-01"), Found::One(2, MatchRule::Register)));
        assert!(matches!(find("Thừa Thiên Huế", "2025-01-01", "2025-03-01"), Found::None(_)));
        assert_eq!(
            reg.closest_any("Thua Thien Hue", UnitKind::Province, d("2025-01-01"), d("2025-03-01"), &units),
            vec![2]
        );
    }

    #[test]
    fn the_closest_name_looks_past_a_remark_in_parentheses() {
        let units = vec![unit("mau-b", "1", "Xã Mẫu B", None, None), unit("hue", "46", "Huế", None, None)];
        let by_id: HashMap<String, usize> = units.iter().enumerate().map(|(i, u)| (u.id.clone(), i)).collect();
        let mut diags = Diagnostics::default();
        let reg = Register::new(&units, &by_id, None, &mut diags);
        let d = |s: &str| crate::check::parse_date(s).unwrap();
        let closest = |w: &str| reg.closest_any(w, UnitKind::Province, d("2025-01-01"), d("2025-03-01"), &units);
        assert!(matches!(
            reg.find("Xã Mẫu B (ví dụ)", UnitKind::Province, d("2025-01-01"), d("2025-03-01"), &units),
            Found::None(_)
        ));
        assert_eq!(closest("Xã Mẫu B (ví dụ)"), vec![0]);
        assert_eq!(closest("Mẫu B (thử (lồng) nhau)"), vec![0]);
        assert_eq!(without_parentheses("a (b (c) d) e)"), "a  e");
    }

    #[test]
    fn names_fold_as_published() {
        assert_eq!(fold_name("TP. Đà Nẵng"), "da nang");
        assert_eq!(fold_name("Thành phố Hồ Chí Minh"), "ho chi minh");
        assert_eq!(fold_name("TP HCM"), "hcm");
        assert_eq!(fold_name("Thừa Thiên - Huế"), "thua thien hue");
        assert_eq!(fold_name("tỉnh Lào Cai"), "lao cai");
        assert_eq!(fold_name("UBND xã Tân Lập"), "tan lap");
        assert_eq!(fold_name("Uỷ ban nhân dân phường Bến Nghé"), "ben nghe");
        assert_eq!(fold_name("Xã"), "xa");
        assert_eq!(fold_name("TT Đông Anh"), "dong anh");
        assert_eq!(fold_name("xã Hoà Bình"), fold_name("Xã Hòa Bình"));
        assert_eq!(fold_name("Phường 1"), "1");
        assert_eq!(fold_both("UBND xã Hưng Thạnh").1, "hưng thạnh");
    }
}
