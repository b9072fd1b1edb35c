// Extraction quality on trafilatura's evaluation set (tests/fixtures/corpora/trafilatura-eval,
// 949 real pages, Apache-2.0): F1, precision and recall over the `with` / `without` snippets
// (trafilatura's metric, core/capture/scoring.ts) and median ms per page in jsdom, for
// Knipsel's extract(), raw Readability 0.6 and raw defuddle, each page parsed once and given
// to all three (core/capture/testing/snippet-eval.ts, two worker threads). `--quick` or
// KNIPSEL_BENCH_SNIPPET_PAGES=N takes the first N pages of the fixed order (a spread subset).
// Also: F1 per split (dev, tuned on; held-out, only checked), and how well the "controleer
// even" flag (confidence < 0.7) points at poor extractions (page F1 < 0.7): its precision and recall.
import { confidenceReport, evaluateParallel, loadSnippetCases, selectCases, summarise, type ExtractorSummary } from '@knipsel/core/testing/corpus';
import type { BenchContext } from './lib.js';
import type { BenchRow } from './table.js';

/** Pages in a quick run. */
const quickPages = 150;

export async function runSnippetsBench(ctx: BenchContext): Promise<BenchRow[]> {
  const fromEnv = Number(process.env.KNIPSEL_BENCH_SNIPPET_PAGES);
  const limit = fromEnv > 0 ? fromEnv : ctx.quick ? quickPages : Infinity;
  const cases = selectCases(loadSnippetCases(), 'all', limit);
  let done = 0;
  const pages = await evaluateParallel(cases, { threads: 2 }, () => {
    done += 1;
    if (done % 100 === 0) ctx.log(`snippets: ${done}/${cases.length} pages`);
  });
  const s = summarise(pages);
  const k = s.knipsel;
  const r = s.readability;
  const d = s.defuddle;
  if (!k || !r || !d) throw new Error('snippets: an extractor gave no results');
  const area = `extraction, trafilatura set (${cases.length})`;
  const conf = confidenceReport(pages);
  const heldConf = confidenceReport(pages.filter((p) => p.split === 'heldout'));
  const halves = (['dev', 'heldout'] as const).map((split) => {
    const own = summarise(pages.filter((p) => p.split === split));
    return `${split} ${own.knipsel?.f1.toFixed(3)} (Readability ${own.readability?.f1.toFixed(3)}, defuddle ${own.defuddle?.f1.toFixed(3)})`;
  });
  const timedOut = pages.filter((p) => Object.values(p.results).some((x) => x?.error?.startsWith('timed out'))).length;
  ctx.note(
    `snippets: ${area}: F1 by split: ${halves.join('; ')}; ${timedOut} pages ran out of time (counted as empty). ` +
      `"controleer even" (confidence < 0.7) on ${conf.flagged} of ${conf.pages} pages, ${conf.flaggedPoor} of them poor (page F1 < 0.7): precision ${conf.precision.toFixed(2)}, recall ${conf.recall.toFixed(2)} of ${conf.poor} poor pages; on the held-out pages alone precision ${heldConf.precision.toFixed(2)}, recall ${heldConf.recall.toFixed(2)} (${heldConf.flaggedPoor} of ${heldConf.flagged} flagged, ${heldConf.poor} poor). ` +
      "trafilatura's own figures on its 990-page set: F1 0.920 (fast) / 0.925 (full).",
  );
  const versus = (metric: string, pick: (x: ExtractorSummary) => number, target = '', met: boolean | null = null, digits?: number): BenchRow[] => [
    { area, metric, knipsel: pick(k), baseline: pick(r), baselineName: 'Readability 0.6', target, met, ...(digits ? { digits } : {}) },
    { area, metric, knipsel: pick(k), baseline: pick(d), baselineName: 'defuddle 0.19', target: '', met: null, ...(digits ? { digits } : {}) },
  ];
  return [
    ...versus('snippet F1', (x) => x.f1, '≥ 0.93', k.f1 >= 0.93),
    ...versus('precision', (x) => x.precision),
    ...versus('recall', (x) => x.recall),
    ...versus('median ms/page (jsdom)', (x) => x.medianMs, '≤ 1.5×', k.medianMs <= 1.5 * r.medianMs, 1),
    {
      area,
      metric: '"controleer even" precision (flagged pages with page F1 < 0.7)',
      knipsel: conf.precision,
      baseline: null,
      baselineName: '–',
      target: '',
      met: null,
      digits: 2,
    },
    { area, metric: '"controleer even" recall (pages with page F1 < 0.7 flagged)', knipsel: conf.recall, baseline: null, baselineName: '–', target: '', met: null, digits: 2 },
  ];
}
