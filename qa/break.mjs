// Self-test helper: breaks a COPY of a built site on purpose, so that
// `bash qa/run --self-test` can show each judge goes red on the right thing.
// Breaks the home page (index.html), which every judge looks at:
//   alt      an <img> without alt
//   link     a link to a page that does not exist
//   heading  an <h4> right after the <h1> (heading levels skip)
//   privacy  a <script> from another origin
//
// Usage: node qa/break.mjs SITE_COPY_DIR [--page index.html]
// Prints one line per break: what was done, and the string the judge's log
// must contain for the break to count as caught.

import fs from 'node:fs';
import path from 'node:path';
import { args, detectBaseUrl, walk } from './lib.mjs';

const a = args();
const siteDir = a._[0];
const rel = a.page || 'index.html';
const file = path.join(siteDir, rel);
let html = fs.readFileSync(file, 'utf8');
const basePath = new URL(detectBaseUrl(siteDir)).pathname;

function insertAfter(re, what) {
  const m = re.exec(html);
  if (!m) return false;
  html = html.slice(0, m.index + m[0].length) + what + html.slice(m.index + m[0].length);
  return true;
}
function insertInMain(what) {
  return insertAfter(/<\/h1\s*>/i, what) || insertAfter(/<main\b[^>]*>/i, what) || insertAfter(/<body\b[^>]*>/i, what);
}

// 1. alt: a new <img> without alt (removing one from the markup by pattern could hit an
// <img> quoted inside a <textarea> embed snippet, which is text)
{
  // an image of the site, or one made for the purpose (so only the alt is wrong)
  let pic = walk(siteDir).find((f) => /\.(svg|png|jpe?g|webp|gif)$/i.test(f));
  if (!pic) {
    pic = 'qa-selftest.svg';
    fs.writeFileSync(path.join(siteDir, pic), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n');
  }
  const src = basePath + pic;
  insertInMain(`<img src="${src}" width="10" height="10">`);
  console.log(`alt\tadded <img src="${src}"> without alt after the <h1>\timage-alt`);
}

// 2. link
insertInMain(`<p><a href="${basePath}qa-selftest-missing-page/">qa self-test: missing page</a></p>`);
console.log(`link\tadded <a href="${basePath}qa-selftest-missing-page/">\tqa-selftest-missing-page`);

// 3. heading order
insertAfter(/<\/h1\s*>/i, '<h4>qa self-test heading</h4>') || insertInMain('<h1>qa self-test</h1><h4>qa self-test heading</h4>');
console.log('heading\tadded <h4> right after the <h1>\theading-order');

// 4. privacy
insertAfter(/<head\b[^>]*>/i, '<script src="https://cdn.qa-selftest.invalid/tracker.js"></script>');
console.log('privacy\tadded <script src="https://cdn.qa-selftest.invalid/tracker.js">\tcdn.qa-selftest.invalid');

fs.writeFileSync(file, html);
