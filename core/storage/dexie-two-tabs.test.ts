// Two tabs of the app share one IndexedDB database: each has its own Dexie connection and
// its own persistence for the same dossier, so their log compactions can interleave.
// A compaction must never delete an update it did not merge.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDexieStores } from './dexie-stores.js';

function edit(doc: Y.Doc, key: string): Uint8Array {
  let update: Uint8Array | null = null;
  const grab = (u: Uint8Array) => (update = u);
  doc.once('update', grab);
  doc.getMap('m').set(key, key);
  return update!;
}

async function reload(load: () => Promise<Uint8Array[]>): Promise<string[]> {
  const doc = new Y.Doc();
  for (const u of await load()) Y.applyUpdate(doc, u);
  return [...doc.getMap('m').keys()].sort();
}

describe('Dexie update log shared by two tabs', () => {
  it('keeps an update appended by one tab while the other tab compacts a stale view', async () => {
    const indexedDB = new IDBFactory();
    const tabA = createDexieStores('two-tabs', { indexedDB, IDBKeyRange });
    const tabB = createDexieStores('two-tabs', { indexedDB, IDBKeyRange });
    const doc = new Y.Doc();
    await tabA.updates.append('d', edit(doc, 'a1'));
    await tabA.updates.append('d', edit(doc, 'a2'));
    // Both tabs read the log to compact it.
    const seenByA = await tabA.updates.load('d');
    const seenByB = await tabB.updates.load('d');
    await tabA.updates.compact('d', Y.mergeUpdates(seenByA), seenByA.length);
    // Tab B appends a new edit, then compacts what it read before.
    const other = new Y.Doc();
    await tabB.updates.append('d', edit(other, 'b1'));
    await tabB.updates.compact('d', Y.mergeUpdates(seenByB), seenByB.length);
    expect(await reload(() => tabA.updates.load('d'))).toEqual(['a1', 'a2', 'b1']);
    tabA.close();
    tabB.close();
  });
});
