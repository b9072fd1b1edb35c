// Lint rule: core imports nothing of extension/, pwa/, server/, svelte or wxt, and uses no
// extension API (`browser.*`, `chrome.*`). Dependencies point one way: apps → core.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const core = join(root, 'core');
const forbiddenPackages = /^(svelte|wxt|@wxt-dev|webextension-polyfill|@webext-core)(\/|$)/;
const forbiddenDirs = ['extension', 'pwa', 'server', 'tests', 'bench', 'scripts'].map((d) => join(root, d));
const importPattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
const browserApi = /(^|[^.\w$'"])(browser|chrome)\.(runtime|tabs|storage|scripting|contextMenus|sidePanel|action|permissions|windows|i18n)\b/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|js|mjs)$/.test(name)) yield path;
  }
}

const problems = [];
for (const file of files(core)) {
  const source = readFileSync(file, 'utf8');
  const where = relative(root, file);
  for (const match of source.matchAll(importPattern)) {
    const spec = match[1] ?? match[2] ?? match[3];
    if (forbiddenPackages.test(spec)) problems.push(`${where}: imports '${spec}'`);
    if (spec.startsWith('.')) {
      const target = resolve(file, '..', spec);
      if (forbiddenDirs.some((dir) => target === dir || target.startsWith(dir + '/'))) problems.push(`${where}: imports '${spec}' from outside core`);
    }
  }
  source.split('\n').forEach((line, i) => {
    if (!/^\s*(\/\/|\*)/.test(line) && browserApi.test(line)) problems.push(`${where}:${i + 1}: uses an extension API`);
  });
}

if (problems.length > 0) {
  console.error(`core must not depend on the apps or the browser extension API:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('core imports: ok');
