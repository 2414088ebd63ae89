//! Exemplary models: commended people and collectives of communes, provinces and ministries, with
//! the award, the decision that gave it and a short body, in both languages.

use std::fmt::Write as _;

use crate::out::Out;
use crate::prose::{paragraph, render_blocks, Block, Titles};
use crate::rng::Rng;
use crate::text::{fold, q, Date, Lang};
use crate::units::Units;
use crate::words::WORDS;

/// Award keys (src/model.rs AWARDS) with a weight: lower forms are given more often.
const AWARDS_FOR_LOCAL: [(&str, usize); 8] = [
    ("labor-medal", 1),
    ("government-flag", 2),
    ("pm-certificate", 4),
    ("province-flag", 6),
    ("province-certificate", 10),
    ("certificate", 14),
    ("honoured", 5),
    ("award", 4),
];
const AWARDS_FOR_MINISTRY: [(&str, usize); 8] = [
    ("labor-medal", 1),
    ("government-flag", 2),
    ("pm-certificate", 4),
    ("ministry-flag", 6),
    ("ministry-certificate", 10),
    ("certificate", 12),
    ("honoured", 5),
    ("award", 4),
];

fn weighted<'a>(rng: &mut Rng, table: &'a [(&'a str, usize)]) -> &'a str {
    let total: usize = table.iter().map(|x| x.1).sum();
    let mut x = rng.below(total);
    for (k, w) in table {
        if x < *w {
            return k;
        }
        x -= w;
    }
    table[0].0
}

fn decision(award: &str, n: usize, year: i32, lang: Lang) -> String {
    let body = match award {
        "labor-medal" => "CTN",
        "government-flag" | "pm-certificate" => "TTg",
        "ministry-flag" | "ministry-certificate" => "BKHCN",
        "honoured" | "award" => {
            return if lang == Lang::Vi {
                format!("Chương trình Ngày Chuyển đổi số quốc gia {year}")
            } else {
                format!("National Digital Transformation Day {year} programme")
            }
        }
        _ => "UBND",
    };
    if lang == Lang::Vi {
        format!("Quyết định số {n}/QĐ-{body}")
    } else {
        format!("Decision No. {n}/QD-{body}")
    }
}

pub fn write_models(out: &mut Out, count: usize, units: &Units, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng::new(seed, 20);
    let all = &units.all;
    for i in 0..count {
        let roll = rng.unit();
        let u = if roll < 0.5 && !units.communes.is_empty() {
            *rng.pick(&units.communes)
        } else if roll < 0.85 {
            *rng.pick(&units.current_provinces)
        } else {
            *rng.pick(&units.ministries)
        };
        let unit = &all[u];
        let is_ministry = unit.get("kind") == "ministry";
        let place_of = |lang| {
            if unit.get("kind") == "commune" {
                let p = all.iter().find(|p| p.id() == unit.get("parent")).map(|p| p.name(lang)).unwrap_or("");
                (unit.name(lang).to_string(), p.to_string())
            } else {
                (unit.name(lang).to_string(), unit.name(lang).to_string())
            }
        };
        let (name_vi, prov_vi) = place_of(Lang::Vi);
        let (name_en, prov_en) = place_of(Lang::En);
        let content = i % WORDS.model_contents.len();
        let (ckey, cvi, cen) = WORDS.model_contents[(content + rng.below(2)) % WORDS.model_contents.len()];
        let award = weighted(&mut rng, if is_ministry { &AWARDS_FOR_MINISTRY } else { &AWARDS_FOR_LOCAL });
        let year = if rng.chance(0.55) { 2025 } else { 2026 };
        let date = Date::from_day(year, if year == 2026 { rng.below(300) as u32 } else { 100 + rng.below(260) as u32 });
        let individual = rng.chance(0.35);
        let person_vi = if individual {
            format!("{} {} {}", rng.pick(&WORDS.surnames), rng.pick(&WORDS.middle_names), rng.pick(&WORDS.given_names))
        } else {
            String::new()
        };
        let person_en = fold(&person_vi);
        let number = 100 + rng.below(4000);
        let slug = format!("{}-{year}-{i:04}", unit.id());
        let (title_vi, title_en) = if individual {
            (
                format!("{person_vi}, {name_vi}: điển hình về {cvi}"),
                format!("{person_en}, {name_en}: exemplary in {cen}"),
            )
        } else {
            (format!("{name_vi}: điển hình về {cvi}"), format!("{name_en}: exemplary in {cen}"))
        };
        let places = vec![(prov_vi.clone(), prov_en.clone())];
        let mut words = 0;
        let mut blocks = vec![paragraph(&mut rng, 0, year, &mut words, &places)];
        blocks.push(Block::Heading(rng.below(WORDS.headings.len())));
        blocks.push(paragraph(&mut rng, 0, year, &mut words, &places));
        let k = rng.range(3, 5) as usize;
        let items = rng
            .distinct(k, WORDS.objects.len())
            .into_iter()
            .map(|o| (o, 70.0 + rng.below(300) as f64 / 10.0))
            .collect();
        blocks.push(Block::List { ordered: false, items });
        while words < 150 + rng.below(200) {
            blocks.push(paragraph(&mut rng, 0, year, &mut words, &places));
        }
        let none = Titles { slugs: &[], titles: &[] };
        for lang in [Lang::Vi, Lang::En] {
            let (title, person, dec, desc, org) = if lang == Lang::Vi {
                (
                    &title_vi,
                    &person_vi,
                    decision(award, number, year, lang),
                    format!("Điển hình tiên tiến về {cvi} năm {year}."),
                    &name_vi,
                )
            } else {
                (
                    &title_en,
                    &person_en,
                    decision(award, number, year, lang),
                    format!("Exemplary model in {cen}, {year}."),
                    &name_en,
                )
            };
            let mut f = String::from("+++\n");
            let _ = writeln!(f, "title = {}", q(title));
            let _ = writeln!(f, "unit = {}", q(unit.id()));
            if individual {
                let _ = writeln!(f, "organisation = {}", q(org));
            }
            let _ = writeln!(f, "kind = {}", q(if individual { "individual" } else { "collective" }));
            if individual {
                let _ = writeln!(f, "person = {}", q(person));
            }
            let _ = writeln!(f, "content = {}\naward = {}\ndecision = {}", q(ckey), q(award), q(&dec));
            let _ = writeln!(f, "decision_date = {}\nyear = {year}\nphase = 1", date.iso());
            if lang == Lang::Vi {
                let _ = writeln!(f, "sources = [{}]", q(&format!("https://example.gov.vn/khen-thuong/{slug}")));
            }
            let _ = writeln!(f, "description = {}\n+++\n", q(&desc));
            f.push_str(&render_blocks(&blocks, lang, &places, &none));
            let suffix = if lang == Lang::Vi { "" } else { ".en" };
            out.write(&format!("content/models/{slug}{suffix}.md"), &f)?;
        }
    }
    Ok(())
}
