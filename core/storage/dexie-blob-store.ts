// The IndexedDB implementation of BlobStore: its own small Dexie database beside the main one
// (`<name>-files`, the database PDFs were kept in before attachments existed), so files never
// slow the update log and can be cleared or grown into a syncing body store on their own.
// Bytes are checked against their hash when read.
import { oneTableDb, type DexieBackend } from './dexie-one-table.js';
import { storageError } from '../errors.js';
import { createNativeWriter } from './dexie-stores.js';
import { checkBlobSize, isBlobHash, maxBlobBytes, normalizeMimeType, sha256Hex, type BlobStore } from './blob-store.js';

interface BlobEntry {
  hash: string;
  bytes: Uint8Array;
  type: string;
  size: number;
  storedAt: number;
}

export function createDexieBlobStore(name = 'knipsel', options: DexieBackend & { max?: number } = {}): BlobStore & { close(): void } {
  const db = oneTableDb<BlobEntry, 'files'>(`${name}-files`, 'files', 'hash', options);
  const max = options.max ?? maxBlobBytes;
  // Once the connection is open, puts go to it directly (as the update log's appends do).
  const nativeFiles = createNativeWriter(() => (db.isOpen() ? db.backendDB() : null), 'files');
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw storageError(error);
    }
  };
  return {
    async put(bytes, type, knownHash) {
      checkBlobSize(bytes.byteLength, max);
      const hash = knownHash ?? (await sha256Hex(bytes));
      // A view into a larger buffer would store all of that buffer: keep just the bytes.
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
      const entry = { hash, bytes: own, type: normalizeMimeType(type), size: bytes.byteLength, storedAt: Date.now() };
      // One add, no read first (adding a clip waits for it). Bytes stored already are kept and
      // marked as put again, so the collector keeps them.
      const written = nativeFiles.write((store) => {
        const request = store.add(entry);
        request.onerror = (event) => {
          if (request.error?.name !== 'ConstraintError') return;
          event.preventDefault();
          event.stopPropagation();
          const stored = store.get(hash);
          stored.onsuccess = () => void (stored.result && store.put({ ...stored.result, storedAt: entry.storedAt }));
        };
      });
      if (written) await guarded(() => written);
      else
        await guarded(() =>
          db.transaction('rw', db.files, async () => {
            if ((await db.files.where('hash').equals(hash).count()) > 0) return void (await db.files.update(hash, { storedAt: entry.storedAt }));
            await db.files.put(entry);
          }),
        );
      return hash;
    },
    async get(hash) {
      if (!isBlobHash(hash)) return undefined;
      const entry = await guarded(() => db.files.get(hash));
      if (!entry) return undefined;
      const bytes = new Uint8Array(entry.bytes);
      // A damaged entry is as good as missing: never hand out bytes that are not what the hash names.
      if ((await sha256Hex(bytes)) !== hash) return undefined;
      return { bytes, type: entry.type };
    },
    async has(hash) {
      if (!isBlobHash(hash)) return false;
      return guarded(async () => (await db.files.where('hash').equals(hash).count()) > 0);
    },
    hashes: () => guarded(async () => (await db.files.toCollection().primaryKeys()) as string[]),
    sweep: (candidates, collect) =>
      guarded(() =>
        db.transaction('rw', db.files, async () => {
          const deleted: string[] = [];
          for (const { hash, since } of candidates) {
            const entry = await db.files.get(hash);
            if (entry && entry.storedAt < since && collect(entry.type)) deleted.push((await db.files.delete(hash), hash));
          }
          return deleted;
        }),
      ),
    close: () => db.close(),
  };
}
