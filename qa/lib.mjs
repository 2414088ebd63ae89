// Shared helpers for the qa judges: walking the built site, mapping URLs to
// files, extracting references from HTML/CSS/SVG, and a tiny static server.
// Everything here is relative to the folder it is given; no paths of any
// particular machine.

import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { Parser } from 'htmlparser2';

/** Every file under `dir`, as sorted POSIX paths relative to `dir`. */
export function walk(dir) {
  const out = [];
  const rec = (rel) => {
    const abs = path.join(dir, rel);
    for (const ent of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) rec(r);
      else if (ent.isFile()) out.push(r);
    }
  };
  rec('');
  return out.sort();
}

export const isHtml = (f) => /\.x?html?$/i.test(f);

/**
 * The site's base URL (ends with "/"): QA_BASE_URL, else the canonical link
 * of the home page, else the shortest <loc> of sitemap.xml, else a placeholder
 * origin at "/".
 */
export function detectBaseUrl(siteDir) {
  const fix = (u) => (u.endsWith('/') ? u : u.replace(/index\.html$/, '').replace(/\/?$/, '/'));
  if (process.env.QA_BASE_URL) return fix(process.env.QA_BASE_URL);
  const home = path.join(siteDir, 'index.html');
  if (fs.existsSync(home)) {
    const refs = extractHtml(fs.readFileSync(home, 'utf8'));
    const canon = refs.refs.find((r) => r.tag === 'link' && /(^|\s)canonical(\s|$)/i.test(r.rel || ''));
    if (canon && /^https?:\/\//i.test(canon.value)) return fix(canon.value.split('#')[0]);
  }
  const sm = path.join(siteDir, 'sitemap.xml');
  if (fs.existsSync(sm)) {
    const locs = [...fs.readFileSync(sm, 'utf8').matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => decodeXml(m[1]));
    const pages = locs.filter((l) => /^https?:\/\//.test(l)).sort((a, b) => a.length - b.length);
    if (pages.length) return fix(pages[0]);
  }
  return 'http://site.invalid/';
}

export function decodeXml(s) {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (m, e) => {
    const t = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e.toLowerCase()];
    if (t) return t;
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** URL of a file of the site, given the base URL ("a/index.html" -> base + "a/"). */
export function urlOfFile(baseUrl, rel) {
  const clean = rel.replace(/(^|\/)index\.html$/, '$1');
  return new URL(clean.split('/').map(encodeURIComponent).join('/'), baseUrl).href;
}

/**
 * Maps an absolute URL to a file of the site.
 * Returns { inside: false } when the URL is not under the base URL (another
 * origin, or outside the base path); otherwise { inside: true, file, ok,
 * note } where `file` is the relative path that would be served.
 */
export function fileForUrl(siteDir, baseUrl, urlStr) {
  let u;
  try { u = new URL(urlStr); } catch { return { inside: false }; }
  const b = new URL(baseUrl);
  const sameOrigin = u.origin === b.origin;
  if (!sameOrigin) return { inside: false, sameOrigin };
  if (!u.pathname.startsWith(b.pathname)) return { inside: false, sameOrigin, outsideBase: true };
  let rel;
  try { rel = decodeURIComponent(u.pathname.slice(b.pathname.length)); } catch { return { inside: true, ok: false, file: u.pathname, note: 'bad percent-encoding' }; }
  if (rel.split('/').includes('..')) return { inside: true, ok: false, file: rel, note: 'dot-dot' };
  if (rel === '' || rel.endsWith('/')) {
    const file = `${rel}index.html`;
    return { inside: true, file, ok: isFile(path.join(siteDir, file)) };
  }
  const abs = path.join(siteDir, rel);
  if (isFile(abs)) return { inside: true, file: rel, ok: true };
  if (isFile(path.join(abs, 'index.html'))) {
    return { inside: true, file: `${rel}/index.html`, ok: true, note: 'no trailing slash (needs a server redirect)' };
  }
  return { inside: true, file: rel, ok: false };
}

function isFile(p) {
  try { return fs.statSync(p).isFile(); } catch { return false; }
}

// Attributes that hold a URL, per element. `res` marks a resource the browser
// fetches by itself (privacy), as opposed to navigation.
const URL_ATTRS = {
  a: [['href', false], ['ping', true]],
  area: [['href', false], ['ping', true]],
  link: [['href', null]], // decided by rel
  script: [['src', true]],
  img: [['src', true], ['srcset', true]],
  source: [['src', true], ['srcset', true]],
  video: [['src', true], ['poster', true]],
  audio: [['src', true]],
  track: [['src', true]],
  iframe: [['src', true]],
  frame: [['src', true]],
  embed: [['src', true]],
  object: [['data', true]],
  input: [['src', true], ['formaction', false]],
  button: [['formaction', false]],
  form: [['action', false]],
  base: [['href', true]],
  image: [['href', true], ['xlink:href', true]], // inline SVG
  use: [['href', true], ['xlink:href', true]],
  feimage: [['href', true], ['xlink:href', true]],
  blockquote: [['cite', false]],
  q: [['cite', false]],
  del: [['cite', false]],
  ins: [['cite', false]],
};
const RESOURCE_RELS = /(^|\s)(stylesheet|icon|apple-touch-icon|apple-touch-icon-precomposed|mask-icon|preload|modulepreload|prefetch|prerender|preconnect|dns-prefetch|manifest)(\s|$)/i;

/** Splits a srcset into its URLs. */
export function srcsetUrls(v) {
  return v.split(/,\s+|,(?=\S)/).map((c) => c.trim().split(/\s+/)[0]).filter(Boolean);
}

/** url(...) and @import in CSS text. */
export function cssUrls(text) {
  const out = [];
  const noComments = text.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of noComments.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi)) out.push(m[1] ?? m[2] ?? m[3]);
  for (const m of noComments.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) out.push(m[1] ?? m[2]);
  return out.filter((u) => u !== undefined && u !== '');
}

/**
 * Parses an HTML (or, with xml=true, SVG/XML) document and returns
 *   refs: [{ tag, attr, value, rel, resource, line }]
 *   ids:  Set of id and a[name] values (fragment targets)
 *   lang: the <html lang>
 *   baseHref: <base href> if any
 */
export function extractHtml(text, { xml = false } = {}) {
  const refs = [];
  const ids = new Set();
  let lang = null;
  let baseHref = null;
  let inStyle = false;
  let styleText = '';
  let line = 1;
  let lineStart = 0;
  let lastIndex = 0;
  const lineAt = (idx) => {
    // incremental "line:column" (1-based); parser indices only go forward. Minified pages
    // are one long line, so the column is what finds the spot.
    for (let i = lastIndex; i < idx && i < text.length; i++) if (text.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
    if (idx > lastIndex) lastIndex = idx;
    return `${line}:${idx - lineStart + 1}`;
  };
  const parser = new Parser({
    onopentag(name, attribs) {
      const tag = name.toLowerCase();
      const ln = lineAt(parser.startIndex);
      if (attribs.id) ids.add(attribs.id);
      if (tag === 'a' && attribs.name) ids.add(attribs.name);
      if (tag === 'html' && attribs.lang != null) lang = attribs.lang;
      if (tag === 'base' && attribs.href != null) baseHref = attribs.href;
      if (tag === 'style') { inStyle = true; styleText = ''; }
      if (attribs.style) for (const u of cssUrls(attribs.style)) refs.push({ tag, attr: 'style', value: u, resource: true, line: ln });
      const spec = URL_ATTRS[tag];
      if (spec) {
        for (const [attr, res] of spec) {
          const v = attribs[attr];
          if (v == null) continue;
          if (attr === 'srcset') {
            for (const u of srcsetUrls(v)) refs.push({ tag, attr, value: u, resource: true, line: ln });
          } else if (attr === 'ping') {
            for (const u of v.trim().split(/\s+/).filter(Boolean)) refs.push({ tag, attr, value: u, resource: true, line: ln });
          } else if (tag === 'link') {
            const rel = attribs.rel || '';
            refs.push({ tag, attr, value: v.trim(), rel, type: attribs.type || '', hreflang: attribs.hreflang, resource: RESOURCE_RELS.test(rel), line: ln });
          } else {
            refs.push({ tag, attr, value: v.trim(), resource: res, line: ln });
          }
        }
      }
      if (tag === 'meta' && /^refresh$/i.test(attribs['http-equiv'] || '')) {
        const m = /url\s*=\s*['"]?([^'"]+)/i.exec(attribs.content || '');
        if (m) refs.push({ tag, attr: 'content', value: m[1].trim(), resource: false, line: ln });
      }
    },
    ontext(t) { if (inStyle) styleText += t; },
    onclosetag(name) {
      if (name.toLowerCase() === 'style' && inStyle) {
        inStyle = false;
        for (const u of cssUrls(styleText)) refs.push({ tag: 'style', attr: 'url()', value: u, resource: true, line: lineAt(parser.startIndex) });
      }
    },
  }, { xmlMode: xml, decodeEntities: true, lowerCaseAttributeNames: !xml, lowerCaseTags: !xml, recognizeSelfClosing: true });
  parser.write(text);
  parser.end();
  if (xml) {
    // In XML mode tag names keep their case; SVG uses camelCase feImage.
    for (const r of refs) r.tag = r.tag.toLowerCase();
  }
  return { refs, ids, lang, baseHref };
}

/** Is this reference something a checker should resolve (not mailto: etc.)? */
export function classify(value) {
  const v = value.trim();
  if (v === '') return 'empty';
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(v);
  if (!m) return 'relative';
  const scheme = m[1].toLowerCase();
  if (scheme === 'http' || scheme === 'https') return 'absolute';
  if (scheme === 'javascript' || scheme === 'data' || scheme === 'vbscript' || scheme === 'file') return 'forbidden:' + scheme;
  return 'other:' + scheme; // mailto:, tel:, …
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.webp': 'image/webp', '.avif': 'image/avif', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff',
  '.ttf': 'font/ttf', '.otf': 'font/otf', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8', '.webmanifest': 'application/manifest+json', '.pdf': 'application/pdf',
};

/**
 * Serves `siteDir` under `basePath` ("/" or "/sub/dir/") on 127.0.0.1, on a
 * free port. Like a plain static host: dir/ -> dir/index.html, dir -> 301
 * dir/, missing -> 404 with the site's 404.html.
 */
export function serve(siteDir, basePath = '/', { extra = {} } = {}) {
  const root = path.resolve(siteDir);
  const server = http.createServer((req, res) => {
    let p;
    try { p = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400); res.end(); return; }
    if (extra[p]) { // the harness's own files (axe-core), cacheable so Chromium compiles them once
      res.writeHead(200, { 'content-type': extra[p].type, 'cache-control': 'max-age=3600' });
      res.end(extra[p].body);
      return;
    }
    const send404 = () => {
      const nf = path.join(root, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(fs.existsSync(nf) ? fs.readFileSync(nf) : 'not found');
    };
    if (!p.startsWith(basePath)) return send404();
    const rel = p.slice(basePath.length);
    const abs = path.resolve(root, rel);
    if (abs !== root && !abs.startsWith(root + path.sep)) return send404();
    let file = abs;
    let st;
    try { st = fs.statSync(file); } catch { return send404(); }
    if (st.isDirectory()) {
      if (!p.endsWith('/')) { res.writeHead(301, { location: p + '/' }); res.end(); return; }
      file = path.join(file, 'index.html');
      if (!fs.existsSync(file)) return send404();
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port })));
}

/** Small arg helper: --key value pairs and positionals. */
export function args(argv = process.argv.slice(2)) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) {
      const k = argv[i].slice(2);
      if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[k] = argv[++i];
      else out[k] = true;
    } else out._.push(argv[i]);
  }
  return out;
}

/** Prints at most `max` detail lines, then a count of the rest. */
export function printDetails(lines, max = Number(process.env.QA_MAX_DETAILS || 200)) {
  for (const l of lines.slice(0, max)) console.log('  ' + l);
  if (lines.length > max) console.log(`  … and ${lines.length - max} more`);
}
