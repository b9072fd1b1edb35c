// Size: gzipped JavaScript of the popup, the content script(s) and the web app's first load,
// read from the builds in dist/. "First load" = the entry scripts of the HTML page and every
// chunk they import statically (transitively); chunks reached only through import() are
// left out (they load later, on demand).
//
// Baseline: the same libraries bundled alone (yjs + dexie + the Svelte client runtime, or
// what the popup imports of them), minified and gzipped in this run. That is the floor a
// Svelte + Yjs + Dexie app pays before any of its own code; the ratio shows how much Knipsel
// adds on top. Gzip: zlib level 9, what a static host serving pre-compressed files uses.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../tests/support/browser.js';
import type { BenchContext } from './lib.js';
import type { BenchRow } from './table.js';

export const extensionDist = join(repoRoot, process.env.KNIPSEL_DIST ?? 'dist', 'extension/chrome-mv3');
export const pwaDist = join(repoRoot, process.env.KNIPSEL_DIST ?? 'dist', 'pwa');

const gz = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).byteLength;
const kB = (bytes: number) => bytes / 1000;

/** Scripts an HTML file loads at once: module/classic script src and modulepreload links. */
function htmlScripts(htmlFile: string): string[] {
  const html = readFileSync(htmlFile, 'utf8');
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) out.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"[^>]*>/g)) out.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*href="([^"]+)"[^>]*rel="modulepreload"[^>]*>/g)) out.push(m[1]);
  return out.filter((src) => !/^(https?:)?\/\//.test(src));
}

/** Static imports of an ES module chunk (import … from "x", import "x", export … from "x"). */
function staticImports(code: string): string[] {
  const out: string[] = [];
  const pattern = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g;
  for (const m of code.matchAll(pattern)) out.push(m[1]);
  return out;
}

/** The entry scripts of an HTML page and their static imports, transitively: file → bytes. */
export function firstLoad(root: string, htmlFile: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const resolveFrom = (fromFile: string, spec: string) => (spec.startsWith('/') ? join(root, spec) : join(dirname(fromFile), spec.split(/[?#]/)[0]));
  const queue = htmlScripts(htmlFile).map((src) => resolveFrom(htmlFile, src));
  for (let guard = 0; queue.length > 0 && guard < 10_000; guard++) {
    const file = queue.shift()!;
    if (files.has(file) || !existsSync(file) || !file.endsWith('.js')) continue;
    const bytes = readFileSync(file);
    files.set(file, bytes);
    for (const spec of staticImports(bytes.toString('utf8'))) {
      if (spec.startsWith('.') || spec.startsWith('/')) queue.push(resolveFrom(file, spec));
    }
  }
  return files;
}

function gzTotal(files: Map<string, Buffer>): number {
  let total = 0;
  for (const bytes of files.values()) total += gz(bytes);
  return total;
}

/** yjs + dexie + the Svelte client runtime bundled alone (minified, tree-shaken to what is imported). */
async function libraryFloor(imports: string): Promise<number> {
  const { build } = await import('vite');
  const dir = mkdtempSync(join(tmpdir(), 'knipsel-size-floor-'));
  try {
    const entry = join(dir, 'entry.js');
    writeFileSync(entry, imports);
    await build({
      configFile: false,
      root: dir,
      logLevel: 'error',
      resolve: { conditions: ['browser', 'module', 'import', 'default'] },
      build: {
        outDir: join(dir, 'out'),
        target: 'es2022',
        lib: { entry, formats: ['es'], fileName: 'floor' },
        reportCompressedSize: false,
        rollupOptions: { external: [] },
      },
    });
    const out = join(dir, 'out');
    let total = 0;
    for (const name of readdirSync(out)) if (/\.m?js$/.test(name)) total += gz(readFileSync(join(out, name)));
    return total;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The floor keeps the libraries alive without pretending to use all of them.
const floorSource = (root: string) => `
import * as Y from ${JSON.stringify(join(root, 'node_modules/yjs'))};
import Dexie from ${JSON.stringify(join(root, 'node_modules/dexie'))};
import { mount, flushSync } from ${JSON.stringify(join(root, 'node_modules/svelte/src/index-client.js'))};
export { Y, Dexie, mount, flushSync };
`;

export async function runSizeBench(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  let floor: number | null = null;
  try {
    floor = await libraryFloor(floorSource(repoRoot));
  } catch (error) {
    ctx.note(`size: could not bundle the library floor (${String(error).split('\n')[0]}); rows have no baseline.`);
  }
  /** A first-load row: gzip kB beside the libraries' floor, met at `maxKb` or less. */
  const sizeRow = (metric: string, size: number, maxKb: number): BenchRow => ({
    area: 'size',
    metric,
    knipsel: kB(size),
    baseline: floor === null ? null : kB(floor),
    baselineName: 'yjs + dexie + svelte runtime alone',
    target: `≤ ${maxKb} kB`,
    met: kB(size) <= maxKb,
    digits: 1,
  });

  // Extension: popup and content scripts.
  if (existsSync(join(extensionDist, 'manifest.json'))) {
    const popupHtml = join(extensionDist, 'popup.html');
    if (existsSync(popupHtml)) {
      const files = firstLoad(extensionDist, popupHtml);
      const size = gzTotal(files);
      rows.push(sizeRow(`popup JS, gzip kB (${files.size} files)`, size, 80));
    } else ctx.note('size: dist/extension/chrome-mv3/popup.html not found — popup row skipped.');

    const manifest = JSON.parse(readFileSync(join(extensionDist, 'manifest.json'), 'utf8')) as {
      content_scripts?: Array<{ js?: string[]; matches?: string[] }>;
    };
    const declared = (manifest.content_scripts ?? []).flatMap((c) => (c.js ?? []).map((js) => ({ js, matches: c.matches ?? [] })));
    const injectedDir = join(extensionDist, 'content-scripts');
    const injected = existsSync(injectedDir)
      ? readdirSync(injectedDir)
          .filter((n) => n.endsWith('.js'))
          .map((n) => `content-scripts/${n}`)
          .filter((js) => !declared.some((d) => d.js === js))
      : [];
    // WXT builds unlisted scripts (injected with scripting.executeScript) at the top level.
    const pageScripts = new Set(
      readdirSync(extensionDist)
        .filter((n) => n.endsWith('.html'))
        .flatMap((n) => [...firstLoad(extensionDist, join(extensionDist, n)).keys()]),
    );
    for (const name of readdirSync(extensionDist)) {
      const file = join(extensionDist, name);
      if (name.endsWith('.js') && name !== 'background.js' && !pageScripts.has(file) && !declared.some((d) => d.js === name)) injected.push(name);
    }
    for (const { js, how } of [...declared.map((d) => ({ js: d.js, how: `declared for ${d.matches.join(' ')}` })), ...injected.map((js) => ({ js, how: 'injected on demand' }))]) {
      const file = join(extensionDist, js);
      if (!existsSync(file)) continue;
      rows.push({
        area: 'size',
        metric: `content script ${posix.basename(js)} (${how}), gzip kB`,
        knipsel: kB(gz(readFileSync(file))),
        baseline: null,
        baselineName: '–',
        target: '',
        met: null,
        digits: 1,
      });
    }
  } else {
    ctx.note('size: dist/extension/chrome-mv3 is not built — run `npm run build` (or `npm run bench -- --build`).');
  }

  // Web app first load.
  const indexHtml = join(pwaDist, 'index.html');
  if (existsSync(indexHtml)) {
    const files = firstLoad(pwaDist, indexHtml);
    const size = gzTotal(files);
    const allJs = listJs(pwaDist).filter((f) => !/\b(sw|workbox-[\w-]+|registerSW)\.js$/.test(f));
    const lazy = allJs.filter((f) => !files.has(f));
    rows.push(sizeRow(`web app first load JS, gzip kB (${files.size} files; ${lazy.length} lazy chunks left out)`, size, 150));
    ctx.note(
      `size: web app first load = ${[...files.keys()].map((f) => `${relative(pwaDist, f)} ${kB(gz(files.get(f)!)).toFixed(1)} kB`).join(', ')}` +
        (lazy.length ? `; lazy: ${lazy.map((f) => `${relative(pwaDist, f)} ${kB(gz(readFileSync(f))).toFixed(1)} kB`).join(', ')}` : ''),
    );
  } else {
    ctx.note('size: dist/pwa is not built — run `npm run build` (or `npm run bench -- --build`).');
  }
  return rows;
}

function listJs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJs(path));
    else if (entry.name.endsWith('.js')) out.push(path);
  }
  return out;
}
