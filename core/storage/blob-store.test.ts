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
    const raw = new Dexie('damaged-files', { indexedDB: factory });
    raw.version(1).stores({ files: 'hash' });
    await raw.table('files').update(hash, { bytes: new Uint8Array([9, 9, 9]) });
    raw.close();
    const reopened = createDexieBlobStore('damaged', { indexedDB: factory });
    expect(await reopened.get(hash)).toBeUndefined();
    expect(await sha256Hex(new Uint8Array([1, 2, 3]))).toBe(hash);
    reopened.close();
  });
});

describe('files kept before attachments existed', () => {
  it('are read from the same database (a PDF kept with its clip stays available)', async () => {
    const factory = new IDBFactory();
    const Dexie = (await import('dexie')).default;
    const old = new Dexie('knipsel-files', { indexedDB: factory });
    old.version(1).stores({ files: 'hash' });
    const bytes = new TextEncoder().encode('%PDF-1.4 een klein rapport');
    const hash = await sha256Hex(bytes);
    await old.table('files').put({ hash, bytes, type: 'application/pdf', size: bytes.byteLength, storedAt: 1 });
    old.close();
    const store = createDexieBlobStore('knipsel', { indexedDB: factory });
    expect(await store.get(hash)).toEqual({ bytes, type: 'application/pdf' });
    store.close();
  });

  it('may be as large as 20 MB', async () => {
    const store = createMemoryBlobStore();
    expect(await store.put(new Uint8Array(20 * 1024 * 1024), 'application/pdf')).toMatch(/^[0-9a-f]{64}$/);
    await expect(store.put(new Uint8Array(20 * 1024 * 1024 + 1), 'application/pdf')).rejects.toMatchObject({
      details: { reason: 'too-large', nl: expect.stringContaining('20 MB') },
    });
  });
});
