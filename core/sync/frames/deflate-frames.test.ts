import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { createChunkSender } from './chunking.js';
import { createInflateJoiner, deflateAboveBytes, deflateToFrames, isDeflateFrame, messageDeflated } from './deflate-frames.js';

/** Text-like bytes (compressible, like clipped articles), `size` long. */
function textBytes(size: number, seed = 1): Uint8Array {
  const words = ['buurt', 'bewoners', 'wijkteam', 'talenten', 'samen', 'ontmoeten', 'eigen kracht', 'netwerk'];
  let x = seed;
  let text = '';
  while (text.length < size) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    text += `${words[x % words.length]} `;
  }
  return new TextEncoder().encode(text.slice(0, size));
}

async function framesOf(message: Uint8Array, id = 3): Promise<Uint8Array[]> {
  const frames: Uint8Array[] = [];
  await deflateToFrames(message, id, (frame) => frames.push(frame));
  return frames;
}

function rawFrame(id: number, index: number, final: number, part: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageDeflated);
  encoding.writeVarUint(encoder, id);
  encoding.writeVarUint(encoder, index);
  encoding.writeVarUint(encoder, final);
  encoding.writeVarUint8Array(encoder, part);
  return encoding.toUint8Array(encoder);
}

async function deflateRaw(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
}

describe('compressed frames', () => {
  it('round-trip any message, in frames no larger than a chunk, the last one marked final', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300_000 }),
          fc.integer({ min: 0, max: 1_500_000 }).map((n) => textBytes(n)),
        ),
        async (message) => {
          const frames = await framesOf(message);
          expect(frames.every(isDeflateFrame)).toBe(true);
          expect(frames.every((f) => f.length <= 64 * 1024 + 16)).toBe(true);
          const joiner = createInflateJoiner();
          const results = frames.map((f) => joiner.push(f));
          expect(results.slice(0, -1).every((r) => 'pending' in r)).toBe(true);
          const last = results.at(-1)!;
          expect('done' in last).toBe(true);
          // Compared as bytes: a deep equality over a megabyte array costs seconds.
          const arrived = await (last as { done: Promise<Uint8Array> }).done;
          expect(Buffer.from(arrived).equals(Buffer.from(message))).toBe(true);
        },
      ),
      { seed: 5, numRuns: 8 },
    );
  });

  it('makes clipped text several times smaller', async () => {
    const message = textBytes(2_000_000);
    const frames = await framesOf(message);
    const sent = frames.reduce((n, f) => n + f.length, 0);
    expect(sent).toBeLessThan(message.length / 4);
  });

  it('refuses a deflate bomb without inflating it whole', async () => {
    const bomb = await deflateRaw(new Uint8Array(20_000_000)); // 20 MB of zeros, ~20 KB compressed
    expect(bomb.length).toBeLessThan(64 * 1024);
    const joiner = createInflateJoiner(1_000_000);
    const result = joiner.push(rawFrame(1, 0, 1, bomb));
    expect('done' in result).toBe(true);
    await expect((result as { done: Promise<Uint8Array> }).done).rejects.toThrow('inflated message too large');
  });

  it('drops streams that are out of order, damaged, oversized or not deflate', async () => {
    let x = 2463534242;
    const noise = Uint8Array.from({ length: 400_000 }, () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x & 0xff)); // hardly compresses
    const frames = await framesOf(noise, 9);
    expect(frames.length).toBeGreaterThan(1);
    const joiner = createInflateJoiner();
    joiner.push(frames[0]);
    expect(joiner.push(frames[2] ?? frames[1])).toMatchObject({ rejected: expect.stringMatching(/out of order/) });
    expect(createInflateJoiner().push(frames[0].slice(0, 3))).toEqual({ rejected: 'undecodable compressed frame' });
    expect(createInflateJoiner().push(rawFrame(1, 0, 2, new Uint8Array(3)))).toEqual({ rejected: 'compressed frame out of bounds' });
    expect(createInflateJoiner(10).push(rawFrame(1, 0, 0, new Uint8Array(11)))).toEqual({ rejected: 'compressed message too large' });
    const garbage = createInflateJoiner().push(rawFrame(4, 0, 1, new Uint8Array([0xff, 0xff, 0xff, 0xff, 1, 2, 3])));
    await expect((garbage as { done: Promise<Uint8Array> }).done).rejects.toThrow();
    // A new stream after a broken one is read normally.
    const again = createInflateJoiner();
    again.push(frames[0]);
    again.push(rawFrame(77, 5, 0, new Uint8Array(1)));
    const results = frames.map((f) => again.push(f));
    expect(Buffer.from(await (results.at(-1) as { done: Promise<Uint8Array> }).done).equals(Buffer.from(noise))).toBe(true);
  });
});

describe('chunk sender with compression', () => {
  it('compresses large messages and keeps every message in order behind them', async () => {
    const sent: Uint8Array[] = [];
    const sender = createChunkSender(
      (f) => sent.push(f),
      () => 0,
    );
    const big = textBytes(deflateAboveBytes * 3);
    sender.send(new Uint8Array([0, 2, 1, 1]));
    sender.send(big);
    sender.send(new Uint8Array([0, 2, 1, 2]));
    expect(sent).toEqual([new Uint8Array([0, 2, 1, 1])]); // the rest waits for the compressor
    await expect.poll(() => sent.at(-1)).toEqual(new Uint8Array([0, 2, 1, 2]));
    const streamFrames = sent.slice(1, -1);
    expect(streamFrames.every(isDeflateFrame)).toBe(true);
    const joiner = createInflateJoiner();
    const done = streamFrames.map((f) => joiner.push(f)).at(-1) as { done: Promise<Uint8Array> };
    expect(Buffer.from(await done.done).equals(Buffer.from(big))).toBe(true);
    sender.close();
  });

  it('sends below the threshold, or with compression off, as plain chunks', () => {
    const sent: Uint8Array[] = [];
    const sender = createChunkSender(
      (f) => sent.push(f),
      () => 0,
      { compress: false },
    );
    sender.send(textBytes(deflateAboveBytes * 2));
    expect(sent.length).toBe(Math.ceil((deflateAboveBytes * 2) / (64 * 1024)));
    expect(sent.some(isDeflateFrame)).toBe(false);
  });
});
