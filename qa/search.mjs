// Judge: search. In Chromium, on the built site served on 127.0.0.1, a reader types into the
// search page and must see the expected unit among the results: "da nang", "Da Nang" and
// "ĐÀ NẴNG" find Đà Nẵng in Vietnamese, "da nang" finds Da Nang in English, and the first
// result of "ha noi" is Hà Nội (exact matches first). The copy button of a "cite this" block
// appears once the script runs.
//
// Usage: node qa/search.mjs SITE_DIR

import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { serve, args } from './lib.mjs';

const a = args();
const siteDir = a._[0];
if (!siteDir || !fs.existsSync(`${siteDir}/tim-kiem/index.html`)) {
  console.log(`search: FAIL no search page in '${siteDir}'`);
  process.exit(1);
}
const { server, port } = await serve(siteDir, '/');
const browser = await chromium.launch({
  executablePath: process.env.QA_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic'],
});
const cases = [
  ['tim-kiem/', 'da nang', 'Đà Nẵng'],
  ['tim-kiem/', 'Da Nang', 'Đà Nẵng'],
  ['tim-kiem/', 'ĐÀ NẴNG', 'Đà Nẵng'],
  ['tim-kiem/', 'dak lak', 'Đắk Lắk'],
  ['en/search/', 'da nang', 'Da Nang'],
  ['en/search/', 'Đà Nẵng', 'Da Nang'],
];
const problems = [];
let passed = 0;
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
  for (const [path, query, expected] of cases) {
    await page.goto(`http://127.0.0.1:${port}/${path}`);
    await page.fill('#q', query);
    try {
      await page.waitForFunction((want) => [...document.querySelectorAll('#results li a')].some((x) => x.textContent === want), expected, { timeout: 5000 });
      passed++;
    } catch {
      const got = await page.$$eval('#results li a', (xs) => xs.slice(0, 5).map((x) => x.textContent));
      problems.push(`/${path}: typing "${query}" did not list "${expected}" (first results: ${JSON.stringify(got)})`);
    }
  }
  await page.goto(`http://127.0.0.1:${port}/tim-kiem/`);
  await page.fill('#q', 'ha noi');
  await page.waitForSelector('#results li a', { timeout: 5000 }).catch(() => {});
  const first = await page.$eval('#results li a', (x) => x.textContent).catch(() => null);
  if (first !== 'Hà Nội') problems.push(`/tim-kiem/: the first result of "ha noi" is ${JSON.stringify(first)}, not "Hà Nội"`);
  else passed++;
  const href = await page.$eval('#results li a', (x) => x.getAttribute('href')).catch(() => null);
  await page.click('#results li a').catch(() => {});
  await page.waitForLoadState();
  if (!page.url().endsWith('/dia-phuong/ha-noi/')) problems.push(`following the first result (${href}) lands on ${page.url()}`);
  else passed++;
  await page.goto(`http://127.0.0.1:${port}/xep-hang/dti-tinh/2022/`);
  const copyShown = await page.$eval('button.copy', (b) => !b.hidden).catch(() => false);
  if (!copyShown) problems.push('/xep-hang/dti-tinh/2022/: the copy button of "cite this" is not shown');
  else passed++;
} finally {
  await browser.close();
  server.close();
}
for (const p of problems) console.log(`  ${p}`);
const total = cases.length + 3;
if (problems.length) {
  console.log(`search: FAIL ${passed}/${total} checks in Chromium; ${problems.length} problems`);
  process.exit(1);
}
console.log(`search: ok ${passed}/${total} checks in Chromium (typed queries found their units; exact match first; copy button shown)`);
