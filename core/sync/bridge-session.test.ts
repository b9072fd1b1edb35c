import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeCapture } from '../dossier/test-fixtures.js';
import { createLibrary, type Library } from '../library/library.js';
import { createMemoryLibraryStore } from '../storage/library-store.js';
import { createMemoryProjectionStore } from '../storage/projection-store.js';
import { createMemoryUpdateStore } from '../storage/update-store.js';
import { bridgeTag, checkEnvelope } from './bridge-protocol.js';
import { createBridgeSession, type BridgeSession } from './bridge-session.js';

const newLibrary = () =>
  createLibrary({ updates: createMemoryUpdateStore(), library: createMemoryLibraryStore(), projections: createMemoryProjectionStore() });

function connect(app: Library, ext: Library, versions: { app?: number; ext?: number } = {}) {
  const logs: string[] = [];
  let inFlight = 0;
  const deliver = (to: () => BridgeSession, message: unknown) => {
    inFlight++;
    setTimeout(() => {
      inFlight--;
      // Messages cross a structured-clone / JSON boundary in real life.
      to().receive(JSON.parse(JSON.stringify(message)));
    }, 0);
  };
  const appSession: BridgeSession = createBridgeSession({ role: 'app', library: app, send: (m) => deliver(() => extSession, m), log: (l) => logs.push(`app ${l}`), version: versions.app });
  const extSession: BridgeSession = createBridgeSession({ role: 'extension', library: ext, send: (m) => deliver(() => appSession, m), log: (l) => logs.push(`ext ${l}`), version: versions.ext });
  const settle = async () => {
    for (let quiet = 0; quiet < 5; ) {
      await new Promise((r) => setTimeout(r, 5));
      await appSession.idle();
      await extSession.idle();
      quiet = inFlight === 0 ? quiet + 1 : 0;
    }
  };
  return { appSession, extSession, logs, settle };
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
