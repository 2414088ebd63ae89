// Judge: privacy. No page makes the reader's browser contact anything but the
// site's own origin.
//  1. statically, over every HTML, CSS and SVG file: every resource URL (src,
//     srcset, poster, data, <link> stylesheet/icon/preload/preconnect/…,
//     CSS url() and @import, inline style url(), SVG href, ping) stays on the
//     origin of the page (the base URL's origin);
//  2. dynamically, the log of every request Chromium made during the axe run
//     (written by qa/axe.mjs): none may leave 127.0.0.1.
// Plain <a href="https://…"> links are navigation, not requests, and allowed.
//
// Usage: node qa/privacy.mjs SITE_DIR [--requests FILE.json] [--base-url URL]

import fs from 'node:fs';
import path from 'node:path';
import { walk, isHtml, detectBaseUrl, urlOfFile, extractHtml, cssUrls, classify, args, printDetails } from './lib.mjs';

const a = args();
const siteDir = a._[0];
if (!siteDir || !fs.existsSync(siteDir)) { console.log(`privacy: FAIL no site folder '${siteDir}'`); process.exit(2); }
const baseUrl = a['base-url'] ? String(a['base-url']).replace(/\/?$/, '/') : detectBaseUrl(siteDir);
const origin = new URL(baseUrl).origin;
const problems = [];
let checked = 0;
let files = 0;

function judge(rel, ref, docUrl) {
  if (!ref.resource) return;
  checked++;
  const where = `${rel}:${ref.line ?? '?'}: <${ref.tag} ${ref.attr}="${ref.value}"${ref.rel ? ` rel="${ref.rel}"` : ''}>`;
  const c = classify(ref.value);
  if (c === 'empty') return;
  if (c === 'forbidden:data') return; // data: is no request (the links judge refuses it on links)
  if (c.startsWith('other:') || c.startsWith('forbidden:')) { problems.push(`${where} resource with scheme ${c.split(':')[1]}:`); return; }
  let u;
  try { u = new URL(ref.value, docUrl); } catch { return; }
  if (u.origin !== origin) problems.push(`${where} off-origin resource ${u.origin}`);
}

for (const rel of walk(siteDir)) {
  const abs = path.join(siteDir, rel);
  const fileUrl = urlOfFile(baseUrl, rel);
  if (isHtml(rel)) {
    files++;
    const doc = extractHtml(fs.readFileSync(abs, 'utf8'));
    if (doc.baseHref) {
      const b = new URL(doc.baseHref, fileUrl);
      if (b.origin !== origin) problems.push(`${rel}: <base href="${doc.baseHref}"> points off-origin`);
    }
    const docUrl = doc.baseHref ? new URL(doc.baseHref, fileUrl).href : fileUrl;
    for (const ref of doc.refs) judge(rel, ref, docUrl);
  } else if (/\.css$/i.test(rel)) {
    files++;
    for (const v of cssUrls(fs.readFileSync(abs, 'utf8'))) judge(rel, { tag: 'css', attr: 'url()', value: v, resource: true }, fileUrl);
  } else if (/\.svg$/i.test(rel)) {
    files++;
    const text = fs.readFileSync(abs, 'utf8');
    const doc = extractHtml(text, { xml: true });
    for (const ref of doc.refs) judge(rel, ref, fileUrl);
    for (const v of cssUrls(text)) judge(rel, { tag: 'svg-css', attr: 'url()', value: v, resource: true }, fileUrl);
  }
}

// The browser log.
let browserNote = 'no browser log';
if (a.requests) {
  if (!fs.existsSync(a.requests)) {
    problems.push(`browser request log ${a.requests} missing (did the axe judge run?)`);
  } else {
    const log = JSON.parse(fs.readFileSync(a.requests, 'utf8'));
    const off = log.requests.filter((r) => !r.local);
    for (const r of off) problems.push(`browser: ${r.page} requested ${r.url} (${r.resourceType}) — blocked by the qa harness`);
    browserNote = `${log.requests.length} browser requests from ${log.pages} pages, ${off.length} off 127.0.0.1`;
  }
}

printDetails(problems);
console.log(`privacy: ${problems.length ? 'FAIL' : 'ok'} ${files} files, ${checked} resource URLs on origin ${origin}; ${browserNote}; ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
