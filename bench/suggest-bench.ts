// Suggested themes: precision and recall on the labelled passages of the domain texts
// (core/frameworks/test-labelled-passages.ts), beside plain word overlap measured in the same
// run (no stemming, no weights, its best threshold on the same set), and the suggester
// without its everyday words (wording only) as a note. Node, pure, a few milliseconds.
import { createThemeSuggester, defaultMinScore, presetFrameworks, suggestThemes, wordingOf } from '@knipsel/core';
import { bestThreshold, evaluate, labelledPassages, overlapSuggester, type Scores } from '@knipsel/core/testing';
import { formatMs, type BenchContext } from './lib.js';
import type { BenchRow } from './table.js';

const pct = (s: Scores) => `P ${(100 * s.precision).toFixed(0)}%, R ${(100 * s.recall).toFixed(0)}%, F1 ${(100 * s.f1).toFixed(0)}%`;

export async function runSuggestBench(ctx: BenchContext): Promise<BenchRow[]> {
  const wording = wordingOf(presetFrameworks.map((f) => ({ id: f.id, enabled: true, hidden: false, themes: f.themes.map((t) => ({ ...t, hidden: false })) })));
  const started = performance.now();
  const knipsel = evaluate(labelledPassages, (text) => suggestThemes(text));
  const ms = (performance.now() - started) / labelledPassages.length;
  const grid = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5];
  const baseline = bestThreshold(labelledPassages, grid, (threshold) => overlapSuggester(wording, threshold));
  const wordingOnly = createThemeSuggester(wording.map(({ related: _related, ...rest }) => rest));
  const plain = evaluate(labelledPassages, (text) => wordingOnly.suggest(text));
  const labels = labelledPassages.reduce((n, p) => n + p.themes.length, 0);
  const name = `word overlap, unstemmed (threshold ${baseline.threshold})`;
  ctx.note(
    `suggest: ${labelledPassages.length} passages from the five domain texts, ${labels} labels (4 passages without a theme); at most 3 suggestions, minimum score ${defaultMinScore}. ` +
      `Knipsel ${pct(knipsel)} (${knipsel.hits} right, ${knipsel.falseAlarms} wrong, ${knipsel.misses} missed; ${formatMs(ms)} per passage); ` +
      `without the everyday words, wording only: ${pct(plain)}; baseline ${pct(baseline.scores)}. ` +
      `The suggester's parameters and the baseline's threshold were both chosen on this same set (there is no held-out set), so both figures are optimistic.`,
  );
  const row = (metric: string, key: 'precision' | 'recall' | 'f1'): BenchRow => ({
    area: 'suggest',
    metric,
    knipsel: knipsel[key],
    baseline: baseline.scores[key],
    baselineName: name,
    target: '> baseline',
    met: knipsel[key] > baseline.scores[key],
    digits: 2,
  });
  return [row('suggested themes, precision', 'precision'), row('suggested themes, recall', 'recall'), row('suggested themes, F1', 'f1')];
}
