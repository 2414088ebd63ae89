// Before/after screenshots of a built site, side by side, with page weights.
//
// Usage: node qa/screenshots.mjs BEFORE_DIR AFTER_DIR [--out docs/screenshots]
//          [--article tin-tuc/SLUG/] [--screens 3] [--only NAME,NAME] [--note FILE]
//
// BEFORE_DIR and AFTER_DIR are two built sites (`minhbach build` output). Each is served on
// 127.0.0.1 and opened in Chromium (playwright-core, /usr/bin/chromium or QA_CHROMIUM) at 390
// and 1280 px. For every page and width it writes NAME-WIDTH.jpg (before | after, the first
// SCREENS screens of the page) and README.md with the page weights: the HTML's bytes and every
// byte Chromium transferred while loading the page at that width (images, CSS, charts; lazy
// images below the first screen are not counted until they are scrolled to, as in a browser).
// Needs ImageMagick (`montage`, `convert`). --note FILE: Markdown put under the README's title
// (how the two sites were made).
//
// The article defaults to the first news article whose page has a <picture> or <img> from
// the site's static files in the AFTER site.

import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { detectBaseUrl, serve, args, walk } from './lib.mjs';

const a = args();
const [beforeDir, afterDir] = a._;
if (!beforeDir || !afterDir || !fs.existsSync(beforeDir) || !fs.existsSync(afterDir)) {
  console.error('usage: node qa/screenshots.mjs BEFORE_DIR AFTER_DIR [--out docs/screenshots] [--article tin-tuc/SLUG/]');
  process.exit(2);
}
const out = a.out || 'docs/screenshots';
const screens = Number(a.screens || 3);
fs.mkdirSync(out, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shots-'));

function findArticle(dir) {
  for (const f of walk(dir)) {
    if (!/^tin-tuc\/[^/]+\/index\.html$/.test(f)) continue;
    const html = fs.readFileSync(path.join(dir, f), 'utf8');
    if (/<(picture|img)\b[^>]*>/.test(html.replace(/<header\b[\s\S]*?<\/header>/, ''))) return f.replace(/index\.html$/, '');
  }
  return null;
}

const article = a.article || findArticle(afterDir);
const pages = [
  ['home', ''],
  ['edition', 'xep-hang/dti-tinh/2024/'],
  ['unit', 'dia-phuong/da-nang/'],
  ['data', 'du-lieu/'],
  ...(article ? [['article', article]] : []),
].filter(([n]) => !a.only || String(a.only).split(',').includes(n));
const widths = [[390, 844], [1280, 800]];

const browser = await chromium.launch({
  executablePath: process.env.QA_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--hide-scrollbars'],
});

async function shoot(dir, tag) {
  const basePath = new URL(detectBaseUrl(dir)).pathname;
  const { server, port } = await serve(dir, basePath);
  const origin = `http://127.0.0.1:${port}`;
  const res = {};
  for (const [w, h] of widths) {
    const context = await browser.newContext({ viewport: { width: w, height: h }, deviceScaleFactor: 1 });
    for (const [name, rel] of pages) {
      const page = await context.newPage();
      await page.route('**/*', (r) => (r.request().url().startsWith(origin) ? r.continue() : r.abort('blockedbyclient')));
      const requests = [];
      page.on('requestfinished', (r) => requests.push(r));
      const resp = await page.goto(origin + basePath + rel, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      let html = 0;
      let total = 0;
      for (const r of requests) {
        const s = await r.sizes();
        total += s.responseBodySize + s.responseHeadersSize;
        if (r === resp.request()) html = s.responseBodySize;
      }
      const file = path.join(tmp, `${name}-${w}-${tag}.png`);
      const full = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: w, height: Math.min(full, h * screens) } });
      res[`${name}-${w}`] = { html, total, status: resp.status() };
      await page.close();
    }
    await context.close();
  }
  server.close();
  return res;
}

const before = await shoot(beforeDir, 'before');
const after = await shoot(afterDir, 'after');
await browser.close();

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = [];
for (const [name, rel] of pages) {
  for (const [w] of widths) {
    const key = `${name}-${w}`;
    const img = `${key}.jpg`;
    // At 1280 px the pair is shown at two thirds; a phone pair keeps its pixels.
    const scale = w > 800 ? '66%' : '100%';
    execFileSync('montage', [
      '-label', 'before', path.join(tmp, `${key}-before.png`),
      '-label', 'after', path.join(tmp, `${key}-after.png`),
      '-tile', '2x1', '-geometry', '+12+0', '-background', '#d0d0d0', '-pointsize', '20',
      path.join(tmp, `${key}.png`),
    ]);
    execFileSync('convert', [path.join(tmp, `${key}.png`), '-resize', scale, '-strip', '-quality', '62',
      '-sampling-factor', '4:2:0', '-interlace', 'JPEG', path.join(out, img)]);
    const b = before[key];
    const f = after[key];
    rows.push(`| ${name} (\`/${rel}\`) | ${w} | [${img}](${img}) | ${kb(b.html)} → ${kb(f.html)} | ${kb(b.total)} → ${kb(f.total)} |`);
  }
}
fs.rmSync(tmp, { recursive: true, force: true });

const note = a.note ? `${fs.readFileSync(a.note, 'utf8').trim()}\n\n` : '';
const readme = `# Before / after screenshots

${note}Made by \`node qa/screenshots.mjs BEFORE_SITE AFTER_SITE\` (two built sites; see the script's
header). Each image shows the same page before (left) and after (right), the first ${screens}
screens at that width (390 px: a phone, 844 px high; 1280 px: a laptop, 800 px high, shown at
two thirds of their size). Weights are as Chromium loads the page at that width: the HTML's bytes, and every
byte transferred (HTML, CSS, images, charts, fonts, headers); lazy images below the first
screen are not counted.

| page | width (px) | before \\| after | HTML before → after | transferred before → after |
|---|---|---|---|---|
${rows.join('\n')}
`;
fs.writeFileSync(path.join(out, 'README.md'), readme);
console.log(readme);
