//! An edition CSV as a council exports it from Excel: any bytes (BOM or not,
//! `,` `;` or tab, decimal comma, broken quotes, non-UTF-8). The loader must
//! answer Ok or a diagnostic, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = minhbach::parse::parse_edition_csv("data/rankings/fuzz/2024.csv", data);
});
