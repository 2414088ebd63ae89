// Judge: no page is wider than a phone. Every HTML page of the built site is opened in
// Chromium (playwright-core) at 390 px and must keep document.documentElement.scrollWidth
// <= 390: wide tables scroll inside their own box, hashes and long words wrap, charts scale
// to the column. Also checks that every inline chart scales with its column (no SVG wider
// than the viewport) and, on edition pages at 1280 px, that the first chart is at least
// 600 px wide.
//
// Usage: node qa/overflow.mjs SITE_DIR [--base-url URL] [--width 390] [--only a.html,b/index.html]

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { detectBaseUrl, serve, args, walk, isHtml, printDetails } from './lib.mjs';

const a = args();
const siteDir = a._[0];
if (!siteDir || !fs.existsSync(siteDir)) { console.log(`overflow: FAIL no site folder '${siteDir}'`); process.exit(2); }
const baseUrl = a['base-url'] ? String(a['base-url']).replace(/\/?$/, '/') : detectBaseUrl(siteDir);
const basePath = new URL(baseUrl).pathname;
const width = Number(a.width || 390);
const pages = a.only
  ? String(a.only).split(',')
  : walk(siteDir).filter((f) => isHtml(f) && !f.startsWith('assets/') && !f.includes('/embed/')
    // redirect stubs (old addresses) move on at once: their target is judged in its own right
    && !/http-equiv=["']?refresh/i.test(fs.readFileSync(path.join(siteDir, f), 'utf8')));
const { server, port } = await serve(siteDir, basePath);
const origin = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({
  executablePath: process.env.QA_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic'],
});

const bad = [];
let widest = { rel: '', w: 0 };
let mainChart = { min: Infinity, rel: '' };
async function visit(context, rel, w) {
  const page = await context.newPage();
  await page.route('**/*', (r) => (r.request().url().startsWith(origin) ? r.continue() : r.abort('blockedbyclient')));
  await page.goto(origin + basePath + rel.replace(/(^|\/)index\.html$/, '$1'), { waitUntil: 'load' });
  const m = await page.evaluate(() => {
    const doc = document.documentElement;
    const vw = doc.clientWidth;
    // the elements that stick out, for the report
    const out = [];
    if (doc.scrollWidth > vw) {
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right > vw + 0.5 && !el.closest('.table-scroll, .visually-hidden')) {
          out.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''} right=${Math.round(r.right)}`);
          if (out.length >= 3) break;
        }
      }
    }
    // the charts shown: each is in the page twice (phone and desktop drawings), one hidden
    const svgs = [...document.querySelectorAll('.chart-svg svg')]
      .map((s) => Math.round(s.getBoundingClientRect().width))
      .filter((w) => w > 0);
    return { scroll: doc.scrollWidth, vw, out, svgs };
  });
  await page.close();
  return m;
}

const phone = await browser.newContext({ viewport: { width, height: 844 }, serviceWorkers: 'block' });
const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
// two pages at a time: the machine is shared
const queue = [...pages];
async function worker() {
  for (let rel = queue.shift(); rel; rel = queue.shift()) {
    const m = await visit(phone, rel, width);
    if (m.scroll > width) bad.push(`  ${rel}  — scrollWidth ${m.scroll} > ${width}: ${m.out.join(', ')}`);
    if (m.svgs.some((s) => s > m.vw)) bad.push(`  ${rel}  — a chart is wider than the ${m.vw} px viewport: ${m.svgs.join(', ')}`);
    if (m.scroll > widest.w) widest = { rel, w: m.scroll };
    if (/(^|\/)(xep-hang|rankings)\/[^/]+\/[^/]+\/index\.html$/.test(rel)) {
      const d = await visit(desk, rel, 1280);
      if (d.svgs.length && d.svgs[0] < 600) bad.push(`  ${rel}  — main chart ${d.svgs[0]} px wide at 1280 px (want ≥ 600)`);
      if (d.svgs.length && d.svgs[0] < mainChart.min) mainChart = { min: d.svgs[0], rel };
    }
  }
}
await Promise.all([worker(), worker()]);
await browser.close();
server.close();

const chart = Number.isFinite(mainChart.min) ? `; narrowest edition main chart at 1280 px: ${mainChart.min} px` : '';
if (bad.length) {
  printDetails(bad.sort());
  console.log(`overflow: FAIL ${bad.length} of ${pages.length} pages too wide at ${width} px (widest ${widest.w} px: ${widest.rel})${chart}`);
  process.exit(1);
}
console.log(`overflow: ok ${pages.length} pages fit ${width} px (widest scrollWidth ${widest.w} px)${chart}`);
