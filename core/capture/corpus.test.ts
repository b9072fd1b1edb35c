// The Readability corpus (Mozilla Readability's 130 test pages, tests/fixtures/corpora): Knipsel's article text must beat
// raw Readability's word-4-gram F1 and stay ≥ 0.995, and its metadata pass rate must be at least Readability's,
// both measured here in the same run with the same scoring (scoring.ts). Pages are spread
// over worker threads to stay fast; each page is parsed once and fed to both extractors.
import { describe, expect, it } from 'vitest';
import { passRate } from './scoring.js';
import { corpusDir } from './testing/corpus.js';
import { scoreCorpusParallel } from './testing/score-corpus.js';
import { existsSync } from 'node:fs';

describe('readability corpus', () => {
  it('beats Readability on text F1 and matches it on metadata', { timeout: 400_000 }, async () => {
    if (!existsSync(corpusDir)) throw new Error(`The Readability corpus is missing at ${corpusDir}.`);
    const score = await scoreCorpusParallel();
    const summary = {
      knipselF1: score.knipselF1 / score.pages,
      readabilityF1: score.readabilityF1 / score.pages,
      knipselMeta: passRate(score.knipselMeta),
      readabilityMeta: passRate(score.readabilityMeta),
    };
    console.info('corpus', JSON.stringify(summary));
    expect(score.pages).toBe(130);
    expect(score.empty).toBe(0);
    expect(summary.knipselF1).toBeGreaterThan(summary.readabilityF1);
    expect(summary.knipselF1).toBeGreaterThanOrEqual(0.995); // the boilerplate pruning must not cost the corpus text
    expect(summary.knipselMeta).toBeGreaterThanOrEqual(summary.readabilityMeta);
  });
});
