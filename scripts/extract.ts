// Command line for capture: `extract FILE.html --url URL [--mode article|page|bookmark]` prints
// the ExtractResult as JSON; a PDF (`extract FILE.pdf --url URL`, recognised by its first
// bytes) gives the same with its text per page (pdf.js, core/capture/pdf); `extract --manifest M.json` (M maps id → { path, url }) prints one
// JSON object mapping each id to { title, byline, published, lang, text, markdown, confidence }
// or { error }. Pages are parsed with jsdom without scripts or resource loading, their markup
// bounded first (core/capture/page-limits.ts); a manifest is spread over worker threads.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extract, extractPdf, type ExtractMode, limitHtml, captureMarkdown } from '@knipsel/core/capture';
import { loadNodePdfjs } from '@knipsel/core/pdf-node';

interface ManifestEntry {
  path: string;
  url: string;
}
type Row = { title: string; byline: string | null; published: string | null; lang: string | null; text: string; markdown: string; confidence: number } | { error: string };

const quiet = new VirtualConsole();
const modes: ExtractMode[] = ['article', 'selection', 'page', 'bookmark'];

/**
 * A page parsed without scripts or resource loading, its markup bounded first (jsdom's parser
 * is quadratic in nesting: a 100,000-deep page would run for minutes and overflow the stack).
 */
function parse(path: string, url: string): { doc: Document; limited: boolean } {
  const bounded = limitHtml(readFileSync(path, 'utf8'));
  return { doc: new JSDOM(bounded.html, { url, virtualConsole: quiet }).window.document, limited: bounded.limited };
}

function extractEntry(entry: ManifestEntry): Row {
  try {
    if (!entry || typeof entry.path !== 'string' || typeof entry.url !== 'string') return { error: 'entry needs "path" and "url" strings' };
    new URL(entry.url);
    const { doc, limited } = parse(entry.path, entry.url);
    const { capture, confidence } = extract(doc, entry.url, 'article', { pageLimited: limited });
    doc.defaultView?.close(); // jsdom windows hold memory until closed
    return { title: capture.title, byline: capture.byline, published: capture.published, lang: capture.lang, text: capture.text, markdown: captureMarkdown(capture), confidence };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

async function runManifest(manifestPath: string): Promise<Record<string, Row>> {
  const raw = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestEntry>;
  const base = dirname(resolve(manifestPath));
  const entries = Object.entries(raw).map(
    ([id, entry]) =>
      [id, entry && typeof entry === 'object' && typeof entry.path === 'string' ? { ...entry, path: isAbsolute(entry.path) ? entry.path : resolve(base, entry.path) } : entry] as [
        string,
        ManifestEntry,
      ],
  );
  const threads = entries.length >= 8 ? Math.max(1, Math.min(availableParallelism(), 4)) : 1;
  const rows = new Map<string, Row>();
  if (threads === 1) {
    for (const [id, entry] of entries) rows.set(id, extractEntry(entry));
  } else {
    const slices = Array.from({ length: threads }, (_, i) => entries.filter((_, j) => j % threads === i));
    const self = pathToFileURL(fileURLToPath(import.meta.url)).href;
    const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(self)}); });`;
    const parts = await Promise.all(
      slices.map(
        (slice) =>
          new Promise<Array<[string, Row]>>((done) => {
            const worker = new Worker(boot, { eval: true, workerData: slice });
            worker.once('message', done);
            worker.once('error', (error) => done(slice.map(([id]) => [id, { error: `worker failed: ${error.message}` }])));
          }),
      ),
    );
    for (const part of parts) for (const [id, row] of part) rows.set(id, row);
  }
  // Keep the manifest's order.
  return Object.fromEntries(entries.map(([id]) => [id, rows.get(id) ?? { error: 'not extracted' }]));
}

function usage(): never {
  process.stderr.write('usage: extract FILE.html|FILE.pdf --url URL [--mode article|selection|page|bookmark]\n       extract --manifest M.json\n');
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  // Libraries that log must not corrupt the JSON on stdout.
  console.log = console.error;
  console.info = console.error;
  console.warn = console.error;
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const manifest = arg('--manifest');
  if (manifest) {
    const result = await runManifest(manifest);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const file = argv.find((a, i) => !a.startsWith('--') && !['--url', '--mode'].includes(argv[i - 1] ?? ''));
  if (!file) usage();
  const url = arg('--url') ?? pathToFileURL(resolve(file)).href;
  const mode = (arg('--mode') ?? 'article') as ExtractMode;
  if (!modes.includes(mode)) usage();
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    process.stderr.write(`extract: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  if (bytes.subarray(0, 1024).includes('%PDF-')) {
    const result = await extractPdf(new Uint8Array(bytes), url, { pdfjs: await loadNodePdfjs(), fileName: basename(file) });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  let page: { doc: Document; limited: boolean };
  try {
    page = parse(file, url);
  } catch (error) {
    process.stderr.write(`extract: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const result = extract(page.doc, url, mode, { pageLimited: page.limited });
  process.stdout.write(`${JSON.stringify({ ...result, capture: { ...result.capture, markdown: captureMarkdown(result.capture) } })}\n`);
}

if (isMainThread) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`extract: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
} else if (Array.isArray(workerData)) {
  console.log = console.error;
  const slice = workerData as Array<[string, ManifestEntry]>;
  parentPort?.postMessage(slice.map(([id, entry]) => [id, extractEntry(entry)]));
}
