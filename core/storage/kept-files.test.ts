// The kept-file store: bytes under their SHA-256, once; the size limit; damage refused.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createDexieKeptFiles, createMemoryKeptFiles, sha256Hex, type KeptFileStore } from './kept-files.js';

const bytes = new TextEncoder().encode('%PDF-1.4 een klein rapport');

for (const [name, make] of [
  ['memory', () => createMemoryKeptFiles({ max: 1000 })],
  ['dexie', () => createDexieKeptFiles(`t-${Math.random()}`, { max: 1000 })],
] as Array<[string, () => KeptFileStore]>) {
  describe(`kept files (${name})`, () => {
    it('stores bytes under their SHA-256 and gives them back', async () => {
      const store = make();
      const hash = await store.put(bytes, 'application/pdf');
      expect(hash).toBe(await sha256Hex(bytes));
      expect(await store.has(hash)).toBe(true);
      const got = await store.get(hash);
      expect(got?.type).toBe('application/pdf');
      expect(new TextDecoder().decode(got!.bytes)).toBe('%PDF-1.4 een klein rapport');
      expect(await store.put(bytes, 'application/pdf')).toBe(hash);
      expect(await store.has('0'.repeat(64))).toBe(false);
    });

    it('refuses a file above the limit with a Dutch reason', async () => {
      const store = make();
      await expect(store.put(new Uint8Array(1001), 'application/pdf')).rejects.toMatchObject({ code: 'invalid-input', details: { reason: 'too-large' } });
    });
  });
}
