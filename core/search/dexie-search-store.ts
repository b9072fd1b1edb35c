// The IndexedDB implementation of SearchIndexStore: its own small Dexie database beside the
// main one (`<name>-search`), one record per dossier. Typed arrays are stored as they are
// (structured clone), so reading back a 5,000-clip index is one record, no parsing.
import Dexie, { type Table } from 'dexie';
import type { SearchIndexStore, StoredSearchIndex } from './search-index-store.js';

interface Entry {
  dossierId: string;
  value: StoredSearchIndex;
}

class SearchDb extends Dexie {
  indexes!: Table<Entry, string>;
  constructor(name: string, options?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange }) {
    super(name, options);
    this.version(1).stores({ indexes: 'dossierId' });
  }
}

export function createDexieSearchIndexStore(name = 'knipsel', options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}): SearchIndexStore & { close(): void } {
  const db = new SearchDb(`${name}-search`, options);
  return {
    get: async (dossierId) => (await db.indexes.get(dossierId))?.value,
    async put(dossierId, value) {
      await db.indexes.put({ dossierId, value });
    },
    async remove(dossierId) {
      await db.indexes.delete(dossierId);
    },
    close: () => db.close(),
  };
}
