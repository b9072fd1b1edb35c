// The snippet evaluation (trafilatura's metric, scoring.ts) of Knipsel's extract(), raw
// Readability and raw defuddle on cases of trafilatura's evaluation set (snippet-corpus.ts).
// Each page is parsed once as the command line parses it (markup bounded, then jsdom without
// scripts) and given to each extractor in turn. Pages run in-process or over a small pool of
// worker threads that take the next page when they finish one.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extract } from '../extract.js';
import { limitHtml } from '../page-limits.js';
import { addCounts, noCounts, snippetCounts, snippetScores, type SnippetCounts } from '../scoring.js';
import { runDefuddleBaseline, runReadabilityBaseline } from './corpus.js';
import { readCaseHtml, type SnippetCase } from './snippet-corpus.js';

export const extractorNames = ['knipsel', 'readability', 'defuddle'] as const;
export type ExtractorName = (typeof extractorNames)[number];

export interface ExtractorResult {
  counts: SnippetCounts;
  ms: number;
  /** The extracted text, when asked for (`keepText`). */
  text?: string;
  error?: string;
}

export interface PageResult {
  id: string;
  split: SnippetCase['split'];
  results: Partial<Record<ExtractorName, ExtractorResult>>;
  /** Knipsel's confidence in its extraction (when Knipsel ran). */
  confidence?: number;
}

export interface EvalOptions {
  extractors?: readonly ExtractorName[];
  keepText?: boolean;
}

const quiet = new VirtualConsole();

function run(name: ExtractorName, doc: Document, url: string, limited: boolean): { text: string; confidence?: number } {
  if (name === 'knipsel') {
    const result = extract(doc, url, 'article', { now: 0, pageLimited: limited });
    return { text: result.capture.text, confidence: result.confidence };
  }
  if (name === 'readability') return { text: runReadabilityBaseline(doc).text };
  return { text: runDefuddleBaseline(doc, url).text };
}

/** Evaluate one case with each extractor (defuddle last: it changes the document it reads). */
export function evaluateCase(c: SnippetCase, options: EvalOptions = {}): PageResult {
  const names = extractorNames.filter((name) => (options.extractors ?? extractorNames).includes(name));
  const bounded = limitHtml(readCaseHtml(c));
  const dom = new JSDOM(bounded.html, { url: c.url, virtualConsole: quiet });
  const page: PageResult = { id: c.id, split: c.split, results: {} };
  try {
    for (const name of names) {
      const start = performance.now();
      let text: string | null = null;
      let error: string | undefined;
      try {
        const out = run(name, dom.window.document, c.url, bounded.limited);
        text = out.text;
        if (out.confidence !== undefined) page.confidence = out.confidence;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      const ms = performance.now() - start;
      page.results[name] = { counts: snippetCounts(text, c), ms, ...(options.keepText ? { text: text ?? '' } : {}), ...(error ? { error } : {}) };
    }
  } finally {
    dom.window.close(); // jsdom windows hold their page until closed
  }
  return page;
}

/** Evaluate cases in this thread, letting the event loop turn between pages (jsdom frees a closed page then). */
export async function evaluateCases(cases: SnippetCase[], options: EvalOptions = {}, onPage?: (page: PageResult) => void): Promise<PageResult[]> {
  const out: PageResult[] = [];
  for (const c of cases) {
    const page = evaluateCase(c, options);
    out.push(page);
    onPage?.(page);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return out;
}

/** Evaluate cases over `threads` worker threads (default: at most 2), each taking the next page when done. */
export async function evaluateParallel(cases: SnippetCase[], options: EvalOptions & { threads?: number } = {}, onPage?: (page: PageResult) => void): Promise<PageResult[]> {
  const threads = Math.max(1, Math.min(options.threads ?? 2, availableParallelism(), cases.length));
  if (threads <= 1) return evaluateCases(cases, options, onPage);
  const worker = new URL('./snippet-eval-worker.ts', import.meta.url);
  // Register tsx inside the worker, then load the TypeScript worker module.
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(worker.href)}); });`;
  const results: PageResult[] = new Array(cases.length);
  let next = 0;
  await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(boot, { eval: true, workerData: { extractors: options.extractors, keepText: options.keepText } });
          const give = () => {
            if (next >= cases.length) {
              void w.terminate().then(() => resolve());
              return;
            }
            const index = next++;
            w.postMessage({ index, case: cases[index] });
          };
          w.on('message', (message: { ready?: true; index?: number; page?: PageResult }) => {
            if (message.page && message.index !== undefined) {
              results[message.index] = message.page;
              onPage?.(message.page);
            }
            give();
          });
          w.once('error', reject);
          w.once('exit', (code) => {
            if (code !== 0 && next < cases.length) reject(new Error(`snippet evaluation worker exited with ${code}`));
          });
        }),
    ),
  );
  return results;
}

export interface ExtractorSummary {
  pages: number;
  counts: SnippetCounts;
  precision: number;
  recall: number;
  f1: number;
  errors: number;
  /** Median ms per page in jsdom (parse excluded). */
  medianMs: number;
}

/** Summed counts and scores per extractor. */
export function summarise(pages: PageResult[]): Partial<Record<ExtractorName, ExtractorSummary>> {
  const out: Partial<Record<ExtractorName, ExtractorSummary>> = {};
  for (const name of extractorNames) {
    const own = pages.map((p) => p.results[name]).filter((r): r is ExtractorResult => !!r);
    if (own.length === 0) continue;
    const counts = own.reduce((sum, r) => addCounts(sum, r.counts), noCounts());
    const ms = own.map((r) => r.ms).sort((a, b) => a - b);
    out[name] = { pages: own.length, counts, ...snippetScores(counts), errors: own.filter((r) => r.error).length, medianMs: ms[Math.floor(ms.length / 2)] };
  }
  return out;
}

/** Per-page F1 of one extractor (1 for a page with nothing to find and nothing found). */
export function pageF1(result: ExtractorResult): number {
  const { tp, fp, fn } = result.counts;
  return 2 * tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn);
}

export interface ConfidenceReport {
  /** Pages Knipsel flags ("controleer even": confidence below `threshold`). */
  flagged: number;
  /** Pages whose extraction is poor (page F1 below `poorF1`). */
  poor: number;
  /** Flagged pages that are poor: the flag's precision is flaggedPoor / flagged. */
  flaggedPoor: number;
  pages: number;
}

/** How well Knipsel's confidence points at its poor extractions. */
export function confidenceReport(pages: PageResult[], threshold = 0.7, poorF1 = 0.5): ConfidenceReport {
  let flagged = 0;
  let poor = 0;
  let flaggedPoor = 0;
  let n = 0;
  for (const page of pages) {
    const k = page.results.knipsel;
    if (!k || page.confidence === undefined) continue;
    n += 1;
    const isFlagged = page.confidence < threshold;
    const isPoor = pageF1(k) < poorF1;
    if (isFlagged) flagged += 1;
    if (isPoor) poor += 1;
    if (isFlagged && isPoor) flaggedPoor += 1;
  }
  return { flagged, poor, flaggedPoor, pages: n };
}
