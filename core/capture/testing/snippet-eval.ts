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

/** One extractor's result on a page, as it is reported (and posted by a worker) on its own. */
export interface ExtractorReport {
  name: ExtractorName;
  result: ExtractorResult;
  confidence?: number;
}

/** Evaluate one case with each extractor (defuddle last: it changes the document it reads). */
export function evaluateCase(c: SnippetCase, options: EvalOptions = {}, onResult?: (report: ExtractorReport) => void): PageResult {
  const names = extractorNames.filter((name) => (options.extractors ?? extractorNames).includes(name));
  const bounded = limitHtml(readCaseHtml(c));
  const dom = new JSDOM(bounded.html, { url: c.url, virtualConsole: quiet });
  const page: PageResult = { id: c.id, split: c.split, results: {} };
  try {
    for (const name of names) {
      const start = performance.now();
      let text: string | null = null;
      let error: string | undefined;
      let confidence: number | undefined;
      try {
        const out = run(name, dom.window.document, c.url, bounded.limited);
        text = out.text;
        confidence = out.confidence;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      const ms = performance.now() - start;
      const result: ExtractorResult = { counts: snippetCounts(text, c), ms, ...(options.keepText ? { text: text ?? '' } : {}), ...(error ? { error } : {}) };
      page.results[name] = result;
      if (confidence !== undefined) page.confidence = confidence;
      onResult?.({ name, result, ...(confidence !== undefined ? { confidence } : {}) });
    }
  } finally {
    dom.window.close(); // jsdom windows hold their page until closed
  }
  return page;
}

/** Evaluate cases in this thread, letting the event loop turn between pages (jsdom frees a closed page then). No time bound. */
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

/** Time a page may take (parse and all extractors) before its worker is ended. */
export const defaultPageTimeoutMs = 60_000;

/** The result that stands for an extractor that ran out of time: nothing extracted, and a note saying so. */
export function timedOutResult(c: SnippetCase, ms: number): ExtractorResult {
  return { counts: snippetCounts('', c), ms, error: `timed out after ${Math.round(ms)} ms` };
}

export interface ParallelOptions extends EvalOptions {
  threads?: number;
  /** Per page; default `defaultPageTimeoutMs`. */
  timeoutMs?: number;
}

/**
 * Evaluate cases over `threads` worker threads (default: at most 2), each taking the next page
 * when done. Every page runs under a time bound: a worker that overruns it is ended, the
 * extractor it was running counts as an empty extraction (with an error note), and the page's
 * remaining extractors run again in a new worker.
 */
export async function evaluateParallel(cases: SnippetCase[], options: ParallelOptions = {}, onPage?: (page: PageResult) => void): Promise<PageResult[]> {
  const threads = Math.max(1, Math.min(options.threads ?? 2, availableParallelism(), cases.length));
  const timeoutMs = options.timeoutMs ?? defaultPageTimeoutMs;
  const wanted = extractorNames.filter((name) => (options.extractors ?? extractorNames).includes(name));
  const worker = new URL('./snippet-eval-worker.ts', import.meta.url);
  // Register tsx inside the worker, then load the TypeScript worker module.
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(worker.href)}); });`;
  const results: PageResult[] = new Array(cases.length);
  /** Pages (by index) with the extractors still to run: new pages, and the rest of a page whose worker was ended. */
  const queue: { index: number; extractors: ExtractorName[] }[] = cases.map((_, index) => ({ index, extractors: [...wanted] }));
  const lane = () =>
    new Promise<void>((resolve, reject) => {
      let current: { index: number; extractors: ExtractorName[]; started: number } | null = null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let w: Worker;
      const finishPage = (index: number) => {
        onPage?.(results[index]);
      };
      const give = () => {
        const task = queue.shift();
        if (!task) {
          current = null;
          void w.terminate().then(() => resolve());
          return;
        }
        const c = cases[task.index];
        results[task.index] ??= { id: c.id, split: c.split, results: {} };
        current = { ...task, started: performance.now() };
        w.postMessage({ index: task.index, case: c, extractors: task.extractors });
        timer = setTimeout(overrun, timeoutMs);
      };
      const overrun = () => {
        const task = current;
        if (!task) return;
        current = null;
        const page = results[task.index];
        const pending = task.extractors.filter((name) => !page.results[name]);
        const [stalled, ...rest] = pending;
        if (stalled) page.results[stalled] = timedOutResult(cases[task.index], performance.now() - task.started);
        w.removeAllListeners();
        w.on('error', () => {}); // an ended worker's last words are not this run's failure
        void w.terminate();
        if (rest.length > 0) queue.unshift({ index: task.index, extractors: rest });
        else finishPage(task.index);
        start();
      };
      const start = () => {
        w = new Worker(boot, { eval: true, workerData: { keepText: options.keepText } });
        w.on('message', (message: { ready?: true; index?: number; report?: ExtractorReport; done?: true }) => {
          if (message.ready) return give();
          if (!current || message.index !== current.index) return;
          const page = results[message.index];
          if (message.report) {
            page.results[message.report.name] = message.report.result;
            if (message.report.confidence !== undefined) page.confidence = message.report.confidence;
          }
          if (message.done) {
            clearTimeout(timer);
            finishPage(message.index);
            give();
          }
        });
        w.once('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
      };
      start();
    });
  await Promise.all(Array.from({ length: threads }, lane));
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
  /** Of the flagged pages, the share that is poor (1 when none is flagged). */
  precision: number;
  /** Of the poor pages, the share that is flagged (1 when none is poor). */
  recall: number;
}

/** How well Knipsel's confidence points at its poor extractions. */
export function confidenceReport(pages: PageResult[], threshold = 0.7, poorF1 = 0.7): ConfidenceReport {
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
  return { flagged, poor, flaggedPoor, pages: n, precision: flagged ? flaggedPoor / flagged : 1, recall: poor ? flaggedPoor / poor : 1 };
}
