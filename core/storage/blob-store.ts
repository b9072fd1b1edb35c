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
  const blobs = new Map<string, StoredBlob>();
  return {
    async put(bytes, type, knownHash) {
      checkBlobSize(bytes.byteLength, options.max);
      const hash = knownHash ?? (await sha256Hex(bytes));
      if (!blobs.has(hash)) blobs.set(hash, { bytes: bytes.slice(), type: mimeType(type) });
      return hash;
    },
    async get(hash) {
      const blob = blobs.get(hash);
      return blob ? { bytes: blob.bytes.slice(), type: blob.type } : undefined;
    },
    async has(hash) {
      return blobs.has(hash);
    },
  };
}

export { mimeType as normalizeMimeType };
