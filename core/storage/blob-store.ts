// The one store for files beside the dossiers — photos and files attached to evidence, a PDF
// kept with its clip, photos shared from a phone: bytes stored under their SHA-256, so the
// same photo twice is stored once and bytes can be checked against the name they travel
// under. Narrow on purpose (put/get/has): a body store that syncs to peers will grow from it.
// Core ships an in-memory implementation (tests) and a Dexie one (dexie-blob-store.ts).
import { KnipselError } from '../errors.js';

export interface StoredBlob {
  bytes: Uint8Array;
  /** MIME type given when it was first stored. */
  type: string;
}

export interface BlobStore {
  /**
   * Store bytes; resolves with their SHA-256 (lowercase hex) once durable. Refuses more than
   * `maxBlobBytes`. `knownHash`: the caller hashed these very bytes already (the body store,
   * synchronously) — trusted, so they are not hashed twice; only core's own stores pass it.
   */
  put(bytes: Uint8Array, type: string, knownHash?: string): Promise<string>;
  /** The bytes stored under a hash, or undefined. */
  get(hash: string): Promise<StoredBlob | undefined>;
  has(hash: string): Promise<boolean>;
  /** Every stored hash (for the collector, body-gc.ts; a store without it is never collected). */
  hashes?(): Promise<string[]>;
  /**
   * For the collector: delete each candidate whose type `collect` accepts and that was not put
   * again at or after its `since` (a put of stored bytes counts as one: someone uses them
   * again), checked and deleted atomically. Resolves with the hashes deleted.
   */
  sweep?(candidates: { hash: string; since: number }[], collect: (type: string) => boolean): Promise<string[]>;
}

/** The largest file Knipsel keeps (an attachment, a PDF); shown to the user where they pick one. */
export const maxBlobBytes = 20 * 1024 * 1024;

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return hex(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

export const isBlobHash = (hash: string) => /^[0-9a-f]{64}$/.test(hash);

/** Refuse bytes above the limit, with a Dutch message for the user. */
export function checkBlobSize(size: number, max = maxBlobBytes): void {
  if (size > max) {
    const mb = Math.round((max / 1024 / 1024) * 10) / 10;
    throw new KnipselError('invalid-input', `The file is larger than ${mb} MB.`, {
      reason: 'too-large',
      size,
      max,
      nl: `Dit bestand is groter dan ${String(mb).replace('.', ',')} MB en wordt niet bewaard.`,
    });
  }
}

const mimeType = (type: string) => (/^[\w.+-]+\/[\w.+-]+$/.test(type) && type.length <= 200 ? type.toLowerCase() : 'application/octet-stream');

export function createMemoryBlobStore(options: { max?: number } = {}): BlobStore {
  const blobs = new Map<string, StoredBlob & { storedAt: number }>();
  return {
    async put(bytes, type, knownHash) {
      checkBlobSize(bytes.byteLength, options.max);
      const hash = knownHash ?? (await sha256Hex(bytes));
      const stored = blobs.get(hash);
      if (stored) stored.storedAt = Date.now();
      else blobs.set(hash, { bytes: bytes.slice(), type: mimeType(type), storedAt: Date.now() });
      return hash;
    },
    async get(hash) {
      const blob = blobs.get(hash);
      return blob ? { bytes: blob.bytes.slice(), type: blob.type } : undefined;
    },
    async has(hash) {
      return blobs.has(hash);
    },
    async hashes() {
      return [...blobs.keys()];
    },
    async sweep(candidates, collect) {
      const deleted: string[] = [];
      for (const { hash, since } of candidates) {
        const blob = blobs.get(hash);
        if (blob && blob.storedAt < since && collect(blob.type)) deleted.push((blobs.delete(hash), hash));
      }
      return deleted;
    },
  };
}

export { mimeType as normalizeMimeType };
