// An UpdateStore on the Origin Private File System (navigator.storage.getDirectory()): one
// directory per doc, one file per update. A file is written with createWritable() and
// committed on close() (Chromium writes a swap file and renames it), so a crash leaves
// whole files or none. Names sort by time and carry a random part, so two tabs appending at
// once never write the same file; the order of Yjs updates does not matter anyway.
// Used as the mirror of the IndexedDB log (mirrored-update-store.ts).
import * as Y from 'yjs';
import type { UpdateStore } from './update-store.js';

type Directory = FileSystemDirectoryHandle & {
  keys(): AsyncIterableIterator<string>;
};

const suffix = '.yupd';

/** The OPFS store, or null where the browser has no (writable) OPFS. */
export async function createOpfsUpdateStore(rootName = 'knipsel-updates'): Promise<UpdateStore | null> {
  const storage = globalThis.navigator?.storage as (StorageManager & { getDirectory?: () => Promise<FileSystemDirectoryHandle> }) | undefined;
  if (!storage?.getDirectory) return null;
  let root: Directory;
  try {
    root = (await (await storage.getDirectory()).getDirectoryHandle(rootName, { create: true })) as Directory;
    const probe = await root.getFileHandle('.probe', { create: true });
    if (typeof (probe as FileSystemFileHandle & { createWritable?: unknown }).createWritable !== 'function') return null;
  } catch {
    return null;
  }

  const dirName = (docId: string) => encodeURIComponent(docId);
  const docDir = async (docId: string, create: boolean): Promise<Directory | null> => {
    try {
      return (await root.getDirectoryHandle(dirName(docId), { create })) as Directory;
    } catch {
      return null;
    }
  };
  const fileNames = async (dir: Directory) => {
    const names: string[] = [];
    for await (const name of dir.keys()) if (name.endsWith(suffix)) names.push(name);
    return names.sort();
  };
  const read = async (dir: Directory, name: string) => new Uint8Array(await (await (await dir.getFileHandle(name)).getFile()).arrayBuffer());
  const write = async (dir: Directory, name: string, update: Uint8Array) => {
    const handle = await dir.getFileHandle(name, { create: true });
    const writable = await handle.createWritable();
    await writable.write(update as Uint8Array<ArrayBuffer>);
    await writable.close();
  };
  let counter = 0;
  const newName = () => `${Date.now().toString(36).padStart(10, '0')}-${(counter++).toString(36).padStart(6, '0')}-${Math.random().toString(36).slice(2, 10)}${suffix}`;

  return {
    async load(docId) {
      const dir = await docDir(docId, false);
      if (!dir) return [];
      const updates: Uint8Array[] = [];
      for (const name of await fileNames(dir)) {
        const bytes = await read(dir, name);
        if (bytes.length > 0) updates.push(bytes);
      }
      return updates;
    },
    async append(docId, update) {
      await write((await docDir(docId, true))!, newName(), update);
    },
    async compact(docId, merged) {
      // Fold in exactly the files that are removed (others may have been added meanwhile).
      const dir = (await docDir(docId, true))!;
      const names = await fileNames(dir);
      const present: Uint8Array[] = [];
      for (const name of names) present.push(await read(dir, name));
      let whole = merged;
      try {
        whole = Y.mergeUpdates([merged, ...present.filter((u) => u.length > 0)]);
      } catch {
        // Not Yjs (only in tests of opaque logs): keep what was given.
      }
      await write(dir, newName(), whole);
      for (const name of names) await dir.removeEntry(name).catch(() => undefined);
    },
    async remove(docId) {
      await root.removeEntry(dirName(docId), { recursive: true }).catch(() => undefined);
    },
    async docIds() {
      const ids: string[] = [];
      for await (const name of root.keys()) {
        if (name.startsWith('.')) continue;
        const dir = await docDir(decodeURIComponent(name), false);
        if (dir && (await fileNames(dir)).length > 0) ids.push(decodeURIComponent(name));
      }
      return ids;
    },
  };
}
