// Judge: feeds and sitemap.
//  - every .xml and .svg file is well-formed (xmllint --noout);
//  - every <loc> (and xhtml:link alternate) of sitemap.xml, or of the
//    sitemaps a sitemap index lists, maps to an existing file of the site;
//  - every <link href> of every Atom feed (and RSS <link>) maps to a file;
//  - robots.txt's Sitemap: lines map to files;
//  - SHA256SUMS, when present: every listed file exists with that hash, and
//    every published file is listed (but the manifest and the `.minhbach-output` marker).
//
// Usage: node qa/xml.mjs SITE_DIR [--base-url URL]

import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { Parser } from 'htmlparser2';
import { walk, detectBaseUrl, fileForUrl, args, printDetails } from './lib.mjs';

const a = args();
const siteDir = a._[0];
if (!siteDir || !fs.existsSync(siteDir)) { console.log(`xml: FAIL no site folder '${siteDir}'`); process.exit(2); }
const baseUrl = a['base-url'] ? String(a['base-url']).replace(/\/?$/, '/') : detectBaseUrl(siteDir);
const files = walk(siteDir);
const problems = [];
const counts = { xml: 0, svg: 0, sitemapUrls: 0, feedLinks: 0, sums: 0 };

// 1. Well-formedness, in batches (one xmllint per 200 files).
const xmlish = files.filter((f) => /\.(xml|svg|atom|rss|xsl)$/i.test(f));
counts.xml = xmlish.filter((f) => !/\.svg$/i.test(f)).length;
counts.svg = xmlish.length - counts.xml;
for (let i = 0; i < xmlish.length; i += 200) {
  const batch = xmlish.slice(i, i + 200);
  const r = spawnSync('xmllint', ['--noout', '--nonet', ...batch], { cwd: siteDir, encoding: 'utf8' });
  if (r.error) { problems.push(`xmllint could not run: ${r.error.message}`); break; }
  if (r.status !== 0) {
    for (const l of (r.stderr || '').split('\n').filter((x) => /error/i.test(x))) problems.push(`not well-formed: ${l}`);
  }
}

// Tiny XML element walker.
function elements(text) {
  const out = [];
  const stack = [];
  const p = new Parser({
    onopentag(name, attribs) { const el = { name, attribs, text: '', parent: stack[stack.length - 1] }; out.push(el); stack.push(el); },
    ontext(t) { if (stack.length) stack[stack.length - 1].text += t; },
    onclosetag() { stack.pop(); },
  }, { xmlMode: true, decodeEntities: true });
  p.write(text);
  p.end();
  return out;
}

function mustMap(where, url) {
  const t = fileForUrl(siteDir, baseUrl, url);
  if (!t.inside) { problems.push(`${where}: ${url} is not under the base URL ${baseUrl}`); return; }
  if (!t.ok) problems.push(`${where}: ${url} → no file ${t.file}`);
}

// 2. Sitemaps.
const sitemaps = new Set(files.filter((f) => /(^|\/)sitemap[^/]*\.xml$/i.test(f)));
if (!files.includes('sitemap.xml')) problems.push('no sitemap.xml at the site root');
for (const sm of [...sitemaps]) {
  const els = elements(fs.readFileSync(path.join(siteDir, sm), 'utf8'));
  for (const el of els) {
    const local = el.name.replace(/^.*:/, '');
    if (local === 'loc') { counts.sitemapUrls++; mustMap(`${sm} <loc>`, el.text.trim()); }
    if (el.name === 'xhtml:link' && el.attribs.href) { counts.sitemapUrls++; mustMap(`${sm} <xhtml:link hreflang="${el.attribs.hreflang}">`, el.attribs.href.trim()); }
  }
}

// 3. Feeds.
for (const f of files.filter((x) => /\.(xml|atom|rss)$/i.test(x) && !sitemaps.has(x))) {
  const text = fs.readFileSync(path.join(siteDir, f), 'utf8');
  const els = elements(text);
  const root = els[0]?.name;
  if (root === 'feed') {
    for (const el of els.filter((e) => e.name === 'link' && e.attribs.href)) {
      counts.feedLinks++;
      const u = new URL(el.attribs.href.trim(), new URL(f, baseUrl)).href;
      if (fileForUrl(siteDir, baseUrl, u).inside) mustMap(`${f} <link rel="${el.attribs.rel || 'alternate'}">`, u);
    }
  } else if (root === 'rss') {
    for (const el of els.filter((e) => e.name === 'link' && e.text.trim())) {
      counts.feedLinks++;
      if (fileForUrl(siteDir, baseUrl, el.text.trim()).inside) mustMap(`${f} <link>`, el.text.trim());
    }
  }
}

// 4. robots.txt
if (files.includes('robots.txt')) {
  for (const m of fs.readFileSync(path.join(siteDir, 'robots.txt'), 'utf8').matchAll(/^\s*sitemap:\s*(\S+)/gim)) mustMap('robots.txt Sitemap:', m[1]);
}

// 5. SHA256SUMS
if (files.includes('SHA256SUMS')) {
  const listed = new Set();
  for (const [i, line] of fs.readFileSync(path.join(siteDir, 'SHA256SUMS'), 'utf8').split('\n').entries()) {
    if (!line.trim()) continue;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) { problems.push(`SHA256SUMS:${i + 1}: not "<sha256>  <path>": ${line.slice(0, 80)}`); continue; }
    const rel = m[2].replace(/^\.\//, '');
    listed.add(rel);
    counts.sums++;
    const abs = path.join(siteDir, rel);
    if (!fs.existsSync(abs)) { problems.push(`SHA256SUMS:${i + 1}: ${rel} does not exist`); continue; }
    const h = crypto.createHash('sha256').update(fs.readFileSync(abs)).digest('hex');
    if (h !== m[1]) problems.push(`SHA256SUMS:${i + 1}: ${rel} has sha256 ${h}, manifest says ${m[1]}`);
  }
  // The manifest itself and minhbach's marker of its own output folder are not site files.
  const unlisted = files.filter((f) => f !== 'SHA256SUMS' && f !== '.minhbach-output' && !listed.has(f));
  if (unlisted.length) problems.push(`SHA256SUMS misses ${unlisted.length} published files, e.g. ${unlisted.slice(0, 5).join(', ')}`);
}

printDetails(problems);
console.log(`xml: ${problems.length ? 'FAIL' : 'ok'} ${counts.xml} xml + ${counts.svg} svg files well-formed check, ${counts.sitemapUrls} sitemap URLs, ${counts.feedLinks} feed links, ${counts.sums} SHA256SUMS entries; ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
