// Judge: search. In Chromium, on the built site served on 127.0.0.1, a reader types into the
// search page and must see the expected unit among the results: "da nang", "Da Nang" and
// "ĐÀ NẴNG" find Đà Nẵng in Vietnamese, "da nang" finds Da Nang in English, and the first
// result of "ha noi" is Hà Nội (exact matches first). The names people type find their unit
// first: "tp hcm", "thành phố hồ chí minh", "sài gòn", "thua thien hue" in Vietnamese, "hanoi",
// "danang", "hcmc", "saigon" in English (from the names register and the names without spaces).
// One result is counted "1 kết quả" / "1 result". With JavaScript off, the search page lists
// every unit A–Z, its initials jump into the list, and the form (which needs the script) is
// hidden. The copy button of a "cite this" block appears once the script runs.
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
// The first result must be the unit.
const firsts = [
  ['tim-kiem/', 'tp hcm', 'Hồ Chí Minh'],
  ['tim-kiem/', 'TP. HCM', 'Hồ Chí Minh'],
  ['tim-kiem/', 'thành phố hồ chí minh', 'Hồ Chí Minh'],
  ['tim-kiem/', 'sài gòn', 'Hồ Chí Minh'],
  ['tim-kiem/', 'thua thien hue', 'Huế'],
  ['tim-kiem/', 'hanoi', 'Hà Nội'],
  ['tim-kiem/', 'tỉnh lào cai', 'Lào Cai'],
  ['en/search/', 'hanoi', 'Ha Noi'],
  ['en/search/', 'danang', 'Da Nang'],
  ['en/search/', 'hochiminh', 'Ho Chi Minh City'],
  ['en/search/', 'hcmc', 'Ho Chi Minh City'],
  ['en/search/', 'saigon', 'Ho Chi Minh City'],
  ['en/search/', 'thua thien hue', 'Hue'],
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
  for (const [path, query, expected] of firsts) {
    await page.goto(`http://127.0.0.1:${port}/${path}`);
    await page.fill('#q', query);
    await page.waitForSelector('#results li a', { timeout: 5000 }).catch(() => {});
    const got = await page.$$eval('#results li a', (xs) => xs.slice(0, 3).map((x) => x.textContent));
    if (got[0] !== expected) problems.push(`/${path}: the first result of "${query}" is ${JSON.stringify(got[0] ?? null)}, not "${expected}" (first results: ${JSON.stringify(got)})`);
    else passed++;
  }
  // Counted in proper plural: a query with one result says "1 kết quả" / "1 result".
  for (const [path, want] of [['tim-kiem/', '1 kết quả'], ['en/search/', '1 result']]) {
    await page.goto(`http://127.0.0.1:${port}/${path}`);
    await page.fill('#q', 'hcmc');
    await page.waitForSelector('#results p', { timeout: 5000 }).catch(() => {});
    const count = await page.$eval('#results p', (x) => x.textContent).catch(() => null);
    if (count !== want) problems.push(`/${path}: one result is counted ${JSON.stringify(count)}, not "${want}"`);
    else passed++;
  }
  // Without JavaScript: the A–Z list of every unit, initials that jump into it, no dead form.
  const off = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 900 } });
  try {
    const nojs = await off.newPage();
    await nojs.goto(`http://127.0.0.1:${port}/tim-kiem/`);
    const formShown = await nojs.$eval('form.search-form', (f) => f.offsetParent !== null).catch(() => false);
    const names = await nojs.$$eval('.az-list li a', (xs) => xs.map((x) => x.textContent));
    const jump = await nojs.$eval('.az-nav a[href="#az-h"]', (a) => a.textContent).catch(() => null);
    if (formShown) problems.push('/tim-kiem/ without JavaScript: the search form is shown but cannot work');
    else passed++;
    if (!['Hà Nội', 'Hồ Chí Minh', 'Đà Nẵng', 'Bộ Tài chính'].every((n) => names.includes(n))) problems.push(`/tim-kiem/ without JavaScript: the A–Z list misses units (${names.length} listed)`);
    else passed++;
    if (jump === null) problems.push('/tim-kiem/ without JavaScript: no initial "H" jumps into the A–Z list');
    else {
      await nojs.click('.az-nav a[href="#az-h"]');
      if (!nojs.url().endsWith('#az-h') || !(await nojs.$('#az-h'))) problems.push('/tim-kiem/ without JavaScript: the initial "H" does not land on its letter');
      else passed++;
    }
  } finally {
    await off.close();
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
const total = cases.length + firsts.length + 2 + 3 + 3;
if (problems.length) {
  console.log(`search: FAIL ${passed}/${total} checks in Chromium; ${problems.length} problems`);
  process.exit(1);
}
console.log(`search: ok ${passed}/${total} checks in Chromium (typed queries and common names found their units first; counted in proper plural; A–Z list without JavaScript; copy button shown)`);
