// Judge: links. Every internal reference of the built site resolves to a file
// of the site: links, images, stylesheets, scripts, icons, feeds, downloads,
// hreflang/canonical, CSS url() and SVG hrefs; and every #fragment of a
// same-site link names an id (or a[name]) of its target page.
//
// Usage: node qa/links.mjs SITE_DIR [--base-url URL]
// The base URL (possibly with a sub-folder path) is read from the site itself
// unless given; a URL is internal when it starts with it.

import fs from 'node:fs';
import path from 'node:path';
import { walk, isHtml, detectBaseUrl, urlOfFile, fileForUrl, extractHtml, cssUrls, classify, args, printDetails } from './lib.mjs';

const a = args();
const siteDir = a._[0];
if (!siteDir || !fs.existsSync(siteDir)) { console.log(`links: FAIL no site folder '${siteDir}'`); process.exit(2); }
const baseUrl = a['base-url'] ? String(a['base-url']).replace(/\/?$/, '/') : detectBaseUrl(siteDir);
const files = walk(siteDir);
const parsed = new Map(); // rel -> {refs, ids}
const problems = [];
const warnings = [];
const stats = { pages: 0, refs: 0, internal: 0, external: 0, fragments: 0, other: 0 };

function parsedHtml(rel) {
  if (!parsed.has(rel)) parsed.set(rel, extractHtml(fs.readFileSync(path.join(siteDir, rel), 'utf8')));
  return parsed.get(rel);
}

function check(fromRel, ref, docUrl, { kind = 'html' } = {}) {
  stats.refs++;
  const where = `${fromRel}:${ref.line ?? '?'}: <${ref.tag} ${ref.attr}="${ref.value}">`;
  const c = classify(ref.value);
  if (c === 'empty') {
    // href="" is the page itself; src="" is an error the Nu checker reports.
    if (ref.resource) problems.push(`${where} empty URL`);
    return;
  }
  if (c.startsWith('forbidden:')) { problems.push(`${where} ${c.slice(10)}: URL (refused by the design)`); return; }
  if (c.startsWith('other:')) { stats.other++; return; }
  let u;
  try { u = new URL(ref.value, docUrl); } catch { problems.push(`${where} unparsable URL`); return; }
  const target = fileForUrl(siteDir, baseUrl, u.href);
  if (!target.inside) {
    if (target.sameOrigin && target.outsideBase) {
      problems.push(`${where} leaves the base path ${new URL(baseUrl).pathname} (resolves to ${u.pathname}): breaks when the site lives in a sub-folder`);
    } else stats.external++;
    return;
  }
  stats.internal++;
  if (!target.ok) {
    problems.push(`${where} broken: no file ${target.file}${target.note ? ` (${target.note})` : ''}`);
    return;
  }
  if (target.note) warnings.push(`${where} ${target.note}`);
  if (u.hash && u.hash.length > 1) {
    stats.fragments++;
    let frag;
    try { frag = decodeURIComponent(u.hash.slice(1)); } catch { frag = u.hash.slice(1); }
    if (isHtml(target.file)) {
      const ids = parsedHtml(target.file).ids;
      if (!ids.has(frag) && frag.toLowerCase() !== 'top') {
        problems.push(`${where} broken fragment: ${target.file} has no id="${frag}"`);
      }
    } else if (/\.svg$/i.test(target.file)) {
      const t = fs.readFileSync(path.join(siteDir, target.file), 'utf8');
      if (!new RegExp(`\\bid=["']${frag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`).test(t)) {
        problems.push(`${where} broken fragment: ${target.file} has no id="${frag}"`);
      }
    }
  }
}

for (const rel of files) {
  const abs = path.join(siteDir, rel);
  const fileUrl = urlOfFile(baseUrl, rel);
  if (isHtml(rel)) {
    stats.pages++;
    const doc = parsedHtml(rel);
    // 404.html is served at any depth: its URLs are judged from the site root
    // *and* from a deep path, so relative URLs in it go red.
    const docUrls = [doc.baseHref ? new URL(doc.baseHref, fileUrl).href : fileUrl];
    if (rel === '404.html') docUrls.push(new URL('qa-missing/deeper/page/', baseUrl).href);
    for (const docUrl of docUrls) {
      for (const ref of doc.refs) {
        if (ref.tag === 'a' && ref.attr === 'href' && ref.value.startsWith('#') && docUrl === fileUrl) {
          // same-page fragment
          stats.refs++;
          const frag = decodeURIComponent(ref.value.slice(1));
          if (frag && frag.toLowerCase() !== 'top' && !doc.ids.has(frag)) problems.push(`${rel}:${ref.line}: <a href="${ref.value}"> broken fragment: no id="${frag}" on this page`);
          if (frag) stats.fragments++;
          continue;
        }
        if (docUrl !== fileUrl) {
          // the deep-path pass only cares about what would break
          if (ref.value.startsWith('#')) continue;
          const before = problems.length;
          check(rel, ref, docUrl);
          for (let i = before; i < problems.length; i++) problems[i] += ' [404.html served at a deeper URL]';
          continue;
        }
        check(rel, ref, docUrl);
      }
    }
  } else if (/\.css$/i.test(rel)) {
    const text = fs.readFileSync(abs, 'utf8');
    for (const v of cssUrls(text)) {
      if (v.startsWith('#')) continue; // SVG filter refs
      check(rel, { tag: 'css', attr: 'url()', value: v, resource: true }, fileUrl);
    }
  } else if (/\.svg$/i.test(rel)) {
    const doc = extractHtml(fs.readFileSync(abs, 'utf8'), { xml: true });
    for (const ref of doc.refs) {
      if (ref.value.startsWith('#')) {
        stats.refs++;
        if (!doc.ids.has(ref.value.slice(1))) problems.push(`${rel}:${ref.line}: <${ref.tag} ${ref.attr}="${ref.value}"> broken fragment`);
        continue;
      }
      check(rel, ref, fileUrl);
    }
  }
}

printDetails(problems);
if (warnings.length) {
  console.log(`  warnings (${warnings.length}, not failing):`);
  printDetails(warnings, 20);
}
const verdict = problems.length ? 'FAIL' : 'ok';
console.log(`links: ${verdict} ${stats.pages} pages, ${stats.refs} references (${stats.internal} internal, ${stats.fragments} with #fragment, ${stats.external} external not followed), ${problems.length} broken; base ${baseUrl}`);
process.exit(problems.length ? 1 : 0);
