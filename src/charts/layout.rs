//! Tile layouts: reading `data/tiles/*.csv` (`unit,col,row`) from text, every problem with its
//! line, and choosing the layout that fits an edition (the 63 provinces or the 34).

use super::words;
use crate::model::{Site, TileLayout, UnitId};

/// Reads a layout file: a header `unit,col,row`, then one line a unit. `unit` looks a unit id
/// up. Every problem comes back, each with its 1-based line.
pub(crate) fn parse_tile_layout(
    text: &str,
    unit: impl Fn(&str) -> Option<UnitId>,
) -> Result<TileLayout, Vec<(usize, crate::diag::Text)>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out: TileLayout = Vec::new();
    let mut errors = Vec::new();
    let mut header = false;
    for (n, line) in text.lines().enumerate().map(|(i, l)| (i + 1, l.trim())) {
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        if !header {
            header = true;
            if fields != ["unit", "col", "row"] {
                errors.push((n, crate::tr!("the first line must be `unit,col,row`")));
                break;
            }
            continue;
        }
        let [id, col, row] = fields[..] else {
            errors.push((n, crate::tr!("expected 3 fields (unit,col,row), found {n}", n = fields.len())));
            continue;
        };
        let Some(u) = unit(id) else {
            errors.push((n, crate::tr!("unknown unit `{id}`", id)));
            continue;
        };
        let (Ok(c), Ok(r)) = (col.parse::<u32>(), row.parse::<u32>()) else {
            errors
                .push((n, crate::tr!("col and row must be whole numbers from 0, found `{col}` and `{row}`", col, row)));
            continue;
        };
        if c > 99 || r > 99 {
            errors.push((n, crate::tr!("col and row must be below 100")));
        } else if out.iter().any(|&(o, _, _)| o == u) {
            errors.push((n, crate::tr!("unit `{id}` is placed twice", id)));
        } else if out.iter().any(|&(_, oc, or)| (oc, or) == (c, r)) {
            errors.push((n, crate::tr!("two units at col {c}, row {r}", c, r)));
        } else {
            out.push((u, c, r));
        }
    }
    if !header {
        errors.push((1, crate::tr!("the file is empty; the first line must be `unit,col,row`")));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The layout that fits an edition best: the one with as many tiles as the edition's field
/// (63 or 34 provinces), else the one holding most of its rows, the smaller on a tie. `None`
/// when no layout holds any of its units (an index of ministries).
pub(crate) fn pick_layout(site: &Site, index: usize, edition: usize, layouts: &[TileLayout]) -> Option<usize> {
    let idx = site.indices.get(index)?;
    let ed = idx.editions.get(edition)?;
    let covered = |l: &TileLayout| ed.rows.iter().filter(|r| l.iter().any(|&(u, _, _)| u == r.unit)).count();
    let field = words::field_size(site, idx, ed);
    let mut best: Option<(usize, usize)> = None;
    for (i, l) in layouts.iter().enumerate() {
        let c = covered(l);
        if c == 0 {
            continue;
        }
        if field == Some(l.len() as u32) {
            return Some(i);
        }
        let better = match best {
            None => true,
            Some((b, bc)) => c > bc || (c == bc && l.len() < layouts[b].len()),
        };
        if better {
            best = Some((i, c));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::fixture::{self, edition};
    use super::*;

    const L63: &str = include_str!("../../data/tiles/provinces-63.csv");
    const L34: &str = include_str!("../../data/tiles/provinces-34.csv");

    /// The default site's two layouts, 63 then 34.
    pub(crate) fn layouts(site: &Site) -> Vec<TileLayout> {
        [L63, L34].iter().map(|t| parse_tile_layout(t, |id| site.unit(id)).expect("layout parses")).collect()
    }

    #[test]
    fn layouts_cover_the_63_and_the_34() {
        let site = fixture::site();
        let ls = layouts(&site);
        assert_eq!(ls[0].len(), 63);
        assert_eq!(ls[1].len(), 34);
        assert!(ls[1].iter().all(|&(u, _, _)| !site.units[u].is_past()));
        let provinces = site.units.iter().filter(|u| u.kind == crate::model::UnitKind::Province).count();
        assert_eq!(provinces, 63);
        let (i, e63) = edition(&site, "dti-tinh", "2022");
        assert_eq!(pick_layout(&site, i, e63, &ls), Some(0));
        let (_, e34) = edition(&site, "dti-tinh", "2024");
        assert_eq!(pick_layout(&site, i, e34, &ls), Some(1));
        let (_, e2463) = edition(&site, "dti-tinh", "2024-63");
        assert_eq!(pick_layout(&site, i, e2463, &ls), Some(0));
        let (b, eb) = edition(&site, "dti-bo", "2021");
        assert_eq!(pick_layout(&site, b, eb, &ls), None);
    }

    #[test]
    fn layout_errors_name_their_line() {
        let lookup = |id: &str| (id == "a" || id == "b").then_some(if id == "a" { 0 } else { 1 });
        assert_eq!(parse_tile_layout("\u{feff}unit,col,row\na,0,0\nb,1,0\n", lookup), Ok(vec![(0, 0, 0), (1, 1, 0)]));
        let errs = parse_tile_layout("unit,col,row\na,0,0\nzz,1,1\nb,0,0\na,2,x\n", lookup).unwrap_err();
        assert_eq!(errs.iter().map(|e| e.0).collect::<Vec<_>>(), vec![3, 4, 5]);
        assert!(parse_tile_layout("", lookup).is_err());
        assert!(parse_tile_layout("id,x,y\n", lookup).is_err());
    }
}
