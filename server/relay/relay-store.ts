// The relay's SQLite database (better-sqlite3, synchronous): which dossiers are registered,
// their invite tokens, and each dossier's Yjs state as a snapshot plus an append-only log
// of updates. Every accepted update is appended *synchronously* before Hocuspocus sends
// its acknowledgement, so a killed relay loses no acknowledged edit; compaction folds the
// log into the snapshot later. Several relay processes on one host may share the file
// (WAL mode, busy timeout): the log and compaction are safe under concurrent writers.
//
// Secrets (owner secret, invite tokens) are stored only as SHA-256 hashes.
import Database from 'better-sqlite3';
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
  /** File path, or ':memory:' for tests. */
  path: string;
  /** Most tokens (revoked ones included) per dossier. Default 500. */
  maxTokensPerDossier?: number;
  now?: () => number;
}

export interface RelayStore {
  /** Register a dossier; returns the owner secret (shown once) or null if already registered. */
  register(dossierId: string): string | null;
  /** Delete a dossier with its tokens and stored state. */
  unregister(dossierId: string): void;
  isRegistered(dossierId: string): boolean;
  /** True when `secret` is the owner secret of the dossier. */
  isOwner(dossierId: string, secret: string): boolean;
  createToken(dossierId: string, role: TokenRole, label: string): { token: string; info: TokenInfo };
  listTokens(dossierId: string): TokenInfo[];
  /** Returns false when no such token exists for the dossier. */
  revokeToken(dossierId: string, tokenId: string): boolean;
  /** What a connection token grants for a dossier, or null (unknown, revoked, other dossier). */
  authorize(dossierId: string, token: string): Access | null;
  /** Is this access still valid (the token not revoked, the dossier still registered)? */
  stillValid(access: Access): boolean;

  /** Append one update to the dossier's log (synchronous, durable when it returns). */
  appendUpdate(dossierId: string, update: Uint8Array): void;
  /** Apply the stored snapshot and every logged update to `doc`. */
  loadInto(dossierId: string, doc: Y.Doc, origin: unknown): void;
  /** Fold the log into the snapshot together with `doc`'s state (one transaction). */
  compact(dossierId: string, doc?: Y.Doc): void;
  /** Rows in the update log (all dossiers, or one). */
  logLength(dossierId?: string): number;
  close(): void;
}

const hash = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');

export function openRelayStore(options: RelayStoreOptions): RelayStore {
  const now = options.now ?? Date.now;
  const maxTokens = options.maxTokensPerDossier ?? 500;
  const db = new Database(options.path);
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before we acknowledge (survives power loss, not just a crash).
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE IF NOT EXISTS dossiers (
      id TEXT PRIMARY KEY,
      owner_hash TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS tokens (
      id TEXT PRIMARY KEY,
      dossier_id TEXT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
      token_hash TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL CHECK (role IN ('edit', 'read-only')),
      label TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      revoked_at INTEGER
    );
    CREATE INDEX IF NOT EXISTS tokens_by_dossier ON tokens(dossier_id);
    CREATE TABLE IF NOT EXISTS snapshots (
      dossier_id TEXT PRIMARY KEY,
      state BLOB NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS updates (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      dossier_id TEXT NOT NULL,
      data BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS updates_by_dossier ON updates(dossier_id, seq);
  `);

  const q = {
    insertDossier: db.prepare('INSERT OR IGNORE INTO dossiers (id, owner_hash, created_at) VALUES (?, ?, ?)'),
    getDossier: db.prepare<[string], { owner_hash: string }>('SELECT owner_hash FROM dossiers WHERE id = ?'),
    deleteDossier: db.prepare('DELETE FROM dossiers WHERE id = ?'),
    deleteTokens: db.prepare('DELETE FROM tokens WHERE dossier_id = ?'),
    deleteSnapshot: db.prepare('DELETE FROM snapshots WHERE dossier_id = ?'),
    deleteUpdates: db.prepare('DELETE FROM updates WHERE dossier_id = ?'),
    countTokens: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM tokens WHERE dossier_id = ?'),
    insertToken: db.prepare('INSERT INTO tokens (id, dossier_id, token_hash, role, label, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    listTokens: db.prepare<[string], { id: string; role: TokenRole; label: string; created_at: number; revoked_at: number | null }>(
      'SELECT id, role, label, created_at, revoked_at FROM tokens WHERE dossier_id = ? ORDER BY created_at, id',
    ),
    revokeToken: db.prepare('UPDATE tokens SET revoked_at = coalesce(revoked_at, ?) WHERE dossier_id = ? AND id = ?'),
    tokenByHash: db.prepare<[string], { id: string; dossier_id: string; role: TokenRole; revoked_at: number | null }>(
      'SELECT id, dossier_id, role, revoked_at FROM tokens WHERE token_hash = ?',
    ),
    tokenById: db.prepare<[string], { dossier_id: string; revoked_at: number | null }>('SELECT dossier_id, revoked_at FROM tokens WHERE id = ?'),
    appendUpdate: db.prepare('INSERT INTO updates (dossier_id, data) VALUES (?, ?)'),
    getSnapshot: db.prepare<[string], { state: Buffer }>('SELECT state FROM snapshots WHERE dossier_id = ?'),
    putSnapshot: db.prepare('INSERT INTO snapshots (dossier_id, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(dossier_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at'),
    logRows: db.prepare<[string], { seq: number; data: Buffer }>('SELECT seq, data FROM updates WHERE dossier_id = ? ORDER BY seq'),
    deleteLogUpTo: db.prepare('DELETE FROM updates WHERE dossier_id = ? AND seq <= ?'),
    countLog: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM updates'),
    countLogFor: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM updates WHERE dossier_id = ?'),
  };

  const unregister = db.transaction((dossierId: string) => {
    q.deleteTokens.run(dossierId);
    q.deleteSnapshot.run(dossierId);
    q.deleteUpdates.run(dossierId);
    q.deleteDossier.run(dossierId);
  });

  const applyStored = (dossierId: string, doc: Y.Doc, origin: unknown): number => {
    const snapshot = q.getSnapshot.get(dossierId);
    let lastSeq = 0;
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, new Uint8Array(snapshot.state), origin);
      for (const row of q.logRows.all(dossierId)) {
        Y.applyUpdate(doc, new Uint8Array(row.data), origin);
        lastSeq = row.seq;
      }
    }, origin);
    return lastSeq;
  };

  const compact = db.transaction((dossierId: string, doc?: Y.Doc) => {
    const merged = new Y.Doc({ gc: true });
    const lastSeq = applyStored(dossierId, merged, null);
    if (doc) Y.applyUpdate(merged, Y.encodeStateAsUpdate(doc));
    q.putSnapshot.run(dossierId, Buffer.from(Y.encodeStateAsUpdate(merged)), now());
    if (lastSeq > 0) q.deleteLogUpTo.run(dossierId, lastSeq);
    merged.destroy();
  });

  return {
    register(dossierId) {
      const secret = newSecret();
      const result = q.insertDossier.run(dossierId, hash(secret), now());
      return result.changes === 1 ? secret : null;
    },
    unregister: (dossierId) => unregister(dossierId),
    isRegistered: (dossierId) => q.getDossier.get(dossierId) !== undefined,
    isOwner(dossierId, secret) {
      const row = q.getDossier.get(dossierId);
      return row !== undefined && row.owner_hash === hash(secret);
    },
    createToken(dossierId, role, label) {
      if (q.countTokens.get(dossierId)!.n >= maxTokens) throw new RangeError(`at most ${maxTokens} tokens per dossier`);
      const token = newSecret();
      const info: TokenInfo = { id: randomBytes(9).toString('base64url'), role, label, createdAt: now(), revokedAt: null };
      q.insertToken.run(info.id, dossierId, hash(token), role, label, info.createdAt);
      return { token, info };
    },
    listTokens: (dossierId) =>
      q.listTokens.all(dossierId).map((row) => ({ id: row.id, role: row.role, label: row.label, createdAt: row.created_at, revokedAt: row.revoked_at })),
    revokeToken: (dossierId, tokenId) => q.revokeToken.run(now(), dossierId, tokenId).changes === 1,
    authorize(dossierId, token) {
      if (!token) return null;
      const dossier = q.getDossier.get(dossierId);
      if (!dossier) return null;
      const tokenHash = hash(token);
      if (dossier.owner_hash === tokenHash) return { dossierId, role: 'owner', tokenId: null };
      const row = q.tokenByHash.get(tokenHash);
      if (!row || row.dossier_id !== dossierId || row.revoked_at !== null) return null;
      return { dossierId, role: row.role, tokenId: row.id };
    },
    stillValid(access) {
      if (!q.getDossier.get(access.dossierId)) return false;
      if (access.tokenId === null) return true;
      const row = q.tokenById.get(access.tokenId);
      return row !== undefined && row.dossier_id === access.dossierId && row.revoked_at === null;
    },
    appendUpdate(dossierId, update) {
      q.appendUpdate.run(dossierId, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
    },
    loadInto(dossierId, doc, origin) {
      applyStored(dossierId, doc, origin);
    },
    compact: (dossierId, doc) => compact.immediate(dossierId, doc),
    logLength: (dossierId) => (dossierId === undefined ? q.countLog.get()!.n : q.countLogFor.get(dossierId)!.n),
    close() {
      if (db.open) db.close();
    },
  };
}
