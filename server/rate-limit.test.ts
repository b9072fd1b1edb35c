// Tests for the token bucket.
import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './rate-limit.js';

describe('createTokenBucket', () => {
  it('allows a burst, then the sustained rate', () => {
    let t = 0;
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 3, now: () => t });
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
    t += 100; // one token
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    t += 10_000; // never more than the burst
    expect(bucket.available()).toBe(3);
  });

  it('ignores a clock going backwards', () => {
    let t = 1000;
    const bucket = createTokenBucket({ ratePerSecond: 1, burst: 1, now: () => t });
    expect(bucket.tryTake()).toBe(true);
    t = 0;
    expect(bucket.tryTake()).toBe(false);
  });

  it('refuses nonsense options', () => {
    expect(() => createTokenBucket({ ratePerSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => createTokenBucket({ ratePerSecond: 1, burst: 0 })).toThrow(RangeError);
  });
});
