import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { isKnipselError } from '../errors.js';
import type { ClipRow } from '../dossier/types.js';
import { createMemoryLibraryStore } from './library-store.js';
import { createMemoryProjectionStore } from './projection-store.js';
import { createMemoryUpdateStore } from './update-store.js';
import { createDexieStores } from './dexie-stores.js';
import { runLibraryStoreContract, runProjectionStoreContract, runUpdateStoreContract } from './store-contracts.js';

let n = 0;
const freshDexie = () => createDexieStores(`contract-${n++}`, { indexedDB: new IDBFactory() });

runUpdateStoreContract('memory', createMemoryUpdateStore);
runUpdateStoreContract('dexie', () => freshDexie().updates);
runLibraryStoreContract('memory', createMemoryLibraryStore);
runLibraryStoreContract('dexie', () => freshDexie().library);
runProjectionStoreContract('memory', createMemoryProjectionStore);
runProjectionStoreContract('dexie', () => freshDexie().projections);

describe('dexie stores: hot writes', () => {
  const row = (id: string): ClipRow => ({
    id,
    title: `Titel ${id}`,
    url: 'https://example.org/',
    canonicalUrl: 'https://example.org/',
    siteName: null,
    published: null,
    mode: 'article',
    capturedAt: 1,
    createdAt: 1,
    updatedAt: 1,
    themes: [],
    hasNote: false,
    kind: 'praktijkvoorbeeld',
    reflections: 0,
    attachments: 0,
    trashed: false,
    wordCount: 3,
    excerpt: 'Een korte tekst',
  });

  /** Count the native transactions the stores start, by the stores they span. */
  function counted() {
    const stores = freshDexie();
    const scopes: string[] = [];
    return {
      stores,
      scopes,
      ready: stores.db.open().then(() => {
        const idb = stores.db.backendDB();
        const real = idb.transaction.bind(idb);
        idb.transaction = ((names: string | string[], mode?: IDBTransactionMode) => {
          scopes.push([names].flat().join('+'));
          return real(names, mode);
        }) as typeof idb.transaction;
      }),
    };
  }

  it('writes natively, one transaction per store for the writes of one task, later writes in new ones', async () => {
    const { stores, scopes, ready } = counted();
    await ready;
    await Promise.all([
      stores.updates.append('d', new Uint8Array([1, 2])),
      stores.updates.append('d', new Uint8Array([3])),
      stores.projections.putRows('d', [row('a')]),
      stores.projections.putRows('d', [row('b')]),
    ]);
    expect(scopes.sort()).toEqual(['clipRows', 'updates']);
    await stores.updates.append('d', new Uint8Array([4]));
    expect(scopes).toHaveLength(3);
    expect(await stores.updates.load('d')).toEqual([new Uint8Array([1, 2]), new Uint8Array([3]), new Uint8Array([4])]);
    expect((await stores.projections.rows('d')).map((r) => r.id).sort()).toEqual(['a', 'b']);
    stores.close();
  });

  it('reports a full disk as storage-full, loses nothing stored, and writes again afterwards', async () => {
    const { stores, ready } = counted();
    await ready;
    await stores.updates.append('d', new Uint8Array([1]));
    const proto = Object.getPrototypeOf(stores.db.backendDB().transaction('updates').objectStore('updates'));
    const realAdd = proto.add;
    proto.add = () => {
      throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    };
    try {
      const error = await stores.updates.append('d', new Uint8Array([2])).catch((e: unknown) => e);
      expect(isKnipselError(error, 'storage-full')).toBe(true);
    } finally {
      proto.add = realAdd;
    }
    await stores.updates.append('d', new Uint8Array([3]));
    expect(await stores.updates.load('d')).toEqual([new Uint8Array([1]), new Uint8Array([3])]);
    stores.close();
  });
});
