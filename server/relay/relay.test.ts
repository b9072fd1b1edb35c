// The relay in one process: owners' API, token roles, refusal before any data, read-only
// enforcement, revocation, and malformed/oversized frames that leave the stored doc alone.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRelayAdmin } from '@knipsel/core/relay';
import type { RelaySession } from '@knipsel/core/relay';
import type { Relay, RelayOptions } from './create-relay.js';
import { relaysPerTest } from './test-relays.js';
import { connectDoc, dossierName, frames, newDossierDoc, rawClient, rename, until } from './relay-test-support.js';

const { start, keep } = relaysPerTest();

function session(doc: Y.Doc, relay: Relay, dossierId: string, token: string): RelaySession {
  const s = connectDoc(doc, relay.wsUrl, dossierId, token);
  keep({ close: () => s.destroy() });
  return s;
}

/** A relay holding dossier `id` with content, and its owner's secret and tokens. */
async function withDossier(options: Partial<RelayOptions> = {}) {
  const relay = await start(options);
  const admin = createRelayAdmin(relay.wsUrl);
  const id = 'dossier0000000001';
  const { ownerSecret } = await admin.register(id);
  const owner = newDossierDoc(id, 'Leergang 2026');
  const ownerSession = session(owner, relay, id, ownerSecret);
  await ownerSession.whenAcknowledged();
  const edit = await admin.createToken(id, ownerSecret, 'edit', 'Sanne');
  const readOnly = await admin.createToken(id, ownerSecret, 'read-only', 'Assessor');
  return { relay, admin, id, ownerSecret, owner, ownerSession, edit, readOnly };
}

describe("owners' API", () => {
  it('registers once, makes role tokens, lists and revokes them; only the owner may', async () => {
    const { relay, admin, id, ownerSecret, edit, readOnly } = await withDossier();
    expect(ownerSecret.length).toBeGreaterThanOrEqual(40);
    await expect(admin.register(id)).rejects.toMatchObject({ code: 'conflict', details: { reason: 'already-registered' } });
    expect(edit.role).toBe('edit');
    expect(readOnly.role).toBe('read-only');
    expect(edit.token).not.toBe(readOnly.token);

    const listed = await admin.listTokens(id, ownerSecret);
    expect(listed.map((t) => [t.label, t.role, t.revokedAt])).toEqual([
      ['Sanne', 'edit', null],
      ['Assessor', 'read-only', null],
    ]);
    expect(JSON.stringify(listed)).not.toContain(edit.token); // secrets are never listed

    await expect(admin.listTokens(id, edit.token)).rejects.toMatchObject({ details: { reason: 'forbidden' } });
    await expect(admin.createToken(id, 'x'.repeat(43), 'edit')).rejects.toMatchObject({ details: { reason: 'forbidden' } });

    await admin.revokeToken(id, ownerSecret, edit.id);
    expect((await admin.listTokens(id, ownerSecret)).find((t) => t.id === edit.id)?.revokedAt).toEqual(expect.any(Number));
    expect(await relay.store.authorize(id, edit.token)).toBeNull();
    expect(await relay.store.authorize(id, readOnly.token)).toMatchObject({ role: 'read-only' });
  });

  it('refuses wrongly shaped, oversized and non-JSON bodies and changes nothing', async () => {
    const { relay, id, ownerSecret } = await withDossier();
    const post = (body: string, type = 'application/json') =>
      fetch(`${relay.url}/api/dossiers/${id}/tokens`, { method: 'POST', headers: { authorization: `Bearer ${ownerSecret}`, 'content-type': type }, body });
    const before = (await relay.store.listTokens(id)).length;
    expect((await post(JSON.stringify({ role: 'admin' }))).status).toBe(400);
    expect((await post(JSON.stringify({ role: 'edit', label: 'x'.repeat(61) }))).status).toBe(400);
    expect((await post(JSON.stringify({ role: 'edit', extra: 1 }))).status).toBe(400);
    expect((await post('{not json')).status).toBe(400);
    expect((await post(JSON.stringify({ role: 'edit', label: 'x'.repeat(5000) }))).status).toBe(413);
    expect((await post('role=edit', 'application/x-www-form-urlencoded')).status).toBe(415);
    const badId = await fetch(`${relay.url}/api/dossiers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dossierId: '../etc' }) });
    expect(badId.status).toBe(400);
    expect((await relay.store.listTokens(id)).length).toBe(before);
    expect(await relay.store.isRegistered('../etc')).toBe(false);
  });

  it('needs the registration key when one is configured', async () => {
    const relay = await start({ registrationKey: 'cohort-2026-key' });
    await expect(createRelayAdmin(relay.wsUrl).register('abc')).rejects.toMatchObject({ details: { reason: 'registration-closed' } });
    await expect(createRelayAdmin(relay.wsUrl, { registrationKey: 'cohort-2026-key' }).register('abc')).resolves.toMatchObject({ ownerSecret: expect.any(String) });
  });
});

describe('connections', () => {
  it('an edit member and the owner merge; the role is reported', async () => {
    const { relay, id, owner, edit } = await withDossier();
    const member = new Y.Doc();
    const s = session(member, relay, id, edit.token);
    await s.whenAcknowledged();
    expect(s.state()).toMatchObject({ status: 'connected', role: 'edit' });
    expect(dossierName(member)).toBe('Leergang 2026');
    rename(member, 'Leergang 2026 — groep B');
    await s.whenAcknowledged();
    await until(() => dossierName(owner) === 'Leergang 2026 — groep B', 'the owner to see the edit');
  });

  it('unknown and revoked tokens are refused before any document data is sent', async () => {
    const { relay, admin, id, ownerSecret, edit } = await withDossier();
    await admin.revokeToken(id, ownerSecret, edit.id);
    for (const token of ['not-a-token-at-all-xxxxxxxx', edit.token, '']) {
      const client = await rawClient(relay.wsUrl);
      client.send(frames.auth(id, token));
      client.send(frames.syncStep1(id));
      const denied = await client.waitFor((f) => f.type === 2);
      expect(denied.subtype).toBe(1); // permission denied
      expect(await client.closed).toBe(4403);
      expect(client.frames.filter((f) => f.type === 0 || f.type === 4 || f.type === 1)).toEqual([]); // no sync, no awareness
    }
    const refused = session(new Y.Doc(), relay, id, edit.token);
    await until(() => refused.state().status === 'refused', 'the session to be refused');
    expect(relay.stats().deniedAuth).toBeGreaterThanOrEqual(4);
  });

  it('a token of another dossier gives no access to this one', async () => {
    const { relay, admin, id } = await withDossier();
    const other = await admin.register('otherdossier0002');
    const otherToken = await admin.createToken('otherdossier0002', other.ownerSecret, 'edit');
    const doc = new Y.Doc();
    const s = session(doc, relay, id, otherToken.token);
    await until(() => s.state().status === 'refused', 'refusal');
    expect(dossierName(doc)).toBeUndefined();
  });

  it('a read-only member receives updates, and its own updates are refused', async () => {
    const { relay, id, owner, readOnly } = await withDossier();
    const assessor = new Y.Doc();
    const s = session(assessor, relay, id, readOnly.token);
    await s.whenAcknowledged();
    expect(s.state().role).toBe('read-only');
    rename(owner, 'Nieuwe naam');
    await until(() => dossierName(assessor) === 'Nieuwe naam', 'the assessor to see the update');

    // A forced update on a read-only connection: the relay answers "not applied" and
    // neither its doc, the store, nor the owner changes.
    const forced = await rawClient(relay.wsUrl);
    forced.send(frames.auth(id, readOnly.token));
    forced.send(frames.syncStep1(id));
    await forced.waitFor((f) => f.type === 0 && f.subtype === 1);
    const probe = new Y.Doc();
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(owner));
    let update: Uint8Array = new Uint8Array();
    probe.on('update', (u: Uint8Array) => (update = u));
    rename(probe, 'Veranderd door de assessor');
    const logBefore = await relay.store.logLength(id);
    forced.send(frames.update(id, update));
    const status = await forced.waitFor((f) => f.type === 8);
    expect(status.subtype).toBe(0); // not applied
    expect(relay.hocuspocus.documents.get(id)!.getMap('meta').get('name')).toBe('Nieuwe naam');
    expect(await relay.store.logLength(id)).toBe(logBefore);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await relay.store.loadState(id)) ?? new Uint8Array([0, 0]));
    expect(dossierName(stored)).toBe('Nieuwe naam');
    expect(dossierName(owner)).toBe('Nieuwe naam');

    // The session's own (UI-disabled) edits stay unacknowledged instead of spreading.
    rename(assessor, 'Ook geweigerd');
    await until(() => s.state().unacknowledged > 0, 'an unacknowledged update');
    rename(owner, 'Na de poging');
    await until(() => relay.hocuspocus.documents.get(id)!.getMap('meta').get('name') === 'Na de poging', 'the owner edit on the relay');
    expect(dossierName(owner)).toBe('Na de poging');
  });

  it('revoking a token closes its open connection', async () => {
    const { relay, admin, id, ownerSecret, edit } = await withDossier();
    const s = session(new Y.Doc(), relay, id, edit.token);
    await s.whenAcknowledged();
    await admin.revokeToken(id, ownerSecret, edit.id);
    await until(() => s.state().status === 'refused', 'the revoked session to be refused');
  });
});

describe('bad frames', () => {
  async function authenticated(relay: Relay, id: string, token: string) {
    const client = await rawClient(relay.wsUrl);
    client.send(frames.auth(id, token));
    client.send(frames.syncStep1(id));
    await client.waitFor((f) => f.type === 0 && f.subtype === 1);
    return client;
  }
  const storedName = async (relay: Relay, id: string) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await relay.store.loadState(id)) ?? new Uint8Array([0, 0]));
    return dossierName(doc);
  };

  it('a malformed update closes the connection and touches nothing', async () => {
    const { relay, id, owner, edit } = await withDossier();
    const client = await authenticated(relay, id, edit.token);
    // A real update (a rename) with a garbage delete set: structs decode, the tail does not.
    const probe = new Y.Doc();
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(owner));
    let update: Uint8Array = new Uint8Array();
    probe.on('update', (u: Uint8Array) => (update = u));
    rename(probe, 'Kwaadaardig');
    const broken = new Uint8Array([...update.slice(0, update.length - 1), 0xff, 0xff, 0xff]);
    const logBefore = await relay.store.logLength(id);
    client.send(frames.update(id, broken));
    expect(await client.closed).toBe(1008);
    expect(relay.stats().rejectedFrames).toBe(1);
    expect(await relay.store.logLength(id)).toBe(logBefore);
    expect(relay.hocuspocus.documents.get(id)!.getMap('meta').get('name')).toBe('Leergang 2026');
    expect(await storedName(relay, id)).toBe('Leergang 2026');
  });

  it('garbage, text frames and refused message types close the connection', async () => {
    const { relay, id, edit } = await withDossier();
    const broadcastStateless = new Uint8Array([...frames.auth(id, '').slice(0, id.length + 1), 6, 3, 0x61, 0x62, 0x63]);
    for (const bad of [new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]), 'hello', broadcastStateless]) {
      const client = await authenticated(relay, id, edit.token);
      client.ws.send(bad);
      expect(await client.closed).toBe(1008);
    }
    expect(await storedName(relay, id)).toBe('Leergang 2026');
  });

  it('an oversized frame closes the connection (1009) and touches nothing', async () => {
    const { relay, id, owner, edit } = await withDossier({ limits: { maxPayload: 4096 } });
    const client = await authenticated(relay, id, edit.token);
    let update: Uint8Array = new Uint8Array();
    const big = new Y.Doc();
    Y.applyUpdate(big, Y.encodeStateAsUpdate(owner));
    big.on('update', (u: Uint8Array) => (update = u));
    big.getMap('meta').set('padding', 'z'.repeat(10_000)); // well-formed, just too large
    const logBefore = await relay.store.logLength(id);
    client.send(frames.update(id, update));
    expect(await client.closed).toBe(1009);
    expect(await relay.store.logLength(id)).toBe(logBefore);
    expect(relay.hocuspocus.documents.get(id)!.getMap('meta').has('padding')).toBe(false);
  });
});
