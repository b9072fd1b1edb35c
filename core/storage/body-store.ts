// The body store: the immutable part of a clip's capture (its HTML, Markdown and text) kept
// once, outside the dossier's Y.Doc, under the SHA-256 of its encoding. The doc keeps what is
// small and mergeable plus the body's hash (dossier/doc-layout.ts). Bodies are blobs of the
// one BlobStore (type `bodyType`), so every transport and backup that moves blobs moves
// bodies, and every arrival is checked against its hash there.
//
// Reading is synchronous where the doc is read (`peek`): a body written or loaded in this
// session is in memory; `load` fetches bodies from the blob store into it. Adding a clip is
// a synchronous edit, so `stage` names a body by a synchronous hash (`@noble/hashes`) and
// writes it behind, handing the hash to the blob store so the bytes are hashed once;
// `written()` resolves once every staged body is durable — persistence waits for it before
// it stores the doc update that names the body (a kill never leaves a hash whose body was
// only in memory).
import * as v from 'valibot';
import { isBlobHash, sha256Hex, type BlobStore } from './blob-store.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export const bodyType = 'application/vnd.knipsel.body+json';

/** What a body holds: the capture's fields that are large and never edited. */
export interface ClipBody {
  html: string;
  markdown: string;
  text: string;
}

const MAX_BODY_CHARS = 8_000_000;
const bodySchema = v.object({
  v: v.literal(1),
  html: v.pipe(v.string(), v.maxLength(MAX_BODY_CHARS)),
  markdown: v.pipe(v.string(), v.maxLength(MAX_BODY_CHARS)),
  text: v.pipe(v.string(), v.maxLength(MAX_BODY_CHARS)),
});

/** The bytes a body is stored and hashed as (fixed key order, so equal bodies hash equal everywhere). */
export function encodeBody(body: ClipBody): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ v: 1, html: body.html, markdown: body.markdown, text: body.text }));
}

/** A body from its bytes, or undefined when they are not one (a damaged or foreign blob). */
export function decodeBody(bytes: Uint8Array): ClipBody | undefined {
  try {
    const parsed = v.safeParse(bodySchema, JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
    return parsed.success ? { html: parsed.output.html, markdown: parsed.output.markdown, text: parsed.output.text } : undefined;
  } catch {
    return undefined;
  }
}

/** SHA-256 (lowercase hex) computed synchronously, for adding a clip inside one doc transaction; WebCrypto gives the same. */
export const sha256HexSync = (bytes: Uint8Array): string => bytesToHex(sha256(bytes));

export const bodyHashSync = (body: ClipBody): string => sha256HexSync(encodeBody(body));

export interface BodyStore {
  /** The body under a hash if it is in memory (written or loaded in this session), else undefined. */
  peek(hash: string): ClipBody | undefined;
  /** Name a body by its hash now and write it behind (see `written`). */
  stage(body: ClipBody): string;
  /** Store a body; resolves with its hash once durable. */
  put(body: ClipBody): Promise<string>;
  /** Read a body (from memory or the blob store); undefined when it is not here. */
  get(hash: string): Promise<ClipBody | undefined>;
  has(hash: string): Promise<boolean>;
  /** The hashes of `hashes` that are neither in memory nor in the blob store (nothing is loaded). */
  missing(hashes: Iterable<string>): Promise<string[]>;
  /** Load bodies into memory for `peek`; resolves with the hashes that are not here. */
  load(hashes: Iterable<string>): Promise<string[]>;
  /** Be told when bodies come into memory from the blob store (loaded after a transport stored them); returns the unsubscribe. */
  onArrive(listener: (hashes: string[]) => void): () => void;
  /** Forget a body from memory (the blob store keeps it). */
  forget(hash: string): void;
  /** Resolves when every staged body is durable; rejects with the first write that failed. */
  written(): Promise<void>;
  /** The blob store underneath (transports and backups move bodies as blobs). */
  readonly blobs: BlobStore;
}

export function createBodyStore(blobs: BlobStore): BodyStore {
  const memory = new Map<string, ClipBody>();
  const listeners = new Set<(hashes: string[]) => void>();
  let pending: Promise<unknown> = Promise.resolve();
  let failure: unknown = null;

  async function read(hash: string): Promise<ClipBody | undefined> {
    if (!isBlobHash(hash)) return undefined;
    const blob = await blobs.get(hash);
    if (!blob) return undefined;
    // Blob stores check bytes against their hash when they can; a body is checked once more here.
    if ((await sha256Hex(blob.bytes)) !== hash) return undefined;
    return decodeBody(blob.bytes);
  }

  return {
    blobs,
    peek: (hash) => memory.get(hash),
    stage(body) {
      const bytes = encodeBody(body);
      const hash = sha256HexSync(bytes);
      if (!memory.has(hash)) memory.set(hash, { html: body.html, markdown: body.markdown, text: body.text });
      // Written even when in memory: the collector (body-gc.ts) may have removed it from the
      // blob store since, and a put of stored bytes tells it the body is used again.
      const write = blobs.put(bytes, bodyType, hash).catch((error: unknown) => {
        failure ??= error;
      });
      pending = Promise.all([pending, write]);
      return hash;
    },
    async put(body) {
      const hash = await blobs.put(encodeBody(body), bodyType);
      memory.set(hash, { html: body.html, markdown: body.markdown, text: body.text });
      return hash;
    },
    async get(hash) {
      return memory.get(hash) ?? (await read(hash));
    },
    async has(hash) {
      return memory.has(hash) || (isBlobHash(hash) && (await blobs.has(hash)));
    },
    async missing(hashes) {
      const out: string[] = [];
      for (const hash of new Set(hashes)) if (!memory.has(hash) && !(isBlobHash(hash) && (await blobs.has(hash)))) out.push(hash);
      return out;
    },
    async load(hashes) {
      const missing: string[] = [];
      const arrived: string[] = [];
      for (const hash of new Set(hashes)) {
        if (memory.has(hash)) continue;
        const body = await read(hash);
        if (body && !memory.has(hash)) {
          memory.set(hash, body);
          arrived.push(hash);
        } else if (!body) missing.push(hash);
      }
      if (arrived.length) for (const listener of listeners) listener(arrived);
      return missing;
    },
    onArrive(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    forget: (hash) => void memory.delete(hash),
    async written() {
      await pending;
      if (failure !== null) {
        const error = failure;
        failure = null;
        throw error;
      }
    },
  };
}
