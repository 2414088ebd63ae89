// How long an edit takes to show in the browser under `minhbach serve` (issue 16's 300 ms bar),
// for every kind of edit.
//
//   node bench/serve-edit.mjs SITE [EDITS] [KINDS]     (after `cargo build --release`)
//
// Starts `target/release/minhbach serve` (or $MINHBACH) on SITE (a corpus of bench/run), opens a
// page in headless Chromium and makes each kind of edit EDITS times (default 5). KINDS is a
// comma-separated list (default: all of them):
//
//   body      a paragraph added to a news article from the middle of content/news
//   title     that article's title changed (it shows on list, tag and unit pages too)
//   model     a paragraph added to an exemplary model (content/models/)
//   movement  a paragraph added to a movement page (content/movement/)
//   page      a paragraph added to a page (content/pages/)
//   new       a new news article, dated the day of the newest one (every list page moves)
//   deleted   the articles `new` added, deleted one by one
//   edition   a score of the newest edition of the first index changed (data/rankings/; the
//             index named by $SERVE_EDIT_INDEX instead, e.g. dti-xa)
//   unit      the Vietnamese name of the first unit of data/units.csv changed
//   css       a rule appended to the theme's style.css
//   template  page.html, a template of one page kind, changed
//
// The theme's edits need themes/default/ in SITE: it is copied from this repository when absent
// (the same files as the theme built into the binary, so the output is the same) and removed at
// the end. Each time it measures from the moment the file is written to the load event of the
// reloaded page that shows the edit, as the page's own clock tells it (for `new`, `deleted` and
// `css`: to the moment the new file, its absence, or the CSS was fetched after the reload). It
// also reads the server's own "rebuilt … in X s" line (and "the open pages shown after Y s": when it let the browser
// reload, the rest of the rebuild going on). Every file is restored and the served output (SITE.served)
// removed at the end. Prints one JSON line.
import { spawn } from "node:child_process";
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const ALL = ["body", "title", "model", "movement", "page", "new", "deleted", "edition", "unit", "css", "template"];
const [root, editsArg, kindsArg] = process.argv.slice(2);
if (!root) {
  console.error("usage: node bench/serve-edit.mjs SITE [EDITS] [KINDS]");
  process.exit(2);
}
const EDITS = Number(editsArg || 5);
const KINDS = kindsArg ? kindsArg.split(",") : ALL;
for (const k of KINDS) {
  if (!ALL.includes(k)) {
    console.error(`serve-edit: unknown kind \`${k}\` (one of ${ALL.join(", ")})`);
    process.exit(2);
  }
}
const port = 20000 + (process.pid % 20000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const bin = process.env.MINHBACH || "target/release/minhbach";

// Files changed by the run, restored at the end: path → original text (null: remove it).
const originals = new Map();
const keep = (path) => {
  if (!originals.has(path)) originals.set(path, existsSync(path) ? readFileSync(path, "utf8") : null);
};
const themeDir = join(root, "themes/default");
const ownTheme = !existsSync(themeDir);
if (ownTheme) cpSync(new URL("../themes/default", import.meta.url).pathname, themeDir, { recursive: true });

const lines = [];
const served = `${root.replace(/\/+$/, "")}.served`;
const serve = spawn(bin, ["serve", "--root", root, "--output-dir", served, "--port", String(port)], {
  stdio: ["ignore", "pipe", "inherit"],
});
const arrived = [];
serve.stdout.on("data", (d) => {
  for (const l of d.toString().split("\n")) {
    if (l.trim()) {
      lines.push(l);
      arrived.push(performance.now());
    }
  }
});
const stop = () => serve.kill("SIGTERM");
process.on("exit", stop);

async function until(what, test, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (test()) return;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

await until("the first build", () => lines.some((l) => l.startsWith("serving ")), 30 * 60 * 1000);
const first = lines.find((l) => l.startsWith("built "));
const base = `http://127.0.0.1:${port}/`;

const md = (dir) => readdirSync(join(root, dir)).filter((f) => f.endsWith(".md") && !f.endsWith(".en.md") && f !== "_index.md").sort();
const news = md("content/news");
const article = news[Math.floor(news.length / 2)];
const stem = (f) => f.replace(/\.md$/, "");
const added = [];

// Each kind: the file it edits, the page open in the browser, the edit, and what shows it.
function kind(name) {
  const para = (dir, file, url) => ({
    url,
    edit(marker) {
      const path = join(root, dir, file);
      keep(path);
      writeFileSync(path, `${readFileSync(path, "utf8")}\n\nĐoạn thử ${marker}.\n`);
    },
    shown: async (page, marker) => (await page.content()).includes(marker),
  });
  switch (name) {
    case "body":
      return para("content/news", article, `tin-tuc/${stem(article)}/`);
    case "title":
      return {
        url: `tin-tuc/${stem(article)}/`,
        edit(marker) {
          const path = join(root, "content/news", article);
          keep(path);
          writeFileSync(path, readFileSync(path, "utf8").replace(/^(title\s*[=:]\s*")/m, `$1${marker} `));
        },
        shown: async (page, marker) => (await page.content()).includes(marker),
      };
    case "model": {
      const m = md("content/models");
      const file = m[Math.floor(m.length / 2)];
      return para("content/models", file, `dien-hinh/${stem(file)}/`);
    }
    case "movement":
      return para("content/movement", "awareness.md", "phong-trao/awareness/");
    case "page": {
      const file = md("content/pages")[0];
      return para("content/pages", file, `trang/${stem(file)}/`);
    }
    case "new": {
      const day = news[news.length - 1].slice(0, 10);
      return {
        url: "tin-tuc/",
        edit(marker) {
          const file = `${day}-${marker}.md`;
          const path = join(root, "content/news", file);
          keep(path);
          writeFileSync(path, `+++\ntitle = "Bài mới ${marker}"\ndate = ${day}\n+++\n\nNội dung ${marker}.\n`);
          added.push(stem(file));
        },
        shown: async (page) => (await page.request.get(`${base}tin-tuc/${added[added.length - 1]}/`)).ok(),
        fetches: true,
      };
    }
    case "deleted": {
      let gone;
      return {
        url: "tin-tuc/",
        edit() {
          gone = added.pop();
          if (!gone) throw new Error("`deleted` deletes what `new` added: run `new` before it, as many times");
          unlinkSync(join(root, "content/news", `${gone}.md`));
        },
        shown: async (page) => (await page.request.get(`${base}tin-tuc/${gone}/`)).status() === 404,
        fetches: true,
      };
    }
    case "edition": {
      const index = process.env.SERVE_EDIT_INDEX || readdirSync(join(root, "data/rankings")).sort()[0];
      const csv = readdirSync(join(root, "data/rankings", index)).filter((f) => f.endsWith(".csv")).sort().pop();
      const path = join(root, "data/rankings", index, csv);
      let n = 0;
      return {
        url: `xep-hang/${index}/${stem(csv.replace(/\.csv$/, ".md"))}/`,
        edit() {
          keep(path);
          const rows = readFileSync(path, "utf8").split("\n");
          const header = rows[0].split(",");
          const col = header.indexOf("score");
          const cells = rows[1].split(",");
          const v = Number(cells[col]);
          cells[col] = (v > 0.5 ? v - 0.0001 * ++n : v + 0.0001 * ++n).toFixed(4);
          rows[1] = cells.join(",");
          writeFileSync(path, rows.join("\n"));
        },
        shown: async () => true,
      };
    }
    case "unit": {
      const path = join(root, "data/units.csv");
      const rows = readFileSync(path, "utf8").split("\n");
      const header = rows[0].split(",");
      const slug = rows[1].split(",")[header.indexOf("slug")] || rows[1].split(",")[0];
      return {
        url: `dia-phuong/${slug}/`,
        edit(marker) {
          keep(path);
          const now = readFileSync(path, "utf8").split("\n");
          const cells = now[1].split(",");
          const col = header.indexOf("name_vi");
          cells[col] = `${cells[col].replace(/ moc-.*$/, "")} ${marker}`;
          now[1] = cells.join(",");
          writeFileSync(path, now.join("\n"));
        },
        shown: async (page, marker) => (await page.content()).includes(marker),
      };
    }
    case "css": {
      const path = join(themeDir, "static/style.css");
      return {
        url: "",
        edit(marker) {
          keep(path);
          writeFileSync(path, `${readFileSync(path, "utf8")}\n.${marker} { color: red; }\n`);
        },
        shown: async (page, marker) => (await (await page.request.get(`${base}assets/style.css`)).text()).includes(marker),
        fetches: true,
      };
    }
    case "template": {
      const path = join(themeDir, "templates/page.html");
      const file = md("content/pages")[0];
      return {
        url: `trang/${stem(file)}/`,
        edit(marker) {
          keep(path);
          const text = readFileSync(path, "utf8").replace(/<article data-moc=[^>]*>/, "<article>");
          writeFileSync(path, text.replace("<article>", `<article data-moc=${marker}>`));
        },
        shown: async (page, marker) => (await page.content()).includes(marker),
      };
    }
  }
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();

const result = { site: root, first_build: first, article: `/tin-tuc/${stem(article)}/` };
try {
  for (const name of KINDS) {
    const k = kind(name);
    await page.goto(base + k.url, { waitUntil: "load" });
    result[name] = [];
    for (let e = 1; e <= EDITS; e++) {
      const marker = `moc-${name}-${e}-${Date.now()}`;
      const seen = lines.length;
      const t0 = performance.now();
      const epoch0 = performance.timeOrigin + t0;
      k.edit(marker);
      let ms;
      for (;;) {
        await page.waitForEvent("load", { timeout: 30 * 60 * 1000 });
        // When the page says its load event came (the clock of the machine, as the edit's),
        // not when the script got to know it and read the page.
        const loaded = await page.evaluate(() => {
          const nav = performance.getEntriesByType("navigation")[0];
          return performance.timeOrigin + (nav ? nav.loadEventStart : performance.now());
        });
        if (await k.shown(page, marker)) {
          // The kinds shown by another file than the page (new, deleted, css): once it is fetched.
          ms = k.fetches ? performance.now() - t0 : loaded - epoch0;
          break;
        }
      }
      await until("the server's line", () => lines.slice(seen).some((l) => l.startsWith("rebuilt ")), 120000);
      const at = lines.findIndex((l, i) => i >= seen && l.startsWith("rebuilt "));
      const line = lines[at];
      const server = Number((line.match(/ in ([0-9.]+) s/) || [])[1]) * 1000;
      // When the open pages were shown, the rest of the rebuild going on (absent: at its end).
      const first = line.match(/shown after ([0-9.]+) s/);
      result[name].push({
        browser_ms: Math.round(ms),
        server_ms: Math.round(server),
        shown_ms: first ? Math.round(Number(first[1]) * 1000) : null,
        rebuilt_after_ms: Math.round(arrived[at] - t0),
        line,
      });
      await sleep(300);
    }
  }
} finally {
  for (const [path, text] of originals) {
    if (text === null) rmSync(path, { force: true });
    else writeFileSync(path, text);
  }
  await browser.close();
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
for (const name of KINDS) {
  result[`${name}_median_browser_ms`] = median(result[name].map((x) => x.browser_ms));
  result[`${name}_median_server_ms`] = median(result[name].map((x) => x.server_ms));
  const shown = result[name].map((x) => x.shown_ms).filter((x) => x !== null);
  if (shown.length === result[name].length) result[`${name}_median_shown_ms`] = median(shown);
}
console.log(JSON.stringify(result));
stop();
await sleep(500);
if (ownTheme) rmSync(themeDir, { recursive: true, force: true });
rmSync(served, { recursive: true, force: true });
process.exit(0);
