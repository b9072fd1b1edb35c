import { describe, expect, it } from 'vitest';
import { createLibrary, createMemoryLibraryStore, createMemoryProjectionStore, createMemoryUpdateStore } from '@knipsel/core';
import { makeCapture } from '@knipsel/core/testing';
import { createBridgeSession, createMemoryPairStore } from '@knipsel/core/bridge';
import { startBridgeClient, type BridgeClientStatus, type BridgeWindow } from './bridge-client.js';

const origin = 'http://127.0.0.1:8787';
const newLibrary = () => createLibrary({ updates: createMemoryUpdateStore(), library: createMemoryLibraryStore(), projections: createMemoryProjectionStore() });

/** A page window; `extension` (when given) plays the content script + background on the same window. `sent`: every message posted on it. */
function fakeWindow() {
  type Listener = (event: MessageEvent & PageTransitionEvent) => void;
  const listeners = new Map<string, Set<Listener>>([
    ['message', new Set()],
    ['pageshow', new Set()],
  ]);
  const win: BridgeWindow & { sent: unknown[]; dispatch(data: unknown, source?: unknown, from?: string): void; dispatchType(type: string, event: object): void } = {
    location: { origin },
    sent: [],
    postMessage(message, target) {
      if (target !== origin) throw new Error(`posted to ${target}`);
      win.sent.push(message);
      win.dispatch(JSON.parse(JSON.stringify(message)));
    },
    addEventListener: (type, l) => listeners.get(type)!.add(l),
    removeEventListener: (type, l) => listeners.get(type)!.delete(l),
    dispatch(data, source = win, from = origin) {
      win.dispatchType('message', { data, source, origin: from });
    },
    dispatchType(type, event) {
      setTimeout(() => listeners.get(type)!.forEach((l) => l(event as MessageEvent & PageTransitionEvent)), 0);
    },
  };
  return win;
}

function attachExtension(win: ReturnType<typeof fakeWindow>, library = newLibrary(), version?: number, pairs = createMemoryPairStore()) {
  const requests: ({ code: string } | null)[] = [];
  const session = createBridgeSession({
    role: 'extension',
    library,
    version,
    origin,
    pairs,
    onPairRequest: (r) => void requests.push(r),
    send: (m) => win.postMessage(m, origin),
  });
  win.addEventListener('message', (event) => session.receive(event.data));
  return { session, pairs, requests };
}

async function until(check: () => boolean | Promise<boolean>, what: string, tries = 400) {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const quiet = { log: () => undefined };

/** A library with its personal dossier, as the app has it when the bridge starts. */
async function appLibrary() {
  const app = newLibrary();
  await app.ensurePersonal();
  return app;
}

describe('bridge client (web app side)', () => {
  it('reports a missing extension only when the page is not marked, then connects when one answers later', async () => {
    const win = fakeWindow();
    const statuses: BridgeClientStatus[] = [];
    const app = await appLibrary();
    let mark = false;
    const client = startBridgeClient({ library: app, win, onStatus: (s) => statuses.push(s), answerMs: 20, retryMs: 60, marked: () => mark, ...quiet });
    await until(() => client.status.link === 'absent', 'absent');
    mark = true; // the extension's content script has marked the page: it is there, still waking up
    await until(() => statuses.at(-1)?.link === 'checking', 'connecting again');
    const links = statuses.length;
    await new Promise((r) => setTimeout(r, 200)); // several unanswered hellos
    expect(statuses.slice(links).map((s) => s.link)).not.toContain('absent');
    const ext = attachExtension(win);
    await until(() => client.status.link === 'unpaired', 'unpaired');
    client.pair();
    await until(() => client.status.link === 'pairing' && client.status.pairCode !== null, 'code shown');
    expect(ext.requests.at(-1)).toEqual({ code: client.status.pairCode });
    await ext.session.answerPairing(true);
    await until(() => client.status.link === 'connected', 'connected');
    expect(ext.session.status.pairId).toBe(((await app.getPref('bridgePair')) as { id: string }).id);
    client.stop();
  });

  it('syncs clips both ways once paired, and starts again after the extension says bye', async () => {
    const win = fakeWindow();
    const app = newLibrary();
    const id = (await app.ensurePersonal()).id;
    const ext = newLibrary();
    const { session: extSession } = attachExtension(win, ext);
    const posted: unknown[] = [];
    const original = win.postMessage;
    win.postMessage = (m, t) => {
      posted.push(m);
      original(m, t);
    };
    const client = startBridgeClient({ library: app, win, onStatus: () => undefined, answerMs: 1000, retryMs: 60_000, ...quiet });
    await until(() => client.status.link === 'unpaired', 'unpaired');
    client.pair();
    await until(() => extSession.status.state === 'pairing', 'request in the extension');
    await extSession.answerPairing(true);
    await until(() => client.status.link === 'connected' && client.status.dossiers === 1, 'connected');
    await until(async () => !!(await ext.get(id)), 'dossier imported by the extension');
    (await ext.open(id)).dossier.clips.add({ capture: makeCapture({ title: 'Geknipt in de extensie' }) });
    const inApp = (await app.open(id)).dossier;
    await until(() => inApp.clips.all().some((c) => c.title === 'Geknipt in de extensie'), 'clip in the app');

    extSession.close(); // sends bye, as the relay does when the background goes away
    await until(() => client.status.link === 'checking', 'link lost');
    await until(() => client.status.link === 'connected', 'reconnected');
    const hellos = () => posted.filter((m) => (m as { frame: { t: string } }).frame.t === 'hello').length;
    const before = hellos();
    win.dispatchType('pageshow', { persisted: false });
    win.dispatchType('pageshow', { persisted: true }); // back from the back/forward cache
    await until(() => hellos() === before + 1, 'a new hello');
    await until(() => client.status.link === 'connected', 'connected again');
    inApp.clips.add({ capture: makeCapture({ title: 'Geknipt in de app', url: 'https://example.nl/b' }) });
    const inExt = (await ext.open(id)).dossier;
    await until(() => inExt.clips.all().some((c) => c.title === 'Geknipt in de app'), 'clip in the extension');
    client.stop();
  });

  it('never says “no extension” before two hellos went unanswered, and says hello at once when the page is marked late', async () => {
    const win = fakeWindow();
    const app = await appLibrary();
    const links: string[] = [];
    const hellos = () => (win.sent as { frame: { t: string } }[]).filter((m) => m.frame.t === 'hello').length;
    let mark = false;
    let markChanged = () => {};
    const client = startBridgeClient({
      library: app,
      win,
      onStatus: (s) => links.push(s.link),
      answerMs: 20,
      retryMs: 1000,
      marked: () => mark,
      watchMark: (changed) => ((markChanged = changed), () => undefined),
      ...quiet,
    });
    await until(() => hellos() === 2, 'a second hello, right after the first went unanswered', 30);
    expect(links).not.toContain('absent'); // one unanswered hello is no proof of absence
    await until(() => client.status.link === 'absent', 'absent after the second hello had its chance');
    // The extension is configured for this address while the app is open: its script marks the page.
    attachExtension(win);
    mark = true;
    const before = hellos();
    markChanged();
    expect(client.status.link).toBe('checking');
    await until(() => hellos() === before + 1, 'a hello at once, well before the next retry', 30);
    await until(() => client.status.link === 'unpaired', 'the extension answered');
    client.stop();
  });

  it('reads only this window’s own messages from this origin, and sends nothing about dossiers unpaired', async () => {
    const win = fakeWindow();
    const app = await appLibrary();
    const posted = win.sent;
    const client = startBridgeClient({ library: app, win, onStatus: () => undefined, answerMs: 2000, retryMs: 10_000, marked: () => false, ...quiet });
    await until(() => posted.length === 1, 'hello');
    const hello = posted[0] as { frame: { nonce: string } };
    const unpaired = { tag: 'knipsel-bridge', from: 'extension', frame: { t: 'unpaired', v: 2, nonce: hello.frame.nonce, role: 'extension' } };
    win.dispatch(unpaired, {}, origin); // from another window (an opener or a frame)
    win.dispatch(unpaired, win, 'http://127.0.0.1:9999'); // from another origin
    await new Promise((r) => setTimeout(r, 60));
    expect(client.status.link).toBe('checking');
    win.dispatch(unpaired);
    await until(() => client.status.link === 'unpaired', 'unpaired');
    // A welcome without a pairing the app holds is not for it.
    win.dispatch({
      tag: 'knipsel-bridge',
      from: 'extension',
      frame: { t: 'welcome', v: 2, nonce: hello.frame.nonce, peerNonce: 'f'.repeat(24), role: 'extension', pair: 'p'.repeat(24), proof: '0'.repeat(64) },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect((posted as { frame: { t: string } }[]).map((m) => m.frame.t).filter((t) => t !== 'hello')).toEqual([]);
    client.stop();
  });

  it('reports a protocol version mismatch with the extension’s version', async () => {
    const win = fakeWindow();
    const app = await appLibrary();
    const ext = newLibrary();
    attachExtension(win, ext, 2);
    const client = startBridgeClient({ library: app, win, onStatus: () => undefined, version: 3, answerMs: 20, retryMs: 60, ...quiet });
    await until(() => client.status.link === 'mismatch', 'mismatch');
    expect(client.status.peerVersion).toBe(2);
    expect(await ext.list()).toEqual([]);
    client.stop();
  });
});
