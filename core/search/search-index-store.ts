// Where a dossier's search index is kept between sessions: the packed index (packed-index.ts)
// with the schema version it was made with and the dossier's state vector at that moment, so an
// index that does not match the doc it is opened with is seen as stale. A cache of the doc,
// like the clip projection: anything unreadable or stale is rebuilt, never shown as an error.
import * as v from 'valibot';
import { packedIndexSchema, type PackedIndex } from './packed-index.js';

/**
 * Bumped when what is indexed or how (fields, tokenizer, term folding, the text of a clip)
 * changes: an index of another version is rebuilt.
 */
export const searchIndexVersion = 2;

export interface StoredSearchIndex {
  version: number;
  /** `Y.encodeStateVector` of the dossier's doc the index matches. */
  state: Uint8Array;
  index: PackedIndex;
}

const storedSchema = v.object({
  version: v.number(),
  state: v.instance(Uint8Array),
  index: packedIndexSchema,
});

/** A stored record as read back: checked against its schema, or null. */
export function parseStoredIndex(value: unknown): StoredSearchIndex | null {
  const result = v.safeParse(storedSchema, value);
  return result.success ? result.output : null;
}

export interface SearchIndexStore {
  /** The stored record, unchecked (`parseStoredIndex` checks it); undefined when none. */
  get(dossierId: string): Promise<unknown>;
  put(dossierId: string, value: StoredSearchIndex): Promise<void>;
  remove(dossierId: string): Promise<void>;
}

export function createMemorySearchIndexStore(): SearchIndexStore & { entries: Map<string, unknown> } {
  const entries = new Map<string, unknown>();
  return {
    entries,
    get: async (dossierId) => entries.get(dossierId),
    async put(dossierId, value) {
      entries.set(dossierId, structuredClone(value));
    },
    async remove(dossierId) {
      entries.delete(dossierId);
    },
  };
}
