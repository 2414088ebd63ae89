// How long an edit takes to show in the browser under `minhbach serve` (issue 7's 300 ms bar).
//
//   node bench/serve-edit.mjs SITE [EDITS]     (after `cargo build --release`)
//
// Starts `target/release/minhbach serve` on SITE (e.g. a corpus of bench/run), opens an article
// from the middle of content/news in headless Chromium and edits its Markdown file EDITS times
// (default 5) in two ways: a paragraph added to the body, then a new title (the title shows on
// list, tag and unit pages too). Each time it measures from the moment the file is written to
// the moment the reloaded page has finished loading and shows the new text. It also reads the
// server's own "rebuilt … in X s" line. The file is restored and the served output (SITE.served)
// removed at the end. Prints one JSON line.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [root, editsArg] = process.argv.slice(2);
if (!root) {
  console.error("usage: node bench/serve-edit.mjs SITE [EDITS]");
  process.exit(2);
}
const EDITS = Number(editsArg || 5);
const port = 20000 + (process.pid % 20000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const lines = [];
const served = `${root.replace(/\/+$/, "")}.served`;
const serve = spawn("target/release/minhbach", ["serve", "--root", root, "--output-dir", served, "--port", String(port)], {
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

await until("the first build", () => lines.some((l) => l.startsWith("serving ")), 15 * 60 * 1000);
const first = lines.find((l) => l.startsWith("built "));

const dir = join(root, "content/news");
const files = readdirSync(dir).filter((f) => f.endsWith(".md") && !f.endsWith(".en.md")).sort();
const name = files[Math.floor(files.length / 2)];
const path = join(dir, name);
const original = readFileSync(path, "utf8");
const url = `http://127.0.0.1:${port}/tin-tuc/${name.replace(/\.md$/, "")}/`;

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
await page.goto(url, { waitUntil: "load" });

const result = { site: root, first_build: first, article: url.replace(/^http:\/\/[^/]+/, ""), body: [], title: [] };
try {
  let text = original;
  for (const kind of ["body", "title"]) {
    for (let k = 1; k <= EDITS; k++) {
      const marker = `moc-${kind}-${k}-${Date.now()}`;
      text = kind === "body"
        ? `${text}\n\nĐoạn thử ${marker}.\n`
        : text.replace(/^(title\s*[=:]\s*")/m, `$1${marker} `);
      const seen = lines.length;
      const t0 = performance.now();
      writeFileSync(path, text);
      for (;;) {
        await page.waitForEvent("load", { timeout: 120000 });
        if ((await page.content()).includes(marker)) break;
      }
      const ms = performance.now() - t0;
      await until("the server's line", () => lines.slice(seen).some((l) => l.startsWith("rebuilt ")), 120000);
      const at = lines.findIndex((l, i) => i >= seen && l.startsWith("rebuilt "));
      const line = lines[at];
      const server = Number((line.match(/ in ([0-9.]+) s/) || [])[1]) * 1000;
      result[kind].push({
        browser_ms: Math.round(ms),
        server_ms: Math.round(server),
        rebuilt_after_ms: Math.round(arrived[at] - t0),
        line,
      });
      await sleep(300);
    }
  }
} finally {
  writeFileSync(path, original);
  await browser.close();
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
for (const kind of ["body", "title"]) {
  result[`${kind}_median_browser_ms`] = median(result[kind].map((x) => x.browser_ms));
  result[`${kind}_median_server_ms`] = median(result[kind].map((x) => x.server_ms));
}
console.log(JSON.stringify(result));
stop();
await sleep(200);
rmSync(served, { recursive: true, force: true });
process.exit(0);
