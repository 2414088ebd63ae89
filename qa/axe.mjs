// Judge: accessibility. axe-core in Debian's Chromium (driven by
// playwright-core) over a sample of pages covering every page type in both
// languages (qa/sample.mjs), at 390 px and 1280 px wide. The site is served
// from its own folder on 127.0.0.1 under the base URL's path, so a site built
// for a sub-folder is tested in a sub-folder.
//
// Fails on any axe violation, any uncaught page error, any same-origin
// resource answering 4xx/5xx. Also logs every request Chromium makes (the
// privacy judge reads it); requests leaving 127.0.0.1 are aborted, never sent.
//
// Usage: node qa/axe.mjs SITE_DIR [--requests OUT.json] [--base-url URL]
//        [--units data/units.csv] [--min 30] [--screenshots DIR] [--only a.html,b/index.html]

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { detectBaseUrl, serve, args, printDetails } from './lib.mjs';
import { pickSample } from './sample.mjs';

const require = createRequire(import.meta.url);
const a = args();
const siteDir = a._[0];
if (!siteDir || !fs.existsSync(siteDir)) { console.log(`axe: FAIL no site folder '${siteDir}'`); process.exit(2); }
const baseUrl = a['base-url'] ? String(a['base-url']).replace(/\/?$/, '/') : detectBaseUrl(siteDir);
const basePath = new URL(baseUrl).pathname;
const widths = String(process.env.QA_AXE_WIDTHS || '390,1280').split(',').map(Number);
const unitsCsv = a.units || path.join(process.env.QA_SITE_ROOT || '.', 'data/units.csv');
// --only a,b: just these pages (the self-test uses it); else the automatic sample.
const sample = a.only
  ? String(a.only).split(',').map((rel) => ({ rel, why: 'asked for' }))
  : pickSample(siteDir, baseUrl, { min: Number(a.min || 30), unitsCsv });
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const axeVersion = require('axe-core/package.json').version;

// axe-core is served by the harness at a path of its own, so Chromium compiles it once and
// reuses its code cache on every page (inlining it costs ~0.3 s a page).
const AXE_PATH = '/__qa__/axe.min.js';
const { server, port } = await serve(siteDir, basePath, { extra: { [AXE_PATH]: { type: 'text/javascript; charset=utf-8', body: axeSource } } });
const localOrigin = `http://127.0.0.1:${port}`;
const local = (u) => { try { return new URL(u).origin === localOrigin; } catch { return false; } };
const isNetwork = (u) => /^(https?|wss?|ftp):/i.test(u);

// Pages to visit: the sample, plus a missing URL deep in the site, which the
// server answers with 404.html (its styles and links must still work there).
const visits = sample.map((s) => ({ ...s, url: localOrigin + basePath + s.rel.replace(/(^|\/)index\.html$/, '$1') }));
if (!a.only) visits.push({ rel: '(missing page, 3 levels deep → 404.html)', why: '404 served deep', url: `${localOrigin}${basePath}qa-missing/deeper/page/`, expect404: true });

const browser = await chromium.launch({
  executablePath: process.env.QA_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic'],
});

const violations = [];
const errors = [];
const requests = [];
const seenReq = new Set();
let incomplete = 0;
const rulesHit = new Map();
const byRule = new Map(); // rule id -> {help, impact, where: [page@width: target `html`]}

// The widths run side by side, each in its own browser context.
async function runWidth(width) {
  let current = { rel: '' };
  const context = await browser.newContext({
    viewport: { width, height: width < 600 ? 844 : 900 },
    bypassCSP: true, // lets us inject axe, whatever the page's CSP says
    serviceWorkers: 'block',
  });
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (local(u) || !isNetwork(u)) return route.continue();
    return route.abort('blockedbyclient');
  });
  context.on('request', (r) => {
    const u = r.url();
    if (!isNetwork(u) || u === localOrigin + AXE_PATH) return;
    const k = `${current.rel}\u0000${u}`;
    if (seenReq.has(k)) return;
    seenReq.add(k);
    requests.push({ page: current.rel, url: u, resourceType: r.resourceType(), local: local(u), width });
  });
  context.on('response', (resp) => {
    const r = resp.request();
    if (!local(resp.url())) return;
    const isMain = r.isNavigationRequest() && r.frame() === r.frame().page()?.mainFrame();
    if (resp.status() >= 400 && !(isMain && current.expect404)) {
      errors.push(`[${width}px] ${current.rel}: ${r.resourceType()} ${resp.url().slice(localOrigin.length)} answered ${resp.status()}`);
    }
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`[${width}px] ${current.rel}: uncaught script error: ${String(e.message || e).split('\n')[0]}`));
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`[${width}px] ${current.rel}: console error: ${m.text().split('\n')[0]}`); });

  for (const v of visits) {
    current = v;
    let resp;
    try {
      resp = await page.goto(v.url, { waitUntil: 'load', timeout: 30000 });
    } catch (e) {
      errors.push(`[${width}px] ${v.rel}: could not load: ${String(e.message).split('\n')[0]}`);
      continue;
    }
    if (!v.expect404 && resp && resp.status() >= 400) continue; // reported by the response hook
    if (v.expect404 && resp && resp.status() !== 404) errors.push(`[${width}px] ${v.rel}: expected status 404, got ${resp.status()}`);
    await page.addScriptTag({ url: localOrigin + AXE_PATH });
    const res = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return {
        incomplete: r.incomplete.length,
        violations: r.violations.map((x) => ({
          id: x.id, impact: x.impact, help: x.help,
          nodes: x.nodes.map((n) => ({
            target: n.target.join(' '),
            html: (n.html || '').replace(/\s+/g, ' ').slice(0, 160),
            summary: (n.failureSummary || '').split('\n').slice(0, 2).join(' ').replace(/\s+/g, ' '),
          })),
        })),
      };
    });
    incomplete += res.incomplete;
    for (const x of res.violations) {
      rulesHit.set(x.id, (rulesHit.get(x.id) || 0) + x.nodes.length);
      if (!byRule.has(x.id)) byRule.set(x.id, { help: x.help, impact: x.impact, where: [] });
      for (const n of x.nodes) {
        violations.push(`[${width}px] ${v.rel}: ${x.id} (${x.impact}): ${x.help} — target: ${n.target} — \`${n.html}\` — ${n.summary}`);
        byRule.get(x.id).where.push({ page: v.rel, width, target: n.target, html: n.html });
      }
    }
    if (a.screenshots) {
      fs.mkdirSync(a.screenshots, { recursive: true });
      const name = `${width}-${v.rel.replace(/[^a-z0-9]+/gi, '_')}.png`;
      await page.screenshot({ path: path.join(a.screenshots, name), fullPage: true });
    }
  }
  await context.close();
}
await Promise.all(widths.map(runWidth));
await browser.close();
server.close();

if (a.requests) {
  fs.mkdirSync(path.dirname(a.requests), { recursive: true });
  fs.writeFileSync(a.requests, JSON.stringify({ pages: visits.length, widths, requests }, null, 1));
}

console.log(`  sample (${visits.length} pages):`);
printDetails(visits.map((v) => `${v.rel}  — ${v.why}`), 500);
if (violations.length) {
  console.log(`  ${violations.length} violations of ${byRule.size} rules:`);
  for (const [id, r] of [...byRule.entries()].sort((x, y) => y[1].where.length - x[1].where.length)) {
    const pages = [...new Set(r.where.map((w) => w.page))];
    const e = r.where[0];
    console.log(`  ${id} (${r.impact}) ×${r.where.length} on ${pages.length} pages: ${r.help}`);
    console.log(`      e.g. ${e.page} [${e.width}px] ${e.target} \`${e.html}\`${pages.length > 1 ? `; also ${pages.slice(1, 5).join(', ')}${pages.length > 5 ? ', …' : ''}` : ''}`);
  }
  console.log('  every violation:');
}
violations.sort();
printDetails(violations, Number(process.env.QA_MAX_DETAILS || 1000));
if (errors.length) console.log('  page errors:');
printDetails(errors);
const failed = violations.length + errors.length > 0;
const rules = [...rulesHit.entries()].map(([k, n]) => `${k}×${n}`).join(', ');
console.log(`axe: ${failed ? 'FAIL' : 'ok'} ${visits.length} pages × ${widths.map((w) => w + 'px').join('/')}, axe-core ${axeVersion}: ${violations.length} violations${rules ? ` (${rules})` : ''}, ${errors.length} page errors, ${incomplete} needs-review (not failing)`);
process.exit(failed ? 1 : 0);
