// The IndexedDB implementation of SearchIndexStore: its own small Dexie database beside the
// main one (`<name>-search`), one record per dossier. Typed arrays are stored as they are
// (structured clone), so reading back a 5,000-clip index is one record, no parsing.
import { oneTableDb, type DexieBackend } from '../storage/dexie-one-table.js';
import type { SearchIndexStore, StoredSearchIndex } from './search-index-store.js';

interface Entry {
  dossierId: string;
  value: StoredSearchIndex;
}

export function createDexieSearchIndexStore(name = 'knipsel', options: DexieBackend = {}): SearchIndexStore & { close(): void } {
  const db = oneTableDb<Entry, 'indexes'>(`${name}-search`, 'indexes', 'dossierId', options);
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
