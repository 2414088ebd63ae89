//! Unit tests of the cells every ranking table shares.

use super::*;

#[test]
fn ranks_show_ties_and_gaps() {
    assert_eq!(format::rank(Some(15), true), "15=");
    assert_eq!(format::rank(Some(3), false), "3");
    assert_eq!(format::rank(None, false), "—");
}

#[test]
fn missing_scores_are_dashes_not_zero() {
    assert_eq!(format::score(None, 4, Lang::Vi), "—");
    assert_eq!(format::score(Some(0.0), 4, Lang::En), "0.0000");
    assert_eq!(format::score(Some(0.8002), 4, Lang::Vi), "0,8002");
    assert_eq!(format::score(Some(72.5), 1, Lang::Vi), "72,5");
}

#[test]
fn deltas_read_as_arrows() {
    assert_eq!(format::delta(Some(2)), "▲ 2");
    assert_eq!(format::delta(Some(-3)), "▼ 3");
    assert_eq!(format::delta(Some(0)), "=");
    assert_eq!(format::delta(None), "");
}
