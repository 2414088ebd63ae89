//! Small text helpers shared by every part: the two languages, folding Vietnamese to ASCII,
//! slugs, TOML / YAML quoting, numbers in each language's style and calendar dates.

use unicode_normalization::UnicodeNormalization;

/// The language of a file.
#[derive(Clone, Copy, PartialEq)]
pub enum Lang {
    Vi,
    En,
}

/// Vietnamese without its tones and marks: `Đà Nẵng` → `Da Nang`.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

pub fn slugify(s: &str) -> String {
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
pub fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

pub fn q_list(v: &[String]) -> String {
    format!("[{}]", v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", "))
}

pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A whole number with thousands separators: `12.500` in Vietnamese, `12,500` in English.
pub fn int(n: u64, lang: Lang) -> String {
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
pub fn dec1(x: f64, lang: Lang) -> String {
    let s = format!("{x:.1}");
    if lang == Lang::Vi {
        s.replace('.', ",")
    } else {
        s
    }
}

/// A calendar date.
pub struct Date {
    pub y: i32,
    pub m: u32,
    pub d: u32,
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
    pub fn from_day(y: i32, mut n: u32) -> Date {
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
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}
