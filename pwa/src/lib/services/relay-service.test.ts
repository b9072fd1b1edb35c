// The relay service over an in-memory library against a real relay in this process
// (server/relay): register as owner, invite with a role, join by link (the dossier arrives
// and is kept under its own id), and refusals that store nothing.
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { afterEach, describe, expect, test } from 'vitest';
import { createLibrary, createMemoryLibraryStore, createMemoryProjectionStore, createMemoryUpdateStore, isKnipselError } from '@knipsel/core';
import { makeCapture } from '@knipsel/core/testing';
import { parseRelayLink } from '@knipsel/core/relay';
import { createRelay, type Relay } from '../../../../server/relay/create-relay.js';
import { createRelayService } from './relay-service.js';

const location = { origin: 'https://knipsel.example.nl' };
const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

function device() {
  const library = createLibrary({ updates: createMemoryUpdateStore(), library: createMemoryLibraryStore(), projections: createMemoryProjectionStore() });
  const service = createRelayService(
    library,
    { getPref: library.getPref, setPref: library.setPref },
    { location, WebSocketPolyfill: WebSocket, joinTimeoutMs: 5000, log: () => undefined },
  );
  open.push({ close: () => library.closeAll() });
  return { library, service };
}

async function relay(): Promise<Relay> {
  const started = await createRelay({ database: ':memory:' });
  open.push(started);
  return started;
}

const reason = async (work: Promise<unknown>) => {
  try {
    await work;
    return 'accepted';
  } catch (error) {
    return isKnipselError(error) ? String(error.details.reason) : String(error);
  }
};

describe('relay service', () => {
  test('the owner registers and invites; a read-only link brings the dossier to an assessor', async () => {
    const server = await relay();
    const owner = device();
    const record = await owner.library.create('Leergang Wijkgericht Werken', 'shared');
    const handle = await owner.library.open(record.id);
    const clipId = handle.dossier.clips.add({ capture: makeCapture({ title: 'Buurtmaaltijd' }), note: 'Wat bewoners zelf doen.' });

    const registered = await owner.service.register(record.id, server.wsUrl);
    expect(registered).toMatchObject({ owner: true, relayUrl: server.wsUrl });
    const session = await owner.service.connect(record.id, handle.doc, registered);
    open.push({ close: () => session.destroy() });
    await session.whenAcknowledged();

    const { link, info } = await owner.service.invite(record.id, 'Leergang Wijkgericht Werken', 'read-only', 'Assessor');
    expect(info).toMatchObject({ role: 'read-only', label: 'Assessor' });
    expect(JSON.stringify(info)).not.toContain(parseRelayLink(link).token);
    expect(link.startsWith('https://knipsel.example.nl/#/relay/')).toBe(true);
    expect(parseRelayLink(link)).toMatchObject({ dossierId: record.id, view: 'portfolio', relayUrl: server.wsUrl });
    expect((await owner.service.tokens(record.id)).map((t) => t.label)).toEqual(['Assessor']);

    const assessor = device();
    const id = await assessor.service.join(parseRelayLink(link));
    expect(id).toBe(record.id);
    expect(await assessor.service.get(id)).toMatchObject({ owner: false, role: 'read-only' });
    const copy = await assessor.library.open(id);
    expect(copy.dossier.meta().name).toBe('Leergang Wijkgericht Werken');
    expect(copy.dossier.clips.noteText(clipId).toString()).toBe('Wat bewoners zelf doen.');
    expect(await reason(assessor.service.invite(id, 'x', 'edit', ''))).toBe('not-owner');
  });

  test('a revoked link and a wrong address are refused and store nothing', async () => {
    const server = await relay();
    const owner = device();
    const record = await owner.library.create('Cohort', 'shared');
    const handle = await owner.library.open(record.id);
    const registered = await owner.service.register(record.id, server.wsUrl);
    const session = await owner.service.connect(record.id, handle.doc, registered);
    open.push({ close: () => session.destroy() });
    await session.whenAcknowledged();
    const { link, info } = await owner.service.invite(record.id, 'Cohort', 'edit', 'Sanne');
    await owner.service.revoke(record.id, info.id);

    const member = device();
    expect(await reason(member.service.join(parseRelayLink(link)))).toBe('refused');
    expect(await member.library.get(record.id)).toBeUndefined();
    expect(await member.service.get(record.id)).toBeUndefined();

    expect(await reason(member.service.register(record.id, 'https://relay.example.nl'))).toBe('bad-address');
    expect(await reason(owner.service.register(record.id, server.wsUrl))).toBe('already-registered');
    expect(await owner.service.get(record.id)).toMatchObject({ owner: true, token: registered.token });
  });

  test('a link naming a dossier that is here never re-points it: it asks, and a copy sends nothing local', async () => {
    const real = await relay();
    const hostile = await relay();
    const me = device();
    const record = await me.library.create('Wijkteam Noord', 'shared');
    const handle = await me.library.open(record.id);
    handle.dossier.clips.add({ capture: makeCapture({ title: 'Geheim verslag' }), note: 'Alleen voor ons.' });
    const mine = await me.service.register(record.id, real.wsUrl);

    // Mallory registers the same dossier id on her relay and makes a link to it.
    const mallory = device();
    const fresh = await mallory.library.create('Wijkteam Noord', 'shared');
    const freshDoc = (await mallory.library.open(fresh.id)).doc;
    freshDoc.getMap('meta').set('id', record.id);
    const bait = await mallory.library.importState(Y.encodeStateAsUpdate(freshDoc), { id: record.id, kind: 'shared' });
    const baitHandle = await mallory.library.open(bait.id);
    baitHandle.dossier.clips.add({ capture: makeCapture({ title: 'Lokaas' }) });
    await mallory.service.register(bait.id, hostile.wsUrl);
    const malloryDoc = await mallory.service.connect(bait.id, baitHandle.doc, (await mallory.service.get(bait.id))!);
    open.push({ close: () => malloryDoc.destroy() });
    await malloryDoc.whenAcknowledged();
    const link = parseRelayLink((await mallory.service.invite(bait.id, 'Wijkteam Noord', 'edit', '')).link);

    expect(await me.service.check(link)).toMatchObject({ kind: 'conflict', dossierId: record.id, currentRelay: real.wsUrl });
    expect(await reason(me.service.join(link))).toBe('known-dossier');
    expect(await me.service.get(record.id)).toEqual(mine);

    const copyId = await me.service.join(link, 'copy');
    expect(copyId).not.toBe(record.id);
    expect(await me.service.get(record.id)).toEqual(mine);
    expect(await me.service.get(copyId)).toMatchObject({ relayUrl: hostile.wsUrl, remoteId: record.id, owner: false });
    const copy = await me.library.open(copyId);
    expect(copy.dossier.clips.rows().map((r) => r.title)).toEqual(['Lokaas']);
    // The copy follows Mallory's relay; my dossier's content never went there.
    const session = await me.service.connect(copyId, copy.doc, (await me.service.get(copyId))!);
    open.push({ close: () => session.destroy() });
    await session.whenAcknowledged();
    const onHostile = device();
    const seen = await onHostile.library.open(await onHostile.service.join(link));
    expect(seen.dossier.clips.rows().map((r) => r.title)).toEqual(['Lokaas']);

    // Opening my own relay's link again changes nothing and needs no question.
    const own = parseRelayLink((await me.service.invite(record.id, 'Wijkteam Noord', 'edit', '')).link);
    expect(await me.service.check(own)).toEqual({ kind: 'same', dossierId: record.id });
    // Connecting is possible, but only as an explicit choice.
    expect(await me.service.join(link, 'connect')).toBe(record.id);
    expect(await me.service.get(record.id)).toMatchObject({ relayUrl: hostile.wsUrl, owner: false });
  });
});
