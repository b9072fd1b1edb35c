// The relay's store in one SQLite file (better-sqlite3, synchronous underneath: an append is
// on disk when its promise resolves). Several relay processes on one host may share the file
// (WAL mode, busy timeout): the log and compaction are safe under concurrent writers.
// Schema versions are counted in `PRAGMA user_version`; migrations run at open.
import Database from 'better-sqlite3';
import { foldSnapshot, hashSecret, mergeStored, newSecret, newTokenId, type RelayStore, type RelayStoreOptions, type TokenInfo, type TokenRole } from './relay-store.js';

/** Schema migrations, in order; index + 1 is the version after it. Never edit one that shipped. */
const MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS dossiers (
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
   CREATE INDEX IF NOT EXISTS updates_by_dossier ON updates(dossier_id, seq);`,
  `CREATE TABLE IF NOT EXISTS bodies (
     dossier_id TEXT NOT NULL,
     hash TEXT NOT NULL,
     data BLOB NOT NULL,
     PRIMARY KEY (dossier_id, hash)
   );`,
  `ALTER TABLE bodies ADD COLUMN put_at INTEGER NOT NULL DEFAULT 0;`,
];

type TokenRow = { id: string; role: TokenRole; label: string; created_at: number; revoked_at: number | null };

export function openSqliteStore(options: RelayStoreOptions): RelayStore {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const maxTokens = options.maxTokensPerDossier ?? 500;
  const db = new Database(options.location);
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before we acknowledge (survives power loss, not just a crash).
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]);
    if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();

  const q = {
    insertDossier: db.prepare('INSERT OR IGNORE INTO dossiers (id, owner_hash, created_at) VALUES (?, ?, ?)'),
    getDossier: db.prepare<[string], { owner_hash: string }>('SELECT owner_hash FROM dossiers WHERE id = ?'),
    deleteDossier: db.prepare('DELETE FROM dossiers WHERE id = ?'),
    deleteTokens: db.prepare('DELETE FROM tokens WHERE dossier_id = ?'),
    deleteSnapshot: db.prepare('DELETE FROM snapshots WHERE dossier_id = ?'),
    deleteUpdates: db.prepare('DELETE FROM updates WHERE dossier_id = ?'),
    countTokens: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM tokens WHERE dossier_id = ?'),
    insertToken: db.prepare('INSERT INTO tokens (id, dossier_id, token_hash, role, label, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    listTokens: db.prepare<[string], TokenRow>('SELECT id, role, label, created_at, revoked_at FROM tokens WHERE dossier_id = ? ORDER BY created_at, id'),
    revokeToken: db.prepare('UPDATE tokens SET revoked_at = coalesce(revoked_at, ?) WHERE dossier_id = ? AND id = ?'),
    tokenByHash: db.prepare<[string], { id: string; dossier_id: string; role: TokenRole; revoked_at: number | null }>(
      'SELECT id, dossier_id, role, revoked_at FROM tokens WHERE token_hash = ?',
    ),
    tokenById: db.prepare<[string], { dossier_id: string; revoked_at: number | null }>('SELECT dossier_id, revoked_at FROM tokens WHERE id = ?'),
    appendUpdate: db.prepare('INSERT INTO updates (dossier_id, data) VALUES (?, ?)'),
    getSnapshot: db.prepare<[string], { state: Buffer }>('SELECT state FROM snapshots WHERE dossier_id = ?'),
    putSnapshot: db.prepare(
      'INSERT INTO snapshots (dossier_id, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(dossier_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at',
    ),
    logRows: db.prepare<[string], { seq: number; data: Buffer }>('SELECT seq, data FROM updates WHERE dossier_id = ? ORDER BY seq'),
    deleteLogRow: db.prepare('DELETE FROM updates WHERE seq = ?'),
    countLog: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM updates'),
    countLogFor: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM updates WHERE dossier_id = ?'),
    putBody: db.prepare('INSERT INTO bodies (dossier_id, hash, data, put_at) VALUES (?, ?, ?, ?) ON CONFLICT (dossier_id, hash) DO UPDATE SET put_at = excluded.put_at'),
    bodiesPutBefore: db.prepare<[string, number], { hash: string }>('SELECT hash FROM bodies WHERE dossier_id = ? AND put_at < ?'),
    dropBody: db.prepare<[string, string, number], { data: Buffer }>('DELETE FROM bodies WHERE dossier_id = ? AND hash = ? AND put_at < ? RETURNING data'),
    getBody: db.prepare<[string, string], { data: Buffer }>('SELECT data FROM bodies WHERE dossier_id = ? AND hash = ?'),
    bodyBytes: db.prepare<[string], { total: number }>('SELECT COALESCE(SUM(length(data)), 0) AS total FROM bodies WHERE dossier_id = ?'),
    hasBody: db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM bodies WHERE dossier_id = ? AND hash = ?'),
    deleteBodies: db.prepare('DELETE FROM bodies WHERE dossier_id = ?'),
  };

  const unregister = db.transaction((dossierId: string) => {
    q.deleteTokens.run(dossierId);
    q.deleteSnapshot.run(dossierId);
    q.deleteUpdates.run(dossierId);
    q.deleteBodies.run(dossierId);
    q.deleteDossier.run(dossierId);
  });

  const badRow = (dossierId: string) => (error: Error) => log(`relay: skipped a stored update of ${dossierId} that does not apply: ${error.message}`);
  const bytes = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

  const compact = db.transaction((dossierId: string, state?: Uint8Array) => {
    if (!q.getDossier.get(dossierId)) return; // deleted meanwhile: nothing to keep
    const snapshot = q.getSnapshot.get(dossierId);
    const rows = q.logRows.all(dossierId);
    const folded = foldSnapshot(
      snapshot ? bytes(snapshot.state) : null,
      rows.map((row) => bytes(row.data)),
      state,
      badRow(dossierId),
    );
    q.putSnapshot.run(dossierId, Buffer.from(folded), now());
    for (const row of rows) q.deleteLogRow.run(row.seq);
  });

  const authorizeNow = (dossierId: string, token: string) => {
    if (!token) return null;
    const dossier = q.getDossier.get(dossierId);
    if (!dossier) return null;
    const tokenHash = hashSecret(token);
    if (dossier.owner_hash === tokenHash) return { dossierId, role: 'owner' as const, tokenId: null };
    const row = q.tokenByHash.get(tokenHash);
    if (!row || row.dossier_id !== dossierId || row.revoked_at !== null) return null;
    return { dossierId, role: row.role, tokenId: row.id };
  };

  return {
    engine: 'sqlite',
    async register(dossierId) {
      const secret = newSecret();
      return q.insertDossier.run(dossierId, hashSecret(secret), now()).changes === 1 ? secret : null;
    },
    async unregister(dossierId) {
      unregister(dossierId);
    },
    async isRegistered(dossierId) {
      return q.getDossier.get(dossierId) !== undefined;
    },
    async isOwner(dossierId, secret) {
      const row = q.getDossier.get(dossierId);
      return row !== undefined && row.owner_hash === hashSecret(secret);
    },
    async createToken(dossierId, role, label) {
      if (q.countTokens.get(dossierId)!.n >= maxTokens) throw new RangeError(`at most ${maxTokens} tokens per dossier`);
      const token = newSecret();
      const info: TokenInfo = { id: newTokenId(), role, label, createdAt: now(), revokedAt: null };
      q.insertToken.run(info.id, dossierId, hashSecret(token), role, label, info.createdAt);
      return { token, info };
    },
    async listTokens(dossierId) {
      return q.listTokens.all(dossierId).map((row) => ({ id: row.id, role: row.role, label: row.label, createdAt: row.created_at, revokedAt: row.revoked_at }));
    },
    async revokeToken(dossierId, tokenId) {
      return q.revokeToken.run(now(), dossierId, tokenId).changes === 1;
    },
    async authorize(dossierId, token) {
      return authorizeNow(dossierId, token);
    },
    async stillValid(accesses) {
      return accesses.map((access) => {
        if (!q.getDossier.get(access.dossierId)) return false;
        if (access.tokenId === null) return true;
        const row = q.tokenById.get(access.tokenId);
        return row !== undefined && row.dossier_id === access.dossierId && row.revoked_at === null;
      });
    },
    async appendUpdate(dossierId, update) {
      q.appendUpdate.run(dossierId, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
    },
    async loadState(dossierId) {
      const snapshot = q.getSnapshot.get(dossierId);
      const rows = q.logRows.all(dossierId);
      return mergeStored(
        snapshot ? bytes(snapshot.state) : null,
        rows.map((row) => bytes(row.data)),
        badRow(dossierId),
      );
    },
    async compact(dossierId, state) {
      compact.immediate(dossierId, state);
    },
    async putBody(dossierId, hash, data) {
      if (!q.getDossier.get(dossierId)) return false;
      q.putBody.run(dossierId, hash, Buffer.from(data.buffer, data.byteOffset, data.byteLength), now());
      return true;
    },
    async getBodies(dossierId, hashes) {
      const found = new Map<string, Uint8Array>();
      for (const hash of new Set(hashes)) {
        const row = q.getBody.get(dossierId, hash);
        if (row) found.set(hash, bytes(row.data));
      }
      return found;
    },
    async missingBodies(dossierId, hashes) {
      return [...new Set(hashes)].filter((hash) => !q.hasBody.get(dossierId, hash));
    },
    async bodyBytes(dossierId) {
      return q.bodyBytes.get(dossierId)?.total ?? 0;
    },
    async dropUnnamedBodies(dossierId, named, putBefore) {
      return db
        .transaction(() => {
          const dropped = new Map<string, Uint8Array>();
          for (const { hash } of q.bodiesPutBefore.all(dossierId, putBefore)) {
            const row = named.has(hash) ? undefined : q.dropBody.get(dossierId, hash, putBefore);
            if (row) dropped.set(hash, bytes(row.data));
          }
          return dropped;
        })
        .immediate();
    },
    async logLength(dossierId) {
      return dossierId === undefined ? q.countLog.get()!.n : q.countLogFor.get(dossierId)!.n;
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
