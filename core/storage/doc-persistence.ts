// Keeps a Y.Doc in an UpdateStore: loads the stored log, appends every update that did not
// come from the store itself, and compacts the log when it grows. Attach from outside.
import * as Y from 'yjs';
import { storageError, type KnipselError } from '../errors.js';
import type { UpdateStore } from './update-store.js';

export interface DocPersistence {
  /** Resolves when the stored state has been applied to the doc. */
  readonly ready: Promise<void>;
  /** Resolves when every update so far is durable; rejects (e.g. `storage-full`) if one is not. */
  flush(): Promise<void>;
  /** Merge the stored log into one update now. */
  compact(): Promise<void>;
  /** Stop listening. Pending writes still finish (await flush() first to be sure). */
  destroy(): void;
}

export interface PersistenceOptions {
  /** Compact after this many appended updates (default 200). */
  compactEvery?: number;
  /** Called when a write fails; the update is kept in memory and retried on the next flush. */
  onError?: (error: KnipselError) => void;
  /**
   * Awaited before each update is stored: what an update names must be durable first (the
   * body store's `written`, so a stored clip never names a body that was only in memory).
   */
  beforeWrite?: () => Promise<void>;
}

export function attachPersistence(doc: Y.Doc, store: UpdateStore, docId: string, options: PersistenceOptions = {}): DocPersistence {
  const compactEvery = options.compactEvery ?? 200;
  const origin = { persistence: docId };
  let stored = 0; // updates in the store's log since its last compaction
  let chain: Promise<void> = Promise.resolve();
  let failed: Uint8Array[] = [];
  let lastError: KnipselError | null = null;
  let destroyed = false;

  const enqueue = (work: () => Promise<void>) => {
    chain = chain.then(work, work);
    return chain;
  };

  const write = (update: Uint8Array) =>
    enqueue(async () => {
      try {
        await options.beforeWrite?.();
        await store.append(docId, update);
        stored++;
        if (stored >= compactEvery) await compactNow();
      } catch (error) {
        failed.push(update);
        lastError = storageError(error);
        options.onError?.(lastError);
      }
    });

  const compactNow = async () => {
    const updates = await store.load(docId);
    if (updates.length <= 1) {
      stored = updates.length;
      return;
    }
    await store.compact(docId, Y.mergeUpdates(updates), updates.length);
    stored = 1;
  };

  const onUpdate = (update: Uint8Array, updateOrigin: unknown) => {
    if (updateOrigin === origin || destroyed) return;
    void write(update);
  };

  // Until the stored log is applied, only note that the doc changed (cheap): an 'update'
  // listener would make Yjs re-encode the whole loaded state (~110 MB at 5,000 clips).
  let changedDuringLoad = false;
  const onLoadTransaction = (transaction: Y.Transaction) => {
    if (transaction.origin !== origin) changedDuringLoad = true;
  };
  doc.on('afterTransaction', onLoadTransaction);

  const ready = enqueue(async () => {
    try {
      // State present in the doc before loading (e.g. a brand-new dossier) must be stored too.
      const hadContent = Y.encodeStateVector(doc).length > 1;
      const updates = await store.load(docId);
      stored = updates.length;
      if (updates.length > 0) {
        // One transaction, no merge: merging re-encodes the whole log before applying it.
        doc.transact(() => {
          for (const update of updates) Y.applyUpdate(doc, update, origin);
        }, origin);
      }
      doc.off('afterTransaction', onLoadTransaction);
      if (!destroyed) doc.on('update', onUpdate);
      if (hadContent || changedDuringLoad) {
        const storedVector = updates.length === 0 ? new Uint8Array([0]) : Y.encodeStateVectorFromUpdate(updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));
        const missing = Y.encodeStateAsUpdate(doc, storedVector);
        if (missing.length > 2) {
          await store.append(docId, missing);
          stored++;
        }
      }
      if (stored >= compactEvery) await compactNow();
    } finally {
      doc.off('afterTransaction', onLoadTransaction);
    }
  }).catch((error) => {
    if (!destroyed) doc.on('update', onUpdate);
    throw storageError(error);
  });

  return {
    ready,
    async flush() {
      if (failed.length > 0) {
        const retry = failed;
        failed = [];
        lastError = null;
        for (const update of retry) void write(update);
      }
      await chain;
      if (failed.length > 0 && lastError) throw lastError;
    },
    compact: () => enqueue(compactNow),
    destroy() {
      destroyed = true;
      doc.off('afterTransaction', onLoadTransaction);
      doc.off('update', onUpdate);
    },
  };
}
