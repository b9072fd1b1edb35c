// Contract tests every BlobStore implementation must pass (called from each implementation's
// test with a factory that takes the size limit). Written against vitest's API.
import { describe, expect, it } from 'vitest';
import { isKnipselError } from '../errors.js';
import { sha256Hex, type BlobStore } from './blob-store.js';

const text = (value: string) => new TextEncoder().encode(value);

export function runBlobStoreContract(name: string, make: (options: { max: number }) => Promise<BlobStore> | BlobStore): void {
  describe(`BlobStore contract: ${name}`, () => {
    it('stores bytes under their SHA-256 and gives them back with their type', async () => {
      const store = await make({ max: 1024 });
      const hash = await store.put(text('abc'), 'image/png');
      expect(hash).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
      expect(await store.has(hash)).toBe(true);
      expect(await store.get(hash)).toEqual({ bytes: text('abc'), type: 'image/png' });
    });

    it('answers nothing for a hash it does not hold, or for something that is no hash', async () => {
      const store = await make({ max: 1024 });
      const other = 'a'.repeat(64);
      expect(await store.has(other)).toBe(false);
      expect(await store.get(other)).toBeUndefined();
      expect(await store.has('../../etc/passwd')).toBe(false);
      expect(await store.get('')).toBeUndefined();
    });

    it('stores the same bytes once under one hash, whatever they are called', async () => {
      const store = await make({ max: 1024 });
      const first = await store.put(text('zelfde foto'), 'image/jpeg');
      const second = await store.put(text('zelfde foto'), 'image/jpeg');
      expect(second).toBe(first);
      expect((await store.get(first))?.bytes).toEqual(text('zelfde foto'));
    });

    it('keeps a copy, not the caller’s buffer', async () => {
      const store = await make({ max: 1024 });
      const bytes = text('origineel');
      const hash = await store.put(bytes, 'text/plain');
      bytes[0] = 0;
      expect((await store.get(hash))?.bytes).toEqual(text('origineel'));
    });

    it('refuses bytes above its limit with a message for the user, and stores nothing', async () => {
      const store = await make({ max: 8 });
      const error = await store.put(text('negen tekens'), 'text/plain').catch((e: unknown) => e);
      expect(isKnipselError(error, 'invalid-input')).toBe(true);
      expect((error as { details: { reason: string; nl: string } }).details).toMatchObject({ reason: 'too-large', nl: expect.stringContaining('MB') });
      expect(await store.has(await sha256Hex(text('negen tekens')))).toBe(false);
      expect(await store.put(text('acht!!!!'), 'text/plain')).toMatch(/^[0-9a-f]{64}$/);
    });

    it('keeps only well-formed MIME types', async () => {
      const store = await make({ max: 1024 });
      const hash = await store.put(text('x'), 'text/html; <script>');
      expect((await store.get(hash))?.type).toBe('application/octet-stream');
    });
  });
}
