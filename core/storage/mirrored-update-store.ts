// A second, independent copy of the update log, for when the browser throws the first away.
//
// Why: Chromium deletes an origin's whole IndexedDB database when it finds it corrupted at
// start, and a crash (SIGKILL of the browser) while IndexedDB is writing leaves it that way
// often enough — measured in tests/reliability/crash.rel.ts: about one kill in five during
// typing bursts ("IndexedDB recovering from a corrupted (and deleted) database"). Every
// dossier would be gone. The mirror (the Origin Private File System, opfs-update-store.ts)
// is a different storage backend that this does not touch.
//
// How: every append goes to both stores and resolves when both have it (so what the app
// confirms is in both). Loading reads both and compares their state vectors; when one copy
// missed updates (a write a crash cut short, or a copy the browser threw away), each gets
// what it lacks — otherwise later updates in the mirror would wait forever on one that only
// the primary has. A mirror that fails or is unavailable never fails a write: the primary
// stays the source of truth. Cost: a second copy on disk; opening a dossier reads and
// merges both logs (to compare what each holds without gaps).
import * as Y from 'yjs';
import type { UpdateStore } from './update-store.js';

export interface MirroredUpdateStore extends UpdateStore {
  /** Ids of docs the mirror holds (to find dossiers the primary store lost). */
  mirroredDocIds(): Promise<string[]>;
  /** The mirror's merged log of one doc (empty when it has none). */
  loadMirror(docId: string): Promise<Uint8Array[]>;
}

const mergeAll = (updates: Uint8Array[]) => (updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));

/** What a log holds without gaps, per client (a gap ends a client's range). */
function vectorOf(merged: Uint8Array): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVectorFromUpdate(merged));
}

function sameVector(a: Map<number, number>, b: Map<number, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [client, clock] of a) if (b.get(client) !== clock) return false;
  return true;
}

export function createMirroredUpdateStore(
  primary: UpdateStore,
  mirror: Promise<UpdateStore | null>,
  options: { onMirrorError?: (error: unknown) => void } = {},
): MirroredUpdateStore {
  const quiet = async <T>(work: (m: UpdateStore) => Promise<T>, fallback: T): Promise<T> => {
    try {
      const m = await mirror;
      return m ? await work(m) : fallback;
    } catch (error) {
      options.onMirrorError?.(error);
      return fallback;
    }
  };

  return {
    async load(docId) {
      const [updates, mirrored] = await Promise.all([primary.load(docId), quiet((m) => m.load(docId), [] as Uint8Array[])]);
      if (mirrored.length === 0) {
        // Nothing in the mirror (new, or lost): give it the primary's copy.
        if (updates.length > 0) await quiet((m) => m.append(docId, mergeAll(updates)), undefined);
        return updates;
      }
      if (updates.length === 0) {
        // The primary lost this doc (or never had it): store the mirror's copy in it again.
        const merged = mergeAll(mirrored);
        await primary.append(docId, merged);
        return [merged];
      }
      const primaryMerged = mergeAll(updates);
      const mirrorMerged = mergeAll(mirrored);
      const primaryVector = vectorOf(primaryMerged);
      const mirrorVector = vectorOf(mirrorMerged);
      if (sameVector(primaryVector, mirrorVector)) return updates;
      // One copy missed updates (a write a crash cut short): each gets what it lacks, so a
      // later loss of the other copy cannot take them (or what builds on them) along.
      const forMirror = Y.diffUpdate(primaryMerged, Y.encodeStateVector(mirrorVector));
      const forPrimary = Y.diffUpdate(mirrorMerged, Y.encodeStateVector(primaryVector));
      await Promise.all([primary.append(docId, forPrimary), quiet((m) => m.append(docId, forMirror), undefined)]);
      return [...updates, forPrimary];
    },
    async append(docId, update) {
      await Promise.all([primary.append(docId, update), quiet((m) => m.append(docId, update), undefined)]);
    },
    async compact(docId, merged, count) {
      await Promise.all([primary.compact(docId, merged, count), quiet((m) => m.compact(docId, merged, count), undefined)]);
    },
    async remove(docId) {
      await Promise.all([primary.remove(docId), quiet((m) => m.remove(docId), undefined)]);
    },
    async docIds() {
      const ids = new Set(await primary.docIds());
      for (const id of await quiet((m) => m.docIds(), [] as string[])) ids.add(id);
      return [...ids];
    },
    mirroredDocIds: () => quiet((m) => m.docIds(), [] as string[]),
    loadMirror: (docId) => quiet((m) => m.load(docId), [] as Uint8Array[]),
  };
}
