// The "## Benchmarks" section of README.md: the latest table of `npm run bench` and how to
// run it. Only that section is replaced; the rest of the README stays as it is.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../tests/support/browser.js';

/** Replace (or add at the end) README.md's "## Benchmarks" section; the rest stays as it is. */
export function writeReadmeSection(table: string, file = join(repoRoot, 'README.md')): void {
  const readme = readFileSync(file, 'utf8');
  const section =
    '## Benchmarks\n\n' +
    'Run `npm run bench` (about 15 minutes, after `npm run build`; `-- --quick` for a shorter run, `-- --only core,sync` for some sections); ' +
    "it prints the table of its run and writes every section's latest figures to `bench/latest.json` and `bench/latest.md` " +
    '(a partial run replaces only the sections it ran). Latest figures:\n\n' +
    `${table.trim()}\n`;
  const start = readme.search(/^## Benchmarks\s*$/m);
  if (start === -1) {
    writeFileSync(file, `${readme.trimEnd()}\n\n${section}`);
    return;
  }
  const rest = readme.slice(start + 1);
  const next = rest.search(/^## /m);
  const end = next === -1 ? readme.length : start + 1 + next;
  writeFileSync(file, `${readme.slice(0, start)}${section}${next === -1 ? '' : `\n${readme.slice(end)}`}`);
}
