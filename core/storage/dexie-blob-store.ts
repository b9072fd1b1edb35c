// The IndexedDB implementation of BlobStore: its own small Dexie database beside the main one
// (`<name>-files`, the database PDFs were kept in before attachments existed), so files never
// slow the update log and can be cleared or grown into a syncing body store on their own.
// Bytes are checked against their hash when read.
import Dexie, { type Table } from 'dexie';
import { storageError } from '../errors.js';
import { checkBlobSize, isBlobHash, maxBlobBytes, normalizeMimeType, sha256Hex, type BlobStore } from './blob-store.js';

interface BlobEntry {
  hash: string;
  bytes: Uint8Array;
  type: string;
  size: number;
  storedAt: number;
}

class BlobDb extends Dexie {
  files!: Table<BlobEntry, string>;
  constructor(name: string, options?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange }) {
    super(name, options);
    this.version(1).stores({ files: 'hash' });
  }
}

export function createDexieBlobStore(
  name = 'knipsel',
  options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange; max?: number } = {},
): BlobStore & { close(): void } {
  const db = new BlobDb(`${name}-files`, options);
  const max = options.max ?? maxBlobBytes;
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
      // The check and the write share one transaction (one round trip less when adding a clip).
      // Bytes stored already are marked as put again, so the collector keeps them.
      await guarded(() =>
        db.transaction('rw', db.files, async () => {
          if ((await db.files.where('hash').equals(hash).count()) > 0) return void (await db.files.update(hash, { storedAt: Date.now() }));
          await db.files.put({ hash, bytes: bytes.slice(), type: normalizeMimeType(type), size: bytes.byteLength, storedAt: Date.now() });
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
