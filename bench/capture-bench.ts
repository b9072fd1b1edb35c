// Capture section of `npm run bench`: Knipsel's extract() beside raw Readability 0.6 and raw
// defuddle, measured in the same run on Readability's (Mozilla's) test pages and on the Dutch
// fixtures — text F1, precision and recall (word 4-grams, per-page means), metadata pass rate,
// and median / p95 ms per page on an already-parsed document (parse time excluded; defuddle on
// a clone, as it changes what it reads; one warm-up run, then KNIPSEL_BENCH_RUNS timed runs,
// default 3, at least 15 for the small Dutch set, interleaved, per-page median) — in Node with jsdom
// (where the command line runs) and in Chromium (where the extension runs; timings only).
// Standalone: `npx tsx bench/capture-bench.ts` (`-- --chromium`: the Chromium timing rows alone).
import { fileURLToPath } from 'node:url';
import { extract } from '@knipsel/core/capture';
import {
  loadCorpus,
  loadDutchFixtures,
  type MetadataValues,
  parseHtml,
  passRate,
  runDefuddleBaseline,
  runReadabilityBaseline,
  tallyMetadata,
  textScore,
} from '@knipsel/core/testing/corpus';
import { buildHarness, newProfile, openSession, serveDir } from './browser-harness.js';
import { inclusiveTimes, type CpuProfile, type ProfileEntry } from './lib.js';
import { formatTable, percentile, type BenchRow } from './table.js';

interface Page {
  id: string;
  url: string;
  source: string;
  expectedText: string;
  expectedMetadata: MetadataValues;
}

type Extractor = 'knipsel' | 'readability' | 'defuddle';
type Scores = { f1: number; precision: number; recall: number };

interface SetResult {
  pages: number;
  /** Mean per-page word-4-gram scores. */
  scores: Record<Extractor, Scores>;
  meta: { knipsel: number; readability: number };
  ms: Record<Extractor, number[]>;
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function median(values: number[]): number {
  return percentile(values, 50);
}

async function measure(pages: Page[], runs: number): Promise<SetResult> {
  const zero = (): Scores => ({ f1: 0, precision: 0, recall: 0 });
  const sums: Record<Extractor, Scores> = { knipsel: zero(), readability: zero(), defuddle: zero() };
  const add = (name: Extractor, text: string, expected: string) => {
    const score = textScore(text, expected);
    sums[name].f1 += score.f1;
    sums[name].precision += score.precision;
    sums[name].recall += score.recall;
  };
  const meta = { knipsel: { checked: 0, passed: 0 }, readability: { checked: 0, passed: 0 } };
  const ms: Record<Extractor, number[]> = { knipsel: [], readability: [], defuddle: [] };
  for (const page of pages) {
    const doc = parseHtml(page.source, page.url);
    // Quality (and warm-up) run.
    const { capture } = extract(doc, page.url, 'article');
    const readability = runReadabilityBaseline(doc);
    // defuddle changes the document it reads: it gets a clone (Readability clones inside its baseline).
    const defuddle = (): string => {
      try {
        return runDefuddleBaseline(doc.cloneNode(true) as Document, page.url).text;
      } catch {
        return '';
      }
    };
    add('knipsel', capture.text, page.expectedText);
    add('readability', readability.text, page.expectedText);
    add('defuddle', defuddle(), page.expectedText);
    tallyMetadata(
      meta.knipsel,
      { title: capture.title, byline: capture.byline, siteName: capture.siteName, lang: capture.lang, publishedTime: capture.published },
      page.expectedMetadata,
    );
    tallyMetadata(meta.readability, readability.metadata, page.expectedMetadata);
    // Timed runs, interleaved so both see the same machine state.
    const k: number[] = [];
    const r: number[] = [];
    const d: number[] = [];
    for (let i = 0; i < runs; i++) {
      k.push(time(() => extract(doc, page.url, 'article')));
      r.push(time(() => runReadabilityBaseline(doc)));
      d.push(time(defuddle));
    }
    ms.knipsel.push(median(k));
    ms.readability.push(median(r));
    ms.defuddle.push(median(d));
    doc.defaultView?.close();
    // jsdom's load tasks for this document run only once the loop turns: until then they keep
    // the whole page alive (found with a heap snapshot: 2.5 GB after the corpus, and the GC
    // pauses of that heap landed in the Dutch set's timings).
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const n = pages.length || 1;
  return {
    pages: pages.length,
    scores: Object.fromEntries(
      (Object.keys(sums) as Extractor[]).map((name) => [name, { f1: sums[name].f1 / n, precision: sums[name].precision / n, recall: sums[name].recall / n }]),
    ) as Record<Extractor, Scores>,
    meta: { knipsel: passRate(meta.knipsel), readability: passRate(meta.readability) },
    ms,
  };
}

/** Per-page medians of the timed runs, in Chromium (the content script's engine). */
interface BrowserTimes {
  knipsel: number[];
  readability: number[];
}

// window.knipselCaptureBench is declared by the page (tests/e2e/bench-harness/capture-bench-page.ts).

/** The same pages in Debian's Chromium: extract() and raw Readability on a DOMParser document. */
// Knipsel's phases and the baseline, for the profile note of the Chromium rows.
const capturePhases =
  /^(extract|extractArticle|runReadability|runReadabilityBaseline|finish|sanitizeElement|collectMetadata|removeMetaLines|mergeArticleMetadata|plainText|countWords|linkDensity|absolutizeUrls|resolveLazyImages|embedsToLinks|removeBoilerplate|pruneArticle|proseCandidate|addLead)$/;

/** One line: where extract()'s time goes, beside raw Readability's, from inclusive times. */
export function captureProfileNote(pages: number, entries: ProfileEntry[]): string {
  const total = new Map(entries.map((e) => [e.name, e.totalMs]));
  const ms = (name: string) => total.get(name) ?? 0;
  const all = ms('extract');
  const baseline = ms('runReadabilityBaseline') || 1;
  const sanitising = ms('sanitizeElement');
  const metadata = ms('collectMetadata') + ms('removeMetaLines') + ms('mergeArticleMetadata');
  const cleaning = ms('removeBoilerplate') + ms('pruneArticle');
  const rest = ms('finish') - sanitising;
  const f = (value: number) => value.toFixed(0);
  return (
    `profile: capture in Chromium, ${pages} Dutch pages × 41 runs each side under the sampling profiler, inclusive ms: ` +
    `extract() ${f(all)} = article ${f(ms('extractArticle'))} (Readability on a clone ${f(ms('runReadability'))}, boilerplate cut and pruning ${f(cleaning)}, prose candidate ${f(ms('proseCandidate'))}) ` +
    `+ lead ${f(ms('addLead'))} + sanitising ${f(sanitising)} + text, word count, link density and URLs ${f(rest)} + metadata ${f(metadata)}; ` +
    `raw Readability ${f(baseline)} (its run and the same plain-text step). Markdown is built on demand (export, command line), not at capture. ` +
    `So ${(all / baseline).toFixed(2)}× here; without sanitising ${((all - sanitising) / baseline).toFixed(2)}× — ` +
    'the jobs Readability does not do are what limits this ratio.'
  );
}

async function measureInChromium(sets: Array<{ pages: Page[]; runs: number }>, profilePages: Page[], note?: (text: string) => void): Promise<BrowserTimes[]> {
  const dir = await buildHarness(['capture-bench.html']);
  const server = await serveDir(dir, { isolated: true });
  const profile = newProfile();
  const session = await openSession(profile.dir, `${server.url}/capture-bench.html`, 'knipselCaptureBenchReady');
  try {
    const isolated = await session.page.evaluate(() => window.knipselCaptureBench.isolated);
    if (!isolated) throw new Error('the capture bench page is not cross-origin isolated (timer resolution would be 0.1 ms)');
    const out: BrowserTimes[] = [];
    for (const set of sets) {
      const times: BrowserTimes = { knipsel: [], readability: [] };
      for (const page of set.pages) {
        const result = await session.page.evaluate(([source, url, runs]) => window.knipselCaptureBench.measurePage(source, url, runs), [page.source, page.url, set.runs] as const);
        if (result.words.knipsel === 0 && result.words.readability > 0)
          throw new Error(`Chromium: extract() captured nothing from ${page.id}, where Readability found ${result.words.readability} words`);
        times.knipsel.push(median(result.knipsel));
        times.readability.push(median(result.readability));
      }
      out.push(times);
    }
    if (note && profilePages.length) {
      // Where the time goes: the same measurement under the sampling profiler.
      await session.cdp.send('Profiler.enable');
      await session.cdp.send('Profiler.setSamplingInterval', { interval: 50 });
      await session.cdp.send('Profiler.start');
      for (const page of profilePages) {
        await session.page.evaluate(([source, url]) => window.knipselCaptureBench.measurePage(source, url, 40), [page.source, page.url] as const);
      }
      const { profile } = await session.cdp.send('Profiler.stop');
      note(captureProfileNote(profilePages.length, inclusiveTimes(profile as CpuProfile, capturePhases)));
    }
    return out;
  } finally {
    await session.close();
    await server.close();
    profile.remove();
  }
}

function timeRows(area: string, ms: BrowserTimes): BenchRow[] {
  const kMedian = median(ms.knipsel);
  const rMedian = median(ms.readability);
  const kP95 = percentile(ms.knipsel, 95);
  const rP95 = percentile(ms.readability, 95);
  return [
    { area, metric: 'median ms/page', knipsel: kMedian, baseline: rMedian, baselineName: 'Readability 0.6', target: '≤ 1.5×', met: kMedian <= 1.5 * rMedian, digits: 2 },
    { area, metric: 'p95 ms/page', knipsel: kP95, baseline: rP95, baselineName: 'Readability 0.6', target: '≤ 1.5×', met: kP95 <= 1.5 * rP95, digits: 2 },
  ];
}

function rows(area: string, set: SetResult): BenchRow[] {
  const kMedian = median(set.ms.knipsel);
  const rMedian = median(set.ms.readability);
  const kP95 = percentile(set.ms.knipsel, 95);
  const rP95 = percentile(set.ms.readability, 95);
  const k = set.scores.knipsel;
  const baselines = [
    ['readability', 'Readability 0.6'],
    ['defuddle', 'defuddle 0.19'],
  ] as const;
  const out: BenchRow[] = [];
  for (const [name, baselineName] of baselines) {
    const b = set.scores[name];
    out.push({ area, metric: 'text F1', knipsel: k.f1, baseline: b.f1, baselineName, target: '> baseline', met: k.f1 > b.f1 });
  }
  for (const metric of ['precision', 'recall'] as const)
    for (const [name, baselineName] of baselines)
      out.push({ area, metric: `text ${metric}`, knipsel: k[metric], baseline: set.scores[name][metric], baselineName, target: '', met: null });
  out.push(
    {
      area,
      metric: 'metadata pass rate',
      knipsel: set.meta.knipsel,
      baseline: set.meta.readability,
      baselineName: 'Readability 0.6',
      target: '≥ baseline',
      met: set.meta.knipsel >= set.meta.readability,
    },
    { area, metric: 'median ms/page', knipsel: kMedian, baseline: rMedian, baselineName: 'Readability 0.6', target: '≤ 1.5×', met: kMedian <= 1.5 * rMedian, digits: 1 },
    { area, metric: 'median ms/page', knipsel: kMedian, baseline: median(set.ms.defuddle), baselineName: 'defuddle 0.19', target: '', met: null, digits: 1 },
    { area, metric: 'p95 ms/page', knipsel: kP95, baseline: rP95, baselineName: 'Readability 0.6', target: '≤ 1.5×', met: kP95 <= 1.5 * rP95, digits: 1 },
  );
  return out;
}

function loadPages(): { corpus: Page[]; dutch: Page[] } {
  const corpus: Page[] = loadCorpus();
  const dutch: Page[] = loadDutchFixtures().map((f) => ({
    id: f.id,
    url: f.url,
    source: f.source,
    expectedText: f.originalText,
    expectedMetadata: { title: f.expected.title, byline: f.expected.byline, siteName: f.expected.siteName, lang: f.expected.lang, publishedTime: f.expected.published },
  }));
  return { corpus, dutch };
}

/** Where the extension runs extract(): in the page, in Chromium. The timing rows only. */
async function chromiumRows(corpus: Page[], dutch: Page[], runs: number, note?: (text: string) => void): Promise<BenchRow[]> {
  const [corpusMs, dutchMs] = await measureInChromium(
    [
      { pages: corpus, runs },
      { pages: dutch, runs: Math.max(runs, 15) },
    ],
    dutch,
    note,
  );
  const out: BenchRow[] = [];
  if (corpus.length) out.push(...timeRows(`capture corpus (${corpus.length}), Chromium`, corpusMs));
  if (dutch.length) out.push(...timeRows(`capture Dutch (${dutch.length}), Chromium`, dutchMs));
  return out;
}

/** The capture rows of the benchmark table (corpus and Dutch fixtures); `chromiumOnly`: the Chromium timing rows alone. */
export async function runCaptureBench(options: { quick?: boolean; chromiumOnly?: boolean; note?: (text: string) => void } = {}): Promise<BenchRow[]> {
  const runs = Math.max(1, Number(process.env.KNIPSEL_BENCH_RUNS) || 3);
  const { corpus, dutch } = loadPages();
  if (options.chromiumOnly) return chromiumRows(corpus, dutch, runs, options.note);
  const out: BenchRow[] = [];
  if (corpus.length) out.push(...rows(`capture corpus (${corpus.length})`, await measure(corpus, runs)));
  // Five pages: with 3 runs a single GC pause decided the p95 (1.52× one run, 0.64× the next).
  if (dutch.length) out.push(...rows(`capture Dutch (${dutch.length})`, await measure(dutch, Math.max(runs, 15))));
  out.push(...(await chromiumRows(corpus, dutch, runs, options.note)));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log = console.error; // keep library chatter off the table
  const chromiumOnly = process.argv.includes('--chromium');
  runCaptureBench({ chromiumOnly, note: (text) => process.stderr.write(`${text}\n`) }).then((table) => process.stdout.write(`${formatTable(table)}\n`));
}
