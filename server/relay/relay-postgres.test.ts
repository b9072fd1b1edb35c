// The relay on PostgreSQL and Redis (throwaway servers from Debian's packages), as an operator
// runs it on several hosts: two relay processes in separate working folders that share only
// a PostgreSQL URL and a Redis URL; revocations reaching every process at once; /health and
// /metrics; and PostgreSQL or Redis briefly away without losing an acknowledged edit.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier } from '@knipsel/core';
import { makeCapture } from '@knipsel/core/testing';
import { createRelayAdmin } from '@knipsel/core/relay';
import { createRelay, type Relay, type RelayOptions } from './create-relay.js';
import { startPostgres, type TestPostgres } from './postgres-test-support.js';
import { connectDoc, dossierName, freePort, newDossierDoc, rename, startRedis, startRelayProcess, until } from './relay-test-support.js';

let postgres: TestPostgres;
let redis: Awaited<ReturnType<typeof startRedis>>;
let databases = 0;
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  postgres = await startPostgres(); // both throw with install instructions when missing
  redis = await startRedis();
}, 120_000);

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await redis?.stop();
  await postgres?.stop();
});

async function freshDatabase(): Promise<string> {
  return postgres.createDatabase(`relay_${databases++}`);
}

async function inProcess(options: Partial<RelayOptions> & { database: string }): Promise<Relay> {
  const relay = await createRelay(options);
  cleanups.push(() => relay.close());
  return relay;
}

function session(doc: Y.Doc, url: string, id: string, token: string) {
  const s = connectDoc(doc, url, id, token);
  cleanups.push(() => s.destroy());
  return s;
}

it('two processes in separate folders share only PostgreSQL and Redis; the second serves after the first is killed', { timeout: 120_000 }, async () => {
  const database = await freshDatabase();
  const folders = [mkdtempSync(join(tmpdir(), 'knipsel-host-a-')), mkdtempSync(join(tmpdir(), 'knipsel-host-b-'))];
  cleanups.push(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));
  const [one, two] = await Promise.all(
    folders.map(async (cwd) => {
      const relay = await startRelayProcess({ port: await freePort(), cwd, args: ['--db', database, '--redis', redis.url] });
      cleanups.push(() => relay.kill());
      return relay;
    }),
  );

  const id = 'meerderehosts001';
  const { ownerSecret } = await createRelayAdmin(one.wsUrl).register(id);
  const member = await createRelayAdmin(one.wsUrl).createToken(id, ownerSecret, 'edit', 'Sanne');
  const doc = newDossierDoc(id, 'Via host A');
  const writer = session(doc, one.wsUrl, id, ownerSecret);
  await writer.whenAcknowledged();
  const clips = createDossier(doc).clips;
  const clipIds = [0, 1, 2, 3, 4].map((i) => clips.add({ capture: makeCapture(), note: `Notitie ${i}` }));
  rename(doc, 'Geschreven via host A');
  await writer.whenAcknowledged();

  // A member on host B sees host A's edits live (Redis) before A goes down.
  const live = new Y.Doc();
  const liveSession = session(live, two.wsUrl, id, member.token);
  await liveSession.whenAcknowledged();
  await until(() => dossierName(live) === 'Geschreven via host A', "host B to pass on host A's edits");

  await one.kill();
  writer.destroy();
  const reader = new Y.Doc();
  const readerSession = session(reader, two.wsUrl, id, ownerSecret);
  await readerSession.whenAcknowledged();
  expect(dossierName(reader)).toBe('Geschreven via host A');
  for (const [i, clipId] of clipIds.entries()) expect(createDossier(reader).clips.noteText(clipId).toString()).toBe(`Notitie ${i}`);
  expect(Y.encodeStateVector(reader)).toEqual(Y.encodeStateVector(doc));
  // The member's token, made through host A, works on host B.
  rename(live, 'Verder via host B');
  await liveSession.whenAcknowledged();
  await until(() => dossierName(reader) === 'Verder via host B', "the reader to get the member's edit");

  // Nothing on disk beside either process; PostgreSQL holds the rows.
  for (const folder of folders) expect(readdirSync(folder)).toEqual([]);
  expect(await postgres.query(database, 'SELECT id FROM knipsel_relay.dossiers')).toEqual([{ id }]);
  expect(await postgres.query(database, 'SELECT role, label FROM knipsel_relay.tokens')).toEqual([{ role: 'edit', label: 'Sanne' }]);
  const [stored] = await postgres.query<{ n: string }>(database, 'SELECT (SELECT count(*) FROM knipsel_relay.updates) + (SELECT count(*) FROM knipsel_relay.snapshots) AS n');
  expect(Number(stored.n)).toBeGreaterThan(0);
  await two.stop();
});

describe('on PostgreSQL and Redis, in process', { timeout: 120_000 }, () => {
  it('a revocation through one process closes the member on another at once (no sweep)', async () => {
    const database = await freshDatabase();
    const one = await inProcess({ database, redisUrl: redis.url, revocationSweepMs: 600_000 });
    const two = await inProcess({ database, redisUrl: redis.url, revocationSweepMs: 600_000 });
    const id = 'intrekking000001';
    const { ownerSecret } = await createRelayAdmin(one.wsUrl).register(id);
    const member = await createRelayAdmin(one.wsUrl).createToken(id, ownerSecret, 'edit');
    const s = session(newDossierDoc(id), two.wsUrl, id, member.token);
    await s.whenAcknowledged();
    await createRelayAdmin(one.wsUrl).revokeToken(id, ownerSecret, member.id);
    await until(() => s.state().status === 'refused', 'the member on the other process to be refused', 5000);
  });

  it('/metrics speaks Prometheus text and /health says ok', async () => {
    const relay = await inProcess({ database: await freshDatabase(), redisUrl: redis.url });
    const id = 'metrieken0000001';
    const { ownerSecret } = await createRelayAdmin(relay.wsUrl).register(id);
    const s = session(newDossierDoc(id), relay.wsUrl, id, ownerSecret);
    await s.whenAcknowledged();
    session(new Y.Doc(), relay.wsUrl, id, 'geen-geldig-token-xxxxxxxxxx');
    await until(() => relay.metrics.authRefused === 1, 'a refused token');

    const health = await fetch(`${relay.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, status: 'ok', database: 'ok', redis: 'ok' });
    const res = await fetch(`${relay.url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}"=,.+]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('knipsel_relay_connections')).toBeGreaterThanOrEqual(1);
    expect(value('knipsel_relay_open_documents')).toBe(1);
    expect(value('knipsel_relay_auth_refused_total')).toBe(1);
    expect(value('knipsel_relay_messages_received_total')).toBeGreaterThan(0);
    expect(value('knipsel_relay_rate_limited_total{kind="api"}')).toBe(0);
    expect(value('knipsel_relay_up{part="database"}')).toBe(1);
    expect(value('knipsel_relay_up{part="redis"}')).toBe(1);
    expect(value('knipsel_relay_database_seconds_count{operation="append_update"}')).toBeGreaterThan(0);
    expect(value('knipsel_relay_database_seconds_bucket{operation="authorize",le="+Inf"}')).toBeGreaterThanOrEqual(1);
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) expect(line).toMatch(/^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? -?[0-9.e+-]+$/);
  });

  it('PostgreSQL briefly away: degraded on /health, edits wait, none acknowledged is lost', async () => {
    const database = await freshDatabase();
    const relay = await inProcess({ database, healthCheckMs: 100 });
    const id = 'databaseweg00001';
    const { ownerSecret } = await createRelayAdmin(relay.wsUrl).register(id);
    const doc = newDossierDoc(id, 'Voor de storing');
    const s = session(doc, relay.wsUrl, id, ownerSecret);
    await s.whenAcknowledged();

    postgres.pause();
    try {
      await until(() => relay.health().status === 'degraded', '/health to say degraded');
      const during = await fetch(`${relay.url}/health`);
      expect(during.status).toBe(503);
      expect(await during.json()).toMatchObject({ status: 'degraded', database: 'unavailable' });
      rename(doc, 'Tijdens de storing');
      createDossier(doc).clips.add({ capture: makeCapture(), note: 'Geschreven zonder database' });
      await until(() => relay.metrics.closedUnavailable > 0, 'the relay to refuse storing without the database');
      expect(s.state().unacknowledged).toBeGreaterThan(0); // not acknowledged: the client keeps it
    } finally {
      postgres.resume();
    }
    await until(() => relay.health().ok, '/health to recover', 20_000);
    await until(() => s.state().status === 'connected' && s.state().unacknowledged === 0, 'the client to reconnect and be acknowledged', 60_000);
    // A fresh relay on the same database (nothing in memory) has every edit.
    await relay.close();
    const fresh = await inProcess({ database });
    const reader = new Y.Doc();
    await session(reader, fresh.wsUrl, id, ownerSecret).whenAcknowledged();
    expect(dossierName(reader)).toBe('Tijdens de storing');
    expect(Y.encodeStateVector(reader)).toEqual(Y.encodeStateVector(doc));
  });

  it('Redis briefly away: degraded on /health; afterwards the processes catch up', async () => {
    const database = await freshDatabase();
    const one = await inProcess({ database, redisUrl: redis.url });
    const two = await inProcess({ database, redisUrl: redis.url });
    const id = 'redisweg00000001';
    const { ownerSecret } = await createRelayAdmin(one.wsUrl).register(id);
    const a = newDossierDoc(id, 'Voor de storing');
    const sa = session(a, one.wsUrl, id, ownerSecret);
    await sa.whenAcknowledged();
    const b = new Y.Doc();
    const sb = session(b, two.wsUrl, id, ownerSecret);
    await sb.whenAcknowledged();
    await until(() => dossierName(b) === 'Voor de storing', 'the second process to have the dossier');

    await redis.pause();
    try {
      await until(() => one.health().redis === 'unavailable', '/health to notice Redis is away');
      expect(one.health()).toMatchObject({ ok: false, status: 'degraded' });
      rename(a, 'Tijdens de Redis-storing');
      await sa.whenAcknowledged(); // stored in PostgreSQL: acknowledged without Redis
    } finally {
      await redis.resume();
    }
    await until(() => one.health().ok && two.health().ok, 'both processes to see Redis again', 30_000);
    await until(() => dossierName(b) === 'Tijdens de Redis-storing', 'the other process to catch up after Redis came back', 30_000);
  });
});
