import { describe, expect, it } from 'vitest';
import { topByScore } from './top-hits.js';

describe('topByScore', () => {
  it('picks the best as a stable sort of all candidates would, ties in candidate order', () => {
    let seed = 3;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const size = 400;
    // Few distinct scores: many ties.
    const score = Float64Array.from({ length: size }, () => Math.floor(next() * 12));
    const candidates = Uint32Array.from({ length: size }, (_, i) => i).filter(() => next() < 0.7);
    const sorted = Array.from(candidates).sort((a, b) => score[b] - score[a]);
    for (const count of [0, 1, 5, 17, 50, candidates.length, candidates.length + 10]) {
      expect(topByScore(candidates, candidates.length, score, count)).toEqual(sorted.slice(0, count));
    }
    // Only the first `size` candidates count.
    expect(topByScore(candidates, 10, score, 3)).toEqual(
      Array.from(candidates.subarray(0, 10))
        .sort((a, b) => score[b] - score[a])
        .slice(0, 3),
    );
  });
});
