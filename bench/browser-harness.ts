// Node side of the browser benches: build the bench pages (their modules in
// tests/e2e/bench-harness, their HTML made here) with Vite's JS API into a temp dir, serve it on 127.0.0.1, and open it in Debian's Chromium
// with a persistent profile — so a dossier written in one browser process is read cold,
// from disk, by the next.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { chromiumPath, quietFlags, repoRoot } from '../tests/support/browser.js';

export const harnessDir = join(repoRoot, 'tests/e2e/bench-harness');

// The flags of the e2e tests, plus precise memory figures and an exposed gc.
const flags = [...quietFlags, '--no-sandbox', '--enable-precise-memory-info', '--js-flags=--expose-gc'];

/**
 * The HTML of a harness page `NAME-bench.html`: one page for all, differing only in its
 * title and its module (`NAME-bench-page.ts` in the harness folder, which builds its own DOM).
 */
function harnessHtml(entry: string, pageDir: string): string {
  const name = entry.replace(/-bench\.html$/, '');
  const module = relative(pageDir, join(harnessDir, `${name}-bench-page.ts`))
    .split(sep)
    .join('/');
  return `<!doctype html>
<html lang="nl">
  <head>
    <meta charset="utf-8" />
    <title>Knipsel ${name} bench</title>
    <script type="module" src="./${module}"></script>
  </head>
  <body>
    <p>Knipsel ${name} bench page (driven by bench/${name}-bench.ts).</p>
  </body>
</html>
`;
}

/** Build harness pages (`core-bench.html`, …) into a fresh temp dir; returns the dir. */
export async function buildHarness(entries: string[]): Promise<string> {
  const { build } = await import('vite');
  const pageDir = mkdtempSync(join(tmpdir(), 'knipsel-bench-html-'));
  for (const entry of entries) writeFileSync(join(pageDir, entry), harnessHtml(entry, pageDir));
  const outDir = mkdtempSync(join(tmpdir(), 'knipsel-bench-page-'));
  try {
    await build({
      configFile: false,
      root: pageDir,
      base: './',
      logLevel: 'error',
      build: {
        outDir,
        emptyOutDir: true,
        target: 'es2022',
        // Unminified so CPU profiles name core's functions (V8 runs it just as fast).
        minify: false,
        reportCompressedSize: false,
        rollupOptions: { input: Object.fromEntries(entries.map((e) => [e.replace(/\.html$/, ''), join(pageDir, e)])) },
      },
    });
  } finally {
    rmSync(pageDir, { recursive: true, force: true });
  }
  return outDir;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/**
 * A minimal static server for a directory (the bench page only), on a free port. `isolated`
 * serves it cross-origin isolated (COOP + COEP), which gives performance.now() microsecond
 * resolution instead of Chromium's 0.1 ms — for pages where both sides of a ratio run.
 */
export async function serveDir(dir: string, options: { isolated?: boolean } = {}): Promise<{ url: string; close(): Promise<void> }> {
  const isolation = options.isolated ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {};
  const root = resolve(dir);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split(/[?#]/)[0]);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store', ...isolation });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  /** Version string of the browser, e.g. "156.0.8078.79". */
  version: string;
  /** JS heap in use after a full GC (performance.memory.usedJSHeapSize), in bytes. */
  heapAfterGc(): Promise<number>;
  /**
   * Anonymous resident memory (RssAnon) of the browser's renderer processes after a full GC,
   * in bytes. Unlike the JS heap it includes Blink's external strings (large strings that
   * Yjs decodes with TextDecoder live outside the V8 heap) and array buffers.
   */
  rendererMemory(): Promise<number>;
  close(): Promise<void>;
}

/** A fresh Chromium process on `profileDir` (created by `newProfile`), one page open at `url`. */
export async function openSession(profileDir: string, url: string, readyGlobal?: string): Promise<BrowserSession> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    locale: 'nl-NL',
    args: flags,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(180_000);
  await page.goto(url);
  if (readyGlobal) await page.waitForFunction((name) => (window as unknown as Record<string, unknown>)[name] === true, readyGlobal);
  const cdp = await context.newCDPSession(page);
  const version = context.browser()?.version() ?? (await cdp.send('Browser.getVersion')).product.replace(/^.*\//, '');
  return {
    context,
    page,
    cdp,
    version,
    async heapAfterGc() {
      await cdp.send('HeapProfiler.enable');
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
    },
    async rendererMemory() {
      await cdp.send('HeapProfiler.enable');
      await cdp.send('HeapProfiler.collectGarbage');
      return rendererAnonBytes(profileDir);
    },
    close: () => context.close(),
  };
}

export function newProfile(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'knipsel-bench-profile-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeJson(dir: string, name: string, value: unknown): void {
  writeFileSync(join(dir, name), JSON.stringify(value));
}

/** Chromium's version without starting a page (for the header line). */
export async function chromiumVersion(): Promise<string> {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: flags });
  try {
    return browser.version();
  } finally {
    await browser.close();
  }
}

/** Sum of RssAnon of the renderer processes started by the browser on `profileDir` (Linux). */
export function rendererAnonBytes(profileDir: string): number {
  const procs = new Map<number, { ppid: number; cmd: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      procs.set(Number(name), { ppid, cmd });
    } catch {
      // the process ended meanwhile
    }
  }
  const roots = [...procs].filter(([, p]) => p.cmd.includes(`--user-data-dir=${profileDir}`) && !p.cmd.includes('--type=')).map(([pid]) => pid);
  const inTree = (pid: number) => {
    for (let p: number | undefined = pid, hops = 0; p && hops < 10; p = procs.get(p)?.ppid, hops++) if (roots.includes(p)) return true;
    return false;
  };
  let total = 0;
  for (const [pid, p] of procs) {
    if (!p.cmd.includes('--type=renderer') || !inTree(pid)) continue;
    try {
      const kb = readFileSync(`/proc/${pid}/status`, 'utf8').match(/RssAnon:\s+(\d+) kB/)?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // ended
    }
  }
  return total;
}
