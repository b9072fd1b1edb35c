// The snippet evaluator's time bound: a page that overruns it ends its worker, counts as an
// empty extraction with a note, and the run goes on with the next page instead of stalling.
import { describe, expect, it } from 'vitest';
import { evaluateParallel } from './testing/snippet-eval.js';
import { loadSnippetCases, selectCases } from './testing/snippet-corpus.js';

describe('snippet evaluation time bound', () => {
  it('counts an overrunning page as an empty extraction and finishes the run', { timeout: 300_000 }, async () => {
    const cases = selectCases(loadSnippetCases(), 'dev', 2);
    // No page parses and extracts in a millisecond: every extractor of both pages overruns.
    const results = await evaluateParallel(cases, { extractors: ['knipsel', 'readability'], threads: 1, timeoutMs: 1 });
    expect(results.map((p) => p.id)).toEqual(cases.map((c) => c.id));
    for (const [i, page] of results.entries()) {
      for (const name of ['knipsel', 'readability'] as const) {
        const result = page.results[name];
        expect(result?.error).toMatch(/timed out/);
        expect(result?.counts.tp).toBe(0);
        expect(result?.counts.fn).toBe(cases[i].with.length);
      }
    }
  });

  it('keeps every extractor result of pages that finish in time', { timeout: 300_000 }, async () => {
    const cases = selectCases(loadSnippetCases(), 'dev', 2);
    const results = await evaluateParallel(cases, { extractors: ['knipsel', 'readability'], threads: 2 });
    for (const page of results) {
      expect(page.results.knipsel?.error).toBeUndefined();
      expect(page.results.readability?.error).toBeUndefined();
      expect(page.confidence).toBeGreaterThan(0);
    }
  });
});
