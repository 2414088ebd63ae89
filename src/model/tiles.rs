//! Tile layouts of the provinces' map (`data/tiles/*.csv`): where each unit's tile goes.

use super::UnitId;

/// Where each unit's tile goes: `(unit, column, row)`, column 0 on the west, row 0 in the north.
pub(crate) type TileLayout = Vec<(UnitId, u32, u32)>;
