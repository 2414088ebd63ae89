//! News: N articles spread over 2019–2026, each about a place, with tags, units, a figures
//! table, a list, "see also" links to other articles and now and then a ranking shortcode; a
//! Vietnamese file (TOML front matter) and its English translation (YAML front matter).

use std::collections::BTreeSet;

use crate::out::Out;
use crate::prose::{paragraph, render_blocks, Block, Sentence, Titles};
use crate::rng::Rng;
use crate::text::{q, q_list, slugify, Date, Lang};
use crate::words::WORDS;

/// What is decided about an article before any is written, so that others can link to it.
struct Plan {
    slug: String,
    date: Date,
    place: usize,
    title: (String, String),
    description: (String, String),
}

fn news_plans(n: usize, places: &[(String, String)], seed: u64) -> Vec<Plan> {
    let mut rng = Rng::new(seed, 10);
    let first_year = 2019;
    let span_days = 365 * 7 + 300; // 2019-01-01 .. 2026-10
    let mut slugs = BTreeSet::new();
    (0..n)
        .map(|i| {
            let day = ((i as u64 * span_days as u64) / n.max(1) as u64) as u32 + rng.below(3) as u32;
            let date = Date::from_day(first_year, day.min(span_days - 1));
            let place = rng.below(places.len());
            let verb = rng.below(WORDS.title_verbs.len());
            let obj = rng.below(WORDS.objects.len());
            let title_vi = format!("{} {} {}", places[place].0, WORDS.title_verbs[verb].0, WORDS.objects[obj].0);
            let title_en = format!("{} {} {}", places[place].1, WORDS.title_verbs[verb].1, WORDS.objects[obj].1);
            let compl = rng.below(WORDS.complements.len());
            let desc = |lang: Lang| {
                let s = Sentence {
                    conn: None,
                    subj: 0,
                    verb: verb % WORDS.verbs.len(),
                    obj,
                    compl,
                    place,
                    year: date.y,
                    n: 1000,
                    pct: 90.0,
                    months: 2,
                };
                let mut out = String::new();
                s.render(lang, places, &mut out);
                out
            };
            let base: String = slugify(&title_vi).split('-').take(7).collect::<Vec<_>>().join("-");
            let mut slug = format!("{}-{base}", date.iso());
            if !slugs.insert(slug.clone()) {
                slug = format!("{slug}-{i}");
                slugs.insert(slug.clone());
            }
            Plan { slug, place, title: (title_vi, title_en), description: (desc(Lang::Vi), desc(Lang::En)), date }
        })
        .collect()
}

fn news_blocks(
    rng: &mut Rng,
    i: usize,
    n: usize,
    plan: &Plan,
    places: &[(String, String)],
    shortcode: Option<String>,
) -> Vec<Block> {
    let target = rng.range(300, 950) as usize;
    let mut words = 0;
    let year = plan.date.y;
    let mut blocks = vec![paragraph(rng, plan.place, year, &mut words, places)];
    if rng.chance(0.33) {
        blocks.push(Block::More);
    }
    blocks.push(paragraph(rng, plan.place, year, &mut words, places));
    let mut headings = rng.distinct(WORDS.headings.len(), WORDS.headings.len()).into_iter();
    let (mut list, mut table, mut links, mut sc) = (false, false, false, shortcode);
    let mut sections = 0;
    while words < target || !(list && table && links) || sections < 2 {
        let Some(h) = headings.next() else { break };
        sections += 1;
        blocks.push(Block::Heading(h));
        blocks.push(paragraph(rng, plan.place, year, &mut words, places));
        match sections {
            1 if !list => {
                let k = rng.range(3, 6) as usize;
                let items = rng
                    .distinct(k, WORDS.objects.len())
                    .into_iter()
                    .map(|o| (o, 40.0 + rng.below(600) as f64 / 10.0))
                    .collect::<Vec<_>>();
                words += items.len() * 8;
                blocks.push(Block::List { ordered: rng.chance(0.3), items });
                list = true;
            }
            2 if !table => {
                let k = rng.range(3, 5) as usize;
                let rows = rng
                    .distinct(k, WORDS.table_rows.len())
                    .into_iter()
                    .map(|r| {
                        let a = rng.range(100, 90_000) as u64;
                        (r, a, a + rng.range(0, 20_000) as u64)
                    })
                    .collect::<Vec<_>>();
                words += rows.len() * 8;
                blocks.push(Block::Table { year, rows });
                table = true;
            }
            _ => {
                if let Some(s) = sc.take() {
                    blocks.push(Block::Shortcode(s));
                } else if rng.chance(0.5) {
                    blocks.push(paragraph(rng, plan.place, year, &mut words, places));
                }
            }
        }
        if sections >= 2 && !links {
            if n > 1 {
                let k = rng.range(1, 3) as usize;
                let mut targets: Vec<usize> = rng.distinct(k, n).into_iter().filter(|&t| t != i).collect();
                if targets.is_empty() {
                    targets.push((i + 1) % n);
                }
                blocks.push(Block::Links(targets));
            }
            links = true;
        }
    }
    if let Some(s) = sc {
        blocks.push(Block::Shortcode(s));
    }
    blocks
}

#[allow(clippy::too_many_arguments)]
pub fn write_news(
    out: &mut Out,
    n: usize,
    places: &[(String, String)],
    place_units: &[String],
    communes: &[String],
    shortcodes: &[String],
    seed: u64,
) -> std::io::Result<usize> {
    let plans = news_plans(n, places, seed);
    let slugs: Vec<String> = plans.iter().map(|p| p.slug.clone()).collect();
    let titles: Vec<(String, String)> = plans.iter().map(|p| p.title.clone()).collect();
    let names = Titles { slugs: &slugs, titles: &titles };
    let mut rng = Rng::new(seed, 11);
    let mut words_total = 0;
    for (i, plan) in plans.iter().enumerate() {
        let shortcode =
            (!shortcodes.is_empty() && i % 50 == 25).then(|| shortcodes[(i / 50) % shortcodes.len()].clone());
        let blocks = news_blocks(&mut rng, i, n, plan, places, shortcode);
        let k = rng.range(2, 5) as usize;
        let tags: Vec<usize> = rng.distinct(k, WORDS.tags.len());
        let mut units = Vec::new();
        if rng.chance(0.7) {
            units.push(place_units[plan.place].clone());
        }
        if !communes.is_empty() && rng.chance(0.2) {
            units.push(rng.pick(communes).clone());
        }
        units.dedup();
        let tags_vi: Vec<String> = tags.iter().map(|&t| WORDS.tags[t].0.to_string()).collect();
        let tags_en: Vec<String> = tags.iter().map(|&t| WORDS.tags[t].1.to_string()).collect();
        let vi_body = render_blocks(&blocks, Lang::Vi, places, &names);
        words_total += vi_body.split_whitespace().count();
        let vi = format!(
            "+++\ntitle = {}\ndate = {}\ndescription = {}\ntags = {}\nunits = {}\n+++\n\n{}",
            q(&plan.title.0),
            plan.date.iso(),
            q(&plan.description.0),
            q_list(&tags_vi),
            q_list(&units),
            vi_body
        );
        let en = format!(
            "---\ntitle: {}\ndate: {}\ndescription: {}\ntags: {}\nunits: {}\n---\n\n{}",
            q(&plan.title.1),
            q(&plan.date.iso()),
            q(&plan.description.1),
            q_list(&tags_en),
            q_list(&units),
            render_blocks(&blocks, Lang::En, places, &names)
        );
        out.write(&format!("content/news/{}.md", plan.slug), &vi)?;
        out.write(&format!("content/news/{}.en.md", plan.slug), &en)?;
    }
    Ok(words_total)
}
