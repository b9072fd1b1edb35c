// `npm run lint`: type-check everything (tsc, svelte-check for the two Svelte apps), the
// boundaries between core and the apps (ESLint, eslint.config.js), no import cycles —
// type-only imports included — and the TypeScript and JavaScript in Prettier's format
// (.prettierrc; .prettierignore leaves fixtures, data, Svelte and Markdown alone).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fail, root, run, step } from './ensure.mjs';

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

step('Boundaries: core imports no app, the apps import core through its entry points (ESLint)');
npx('eslint', '--max-warnings', '0', '.');

step('No import cycles, type-only imports included (dpdm)');
const entries = ['core', 'server', 'extension', 'pwa/src', 'tests', 'bench', 'scripts'].map((dir) => `${dir}/**/*.ts`);
npx('dpdm', '--no-warning', '--no-tree', '--exit-code', 'circular:1', '--exclude', 'node_modules|\\.test\\.ts$', ...entries);

step('Formatting of the TypeScript and JavaScript (Prettier)');
if (run('npx', ['--no-install', 'prettier', '--check', '--log-level', 'warn', '**/*.{ts,mts,cts,js,mjs,cjs}'], { allowFailure: true }) !== 0) {
  fail("Prettier found files not in the project's format (listed above). `npm run format` formats them; then lint again.");
}
