//! The search index knows the other names of a unit (`data/unit-names.csv`) and its names
//! without spaces; the page's script ranks them (judged in Chromium by `qa/search.mjs`).

mod common;

use common::*;

fn aliases(entries: &[serde_json::Value], title: &str) -> Vec<String> {
    let e = entries.iter().find(|e| e["t"] == title).unwrap_or_else(|| panic!("{title}"));
    e["a"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_string()).collect()
}

#[test]
fn the_index_knows_other_names_and_names_without_spaces() {
    let site = fixture();
    std::fs::write(
        site.path().join("data/unit-names.csv"),
        "unit,name,valid_from,valid_to,note\n\
         hue,Thừa Thiên Huế,,2024-12-31,the province's name until 2025\n\
         ha-noi,Thủ đô Hà Nội,,,official texts\n\
         da-nang,TP. Đà Nẵng,,,\n",
    )
    .unwrap();
    let out = site.path().join("public");
    build_ok(site.path(), &out);
    for (file, hue, hanoi) in [("tim-kiem/index.json", "Huế", "Hà Nội"), ("en/search/index.json", "Hue", "Ha Noi")]
    {
        let index: serde_json::Value = serde_json::from_str(&read(&out, file)).unwrap();
        let entries = index.as_array().unwrap();
        let hue = aliases(entries, hue);
        assert!(hue.contains(&"thua thien hue".to_string()) && hue.contains(&"thuathienhue".to_string()), "{hue:?}");
        let hanoi = aliases(entries, hanoi);
        for a in ["ha noi", "hanoi", "thu do ha noi"] {
            assert!(hanoi.contains(&a.to_string()), "{a} in {hanoi:?}");
        }
        let da_nang = aliases(entries, if file.starts_with("en") { "Da Nang" } else { "Đà Nẵng" });
        assert!(da_nang.contains(&"tp da nang".to_string()) && da_nang.contains(&"danang".to_string()), "{da_nang:?}");
        // Only units carry other names.
        let unit = |e: &&serde_json::Value| {
            let u = e["u"].as_str().unwrap();
            u.starts_with("dia-phuong/") || u.starts_with("en/units/")
        };
        assert!(entries.iter().filter(|e| !unit(e)).all(|e| e.get("a").is_none()));
    }
}
