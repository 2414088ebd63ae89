// Judge: HTML. The W3C Nu Html Checker (npm vnu-jar, run with the machine's
// Java) over EVERY .html page of the site in one Java invocation, plus the
// site's CSS and standalone SVG files. Errors only; zero allowed.
//
// Usage: node qa/html.mjs SITE_DIR

import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { walk, isHtml, args, printDetails } from './lib.mjs';

const require = createRequire(import.meta.url);
const a = args();
const siteDir = a._[0];
if (!siteDir || !fs.existsSync(siteDir)) { console.log(`html: FAIL no site folder '${siteDir}'`); process.exit(2); }
const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
const files = walk(siteDir);
const n = { html: files.filter(isHtml).length, css: files.filter((f) => /\.css$/i.test(f)).length, svg: files.filter((f) => /\.svg$/i.test(f)).length };

// One run over every page, then one over the CSS and one over the standalone SVGs: vnu is
// ~8× slower when --also-check-svg joins an HTML run, and --also-check-css makes it
// count HTML lines from 0.
function vnu(flags, targets = [path.resolve(siteDir)]) {
  const r = spawnSync('java', ['-Xss8m', '-jar', jar, '--errors-only', ...flags, '--format', 'json', '--asciiquotes', '--stdout',
    ...targets], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.error) { console.log(`html: FAIL could not run java: ${r.error.message}`); process.exit(2); }
  try {
    return { status: r.status, stderr: r.stderr, messages: JSON.parse(r.stdout).messages };
  } catch (e) {
    console.log(`  vnu did not answer JSON: ${(r.stdout + r.stderr).slice(0, 2000)}`);
    console.log(`html: FAIL vnu exit ${r.status}, unreadable output`);
    process.exit(1);
  }
}
const runs = [vnu(['--skip-non-html'])];
// (CSS files by name: in folder mode vnu counts CSS lines from 2)
if (n.css) runs.push(vnu(['--css'], files.filter((f) => /\.css$/i.test(f)).map((f) => path.resolve(siteDir, f))));
if (n.svg) runs.push(vnu(['--skip-non-svg']));
const messages = runs.flatMap((x) => x.messages);
const r = { status: Math.max(...runs.map((x) => x.status)), stderr: runs.map((x) => x.stderr).join('') };
const root = 'file:' + path.resolve(siteDir) + '/';
const errs = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal')
  .map((m) => {
    const file = decodeURIComponent((m.url || '').replace(root, ''));
    const pos = `${m.lastLine ?? m.firstLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}`;
    const extract = (m.extract || '').replace(/\s+/g, ' ').trim();
    return { file, pos, msg: m.message, extract };
  });

// Grouped by message first (a template bug repeats on every page), then every error.
const groups = new Map();
for (const e of errs) {
  if (!groups.has(e.msg)) groups.set(e.msg, []);
  groups.get(e.msg).push(e);
}
if (errs.length) {
  console.log(`  ${errs.length} errors, ${groups.size} distinct messages:`);
  for (const [msg, list] of [...groups.entries()].sort((x, y) => y[1].length - x[1].length)) {
    const files = new Set(list.map((e) => e.file));
    console.log(`  ${list.length}× in ${files.size} files: ${msg}`);
    console.log(`      e.g. ${list[0].file}:${list[0].pos} at \`${list[0].extract}\`${files.size > 1 ? `; also ${[...files].slice(1, 4).join(', ')}${files.size > 4 ? ', …' : ''}` : ''}`);
  }
  console.log('  every error (file:line:column: message at `markup`):');
}
printDetails(errs.map((e) => `${e.file}:${e.pos}: ${e.msg} at \`${e.extract}\``), Number(process.env.QA_MAX_DETAILS || 2000));
const by = { html: 0, css: 0, svg: 0 };
for (const e of errs) { if (/\.css$/i.test(e.file)) by.css++; else if (/\.svg$/i.test(e.file)) by.svg++; else by.html++; }
const failed = errs.length > 0 || (r.status !== 0 && r.status !== 1);
console.log(`html: ${failed ? 'FAIL' : 'ok'} vnu over ${n.html} html + ${n.css} css + ${n.svg} svg files: ${by.html} html errors, ${by.css} css errors, ${by.svg} svg errors${errs.length ? ` (${groups.size} distinct) in ${new Set(errs.map((e) => e.file)).size} files` : ''}${failed && !errs.length ? ` (vnu exit ${r.status}: ${r.stderr.slice(0, 300)})` : ''}`);
process.exit(failed ? 1 : 0);
