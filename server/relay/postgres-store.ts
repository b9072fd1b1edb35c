// The relay's store in PostgreSQL (`pg`), for relay processes on several hosts sharing one
// database. Everything lives in the schema `knipsel_relay`; schema migrations run at start
// under an advisory lock (several processes may start at once). An append is committed
// (synchronous_commit as configured on the server, `on` by default) when its promise resolves.
// Compaction holds a per-dossier advisory lock and deletes exactly the log rows it read:
// sequence numbers are handed out before commit, so a range delete could take a row another
// process committed later.
import pg from 'pg';
import { foldSnapshot, hashSecret, mergeStored, newSecret, newTokenId, type RelayStore, type RelayStoreOptions, type TokenInfo, type TokenRole } from './relay-store.js';

const SCHEMA = 'knipsel_relay';
/** Advisory lock keys: one for migrations; compaction uses hashtext of the dossier id in another space. */
const MIGRATION_LOCK = 0x6b6e6970; // "knip"
const COMPACTION_LOCK_SPACE = 0x73656c;

/** Schema migrations, in order; their index + 1 is the version after them. Never edit one that shipped. */
const MIGRATIONS = [
  `CREATE TABLE ${SCHEMA}.dossiers (
     id text PRIMARY KEY,
     owner_hash text NOT NULL,
     created_at bigint NOT NULL
   );
   CREATE TABLE ${SCHEMA}.tokens (
     id text PRIMARY KEY,
     dossier_id text NOT NULL REFERENCES ${SCHEMA}.dossiers(id) ON DELETE CASCADE,
     token_hash text NOT NULL UNIQUE,
     role text NOT NULL CHECK (role IN ('edit', 'read-only')),
     label text NOT NULL,
     created_at bigint NOT NULL,
     revoked_at bigint
   );
   CREATE INDEX tokens_by_dossier ON ${SCHEMA}.tokens(dossier_id);
   CREATE TABLE ${SCHEMA}.snapshots (
     dossier_id text PRIMARY KEY REFERENCES ${SCHEMA}.dossiers(id) ON DELETE CASCADE,
     state bytea NOT NULL,
     updated_at bigint NOT NULL
   );
   CREATE TABLE ${SCHEMA}.updates (
     seq bigserial PRIMARY KEY,
     dossier_id text NOT NULL REFERENCES ${SCHEMA}.dossiers(id) ON DELETE CASCADE,
     data bytea NOT NULL
   );
   CREATE INDEX updates_by_dossier ON ${SCHEMA}.updates(dossier_id, seq);`,
  `CREATE TABLE ${SCHEMA}.bodies (
     dossier_id text NOT NULL REFERENCES ${SCHEMA}.dossiers(id) ON DELETE CASCADE,
     hash text NOT NULL,
     data bytea NOT NULL,
     PRIMARY KEY (dossier_id, hash)
   );`,
  `ALTER TABLE ${SCHEMA}.bodies ADD COLUMN put_at bigint NOT NULL DEFAULT 0;`,
];

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)`);
    const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${SCHEMA}.migrations`);
    for (let v = rows[0].version ?? 0; v < MIGRATIONS.length; v++) {
      await client.query('BEGIN');
      try {
        await client.query(MIGRATIONS[v]);
        await client.query(`INSERT INTO ${SCHEMA}.migrations (version, applied_at) VALUES ($1, $2)`, [v + 1, Date.now()]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

/**
 * Runs `work` in one transaction on a client of its own: committed when it returns, rolled
 * back when it throws. A client that failed may be broken, so the pool drops it.
 */
async function inTransaction<T>(pool: pg.Pool, begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    failed = error as Error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release(failed);
  }
}

const asNumber = (value: string | number | null) => (value === null ? null : Number(value));
const bytes = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

export async function openPostgresStore(options: RelayStoreOptions): Promise<RelayStore> {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const maxTokens = options.maxTokensPerDossier ?? 500;
  const pool = new pg.Pool({
    connectionString: options.location,
    max: 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    query_timeout: 15_000,
    application_name: 'knipsel-relay',
  });
  // An idle client whose server went away reports here; without a listener it would end the process.
  pool.on('error', (error) => log(`relay: PostgreSQL connection lost: ${error.message}`));
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const badRow = (dossierId: string) => (error: Error) => log(`relay: skipped a stored update of ${dossierId} that does not apply: ${error.message}`);
  const query = <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => pool.query<R>(text, values);

  return {
    engine: 'postgres',
    async register(dossierId) {
      const secret = newSecret();
      const result = await query(`INSERT INTO ${SCHEMA}.dossiers (id, owner_hash, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [
        dossierId,
        hashSecret(secret),
        now(),
      ]);
      return result.rowCount === 1 ? secret : null;
    },
    async unregister(dossierId) {
      await query(`DELETE FROM ${SCHEMA}.dossiers WHERE id = $1`, [dossierId]); // tokens, snapshot and log cascade
    },
    async isRegistered(dossierId) {
      return (await query(`SELECT 1 FROM ${SCHEMA}.dossiers WHERE id = $1`, [dossierId])).rowCount === 1;
    },
    async isOwner(dossierId, secret) {
      const { rows } = await query<{ owner_hash: string }>(`SELECT owner_hash FROM ${SCHEMA}.dossiers WHERE id = $1`, [dossierId]);
      return rows.length === 1 && rows[0].owner_hash === hashSecret(secret);
    },
    async createToken(dossierId, role, label) {
      const { rows } = await query<{ n: string }>(`SELECT count(*) AS n FROM ${SCHEMA}.tokens WHERE dossier_id = $1`, [dossierId]);
      if (Number(rows[0].n) >= maxTokens) throw new RangeError(`at most ${maxTokens} tokens per dossier`);
      const token = newSecret();
      const info: TokenInfo = { id: newTokenId(), role, label, createdAt: now(), revokedAt: null };
      await query(`INSERT INTO ${SCHEMA}.tokens (id, dossier_id, token_hash, role, label, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        info.id,
        dossierId,
        hashSecret(token),
        role,
        label,
        info.createdAt,
      ]);
      return { token, info };
    },
    async listTokens(dossierId) {
      const { rows } = await query<{ id: string; role: TokenRole; label: string; created_at: string; revoked_at: string | null }>(
        `SELECT id, role, label, created_at, revoked_at FROM ${SCHEMA}.tokens WHERE dossier_id = $1 ORDER BY created_at, id`,
        [dossierId],
      );
      return rows.map((row) => ({ id: row.id, role: row.role, label: row.label, createdAt: Number(row.created_at), revokedAt: asNumber(row.revoked_at) }));
    },
    async revokeToken(dossierId, tokenId) {
      const result = await query(`UPDATE ${SCHEMA}.tokens SET revoked_at = coalesce(revoked_at, $1) WHERE dossier_id = $2 AND id = $3`, [now(), dossierId, tokenId]);
      return result.rowCount === 1;
    },
    async authorize(dossierId, token) {
      if (!token) return null;
      const tokenHash = hashSecret(token);
      const { rows } = await query<{ owner_hash: string; id: string | null; token_dossier: string | null; role: TokenRole | null; revoked_at: string | null }>(
        `SELECT d.owner_hash, t.id, t.dossier_id AS token_dossier, t.role, t.revoked_at
           FROM ${SCHEMA}.dossiers d LEFT JOIN ${SCHEMA}.tokens t ON t.token_hash = $2
          WHERE d.id = $1`,
        [dossierId, tokenHash],
      );
      if (rows.length === 0) return null;
      const row = rows[0];
      if (row.owner_hash === tokenHash) return { dossierId, role: 'owner', tokenId: null };
      if (!row.id || row.token_dossier !== dossierId || row.revoked_at !== null || !row.role) return null;
      return { dossierId, role: row.role, tokenId: row.id };
    },
    async stillValid(accesses) {
      if (accesses.length === 0) return [];
      const dossierIds = [...new Set(accesses.map((a) => a.dossierId))];
      const tokenIds = [...new Set(accesses.flatMap((a) => (a.tokenId === null ? [] : [a.tokenId])))];
      const [dossiers, tokens] = await Promise.all([
        query<{ id: string }>(`SELECT id FROM ${SCHEMA}.dossiers WHERE id = ANY($1::text[])`, [dossierIds]),
        tokenIds.length === 0
          ? Promise.resolve({ rows: [] as Array<{ id: string; dossier_id: string }> })
          : query<{ id: string; dossier_id: string }>(`SELECT id, dossier_id FROM ${SCHEMA}.tokens WHERE id = ANY($1::text[]) AND revoked_at IS NULL`, [tokenIds]),
      ]);
      const registered = new Set(dossiers.rows.map((row) => row.id));
      const valid = new Map(tokens.rows.map((row) => [row.id, row.dossier_id]));
      return accesses.map((a) => registered.has(a.dossierId) && (a.tokenId === null || valid.get(a.tokenId) === a.dossierId));
    },
    async appendUpdate(dossierId, update) {
      await query(`INSERT INTO ${SCHEMA}.updates (dossier_id, data) VALUES ($1, $2)`, [dossierId, Buffer.from(update.buffer, update.byteOffset, update.byteLength)]);
    },
    loadState(dossierId) {
      // One snapshot of both tables: a compaction between two reads could hide rows.
      return inTransaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
        const snapshot = await client.query<{ state: Buffer }>(`SELECT state FROM ${SCHEMA}.snapshots WHERE dossier_id = $1`, [dossierId]);
        const rows = await client.query<{ data: Buffer }>(`SELECT data FROM ${SCHEMA}.updates WHERE dossier_id = $1 ORDER BY seq`, [dossierId]);
        return mergeStored(
          snapshot.rows[0] ? bytes(snapshot.rows[0].state) : null,
          rows.rows.map((row) => bytes(row.data)),
          badRow(dossierId),
        );
      });
    },
    compact(dossierId, state) {
      return inTransaction(pool, 'BEGIN', async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [COMPACTION_LOCK_SPACE, dossierId]);
        const registered = await client.query(`SELECT 1 FROM ${SCHEMA}.dossiers WHERE id = $1 FOR SHARE`, [dossierId]);
        if (registered.rowCount === 0) return; // removed meanwhile: nothing to fold (the commit writes nothing)
        const snapshot = await client.query<{ state: Buffer }>(`SELECT state FROM ${SCHEMA}.snapshots WHERE dossier_id = $1`, [dossierId]);
        const rows = await client.query<{ seq: string; data: Buffer }>(`SELECT seq, data FROM ${SCHEMA}.updates WHERE dossier_id = $1 ORDER BY seq`, [dossierId]);
        const folded = foldSnapshot(
          snapshot.rows[0] ? bytes(snapshot.rows[0].state) : null,
          rows.rows.map((row) => bytes(row.data)),
          state,
          badRow(dossierId),
        );
        await client.query(
          `INSERT INTO ${SCHEMA}.snapshots (dossier_id, state, updated_at) VALUES ($1, $2, $3)
           ON CONFLICT (dossier_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
          [dossierId, Buffer.from(folded), now()],
        );
        if (rows.rows.length > 0) await client.query(`DELETE FROM ${SCHEMA}.updates WHERE seq = ANY($1::bigint[])`, [rows.rows.map((row) => row.seq)]);
      });
    },
    async putBody(dossierId, hash, data) {
      try {
        const result = await query(
          `INSERT INTO ${SCHEMA}.bodies (dossier_id, hash, data, put_at) SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM ${SCHEMA}.dossiers WHERE id = $1)
           ON CONFLICT (dossier_id, hash) DO UPDATE SET put_at = excluded.put_at`,
          [dossierId, hash, Buffer.from(data.buffer, data.byteOffset, data.byteLength), now()],
        );
        // Nothing inserted or refreshed: the dossier is not registered.
        return result.rowCount === 1;
      } catch (error) {
        if ((error as { code?: string }).code === '23503') return false; // the dossier was removed meanwhile
        throw error;
      }
    },
    async getBodies(dossierId, hashes) {
      const { rows } = await query<{ hash: string; data: Buffer }>(`SELECT hash, data FROM ${SCHEMA}.bodies WHERE dossier_id = $1 AND hash = ANY($2::text[])`, [
        dossierId,
        [...new Set(hashes)],
      ]);
      return new Map(rows.map((row) => [row.hash, bytes(row.data)]));
    },
    async missingBodies(dossierId, hashes) {
      const unique = [...new Set(hashes)];
      const { rows } = await query<{ hash: string }>(`SELECT hash FROM ${SCHEMA}.bodies WHERE dossier_id = $1 AND hash = ANY($2::text[])`, [dossierId, unique]);
      const here = new Set(rows.map((row) => row.hash));
      return unique.filter((hash) => !here.has(hash));
    },
    async bodyBytes(dossierId) {
      const { rows } = await query<{ total: string }>(`SELECT COALESCE(SUM(octet_length(data)), 0)::bigint AS total FROM ${SCHEMA}.bodies WHERE dossier_id = $1`, [dossierId]);
      return Number(rows[0]?.total ?? 0);
    },
    async dropUnnamedBodies(dossierId, named, putBefore) {
      const { rows } = await query<{ hash: string }>(`SELECT hash FROM ${SCHEMA}.bodies WHERE dossier_id = $1 AND put_at < $2`, [dossierId, putBefore]);
      const unnamed = rows.map((row) => row.hash).filter((hash) => !named.has(hash));
      if (unnamed.length === 0) return new Map<string, Uint8Array>();
      // put_at is tested again in the delete: a body put meanwhile stays.
      const result = await query<{ hash: string; data: Buffer }>(
        `DELETE FROM ${SCHEMA}.bodies WHERE dossier_id = $1 AND hash = ANY($2::text[]) AND put_at < $3 RETURNING hash, data`,
        [dossierId, unnamed, putBefore],
      );
      return new Map(result.rows.map((row) => [row.hash, bytes(row.data)]));
    },
    async logLength(dossierId) {
      const { rows } =
        dossierId === undefined
          ? await query<{ n: string }>(`SELECT count(*) AS n FROM ${SCHEMA}.updates`)
          : await query<{ n: string }>(`SELECT count(*) AS n FROM ${SCHEMA}.updates WHERE dossier_id = $1`, [dossierId]);
      return Number(rows[0].n);
    },
    async ping() {
      await query('SELECT 1');
    },
    async close() {
      await pool.end();
    },
  };
}
