// What the relay keeps, behind one interface with two engines: a SQLite file (the embedded
// default, better-sqlite3) or PostgreSQL (`postgres://…`, several hosts). Kept: which
// dossiers are registered (with the owner secret's hash), their invite tokens (hashes, roles,
// revocations), and each dossier's Yjs state as a snapshot plus an append-only log of updates.
//
// The log is a write-ahead log: the relay appends what a client sent *before* it applies and
// acknowledges it, so a killed relay loses no acknowledged edit; compaction folds the log
// into the snapshot later, deleting exactly the rows it read (other processes may append
// meanwhile). Secrets (owner secret, invite tokens) are stored only as SHA-256 hashes.
//
// The document's state lives in `snapshots` + `updates` only, reached through loadState /
// appendUpdate / compact, so another table (say, clip bodies by content hash) can be added
// by a schema migration without touching access or callers.
import { createHash, randomBytes } from 'node:crypto';
import * as Y from 'yjs';

export type TokenRole = 'edit' | 'read-only';

export interface TokenInfo {
  /** Public id, used to list and revoke; not a secret. */
  id: string;
  role: TokenRole;
  label: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface Access {
  dossierId: string;
  role: 'owner' | TokenRole;
  /** Null for the owner secret. */
  tokenId: string | null;
}

export interface RelayStoreOptions {
  /** A SQLite file path (':memory:' for tests) or a `postgres://` / `postgresql://` URL. */
  location: string;
  /** Most tokens (revoked ones included) per dossier. Default 500. */
  maxTokensPerDossier?: number;
  now?: () => number;
  /** Connection problems of the database client (never content). */
  log?: (line: string) => void;
}

export interface RelayStore {
  readonly engine: 'sqlite' | 'postgres';
  /** Register a dossier; returns the owner secret (shown once) or null if already registered. */
  register(dossierId: string): Promise<string | null>;
  /** Delete a dossier with its tokens and stored state. */
  unregister(dossierId: string): Promise<void>;
  isRegistered(dossierId: string): Promise<boolean>;
  /** True when `secret` is the owner secret of the dossier. */
  isOwner(dossierId: string, secret: string): Promise<boolean>;
  /** Throws a RangeError past the token limit. */
  createToken(dossierId: string, role: TokenRole, label: string): Promise<{ token: string; info: TokenInfo }>;
  listTokens(dossierId: string): Promise<TokenInfo[]>;
  /** Returns false when no such token exists for the dossier. */
  revokeToken(dossierId: string, tokenId: string): Promise<boolean>;
  /** What a connection token grants for a dossier, or null (unknown, revoked, other dossier). */
  authorize(dossierId: string, token: string): Promise<Access | null>;
  /** For each access: is it still valid (token not revoked, dossier still registered)? */
  stillValid(accesses: readonly Access[]): Promise<boolean[]>;

  /** Append one update to the dossier's log; durable when the promise resolves. */
  appendUpdate(dossierId: string, update: Uint8Array): Promise<void>;
  /** The stored snapshot and log as one update, or null when nothing is stored. */
  loadState(dossierId: string): Promise<Uint8Array | null>;
  /** Fold the log into the snapshot, together with `state` (a full state update), in one transaction. */
  compact(dossierId: string, state?: Uint8Array): Promise<void>;
  /**
   * Keep a clip body for a dossier under its hash (the caller checked the bytes against it);
   * a body already kept is left as it is. Resolves false when the dossier is not registered.
   */
  putBody(dossierId: string, hash: string, bytes: Uint8Array): Promise<boolean>;
  /** The dossier's bodies among `hashes` (others' bodies are never returned). */
  getBodies(dossierId: string, hashes: readonly string[]): Promise<Map<string, Uint8Array>>;
  /** Of `hashes`, those the dossier has no body for. */
  missingBodies(dossierId: string, hashes: readonly string[]): Promise<string[]>;
  /** Bytes of the bodies kept for the dossier (what its quota counts). */
  bodyBytes(dossierId: string): Promise<number>;
  /**
   * Remove the dossier's bodies that `named` does not hold and that were last put before
   * `putBefore` (ms since the epoch); resolves with the removed bodies (so a caller can put
   * back one an edit named meanwhile). A body put again (an editor re-uploads what the relay
   * lacks) counts as put then.
   */
  dropUnnamedBodies(dossierId: string, named: ReadonlySet<string>, putBefore: number): Promise<Map<string, Uint8Array>>;
  /** Rows in the update log (all dossiers, or one). */
  logLength(dossierId?: string): Promise<number>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//i.test(location);

export const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');
export const newSecret = () => randomBytes(32).toString('base64url');
export const newTokenId = () => randomBytes(9).toString('base64url');

/** Applies the snapshot and log rows to a fresh doc, skipping a row that does not apply. */
function applyRows(snapshot: Uint8Array | null, rows: readonly Uint8Array[], onBadRow: (error: Error) => void): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  doc.transact(() => {
    for (const update of snapshot ? [snapshot, ...rows] : rows) {
      try {
        Y.applyUpdate(doc, update);
      } catch (error) {
        onBadRow(error as Error);
      }
    }
  });
  return doc;
}

/** The stored state as one update (for loading), or null when nothing is stored. */
export function mergeStored(snapshot: Uint8Array | null, rows: readonly Uint8Array[], onBadRow: (error: Error) => void): Uint8Array | null {
  if (!snapshot && rows.length === 0) return null;
  try {
    return Y.mergeUpdates(snapshot ? [snapshot, ...rows] : [...rows]);
  } catch {
    const doc = applyRows(snapshot, rows, onBadRow);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  }
}

/** The new snapshot: stored snapshot, log rows and `state`, garbage-collected. */
export function foldSnapshot(snapshot: Uint8Array | null, rows: readonly Uint8Array[], state: Uint8Array | undefined, onBadRow: (error: Error) => void): Uint8Array {
  const doc = applyRows(snapshot, state ? [...rows, state] : rows, onBadRow);
  const folded = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return folded;
}
