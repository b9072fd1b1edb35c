import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inflateExact, InflateProblem, inflateStepBytes, plausibleInflation } from './inflate-exact.js';
import { deflatedZeros } from '../testing/bombs.js';
import { thrownBy } from '../testing/errors.js';

const problem = (fn: () => unknown) => thrownBy(fn, InflateProblem);

describe('inflate to a declared size', () => {
  it('inflates into a buffer of exactly the declared size', () => {
    const text = new TextEncoder().encode('Bewoners koken samen in de buurtkeuken. '.repeat(5_000));
    const out = inflateExact(deflateSync(text), text.length);
    expect(out).toEqual(text);
    expect(out.buffer.byteLength).toBe(text.length); // no larger buffer, no copy to trim it
  });

  it('stops a bomb within one step of input, far before its end, having made about what it declared', () => {
    // 1 GiB of zeros deflate to about 1 MB; declared as 1 KiB.
    const bomb = deflatedZeros(1024 * 1024 * 1024);
    const stopped = problem(() => inflateExact(bomb, 1024));
    expect(stopped.kind).toBe('too-much');
    expect(bomb.length).toBeGreaterThan(1_000_000);
    expect(stopped.consumed).toBe(1024);
    // At most one step's worth of output (1 KiB × 1,032) was made, not the 1 GiB.
    expect(stopped.produced).toBeLessThanOrEqual(1024 * 1032);
  });

  it('feeds larger steps for larger declared sizes, up to 16 KiB', () => {
    expect(inflateStepBytes(10)).toBe(1024);
    expect(inflateStepBytes(4 * 1024 * 1024)).toBe(4064);
    expect(inflateStepBytes(700 * 1024 * 1024)).toBe(16 * 1024);
  });

  it('refuses a stream that makes less than declared, and a damaged one', () => {
    const data = deflateSync(new TextEncoder().encode('kort'));
    expect(problem(() => inflateExact(data, 10)).kind).toBe('too-little');
    expect(problem(() => inflateExact(data.subarray(0, 3), 4)).kind).toBe('damaged');
    expect(problem(() => inflateExact(new Uint8Array([0xff, 0xff, 0xff, 0xff]), 4)).kind).toBe('damaged');
  });

  it('finds a declared size implausible beyond 100 times the compressed bytes', () => {
    expect(plausibleInflation(1_000_000, 100_000_000)).toBe(true);
    expect(plausibleInflation(786 * 1024, 768 * 1024 * 1024)).toBe(false);
    expect(plausibleInflation(10, 60_000)).toBe(true); // tiny inputs get 64 KiB
  });
});
