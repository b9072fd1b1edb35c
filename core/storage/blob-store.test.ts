import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { runBlobStoreContract } from './blob-store-contract.js';
import { createMemoryBlobStore, sha256Hex } from './blob-store.js';
import { createDexieBlobStore } from './dexie-blob-store.js';

let n = 0;
runBlobStoreContract('memory', ({ max }) => createMemoryBlobStore({ max }));
runBlobStoreContract('dexie', ({ max }) => createDexieBlobStore(`blobs-${n++}`, { indexedDB: new IDBFactory(), max }));

describe('dexie blob store', () => {
  it('hands out nothing for bytes that no longer match their hash (a damaged entry)', async () => {
    const factory = new IDBFactory();
    const store = createDexieBlobStore('damaged', { indexedDB: factory });
    const hash = await store.put(new Uint8Array([1, 2, 3]), 'image/png');
    store.close();
    // Damage the stored bytes behind the store's back.
    const Dexie = (await import('dexie')).default;
    const raw = new Dexie('damaged', { indexedDB: factory });
    raw.version(1).stores({ blobs: 'hash' });
    await raw.table('blobs').update(hash, { bytes: new Uint8Array([9, 9, 9]) });
    raw.close();
    const reopened = createDexieBlobStore('damaged', { indexedDB: factory });
    expect(await reopened.get(hash)).toBeUndefined();
    expect(await sha256Hex(new Uint8Array([1, 2, 3]))).toBe(hash);
    reopened.close();
  });
});
