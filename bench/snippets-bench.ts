// Extraction quality on trafilatura's evaluation set (tests/fixtures/corpora/trafilatura-eval,
// 949 real pages, Apache-2.0): F1, precision and recall over the `with` / `without` snippets
// (trafilatura's metric, core/capture/scoring.ts) and median ms per page in jsdom, for
// Knipsel's extract(), raw Readability 0.6 and raw defuddle, each page parsed once and given
// to all three (core/capture/testing/snippet-eval.ts, two worker threads). `--quick` or
// KNIPSEL_BENCH_SNIPPET_PAGES=N takes the first N pages of the fixed order (a spread subset).
// Also: how well the "controleer even" flag (confidence < 0.7) points at poor extractions.
import { confidenceReport, evaluateParallel, loadSnippetCases, selectCases, summarise } from '@knipsel/core/testing/corpus';
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
  ctx.note(
    `snippets: ${area}: defuddle F1 ${d.f1.toFixed(3)} (P ${d.precision.toFixed(3)}, R ${d.recall.toFixed(3)}, median ${d.medianMs.toFixed(1)} ms); ` +
      `"controleer even" (confidence < 0.7) on ${conf.flagged} pages, ${conf.flaggedPoor} of them poor (page F1 < 0.5); ${conf.poor - conf.flaggedPoor} of ${conf.poor} poor pages not flagged. ` +
      'trafilatura\'s own figures on its 990-page set: F1 0.920 (fast) / 0.925 (full).',
  );
  return [
    { area, metric: 'snippet F1', knipsel: k.f1, baseline: r.f1, baselineName: 'Readability 0.6', target: '≥ 0.93', met: k.f1 >= 0.93 },
    { area, metric: 'snippet F1', knipsel: k.f1, baseline: d.f1, baselineName: 'defuddle 0.19', target: '> baseline', met: k.f1 > d.f1 },
    { area, metric: 'precision', knipsel: k.precision, baseline: r.precision, baselineName: 'Readability 0.6', target: '', met: null },
    { area, metric: 'recall', knipsel: k.recall, baseline: r.recall, baselineName: 'Readability 0.6', target: '', met: null },
    { area, metric: 'median ms/page (jsdom)', knipsel: k.medianMs, baseline: r.medianMs, baselineName: 'Readability 0.6', target: '≤ 1.5×', met: k.medianMs <= 1.5 * r.medianMs, digits: 1 },
  ];
}
