// A cohort dossier far above the relay's 16 MiB frame limit syncs through it: the owner's
// first upload goes to one relay process, a new member downloads it from another (PostgreSQL
// and Redis between them, throwaway servers from Debian's packages), every clip arrives, and
// the stored state holds them all. What makes it cross: core's compressed stream frames on the
// relay's WebSocket (message-gate.ts, core/sync/relay/framed-websocket.ts).
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRelayAdmin } from '@knipsel/core/relay';
import { clipIds, cohortDossierDoc } from './cohort-test-support.js';
import { createRelay, DEFAULT_RELAY_LIMITS, type Relay, type RelayOptions } from './create-relay.js';
import { startPostgres, type TestPostgres } from './postgres-test-support.js';
import { connectDoc, startRedis, until } from './relay-test-support.js';

let postgres: TestPostgres;
let redis: Awaited<ReturnType<typeof startRedis>>;
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  postgres = await startPostgres();
  redis = await startRedis();
}, 120_000);

afterEach(async () => {
  // Closing compacts the open dossier into PostgreSQL: tens of megabytes.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}, 120_000);

afterAll(async () => {
  await redis?.stop();
  await postgres?.stop();
});

async function relayOn(options: Partial<RelayOptions> & { database: string }): Promise<Relay> {
  const relay = await createRelay(options);
  cleanups.push(() => relay.close());
  return relay;
}

it('a 20,000-clip dossier goes owner → relay A, and relay B → a new member, with every clip', { timeout: 300_000 }, async () => {
  const id = 'cohortdossier001';
  const owner = await cohortDossierDoc(id, 20_000);
  const size = Y.encodeStateAsUpdate(owner).length;
  expect(size).toBeGreaterThan(DEFAULT_RELAY_LIMITS.maxPayload); // as one message, the relay would refuse it

  const database = await postgres.createDatabase('relay_cohort');
  const one = await relayOn({ database, redisUrl: redis.url });
  const two = await relayOn({ database, redisUrl: redis.url });
  const { ownerSecret } = await createRelayAdmin(one.wsUrl).register(id);
  const member = await createRelayAdmin(one.wsUrl).createToken(id, ownerSecret, 'read-only', 'Nieuwe student');

  const upload = connectDoc(owner, one.wsUrl, id, ownerSecret);
  cleanups.push(() => upload.destroy());
  await upload.whenAcknowledged();
  expect(one.stats().rejectedFrames).toBe(0);

  const fresh = new Y.Doc();
  const download = connectDoc(fresh, two.wsUrl, id, member.token);
  cleanups.push(() => download.destroy());
  await until(() => fresh.getMap('clips').size === 20_000, 'every clip at the new member', 240_000);
  expect(download.state()).toMatchObject({ status: 'connected', role: 'read-only' });
  expect(clipIds(fresh)).toEqual(clipIds(owner));
  expect(Buffer.from(Y.encodeStateVector(fresh)).equals(Buffer.from(Y.encodeStateVector(owner)))).toBe(true);

  // Stored: what the database holds (snapshot and log, merged) has every clip.
  const stored = new Y.Doc();
  Y.applyUpdate(stored, (await two.store.loadState(id))!);
  expect(clipIds(stored)).toEqual(clipIds(owner));
});
