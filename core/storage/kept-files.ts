// Files kept with clips (a PDF the user chose to keep): bytes under their SHA-256 in a small
// database of their own beside the dossiers (`<name>-files`), so the update log never carries
// them. Narrow on purpose — put/get/has, the shape of the content-addressed blob store being
// built for attachments — so it can be swapped for that store. Bytes are checked against
// their hash when read.
import Dexie, { type Table } from 'dexie';
import { KnipselError, storageError } from '../errors.js';

export interface KeptFile {
  bytes: Uint8Array;
  type: string;
}

export interface KeptFileStore {
  /** Store bytes; resolves with their SHA-256 (lower-case hex) once durable. */
  put(bytes: Uint8Array, type: string): Promise<string>;
  get(hash: string): Promise<KeptFile | undefined>;
  has(hash: string): Promise<boolean>;
}

/** The largest PDF Knipsel keeps beside a clip (shown where the user chooses to keep one). */
export const maxKeptFileBytes = 20 * 1024 * 1024;

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return hex(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

const isHash = (hash: string) => /^[0-9a-f]{64}$/.test(hash);
const mediaType = (type: string) => (/^[\w.+-]+\/[\w.+-]+$/.test(type) && type.length <= 200 ? type.toLowerCase() : 'application/octet-stream');

function checkSize(size: number, max: number): void {
  if (size > max) {
    const mb = Math.round(max / 1024 / 1024);
    throw new KnipselError('invalid-input', `The file is larger than ${mb} MB.`, { reason: 'too-large', size, max, nl: `Dit bestand is groter dan ${mb} MB en wordt niet bewaard.` });
  }
}

export function createMemoryKeptFiles(options: { max?: number } = {}): KeptFileStore {
  const files = new Map<string, KeptFile>();
  const max = options.max ?? maxKeptFileBytes;
  return {
    async put(bytes, type) {
      checkSize(bytes.byteLength, max);
      const hash = await sha256Hex(bytes);
      if (!files.has(hash)) files.set(hash, { bytes: bytes.slice(), type: mediaType(type) });
      return hash;
    },
    async get(hash) {
      const file = files.get(hash);
      return file ? { bytes: file.bytes.slice(), type: file.type } : undefined;
    },
    async has(hash) {
      return files.has(hash);
    },
  };
}

interface FileEntry {
  hash: string;
  bytes: Uint8Array;
  type: string;
  size: number;
  storedAt: number;
}

class FilesDb extends Dexie {
  files!: Table<FileEntry, string>;
  constructor(name: string, options?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange }) {
    super(name, options);
    this.version(1).stores({ files: 'hash' });
  }
}

export function createDexieKeptFiles(name = 'knipsel', options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange; max?: number } = {}): KeptFileStore & { close(): void } {
  const db = new FilesDb(`${name}-files`, options);
  const max = options.max ?? maxKeptFileBytes;
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw storageError(error);
    }
  };
  return {
    async put(bytes, type) {
      checkSize(bytes.byteLength, max);
      const hash = await sha256Hex(bytes);
      await guarded(async () => {
        if (await db.files.get(hash)) return;
        await db.files.put({ hash, bytes: bytes.slice(), type: mediaType(type), size: bytes.byteLength, storedAt: Date.now() });
      });
      return hash;
    },
    async get(hash) {
      if (!isHash(hash)) return undefined;
      const entry = await guarded(() => db.files.get(hash));
      if (!entry) return undefined;
      // A damaged entry is no file: never hand out bytes that are not what the clip names.
      if ((await sha256Hex(entry.bytes)) !== hash) return undefined;
      return { bytes: entry.bytes, type: entry.type };
    },
    async has(hash) {
      return isHash(hash) && !!(await guarded(() => db.files.get(hash)));
    },
    close() {
      db.close();
    },
  };
}
