//! An edition as a workbook (`.xlsx`, `.ods`, `.xls`): any bytes, a zip with anything in it.
//! The reader must answer Ok or a diagnostic, never panic, and stay within its bounds of rows,
//! columns and unpacked size.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = minhbach::parse::parse_workbook("data/rankings/fuzz/2024.xlsx", data, None);
});
