// Reads a dossier's stored search index when it is opened and writes it back after changes.
// Stale means another schema version or another doc state (state vectors differ): then the
// caller builds anew. Anything unreadable counts as missing. Writes wait until the index is
// complete (no build or late text under way) and the doc quiet for `saveDelayMs`, so the
// stored state vector always describes exactly what the index holds.
import * as Y from 'yjs';
import type { PackedIndex } from './packed-index.js';
import { parseStoredIndex, searchIndexVersion, type SearchIndexStore } from './search-index-store.js';

export interface IndexSaverOptions {
  indexes: SearchIndexStore;
  dossierId: string;
  /** Write this long after the last change (ms, default 2,000). */
  saveDelayMs?: number;
  /** The stored record, read already (started while the doc was loading). */
  prefetched?: Promise<unknown>;
}

interface Packable {
  pack(): PackedIndex;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

export function createIndexSaver(doc: Y.Doc, search: Packable, options: IndexSaverOptions, isComplete: () => boolean) {
  const { indexes, dossierId, saveDelayMs = 2000 } = options;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();
  let destroyed = false;
  /** Read once: the record is not held after it was opened. */
  let prefetched = options.prefetched;

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = destroyed ? null : setTimeout(() => void saveNow(), saveDelayMs);
  };
  const onUpdate = () => {
    dirty = true;
    schedule();
  };
  doc.on('update', onUpdate);

  function saveNow(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!dirty || !isComplete()) return writing;
    dirty = false;
    // Packed and stamped in one synchronous step: no change can fall between them.
    const value = { version: searchIndexVersion, state: Y.encodeStateVector(doc), index: search.pack() };
    writing = writing.then(() => indexes.put(dossierId, value)).catch(() => undefined);
    return writing;
  }

  return {
    /** The stored index if it matches the doc as it is now, else null (missing, stale, unreadable). */
    async load(): Promise<PackedIndex | null> {
      const state = Y.encodeStateVector(doc);
      try {
        const read = prefetched ?? indexes.get(dossierId);
        prefetched = undefined;
        const stored = parseStoredIndex(await read);
        if (!stored || stored.version !== searchIndexVersion || !sameBytes(stored.state, state)) return null;
        return stored.index;
      } catch {
        return null;
      }
    },
    /** The index was (re)built: it differs from what is stored. */
    markDirty(): void {
      dirty = true;
    },
    /** The index is complete again: write it after the delay if it changed. */
    settled(): void {
      if (dirty && !timer) schedule();
    },
    saveNow,
    destroy(): void {
      destroyed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      doc.off('update', onUpdate);
    },
  };
}
