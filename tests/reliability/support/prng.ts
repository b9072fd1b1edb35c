// A small seeded PRNG (mulberry32) and the byte mutations the fuzzers apply to real inputs.
import { concatParts } from '@knipsel/core/testing';
export interface Rng {
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  bytes(length: number): Uint8Array;
  chance(p: number): boolean;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return {
    next,
    int,
    pick: (items) => items[int(items.length)],
    bytes(length) {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) out[i] = int(256);
      return out;
    },
    chance: (p) => next() < p,
  };
}

const interesting = [0, 1, 0x7f, 0x80, 0xff, 0xfe, 0x40, 0x3f, 0x77, 0x76, 0x7d, 0x08, 0x09];

/** One to four mutations of `input`: flips, sets, inserts, deletes, truncations, splices. */
export function mutate(rng: Rng, input: Uint8Array, donors: readonly Uint8Array[] = []): Uint8Array {
  let bytes: Uint8Array = input.slice();
  const rounds = 1 + rng.int(4);
  for (let r = 0; r < rounds; r++) {
    const at = bytes.length === 0 ? 0 : rng.int(bytes.length);
    switch (rng.int(9)) {
      case 0: // flip a bit
        if (bytes.length) bytes[at] ^= 1 << rng.int(8);
        break;
      case 1: // set an interesting byte
        if (bytes.length) bytes[at] = rng.pick(interesting);
        break;
      case 2: // random byte
        if (bytes.length) bytes[at] = rng.int(256);
        break;
      case 3: {
        // insert random bytes
        const extra = rng.bytes(1 + rng.int(8));
        bytes = concat(bytes.subarray(0, at), extra, bytes.subarray(at));
        break;
      }
      case 4: {
        // delete a range
        const length = 1 + rng.int(Math.min(16, Math.max(1, bytes.length - at)));
        bytes = concat(bytes.subarray(0, at), bytes.subarray(at + length));
        break;
      }
      case 5: // truncate
        bytes = bytes.subarray(0, at).slice();
        break;
      case 6: {
        // duplicate a slice
        const length = 1 + rng.int(32);
        bytes = concat(bytes.subarray(0, at), bytes.subarray(at, at + length), bytes.subarray(at));
        break;
      }
      case 7: {
        // splice in part of another real input
        if (donors.length) {
          const donor = rng.pick(donors);
          const from = rng.int(Math.max(1, donor.length));
          bytes = concat(bytes.subarray(0, at), donor.subarray(from, from + 1 + rng.int(64)), bytes.subarray(at));
        }
        break;
      }
      default: {
        // a huge varint where a small one was
        if (bytes.length) bytes = concat(bytes.subarray(0, at), Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f]), bytes.subarray(at + 1));
      }
    }
  }
  return bytes;
}

export const concat = (...parts: Uint8Array[]): Uint8Array => concatParts(parts);

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Random JSON-ish values of bounded depth (for frames that should be objects). */
export function randomValue(rng: Rng, depth = 0): unknown {
  const kind = rng.int(depth > 3 ? 6 : 9);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e308, -0, 42]);
    case 3:
      return randomString(rng);
    case 4:
      return rng.pick(['hello', 'welcome', 'sync', 'dossiers', 'bye', 'mismatch', 'subscribe', 'publish', 'ping', 'knipsel-bridge', 'app', 'extension']);
    case 5:
      return undefined;
    case 6:
      return Array.from({ length: rng.int(5) }, () => randomValue(rng, depth + 1));
    default: {
      const keys = ['t', 'v', 'tag', 'from', 'frame', 'session', 'nonce', 'data', 'dossierId', 'list', 'type', 'topic', 'topics', '__proto__', 'constructor', 'role'];
      const out: Record<string, unknown> = {};
      for (let i = rng.int(6); i > 0; i--) out[rng.pick(keys)] = randomValue(rng, depth + 1);
      return out;
    }
  }
}

export function randomString(rng: Rng): string {
  const pieces = ['a', 'Z', '0', ' ', '\u0000', '"', '\\', '<script>', 'é', '\ud800', '😀', '../', '%00', '=', '+', '/'];
  let s = '';
  for (let i = rng.int(24); i > 0; i--) s += rng.pick(pieces);
  return s;
}
