//! A Markdown file's front matter (TOML `+++` or YAML `---`) and body: any
//! text. Splitting must answer Ok or a diagnostic, never panic, and the body
//! it returns must be part of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok((_front, body, _line)) = minhbach::parse::split_front_matter("content/news/fuzz.md", &text) {
        assert!(body.len() <= text.len());
    }
});
