import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeCapture } from '../dossier/test-fixtures.js';
import { createLibrary, type Library } from '../library/library.js';
import { createMemoryLibraryStore } from '../storage/library-store.js';
import { createMemoryProjectionStore } from '../storage/projection-store.js';
import { createMemoryUpdateStore } from '../storage/update-store.js';
import { fromBase64, toBase64 } from './base64.js';
import { bridgeTag, checkEnvelope } from './bridge-protocol.js';
import { splitMessage } from './peer/chunking.js';
import { createBridgeSession, type BridgeSession } from './bridge-session.js';

const newLibrary = () =>
  createLibrary({ updates: createMemoryUpdateStore(), library: createMemoryLibraryStore(), projections: createMemoryProjectionStore() });

function connect(app: Library, ext: Library, versions: { app?: number; ext?: number } = {}, chunkBytes?: number) {
  const logs: string[] = [];
  const sent: unknown[] = [];
  let inFlight = 0;
  const deliver = (to: () => BridgeSession, message: unknown) => {
    sent.push(message);
    inFlight++;
    setTimeout(() => {
      inFlight--;
      // Messages cross a structured-clone / JSON boundary in real life.
      to().receive(JSON.parse(JSON.stringify(message)));
    }, 0);
  };
  const appSession: BridgeSession = createBridgeSession({ role: 'app', library: app, send: (m) => deliver(() => extSession, m), log: (l) => logs.push(`app ${l}`), version: versions.app, chunkBytes });
  const extSession: BridgeSession = createBridgeSession({ role: 'extension', library: ext, send: (m) => deliver(() => appSession, m), log: (l) => logs.push(`ext ${l}`), version: versions.ext, chunkBytes });
  const settle = async () => {
    for (let quiet = 0; quiet < 5; ) {
      await new Promise((r) => setTimeout(r, 5));
      await appSession.idle();
      await extSession.idle();
      quiet = inFlight === 0 ? quiet + 1 : 0;
    }
  };
  return { appSession, extSession, logs, sent, settle };
}

async function titles(library: Library, id: string) {
  return (await library.open(id)).dossier.clips.all().map((c) => c.title).sort();
}

describe('bridge session', () => {
  it('links the personal dossiers: the extension adopts the app’s and brings its clips', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    const appPersonal = (await app.ensurePersonal()).id;
    const extPersonal = (await ext.ensurePersonal()).id;
    (await app.open(appPersonal)).dossier.clips.add({ capture: makeCapture({ title: 'Uit de app' }) });
    (await ext.open(extPersonal)).dossier.clips.add({ capture: makeCapture({ title: 'Geknipt zonder app' }), note: 'notitie' });

    const { appSession, extSession, settle } = connect(app, ext);
    appSession.start();
    await settle();

    expect(appSession.status.state).toBe('connected');
    expect(extSession.status.state).toBe('connected');
    expect(await ext.personalId()).toBe(appPersonal);
    expect(await ext.get(extPersonal)).toBeUndefined();
    expect(await titles(app, appPersonal)).toEqual(['Geknipt zonder app', 'Uit de app']);
    expect(await titles(ext, appPersonal)).toEqual(['Geknipt zonder app', 'Uit de app']);
  });

  it('syncs every dossier both ways, live, and follows deletions', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    await app.ensurePersonal();
    await ext.ensurePersonal();
    const team = await app.create('Wijkteam Noord', 'shared');
    const { appSession, settle } = connect(app, ext);
    appSession.start();
    await settle();

    expect((await ext.list()).map((r) => r.name)).toContain('Wijkteam Noord');
    const inExt = await ext.open(team.id);
    expect(inExt.dossier.meta()).toMatchObject({ name: 'Wijkteam Noord', kind: 'shared' });
    inExt.dossier.clips.add({ capture: makeCapture({ title: 'Geknipt in de extensie' }) });
    await settle();
    expect(await titles(app, team.id)).toEqual(['Geknipt in de extensie']);

    const inApp = await app.open(team.id);
    const theme = inApp.dossier.frameworks.addTheme(inApp.dossier.frameworks.addFramework({ name: 'Eigen kader' }), { name: 'Buurtkracht' });
    await settle();
    expect(inExt.dossier.frameworks.theme(theme)?.name).toBe('Buurtkracht');

    const later = await app.create('Later gemaakt');
    await settle();
    expect(await ext.get(later.id)).toBeDefined();

    await app.remove(team.id);
    await settle();
    expect(await ext.get(team.id)).toBeUndefined();
  });

  it('merges concurrent edits made on both sides', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    const id = (await app.ensurePersonal()).id;
    const { appSession, settle } = connect(app, ext);
    appSession.start();
    await settle();
    const a = await app.open(id);
    const clip = a.dossier.clips.add({ capture: makeCapture(), note: 'Basis.' });
    await settle();
    const e = await ext.open(id);
    a.dossier.clips.update(clip, { note: 'App: Basis.' });
    e.dossier.clips.update(clip, { note: 'Basis. Extensie.' });
    e.dossier.clips.tag([clip], [e.dossier.frameworks.list()[0].themes[0].id]);
    await settle();
    expect(a.dossier.clips.get(clip)).toEqual(e.dossier.clips.get(clip));
    expect(a.dossier.clips.get(clip)!.note).toBe('App: Basis. Extensie.');
  });

  it('reports a protocol version mismatch instead of ignoring it', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    await app.ensurePersonal();
    const { appSession, extSession, settle } = connect(app, ext, { app: 2, ext: 1 });
    appSession.start();
    await settle();
    expect(extSession.status).toMatchObject({ state: 'mismatch', peerVersion: 2 });
    expect(appSession.status).toMatchObject({ state: 'mismatch', peerVersion: 1 });
    expect(await ext.list()).toEqual([]);
  });

  it('sends large sync messages in chunks and joins them, for imports and live updates', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    const id = (await app.ensurePersonal()).id;
    const long = 'Een lang verhaal over de wijk. '.repeat(2_000); // ~60 kB of text
    (await app.open(id)).dossier.clips.add({ capture: makeCapture({ title: 'Lang artikel', text: long }) });
    const { appSession, logs, sent, settle } = connect(app, ext, {}, 4096);
    appSession.start();
    await settle();
    const chunks = (sent as { frame: { t: string; data?: string } }[]).filter((m) => m.frame.t === 'sync' && fromBase64(m.frame.data!)[0] === 75);
    expect(chunks.length).toBeGreaterThan(10);
    expect((await ext.open(id)).dossier.clips.all().map((c) => c.capture.text)).toEqual([long]);
    (await ext.open(id)).dossier.clips.add({ capture: makeCapture({ title: 'Ook lang', text: long.toUpperCase(), url: 'https://example.nl/lang' }) });
    await settle();
    expect(await titles(app, id)).toEqual(['Lang artikel', 'Ook lang']);
    expect(logs.filter((l) => l.includes('chunk'))).toEqual([]);
  });

  it('drops chunk runs that arrive out of order, with a logged reason', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    const id = (await app.ensurePersonal()).id;
    const { appSession, extSession, logs, sent, settle } = connect(app, ext);
    appSession.start();
    await settle();
    const session = (sent as { frame: { t: string; session?: string } }[]).find((m) => m.frame.t === 'dossiers')!.frame.session!;
    const doc = (await ext.open(id)).doc;
    const before = Y.encodeStateAsUpdate(doc);
    const [, second] = splitMessage(new Uint8Array(3000).fill(7), 9, 1024);
    extSession.receive({ tag: bridgeTag, from: 'app', frame: { t: 'sync', session, dossierId: id, data: toBase64(second) } });
    await settle();
    expect(logs.some((l) => l.includes('chunk frame out of order'))).toBe(true);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('ignores a mismatch frame that names its own version (an answer meant for someone else)', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    await app.ensurePersonal();
    const { appSession, settle, logs } = connect(app, ext);
    appSession.start();
    await settle();
    appSession.receive({ tag: bridgeTag, from: 'extension', frame: { t: 'mismatch', v: 1, peerVersion: 2, role: 'extension' } });
    expect(appSession.status.state).toBe('connected');
    expect(logs.some((l) => l.includes('mismatch frame'))).toBe(true);
    appSession.receive({ tag: bridgeTag, from: 'extension', frame: { t: 'mismatch', v: 2, peerVersion: 1, role: 'extension' } });
    expect(appSession.status).toMatchObject({ state: 'mismatch', peerVersion: 2 });
  });

  it('drops malformed, oversized and foreign-session frames with a logged reason, changing nothing', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    const id = (await app.ensurePersonal()).id;
    const { appSession, extSession, logs, settle } = connect(app, ext);
    appSession.start();
    await settle();
    const doc = (await ext.open(id)).doc;
    const before = Y.encodeStateAsUpdate(doc);
    const garbage: unknown[] = [
      { tag: bridgeTag, from: 'app', frame: { t: 'sync', session: 'x', dossierId: id, data: 'AAAA' } },
      { tag: bridgeTag, from: 'app', frame: { t: 'sync', session: 'x', dossierId: '../../etc', data: 'AAAA' } },
      { tag: bridgeTag, from: 'app', frame: { t: 'dossiers' } },
      { tag: bridgeTag, from: 'app', frame: { t: 'sync', session: 'a.b', dossierId: id, data: 'A'.repeat(50 * 1024 * 1024) } },
      { tag: bridgeTag, from: 'robot', frame: {} },
      { tag: bridgeTag, from: 'app', frame: { t: 'hello', v: 1, nonce: 'short', role: 'app' } },
    ];
    for (const message of garbage) extSession.receive(message);
    extSession.receive({ unrelated: 'page traffic' });
    extSession.receive('string');
    await settle();
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(logs.filter((l) => l.startsWith('ext bridge: dropped') || l.includes('another session')).length).toBe(garbage.length);
    expect(logs.some((l) => l.includes('too large'))).toBe(true);
    expect(extSession.status.state).toBe('connected');
  });

  it('checks envelopes strictly', () => {
    expect(checkEnvelope({ other: 1 })).toBeNull();
    expect(checkEnvelope({ tag: bridgeTag, from: 'app', frame: { t: 'bye', session: 'abc.def' } })).toMatchObject({ ok: true });
    expect(checkEnvelope({ tag: bridgeTag, from: 'app', frame: { t: 'bye', session: '<script>' } })).toMatchObject({ ok: false });
    expect(checkEnvelope({ tag: bridgeTag, from: 'app', frame: { t: 'sync', session: 'a.b', dossierId: 'd', data: '@@@' } })).toMatchObject({ ok: false });
  });
});
