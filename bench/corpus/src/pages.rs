//! The plain pages: the home page, the about page and the pages of the movement section, in
//! both languages.

use crate::out::Out;
use crate::prose::{paragraph, render_blocks, Block, Titles};
use crate::rng::Rng;
use crate::text::{q, Lang};
use crate::words::WORDS;

fn simple_page(rng: &mut Rng, places: &[(String, String)], paras: usize) -> Vec<Block> {
    let mut words = 0;
    let mut blocks = Vec::new();
    for k in 0..paras {
        if k == 1 {
            blocks.push(Block::Heading(rng.below(WORDS.headings.len())));
        }
        let place = rng.below(places.len());
        blocks.push(paragraph(rng, place, 2025, &mut words, places));
    }
    blocks
}

pub fn write_pages(out: &mut Out, places: &[(String, String)], news_only: bool, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng::new(seed, 30);
    let none = Titles { slugs: &[], titles: &[] };
    let home = simple_page(&mut rng, places, 2);
    out.write(
        "content/_index.md",
        &format!(
            "+++\ntitle = \"Minh bạch chuyển đổi số (dữ liệu thử)\"\n+++\n\n{}",
            render_blocks(&home, Lang::Vi, places, &none)
        ),
    )?;
    out.write(
        "content/_index.en.md",
        &format!(
            "+++\ntitle = \"Digital transformation, in the open (test data)\"\n+++\n\n{}",
            render_blocks(&home, Lang::En, places, &none)
        ),
    )?;
    if news_only {
        return Ok(());
    }
    let about = simple_page(&mut rng, places, 4);
    out.write(
        "content/pages/gioi-thieu.md",
        &format!(
            "+++\ntitle = \"Giới thiệu\"\ndescription = \"Về bộ dữ liệu thử này.\"\n+++\n\n{}",
            render_blocks(&about, Lang::Vi, places, &none)
        ),
    )?;
    out.write(
        "content/pages/gioi-thieu.en.md",
        &format!(
            "+++\ntitle = \"About\"\ndescription = \"About this test corpus.\"\n+++\n\n{}",
            render_blocks(&about, Lang::En, places, &none)
        ),
    )?;
    for &(key, vi, en) in &WORDS.movement {
        let blocks = simple_page(&mut rng, places, 3);
        out.write(
            &format!("content/movement/{key}.md"),
            &format!(
                "+++\ntitle = {}\ndescription = {}\n+++\n\n{}",
                q(vi),
                q(&format!("{vi}: nội dung của phong trào.")),
                render_blocks(&blocks, Lang::Vi, places, &none)
            ),
        )?;
        out.write(
            &format!("content/movement/{key}.en.md"),
            &format!(
                "+++\ntitle = {}\ndescription = {}\n+++\n\n{}",
                q(en),
                q(&format!("{en}: part of the movement.")),
                render_blocks(&blocks, Lang::En, places, &none)
            ),
        )?;
    }
    Ok(())
}
