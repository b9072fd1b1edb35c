// Test support: scores Knipsel and raw Readability on corpus cases (text F1 and metadata),
// in-process or spread over worker threads (one jsdom parse per page, shared by both).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { extract } from '../extract.js';
import { tallyMetadata, textScore, type MetadataTally } from '../scoring.js';
import { corpusIds, loadCorpus, parseHtml, runReadabilityBaseline, type CorpusCase } from './corpus.js';

export interface CorpusScore {
  pages: number;
  empty: number;
  knipselF1: number;
  readabilityF1: number;
  knipselMeta: MetadataTally;
  readabilityMeta: MetadataTally;
  perPage: Array<{ id: string; knipsel: number; readability: number }>;
}

export function emptyScore(): CorpusScore {
  return { pages: 0, empty: 0, knipselF1: 0, readabilityF1: 0, knipselMeta: { checked: 0, passed: 0 }, readabilityMeta: { checked: 0, passed: 0 }, perPage: [] };
}

/** Score some cases in this thread; F1 values are sums (divide by pages). */
export function scoreCases(cases: CorpusCase[]): CorpusScore {
  const score = emptyScore();
  for (const c of cases) {
    const doc = parseHtml(c.source, c.url);
    const { capture } = extract(doc, c.url, 'article', { now: 0 });
    const baseline = runReadabilityBaseline(doc);
    doc.defaultView?.close(); // jsdom windows hold memory until closed
    const k = textScore(capture.text, c.expectedText).f1;
    const r = textScore(baseline.text, c.expectedText).f1;
    score.pages += 1;
    if (!capture.text) score.empty += 1;
    score.knipselF1 += k;
    score.readabilityF1 += r;
    score.perPage.push({ id: c.id, knipsel: k, readability: r });
    tallyMetadata(
      score.knipselMeta,
      { title: capture.title, byline: capture.byline, siteName: capture.siteName, lang: capture.lang, publishedTime: capture.published },
      c.expectedMetadata,
    );
    tallyMetadata(score.readabilityMeta, baseline.metadata, c.expectedMetadata);
  }
  return score;
}

function merge(a: CorpusScore, b: CorpusScore): CorpusScore {
  return {
    pages: a.pages + b.pages,
    empty: a.empty + b.empty,
    knipselF1: a.knipselF1 + b.knipselF1,
    readabilityF1: a.readabilityF1 + b.readabilityF1,
    knipselMeta: { checked: a.knipselMeta.checked + b.knipselMeta.checked, passed: a.knipselMeta.passed + b.knipselMeta.passed },
    readabilityMeta: { checked: a.readabilityMeta.checked + b.readabilityMeta.checked, passed: a.readabilityMeta.passed + b.readabilityMeta.passed },
    perPage: [...a.perPage, ...b.perPage],
  };
}

/** Score the whole corpus over worker threads (each loads TypeScript through tsx). */
export async function scoreCorpusParallel(threads = Math.max(1, Math.min(4, availableParallelism()))): Promise<CorpusScore> {
  const ids = corpusIds();
  if (threads <= 1) return scoreCases(loadCorpus());
  const slices = Array.from({ length: threads }, (_, i) => ids.filter((_, j) => j % threads === i));
  const worker = new URL('./corpus-worker.ts', import.meta.url);
  const results = await Promise.all(
    slices.map(
      (slice) =>
        new Promise<CorpusScore>((resolve, reject) => {
          // Register tsx inside the worker, then load the TypeScript worker module.
          const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(worker.href)}); });`;
          const w = new Worker(boot, { eval: true, workerData: slice });
          w.once('message', resolve);
          w.once('error', reject);
          w.once('exit', (code) => code !== 0 && reject(new Error(`corpus worker exited with ${code}`)));
        }),
    ),
  );
  return results.reduce(merge, emptyScore());
}
