import { describe, expect, it } from 'vitest';
import { plainInput } from './send.js';

describe('plainInput', () => {
  it('turns proxies (Svelte $state) into data the structured clone accepts, as Firefox needs', () => {
    const state = new Proxy({ themes: new Proxy(['t1', 't2'], {}), note: 'Begin bij bewoners', when: undefined }, {});
    expect(() => structuredClone(state)).toThrow();
    const plain = plainInput(state);
    expect(structuredClone(plain)).toEqual({ themes: ['t1', 't2'], note: 'Begin bij bewoners' });
  });

  it('keeps plain input as it is', () => {
    expect(plainInput({ dossierId: 'd1', limit: 50 })).toEqual({ dossierId: 'd1', limit: 50 });
    expect(plainInput(undefined)).toBeUndefined();
  });
});
