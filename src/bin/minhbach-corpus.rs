//! `minhbach-corpus`: writes a deterministic, national-scale site in minhbach's input format for
//! the benchmark (`bench/run`): the provinces of `data/units.csv` with their 2025 lineage, 3,321
//! generated communes, about 30 ministries, a commune-level, a provincial and a ministerial index,
//! N news articles in Vietnamese with their English translations, and 3,000 exemplary models.
//!
//! The same arguments always give the same bytes: one seeded PRNG (splitmix64), ordered
//! collections only, no clock. `--news-only` writes only what a news site needs (one province,
//! no rankings, no models): the part compared with Hugo.
//!
//! ```text
//! minhbach-corpus --out DIR --news N [--seed S] [--news-only] [--units FILE] [--models M]
//! ```

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use unicode_normalization::UnicodeNormalization;

/// The project's real units (provinces with their 2025 lineage, ministries), used unless
/// `--units` names another file.
const REAL_UNITS: &str = include_str!("../../data/units.csv");

#[derive(Parser)]
#[command(name = "minhbach-corpus", about = "Write a deterministic benchmark site for minhbach")]
struct Args {
    /// Folder to write the site into (must be missing or empty).
    #[arg(long)]
    out: PathBuf,
    /// Number of news articles (each with its English translation).
    #[arg(long)]
    news: usize,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Only site.toml, one province and the news: the part to compare with other generators.
    #[arg(long)]
    news_only: bool,
    /// units.csv to take the provinces and ministries from (default: the project's, built in).
    #[arg(long)]
    units: Option<PathBuf>,
    /// Number of exemplary models (each with its English translation).
    #[arg(long, default_value_t = 3000)]
    models: usize,
    /// Number of communes.
    #[arg(long, default_value_t = 3321)]
    communes: usize,
}

// ---------------------------------------------------------------------------------------------
// Randomness: splitmix64, one stream per purpose so that adding output to one part does not
// change another.

struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 11) as u128 * n as u128) >> 53) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    /// Roughly normal, mean 0, standard deviation 1.
    fn gauss(&mut self) -> f64 {
        (self.unit() + self.unit() + self.unit() + self.unit() - 2.0) * 1.732
    }
    /// `k` distinct positions in `0..n`, in drawing order.
    fn distinct(&mut self, k: usize, n: usize) -> Vec<usize> {
        let mut out = Vec::new();
        while out.len() < k.min(n) {
            let x = self.below(n);
            if !out.contains(&x) {
                out.push(x);
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

#[derive(Clone, Copy, PartialEq)]
enum Lang {
    Vi,
    En,
}

/// Vietnamese without its tones and marks: `Đà Nẵng` → `Da Nang`.
fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A double-quoted string, valid in both TOML and YAML.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn q_list(v: &[String]) -> String {
    format!("[{}]", v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", "))
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A whole number with thousands separators: `12.500` in Vietnamese, `12,500` in English.
fn int(n: u64, lang: Lang) -> String {
    let s = n.to_string();
    let sep = if lang == Lang::Vi { '.' } else { ',' };
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A number with one decimal: `87,5` / `87.5`.
fn dec1(x: f64, lang: Lang) -> String {
    let s = format!("{x:.1}");
    if lang == Lang::Vi {
        s.replace('.', ",")
    } else {
        s
    }
}

struct Date {
    y: i32,
    m: u32,
    d: u32,
}

impl Date {
    fn days_in_month(y: i32, m: u32) -> u32 {
        match m {
            2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }
    /// Day `n` (0-based) counted from 1 January of `y`.
    fn from_day(y: i32, mut n: u32) -> Date {
        let (mut y, mut m) = (y, 1);
        loop {
            let dim = Date::days_in_month(y, m);
            if n < dim {
                return Date { y, m, d: n + 1 };
            }
            n -= dim;
            m += 1;
            if m > 12 {
                m = 1;
                y += 1;
            }
        }
    }
    fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

struct Out {
    root: PathBuf,
    files: usize,
    bytes: usize,
}

impl Out {
    fn write(&mut self, rel: &str, text: &str) -> std::io::Result<()> {
        let path = self.root.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, text)?;
        self.files += 1;
        self.bytes += text.len();
        Ok(())
    }
}

fn csv_bytes(rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    for r in rows {
        w.write_record(r).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
}

// ---------------------------------------------------------------------------------------------
// Units.

/// The columns of data/units.csv, as the loader reads them.
const COLUMNS: [&str; 14] = minhbach::model::UNIT_COLUMNS;

#[derive(Clone, Default)]
struct Unit {
    f: [String; 14],
}

impl Unit {
    fn get(&self, col: &str) -> &str {
        &self.f[COLUMNS.iter().position(|c| *c == col).expect("known column")]
    }
    fn set(&mut self, col: &str, v: impl Into<String>) {
        self.f[COLUMNS.iter().position(|c| *c == col).expect("known column")] = v.into();
    }
    fn id(&self) -> &str {
        self.get("id")
    }
    fn name(&self, lang: Lang) -> &str {
        self.get(if lang == Lang::Vi { "name_vi" } else { "name_en" })
    }
    fn current(&self) -> bool {
        self.get("valid_to").is_empty()
    }
}

fn read_units(text: &str) -> Result<Vec<Unit>, String> {
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

/// Ministries and government agencies added to the file's until there are about 30.
const MINISTRIES: [(&str, &str, &str); 26] = [
    ("bo-quoc-phong", "Bộ Quốc phòng", "Ministry of National Defence"),
    ("bo-cong-an", "Bộ Công an", "Ministry of Public Security"),
    ("bo-ngoai-giao", "Bộ Ngoại giao", "Ministry of Foreign Affairs"),
    ("bo-noi-vu", "Bộ Nội vụ", "Ministry of Home Affairs"),
    ("bo-tu-phap", "Bộ Tư pháp", "Ministry of Justice"),
    ("bo-tai-chinh", "Bộ Tài chính", "Ministry of Finance"),
    ("bo-cong-thuong", "Bộ Công Thương", "Ministry of Industry and Trade"),
    ("bo-nong-nghiep-va-moi-truong", "Bộ Nông nghiệp và Môi trường", "Ministry of Agriculture and Environment"),
    ("bo-xay-dung", "Bộ Xây dựng", "Ministry of Construction"),
    ("bo-van-hoa-the-thao-va-du-lich", "Bộ Văn hóa, Thể thao và Du lịch", "Ministry of Culture, Sports and Tourism"),
    ("bo-khoa-hoc-va-cong-nghe", "Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"),
    ("bo-giao-duc-va-dao-tao", "Bộ Giáo dục và Đào tạo", "Ministry of Education and Training"),
    ("bo-y-te", "Bộ Y tế", "Ministry of Health"),
    ("bo-dan-toc-va-ton-giao", "Bộ Dân tộc và Tôn giáo", "Ministry of Ethnic and Religious Affairs"),
    ("ngan-hang-nha-nuoc-viet-nam", "Ngân hàng Nhà nước Việt Nam", "State Bank of Vietnam"),
    ("thanh-tra-chinh-phu", "Thanh tra Chính phủ", "Government Inspectorate"),
    ("van-phong-chinh-phu", "Văn phòng Chính phủ", "Government Office"),
    ("bao-hiem-xa-hoi-viet-nam", "Bảo hiểm xã hội Việt Nam", "Vietnam Social Security"),
    ("dai-truyen-hinh-viet-nam", "Đài Truyền hình Việt Nam", "Vietnam Television"),
    ("dai-tieng-noi-viet-nam", "Đài Tiếng nói Việt Nam", "Voice of Vietnam"),
    ("thong-tan-xa-viet-nam", "Thông tấn xã Việt Nam", "Vietnam News Agency"),
    (
        "vien-han-lam-khoa-hoc-xa-hoi-viet-nam",
        "Viện Hàn lâm Khoa học xã hội Việt Nam",
        "Vietnam Academy of Social Sciences",
    ),
    (
        "vien-han-lam-khoa-hoc-va-cong-nghe-viet-nam",
        "Viện Hàn lâm Khoa học và Công nghệ Việt Nam",
        "Vietnam Academy of Science and Technology",
    ),
    ("dai-hoc-quoc-gia-ha-noi", "Đại học Quốc gia Hà Nội", "Vietnam National University, Hanoi"),
    (
        "dai-hoc-quoc-gia-thanh-pho-ho-chi-minh",
        "Đại học Quốc gia Thành phố Hồ Chí Minh",
        "Vietnam National University, Ho Chi Minh City",
    ),
    ("uy-ban-dan-toc", "Ủy ban Dân tộc", "Committee for Ethnic Minority Affairs"),
];

/// Syllables of commune names, space-separated.
const SYLLABLES: &str = "\
    An Bình Phú Tân Hòa Thạnh Long Phước Mỹ Đông Tây Nam Bắc Trung Thượng Hạ Xuân Thủy Sơn Lâm Hưng \
    Thịnh Vĩnh Quang Minh Đức Hiệp Lợi Thuận Hải Phong Cẩm Gia Kim Ngọc Lạc Hồng Thanh Hoàng Đại Yên \
    Nghĩa Thái Định Khánh Phúc Lộc Thọ Châu Hà Trà Cao Kiến Tiến Đồng Hợp Tường Quý Lương Vạn Nhơn Hiếu \
    Cát Mai Liên Trường Dương Hương Nhân Ái Ân Đạo Quảng Triệu Văn Võ Bảo Chánh Diên Điền Giang Hậu Hội \
    Khê Lập Mậu Ninh Phổ Quới Sa Tịnh Tuy Uyên Vân Xương Ea";

struct Units {
    all: Vec<Unit>,
    /// Positions in `all`.
    provinces: Vec<usize>,
    current_provinces: Vec<usize>,
    ministries: Vec<usize>,
    communes: Vec<usize>,
}

fn build_units(file: &[Unit], n_communes: usize, seed: u64) -> Units {
    let syllables: Vec<&str> = SYLLABLES.split(' ').collect();
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
    for (id, vi, en) in MINISTRIES {
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

fn units_csv(units: &[Unit]) -> String {
    let mut rows = vec![COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
    rows.extend(units.iter().map(|u| u.f.to_vec()));
    csv_bytes(&rows)
}

// ---------------------------------------------------------------------------------------------
// Rankings.

struct Indicator {
    key: &'static str,
    vi: &'static str,
    en: &'static str,
    parent: &'static str,
}

const fn ind(key: &'static str, vi: &'static str, en: &'static str, parent: &'static str) -> Indicator {
    Indicator { key, vi, en, parent }
}

const COMMUNE_INDICATORS: [Indicator; 3] = [
    ind("chinh-quyen-so", "Chính quyền số", "Digital government", ""),
    ind("kinh-te-so", "Kinh tế số", "Digital economy", ""),
    ind("xa-hoi-so", "Xã hội số", "Digital society", ""),
];

const PROVINCE_INDICATORS: [Indicator; 11] = [
    ind("chinh-quyen-so", "Chính quyền số", "Digital government", ""),
    ind("kinh-te-so", "Kinh tế số", "Digital economy", ""),
    ind("xa-hoi-so", "Xã hội số", "Digital society", ""),
    ind("the-che-so", "Thể chế số", "Digital institutions", "chinh-quyen-so"),
    ind("hoat-dong-chinh-quyen-so", "Hoạt động chính quyền số", "Digital government activity", "chinh-quyen-so"),
    ind("ha-tang-so", "Hạ tầng số", "Digital infrastructure", "kinh-te-so"),
    ind("hoat-dong-kinh-te-so", "Hoạt động kinh tế số", "Digital economy activity", "kinh-te-so"),
    ind("nhan-luc-so", "Nhân lực số", "Digital human resources", "xa-hoi-so"),
    ind("hoat-dong-xa-hoi-so", "Hoạt động xã hội số", "Digital society activity", "xa-hoi-so"),
    ind("nhan-thuc-so", "Nhận thức số", "Digital awareness", ""),
    ind("an-toan-thong-tin", "An toàn thông tin mạng", "Cybersecurity", ""),
];

const MINISTRY_INDICATORS: [Indicator; 10] = [
    ind("nen-tang", "Nền tảng chuyển đổi số", "Foundations of digital transformation", ""),
    ind("hoat-dong", "Hoạt động chuyển đổi số", "Digital transformation activity", ""),
    ind("an-toan", "An toàn, an ninh mạng", "Cyber safety and security", ""),
    ind("nhan-thuc-so", "Nhận thức số", "Digital awareness", "nen-tang"),
    ind("the-che-so", "Thể chế số", "Digital institutions", "nen-tang"),
    ind("ha-tang-so", "Hạ tầng và nền tảng số", "Digital infrastructure and platforms", "nen-tang"),
    ind("dich-vu-cong", "Dịch vụ công trực tuyến", "Online public services", "hoat-dong"),
    ind("du-lieu-so", "Dữ liệu số", "Digital data", "hoat-dong"),
    ind("giam-sat-an-toan", "Giám sát an toàn thông tin", "Security monitoring", "an-toan"),
    ind("ung-cuu-su-co", "Ứng cứu sự cố", "Incident response", "an-toan"),
];

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

// ---------------------------------------------------------------------------------------------
// Text: sentences built from parallel Vietnamese / English phrases, so that each English file is
// a translation of its Vietnamese one.

type Pair = (&'static str, &'static str);

const SUBJECTS: [Pair; 12] = [
    ("Ủy ban nhân dân {P}", "the People's Committee of {P}"),
    ("Sở Khoa học và Công nghệ {P}", "the {P} Department of Science and Technology"),
    ("Hội đồng Thi đua - Khen thưởng {P}", "the {P} Emulation and Commendation Council"),
    ("Bộ Khoa học và Công nghệ", "the Ministry of Science and Technology"),
    ("mỗi xã, phường của {P}", "every commune and ward of {P}"),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh {P}", "the {P} Ho Chi Minh Communist Youth Union"),
    ("Hiệp hội doanh nghiệp công nghệ số {P}", "the {P} Digital Business Association"),
    ("tổ công nghệ số cộng đồng", "the community digital technology team"),
    ("Trung tâm Phục vụ hành chính công {P}", "the {P} Public Administration Service Centre"),
    ("Ban Chỉ đạo chuyển đổi số {P}", "the {P} Digital Transformation Steering Committee"),
    ("ngành giáo dục {P}", "the education sector of {P}"),
    ("Bưu điện {P}", "the {P} Post Office"),
];

const VERBS: [Pair; 12] = [
    ("đã triển khai", "has rolled out"),
    ("tiếp tục đẩy mạnh", "continues to step up"),
    ("vừa hoàn thành", "has just completed"),
    ("đang thí điểm", "is piloting"),
    ("đã ký kết thỏa thuận hợp tác về", "has signed a cooperation agreement on"),
    ("tổ chức tập huấn về", "held training on"),
    ("công bố kết quả đánh giá", "published its assessment of"),
    ("đặt mục tiêu hoàn thiện", "aims to complete"),
    ("bố trí kinh phí cho", "has allocated funds for"),
    ("phát động phong trào thi đua về", "launched an emulation campaign on"),
    ("kiểm tra việc vận hành", "inspected the operation of"),
    ("mở rộng", "has expanded"),
];

const OBJECTS: [Pair; 16] = [
    ("nền tảng dịch vụ công trực tuyến toàn trình", "the end-to-end online public service platform"),
    ("hệ thống thanh toán không dùng tiền mặt", "cashless payment systems"),
    ("kho dữ liệu dùng chung của địa phương", "the shared local data warehouse"),
    ("mạng cáp quang đến từng thôn, bản", "fibre-optic networks to every village"),
    ("phong trào Bình dân học vụ số", "the Digital Literacy for All movement"),
    ("ứng dụng định danh điện tử VNeID", "the VNeID electronic identity app"),
    ("hồ sơ sức khỏe điện tử", "electronic health records"),
    ("sàn thương mại điện tử cho nông sản", "e-commerce platforms for farm produce"),
    ("trung tâm điều hành đô thị thông minh", "the smart city operations centre"),
    ("chữ ký số cho cán bộ, công chức", "digital signatures for civil servants"),
    ("hệ thống giám sát an toàn thông tin mạng", "the cybersecurity monitoring system"),
    ("học bạ số tại các trường phổ thông", "digital school records in secondary schools"),
    ("cơ sở dữ liệu đất đai", "the land database"),
    ("hệ thống camera giám sát giao thông", "traffic camera networks"),
    ("các khóa học kỹ năng số trực tuyến", "online digital skills courses"),
    ("trợ lý ảo cho cán bộ cấp xã", "a virtual assistant for commune officials"),
];

const COMPLEMENTS: [Pair; 12] = [
    ("trong năm {Y}", "in {Y}"),
    ("cho người dân ở vùng sâu, vùng xa", "for people in remote areas"),
    ("với sự tham gia của hơn {N} hộ gia đình", "with more than {N} households taking part"),
    ("nhằm rút ngắn thời gian giải quyết thủ tục hành chính", "to shorten the time taken by administrative procedures"),
    ("theo kế hoạch của Ủy ban nhân dân tỉnh", "under the provincial People's Committee's plan"),
    (
        "góp phần nâng cao chỉ số chuyển đổi số của địa phương",
        "helping to raise the locality's digital transformation index",
    ),
    ("với tổng kinh phí khoảng {N} triệu đồng", "with a total budget of about {N} million dong"),
    ("và đạt {PCT}% so với mục tiêu đề ra", "and reached {PCT}% of its target"),
    ("trước thời hạn {M} tháng", "{M} months ahead of schedule"),
    ("dưới sự hướng dẫn của các chuyên gia", "with guidance from experts"),
    ("để phục vụ người dân và doanh nghiệp tốt hơn", "to serve residents and businesses better"),
    ("theo tinh thần Nghị quyết 57-NQ/TW", "in the spirit of Resolution 57-NQ/TW"),
];

const CONNECTORS: [Pair; 8] = [
    ("Theo báo cáo, ", "According to the report, "),
    ("Bên cạnh đó, ", "In addition, "),
    ("Đến nay, ", "So far, "),
    ("Trong quý vừa qua, ", "Over the past quarter, "),
    ("Cùng với đó, ", "At the same time, "),
    ("Đáng chú ý, ", "Notably, "),
    ("Theo lãnh đạo địa phương, ", "According to local leaders, "),
    ("Năm nay, ", "This year, "),
];

const HEADINGS: [Pair; 10] = [
    ("Kết quả nổi bật", "Highlights"),
    ("Những khó khăn, vướng mắc", "Difficulties and obstacles"),
    ("Nhiệm vụ thời gian tới", "Tasks ahead"),
    ("Số liệu chính", "Key figures"),
    ("Bài học kinh nghiệm", "Lessons learned"),
    ("Ý kiến người dân", "What residents say"),
    ("Bối cảnh", "Background"),
    ("Các bước tiếp theo", "Next steps"),
    ("Cách làm sáng tạo", "A new way of working"),
    ("Nguồn lực thực hiện", "Resources"),
];

const TITLE_VERBS: [Pair; 8] = [
    ("đẩy mạnh", "steps up"),
    ("hoàn thành", "completes"),
    ("thí điểm", "pilots"),
    ("mở rộng", "expands"),
    ("triển khai", "rolls out"),
    ("đánh giá", "reviews"),
    ("ra mắt", "launches"),
    ("tổng kết", "takes stock of"),
];

const TABLE_ROWS: [Pair; 8] = [
    ("Tỷ lệ hồ sơ trực tuyến toàn trình (%)", "End-to-end online applications (%)"),
    ("Tài khoản định danh điện tử đã kích hoạt", "Activated electronic identity accounts"),
    ("Thôn, bản có cáp quang", "Villages with fibre"),
    ("Người dân được tập huấn kỹ năng số", "Residents trained in digital skills"),
    ("Giao dịch không dùng tiền mặt (nghìn)", "Cashless transactions (thousands)"),
    ("Doanh nghiệp công nghệ số", "Digital technology firms"),
    ("Hồ sơ sức khỏe điện tử (nghìn)", "Electronic health records (thousands)"),
    ("Sự cố an toàn thông tin được xử lý", "Security incidents handled"),
];

/// The tag vocabulary.
const TAGS: [Pair; 60] = [
    ("chuyển đổi số", "digital transformation"),
    ("chính quyền số", "digital government"),
    ("kinh tế số", "digital economy"),
    ("xã hội số", "digital society"),
    ("dịch vụ công trực tuyến", "online public services"),
    ("Bình dân học vụ số", "Digital Literacy for All"),
    ("an toàn thông tin", "cybersecurity"),
    ("hạ tầng số", "digital infrastructure"),
    ("dữ liệu số", "digital data"),
    ("đổi mới sáng tạo", "innovation"),
    ("phong trào thi đua", "emulation movement"),
    ("điển hình tiên tiến", "exemplary models"),
    ("DTI", "DTI"),
    ("xếp hạng", "rankings"),
    ("cải cách hành chính", "administrative reform"),
    ("thanh toán số", "digital payments"),
    ("thương mại điện tử", "e-commerce"),
    ("nông nghiệp số", "digital agriculture"),
    ("y tế số", "digital health"),
    ("giáo dục số", "digital education"),
    ("du lịch thông minh", "smart tourism"),
    ("đô thị thông minh", "smart cities"),
    ("định danh điện tử", "electronic identity"),
    ("VNeID", "VNeID"),
    ("chữ ký số", "digital signatures"),
    ("điện toán đám mây", "cloud computing"),
    ("trí tuệ nhân tạo", "artificial intelligence"),
    ("dữ liệu mở", "open data"),
    ("cơ sở dữ liệu quốc gia", "national databases"),
    ("5G", "5G"),
    ("cáp quang", "fibre optics"),
    ("nhân lực số", "digital workforce"),
    ("kỹ năng số", "digital skills"),
    ("doanh nghiệp công nghệ", "tech companies"),
    ("khởi nghiệp", "start-ups"),
    ("Nghị quyết 57", "Resolution 57"),
    ("sắp xếp đơn vị hành chính", "administrative reorganisation"),
    ("cấp xã", "commune level"),
    ("cấp tỉnh", "provincial level"),
    ("bộ, ngành", "ministries"),
    ("tổ công nghệ số cộng đồng", "community digital teams"),
    ("thanh niên", "youth"),
    ("phụ nữ", "women"),
    ("người cao tuổi", "older people"),
    ("vùng sâu, vùng xa", "remote areas"),
    ("dân tộc thiểu số", "ethnic minorities"),
    ("an ninh mạng", "cyber security"),
    ("hợp tác quốc tế", "international cooperation"),
    ("khen thưởng", "awards"),
    ("hội nghị", "conferences"),
    ("văn bản", "documents"),
    ("kế hoạch", "plans"),
    ("sơ kết", "interim reviews"),
    ("tổng kết", "annual reviews"),
    ("ngân sách", "budget"),
    ("đầu tư công", "public investment"),
    ("hệ thống thông tin", "information systems"),
    ("phần mềm nguồn mở", "open-source software"),
    ("bưu chính", "postal services"),
    ("truyền thông", "communications"),
];

const SURNAMES: &str = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô";
const MIDDLE: &str = "Văn Thị Minh Thanh Đức Hữu Ngọc Quang Thu Hoài";
const GIVEN: &str = "\
    An Bình Cường Dũng Giang Hà Hải Hạnh Hùng Hương Khoa Lan Linh Long Mai Nam Nga Phong Phương Quân Sơn \
    Tâm Thảo Tuấn";

/// One sentence, as choices that render in either language.
struct Sentence {
    conn: Option<usize>,
    subj: usize,
    verb: usize,
    obj: usize,
    compl: usize,
    place: usize,
    year: i32,
    n: u64,
    pct: f64,
    months: u32,
}

impl Sentence {
    fn new(rng: &mut Rng, place: usize, year: i32) -> Sentence {
        Sentence {
            conn: rng.chance(0.4).then(|| rng.below(CONNECTORS.len())),
            subj: rng.below(SUBJECTS.len()),
            verb: rng.below(VERBS.len()),
            obj: rng.below(OBJECTS.len()),
            compl: rng.below(COMPLEMENTS.len()),
            place,
            year,
            n: 50 * rng.range(2, 900) as u64,
            pct: 60.0 + rng.below(400) as f64 / 10.0,
            months: rng.range(1, 6) as u32,
        }
    }

    fn render(&self, lang: Lang, places: &[(String, String)], out: &mut String) {
        let pick = |p: &Pair| if lang == Lang::Vi { p.0 } else { p.1 };
        let place = if lang == Lang::Vi { &places[self.place].0 } else { &places[self.place].1 };
        let fill = |s: &str| {
            s.replace("{P}", place)
                .replace("{Y}", &self.year.to_string())
                .replace("{N}", &int(self.n, lang))
                .replace("{PCT}", &dec1(self.pct, lang))
                .replace("{M}", &self.months.to_string())
        };
        let body = format!(
            "{} {} {} {}",
            fill(pick(&SUBJECTS[self.subj])),
            pick(&VERBS[self.verb]),
            pick(&OBJECTS[self.obj]),
            fill(pick(&COMPLEMENTS[self.compl]))
        );
        match self.conn {
            Some(c) => {
                out.push_str(pick(&CONNECTORS[c]));
                out.push_str(&body);
            }
            None => out.push_str(&upper_first(&body)),
        }
        out.push('.');
    }

    fn words(&self, places: &[(String, String)]) -> usize {
        let mut s = String::new();
        self.render(Lang::Vi, places, &mut s);
        s.split_whitespace().count()
    }
}

enum Block {
    Para(Vec<Sentence>),
    Heading(usize),
    List {
        ordered: bool,
        items: Vec<(usize, f64)>,
    },
    Table {
        year: i32,
        rows: Vec<(usize, u64, u64)>,
    },
    /// "See also" links to other articles (positions).
    Links(Vec<usize>),
    More,
    Shortcode(String),
}

fn paragraph(rng: &mut Rng, place: usize, year: i32, words: &mut usize, places: &[(String, String)]) -> Block {
    let n = rng.range(2, 5) as usize;
    let s: Vec<Sentence> = (0..n).map(|_| Sentence::new(rng, place, year)).collect();
    *words += s.iter().map(|x| x.words(places)).sum::<usize>();
    Block::Para(s)
}

/// What an article or model says about other articles, to name them in links.
struct Titles<'a> {
    slugs: &'a [String],
    titles: &'a [(String, String)],
}

fn render_blocks(blocks: &[Block], lang: Lang, places: &[(String, String)], titles: &Titles) -> String {
    let pick = |p: &Pair| if lang == Lang::Vi { p.0 } else { p.1 };
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Para(sentences) => {
                for (i, s) in sentences.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    s.render(lang, places, &mut out);
                }
                out.push_str("\n\n");
            }
            Block::Heading(h) => {
                let _ = write!(out, "## {}\n\n", pick(&HEADINGS[*h]));
            }
            Block::List { ordered, items } => {
                for (i, (obj, pct)) in items.iter().enumerate() {
                    let mark = if *ordered { format!("{}.", i + 1) } else { "-".to_string() };
                    let what = upper_first(pick(&OBJECTS[*obj]));
                    let done = if lang == Lang::Vi { "hoàn thành" } else { "complete" };
                    let _ = writeln!(out, "{mark} {what}: {done} **{}%**", dec1(*pct, lang));
                }
                out.push('\n');
            }
            Block::Table { year, rows } => {
                let head = if lang == Lang::Vi { "Chỉ tiêu" } else { "Indicator" };
                let _ = writeln!(out, "| {head} | {} | {} |", year - 1, year);
                out.push_str("|---|---:|---:|\n");
                for (r, a, b) in rows {
                    let _ = writeln!(out, "| {} | {} | {} |", pick(&TABLE_ROWS[*r]), int(*a, lang), int(*b, lang));
                }
                out.push('\n');
            }
            Block::Links(targets) => {
                out.push_str(if lang == Lang::Vi { "Xem thêm: " } else { "See also: " });
                for (i, &t) in targets.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    let title = if lang == Lang::Vi { &titles.titles[t].0 } else { &titles.titles[t].1 };
                    let _ = write!(out, "[{}](@/news/{}.md)", title.replace(['[', ']'], ""), titles.slugs[t]);
                }
                out.push_str(".\n\n");
            }
            Block::More => out.push_str("<!-- more -->\n\n"),
            Block::Shortcode(s) => {
                let _ = write!(out, "{s}\n\n");
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// News.

struct Plan {
    slug: String,
    date: Date,
    place: usize,
    title: (String, String),
    description: (String, String),
}

fn news_plans(n: usize, places: &[(String, String)], seed: u64) -> Vec<Plan> {
    let mut rng = Rng::new(seed, 10);
    let first_year = 2019;
    let span_days = 365 * 7 + 300; // 2019-01-01 .. 2026-10
    let mut slugs = BTreeSet::new();
    (0..n)
        .map(|i| {
            let day = ((i as u64 * span_days as u64) / n.max(1) as u64) as u32 + rng.below(3) as u32;
            let date = Date::from_day(first_year, day.min(span_days - 1));
            let place = rng.below(places.len());
            let verb = rng.below(TITLE_VERBS.len());
            let obj = rng.below(OBJECTS.len());
            let title_vi = format!("{} {} {}", places[place].0, TITLE_VERBS[verb].0, OBJECTS[obj].0);
            let title_en = format!("{} {} {}", places[place].1, TITLE_VERBS[verb].1, OBJECTS[obj].1);
            let compl = rng.below(COMPLEMENTS.len());
            let desc = |lang: Lang| {
                let s = Sentence {
                    conn: None,
                    subj: 0,
                    verb: verb % VERBS.len(),
                    obj,
                    compl,
                    place,
                    year: date.y,
                    n: 1000,
                    pct: 90.0,
                    months: 2,
                };
                let mut out = String::new();
                s.render(lang, places, &mut out);
                out
            };
            let base: String = slugify(&title_vi).split('-').take(7).collect::<Vec<_>>().join("-");
            let mut slug = format!("{}-{base}", date.iso());
            if !slugs.insert(slug.clone()) {
                slug = format!("{slug}-{i}");
                slugs.insert(slug.clone());
            }
            Plan { slug, place, title: (title_vi, title_en), description: (desc(Lang::Vi), desc(Lang::En)), date }
        })
        .collect()
}

fn news_blocks(
    rng: &mut Rng,
    i: usize,
    n: usize,
    plan: &Plan,
    places: &[(String, String)],
    shortcode: Option<String>,
) -> Vec<Block> {
    let target = rng.range(300, 950) as usize;
    let mut words = 0;
    let year = plan.date.y;
    let mut blocks = vec![paragraph(rng, plan.place, year, &mut words, places)];
    if rng.chance(0.33) {
        blocks.push(Block::More);
    }
    blocks.push(paragraph(rng, plan.place, year, &mut words, places));
    let mut headings = rng.distinct(HEADINGS.len(), HEADINGS.len()).into_iter();
    let (mut list, mut table, mut links, mut sc) = (false, false, false, shortcode);
    let mut sections = 0;
    while words < target || !(list && table && links) || sections < 2 {
        let Some(h) = headings.next() else { break };
        sections += 1;
        blocks.push(Block::Heading(h));
        blocks.push(paragraph(rng, plan.place, year, &mut words, places));
        match sections {
            1 if !list => {
                let k = rng.range(3, 6) as usize;
                let items = rng
                    .distinct(k, OBJECTS.len())
                    .into_iter()
                    .map(|o| (o, 40.0 + rng.below(600) as f64 / 10.0))
                    .collect::<Vec<_>>();
                words += items.len() * 8;
                blocks.push(Block::List { ordered: rng.chance(0.3), items });
                list = true;
            }
            2 if !table => {
                let k = rng.range(3, 5) as usize;
                let rows = rng
                    .distinct(k, TABLE_ROWS.len())
                    .into_iter()
                    .map(|r| {
                        let a = rng.range(100, 90_000) as u64;
                        (r, a, a + rng.range(0, 20_000) as u64)
                    })
                    .collect::<Vec<_>>();
                words += rows.len() * 8;
                blocks.push(Block::Table { year, rows });
                table = true;
            }
            _ => {
                if let Some(s) = sc.take() {
                    blocks.push(Block::Shortcode(s));
                } else if rng.chance(0.5) {
                    blocks.push(paragraph(rng, plan.place, year, &mut words, places));
                }
            }
        }
        if sections >= 2 && !links {
            if n > 1 {
                let k = rng.range(1, 3) as usize;
                let mut targets: Vec<usize> = rng.distinct(k, n).into_iter().filter(|&t| t != i).collect();
                if targets.is_empty() {
                    targets.push((i + 1) % n);
                }
                blocks.push(Block::Links(targets));
            }
            links = true;
        }
    }
    if let Some(s) = sc {
        blocks.push(Block::Shortcode(s));
    }
    blocks
}

#[allow(clippy::too_many_arguments)]
fn write_news(
    out: &mut Out,
    n: usize,
    places: &[(String, String)],
    place_units: &[String],
    communes: &[String],
    shortcodes: &[String],
    seed: u64,
) -> std::io::Result<usize> {
    let plans = news_plans(n, places, seed);
    let slugs: Vec<String> = plans.iter().map(|p| p.slug.clone()).collect();
    let titles: Vec<(String, String)> = plans.iter().map(|p| p.title.clone()).collect();
    let names = Titles { slugs: &slugs, titles: &titles };
    let mut rng = Rng::new(seed, 11);
    let mut words_total = 0;
    for (i, plan) in plans.iter().enumerate() {
        let shortcode =
            (!shortcodes.is_empty() && i % 50 == 25).then(|| shortcodes[(i / 50) % shortcodes.len()].clone());
        let blocks = news_blocks(&mut rng, i, n, plan, places, shortcode);
        let k = rng.range(2, 5) as usize;
        let tags: Vec<usize> = rng.distinct(k, TAGS.len());
        let mut units = Vec::new();
        if rng.chance(0.7) {
            units.push(place_units[plan.place].clone());
        }
        if !communes.is_empty() && rng.chance(0.2) {
            units.push(rng.pick(communes).clone());
        }
        units.dedup();
        let tags_vi: Vec<String> = tags.iter().map(|&t| TAGS[t].0.to_string()).collect();
        let tags_en: Vec<String> = tags.iter().map(|&t| TAGS[t].1.to_string()).collect();
        let vi_body = render_blocks(&blocks, Lang::Vi, places, &names);
        words_total += vi_body.split_whitespace().count();
        let vi = format!(
            "+++\ntitle = {}\ndate = {}\ndescription = {}\ntags = {}\nunits = {}\n+++\n\n{}",
            q(&plan.title.0),
            plan.date.iso(),
            q(&plan.description.0),
            q_list(&tags_vi),
            q_list(&units),
            vi_body
        );
        let en = format!(
            "---\ntitle: {}\ndate: {}\ndescription: {}\ntags: {}\nunits: {}\n---\n\n{}",
            q(&plan.title.1),
            q(&plan.date.iso()),
            q(&plan.description.1),
            q_list(&tags_en),
            q_list(&units),
            render_blocks(&blocks, Lang::En, places, &names)
        );
        out.write(&format!("content/news/{}.md", plan.slug), &vi)?;
        out.write(&format!("content/news/{}.en.md", plan.slug), &en)?;
    }
    Ok(words_total)
}

// ---------------------------------------------------------------------------------------------
// Exemplary models, movement pages, home.

const CONTENTS: [(&str, &str, &str); 7] = [
    ("awareness", "nhận thức, tư duy về chuyển đổi số", "awareness and thinking"),
    ("infrastructure", "hạ tầng số", "digital infrastructure"),
    ("digital-government", "chính quyền số và cải cách hành chính", "digital government and administrative reform"),
    ("digital-economy", "kinh tế số", "the digital economy"),
    ("digital-society", "xã hội số và Bình dân học vụ số", "digital society and digital literacy"),
    ("security", "an ninh mạng", "cyber security"),
    ("international", "hợp tác quốc tế", "international cooperation"),
];

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

fn write_models(out: &mut Out, count: usize, units: &Units, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng::new(seed, 20);
    let all = &units.all;
    let [surnames, middle, given]: [Vec<&str>; 3] = [SURNAMES, MIDDLE, GIVEN].map(|s| s.split(' ').collect());
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
        let content = i % CONTENTS.len();
        let (ckey, cvi, cen) = CONTENTS[(content + rng.below(2)) % CONTENTS.len()];
        let award = weighted(&mut rng, if is_ministry { &AWARDS_FOR_MINISTRY } else { &AWARDS_FOR_LOCAL });
        let year = if rng.chance(0.55) { 2025 } else { 2026 };
        let date = Date::from_day(year, if year == 2026 { rng.below(300) as u32 } else { 100 + rng.below(260) as u32 });
        let individual = rng.chance(0.35);
        let person_vi = if individual {
            format!("{} {} {}", rng.pick(&surnames), rng.pick(&middle), rng.pick(&given))
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
        blocks.push(Block::Heading(rng.below(HEADINGS.len())));
        blocks.push(paragraph(&mut rng, 0, year, &mut words, &places));
        let k = rng.range(3, 5) as usize;
        let items =
            rng.distinct(k, OBJECTS.len()).into_iter().map(|o| (o, 70.0 + rng.below(300) as f64 / 10.0)).collect();
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

const MOVEMENT: [(&str, &str, &str); 9] = [
    ("awareness", "Nhận thức, tư duy", "Awareness and thinking"),
    ("infrastructure", "Hạ tầng số", "Digital infrastructure"),
    ("digital-government", "Chính quyền số, cải cách hành chính", "Digital government, administrative reform"),
    ("digital-economy", "Kinh tế số", "Digital economy"),
    ("digital-society", "Xã hội số", "Digital society"),
    ("security", "Quốc phòng, an ninh mạng", "Defence and cyber security"),
    ("international", "Hợp tác quốc tế", "International cooperation"),
    ("phase-1", "Giai đoạn 1 (2025–2027)", "Phase 1 (2025–2027)"),
    ("phase-2", "Giai đoạn 2 (2027–2030)", "Phase 2 (2027–2030)"),
];

fn simple_page(rng: &mut Rng, places: &[(String, String)], paras: usize) -> Vec<Block> {
    let mut words = 0;
    let mut blocks = Vec::new();
    for k in 0..paras {
        if k == 1 {
            blocks.push(Block::Heading(rng.below(HEADINGS.len())));
        }
        let place = rng.below(places.len());
        blocks.push(paragraph(rng, place, 2025, &mut words, places));
    }
    blocks
}

fn write_pages(out: &mut Out, places: &[(String, String)], news_only: bool, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng::new(seed, 30);
    let none = Titles { slugs: &[], titles: &[] };
    let home = simple_page(&mut rng, places, 2);
    out.write(
        "content/_index.md",
        &format!(
            "+++\ntitle = \"Minh bạch chuyển đổi số (dữ liệu thử)\"\n+++\n\n{}",
            render_blocks(&home, Lang::Vi, places, &none)
        ),
    )?;
    out.write(
        "content/_index.en.md",
        &format!(
            "+++\ntitle = \"Digital transformation, in the open (test data)\"\n+++\n\n{}",
            render_blocks(&home, Lang::En, places, &none)
        ),
    )?;
    if news_only {
        return Ok(());
    }
    let about = simple_page(&mut rng, places, 4);
    out.write(
        "content/pages/gioi-thieu.md",
        &format!(
            "+++\ntitle = \"Giới thiệu\"\ndescription = \"Về bộ dữ liệu thử này.\"\n+++\n\n{}",
            render_blocks(&about, Lang::Vi, places, &none)
        ),
    )?;
    out.write(
        "content/pages/gioi-thieu.en.md",
        &format!(
            "+++\ntitle = \"About\"\ndescription = \"About this test corpus.\"\n+++\n\n{}",
            render_blocks(&about, Lang::En, places, &none)
        ),
    )?;
    for (key, vi, en) in MOVEMENT {
        let blocks = simple_page(&mut rng, places, 3);
        out.write(
            &format!("content/movement/{key}.md"),
            &format!(
                "+++\ntitle = {}\ndescription = {}\n+++\n\n{}",
                q(vi),
                q(&format!("{vi}: nội dung của phong trào.")),
                render_blocks(&blocks, Lang::Vi, places, &none)
            ),
        )?;
        out.write(
            &format!("content/movement/{key}.en.md"),
            &format!(
                "+++\ntitle = {}\ndescription = {}\n+++\n\n{}",
                q(en),
                q(&format!("{en}: part of the movement.")),
                render_blocks(&blocks, Lang::En, places, &none)
            ),
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------

const SITE_TOML: &str = r#"# Generated by minhbach-corpus for the benchmark: not real data.
title_vi = "Minh bạch chuyển đổi số (dữ liệu thử)"
title_en = "Digital transformation, in the open (test data)"
description_vi = "Bộ dữ liệu sinh tự động ở quy mô cả nước để đo hiệu năng của minhbach."
description_en = "A generated national-scale corpus to measure minhbach's performance."
base_url = "https://example.gov.vn/"
theme = "default"
allow_html = false
"#;

fn run(args: &Args) -> Result<String, String> {
    if args.out.exists() {
        let empty = std::fs::read_dir(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?.next().is_none();
        if !empty {
            return Err(format!("{} is not empty; give a new or empty folder", args.out.display()));
        }
    }
    let text = match &args.units {
        Some(p) => std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?,
        None => REAL_UNITS.to_string(),
    };
    let file_units = read_units(&text).map_err(|e| format!("units: {e}"))?;
    if !file_units.iter().any(|u| u.get("kind") == "province" && u.current()) {
        return Err("the units file has no current province".into());
    }
    let mut out = Out { root: args.out.clone(), files: 0, bytes: 0 };
    let io = |e: std::io::Error| format!("{}: {e}", args.out.display());
    out.write("site.toml", SITE_TOML).map_err(io)?;
    // The places articles talk about: every province (by its current name), whatever the mode.
    let provinces: Vec<&Unit> = file_units.iter().filter(|u| u.get("kind") == "province").collect();
    let places: Vec<(String, String)> =
        provinces.iter().map(|u| (u.name(Lang::Vi).to_string(), u.name(Lang::En).to_string())).collect();
    let words;
    if args.news_only {
        let p = provinces.iter().find(|u| u.current()).expect("checked above");
        let mut one = (*p).clone();
        for col in ["former_codes", "valid_from", "valid_to", "successor", "aliases"] {
            one.set(col, "");
        }
        out.write("data/units.csv", &units_csv(std::slice::from_ref(&one))).map_err(io)?;
        // Articles are about the one province when they name a unit at all.
        let ids: Vec<String> = provinces.iter().map(|_| one.id().to_string()).collect();
        words = write_news(&mut out, args.news, &places, &ids, &[], &[], args.seed).map_err(io)?;
        write_pages(&mut out, &places, true, args.seed).map_err(io)?;
    } else {
        let units = build_units(&file_units, args.communes, args.seed);
        out.write("data/units.csv", &units_csv(&units.all)).map_err(io)?;
        let all = &units.all;
        let current = units.current_provinces.clone();
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
            indicators: &PROVINCE_INDICATORS,
            editions,
        };
        write_index(&mut out, &provincial, all, args.seed, 100).map_err(io)?;
        let ministerial = IndexSpec {
            key: "dti-bo",
            name: ("Chỉ số chuyển đổi số cấp bộ (DTI)", "Ministerial Digital Transformation Index (DTI)"),
            short: ("DTI cấp bộ", "Ministerial DTI"),
            publisher: ("Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"),
            unit_kind: "ministry",
            order: 2,
            max: 1.0,
            decimals: 4,
            indicators: &MINISTRY_INDICATORS,
            editions: (2020..=2024).map(|y| (y.to_string(), y, units.ministries.clone(), y >= 2021)).collect(),
        };
        write_index(&mut out, &ministerial, all, args.seed, 101).map_err(io)?;
        let communal = IndexSpec {
            key: "dti-xa",
            name: ("Chỉ số chuyển đổi số cấp xã", "Commune Digital Transformation Index"),
            short: ("DTI cấp xã", "Commune DTI"),
            publisher: ("Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"),
            unit_kind: "commune",
            order: 3,
            max: 100.0,
            decimals: 2,
            indicators: &COMMUNE_INDICATORS,
            editions: (2021..=2025).map(|y| (y.to_string(), y, units.communes.clone(), y >= 2022)).collect(),
        };
        write_index(&mut out, &communal, all, args.seed, 102).map_err(io)?;
        let place_ids: Vec<String> = provinces
            .iter()
            .map(|u| if u.current() { u.id().to_string() } else { u.get("successor").to_string() })
            .map(|id| if all.iter().any(|x| x.id() == id) { id } else { all[current[0]].id().to_string() })
            .collect();
        let communes: Vec<String> = units.communes.iter().map(|&c| all[c].id().to_string()).collect();
        let shortcodes = vec![
            r#"{{ ranking(index="dti-tinh", edition="2024", top=5) }}"#.to_string(),
            r#"{{ ranking(index="dti-xa", edition="2025", top=5) }}"#.to_string(),
            r#"{{ ranking(index="dti-bo", edition="2023", top=5) }}"#.to_string(),
        ];
        words = write_news(&mut out, args.news, &places, &place_ids, &communes, &shortcodes, args.seed).map_err(io)?;
        write_models(&mut out, args.models, &units, args.seed).map_err(io)?;
        write_pages(&mut out, &places, false, args.seed).map_err(io)?;
    }
    Ok(format!(
        "wrote {} files ({:.1} MB) into {}: {} news articles × 2 languages ({} Vietnamese words){}",
        out.files,
        out.bytes as f64 / 1e6,
        args.out.display(),
        args.news,
        words,
        if args.news_only {
            ", news only".to_string()
        } else {
            format!(", {} models × 2, {} communes", args.models, args.communes)
        }
    ))
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(msg) => {
            println!("{msg}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("minhbach-corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
