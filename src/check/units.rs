//! `data/units.csv`: every unit, its kind, names, codes, dates of validity and lineage
//! (successors and predecessors, without loops), its slug and the aliases that redirect to it.

use std::collections::HashMap;

use serde::Deserialize;

use super::parse_date;
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::{vi_cmp, Text};
use crate::load::RawTable;
use crate::model::{is_slug, Unit, UnitKind, UNIT_COLUMNS};

/// One line of `units.csv`, every cell trimmed; an absent column reads as empty.
#[derive(Deserialize, Default)]
#[serde(default)]
struct UnitRow {
    id: String,
    kind: String,
    code: String,
    former_codes: String,
    name_vi: String,
    name_en: String,
    parent: String,
    region_vi: String,
    region_en: String,
    valid_from: String,
    valid_to: String,
    successor: String,
    slug: String,
    aliases: String,
}

pub(super) fn check_units(t: &RawTable, diags: &mut Diagnostics) -> (Vec<Unit>, HashMap<String, crate::model::UnitId>) {
    let file = &t.file;
    for h in &t.headers {
        if !UNIT_COLUMNS.contains(&h.as_str()) {
            diags.push(
                Diagnostic::error(file, Some(t.header_line), crate::tr!("unknown column `{h}`", h))
                    .hint(crate::tr!("the columns are: {list}", list = UNIT_COLUMNS.join(","))),
            );
        }
    }
    for need in ["id", "kind", "name_vi", "name_en"] {
        if t.column(need).is_none() {
            diags.push(
                Diagnostic::error(file, Some(t.header_line), crate::tr!("column `{need}` is missing", need))
                    .hint(crate::tr!("the header must be: {list}", list = UNIT_COLUMNS.join(","))),
            );
        }
    }
    let mut units = Vec::new();
    let mut lines: Vec<usize> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    // (row line, successor id, parent id) to resolve once all ids are known.
    let mut links = Vec::new();
    for (raw, row) in super::typed_rows::<UnitRow>(t) {
        let row_line = raw.line;
        let line = Some(row_line);
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                diags.push(
                    Diagnostic::error(file, line, crate::tr!("cannot read the row: {e}", e))
                        .hint(crate::tr!("check that the row has the columns of the header, separated like it")),
                );
                continue;
            }
        };
        let id = row.id.clone();
        if !is_slug(&id) {
            diags.push(
                Diagnostic::error(file, line, crate::tr!("unit id `{id}` is not made of a-z, 0-9 and -", id))
                    .hint(crate::tr!("write the id in lower-case ASCII with dashes, e.g. `da-nang`")),
            );
        } else if id.bytes().all(|b| b.is_ascii_digit()) {
            diags.push(Diagnostic::error(file, line, crate::tr!("unit id `{id}` is only digits", id)).hint(
                crate::tr!(
                    "an id is never a bare administrative code (codes are reused); use the name, e.g. `lao-cai`"
                ),
            ));
        }
        if let Some(&prev) = by_id.get(&id) {
            diags.push(
                Diagnostic::error(
                    file,
                    line,
                    crate::tr!("unit id `{id}` is used twice (also on line {other})", id, other = lines[prev]),
                )
                .hint(crate::tr!("every unit needs its own id; ids are never reused")),
            );
        }
        let kind_s = row.kind.as_str();
        let kind = UnitKind::parse(kind_s).unwrap_or_else(|| {
            diags.push(
                Diagnostic::error(
                    file,
                    line,
                    crate::tr!("unit kind `{kind_s}` is not province, ministry or commune", kind_s),
                )
                .hint(crate::tr!("write one of: province, ministry, commune")),
            );
            UnitKind::Province
        });
        let name = Text::new(&row.name_vi, &row.name_en);
        for (n, lang) in [(&name.vi, "name_vi"), (&name.en, "name_en")] {
            if n.is_empty() {
                diags.push(
                    Diagnostic::error(file, line, crate::tr!("`{lang}` is empty", lang))
                        .hint(crate::tr!("every unit needs its name in both languages")),
                );
            } else if n.contains('<') || n.contains('>') {
                diags.push(
                    Diagnostic::error(file, line, crate::tr!("`{lang}` contains `<` or `>`", lang))
                        .hint(crate::tr!("names are plain text: remove the markup")),
                );
            }
        }
        let date = |c: &str, s: &str, diags: &mut Diagnostics| {
            if s.is_empty() {
                return None;
            }
            let d = parse_date(s);
            if d.is_none() {
                diags.push(
                    Diagnostic::error(file, line, crate::tr!("`{c}` `{s}` is not a date", c, s))
                        .hint(crate::tr!("write dates as YYYY-MM-DD, e.g. 2025-06-30")),
                );
            }
            d
        };
        let valid_from = date("valid_from", &row.valid_from, diags);
        let valid_to = date("valid_to", &row.valid_to, diags);
        if let (Some(f), Some(to)) = (valid_from, valid_to) {
            if to < f {
                diags.push(
                    Diagnostic::error(file, line, crate::tr!("valid_to is before valid_from"))
                        .hint(crate::tr!("swap the two dates")),
                );
            }
        }
        let slug_given = row.slug.as_str();
        let slug = if slug_given.is_empty() { crate::model::slugify(&name.vi) } else { slug_given.to_string() };
        if !is_slug(&slug) {
            diags.push(
                Diagnostic::error(file, line, crate::tr!("slug `{slug}` is not made of a-z, 0-9 and -", slug)).hint(
                    crate::tr!(
                        "a slug is the unit's URL name: lower-case ASCII letters, digits and dashes, e.g. `da-nang`"
                    ),
                ),
            );
        }
        links.push((row_line, row.successor.clone(), row.parent.clone()));
        by_id.entry(id.clone()).or_insert(units.len());
        lines.push(row_line);
        units.push(Unit {
            id,
            kind,
            code: row.code.clone(),
            former_codes: row
                .former_codes
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            name,
            parent: None,
            region: Text::new(&row.region_vi, &row.region_en),
            valid_from,
            valid_to,
            successor: None,
            predecessors: Vec::new(),
            slug,
            aliases: row.aliases.split(';').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect(),
            other_names: Vec::new(),
        });
    }
    let mut slugs: HashMap<String, usize> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        if let Some(&j) = slugs.get(&u.slug) {
            diags.push(
                Diagnostic::error(
                    file,
                    Some(lines[i]),
                    crate::tr!("slug `{slug}` is also the slug of line {other}", slug = u.slug, other = lines[j]),
                )
                .hint(crate::tr!("two units cannot share a URL: set a different `slug` for one of them")),
            );
        } else {
            slugs.insert(u.slug.clone(), i);
        }
    }
    for (i, u) in units.iter().enumerate() {
        for alias in &u.aliases {
            if !is_slug(alias) {
                diags.push(
                    Diagnostic::error(
                        file,
                        Some(lines[i]),
                        crate::tr!("alias `{alias}` is not made of a-z, 0-9 and -", alias),
                    )
                    .hint(crate::tr!("an alias is an old URL name of the unit, e.g. `thua-thien-hue`")),
                );
            } else if let Some(&j) = slugs.get(alias) {
                diags.push(
                    Diagnostic::error(
                        file,
                        Some(lines[i]),
                        crate::tr!("alias `{alias}` is already the URL of line {other}", alias, other = lines[j]),
                    )
                    .hint(crate::tr!("an alias must not be the slug or alias of another unit")),
                );
            } else {
                slugs.insert(alias.clone(), i);
            }
        }
    }
    for (i, (line, succ, parent)) in links.into_iter().enumerate() {
        if !succ.is_empty() {
            match by_id.get(&succ) {
                None => diags.push(
                    Diagnostic::error(file, Some(line), crate::tr!("successor `{succ}` is not a unit id", succ)).hint(
                        crate::tr!(
                            "the successor is the id of the unit this one merged into; add that unit or fix the id"
                        ),
                    ),
                ),
                Some(&s) if s == i => diags.push(
                    Diagnostic::error(file, Some(line), crate::tr!("a unit cannot be its own successor"))
                        .hint(crate::tr!("leave successor empty for a unit that continues")),
                ),
                Some(&s) if units[s].kind != units[i].kind => diags.push(
                    Diagnostic::error(
                        file,
                        Some(line),
                        crate::tr!(
                            "successor `{succ}` is a {kind}, but this unit is a {own}",
                            succ,
                            kind = units[s].kind.key(),
                            own = units[i].kind.key()
                        ),
                    )
                    .hint(crate::tr!("a unit merges into a unit of its own kind: a province into a province")),
                ),
                Some(&s) => {
                    units[i].successor = Some(s);
                    if let (Some(end), Some(start)) = (units[i].valid_to, units[s].valid_from) {
                        if start <= end {
                            diags.push(
                                Diagnostic::error(
                                    file,
                                    Some(line),
                                    crate::tr!("successor `{succ}` began on {start}, before this unit ended on {end}", succ, start, end),
                                )
                                .hint(crate::tr!("a successor begins the day after its predecessors end: check valid_from and valid_to")),
                            );
                        }
                    }
                    if units[i].valid_to.is_none() {
                        diags.push(
                            Diagnostic::error(
                                file,
                                Some(line),
                                crate::tr!("unit has a successor (`{succ}`) but no valid_to", succ),
                            )
                            .hint(crate::tr!("set valid_to to the unit's last day, e.g. 2025-06-30")),
                        );
                    }
                }
            }
        }
        if !parent.is_empty() {
            match by_id.get(&parent) {
                Some(&p) if units[p].kind == UnitKind::Province => units[i].parent = Some(p),
                Some(_) => diags.push(
                    Diagnostic::error(file, Some(line), crate::tr!("parent `{parent}` is not a province", parent))
                        .hint(crate::tr!("a commune's parent is the id of its province")),
                ),
                None => diags.push(
                    Diagnostic::error(file, Some(line), crate::tr!("parent `{parent}` is not a unit id", parent))
                        .hint(crate::tr!("add the province to units.csv or fix the id")),
                ),
            }
        } else if units[i].kind == UnitKind::Commune {
            diags.push(
                Diagnostic::error(file, Some(line), crate::tr!("a commune needs a parent province"))
                    .hint(crate::tr!("set `parent` to the id of the commune's province")),
            );
        }
    }
    // Successor chains must end: each unit is walked once (0 unseen, 1 on the current walk, 2
    // done), so a long chain costs its length, not its square.
    let mut state = vec![0u8; units.len()];
    for i in 0..units.len() {
        let mut walk = Vec::new();
        let mut u = i;
        while state[u] == 0 {
            state[u] = 1;
            walk.push(u);
            match units[u].successor {
                Some(s) => u = s,
                None => break,
            }
        }
        if state[u] == 1 && units[u].successor.is_some() {
            // `u` is on this walk and leads back into it: a loop through `u`.
            diags.push(
                Diagnostic::error(file, Some(lines[u]), crate::tr!("successors loop back to `{id}`", id = units[u].id))
                    .hint(crate::tr!("a chain of successors must end at a unit without a successor")),
            );
        }
        for w in walk {
            state[w] = 2;
        }
    }
    // A real lineage is a merger or two deep; a longer chain is a mistake, and every unit page
    // of it would list the whole chain.
    const MAX_CHAIN: usize = 64;
    if let Some(i) = (0..units.len()).find(|&i| {
        let mut u = i;
        let mut n = 0;
        while let Some(s) = units[u].successor {
            n += 1;
            if n > MAX_CHAIN || s == i {
                return n > MAX_CHAIN;
            }
            u = s;
        }
        false
    }) {
        diags.push(
            Diagnostic::error(
                file,
                Some(lines[i]),
                crate::tr!(
                    "the successors of `{id}` go on for more than {max} units",
                    id = units[i].id,
                    max = MAX_CHAIN
                ),
            )
            .hint(crate::tr!("a unit's successor is the unit it merged into: check the successor column")),
        );
    }
    for i in 0..units.len() {
        if let Some(s) = units[i].successor {
            units[s].predecessors.push(i);
        }
    }
    let names: Vec<String> = units.iter().map(|u| u.name.vi.clone()).collect();
    for u in &mut units {
        u.predecessors.sort_by(|&a, &b| vi_cmp(&names[a], &names[b]));
    }
    (units, by_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_table;

    fn units_csv(body: &str) -> (Vec<Unit>, Diagnostics) {
        let head =
            "id,kind,code,former_codes,name_vi,name_en,parent,region_vi,region_en,valid_from,valid_to,successor,slug\n";
        let t = parse_table("data/units.csv", format!("{head}{body}").as_bytes()).unwrap();
        let mut d = Diagnostics::default();
        let (u, _) = check_units(&t, &mut d);
        (u, d)
    }

    #[test]
    fn slugs_derive_from_vietnamese_names() {
        let (u, d) = units_csv("da-nang,province,48,,Đà Nẵng,Da Nang,,,,,,,\n");
        assert!(!d.has_errors(), "{d}");
        assert_eq!(u[0].slug, "da-nang");
    }

    #[test]
    fn successor_loops_and_unknowns_are_errors() {
        let (_, d) = units_csv("a,province,1,,A,A,,,,,2025-06-30,b,\nb,province,2,,B,B,,,,,2025-06-30,a,\nc,province,3,,C,C,,,,,2025-06-30,zz,\n");
        let s = d.to_string();
        assert!(s.contains("successors loop back to `a`"), "{s}");
        assert!(s.contains("successor `zz` is not a unit id"), "{s}");
    }

    #[test]
    fn a_successor_is_of_the_same_kind_and_begins_after() {
        let (_, d) = units_csv("a,province,1,,A,A,,,,,2025-06-30,m,\nm,ministry,,,M,M,,,,,,,\n");
        assert!(d.to_string().contains("successor `m` is a ministry, but this unit is a province"), "{d}");
        let (_, d) = units_csv("a,province,1,,A,A,,,,,2025-06-30,b,\nb,province,2,,B,B,,,,2025-06-01,,,\n");
        assert!(
            d.to_string().contains("successor `b` began on 2025-06-01, before this unit ended on 2025-06-30"),
            "{d}"
        );
    }

    #[test]
    fn a_chain_of_successors_is_bounded() {
        let mut csv = String::new();
        for i in 0..70 {
            csv += &format!("u{i},province,,,U{i},U{i},,,,,2025-06-30,u{},\n", i + 1);
        }
        csv += "u70,province,,,U70,U70,,,,,,,\n";
        let (_, d) = units_csv(&csv);
        assert!(d.to_string().contains("the successors of `u0` go on for more than 64 units"), "{d}");
        assert_eq!(d.error_count(), 1, "{d}");
    }

    #[test]
    fn lineage_links_predecessors() {
        let (u, d) = units_csv(
            "qn,province,49,,Quảng Nam,Quang Nam,,,,,2025-06-30,dn,\ndn,province,48,,Đà Nẵng,Da Nang,,,,,,,\n",
        );
        assert!(!d.has_errors(), "{d}");
        assert_eq!(u[1].predecessors, vec![0]);
        assert_eq!(u[0].successor, Some(1));
    }
}
