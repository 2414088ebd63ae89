//! The units: provinces and ministries read from a units.csv (the project's `data/units.csv`,
//! built in, unless `--units` names another), ministries added from `words/ministries.txt` up to
//! about 30, and the generated communes, written back as the corpus's `data/units.csv`.

use std::collections::BTreeSet;

use crate::out::csv_bytes;
use crate::rng::Rng;
use crate::text::{fold, slugify, Lang};
use crate::words::WORDS;

/// The project's real units (provinces with their 2025 lineage, ministries), used unless
/// `--units` names another file.
pub const REAL_UNITS: &str = include_str!("../../../data/units.csv");

/// The columns of units.csv, in order: the generator's own copy of the header minhbach's loader
/// reads (a test holds it to the first line of the project's `data/units.csv`).
pub const COLUMNS: [&str; 14] = [
    "id",
    "kind",
    "code",
    "former_codes",
    "name_vi",
    "name_en",
    "parent",
    "region_vi",
    "region_en",
    "valid_from",
    "valid_to",
    "successor",
    "slug",
    "aliases",
];

/// One row of units.csv, its fields in the order of [`COLUMNS`].
#[derive(Clone, Default)]
pub struct Unit {
    f: [String; 14],
}

impl Unit {
    pub fn get(&self, col: &str) -> &str {
        &self.f[COLUMNS.iter().position(|c| *c == col).expect("known column")]
    }
    pub fn set(&mut self, col: &str, v: impl Into<String>) {
        self.f[COLUMNS.iter().position(|c| *c == col).expect("known column")] = v.into();
    }
    pub fn id(&self) -> &str {
        self.get("id")
    }
    pub fn name(&self, lang: Lang) -> &str {
        self.get(if lang == Lang::Vi { "name_vi" } else { "name_en" })
    }
    pub fn current(&self) -> bool {
        self.get("valid_to").is_empty()
    }
}

pub fn read_units(text: &str) -> Result<Vec<Unit>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = r.headers().map_err(|e| e.to_string())?.iter().map(|h| h.trim().to_string()).collect();
    let mut units = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| e.to_string())?;
        let mut u = Unit::default();
        for (i, h) in headers.iter().enumerate() {
            if COLUMNS.contains(&h.as_str()) {
                u.set(h, rec.get(i).unwrap_or("").trim());
            }
        }
        if u.get("slug").is_empty() {
            let s = slugify(u.get("name_vi"));
            u.set("slug", s);
        }
        units.push(u);
    }
    Ok(units)
}

/// The units of the corpus: those of the file, the added ministries and the communes.
pub struct Units {
    pub all: Vec<Unit>,
    /// Positions in `all`.
    pub provinces: Vec<usize>,
    pub current_provinces: Vec<usize>,
    pub ministries: Vec<usize>,
    pub communes: Vec<usize>,
}

pub fn build_units(file: &[Unit], n_communes: usize, seed: u64) -> Units {
    let syllables = &WORDS.commune_syllables;
    let mut all: Vec<Unit> = file.iter().filter(|u| u.get("kind") == "province").cloned().collect();
    let mut ids: BTreeSet<String> = file.iter().map(|u| u.id().to_string()).collect();
    let mut slugs: BTreeSet<String> = BTreeSet::new();
    for u in file {
        slugs.insert(u.get("slug").to_string());
        for a in u.get("aliases").split(';').filter(|a| !a.is_empty()) {
            slugs.insert(a.to_string());
        }
    }
    let mut ministries: Vec<Unit> = file.iter().filter(|u| u.get("kind") == "ministry").cloned().collect();
    for &(id, vi, en) in &WORDS.ministries {
        if ministries.len() >= 30 {
            break;
        }
        if ids.contains(id) || slugs.contains(id) || ministries.iter().any(|m| m.name(Lang::Vi) == vi) {
            continue;
        }
        let mut m = Unit::default();
        m.set("id", id);
        m.set("kind", "ministry");
        m.set("name_vi", vi);
        m.set("name_en", en);
        m.set("slug", id);
        ids.insert(id.to_string());
        slugs.insert(id.to_string());
        ministries.push(m);
    }
    let provinces: Vec<usize> = (0..all.len()).collect();
    let current: Vec<usize> = provinces.iter().copied().filter(|&i| all[i].current()).collect();

    // Communes: each of a current province, more in some provinces than others.
    let mut rng = Rng::new(seed, 1);
    let weights: Vec<usize> = current.iter().map(|_| 2 + rng.below(5)).collect();
    let total: usize = weights.iter().sum();
    let mut communes: Vec<Vec<Unit>> = vec![Vec::new(); current.len()];
    for _ in 0..n_communes {
        let mut x = rng.below(total);
        let mut p = 0;
        while x >= weights[p] {
            x -= weights[p];
            p += 1;
        }
        let ward = rng.chance(0.2);
        let (kind_vi, kind_en, prefix) = if ward { ("Phường", "Ward", "phuong") } else { ("Xã", "Commune", "xa") };
        let mut tries = 0;
        let (name, slug) = loop {
            tries += 1;
            let k = if tries > 20 { 3 } else { 2 };
            let syl: Vec<&str> = rng.distinct(k, syllables.len()).into_iter().map(|i| syllables[i]).collect();
            let name = syl.join(" ");
            let slug = format!("{prefix}-{}", slugify(&name));
            if !slugs.contains(&slug) && !ids.contains(&slug) {
                break (name, slug);
            }
        };
        let prov = &all[current[p]];
        let mut c = Unit::default();
        c.set("id", slug.clone());
        c.set("kind", "commune");
        c.set("name_vi", format!("{kind_vi} {name}"));
        c.set("name_en", format!("{} {kind_en}", fold(&name)));
        c.set("parent", prov.id());
        c.set("region_vi", prov.get("region_vi"));
        c.set("region_en", prov.get("region_en"));
        c.set("slug", slug.clone());
        ids.insert(slug.clone());
        slugs.insert(slug);
        communes[p].push(c);
    }
    let mut code = 10;
    let first_ministry = all.len();
    all.extend(ministries);
    let ministries: Vec<usize> = (first_ministry..all.len()).collect();
    let mut commune_pos = Vec::new();
    for list in communes {
        for mut c in list {
            c.set("code", format!("{code:05}"));
            code += 3;
            commune_pos.push(all.len());
            all.push(c);
        }
    }
    Units { all, provinces, current_provinces: current, ministries, communes: commune_pos }
}

pub fn units_csv(units: &[Unit]) -> String {
    let mut rows = vec![COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
    rows.extend(units.iter().map(|u| u.f.to_vec()));
    csv_bytes(&rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generator's copy of the header can't drift from the project's units.csv.
    #[test]
    fn columns_are_the_header_of_the_projects_units_csv() {
        let units = include_str!("../../../data/units.csv");
        let header = units.strip_prefix('\u{feff}').unwrap_or(units).lines().next().unwrap_or("");
        assert_eq!(COLUMNS.join(","), header.trim_end());
    }

    #[test]
    fn the_real_units_read() {
        let units = read_units(REAL_UNITS).unwrap();
        assert!(units.iter().any(|u| u.get("kind") == "province" && u.current()));
        assert!(units.iter().all(|u| !u.id().is_empty() && !u.get("slug").is_empty()));
    }
}
