// ESLint (`npm run lint`): the boundaries between the packages of this repository.
// - core imports no app, no Svelte or WXT, and uses no extension API;
// - the extension and the web app never import each other;
// - everything outside core imports it only through the entry points of `@knipsel/core`
//   (core/package.json `exports`), never by a relative path into core/.
// Plus, in the product code, the two rules its `eslint-disable` comments name (explicit
// `any`, `{@html}`), so each exception stays visible and justified.
import { readFileSync } from 'node:fs';
import { defineConfig } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';

const coreExports = Object.keys(JSON.parse(readFileSync(new URL('./core/package.json', import.meta.url), 'utf8')).exports)
  .filter((entry) => entry !== '.')
  .map((entry) => entry.slice(2));
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A relative path that climbs into one of the repository's top-level folders. */
const into = (...dirs) => `^(\\.\\./)+(${dirs.join('|')})(/|$)`;

const rules = {
  appIntoCore: {
    regex: into('core'),
    message: 'Import core through its entry points (`@knipsel/core`, `@knipsel/core/peer`, …; see core/package.json), not by a path into core/.',
  },
  deepCore: {
    regex: `^@knipsel/core/(?!(${coreExports.map(escape).join('|')})$)`,
    message: 'Only the entry points in core/package.json `exports` are public.',
  },
  coreIntoApp: { regex: into('extension', 'pwa', 'server', 'tests', 'bench', 'scripts'), message: 'core imports no app: dependencies point one way, apps → core.' },
  coreSelf: { regex: '^@knipsel/core(/|$)', message: 'Inside core, import the module itself by a relative path.' },
  extensionIntoPwa: { regex: into('pwa'), message: 'The extension and the web app never import each other; shared code belongs in core.' },
  pwaIntoExtension: { regex: into('extension'), message: 'The extension and the web app never import each other; shared code belongs in core.' },
  frameworks: {
    regex: '^(svelte|wxt|@wxt-dev|webextension-polyfill|@webext-core)(/|$)',
    message: 'core has no Svelte, no WXT and no extension API.',
  },
};

/** `no-restricted-imports` for static imports and re-exports, `no-restricted-syntax` for `import()`. */
function restrict(...names) {
  const patterns = names.map((name) => ({ regex: rules[name].regex, message: rules[name].message }));
  return {
    'no-restricted-imports': ['error', { patterns }],
    'no-restricted-syntax': ['error', ...patterns.map(({ regex, message }) => ({ selector: `ImportExpression > Literal[value=/${regex.replaceAll('/', '\\x2F')}/]`, message }))],
  };
}

const sources = ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.svelte'];
const within = (dir) => sources.map((pattern) => `${dir}/${pattern}`);

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', '.output/', '.wxt/', '.tmp/', 'bench/.cache/', 'tests/fixtures/', 'test-results/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module', ecmaVersion: 'latest' },
  },
  ...svelte.configs.base,
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // The product code; tests drive pages and fake peers with loosely typed messages.
    files: ['core', 'extension', 'pwa', 'server'].flatMap(within),
    ignores: ['**/*.test.ts', 'server/test-clients.ts'],
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { '@typescript-eslint/no-explicit-any': 'error', 'svelte/no-at-html-tags': 'error' },
  },
  {
    files: within('core'),
    rules: {
      ...restrict('coreIntoApp', 'coreSelf', 'frameworks'),
      'no-restricted-globals': [
        'error',
        { name: 'browser', message: 'core uses no extension API; the apps pass what core needs.' },
        { name: 'chrome', message: 'core uses no extension API; the apps pass what core needs.' },
      ],
    },
  },
  { files: within('extension'), rules: restrict('appIntoCore', 'deepCore', 'extensionIntoPwa') },
  { files: within('pwa'), rules: restrict('appIntoCore', 'deepCore', 'pwaIntoExtension') },
  { files: ['server', 'tests', 'bench', 'scripts'].flatMap(within), rules: restrict('appIntoCore', 'deepCore') },
);
