// The steps of the peer-to-peer sharing journey in peers.e2e.ts, each with its assertions:
// A shares a dossier, C and C2 with wrong secrets wait from the start, B joins by the invite link,
// both see each other and edit at once, B goes offline and merges back, a hostile peer with the
// right secret (M, unguarded y-webrtc) is refused, and the wrong secrets got nothing.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { openPage, sentBytes, serverUrl, snap, status, until, type Snapshot } from './peers-support.js';

const themeA = 'community-werker.leefwereld';
const themeB = 'community-werker.talenten-verbinden';
const initialClips = 40;
const wordsPerClip = 60; // ~5 KB of text (x3: html, markdown, text) per clip

export type Shared = { secret: string; link: string; roomName: string; stateBytes: number };

/** A creates a dossier of `initialClips` clips and shares it; the invite link never carries the secret to the server. */
export async function shareDossier(a: Page): Promise<Shared> {
  await a.evaluate(
    ([n, words]) => {
      window.knipselPeer.createDossierDoc('wijkteam-noord', 'Wijkteam Noord');
      window.knipselPeer.addClips(
        Array.from({ length: n }, (_, i) => `Praktijkvoorbeeld ${i + 1}`),
        words,
        'Eerste indruk.',
      );
    },
    [initialClips, wordsPerClip] as const,
  );
  const stateBytes = await a.evaluate(() => window.knipselPeer.stateBytes());
  const secret = await a.evaluate(() => window.knipselPeer.newSecret());
  const link = await a.evaluate((s) => window.knipselPeer.inviteLink(s, 'Anouk'), secret);
  expect(new URL(link).hash.startsWith('#/join/')).toBe(true);
  const aRoom = await a.evaluate((s) => window.knipselPeer.connect(s, 'Anouk', '#cc3366', { screen: 'library' }), secret);
  expect(aRoom.roomName).toMatch(/^knipsel-[0-9a-f]{32}$/);
  expect(serverUrl() + link).not.toContain(secret); // and the secret never reaches the server: it is in the fragment
  return { secret, link, roomName: aRoom.roomName, stateBytes };
}

export type WrongSecrets = { c: Page; c2: Page; started: number };

/** C joins the SAME room with another password, C2 another secret; both start early and wait. */
export async function startWrongSecrets(roomName: string): Promise<WrongSecrets> {
  const c = await openPage();
  const wrong = await c.evaluate(() => window.knipselPeer.deriveRoom(window.knipselPeer.newSecret()));
  expect(wrong.roomName).not.toBe(roomName);
  await c.evaluate(([room, password]) => window.knipselPeer.rawConnect(room, password, { name: 'Carla', colour: '#000000', view: { screen: 'library' } }), [
    roomName,
    wrong.password,
  ] as const);
  const c2 = await openPage();
  await c2.evaluate(() => window.knipselPeer.connect(window.knipselPeer.newSecret(), 'Cor', '#111111'));
  return { c, c2, started: Date.now() };
}

/** B opens the invite link and joins; the first sync goes compressed and B does not echo A's state. */
export async function joinByInvite(a: Page, shared: Shared): Promise<Page> {
  const { link, secret, stateBytes } = shared;
  const b = await openPage(link.slice(link.indexOf('/', 'http://'.length)));
  const invite = await b.evaluate(() => window.knipselPeer.parseLocation());
  expect(invite).toMatchObject({ secret, dossierId: 'wijkteam-noord', dossierName: 'Wijkteam Noord', sharedBy: 'Anouk' });
  const joinStart = Date.now();
  await b.evaluate((s) => window.knipselPeer.connect(s, 'Bram', '#33aa66', { screen: 'library' }), invite.secret);
  await until(
    'B to receive A’s clips',
    () => snap(b),
    (s) => s.clips.length === initialClips && s.name === 'Wijkteam Noord',
    30_000,
  );
  const firstSyncMs = Date.now() - joinStart;
  console.info(`first sync: ${initialClips} clips, ${(stateBytes / 1024).toFixed(0)} KiB of state, in ${firstSyncMs} ms (incl. signalling and WebRTC setup)`);
  expect(await snap(b)).toEqual(await snap(a));
  // The first sync went compressed, and B did not send A's state back to A (y-webrtc
  // rebroadcasts every applied update, the sender included, unless Knipsel drops that echo).
  const [aSent, bSent] = [await sentBytes(a), await sentBytes(b)];
  console.info(`first sync: A sent ${aSent} bytes, B sent ${bSent} bytes`);
  expect(aSent).toBeLessThan(stateBytes / 2);
  expect(bSent).toBeLessThan(aSent / 4);
  expect((await status(a))?.status).toBe('connected');
  expect((await status(b))?.peers).toBe(1);
  return b;
}

/** Presence: each sees the other's name, colour and view, and nothing more. */
export async function seeEachOther(a: Page, b: Page): Promise<void> {
  await b.evaluate((id) => window.knipselPeer.setView({ screen: 'clip', clipId: id }), (await snap(a)).clips[0].id);
  const aSees = await until(
    'A to see B',
    () => a.evaluate(() => window.knipselPeer.presence()),
    (p) => p.some((x) => x.name === 'Bram' && x.view.screen === 'clip'),
  );
  expect(Object.keys(aSees.find((x) => x.name === 'Bram')!).sort()).toEqual(['clientId', 'colour', 'name', 'view']);
  await until(
    'B to see A',
    () => b.evaluate(() => window.knipselPeer.presence()),
    (p) => p.some((x) => x.name === 'Anouk' && x.colour === '#cc3366'),
  );
}

/** Both edit at the same time — add clips, tag, write notes — and converge; the id of the clip both edited. */
export async function editTogether(a: Page, b: Page): Promise<string> {
  const [aIds, bIds] = await Promise.all([a.evaluate(() => window.knipselPeer.clipIds()), b.evaluate(() => window.knipselPeer.clipIds())]);
  const shared = aIds[0];
  await Promise.all([
    a.evaluate(
      ([id, theme]) => {
        const k = window.knipselPeer;
        const mine = [k.addClip('Buurtmaaltijd in Kattenbroek', 'Van Anouk'), k.addClip('Moestuin op het plein')];
        k.tag([id, ...mine], [theme]);
        k.appendNote(id, ' Anouk: sterk voorbeeld.');
      },
      [shared, themeA] as const,
    ),
    b.evaluate(
      ([id, theme]) => {
        const k = window.knipselPeer;
        const mine = [k.addClip('Talentenbank in de wijk', 'Van Bram')];
        k.tag([id, ...mine], [theme]);
        k.appendNote(id, ' Bram: past bij talenten verbinden.');
      },
      [bIds[0], themeB] as const,
    ),
  ]);
  const converged = await until(
    'A and B to converge',
    async () => [await snap(a), await snap(b)] as const,
    ([x, y]) => JSON.stringify(x) === JSON.stringify(y) && x.clips.length === initialClips + 3,
  );
  const sharedClip = converged[0].clips.find((clip) => clip.id === shared)!;
  expect(sharedClip.themes).toEqual([themeA, themeB].sort());
  expect(sharedClip.note).toContain('Anouk: sterk voorbeeld.');
  expect(sharedClip.note).toContain('Bram: past bij talenten verbinden.');
  return shared;
}

/**
 * B goes offline (does context.setOffline cut the WebRTC data channel? if not, B disconnects),
 * both edit the shared clip alone, then B comes back and both merge; A's merged snapshot.
 */
export async function offlineAndMerge(a: Page, b: Page, shared: string): Promise<Snapshot> {
  const bContext = b.context();
  await bContext.setOffline(true);
  await a.evaluate(() => window.knipselPeer.addClip('Probe tijdens offline'));
  await new Promise((r) => setTimeout(r, 2500));
  const probeArrived = (await snap(b)).clips.some((clip) => clip.title === 'Probe tijdens offline');
  console.info(`context.setOffline(true) ${probeArrived ? 'does NOT cut' : 'cuts'} the WebRTC data channel`);
  if (probeArrived) await b.evaluate(() => window.knipselPeer.disconnect());
  await until(
    'B to be alone',
    () => status(b),
    (s) => s?.status === 'alone' && s.peers === 0,
    20_000,
  );
  await until(
    'A to be alone',
    () => status(a),
    (s) => s?.peers === 0,
    20_000,
  );

  await Promise.all([
    a.evaluate((id) => {
      window.knipselPeer.addClip('Offline bij Anouk');
      window.knipselPeer.appendNote(id, ' A-offline.');
    }, shared),
    b.evaluate((id) => {
      window.knipselPeer.addClip('Offline bij Bram');
      window.knipselPeer.appendNote(id, ' B-offline.');
    }, shared),
  ]);
  expect((await snap(b)).clips.some((clip) => clip.title === 'Offline bij Anouk')).toBe(false);

  await bContext.setOffline(false);
  await b.evaluate(() => window.knipselPeer.reconnect());
  const reconnectStart = Date.now();
  const merged = await until(
    'A and B to merge after B is back',
    async () => [await snap(a), await snap(b)] as const,
    ([x, y]) => JSON.stringify(x) === JSON.stringify(y) && x.clips.some((clip) => clip.title === 'Offline bij Bram') && y.clips.some((clip) => clip.title === 'Offline bij Anouk'),
    30_000,
  );
  console.info(`offline edits merged ${Date.now() - reconnectStart} ms after B came back`);
  const note = merged[0].clips.find((clip) => clip.id === shared)!.note;
  expect(note).toContain('A-offline.');
  expect(note).toContain('B-offline.');
  return merged[0];
}

/** A hostile peer with the right secret, not running Knipsel's checks: A drops what it sends and its doc stays as it was. */
export async function refuseHostilePeer(a: Page, { secret, roomName }: Shared, merged: Snapshot): Promise<void> {
  const m = await openPage();
  await m.evaluate(([room, password]) => window.knipselPeer.rawConnect(room, password, { name: 'Mallory', colour: '#ff0000', view: { screen: 'library' } }), [
    roomName,
    (await a.evaluate((s) => window.knipselPeer.deriveRoom(s), secret)).password,
  ] as const);
  // M cannot read Knipsel's chunked first sync (plain y-webrtc); hand it the state directly.
  const aBefore = await a.evaluate(() => window.knipselPeer.stateBase64());
  await m.evaluate((state) => window.knipselPeer.rawLoad(state), aBefore);
  await until(
    'M to connect to A',
    () => m.evaluate(() => window.knipselPeer.rawPeers()),
    (n) => n >= 1,
  );
  // A data channel that is still opening drops what is sent on it, so M repeats its volley
  // until A has seen (and refused) at least four hostile messages.
  let lastSend = 0;
  const afterHostile = await until(
    'A to drop the hostile messages',
    async () => {
      if (Date.now() - lastSend > 2_000) {
        lastSend = Date.now();
        const sent = await m.evaluate(() => window.knipselPeer.rawSendHostile());
        expect(sent.connections).toBeGreaterThanOrEqual(1);
      }
      return status(a);
    },
    (s) => (s?.stats.droppedMessages ?? 0) + (s?.stats.rejectedUpdates ?? 0) >= 4,
  );
  await new Promise((r) => setTimeout(r, 500));
  expect(await a.evaluate(() => window.knipselPeer.stateBase64())).toBe(aBefore);
  expect(await snap(a)).toEqual(merged);
  const aPresence = await a.evaluate(() => window.knipselPeer.presence());
  expect(aPresence.every((p) => p.name.length <= 60 && !('ip' in p))).toBe(true);
  console.info(`hostile peer: A dropped ${afterHostile?.stats.droppedMessages} messages, rejected ${afterHostile?.stats.rejectedUpdates} updates; A's doc unchanged`);
  const aLogs = await a.evaluate(() => window.knipselPeer.logs());
  expect(aLogs.some((line) => line.includes('dropped a message from a peer'))).toBe(true);
  console.info(`A's log: ${[...new Set(aLogs)].join(' | ')}`);
}

/** The wrong secrets got nothing: C has waited at least 12 s from its start, C2 is alone, A never saw Carla. */
export async function expectWrongSecretsGotNothing(a: Page, { c, c2, started }: WrongSecrets): Promise<void> {
  await new Promise((r) => setTimeout(r, Math.max(0, 12_000 - (Date.now() - started))));
  const waited = Date.now() - started;
  expect(await c.evaluate(() => window.knipselPeer.rawSnapshot())).toMatchObject({ name: null, clips: 0 });
  expect(await c.evaluate(() => window.knipselPeer.rawPeers())).toBe(0);
  expect(await snap(c2)).toEqual({ name: null, id: null, clips: [] });
  expect((await status(c2))?.status).toBe('alone');
  expect((await a.evaluate(() => window.knipselPeer.presence())).map((p) => p.name)).not.toContain('Carla');
  console.info(`wrong secrets: after ${(waited / 1000).toFixed(0)} s, C (same room, other password) and C2 (other secret) hold no clips and no name`);
}
