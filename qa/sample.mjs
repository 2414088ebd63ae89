// Picks the pages the browser judges look at, from the built site alone (plus
// data/units.csv when present, to find a continuing, an absorbed and a
// ministry unit). Every page type, grouped by language, first URL segment
// and depth, contributes its first, middle and last page; each pick brings its
// other-language counterpart (from its hreflang links); the 404 page always.
//
// Usage as a module: pickSample(siteDir, baseUrl, {min, unitsCsv}) -> [{rel, why}]
// Usage as a script: node qa/sample.mjs SITE_DIR   (prints the sample)

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { walk, isHtml, detectBaseUrl, extractHtml, fileForUrl, args } from './lib.mjs';

/** Vietnamese-aware slug: "Đà Nẵng" -> "da-nang". */
export function slugify(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Minimal RFC 4180 CSV reader (quotes, doubled quotes, CRLF, BOM). */
export function parseCsv(text) {
  text = text.replace(/^\uFEFF/, '');
  const rows = [];
  let row = [];
  let field = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"') { if (text[i + 1] === '"') { field += '"'; i++; } else q = false; } else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [head, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  if (!head) return [];
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

function pageUrlPath(rel) {
  return rel.replace(/(^|\/)index\.html$/, '$1');
}

export function pickSample(siteDir, baseUrl, { min = 30, unitsCsv = null } = {}) {
  const pages = walk(siteDir).filter(isHtml);
  const have = new Set(pages);
  const picks = new Map(); // rel -> why
  const add = (rel, why) => { if (have.has(rel) && !picks.has(rel)) picks.set(rel, why); };

  // Fixed picks.
  add('index.html', 'home');
  add('en/index.html', 'home (en)');
  add('404.html', '404');

  // Units from data/units.csv.
  if (unitsCsv && fs.existsSync(unitsCsv)) {
    const units = parseCsv(fs.readFileSync(unitsCsv, 'utf8')).sort((x, y) => (x.id < y.id ? -1 : 1));
    const byCat = [
      ['continuing province', (u) => u.kind === 'province' && !u.valid_to && !u.successor],
      ['absorbed province', (u) => u.kind === 'province' && (u.valid_to || u.successor)],
      ['ministry', (u) => u.kind === 'ministry'],
      ['commune', (u) => u.kind === 'commune'],
    ];
    for (const [cat, pred] of byCat) {
      for (const u of units.filter(pred)) {
        const slug = u.slug || slugify(u.name_vi || '');
        if (!slug) continue;
        const hits = pages.filter((p) => new RegExp(`^(en/)?[^/]+/${slug.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/index\\.html$`).test(p));
        if (hits.length) { for (const h of hits) add(h, `unit: ${cat} (${u.id})`); break; }
      }
    }
  }

  // One group per (language, first segment, depth).
  const groups = new Map();
  for (const rel of pages) {
    if (rel === '404.html') continue;
    const segs = pageUrlPath(rel).split('/').filter(Boolean);
    const lang = segs[0] === 'en' ? 'en' : 'vi';
    const s = lang === 'en' ? segs.slice(1) : segs;
    const key = `${lang} /${s[0] ?? ''}${s.length > 1 ? '/' + Array(s.length - 1).fill('*').join('/') : ''}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(rel);
  }
  for (const [key, list] of groups) {
    const idx = [...new Set([0, Math.floor((list.length - 1) / 2), list.length - 1])];
    for (const i of idx) add(list[i], `type ${key}`);
  }
  // Top up to `min` with evenly spaced pages of the biggest groups.
  const sorted = [...groups.entries()].sort((x, y) => y[1].length - x[1].length);
  for (let round = 1; picks.size < min && round < 50; round++) {
    let added = false;
    for (const [key, list] of sorted) {
      if (picks.size >= min) break;
      const i = Math.floor((list.length * round) / (round + 1 + 3));
      if (list[i] && !picks.has(list[i])) { add(list[i], `type ${key} (extra)`); added = true; }
    }
    if (!added && round > 10) break;
  }
  // Counterparts in the other language.
  for (const rel of [...picks.keys()]) {
    const doc = extractHtml(fs.readFileSync(path.join(siteDir, rel), 'utf8'));
    for (const r of doc.refs) {
      if (r.tag === 'link' && /alternate/i.test(r.rel || '') && r.hreflang && !/x-default/i.test(r.hreflang)) {
        let abs;
        try { abs = new URL(r.value, new URL(pageUrlPath(rel), baseUrl)).href; } catch { continue; }
        const t = fileForUrl(siteDir, baseUrl, abs);
        if (t.inside && t.ok) add(t.file, `${picks.get(rel)} → ${r.hreflang} counterpart`);
      }
    }
  }
  return [...picks.entries()].map(([rel, why]) => ({ rel, why }));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const a = args();
  const siteDir = a._[0];
  const baseUrl = detectBaseUrl(siteDir);
  const s = pickSample(siteDir, baseUrl, { unitsCsv: a.units || path.join(process.env.QA_SITE_ROOT || '.', 'data/units.csv') });
  for (const p of s) console.log(`${p.rel}\t${p.why}`);
  console.log(`${s.length} pages`);
}
