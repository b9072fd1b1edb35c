// `npm run lint`: type-check everything (tsc, svelte-check for the two Svelte apps), the
// one-way dependency rule for core, and no import cycles.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root, run, step } from './ensure.mjs';

const npx = (...args) => run('npx', ['--no-install', ...args]);

step('Type-check (tsc)');
npx('tsc', '--noEmit', '-p', 'tsconfig.json');

if (existsSync(join(root, 'wxt.config.ts')) && existsSync(join(root, 'extension'))) {
  step('Type-check the extension (wxt prepare + svelte-check)');
  npx('wxt', 'prepare');
  if (existsSync(join(root, 'extension/tsconfig.json'))) npx('svelte-check', '--tsconfig', 'extension/tsconfig.json', '--threshold', 'error');
}
if (existsSync(join(root, 'pwa/tsconfig.json'))) {
  step('Type-check the web app (svelte-check)');
  npx('svelte-check', '--tsconfig', 'pwa/tsconfig.json', '--threshold', 'error');
}

step('Core depends on nothing of the apps');
run('node', ['scripts/check-core-imports.mjs']);

step('No import cycles (dpdm)');
const entries = ['core/**/*.ts', 'server/**/*.ts', 'extension/**/*.ts', 'pwa/src/**/*.ts'];
npx('dpdm', '--no-warning', '--no-tree', '-T', '--exit-code', 'circular:1', '--exclude', 'node_modules|\\.test\\.ts$', ...entries);
