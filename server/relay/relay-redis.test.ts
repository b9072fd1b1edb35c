// Two relay instances behind the same address share dossiers through Redis (Debian's
// redis-server on a free port) and one SQLite file: clients on either see each other's
// edits, and a token revoked through one instance stops working on the other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRelayAdmin } from '@knipsel/core/relay';
import { createRelay, type Relay } from './create-relay.js';
import { connectDoc, dossierName, newDossierDoc, rename, startRedis, until } from './relay-test-support.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('two instances with one Redis keep a dossier consistent and share revocations', async () => {
  const redis = await startRedis(); // throws with install instructions when redis-server is missing
  cleanups.push(() => redis.stop());
  const dir = mkdtempSync(join(tmpdir(), 'knipsel-relay-redis-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const database = join(dir, 'relay.sqlite');
  const relays: Relay[] = [];
  for (let i = 0; i < 2; i++) {
    const relay = await createRelay({ database, redisUrl: redis.url, revocationSweepMs: 200 });
    relays.push(relay);
    cleanups.push(() => relay.close());
  }
  const [one, two] = relays;

  const id = 'redisdossier0001';
  const { ownerSecret } = await createRelayAdmin(one.wsUrl).register(id);
  const member = await createRelayAdmin(two.wsUrl).createToken(id, ownerSecret, 'edit', 'Lid');

  const a = newDossierDoc(id, 'Cohort');
  const sa = connectDoc(a, one.wsUrl, id, ownerSecret);
  cleanups.push(() => sa.destroy());
  await sa.whenAcknowledged();

  const b = new Y.Doc();
  const sb = connectDoc(b, two.wsUrl, id, member.token);
  cleanups.push(() => sb.destroy());
  await sb.whenAcknowledged();
  expect(dossierName(b)).toBe('Cohort');

  rename(a, 'Cohort via instantie 1');
  await until(() => dossierName(b) === 'Cohort via instantie 1', 'instance 2 to pass on an edit made on instance 1');
  const meta = b.getMap('meta'); // a second field, edited on the other side
  rename(b, 'Cohort via instantie 2');
  meta.set('course', 'Leergang 2026');
  await sb.whenAcknowledged();
  await until(() => dossierName(a) === 'Cohort via instantie 2' && a.getMap('meta').get('course') === 'Leergang 2026', 'instance 1 to pass on edits made on instance 2');
  expect(Y.encodeStateAsUpdate(relays[0].hocuspocus.documents.get(id)!)).toEqual(Y.encodeStateAsUpdate(relays[1].hocuspocus.documents.get(id)!));

  // Revoke through instance 1; instance 2 closes the member's connection on its sweep.
  await createRelayAdmin(one.wsUrl).revokeToken(id, ownerSecret, member.id);
  await until(() => sb.state().status === 'refused', 'the member on instance 2 to be refused');
});
