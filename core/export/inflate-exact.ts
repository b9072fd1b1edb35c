// Inflating raw DEFLATE whose size a header declares (a backup's state, a zip entry), without
// trusting the declaration: the output goes into one buffer of exactly the declared size (no
// growing, no copy at the end), and the input is fed in small steps (fflate's streaming
// Inflate) so a stream that makes more than declared is stopped within one step instead of
// being inflated to the end. A step is at most 16 KiB, and small enough that it cannot make
// more than the declared size or 1 MiB, whichever is larger (DEFLATE makes at most 1,032 bytes
// per byte): a zip bomb costs about its declared size, whatever it would unpack to.
// Cost: streaming is slower than fflate's one-shot inflateSync (about 1.7× in our runs).
import { Inflate } from 'fflate';

/** The most input fed per step. */
const maxStepBytes = 16 * 1024;

/** Input per step for a declared size: what DEFLATE's limit (1,032×) turns into at most max(size, 1 MiB). */
export function inflateStepBytes(size: number): number {
  return Math.max(1024, Math.min(maxStepBytes, Math.floor(Math.max(size, 1024 * 1024) / 1032)));
}

/**
 * A declared size above this many times the compressed bytes (plus 64 KiB for tiny inputs)
 * is refused before inflating. Real dossier states deflate 4–6× (5.7× at 100–3,000 clips of
 * the bench corpus), bookmark exports less; DEFLATE itself allows up to 1,032×, which only
 * made-up data reaches.
 */
export const maxPlausibleInflation = 100;

/** Whether `declared` bytes can plausibly come out of `compressed` bytes (see maxPlausibleInflation). */
export function plausibleInflation(compressed: number, declared: number): boolean {
  return declared <= compressed * maxPlausibleInflation + 64 * 1024;
}

/** Why a stream did not inflate to the declared size. */
export class InflateProblem extends Error {
  constructor(
    readonly kind: 'too-much' | 'too-little' | 'damaged',
    /** Input bytes fed before it stopped (a bomb stops early). */
    readonly consumed: number,
    /** Output bytes made before it stopped. */
    readonly produced: number,
  ) {
    super(`inflate: ${kind} (consumed ${consumed}, produced ${produced})`);
    this.name = 'InflateProblem';
  }
}

/** Inflate `input` into exactly `size` bytes, or throw an InflateProblem. */
export function inflateExact(input: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  const step = inflateStepBytes(size);
  let produced = 0;
  let consumed = 0;
  let tooMuch = false;
  const inflate = new Inflate((chunk) => {
    if (tooMuch) return;
    if (produced + chunk.length > size) {
      tooMuch = true;
      produced += chunk.length;
      return;
    }
    out.set(chunk, produced);
    produced += chunk.length;
  });
  try {
    do {
      const end = Math.min(input.length, consumed + step);
      inflate.push(input.subarray(consumed, end), end === input.length);
      consumed = end;
    } while (!tooMuch && consumed < input.length);
  } catch {
    throw new InflateProblem('damaged', consumed, produced);
  }
  if (tooMuch) throw new InflateProblem('too-much', consumed, produced);
  if (produced !== size) throw new InflateProblem('too-little', consumed, produced);
  return out;
}
