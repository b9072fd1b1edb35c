// A token bucket: allows `ratePerSecond` events on average with bursts up to `burst`.
// Used per signalling connection; the clock is injectable for tests.

export type TokenBucketOptions = {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size: the most events allowed at once after a quiet period. */
  burst: number;
  /** Milliseconds clock; defaults to `Date.now`. */
  now?: () => number;
};

export type TokenBucket = {
  /** Takes one token; false when the bucket is empty (the event should be dropped). */
  tryTake(): boolean;
  /** Tokens available now (for tests and diagnostics). */
  available(): number;
};

export function createTokenBucket({ ratePerSecond, burst, now = Date.now }: TokenBucketOptions): TokenBucket {
  if (!(ratePerSecond > 0) || !(burst >= 1)) throw new RangeError('ratePerSecond must be > 0 and burst >= 1');
  let tokens = burst;
  let last = now();
  const refill = () => {
    const t = now();
    if (t > last) {
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSecond);
      last = t;
    }
  };
  return {
    tryTake() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    available() {
      refill();
      return tokens;
    },
  };
}
