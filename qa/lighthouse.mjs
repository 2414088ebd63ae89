// Judge: Lighthouse. A few pages of the built site (home, an edition, a unit, the data page,
// a news article), served on 127.0.0.1, are audited by Lighthouse in Chromium (mobile
// emulation, its default); best practices and accessibility must score 100. Performance and
// SEO are printed, not judged: performance depends on the machine's load (and SEO on a
// 127.0.0.1 address is not the published site's).
//
// Usage: node qa/lighthouse.mjs SITE_DIR [--pages a/,b/]

import fs from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { detectBaseUrl, serve, args, walk } from './lib.mjs';

const a = args();
const siteDir = a._[0];
if (!siteDir || !fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.log(`lighthouse: FAIL no site in '${siteDir}'`);
  process.exit(1);
}
const basePath = new URL(detectBaseUrl(siteDir)).pathname;

/** The first page under `prefix` (a folder of the site) that exists, as its folder URL. */
function first(re) {
  const f = walk(siteDir).find((x) => re.test(x));
  return f ? f.replace(/index\.html$/, '') : null;
}
const pages = a.pages
  ? String(a.pages).split(',')
  : ['', first(/^xep-hang\/[^/]+\/\d{4}\/index\.html$/), first(/^dia-phuong\/[^/]+\/index\.html$/), 'du-lieu/',
    first(/^tin-tuc\/\d{4}-[^/]+\/index\.html$/)].filter((p) => p !== null);

const { server, port } = await serve(siteDir, basePath);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.QA_CHROMIUM || '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const judged = ['best-practices', 'accessibility'];
const bad = [];
const lines = [];
try {
  for (const rel of pages) {
    const url = `http://127.0.0.1:${port}${basePath}${rel}`;
    const r = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
    const c = r.lhr.categories;
    const s = (k) => (c[k] && c[k].score !== null ? Math.round(c[k].score * 100) : '?');
    lines.push(`  /${rel}: performance ${s('performance')}, accessibility ${s('accessibility')}, ` +
      `best-practices ${s('best-practices')}, seo ${s('seo')}`);
    for (const k of judged) {
      if (s(k) === 100) continue;
      const failing = c[k].auditRefs.map((x) => r.lhr.audits[x.id])
        .filter((x) => x.score !== null && x.score < 1 && x.scoreDisplayMode !== 'informative' && x.scoreDisplayMode !== 'manual')
        .map((x) => x.id);
      bad.push(`/${rel}: ${k} ${s(k)} (${failing.join(', ')})`);
    }
  }
} finally {
  await chrome.kill();
  server.close();
}
lines.forEach((l) => console.log(l));
bad.forEach((l) => console.log('  ' + l));
console.log(bad.length
  ? `lighthouse: FAIL ${bad.length} scores under 100 on ${pages.length} pages`
  : `lighthouse: ok best-practices and accessibility 100 on ${pages.length} pages`);
process.exit(bad.length ? 1 : 0);
