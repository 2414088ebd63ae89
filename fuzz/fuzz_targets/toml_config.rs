//! site.toml and an index's index.toml: any text. Both parsers must answer
//! Ok or a diagnostic (with a line), never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = minhbach::parse::parse_site_toml("site.toml", &text);
    let _ = minhbach::parse::parse_index_toml("data/rankings/fuzz/index.toml", &text);
});
