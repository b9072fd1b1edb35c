// The share service over an in-memory library, with a fake peer connection (WebRTC does
// not run in Node; the two-browser e2e covers the real one): share, share a copy, invite
// links, a new secret, leave with and without a copy, and joining (wait for the first
// peer's dossier before storing it).
import * as Y from 'yjs';
import { describe, expect, test, vi } from 'vitest';
import { createLibrary, createMemoryLibraryStore, createMemoryProjectionStore, createMemoryUpdateStore, isKnipselError } from '@knipsel/core';
import { type ConnectPeersOptions, deriveRoom, parseInviteLink, type PeerSession } from '@knipsel/core/peer';
import { bareCapture } from '@knipsel/core/testing';
import { createShareService } from './share-service.js';

const location = { protocol: 'https:', host: 'knipsel.example.nl', origin: 'https://knipsel.example.nl' };

function setup() {
  const library = createLibrary({ updates: createMemoryUpdateStore(), library: createMemoryLibraryStore(), projections: createMemoryProjectionStore() });
  const connected: Array<{ doc: Y.Doc; options: ConnectPeersOptions; session: PeerSession & { destroyed: boolean } }> = [];
  const connect = vi.fn(async (doc: Y.Doc, options: ConnectPeersOptions) => {
    const session = {
      destroyed: false,
      status: 'connecting',
      peers: 0,
      roomName: (await deriveRoom(options.secret)).roomName,
      onStatus: () => () => undefined,
      async destroy() {
        session.destroyed = true;
      },
    } as unknown as PeerSession & { destroyed: boolean };
    connected.push({ doc, options, session });
    return session;
  });
  const service = createShareService(library, { getPref: library.getPref, setPref: library.setPref }, { connect, location, random: () => 0 });
  return { library, service, connected, connect };
}

async function dossierWithClip(library: ReturnType<typeof setup>['library'], name = 'Wijkteam Noord') {
  const record = await library.create(name);
  const open = await library.open(record.id);
  open.dossier.clips.add({ capture: { ...capture }, note: 'Goed voorbeeld.' });
  await open.flush();
  return record;
}

const capture = bareCapture({ url: 'https://www.voorbeeld.nl/buurtmaaltijd', title: 'Buurtmaaltijd', text: 'Samen koken.', capturedAt: 1 });

describe('identity and settings', () => {
  test('remembers a checked name with a colour; refuses an empty or long name and keeps the old one', async () => {
    const { service } = setup();
    expect(await service.getIdentity()).toBeUndefined();
    const identity = await service.setIdentity('  Anouk  ');
    expect(identity).toEqual({ name: 'Anouk', colour: '#b03a5b' });
    await expect(service.setIdentity('')).rejects.toSatisfy((error) => isKnipselError(error, 'invalid-input'));
    await expect(service.setIdentity('x'.repeat(61))).rejects.toThrow();
    expect(await service.getIdentity()).toEqual(identity);
    expect((await service.setIdentity('Anouk de Vries')).colour).toBe(identity.colour);
  });

  test('connection settings default to the own /signal and a public STUN server; bad stored values are repaired', async () => {
    const { service, library } = setup();
    expect(await service.getSettings()).toEqual({ signalingUrl: '', iceUrls: ['stun:stun.l.google.com:19302'] });
    await service.setSettings({ signalingUrl: 'wss://signal.example.org/', iceUrls: [] });
    expect(await service.getSettings()).toEqual({ signalingUrl: 'wss://signal.example.org/', iceUrls: [] });
    await library.setPref('peer.connection', { signalingUrl: 'javascript:alert(1)', iceUrls: ['turn:evil'] });
    expect(await service.getSettings()).toEqual({ signalingUrl: '', iceUrls: ['stun:stun.l.google.com:19302'] });
  });
});

describe('sharing', () => {
  test('shares a dossier in place: it becomes shared and gets an invite link with the secret only in the fragment', async () => {
    const { service, library } = setup();
    const record = await dossierWithClip(library);
    expect(await service.getShare(record.id)).toBeUndefined();
    const id = await service.share(record.id, { sharedBy: 'Anouk' });
    expect(id).toBe(record.id);
    expect((await library.open(id)).dossier.meta().kind).toBe('shared');
    const share = await service.getShare(id);
    expect(share?.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const link = await service.inviteLink(id);
    const url = new URL(link);
    expect(url.origin + url.pathname + url.search).not.toContain(share!.secret);
    expect(url.hash).toContain('#/join/');
    expect(parseInviteLink(link)).toEqual({ secret: share!.secret, dossierId: id, dossierName: 'Wijkteam Noord', sharedBy: 'Anouk' });
  });

  test('shares a copy: a new shared dossier with the clips; the original stays private', async () => {
    const { service, library } = setup();
    const record = await dossierWithClip(library);
    const id = await service.share(record.id, { sharedBy: 'Anouk', copyName: 'Wijkteam Noord (gedeeld)' });
    expect(id).not.toBe(record.id);
    const copy = await library.open(id);
    expect(copy.dossier.meta()).toMatchObject({ id, kind: 'shared', name: 'Wijkteam Noord (gedeeld)' });
    expect(copy.dossier.clips.rows().map((r) => r.title)).toEqual(['Buurtmaaltijd']);
    expect((await library.open(record.id)).dossier.meta().kind).toBe('personal');
    expect(await service.getShare(record.id)).toBeUndefined();
    expect((await library.get(id))?.kind).toBe('shared');
  });

  test('the personal dossier is only shared as a copy', async () => {
    const { service, library } = setup();
    const personal = await library.ensurePersonal();
    await expect(service.share(personal.id, { sharedBy: 'Anouk' })).rejects.toSatisfy((error) => isKnipselError(error, 'conflict'));
    expect(await service.getShare(personal.id)).toBeUndefined();
  });

  test('a new secret gives a new room; old links no longer match', async () => {
    const { service, library } = setup();
    const record = await dossierWithClip(library);
    await service.share(record.id, { sharedBy: 'Anouk' });
    const before = await service.getShare(record.id);
    const oldLink = await service.inviteLink(record.id);
    const renewed = await service.renewSecret(record.id);
    expect(renewed.secret).not.toBe(before!.secret);
    expect((await deriveRoom(renewed.secret)).roomName).not.toBe((await deriveRoom(before!.secret)).roomName);
    expect(parseInviteLink(await service.inviteLink(record.id)).secret).toBe(renewed.secret);
    expect(parseInviteLink(oldLink).secret).toBe(before!.secret);
  });

  test('leaving with a private copy keeps the clips in a new private dossier and forgets the shared one', async () => {
    const { service, library } = setup();
    const record = await dossierWithClip(library);
    await service.share(record.id, { sharedBy: 'Anouk' });
    const copyId = await service.leave(record.id, { keepCopyName: 'Wijkteam Noord (eigen kopie)' });
    expect(copyId).toBeTruthy();
    expect(await library.get(record.id)).toBeUndefined();
    expect(await service.getShare(record.id)).toBeUndefined();
    const copy = await library.open(copyId!);
    expect(copy.dossier.meta()).toMatchObject({ kind: 'personal', name: 'Wijkteam Noord (eigen kopie)' });
    expect(copy.dossier.clips.rows()).toHaveLength(1);
  });

  test('leaving without a copy removes the dossier', async () => {
    const { service, library } = setup();
    const record = await dossierWithClip(library);
    await service.share(record.id, { sharedBy: 'Anouk' });
    expect(await service.leave(record.id)).toBeNull();
    expect((await library.list()).map((r) => r.id)).not.toContain(record.id);
  });

  test('a session connects with the secret, the configured signalling URL and ICE servers', async () => {
    const { service, library, connected } = setup();
    const record = await dossierWithClip(library);
    await service.share(record.id, { sharedBy: 'Anouk' });
    await service.setSettings({ signalingUrl: '', iceUrls: [] });
    const session = await service.openSession(record.id, { name: 'Anouk', colour: '#b03a5b', view: { screen: 'list' } });
    expect(connected[0].doc).toBe((await library.open(record.id)).doc);
    expect(connected[0].options).toMatchObject({
      secret: (await service.getShare(record.id))!.secret,
      signalingUrls: ['wss://knipsel.example.nl/signal'],
      iceServers: [],
    });
    await service.closeSession(session);
    expect(connected[0].session.destroyed).toBe(true);
    await expect(service.openSession('not-shared', { name: 'A', colour: '#000000', view: { screen: 'list' } })).rejects.toThrow();
  });
});

describe('joining', () => {
  test('waits for the first peer’s dossier, then stores it under the invite’s id with the secret', async () => {
    const sharer = setup();
    const record = await dossierWithClip(sharer.library);
    await sharer.service.share(record.id, { sharedBy: 'Anouk' });
    const invite = parseInviteLink(await sharer.service.inviteLink(record.id));

    const joiner = setup();
    expect(await joiner.service.knownDossier(invite)).toBeNull();
    const preview = await joiner.service.preview(invite, { name: 'Bram', colour: '#2f6f4e', view: { screen: 'join' } });
    expect(joiner.connected[0].options.secret).toBe(invite.secret);
    // Nothing has arrived: accepting is refused and nothing is stored.
    await expect(preview.accept()).rejects.toSatisfy((error) => isKnipselError(error, 'conflict'));
    expect(await joiner.library.get(invite.dossierId)).toBeUndefined();
    let arrived: unknown = null;
    void preview.arrived.then((value) => (arrived = value));
    await Promise.resolve();
    expect(arrived).toBeNull();
    // The peer's state arrives (what the session's mirror bridge applies).
    Y.applyUpdate(joiner.connected[0].doc, Y.encodeStateAsUpdate((await sharer.library.open(record.id)).doc), 'peer');
    expect(await preview.arrived).toEqual({ name: 'Wijkteam Noord', clipCount: 1 });
    const id = await preview.accept();
    expect(id).toBe(record.id);
    expect(joiner.connected[0].session.destroyed).toBe(true);
    expect(await joiner.library.get(id)).toMatchObject({ kind: 'shared', name: 'Wijkteam Noord', clipCount: 1 });
    expect((await joiner.service.getShare(id))?.secret).toBe(invite.secret);
    const joined = (await joiner.library.open(id)).dossier;
    expect(joined.clips.get(joined.clips.rows()[0].id)?.note).toBe('Goed voorbeeld.');
  });

  test('cancelling a join stores nothing', async () => {
    const joiner = setup();
    const invite = { secret: 'a'.repeat(43), dossierId: 'wijkteam-noord', dossierName: 'Wijkteam Noord', sharedBy: 'Anouk' };
    const preview = await joiner.service.preview(invite, { name: 'Bram', colour: '#2f6f4e', view: { screen: 'join' } });
    await preview.cancel();
    await expect(preview.arrived).rejects.toThrow();
    expect(joiner.connected[0].session.destroyed).toBe(true);
    expect(await joiner.library.list()).toEqual([]);
  });

  test('an invite for a dossier this device has: only a shared one takes the (new) secret', async () => {
    const { service, library } = setup();
    const shared = await dossierWithClip(library, 'Gedeeld');
    await service.share(shared.id, { sharedBy: 'Anouk' });
    const newSecret = 'b'.repeat(43);
    await service.joinKnown({ secret: newSecret, dossierId: shared.id, dossierName: 'x', sharedBy: 'Bram' });
    expect((await service.getShare(shared.id))?.secret).toBe(newSecret);

    const mine = await dossierWithClip(library, 'Privé');
    await expect(service.joinKnown({ secret: newSecret, dossierId: mine.id, dossierName: 'x', sharedBy: 'Mallory' })).rejects.toSatisfy((error) =>
      isKnipselError(error, 'conflict'),
    );
    expect(await service.getShare(mine.id)).toBeUndefined();
  });

  test('an invite naming a dossier that is here under another secret is kept as a new copy, never re-pointing it', async () => {
    const colleague = setup();
    const theirs = await dossierWithClip(colleague.library, 'Wijkteam Noord');
    const me = setup();
    // The same dossier id is here, shared under my own secret.
    await me.library.importState(Y.encodeStateAsUpdate((await colleague.library.open(theirs.id)).doc), { id: theirs.id, kind: 'shared' });
    await me.service.share(theirs.id, { sharedBy: 'Anouk' });
    const mySecret = (await me.service.getShare(theirs.id))!.secret;
    const hostile = { secret: 'c'.repeat(43), dossierId: theirs.id, dossierName: 'Wijkteam Noord', sharedBy: 'Mallory' };
    expect(await me.service.knownDossier(hostile)).toMatchObject({ shared: true, sameInvite: false });
    expect(await me.service.knownDossier({ ...hostile, secret: mySecret })).toMatchObject({ sameInvite: true });

    const preview = await me.service.preview(hostile, { name: 'Anouk', colour: '#2f6f4e', view: { screen: 'join' } });
    const room = new Y.Doc();
    room.getMap('meta').set('id', theirs.id);
    room.getMap('meta').set('name', 'Wat Mallory stuurt');
    room.getMap('meta').set('kind', 'shared');
    room.getMap('meta').set('schemaVersion', 1);
    Y.applyUpdate(me.connected[0].doc, Y.encodeStateAsUpdate(room), 'peer');
    await preview.arrived;
    const id = await preview.accept();
    expect(id).not.toBe(theirs.id);
    expect((await me.service.getShare(theirs.id))?.secret).toBe(mySecret);
    expect((await me.service.getShare(id))?.secret).toBe(hostile.secret);
    expect((await me.library.get(theirs.id))?.name).toBe('Wijkteam Noord');
  });
});
