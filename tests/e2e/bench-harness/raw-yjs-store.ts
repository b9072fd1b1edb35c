// The raw Yjs baseline's storage for the core bench page: a log of updates in a plain
// IndexedDB object store (no Dexie), bodies in a second one; and a raw read of Knipsel's own
// stored log, to load the same doc with Yjs alone.
import * as Y from 'yjs';

const rawDbName = 'raw-yjs-bench';
const rawDocKey = 'dossier';

export function openRawDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(rawDbName, 2);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains('updates')) request.result.createObjectStore('updates', { autoIncrement: true });
      if (!request.result.objectStoreNames.contains('bodies')) request.result.createObjectStore('bodies', { autoIncrement: true });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export function rawAppend(db: IDBDatabase, update: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('updates', 'readwrite');
    tx.objectStore('updates').add({ doc: rawDocKey, update });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

/** The baseline's body put: the body's bytes (encoded as core encodes them) in their own object store. */
export function rawPutBody(db: IDBDatabase, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('bodies', 'readwrite');
    tx.objectStore('bodies').add(bytes);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

function rawLoad(db: IDBDatabase): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const request = db.transaction('updates', 'readonly').objectStore('updates').getAll();
    request.onsuccess = () => resolve((request.result as Array<{ update: Uint8Array }>).map((e) => e.update));
    request.onerror = () => reject(request.error);
  });
}

// Separate functions so no long-lived closure shares a scope with the loaded updates (V8
// would keep them alive and the memory figure would count them).
export async function rawLoadInto(db: IDBDatabase): Promise<Y.Doc> {
  const updates = await rawLoad(db);
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

/** Knipsel's stored update log of dossier `id` (database `name`, store `updates`), read natively and applied to a new doc. */
export async function rawLoadSame(name: string, id: string): Promise<Y.Doc> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const updates = await new Promise<Uint8Array[]>((resolve, reject) => {
    const request = db.transaction('updates', 'readonly').objectStore('updates').getAll();
    request.onsuccess = () => resolve((request.result as Array<{ docId: string; update: Uint8Array }>).filter((e) => e.docId === id).map((e) => e.update));
    request.onerror = () => reject(request.error);
  });
  db.close();
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return doc;
}
