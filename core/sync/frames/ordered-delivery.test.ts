import { describe, expect, it } from 'vitest';
import { createOrderedDelivery } from './ordered-delivery.js';

describe('ordered delivery', () => {
  it('holds messages behind one still inflating, and skips one that fails', async () => {
    const delivered: number[] = [];
    const rejected: string[] = [];
    const inbound = createOrderedDelivery(
      (m) => delivered.push(m[0]),
      (reason) => rejected.push(reason),
    );
    let finish!: (m: Uint8Array) => void;
    let fail!: (e: Error) => void;
    inbound.push(new Uint8Array([1]));
    inbound.push(new Promise<Uint8Array>((resolve) => (finish = resolve)));
    inbound.push(new Uint8Array([3]));
    inbound.push(new Promise<Uint8Array>((_, reject) => (fail = reject)));
    inbound.push(new Uint8Array([5]));
    expect(delivered).toEqual([1]);
    finish(new Uint8Array([2]));
    await Promise.resolve();
    await Promise.resolve();
    expect(delivered).toEqual([1, 2, 3]);
    fail(new Error('inflated message too large'));
    await expect.poll(() => delivered).toEqual([1, 2, 3, 5]);
    expect(rejected).toEqual(['inflated message too large']);
  });
});
