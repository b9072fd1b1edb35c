// The store contract, run against both engines: SQLite (a temporary file) and PostgreSQL (a
// throwaway server from Debian's package): registration, tokens and revocation, the update
// log with compaction that keeps rows appended meanwhile, and migrations that run once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openRelayStore } from './open-relay-store.js';
import { startPostgres, type TestPostgres } from './postgres-test-support.js';
import type { RelayStore } from './relay-store.js';

let postgres: TestPostgres;
const dir = mkdtempSync(join(tmpdir(), 'knipsel-store-'));
let databases = 0;

beforeAll(async () => {
  postgres = await startPostgres(); // throws with install instructions when PostgreSQL is missing
}, 120_000);

afterAll(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh location for each engine: a new SQLite file, or a new PostgreSQL database. */
const engines: Record<string, () => Promise<string>> = {
  sqlite: async () => join(dir, `store-${databases++}.sqlite`),
  postgres: async () => postgres.createDatabase(`store_${databases++}`),
};

/** An update that sets meta.name = `name` on a doc with `clientID`. */
function nameUpdate(name: string, clientID: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.getMap('meta').set('name', name);
  return Y.encodeStateAsUpdate(doc);
}

function stateOf(update: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc();
  if (update) Y.applyUpdate(doc, update);
  return doc;
}

describe.each(Object.keys(engines))('relay store on %s', (engine) => {
  async function open(location?: string): Promise<{ store: RelayStore; location: string }> {
    const where = location ?? (await engines[engine]());
    const store = await openRelayStore({ location: where, maxTokensPerDossier: 3 });
    return { store, location: where };
  }

  it('registers once and knows the owner by the secret, never storing it', async () => {
    const { store, location } = await open();
    expect(store.engine).toBe(engine);
    const secret = await store.register('dossier-a');
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await store.register('dossier-a')).toBeNull();
    expect(await store.isRegistered('dossier-a')).toBe(true);
    expect(await store.isRegistered('dossier-b')).toBe(false);
    expect(await store.isOwner('dossier-a', secret!)).toBe(true);
    expect(await store.isOwner('dossier-a', `${secret}x`)).toBe(false);
    expect(await store.authorize('dossier-a', secret!)).toEqual({ dossierId: 'dossier-a', role: 'owner', tokenId: null });
    if (engine === 'postgres') {
      const rows = await postgres.query(location, 'SELECT owner_hash FROM knipsel_relay.dossiers');
      expect(JSON.stringify(rows)).not.toContain(secret!);
    }
    await store.close();
  });

  it('makes role tokens, lists them without secrets, revokes, and limits their number', async () => {
    const { store } = await open();
    await store.register('dossier-a');
    await store.register('dossier-b');
    const edit = await store.createToken('dossier-a', 'edit', 'Sanne');
    const readOnly = await store.createToken('dossier-a', 'read-only', 'Assessor');
    expect(await store.authorize('dossier-a', edit.token)).toEqual({ dossierId: 'dossier-a', role: 'edit', tokenId: edit.info.id });
    expect(await store.authorize('dossier-a', readOnly.token)).toMatchObject({ role: 'read-only' });
    expect(await store.authorize('dossier-b', edit.token)).toBeNull(); // another dossier's token
    expect(await store.authorize('dossier-a', '')).toBeNull();
    const listed = await store.listTokens('dossier-a');
    expect(listed.map((t) => [t.label, t.role, t.revokedAt]).sort()).toEqual([
      ['Assessor', 'read-only', null],
      ['Sanne', 'edit', null],
    ]);
    expect(JSON.stringify(listed)).not.toContain(edit.token);

    const access = (await store.authorize('dossier-a', edit.token))!;
    const owner = (await store.authorize('dossier-a', (await store.createToken('dossier-a', 'edit', '')).token))!;
    expect(await store.stillValid([access, owner])).toEqual([true, true]);
    expect(await store.revokeToken('dossier-a', edit.info.id)).toBe(true);
    expect(await store.revokeToken('dossier-b', readOnly.info.id)).toBe(false);
    expect(await store.authorize('dossier-a', edit.token)).toBeNull();
    expect(await store.stillValid([access, owner])).toEqual([false, true]);
    expect((await store.listTokens('dossier-a')).find((t) => t.id === edit.info.id)?.revokedAt).toEqual(expect.any(Number));
    await expect(store.createToken('dossier-a', 'edit', 'te veel')).rejects.toBeInstanceOf(RangeError);

    await store.unregister('dossier-a');
    expect(await store.stillValid([owner])).toEqual([false]);
    expect(await store.listTokens('dossier-a')).toEqual([]);
    await store.close();
  });

  it('keeps the log, folds it into a snapshot, and keeps rows appended during compaction', async () => {
    const { store, location } = await open();
    await store.register('dossier-a');
    expect(await store.loadState('dossier-a')).toBeNull();
    await store.appendUpdate('dossier-a', nameUpdate('Eerste', 1));
    await store.appendUpdate('dossier-a', nameUpdate('Tweede', 2));
    expect(await store.logLength('dossier-a')).toBe(2);
    const loaded = stateOf(await store.loadState('dossier-a'));
    expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(stateOf(Y.mergeUpdates([nameUpdate('Eerste', 1), nameUpdate('Tweede', 2)]))));

    // Compaction with a state that has more (the relay's in-memory doc) while another writer
    // appends: the appended row is either folded in or still in the log, never gone.
    const other = (await open(location)).store;
    const [, appended] = await Promise.all([store.compact('dossier-a', nameUpdate('Derde', 3)), other.appendUpdate('dossier-a', nameUpdate('Vierde', 4))]);
    expect(appended).toBeUndefined();
    expect(await store.logLength('dossier-a')).toBeLessThanOrEqual(1);
    const after = stateOf(await other.loadState('dossier-a'));
    const clients = [...Y.decodeStateVector(Y.encodeStateVector(after)).keys()].sort();
    expect(clients).toEqual([1, 2, 3, 4]);
    await store.compact('dossier-a');
    expect(await store.logLength()).toBe(0);
    expect([...Y.decodeStateVector(Y.encodeStateVector(stateOf(await store.loadState('dossier-a')))).keys()].sort()).toEqual([1, 2, 3, 4]);

    await store.unregister('dossier-a');
    expect(await store.loadState('dossier-a')).toBeNull();
    await other.close();
    await store.close();
  });

  it('keeps bodies per dossier: each dossier reads only its own, once kept they stay, removed with the dossier', async () => {
    const { store, location } = await open();
    await store.register('dossier-a');
    await store.register('dossier-b');
    const hash = (n: number) => n.toString(16).padStart(64, '0');
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(await store.putBody('dossier-a', hash(1), bytes('een'))).toBe(true);
    expect(await store.putBody('dossier-a', hash(1), bytes('een'))).toBe(true); // kept already: no error
    expect(await store.putBody('dossier-b', hash(2), bytes('twee'))).toBe(true);
    expect(await store.putBody('nobody', hash(3), bytes('drie'))).toBe(false);
    const a = await store.getBodies('dossier-a', [hash(1), hash(2), hash(3)]);
    expect([...a.keys()]).toEqual([hash(1)]);
    expect(new TextDecoder().decode(a.get(hash(1)))).toBe('een');
    // Another dossier's body is not served, whoever names its hash.
    expect((await store.getBodies('dossier-b', [hash(1)])).size).toBe(0);
    expect(await store.missingBodies('dossier-a', [hash(1), hash(2), hash(1)])).toEqual([hash(2)]);
    // The quota counts each dossier's own bytes, a body kept again once.
    expect([await store.bodyBytes('dossier-a'), await store.bodyBytes('dossier-b'), await store.bodyBytes('nobody')]).toEqual([3, 4, 0]);
    // Another process sees what one kept.
    const other = (await open(location)).store;
    expect((await other.getBodies('dossier-a', [hash(1)])).size).toBe(1);
    await store.unregister('dossier-a');
    expect((await other.getBodies('dossier-a', [hash(1)])).size).toBe(0);
    expect((await other.getBodies('dossier-b', [hash(2)])).size).toBe(1);
    await other.close();
    await store.close();
  });

  it('drops bodies the doc no longer names once they were put before the bound; a body put again stays', async () => {
    let clock = 1_000;
    const location = await engines[engine]();
    const store = await openRelayStore({ location, now: () => clock });
    await store.register('dossier-a');
    await store.register('dossier-b');
    const hash = (n: number) => n.toString(16).padStart(64, '0');
    const bytes = new TextEncoder().encode('tekst');
    for (const n of [1, 2, 3]) await store.putBody('dossier-a', hash(n), bytes);
    await store.putBody('dossier-b', hash(2), bytes);
    clock = 5_000;
    await store.putBody('dossier-a', hash(3), bytes); // uploaded again: put at 5,000
    // hash(1) is named; hash(2) is not and was put before 4,000; hash(3) was put again after.
    expect([...(await store.dropUnnamedBodies('dossier-a', new Set([hash(1)]), 4_000)).keys()]).toEqual([hash(2)]);
    expect([...(await store.getBodies('dossier-a', [hash(1), hash(2), hash(3)])).keys()].sort()).toEqual([hash(1), hash(3)]);
    // Another dossier's copy of the same body is its own.
    expect((await store.getBodies('dossier-b', [hash(2)])).size).toBe(1);
    const dropped = await store.dropUnnamedBodies('dossier-a', new Set(), 6_000);
    expect([...dropped.keys()].sort()).toEqual([hash(1), hash(3)]);
    expect(new TextDecoder().decode(dropped.get(hash(1)))).toBe('tekst');
    expect(await store.missingBodies('dossier-a', [hash(1), hash(3)])).toEqual([hash(1), hash(3)]);
    await store.close();
  });

  it('runs its migrations once; a second process opening the same database finds it ready', async () => {
    const location = await engines[engine]();
    const [a, b] = await Promise.all([openRelayStore({ location }), openRelayStore({ location })]);
    await a.register('dossier-a');
    expect(await b.isRegistered('dossier-a')).toBe(true);
    await Promise.all([a.close(), b.close()]);
    const again = await openRelayStore({ location });
    expect(await again.isRegistered('dossier-a')).toBe(true);
    await again.close();
    if (engine === 'postgres')
      expect(await postgres.query(location, 'SELECT version FROM knipsel_relay.migrations ORDER BY version')).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
  });
});
