// Capture section of `npm run bench`: Knipsel's extract() beside raw Readability 0.6 and raw
// defuddle, measured in the same run on the shared corpus and on the Dutch fixtures — text F1
// (word 4-grams), metadata pass rate, and median / p95 ms per page on an already-parsed
// document (parse time excluded; one warm-up run, then KNIPSEL_BENCH_RUNS timed runs, default
// 3, at least 15 for the small Dutch set, interleaved, per-page median). Standalone: `npx tsx bench/capture-bench.ts`.
import { fileURLToPath } from 'node:url';
import { extract } from '../core/capture/extract.js';
import { passRate, tallyMetadata, textScore, type MetadataValues } from '../core/capture/scoring.js';
import { loadCorpus, loadDutchFixtures, parseHtml, runDefuddleBaseline, runReadabilityBaseline } from '../core/capture/testing/corpus.js';
import { formatTable, percentile, type BenchRow } from './table.js';

interface Page {
  id: string;
  url: string;
  source: string;
  expectedText: string;
  expectedMetadata: MetadataValues;
}

interface SetResult {
  pages: number;
  f1: { knipsel: number; readability: number; defuddle: number };
  meta: { knipsel: number; readability: number };
  ms: { knipsel: number[]; readability: number[] };
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function median(values: number[]): number {
  return percentile(values, 50);
}

function measure(pages: Page[], runs: number): SetResult {
  const f1 = { knipsel: 0, readability: 0, defuddle: 0 };
  const meta = { knipsel: { checked: 0, passed: 0 }, readability: { checked: 0, passed: 0 } };
  const ms = { knipsel: [] as number[], readability: [] as number[] };
  for (const page of pages) {
    const doc = parseHtml(page.source, page.url);
    // Quality (and warm-up) run.
    const { capture } = extract(doc, page.url, 'article');
    const readability = runReadabilityBaseline(doc);
    let defuddleText = '';
    try {
      defuddleText = runDefuddleBaseline(doc, page.url).text;
    } catch {
      defuddleText = '';
    }
    f1.knipsel += textScore(capture.text, page.expectedText).f1;
    f1.readability += textScore(readability.text, page.expectedText).f1;
    f1.defuddle += textScore(defuddleText, page.expectedText).f1;
    tallyMetadata(meta.knipsel, { title: capture.title, byline: capture.byline, siteName: capture.siteName, lang: capture.lang, publishedTime: capture.published }, page.expectedMetadata);
    tallyMetadata(meta.readability, readability.metadata, page.expectedMetadata);
    // Timed runs, interleaved so both see the same machine state.
    const k: number[] = [];
    const r: number[] = [];
    for (let i = 0; i < runs; i++) {
      k.push(time(() => extract(doc, page.url, 'article')));
      r.push(time(() => runReadabilityBaseline(doc)));
    }
    ms.knipsel.push(median(k));
    ms.readability.push(median(r));
    doc.defaultView?.close();
  }
  const n = pages.length || 1;
  return {
    pages: pages.length,
    f1: { knipsel: f1.knipsel / n, readability: f1.readability / n, defuddle: f1.defuddle / n },
    meta: { knipsel: passRate(meta.knipsel), readability: passRate(meta.readability) },
    ms,
  };
}

function rows(area: string, set: SetResult): BenchRow[] {
  const kMedian = median(set.ms.knipsel);
  const rMedian = median(set.ms.readability);
  const kP95 = percentile(set.ms.knipsel, 95);
  const rP95 = percentile(set.ms.readability, 95);
  return [
    { area, metric: 'text F1', knipsel: set.f1.knipsel, baseline: set.f1.readability, baselineName: 'Readability 0.6', target: '> baseline', met: set.f1.knipsel > set.f1.readability },
    { area, metric: 'text F1', knipsel: set.f1.knipsel, baseline: set.f1.defuddle, baselineName: 'defuddle 0.19', target: '> baseline', met: set.f1.knipsel > set.f1.defuddle },
    { area, metric: 'metadata pass rate', knipsel: set.meta.knipsel, baseline: set.meta.readability, baselineName: 'Readability 0.6', target: '≥ baseline', met: set.meta.knipsel >= set.meta.readability },
    { area, metric: 'median ms/page', knipsel: kMedian, baseline: rMedian, baselineName: 'Readability 0.6', target: '≤ 1.5×', met: kMedian <= 1.5 * rMedian, digits: 1 },
    { area, metric: 'p95 ms/page', knipsel: kP95, baseline: rP95, baselineName: 'Readability 0.6', target: '≤ 1.5×', met: kP95 <= 1.5 * rP95, digits: 1 },
  ];
}

/** The capture rows of the benchmark table (corpus and Dutch fixtures). */
export async function runCaptureBench(): Promise<BenchRow[]> {
  const runs = Math.max(1, Number(process.env.KNIPSEL_BENCH_RUNS) || 3);
  const corpus: Page[] = loadCorpus();
  const dutch: Page[] = loadDutchFixtures().map((f) => ({
    id: f.id,
    url: f.url,
    source: f.source,
    expectedText: f.originalText,
    expectedMetadata: { title: f.expected.title, byline: f.expected.byline, siteName: f.expected.siteName, lang: f.expected.lang, publishedTime: f.expected.published },
  }));
  const out: BenchRow[] = [];
  if (corpus.length) out.push(...rows(`capture corpus (${corpus.length})`, measure(corpus, runs)));
  // Five pages: with 3 runs a single GC pause decided the p95 (1.52× one run, 0.64× the next).
  if (dutch.length) out.push(...rows(`capture Dutch (${dutch.length})`, measure(dutch, Math.max(runs, 15))));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log = console.error; // keep library chatter off the table
  runCaptureBench().then((table) => process.stdout.write(`${formatTable(table)}\n`));
}
