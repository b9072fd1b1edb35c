// A dossier as a replica holds it for the campaigns: a Y.Doc with persistence on an in-memory
// update log that starts with `base`, and the log's bytes to compare before and after an input.
import * as Y from 'yjs';
import { attachPersistence, createMemoryUpdateStore, type UpdateStore } from '@knipsel/core';
import { concat } from './prng.js';

/** The replica of document `id`, its log rebuilt from `base` and loaded. */
export async function storedReplica(base: Uint8Array, id: string) {
  const store = createMemoryUpdateStore();
  await store.append(id, base);
  const doc = new Y.Doc();
  const persistence = attachPersistence(doc, store, id);
  await persistence.ready;
  return { doc, store, persistence };
}

/** The stored log of document `id`, as one run of bytes. */
export async function storeBytes(store: UpdateStore, id: string): Promise<Uint8Array> {
  return concat(...(await store.load(id)));
}
