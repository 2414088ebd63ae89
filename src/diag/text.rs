//! A problem's words in the reader's language: an English template (which is also the key of
//! its translation, as in gettext) with named values, turned into Vietnamese through the
//! catalogue built into the binary (`messages.vi.toml`). The language is chosen once for the
//! whole run (`--lang`, else the system's `LANG`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

/// The language messages are printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// English, the language of the templates in the source.
    English,
    /// Vietnamese, from the catalogue.
    Vietnamese,
}

impl Language {
    /// The language a locale names (`vi_VN.UTF-8`, `vi`, `en_US`): Vietnamese for `vi…`,
    /// English otherwise.
    pub fn from_locale(locale: &str) -> Language {
        if locale.trim().to_ascii_lowercase().starts_with("vi") {
            Language::Vietnamese
        } else {
            Language::English
        }
    }

    /// The system's language as the environment states it (`LC_ALL`, then `LC_MESSAGES`, then
    /// `LANG`, the first that is set and not empty); English when none is.
    pub fn from_env() -> Language {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .map_or(Language::English, |v| Language::from_locale(&v))
    }
}

static LANGUAGE: AtomicU8 = AtomicU8::new(0);

/// Sets the language every message of this run is printed in.
pub fn set_language(lang: Language) {
    LANGUAGE.store(if lang == Language::Vietnamese { 1 } else { 0 }, Ordering::Relaxed);
}

/// The language messages are printed in (English until [`set_language`] says otherwise).
pub fn language() -> Language {
    if LANGUAGE.load(Ordering::Relaxed) == 1 {
        Language::Vietnamese
    } else {
        Language::English
    }
}

/// Words of a message: a template with `{name}` places and the values that fill them. A plain
/// string (not made with [`tr!`](crate::tr)) is shown as it is in every language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text {
    template: Cow<'static, str>,
    args: Vec<(&'static str, String)>,
    translated: bool,
}

impl Text {
    /// A template to translate, with its values (used by [`tr!`](crate::tr)).
    pub fn new(template: &'static str, args: Vec<(&'static str, String)>) -> Text {
        Text { template: Cow::Borrowed(template), args, translated: true }
    }

    /// The words in `lang`: the template's translation (the English template when the
    /// catalogue has none), its places filled.
    pub fn in_language(&self, lang: Language) -> String {
        let template = match lang {
            Language::Vietnamese if self.translated => {
                catalogue().get(self.template.as_ref()).map_or(self.template.as_ref(), String::as_str)
            }
            _ => self.template.as_ref(),
        };
        if !self.translated {
            return template.to_string();
        }
        fill(template, &self.args)
    }

    /// Words that are not ours to translate (a library's error, a file's own text): shown as
    /// they are in every language.
    pub fn verbatim(words: impl Into<String>) -> Text {
        Text { template: Cow::Owned(words.into()), args: Vec::new(), translated: false }
    }

    /// The template as written in the source (the key of its translation).
    pub fn template(&self) -> &str {
        &self.template
    }

    /// Whether the words may be translated (made with [`tr!`](crate::tr)).
    pub fn is_translatable(&self) -> bool {
        self.translated
    }
}

/// Fills `{name}` places with their values; `{{` and `}}` stand for braces; an unknown place
/// stays as written.
fn fill(template: &str, args: &[(&'static str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if let (true, Some(end)) = (tail.starts_with('{'), tail.find('}')) {
            let name = &tail[1..end];
            if let Some((_, v)) = args.iter().find(|(k, _)| *k == name) {
                out.push_str(v);
                rest = &tail[end + 1..];
                continue;
            }
        }
        out.push_str(&tail[..1]);
        rest = &tail[1..];
    }
    out.push_str(rest);
    out
}

impl fmt::Display for Text {
    /// In the language of the run.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_language(language()))
    }
}

/// The Vietnamese catalogue: English template → Vietnamese template.
pub const CATALOGUE_VI: &str = include_str!("messages.vi.toml");

fn catalogue() -> &'static HashMap<String, String> {
    static CATALOGUE: OnceLock<HashMap<String, String>> = OnceLock::new();
    CATALOGUE.get_or_init(|| parse_catalogue(CATALOGUE_VI).unwrap_or_default())
}

/// The catalogue's pairs, or the TOML error.
pub fn parse_catalogue(text: &str) -> Result<HashMap<String, String>, toml::de::Error> {
    toml::from_str(text)
}

/// The `{name}` places of a template, sorted (doubled braces are not places).
pub fn places(template: &str) -> Vec<String> {
    let mut v = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            rest = &tail[2..];
            continue;
        }
        match (tail.starts_with('{'), tail.find('}')) {
            (true, Some(end)) => {
                v.push(tail[1..end].to_string());
                rest = &tail[end + 1..];
            }
            _ => rest = &tail[1..],
        }
    }
    v.sort();
    v.dedup();
    v
}

/// Words to translate: `tr!("unit `{id}` appears twice", id)` or `tr!("… {n} …", n = count)`.
/// The template is English and is the key of its Vietnamese translation in
/// `src/diag/messages.vi.toml`; each value is named as its place is.
#[macro_export]
macro_rules! tr {
    ($template:literal $(,)?) => {
        $crate::diag::Text::new($template, Vec::new())
    };
    ($template:literal, $($name:ident $(= $value:expr)?),+ $(,)?) => {
        $crate::diag::Text::new($template, vec![$((stringify!($name), $crate::tr!(@value $name $(= $value)?))),+])
    };
    (@value $name:ident) => { $name.to_string() };
    (@value $name:ident = $value:expr) => { ($value).to_string() };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_places_and_keeps_braces() {
        let unit = "da-nang";
        let t = crate::tr!("unit `{unit}` appears twice (also on line {line})", unit, line = 4);
        assert_eq!(t.in_language(Language::English), "unit `da-nang` appears twice (also on line 4)");
        assert_eq!(fill("{{a}} {b} {c}", &[("b", "1".into())]), "{a} 1 {c}");
        assert_eq!(places("{{x}} {a} {b} {a}"), vec!["a", "b"]);
    }

    #[test]
    fn plain_strings_stay_as_written() {
        let t = Text::verbatim("x {y}");
        assert_eq!(t.in_language(Language::Vietnamese), "x {y}");
        assert!(!t.is_translatable());
    }

    #[test]
    fn locale_names_a_language() {
        assert_eq!(Language::from_locale("vi_VN.UTF-8"), Language::Vietnamese);
        assert_eq!(Language::from_locale("C.UTF-8"), Language::English);
        assert_eq!(Language::from_locale("en_GB"), Language::English);
    }

    #[test]
    fn the_catalogue_reads_and_keeps_every_place() {
        let cat = parse_catalogue(CATALOGUE_VI).expect("messages.vi.toml is valid TOML");
        for (en, vi) in &cat {
            assert_eq!(places(en), places(vi), "the translation of {en:?} must keep its places");
            assert!(!vi.trim().is_empty(), "empty translation of {en:?}");
        }
    }
}
