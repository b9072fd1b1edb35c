// The bridge trusts a pairing, not a port. One Chromium profile with the built extension,
// paired (as a user does) with the real web app on 127.0.0.1:P, which keeps a few dossiers.
// Two other programs answer where the extension's content script runs: one on the loopback
// twin localhost:P (a front server hands Host: localhost to it, everything else to the app),
// one on a second configured address 127.0.0.1:Q that was never paired. Their pages try, for
// a number of rounds: hello without a pairing and with the real pairing's id, guessed
// proofs, a replay of the real app's recorded handshake, a pairing request nobody confirms,
// and dossier lists deleting every dossier, sync frames, unpair and bye under every session
// name they know or can guess. Then the user opens the popup, sees the pairing requests and
// refuses them. Nothing may answer them beyond "not paired": no welcome, no list, no sync,
// no session, no pairing; no dossier deleted in the extension or in the app.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnipselServer, type KnipselServer } from '../../server/create-server.js';
import { launchWithExtension, pwaDir, type ExtensionSession } from '../support/browser.js';
import { configureAppUrls, pairExtension } from '../support/pairing.js';
import { pick, report } from './support/mode.js';

// Extension APIs inside worker/page evaluate callbacks (run in the browser, not in Node).
declare const chrome: any;

const hostilePage = (who: string) => `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${who}</title></head>
<body><h1>${who}</h1><p>Een ander programma op deze poort.</p></body></html>`;

const listen = (server: Server, port = 0) => new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

interface Recorded {
  hello: { t: 'hello'; nonce: string; pair: string | null };
  auth: { t: 'auth'; session: string; proof: string };
}

/** One round of attacks, run in a hostile page; returns how many frames it posted so far and every answer's type. */
async function attackRound(args: { pairId: string; dossierIds: string[]; recorded: Recorded }): Promise<{ sent: number; answers: string[] }> {
  const { pairId, dossierIds, recorded } = args;
  const w = window as unknown as { attack?: { answers: { t: string; nonce?: string; peerNonce?: string }[]; sent: number } };
  if (!w.attack) {
    const state = { answers: [] as { t: string; nonce?: string; peerNonce?: string }[], sent: 0 };
    w.attack = state;
    addEventListener('message', (e) => {
      if (e.data?.tag === 'knipsel-bridge' && e.data.from === 'extension') state.answers.push(e.data.frame);
    });
  }
  const state = w.attack;
  const post = (frame: object) => {
    state.sent++;
    postMessage({ tag: 'knipsel-bridge', from: 'app', frame }, location.origin);
  };
  const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
  const nonce = () => Array.from(random(24), (b) => (b % 36).toString(36)).join('');
  const hex = (n: number) => Array.from(random(n), (b) => b.toString(16).padStart(2, '0')).join('');
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const answerTo = async (n: string, t: string) => {
    for (let i = 0; i < 40; i++) {
      const found = state.answers.find((a) => a.nonce === n && a.t === t);
      if (found) return found;
      await wait(25);
    }
    return null;
  };

  // Hello without a pairing, and naming the real pairing (its id is not secret), with a guessed proof.
  post({ t: 'hello', v: 2, nonce: nonce(), role: 'app', pair: null });
  const asked = nonce();
  post({ t: 'hello', v: 2, nonce: asked, role: 'app', pair: pairId });
  const welcome = await answerTo(asked, 'welcome');
  const guessed = `${asked}.${welcome?.peerNonce ?? nonce()}`;
  post({ t: 'auth', session: guessed, proof: hex(32) });
  // The real app's handshake, recorded earlier, played again: as it was, and under the new session name.
  post(recorded.hello);
  const replayed = await answerTo(recorded.hello.nonce, 'welcome');
  post(recorded.auth);
  const replayedSession = `${recorded.hello.nonce}.${replayed?.peerNonce ?? nonce()}`;
  post({ ...recorded.auth, session: replayedSession });
  // Ask to pair with a real key (nobody will click "Koppelen").
  const keys = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const raw = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.exportKey('raw', keys.publicKey))));
  post({ t: 'pair-request', v: 2, nonce: nonce(), role: 'app', key: raw });
  // Delete, write, unpair and end under every session name it knows or guesses.
  for (const session of [recorded.auth.session, guessed, replayedSession, `${nonce()}.${nonce()}`]) {
    post({ t: 'dossiers', session, list: [], deleted: dossierIds, personalId: null, personalLinked: true, aliases: [] });
    for (const dossierId of dossierIds) post({ t: 'sync', session, dossierId, data: 'AAAA' });
    post({ t: 'unpair', session });
    post({ t: 'bye', session });
  }
  post({ t: 'pair-done', nonce: nonce(), pair: pairId, proof: hex(32) });
  await wait(250);
  return { sent: state.sent, answers: state.answers.map((a) => a.t) };
}

let app: KnipselServer;
let front: Server;
let other: Server;
let session: ExtensionSession;
let appUrl = '';
let twinUrl = '';
let otherUrl = '';

beforeAll(async () => {
  app = await createKnipselServer({ dir: pwaDir, port: 0, host: '127.0.0.1' });
  // The app's address: the app itself, except for requests that name the twin host.
  front = createServer((req, res) => {
    if ((req.headers.host ?? '').startsWith('localhost:')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostilePage('Ander programma op localhost'));
      return;
    }
    const upstream = httpRequest({ host: '127.0.0.1', port: app.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  const port = await listen(front);
  appUrl = `http://127.0.0.1:${port}`;
  twinUrl = `http://localhost:${port}`;
  other = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostilePage('Ander programma op een ingestelde poort')));
  otherUrl = `http://127.0.0.1:${await listen(other)}`;
  session = await launchWithExtension();
  const worker = session.context.serviceWorkers()[0];
  await configureAppUrls(worker, [`${appUrl}/`, `${otherUrl}/`], [`${appUrl}/*`, `${twinUrl}/*`, `${otherUrl}/*`], 300);
});

afterAll(async () => {
  await session?.close();
  front?.close();
  other?.close();
  await app?.close();
});

describe('the bridge against other programs on the app’s ports', () => {
  it('gives a hostile page on the twin origin or an unpaired configured origin no list, no sync, no pairing, and no deletion', { timeout: pick(240_000, 900_000) }, async () => {
    const rounds = pick(3, 20);
    // The real app, paired as a user does, with dossiers the extension keeps too.
    const real = await session.context.newPage();
    await real.setViewportSize({ width: 1280, height: 800 });
    await real.goto(`${appUrl}/`);
    await (await pairExtension(session, real)).confirmedIn.close();
    for (const name of ['Wijkteam Noord', 'Wijkteam Zuid', 'Leergang']) {
      await real.goto(`${appUrl}/#/`);
      await real.getByLabel('Naam van het dossier').fill(name);
      await real.getByRole('button', { name: 'Dossier maken' }).click();
      await real.waitForURL(/\/list$/);
    }
    const extPage = await session.openExtensionPage('options.html');
    type Listed = { dossiers: { id: string; name: string; clipCount: number }[] };
    const extDossiers = async () =>
      ((await extPage.evaluate(() => chrome.runtime.sendMessage({ knipsel: 1, type: 'dossiers/list', input: {} }))) as { value: Listed }).value.dossiers;
    await expect.poll(async () => (await extDossiers()).length, { timeout: 15_000 }).toBe(4);
    const before = JSON.stringify(await extDossiers());
    const dossierIds = (await extDossiers()).map((d) => d.id);
    const storedPairs = () => extPage.evaluate(async () => ((await chrome.storage.local.get('bridgePairs')).bridgePairs ?? []) as { id: string; origin: string }[]);
    const [realPair] = await storedPairs();
    expect(realPair.origin).toBe(appUrl);

    // A second tab of the real app, its handshake recorded from the first frame on.
    const recorder = await session.context.newPage();
    await recorder.addInitScript(() => {
      const frames: unknown[] = [];
      (window as unknown as { recordedFrames: unknown[] }).recordedFrames = frames;
      addEventListener('message', (e) => {
        if (e.data?.tag === 'knipsel-bridge' && e.data.from === 'app') frames.push(e.data.frame);
      });
    });
    await recorder.goto(`${appUrl}/`);
    await recorder.getByTestId('extension-status').and(recorder.locator('[data-state="connected"]')).waitFor({ timeout: 20_000 });
    const frames = (await recorder.evaluate(() => (window as unknown as { recordedFrames: { t: string }[] }).recordedFrames)) as unknown as (
      Recorded['hello'] | Recorded['auth']
    )[];
    const recorded: Recorded = { hello: frames.filter((f) => f.t === 'hello').at(-1) as Recorded['hello'], auth: frames.filter((f) => f.t === 'auth').at(-1) as Recorded['auth'] };
    expect(recorded.hello.pair).toBe(realPair.id);
    await recorder.close();

    let sent = 0;
    const answers = new Map<string, number>();
    const hostilePages: Page[] = [];
    for (const url of [`${twinUrl}/`, `${otherUrl}/`]) {
      const page = await session.context.newPage();
      await page.goto(url);
      // The extension's content script runs here (the address is configured, or its twin) …
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.knipselExtension ?? null), { timeout: 10_000 }).toBe('present');
      let result = { sent: 0, answers: [] as string[] };
      for (let round = 0; round < rounds; round++) result = await page.evaluate(attackRound, { pairId: realPair.id, dossierIds, recorded });
      sent += result.sent;
      for (const t of result.answers) answers.set(t, (answers.get(t) ?? 0) + 1);
      hostilePages.push(page);
    }

    // The user opens the popup: the hostile pages' pairing requests are there, with their addresses; the user refuses.
    const popup = await session.openExtensionPage('popup.html');
    await popup.setViewportSize({ width: 380, height: 600 });
    const requests = popup.getByTestId('pair-request');
    await expect.poll(() => requests.count(), { timeout: 10_000 }).toBe(hostilePages.length);
    const shownFrom = (await requests.allInnerTexts())
      .map((text) => (text.includes(new URL(twinUrl).host) ? 'twin' : text.includes(new URL(otherUrl).host) ? 'other' : 'unknown'))
      .sort();
    expect(shownFrom).toEqual(['other', 'twin']);
    let declined = 0;
    while ((await requests.count()) > 0) {
      await requests.first().getByRole('button', { name: 'Niet koppelen' }).click();
      declined++;
      await expect.poll(() => requests.count()).toBe(hostilePages.length - declined);
    }
    await popup.close();

    // … and it got nothing but "not paired" (and answers to its pairing requests).
    const got = (t: string) => answers.get(t) ?? 0;
    expect([...answers.keys()].filter((t) => !['unpaired', 'pair-offer', 'pair-refused'].includes(t))).toEqual([]);
    expect(got('unpaired')).toBeGreaterThanOrEqual(rounds * hostilePages.length * 2);
    expect(await storedPairs()).toEqual([expect.objectContaining({ id: realPair.id, origin: appUrl })]);
    const after = await extDossiers();
    expect(JSON.stringify(after)).toBe(before);
    // The real app still has its dossiers and its connection.
    await real.reload();
    await real.getByTestId('extension-status').and(real.locator('[data-state="connected"]')).waitFor({ timeout: 20_000 });
    await real.goto(`${appUrl}/#/`);
    await real.getByRole('heading', { level: 1, name: 'Je dossiers' }).waitFor();
    expect((await real.locator('.dossiers h2').allInnerTexts()).sort()).toEqual(['Leergang', 'Mijn leerdossier', 'Wijkteam Noord', 'Wijkteam Zuid']);

    report('bridge-attack', {
      hostilePages: hostilePages.length,
      rounds,
      framesSent: sent,
      answered: [...answers.values()].reduce((a, b) => a + b, 0),
      notPaired: got('unpaired'),
      welcomes: got('welcome'),
      lists: got('dossiers'),
      syncs: got('sync'),
      sessions: got('ready'),
      pairRequestsShown: declined,
      pairedWithoutClick: (await storedPairs()).length - 1,
      dossiersDeleted: dossierIds.filter((id) => !after.some((d) => d.id === id)).length,
    });
  });
});
