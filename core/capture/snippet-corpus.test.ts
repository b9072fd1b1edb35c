// Quality floor on trafilatura's evaluation set (tests/fixtures/corpora/trafilatura-eval): a
// fixed spread subset of the held-out pages (never tuned on), Knipsel beside raw Readability in
// the same run, scored with trafilatura's snippet metric. Fails when extraction quality drops.
import { describe, expect, it } from 'vitest';
import { snippetScores, addCounts, noCounts } from './scoring.js';
import { evaluateParallel } from './testing/snippet-eval.js';
import { loadSnippetCases, selectCases } from './testing/snippet-corpus.js';

/** Pages in the subset: the first of the held-out split's fixed, hashed order. */
const pages = 80;
/** The floor, a little under what the subset scores (see the bench for the whole set). */
const minF1 = 0.9;

describe('trafilatura evaluation set', () => {
  it(`scores snippet F1 ≥ ${minF1} on ${pages} held-out pages and beats raw Readability there`, { timeout: 600_000 }, async () => {
    const cases = selectCases(loadSnippetCases(), 'heldout', pages);
    const results = await evaluateParallel(cases, { extractors: ['knipsel', 'readability'], threads: 2 });
    const sum = (name: 'knipsel' | 'readability') => snippetScores(results.reduce((all, p) => addCounts(all, p.results[name]!.counts), noCounts()));
    const knipsel = sum('knipsel');
    const readability = sum('readability');
    console.info('snippets', JSON.stringify({ knipsel, readability }));
    expect(results.length).toBe(pages);
    expect(knipsel.f1).toBeGreaterThanOrEqual(minF1);
    expect(knipsel.f1).toBeGreaterThan(readability.f1);
  });
});
