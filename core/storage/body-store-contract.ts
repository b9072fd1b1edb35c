// Contract tests every BodyStore must pass, whichever BlobStore it sits on (called from each
// implementation's test with a factory). Written against vitest's API.
import { describe, expect, it } from 'vitest';
import type { BlobStore } from './blob-store.js';
import { bodyType, createBodyStore, encodeBody, sha256HexSync, type ClipBody } from './body-store.js';

const body = (text: string): ClipBody => ({ html: `<p>${text}</p>`, markdown: text, text });

export function runBodyStoreContract(name: string, makeBlobs: () => Promise<BlobStore> | BlobStore): void {
  describe(`BodyStore contract: ${name}`, () => {
    it('names a body by the SHA-256 of its encoding, the same staged or put, and gives it back', async () => {
      const blobs = await makeBlobs();
      const store = createBodyStore(blobs);
      const staged = store.stage(body('Buurtkamer'));
      await store.written();
      expect(staged).toBe(sha256HexSync(encodeBody(body('Buurtkamer'))));
      expect(await store.put(body('Buurtkamer'))).toBe(staged);
      // A fresh store on the same blobs (another session) reads it from there.
      const later = createBodyStore(blobs);
      expect(later.peek(staged)).toBeUndefined();
      expect(await later.get(staged)).toEqual(body('Buurtkamer'));
      expect(await later.load([staged])).toEqual([]);
      expect(later.peek(staged)).toEqual(body('Buurtkamer'));
    });

    it('answers nothing for a hash it does not hold or that is no hash, and says which are missing', async () => {
      const store = createBodyStore(await makeBlobs());
      const absent = 'b'.repeat(64);
      expect(await store.get(absent)).toBeUndefined();
      expect(await store.has('../../etc')).toBe(false);
      expect(await store.load([absent, 'x'])).toEqual([absent, 'x']);
    });

    it('says which bodies are missing without bringing the others into memory', async () => {
      const blobs = await makeBlobs();
      const stored = await createBodyStore(blobs).put(body('Wijkpanel'));
      const store = createBodyStore(blobs);
      const absent = 'c'.repeat(64);
      expect(await store.missing([stored, absent, stored])).toEqual([absent]);
      expect(store.peek(stored)).toBeUndefined();
    });

    it('refuses a blob under a body hash that is not a body (foreign bytes read as missing)', async () => {
      const blobs = await makeBlobs();
      const hash = await blobs.put(new TextEncoder().encode('{"v":1,"html":3}'), bodyType);
      const store = createBodyStore(blobs);
      expect(await store.get(hash)).toBeUndefined();
      expect(await store.load([hash])).toEqual([hash]);
    });

    it('lists its bodies and sweeps one only when it was not staged or put again since its mark (the collector)', async () => {
      const blobs = await makeBlobs();
      if (!blobs.hashes || !blobs.sweep) return expect.unreachable('a blob store bodies live in can be collected');
      const store = createBodyStore(blobs);
      const [old, reused] = [store.stage(body('Oud')), store.stage(body('Weer gebruikt'))];
      await store.written();
      expect((await blobs.hashes()).sort()).toEqual([old, reused].sort());
      await new Promise((resolve) => setTimeout(resolve, 2));
      const since = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 2));
      store.stage(body('Weer gebruikt'));
      await store.written();
      const candidates = [old, reused, 'e'.repeat(64)].map((hash) => ({ hash, since }));
      expect(await blobs.sweep(candidates, (type) => type !== bodyType)).toEqual([]);
      expect(await blobs.sweep(candidates, (type) => type === bodyType)).toEqual([old]);
      expect(await store.get(reused)).toEqual(body('Weer gebruikt'));
      expect(await blobs.has(old)).toBe(false);
      expect(await blobs.hashes()).toEqual([reused]);
    });

    it('a staged body is readable at once and durable once written() resolves', async () => {
      const blobs = await makeBlobs();
      const store = createBodyStore(blobs);
      const hash = store.stage(body('Moestuin'));
      expect(store.peek(hash)).toEqual(body('Moestuin'));
      await store.written();
      expect(await blobs.has(hash)).toBe(true);
      store.forget(hash);
      expect(store.peek(hash)).toBeUndefined();
      expect(await store.has(hash)).toBe(true);
    });
  });
}
