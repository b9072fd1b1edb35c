// A small Dexie database of one table, for the stores kept beside the main database (files,
// the stored search index): each its own database, so it can be cleared or grown on its own.
import Dexie, { type Table } from 'dexie';

/** Where Dexie finds IndexedDB: the browser's by default, fake-indexeddb in tests. */
export type DexieBackend = { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange };

/** Database `name` at schema version 1 with one table, `table`, whose primary key is `key`. */
export function oneTableDb<Entry, Name extends string>(name: string, table: Name, key: keyof Entry & string, backend?: DexieBackend): Dexie & Record<Name, Table<Entry, string>> {
  const db = new Dexie(name, backend);
  db.version(1).stores({ [table]: key });
  return db as Dexie & Record<Name, Table<Entry, string>>;
}
