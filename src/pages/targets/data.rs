//! The targets as downloads: `targets.csv` (one row a target, with its status on the build
//! date and the report it rests on), `target-reports.csv` (every published figure) and
//! `targets.json` (the programmes, the targets and their figures in one file).

use serde::Serialize;

use super::super::datasets::Dataset;
use super::super::OutFile;
use crate::i18n::Text;
use crate::model::{Period, Site};
use crate::routes::targets_data;

fn num(v: f64, decimals: u8) -> String {
    format!("{v:.*}", decimals as usize)
}

#[derive(Serialize)]
struct ReportJson<'a> {
    value: serde_json::Value,
    date: Option<String>,
    sources: &'a [String],
    reporter_vi: &'a str,
    reporter_en: &'a str,
    same_definition: bool,
    measure_vi: &'a str,
    measure_en: &'a str,
    note_vi: &'a str,
    note_en: &'a str,
}

#[derive(Serialize)]
struct TargetJson<'a> {
    key: &'a str,
    programme: &'a str,
    content: &'static str,
    wording_vi: &'a str,
    wording_en: &'a str,
    measure: &'static str,
    measure_vi: &'a str,
    measure_en: &'a str,
    cmp: &'static str,
    target: Option<serde_json::Value>,
    deadline: String,
    baseline: Option<serde_json::Value>,
    baseline_date: Option<String>,
    sources: &'a [String],
    note_vi: &'a str,
    note_en: &'a str,
    status: &'static str,
    /// The position in `reports` of the figure the status rests on.
    status_report: Option<usize>,
    reports: Vec<ReportJson<'a>>,
}

#[derive(Serialize)]
struct ProgrammeJson<'a> {
    key: &'a str,
    unit: Option<&'a str>,
    name_vi: &'a str,
    name_en: &'a str,
    document: &'a str,
    date: String,
    url: &'a str,
}

#[derive(Serialize)]
struct TargetsJson<'a> {
    /// The day the statuses were worked out.
    as_of: String,
    programmes: Vec<ProgrammeJson<'a>>,
    targets: Vec<TargetJson<'a>>,
}

/// A number with the decimals it was published with, as a JSON number.
fn json_num(v: f64, decimals: u8) -> serde_json::Value {
    serde_json::from_str(&num(v, decimals)).unwrap_or(serde_json::Value::Null)
}

/// The three downloads, none when the site has no targets.
pub(in crate::pages) fn datasets(site: &Site) -> Vec<Dataset> {
    if site.targets.is_empty() {
        return Vec::new();
    }
    let content = |t: &crate::model::Target| t.content.map_or(crate::model::GENERAL_CONTENT, |c| c.key());
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "key",
        "programme",
        "document",
        "unit",
        "content",
        "wording_vi",
        "wording_en",
        "measure",
        "measure_vi",
        "measure_en",
        "cmp",
        "target",
        "deadline",
        "baseline",
        "baseline_date",
        "sources",
        "status",
        "status_value",
        "status_date",
        "as_of",
    ]);
    let mut reports = csv::Writer::from_writer(Vec::new());
    let _ = reports.write_record(crate::model::REPORT_COLUMNS);
    let mut targets = Vec::new();
    for t in &site.targets {
        let prog = &site.programmes[t.programme];
        let status = t.status(site.build_date);
        let rests = status.report.map(|i| &t.reports[i]);
        let _ = w.write_record([
            t.key.as_str(),
            &prog.key,
            &prog.document,
            prog.unit.map_or("", |u| site.units[u].id.as_str()),
            content(t),
            &t.wording.vi,
            &t.wording.en,
            t.measure.key(),
            &t.unit_words.vi,
            &t.unit_words.en,
            if t.value.is_some() { t.cmp.key() } else { "" },
            &t.value.map(|v| num(v, t.decimals)).unwrap_or_default(),
            &t.deadline.key(),
            &t.baseline.map(|(v, d, _)| num(v, d)).unwrap_or_default(),
            &t.baseline.map(|(_, _, p)| p.key()).unwrap_or_default(),
            &t.sources.join(" ; "),
            status.kind.key(),
            &rests.map(|r| num(r.value, r.decimals)).unwrap_or_default(),
            &rests.and_then(|r| r.date).map(Period::key).unwrap_or_default(),
            &site.build_date.to_string(),
        ]);
        for r in &t.reports {
            let _ = reports.write_record([
                t.key.as_str(),
                &num(r.value, r.decimals),
                &r.date.map(Period::key).unwrap_or_default(),
                &r.sources.join(" ; "),
                &r.reporter.vi,
                &r.reporter.en,
                if r.comparable { "yes" } else { "no" },
                &r.measure.vi,
                &r.measure.en,
                &r.note.vi,
                &r.note.en,
            ]);
        }
        targets.push(TargetJson {
            key: &t.key,
            programme: &prog.key,
            content: content(t),
            wording_vi: &t.wording.vi,
            wording_en: &t.wording.en,
            measure: t.measure.key(),
            measure_vi: &t.unit_words.vi,
            measure_en: &t.unit_words.en,
            cmp: if t.value.is_some() { t.cmp.key() } else { "" },
            target: t.value.map(|v| json_num(v, t.decimals)),
            deadline: t.deadline.key(),
            baseline: t.baseline.map(|(v, d, _)| json_num(v, d)),
            baseline_date: t.baseline.map(|(_, _, p)| p.key()),
            sources: &t.sources,
            note_vi: &t.note.vi,
            note_en: &t.note.en,
            status: status.kind.key(),
            status_report: status.report,
            reports: t
                .reports
                .iter()
                .map(|r| ReportJson {
                    value: json_num(r.value, r.decimals),
                    date: r.date.map(Period::key),
                    sources: &r.sources,
                    reporter_vi: &r.reporter.vi,
                    reporter_en: &r.reporter.en,
                    same_definition: r.comparable,
                    measure_vi: &r.measure.vi,
                    measure_en: &r.measure.en,
                    note_vi: &r.note.vi,
                    note_en: &r.note.en,
                })
                .collect(),
        });
    }
    let json = TargetsJson {
        as_of: site.build_date.to_string(),
        programmes: site
            .programmes
            .iter()
            .map(|p| ProgrammeJson {
                key: &p.key,
                unit: p.unit.map(|u| site.units[u].id.as_str()),
                name_vi: &p.name.vi,
                name_en: &p.name.en,
                document: &p.document,
                date: p.date.key(),
                url: &p.url,
            })
            .collect(),
        targets,
    };
    let mut bytes = serde_json::to_vec_pretty(&json).unwrap_or_default();
    bytes.push(b'\n');
    let title =
        Text::new("Mục tiêu của phong trào và số liệu đã công bố", "The movement's targets and published figures");
    let source =
        Text::new("Các văn bản và nguồn nêu ở từng mục tiêu", "The documents and sources named at each target");
    let file = |name: &str, bytes: Vec<u8>| Dataset {
        sha256: crate::output::sha256_hex(&bytes),
        file: OutFile::new(targets_data(name), bytes),
        title: title.clone(),
        source: source.clone(),
        page: None,
        name: name.replace('.', "-"),
        schema: match name {
            "targets.csv" => Some(super::super::schema::targets()),
            "target-reports.csv" => Some(super::super::schema::target_reports()),
            _ => None,
        },
        group: super::super::datasets::Group::Main,
        license: site.config.license.clone(),
        sources: site.programmes.iter().map(|p| p.url.clone()).filter(|u| !u.is_empty()).collect(),
    };
    vec![
        file("targets.csv", w.into_inner().unwrap_or_default()),
        file("target-reports.csv", reports.into_inner().unwrap_or_default()),
        file("targets.json", bytes),
    ]
}
