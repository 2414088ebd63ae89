//! Rankings: the provincial, ministerial and commune-level indices (`data/rankings/<key>/`: an
//! index.toml with the indicator tree and editions, one CSV per edition), with the quirks of real
//! published tables: ties, units given only a rank, units not assessed, gaps.

use std::fmt::Write as _;

use crate::out::{csv_bytes, Out};
use crate::rng::Rng;
use crate::text::{q, Date};
use crate::units::{Unit, Units};
use crate::words::{Indicator, WORDS};

/// One index and its editions.
struct IndexSpec<'a> {
    key: &'static str,
    name: (&'static str, &'static str),
    short: (&'static str, &'static str),
    publisher: (&'static str, &'static str),
    unit_kind: &'static str,
    order: u32,
    max: f64,
    decimals: usize,
    indicators: &'a [Indicator],
    /// (key, year, units ranked, all indicators or only the top-level ones)
    editions: Vec<(String, i32, Vec<usize>, bool)>,
}

fn fmt_num(x: f64, decimals: usize) -> String {
    format!("{x:.decimals$}")
}

fn round_to(x: f64, decimals: usize) -> f64 {
    let p = 10f64.powi(decimals as i32);
    (x * p).round() / p
}

/// Writes the three indices: provincial (2020–2023 of every province, 2024 of the current ones),
/// ministerial (2020–2024) and commune-level (2021–2025), each with its indicator tree.
pub fn write_rankings(out: &mut Out, units: &Units, seed: u64) -> std::io::Result<()> {
    let all = &units.all;
    let current = &units.current_provinces;
    let mut editions = Vec::new();
    for y in 2020..=2023 {
        editions.push((y.to_string(), y, units.provinces.clone(), y >= 2022));
    }
    editions.push(("2024".to_string(), 2024, current.clone(), true));
    let provincial = IndexSpec {
        key: "dti-tinh",
        name: ("Chỉ số chuyển đổi số cấp tỉnh (DTI)", "Provincial Digital Transformation Index (DTI)"),
        short: ("DTI cấp tỉnh", "Provincial DTI"),
        publisher: ("Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"),
        unit_kind: "province",
        order: 1,
        max: 1.0,
        decimals: 4,
        indicators: &WORDS.province_indicators,
        editions,
    };
    write_index(out, &provincial, all, seed, 100)?;
    let ministerial = IndexSpec {
        key: "dti-bo",
        name: ("Chỉ số chuyển đổi số cấp bộ (DTI)", "Ministerial Digital Transformation Index (DTI)"),
        short: ("DTI cấp bộ", "Ministerial DTI"),
        publisher: ("Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"),
        unit_kind: "ministry",
        order: 2,
        max: 1.0,
        decimals: 4,
        indicators: &WORDS.ministry_indicators,
        editions: (2020..=2024).map(|y| (y.to_string(), y, units.ministries.clone(), y >= 2021)).collect(),
    };
    write_index(out, &ministerial, all, seed, 101)?;
    let communal = IndexSpec {
        key: "dti-xa",
        name: ("Chỉ số chuyển đổi số cấp xã", "Commune Digital Transformation Index"),
        short: ("DTI cấp xã", "Commune DTI"),
        publisher: ("Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"),
        unit_kind: "commune",
        order: 3,
        max: 100.0,
        decimals: 2,
        indicators: &WORDS.commune_indicators,
        editions: (2021..=2025).map(|y| (y.to_string(), y, units.communes.clone(), y >= 2022)).collect(),
    };
    write_index(out, &communal, all, seed, 102)?;
    Ok(())
}

/// Writes `data/rankings/<key>/`: index.toml and one CSV per edition.
fn write_index(out: &mut Out, spec: &IndexSpec, units: &[Unit], seed: u64, stream: u64) -> std::io::Result<()> {
    let mut rng = Rng::new(seed, stream);
    let (pvi, pen) = spec.publisher;
    let mut t = String::new();
    let _ = writeln!(t, "name_vi = {}\nname_en = {}", q(spec.name.0), q(spec.name.1));
    let _ = writeln!(t, "short_vi = {}\nshort_en = {}", q(spec.short.0), q(spec.short.1));
    let _ = writeln!(t, "publisher_vi = {}\npublisher_en = {}", q(pvi), q(pen));
    let _ = writeln!(t, "unit_kind = {}", q(spec.unit_kind));
    let _ = writeln!(
        t,
        "description_vi = {}\ndescription_en = {}",
        q(&format!("{} (dữ liệu sinh tự động để đo hiệu năng, không phải số liệu thật).", spec.name.0)),
        q(&format!("{} (generated data for benchmarking, not real figures).", spec.name.1))
    );
    let _ = writeln!(t, "order = {}\n\n[scale]\nmax = {:.1}\nhigher_is_better = true", spec.order, spec.max);
    for i in spec.indicators {
        let _ = writeln!(t, "\n[[indicators]]\nkey = {}\nname_vi = {}\nname_en = {}", q(i.key), q(i.vi), q(i.en));
        if !i.parent.is_empty() {
            let _ = writeln!(t, "parent = {}", q(i.parent));
        }
    }
    // Every unit has a level of its own that moves a little each year.
    let level: Vec<f64> = (0..units.len()).map(|_| 0.35 + 0.3 * rng.unit() + 0.08 * rng.gauss()).collect();
    for (n, (key, year, ranked, all_indicators)) in spec.editions.iter().enumerate() {
        let inds: Vec<&Indicator> = spec.indicators.iter().filter(|i| *all_indicators || i.parent.is_empty()).collect();
        let growth = 0.03 * (*year - 2020) as f64;
        let mut rows: Vec<(usize, f64, Vec<f64>)> = ranked
            .iter()
            .map(|&u| {
                let s = (level[u] + growth + 0.04 * rng.gauss()).clamp(0.02, 0.99);
                let vals = inds
                    .iter()
                    .map(|_| round_to(((s + 0.08 * rng.gauss()).clamp(0.0, 1.0)) * spec.max, spec.decimals))
                    .collect();
                (u, round_to(s * spec.max, spec.decimals), vals)
            })
            .collect();
        rows.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| units[a.0].id().cmp(units[b.0].id())));
        // A published tie in the provincial and ministerial tables.
        if rows.len() > 12 && spec.decimals > 2 {
            rows[10].1 = rows[9].1;
        }
        let average = round_to(rows.iter().map(|r| r.1).sum::<f64>() / rows.len().max(1) as f64, spec.decimals);
        let mut csv =
            vec![["unit", "rank", "score", "rank_basis", "note"].iter().map(|s| s.to_string()).collect::<Vec<_>>()];
        csv[0].extend(inds.iter().map(|i| i.key.to_string()));
        let mut rank = 0;
        for (pos, (u, score, vals)) in rows.iter().enumerate() {
            if pos == 0 || *score != rows[pos - 1].1 {
                rank = pos + 1;
            }
            let roll = rng.unit();
            if roll < 0.004 {
                continue; // a gap: the source leaves the unit out
            }
            let (rank_s, score_s, note, vals_s): (String, String, String, Vec<String>) =
                if roll < 0.008 || (pos == 4 && n == 0) {
                    (rank.to_string(), String::new(), "Nguồn chỉ nêu thứ hạng".into(), vec![String::new(); vals.len()])
                } else if roll < 0.011 {
                    (String::new(), String::new(), "Chưa đánh giá".into(), vec![String::new(); vals.len()])
                } else {
                    (
                        rank.to_string(),
                        fmt_num(*score, spec.decimals),
                        String::new(),
                        vals.iter().map(|v| fmt_num(*v, spec.decimals)).collect(),
                    )
                };
            let basis = if pos % 17 == 16 { "list-order" } else { "stated" };
            let mut row = vec![units[*u].id().to_string(), rank_s, score_s, basis.to_string(), note];
            row.extend(vals_s);
            csv.push(row);
        }
        let file = format!("{key}.csv");
        out.write(&format!("data/rankings/{}/{file}", spec.key), &csv_bytes(&csv))?;
        let published = Date::from_day(year + 1, 120 + rng.below(120) as u32);
        let _ = writeln!(t, "\n[[editions]]\nyear = {year}");
        if key != &year.to_string() {
            let _ = writeln!(t, "key = {}", q(key));
            let _ = writeln!(
                t,
                "label_vi = {}\nlabel_en = {}",
                q(&format!("{} đơn vị", ranked.len())),
                q(&format!("{} units", ranked.len()))
            );
        }
        let _ = writeln!(t, "file = {}\npublished = {}", q(&file), q(&published.iso()));
        let _ = writeln!(
            t,
            "decision = {}",
            q(&format!("Quyết định số {}/QĐ-BKHCN công bố {} năm {year}", 100 + rng.below(3000), spec.short.0))
        );
        let _ = writeln!(t, "publisher_url = {}", q(&format!("https://example.gov.vn/{}/{key}", spec.key)));
        let _ = writeln!(
            t,
            "sources = [{}, {}]",
            q(&format!("https://example.gov.vn/{}/{key}/bao-cao.pdf", spec.key)),
            q(&format!("https://news.example.vn/{}-{key}", spec.key))
        );
        let _ = writeln!(t, "average = {}", fmt_num(average, spec.decimals));
        if n % 2 == 1 {
            let _ = writeln!(
                t,
                "note_vi = {}\nnote_en = {}",
                q("Một số đơn vị chỉ được công bố thứ hạng, không có điểm."),
                q("Some units were published with a rank but no score.")
            );
        }
        if n == 1 {
            let d = Date::from_day(year + 1, 250);
            let _ = writeln!(
                t,
                "\n[[editions.corrections]]\ndate = {}\nwhat_vi = {}\nwhat_en = {}",
                q(&d.iso()),
                q("Sửa điểm của một đơn vị theo công văn đính chính."),
                q("One unit's score corrected after an erratum.")
            );
        }
    }
    out.write(&format!("data/rankings/{}/index.toml", spec.key), &t)
}
