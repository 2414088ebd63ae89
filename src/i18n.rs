//! The two languages: which one a page is in, text in both, numbers and dates written the way
//! each language writes them, Vietnamese alphabetical order, and the theme's UI strings.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::diag::{Diagnostic, Diagnostics};

/// A page language. Vietnamese is the default and lives at the root; English under `/en/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Lang {
    /// Vietnamese, the language of the site at its root.
    #[serde(rename = "vi")]
    Vi,
    /// English, below `en/`.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Both languages, Vietnamese first: the order pages are rendered in.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// Its BCP 47 code (`vi`, `en`), as in `lang` attributes and file names (`x.en.md`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// 0 for Vietnamese, 1 for English: a position in per-language arrays.
    pub fn index(self) -> usize {
        match self {
            Lang::Vi => 0,
            Lang::En => 1,
        }
    }

    /// The language it is not: where a missing translation falls back to.
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }
}

/// A text written in both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Text {
    /// The Vietnamese words.
    pub vi: String,
    /// The English words.
    pub en: String,
}

impl Text {
    /// The same thing said in Vietnamese and in English.
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Text { vi: vi.into(), en: en.into() }
    }

    /// The text in `lang`, or the other language's when this one is empty.
    pub fn get(&self, lang: Lang) -> &str {
        let (want, other) = match lang {
            Lang::Vi => (&self.vi, &self.en),
            Lang::En => (&self.en, &self.vi),
        };
        if want.is_empty() {
            other
        } else {
            want
        }
    }
}

/// The Vietnamese alphabet in order; letters not in it sort after, by code point.
const VI_ALPHABET: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

/// Tone marks in dictionary order: none, grave, hook, tilde, acute, dot below.
fn tone_rank(c: char) -> Option<u32> {
    match c {
        '\u{300}' => Some(1), // huyền
        '\u{309}' => Some(2), // hỏi
        '\u{303}' => Some(3), // ngã
        '\u{301}' => Some(4), // sắc
        '\u{323}' => Some(5), // nặng
        _ => None,
    }
}

/// A key that sorts Vietnamese names the way a Vietnamese dictionary does: by letters of the
/// Vietnamese alphabet first (a ă â b c d đ e ê …), then by tones, then by case.
pub(crate) fn vi_sort_key(s: &str) -> (Vec<u32>, Vec<u32>, String) {
    let mut letters = Vec::new();
    let mut tones = Vec::new();
    let lower = s.to_lowercase();
    let decomposed: Vec<char> = lower.nfd().collect();
    let mut i = 0;
    while i < decomposed.len() {
        let base = decomposed[i];
        let mut letter = base;
        let mut tone = 0;
        let mut j = i + 1;
        while j < decomposed.len() {
            let m = decomposed[j];
            match m {
                '\u{306}' if base == 'a' => letter = 'ă',
                '\u{302}' if matches!(base, 'a' | 'e' | 'o') => {
                    letter = match base {
                        'a' => 'â',
                        'e' => 'ê',
                        _ => 'ô',
                    }
                }
                '\u{31b}' if matches!(base, 'o' | 'u') => letter = if base == 'o' { 'ơ' } else { 'ư' },
                _ => match tone_rank(m) {
                    Some(t) => tone = t,
                    None => break,
                },
            }
            j += 1;
        }
        let weight = match VI_ALPHABET.chars().position(|c| c == letter) {
            Some(p) => 0x10000 + p as u32,
            None if letter.is_alphanumeric() => 0x20000 + letter as u32,
            // Spaces and punctuation sort before letters, so "Hà Nam" comes before "Hà Nội".
            None => letter as u32,
        };
        letters.push(weight);
        tones.push(tone);
        i = j;
    }
    (letters, tones, s.to_string())
}

/// Compares two names in Vietnamese alphabetical order.
pub(crate) fn vi_cmp(a: &str, b: &str) -> Ordering {
    vi_sort_key(a).cmp(&vi_sort_key(b))
}

/// Folds a text for search and matching: no tones, `đ` → `d`, lower case.
/// Char by char (ASCII passes straight through), as lower case, decomposed, without the
/// combining marks U+0300–U+036F.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for l in c.to_lowercase() {
            if l == 'đ' {
                out.push('d');
                continue;
            }
            unicode_normalization::char::decompose_canonical(l, |d| {
                if !('\u{300}'..='\u{36f}').contains(&d) {
                    out.push(d);
                }
            });
        }
    }
    out
}

/// The theme's UI strings for both languages, complete: a key missing in one language falls
/// back to the other, with a warning.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    /// Vietnamese strings by key (`i18n/vi.toml`).
    pub vi: BTreeMap<String, String>,
    /// English strings by key (`i18n/en.toml`).
    pub en: BTreeMap<String, String>,
}

impl Strings {
    /// Merges both tables so that each has every key, warning about each gap.
    pub fn complete(
        mut vi: BTreeMap<String, String>,
        mut en: BTreeMap<String, String>,
        files: (&str, &str),
        used: &[String],
        diags: &mut Diagnostics,
    ) -> Strings {
        let keys: Vec<String> = vi.keys().chain(en.keys()).chain(used.iter()).cloned().collect();
        for key in keys {
            let (v, e) = (vi.get(&key).cloned(), en.get(&key).cloned());
            match (v, e) {
                (Some(_), Some(_)) => {}
                (Some(v), None) => {
                    diags.push(missing(files.1, &key, crate::tr!("the Vietnamese text is used")));
                    en.insert(key, v);
                }
                (None, Some(e)) => {
                    diags.push(missing(files.0, &key, crate::tr!("the English text is used")));
                    vi.insert(key, e);
                }
                (None, None) => {
                    diags.push(missing(files.0, &key, crate::tr!("the key itself is shown")));
                    diags.push(missing(files.1, &key, crate::tr!("the key itself is shown")));
                    vi.insert(key.clone(), key.clone());
                    en.insert(key.clone(), key);
                }
            }
        }
        Strings { vi, en }
    }

    /// The strings of one language, by key.
    pub fn table(&self, lang: Lang) -> &BTreeMap<String, String> {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// One string; the key itself when unknown (tables are completed at load, so this is rare).
    pub fn get<'a>(&'a self, lang: Lang, key: &'a str) -> &'a str {
        self.lookup(lang, key).unwrap_or(key)
    }

    /// One string in `lang`, else in the other language; `None` when neither has the key.
    pub fn lookup(&self, lang: Lang, key: &str) -> Option<&str> {
        self.table(lang).get(key).or_else(|| self.table(lang.other()).get(key)).map(String::as_str)
    }
}

fn missing(file: &str, key: &str, fallback: crate::diag::Text) -> Diagnostic {
    Diagnostic::warning(file, None, crate::tr!("UI string `{key}` is missing; {fallback}", key, fallback))
        .hint(crate::tr!("add a line `{key} = \"…\"` to {file}", key, file))
}

/// `pattern` with each `{name}` of `values` replaced by its value, in one pass: a value is
/// never read again, so a name with braces in it stays as it is. Unknown `{…}` stay too.
pub(crate) fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        match values.iter().find(|(k, _)| tail.strip_prefix(k).is_some_and(|t| t.starts_with('}'))) {
            Some((k, v)) => {
                out.push_str(v);
                rest = &tail[k.len() + 1..];
            }
            None => {
                out.push('{');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_once() {
        let v = [("unit", "{year}"), ("year", "2024")];
        assert_eq!(fill("{unit} năm {year} {other} {", &v), "{year} năm 2024 {other} {");
        assert_eq!(fill("", &v), "");
    }

    #[test]
    fn vietnamese_alphabetical_order() {
        let mut names =
            vec!["Đồng Nai", "Điện Biên", "Dak", "Đà Nẵng", "Cà Mau", "Ân", "An Giang", "Ăn", "Bắc Ninh", "Bà Rịa"];
        names.sort_by(|a, b| vi_cmp(a, b));
        assert_eq!(
            names,
            vec!["An Giang", "Ăn", "Ân", "Bà Rịa", "Bắc Ninh", "Cà Mau", "Dak", "Đà Nẵng", "Điện Biên", "Đồng Nai"]
        );
    }

    #[test]
    fn tones_break_ties_after_letters() {
        let mut names = vec!["Hà Nội", "Hà Nam", "Hà Giang", "Hải Phòng", "Hà Tĩnh"];
        names.sort_by(|a, b| vi_cmp(a, b));
        assert_eq!(names, vec!["Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Phòng"]);
        assert_eq!(vi_cmp("ma", "mà"), Ordering::Less);
        assert_eq!(vi_cmp("mà", "mả"), Ordering::Less);
        assert_eq!(vi_cmp("Ơ", "Ô"), Ordering::Greater);
    }

    #[test]
    fn folding_removes_tones_and_d_stroke() {
        assert_eq!(fold("Đà Nẵng"), "da nang");
        assert_eq!(fold("Thừa Thiên Huế"), "thua thien hue");
        for text in ["Ủy ban nhân dân TỈNH QUẢNG NGÃI", "Đắk Lắk – Ðồng Tháp", "ǅemal Ωmega café"]
        {
            let slow: String = text
                .to_lowercase()
                .nfd()
                .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
                .map(|c| if c == 'đ' { 'd' } else { c })
                .collect();
            assert_eq!(fold(text), slow, "{text}");
        }
    }

    #[test]
    fn missing_strings_fall_back_with_a_warning() {
        let vi = BTreeMap::from([("a".to_string(), "A vi".to_string())]);
        let en = BTreeMap::from([("b".to_string(), "B en".to_string())]);
        let mut diags = Diagnostics::default();
        let s = Strings::complete(vi, en, ("vi.toml", "en.toml"), &["c".to_string()], &mut diags);
        assert_eq!(s.get(Lang::En, "a"), "A vi");
        assert_eq!(s.get(Lang::Vi, "b"), "B en");
        assert_eq!(s.get(Lang::Vi, "c"), "c");
        assert!(!diags.has_errors());
        assert_eq!(diags.sorted().len(), 4);
    }
}
