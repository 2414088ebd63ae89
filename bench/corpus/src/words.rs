//! The word lists of `bench/corpus/words/`: names, vocabulary and parallel Vietnamese / English
//! phrases, built into the binary (`include_str!`) and parsed once, at start ([`WORDS`]).
//!
//! Each file holds one item a line; lines starting with `#` and blank lines are skipped. An item
//! of several fields separates them with ` | ` (a Vietnamese phrase and its English translation,
//! or a key and two names). The order of the lines matters: the generator draws positions.

use std::ops::RangeInclusive;
use std::sync::LazyLock;

/// A Vietnamese phrase and its English translation.
pub type Pair = (&'static str, &'static str);

/// A key (an id, slug or content key) with its Vietnamese and English names.
pub type Named = (&'static str, &'static str, &'static str);

/// An indicator of a ranking index.
pub struct Indicator {
    pub key: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    /// The parent indicator's key; empty for a top-level indicator.
    pub parent: &'static str,
}

/// Every word list, in the order of its file.
pub struct Words {
    pub ministries: Vec<Named>,
    pub commune_syllables: Vec<&'static str>,
    pub surnames: Vec<&'static str>,
    pub middle_names: Vec<&'static str>,
    pub given_names: Vec<&'static str>,
    pub commune_indicators: Vec<Indicator>,
    pub province_indicators: Vec<Indicator>,
    pub ministry_indicators: Vec<Indicator>,
    pub subjects: Vec<Pair>,
    pub verbs: Vec<Pair>,
    pub objects: Vec<Pair>,
    pub complements: Vec<Pair>,
    /// Sentence openings, without the space that follows them.
    pub connectors: Vec<Pair>,
    pub headings: Vec<Pair>,
    pub title_verbs: Vec<Pair>,
    pub table_rows: Vec<Pair>,
    pub tags: Vec<Pair>,
    pub model_contents: Vec<Named>,
    pub movement: Vec<Named>,
}

/// The word lists, parsed on first use (`main` forces it before writing anything).
pub static WORDS: LazyLock<Words> =
    LazyLock::new(|| Words::parse().unwrap_or_else(|e| panic!("bench/corpus/words/{e}")));

/// `(file name, contents)` of a file of `words/`.
macro_rules! words_file {
    ($name:literal) => {
        ($name, include_str!(concat!("../words/", $name)))
    };
}

type File = (&'static str, &'static str);

impl Words {
    fn parse() -> Result<Words, String> {
        Ok(Words {
            ministries: named(words_file!("ministries.txt"))?,
            commune_syllables: single(words_file!("commune-syllables.txt"))?,
            surnames: single(words_file!("surnames.txt"))?,
            middle_names: single(words_file!("middle-names.txt"))?,
            given_names: single(words_file!("given-names.txt"))?,
            commune_indicators: indicators(words_file!("indicators-commune.txt"))?,
            province_indicators: indicators(words_file!("indicators-province.txt"))?,
            ministry_indicators: indicators(words_file!("indicators-ministry.txt"))?,
            subjects: pairs(words_file!("subjects.txt"))?,
            verbs: pairs(words_file!("verbs.txt"))?,
            objects: pairs(words_file!("objects.txt"))?,
            complements: pairs(words_file!("complements.txt"))?,
            connectors: pairs(words_file!("connectors.txt"))?,
            headings: pairs(words_file!("headings.txt"))?,
            title_verbs: pairs(words_file!("title-verbs.txt"))?,
            table_rows: pairs(words_file!("table-rows.txt"))?,
            tags: pairs(words_file!("tags.txt"))?,
            model_contents: named(words_file!("model-contents.txt"))?,
            movement: named(words_file!("movement.txt"))?,
        })
    }
}

/// The items of a file, each as its fields; `fields` is how many an item may have.
fn items((name, text): File, fields: RangeInclusive<usize>) -> Result<Vec<Vec<&'static str>>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&'static str> = line.split(" | ").map(str::trim).collect();
        if !fields.contains(&f.len()) || f.iter().any(|x| x.is_empty() || x.contains('|')) {
            let want = if fields.start() == fields.end() {
                fields.start().to_string()
            } else {
                format!("{} to {}", fields.start(), fields.end())
            };
            return Err(format!("{name}:{}: expected {want} non-empty fields separated by ` | `: {line}", n + 1));
        }
        out.push(f);
    }
    if out.is_empty() {
        return Err(format!("{name}: no items"));
    }
    Ok(out)
}

fn single(file: File) -> Result<Vec<&'static str>, String> {
    Ok(items(file, 1..=1)?.into_iter().map(|f| f[0]).collect())
}

fn pairs(file: File) -> Result<Vec<Pair>, String> {
    Ok(items(file, 2..=2)?.into_iter().map(|f| (f[0], f[1])).collect())
}

fn named(file: File) -> Result<Vec<Named>, String> {
    Ok(items(file, 3..=3)?.into_iter().map(|f| (f[0], f[1], f[2])).collect())
}

fn indicators(file: File) -> Result<Vec<Indicator>, String> {
    let list: Vec<Indicator> = items(file, 3..=4)?
        .into_iter()
        .map(|f| Indicator { key: f[0], vi: f[1], en: f[2], parent: f.get(3).copied().unwrap_or("") })
        .collect();
    for (i, ind) in list.iter().enumerate() {
        if !ind.parent.is_empty() && !list[..i].iter().any(|p| p.key == ind.parent && p.parent.is_empty()) {
            return Err(format!(
                "{}: `{}`: the parent `{}` is not a top-level indicator above it",
                file.0, ind.key, ind.parent
            ));
        }
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_file_parses() {
        let w = Words::parse().unwrap();
        assert_eq!(w.ministries.len(), 26);
        assert_eq!(w.commune_syllables.len(), 96);
        assert_eq!((w.surnames.len(), w.middle_names.len(), w.given_names.len()), (14, 10, 24));
        assert_eq!(w.tags.len(), 60);
        assert_eq!(w.objects.len(), 16);
    }

    #[test]
    fn keys_are_unique() {
        let w = Words::parse().unwrap();
        let unique = |keys: Vec<&str>| keys.iter().collect::<BTreeSet<_>>().len() == keys.len();
        for list in [&w.ministries, &w.model_contents, &w.movement] {
            assert!(unique(list.iter().map(|x| x.0).collect()));
        }
        for list in [&w.commune_indicators, &w.province_indicators, &w.ministry_indicators] {
            assert!(unique(list.iter().map(|x| x.key).collect()));
        }
        assert!(unique(w.commune_syllables.clone()));
    }

    #[test]
    fn a_bad_line_is_reported_with_its_place() {
        let e = pairs(("x.txt", "# comment\n\na | b\nonly one\n")).unwrap_err();
        assert!(e.starts_with("x.txt:4: expected 2 non-empty fields"), "{e}");
        assert!(indicators(("i.txt", "a | A | A\nb | B | B | c\n")).is_err());
        assert!(single(("e.txt", "# nothing\n")).is_err());
    }
}
