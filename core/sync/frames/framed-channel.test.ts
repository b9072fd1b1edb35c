import { describe, expect, it } from 'vitest';
import { deflatedZeros } from '../../testing/bombs.js';
import { encodeStreamFrame } from './stream-frames.js';
import { createFramedChannel, type FrameRefusal } from './framed-channel.js';

/** Text-like bytes that never start with 0 (a whole message of the channel). */
function message(size: number, seed: number): Uint8Array {
  const bytes = new TextEncoder().encode(`${seed} `.repeat(Math.ceil(size / 3)).slice(0, size));
  bytes[0] = 1 + (seed % 200);
  return bytes;
}

function pair(options: { maxBytes?: number } = {}) {
  const frames: Uint8Array[] = [];
  const delivered: Uint8Array[] = [];
  const refused: Array<[string, FrameRefusal]> = [];
  const receiver = createFramedChannel({
    prefix: 0,
    sendFrame: () => undefined,
    bufferedAmount: () => 0,
    deliver: (m) => delivered.push(m),
    onRefuse: (r, k) => refused.push([r, k]),
    ...options,
  });
  const sender = createFramedChannel({
    prefix: 0,
    sendFrame: (f) => {
      frames.push(f);
      receiver.receive(f);
    },
    bufferedAmount: () => 0,
    deliver: () => undefined,
    onRefuse: () => undefined,
  });
  return { sender, receiver, frames, delivered, refused };
}

describe('framed channel', () => {
  it('carries small, chunked and compressed messages in order, every stream frame small and behind the prefix', async () => {
    const { sender, frames, delivered, refused } = pair();
    const sent = [message(10, 1), message(200_000, 2), message(3_000_000, 3), message(20, 4)];
    for (const m of sent) sender.send(m);
    await expect.poll(() => delivered.length).toBe(4);
    expect(delivered.map((m, i) => Buffer.from(m).equals(Buffer.from(sent[i])))).toEqual([true, true, true, true]);
    const streamFrames = frames.filter((f) => f[0] === 0);
    expect(streamFrames.length).toBeGreaterThan(3);
    expect(frames.every((f) => f.length <= 64 * 1024 + 32)).toBe(true);
    expect(refused).toEqual([]);
  });

  it('refuses a whole message inside a stream, unknown stream frames and bombs, and delivers nothing after', async () => {
    const inside = pair();
    inside.receiver.receive(new Uint8Array([0, ...encodeStreamFrame(75, { id: 2, index: 0, field: 2, part: new Uint8Array(10) })]));
    inside.receiver.receive(message(5, 9));
    inside.receiver.receive(message(5, 10));
    expect(inside.refused).toEqual([['a message inside a chunk stream', 'malformed']]);
    expect(inside.delivered).toEqual([]);

    const unknown = pair();
    unknown.receiver.receive(new Uint8Array([0, 99, 1]));
    expect(unknown.refused).toEqual([['unknown stream frame', 'malformed']]);

    const bomb = pair({ maxBytes: 1024 * 1024 });
    const zeros = deflatedZeros(32 * 1024 * 1024);
    bomb.receiver.receive(new Uint8Array([0, ...encodeStreamFrame(76, { id: 2, index: 0, field: 1, part: zeros.subarray(0, 60_000) })]));
    await expect.poll(() => bomb.refused).toEqual([['inflated message too large', 'too-large']]);
    bomb.receiver.receive(message(5, 11));
    expect(bomb.delivered).toEqual([]);
  });
});
