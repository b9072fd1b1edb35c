// Sharing a dossier peer to peer, in real Chromium: two separate browser
// contexts (A shares, B joins via the invite link), a third with the wrong secret (C) and
// a hostile peer with the right secret running unguarded y-webrtc (M). The harness page
// (tests/e2e/peer-harness) and the signalling endpoint come from ONE origin: the Knipsel
// server on 127.0.0.1 with a random port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnipselServer, type KnipselServer } from '../../server/create-server.js';
import { launchBrowser, repoRoot } from '../support/browser.js';

type Snapshot = { name: string | null; id: string | null; clips: Array<{ id: string; title: string; note: string; themes: string[]; trashed: boolean }> };

const harnessDir = join(repoRoot, 'tests/e2e/peer-harness');
const themeA = 'community-werker.leefwereld';
const themeB = 'community-werker.talenten-verbinden';
const initialClips = 40;
const wordsPerClip = 60; // ~5 KB of text (x3: html, markdown, text) per clip

let outDir: string;
let server: KnipselServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let decryptFailures = 0;

// Bytes each page hands to its WebRTC data channels (to see what a first sync costs).
const countSentBytes = `(() => {
  const send = RTCDataChannel.prototype.send;
  window.__knipselSentBytes = 0;
  RTCDataChannel.prototype.send = function (data) {
    window.__knipselSentBytes += data.byteLength ?? data.length ?? data.size ?? 0;
    return send.call(this, data);
  };
})();`;
const sentBytes = (page: Page) => page.evaluate(() => (window as unknown as { __knipselSentBytes: number }).__knipselSentBytes);

async function openPage(path = '/'): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript({ content: countSentBytes });
  contexts.push(context);
  const page = await context.newPage();
  const n = contexts.length;
  page.on('pageerror', (error) => {
    // y-webrtc does not catch failed decryption of signalling messages from a peer with
    // another password (C): each shows up as an unhandled OperationError. Count those.
    if (error.message === 'OperationError' || error.name === 'OperationError') decryptFailures++;
    else console.warn(`[page ${n}] ${error.message}`);
  });
  await page.goto(server.url + path);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  let value = await read();
  while (!ok(value)) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

const snap = (page: Page) => page.evaluate(() => window.knipselPeer.snapshot()) as Promise<Snapshot>;
const status = (page: Page) => page.evaluate(() => window.knipselPeer.status());

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'knipsel-peer-harness-'));
  await build({ root: harnessDir, configFile: false, logLevel: 'error', build: { outDir, emptyOutDir: true, minify: false } });
  server = await createKnipselServer({ dir: outDir, port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('sharing a dossier peer to peer', () => {
  it('shares, syncs, merges offline edits, shows presence, and keeps wrong secrets out', async () => {
    // ---- A creates a dossier and shares it ----
    const a = await openPage();
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
    expect(server.url + link).not.toContain(secret); // and the secret never reaches the server: it is in the fragment

    // ---- C (wrong secret, SAME room name, other password) and C2 (other secret) start early ----
    const c = await openPage();
    const wrong = await c.evaluate(() => window.knipselPeer.deriveRoom(window.knipselPeer.newSecret()));
    expect(wrong.roomName).not.toBe(aRoom.roomName);
    await c.evaluate(([room, password]) => window.knipselPeer.rawConnect(room, password, { name: 'Carla', colour: '#000000', view: { screen: 'library' } }), [
      aRoom.roomName,
      wrong.password,
    ] as const);
    const c2 = await openPage();
    await c2.evaluate(() => window.knipselPeer.connect(window.knipselPeer.newSecret(), 'Cor', '#111111'));
    const cStarted = Date.now();

    // ---- B opens the invite link and joins ----
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

    // ---- presence: each sees the other's name, colour and view, and nothing more ----
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

    // ---- both edit at the same time: add clips, tag, write notes ----
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

    // ---- B goes offline: does context.setOffline cut the WebRTC data channel? ----
    const bContext = contexts[contexts.length - 1];
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
      ([x, y]) =>
        JSON.stringify(x) === JSON.stringify(y) && x.clips.some((clip) => clip.title === 'Offline bij Bram') && y.clips.some((clip) => clip.title === 'Offline bij Anouk'),
      30_000,
    );
    console.info(`offline edits merged ${Date.now() - reconnectStart} ms after B came back`);
    const note = merged[0].clips.find((clip) => clip.id === shared)!.note;
    expect(note).toContain('A-offline.');
    expect(note).toContain('B-offline.');

    // ---- a hostile peer with the right secret, not running Knipsel's checks ----
    const m = await openPage();
    await m.evaluate(([room, password]) => window.knipselPeer.rawConnect(room, password, { name: 'Mallory', colour: '#ff0000', view: { screen: 'library' } }), [
      aRoom.roomName,
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
    expect(await snap(a)).toEqual(merged[0]);
    const aPresence = await a.evaluate(() => window.knipselPeer.presence());
    expect(aPresence.every((p) => p.name.length <= 60 && !('ip' in p))).toBe(true);
    console.info(`hostile peer: A dropped ${afterHostile?.stats.droppedMessages} messages, rejected ${afterHostile?.stats.rejectedUpdates} updates; A's doc unchanged`);
    const aLogs = await a.evaluate(() => window.knipselPeer.logs());
    expect(aLogs.some((line) => line.includes('dropped a message from a peer'))).toBe(true);
    console.info(`A's log: ${[...new Set(aLogs)].join(' | ')}`);

    // ---- the wrong secrets got nothing (C has been waiting the whole time) ----
    await new Promise((r) => setTimeout(r, Math.max(0, 12_000 - (Date.now() - cStarted))));
    const waited = Date.now() - cStarted;
    expect(await c.evaluate(() => window.knipselPeer.rawSnapshot())).toMatchObject({ name: null, clips: 0 });
    expect(await c.evaluate(() => window.knipselPeer.rawPeers())).toBe(0);
    expect(await snap(c2)).toEqual({ name: null, id: null, clips: [] });
    expect((await status(c2))?.status).toBe('alone');
    expect((await a.evaluate(() => window.knipselPeer.presence())).map((p) => p.name)).not.toContain('Carla');
    console.info(`wrong secrets: after ${(waited / 1000).toFixed(0)} s, C (same room, other password) and C2 (other secret) hold no clips and no name`);

    console.info(`unhandled decryption failures in y-webrtc (wrong-password peer in the room): ${decryptFailures}`);
    const statusLog = await b.evaluate(() => window.knipselPeer.statusLog());
    expect(statusLog.map((e) => e.status)).toEqual(expect.arrayContaining(['connected', 'alone']));
    for (const page of [a, b, c2]) await page.evaluate(() => window.knipselPeer.destroy());
  });

  it('gives up a handshake the other side never finishes, instead of "connecting" for good', async () => {
    const a = await openPage();
    await a.evaluate(() => window.knipselPeer.createDossierDoc('stil', 'Stil dossier'));
    const secret = await a.evaluate(() => window.knipselPeer.newSecret());
    await a.evaluate((s) => window.knipselPeer.connect(s, 'Anouk', '#cc3366', { screen: 'library' }, 3_000), secret);
    await until(
      'A to be alone',
      () => status(a),
      (s) => s?.status === 'alone',
      20_000,
    );
    // S joins the room with the right key, then never answers an offer (as a peer whose
    // browser froze or closed halfway through the handshake).
    const s = await openPage();
    await s.evaluate(() => {
      RTCPeerConnection.prototype.setRemoteDescription = () => new Promise<void>(() => undefined);
    });
    const room = await a.evaluate((x) => window.knipselPeer.deriveRoom(x), secret);
    await s.evaluate(([name, password]) => window.knipselPeer.rawConnect(name, password, { name: 'Stil', colour: '#222222', view: { screen: 'library' } }), [
      room.roomName,
      room.password,
    ] as const);
    await until(
      'A to start a handshake',
      () => status(a),
      (x) => x?.status === 'connecting',
      10_000,
    );
    const started = Date.now();
    await until(
      'A to give the handshake up',
      () => status(a),
      (x) => x?.status === 'alone' && x.peers === 0,
      15_000,
    );
    console.info(`stalled handshake given up after ${Date.now() - started} ms (timeout 3 s)`);
    expect(await a.evaluate(() => window.knipselPeer.logs())).toContain('gave up a WebRTC handshake that did not finish');
    await a.evaluate(() => window.knipselPeer.destroy());
  });
});
