import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createMemoryBlobStore, sha256Hex } from './blob-store.js';
import { runBodyStoreContract } from './body-store-contract.js';
import { createBodyStore, decodeBody, encodeBody, sha256HexSync } from './body-store.js';
import { createDexieBlobStore } from './dexie-blob-store.js';

let n = 0;
runBodyStoreContract('memory blobs', () => createMemoryBlobStore());
runBodyStoreContract('dexie blobs', () => createDexieBlobStore(`bodies-${n++}`, { indexedDB: new IDBFactory() }));

describe('body encoding', () => {
  it('hashes synchronously exactly as WebCrypto does, at every padding boundary', async () => {
    for (const size of [0, 1, 55, 56, 63, 64, 65, 1000, 70_000]) {
      const bytes = new Uint8Array(size).map((_, i) => (i * 31) & 255);
      expect(sha256HexSync(bytes)).toBe(await sha256Hex(bytes));
    }
  });

  it('round-trips a body and refuses bytes that are not one', () => {
    const body = { html: '<p>é</p>', markdown: 'é', text: 'é' };
    expect(decodeBody(encodeBody(body))).toEqual(body);
    expect(decodeBody(new TextEncoder().encode('{"v":2,"html":"","markdown":"","text":""}'))).toBeUndefined();
    expect(decodeBody(new Uint8Array([0xff, 0xfe]))).toBeUndefined();
  });

  it('reports a failed write through written(), once', async () => {
    const failing = { ...createMemoryBlobStore(), put: () => Promise.reject(new Error('vol')) };
    const store = createBodyStore(failing);
    store.stage({ html: '', markdown: '', text: 'x' });
    await expect(store.written()).rejects.toThrow('vol');
    await expect(store.written()).resolves.toBeUndefined();
  });
});
