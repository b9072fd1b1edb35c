// What the bridge session gives those it should not: a page without the pair key, a replayed
// handshake, the loopback twin of the app's origin, another protocol version, and malformed,
// oversized or foreign frames get nothing and change nothing. (Pairing itself: session.test.ts.)
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeCapture } from '../../testing/captures.js';
import { bridgeTag, checkEnvelope } from './protocol.js';
import { createMemoryPairStore, encodePairKey } from './pairing.js';
import { connect, dossierFrames, newLibrary, pairedRig } from '../../testing/bridge-rig.js';

const hostile = (frame: object) => ({ tag: bridgeTag, from: 'app', frame });

/** An extension library with a personal dossier holding a clip, and two shared dossiers. */
async function stockedExtension() {
  const ext = newLibrary();
  const personal = (await ext.ensurePersonal()).id;
  (await ext.open(personal)).dossier.clips.add({ capture: makeCapture({ title: 'Privé knipsel' }) });
  await ext.create('Wijkteam Noord', 'shared');
  await ext.create('Wijkteam Zuid', 'shared');
  const snapshot = async () => {
    const records = await ext.list();
    const states = await Promise.all(records.map(async (r) => Y.encodeStateAsUpdate((await ext.open(r.id)).doc).length));
    return JSON.stringify([records.map((r) => r.id), await ext.deletedIds(), states]);
  };
  return { ext, personal, snapshot };
}

describe('bridge session: guards', () => {
  it('gives a page without the pair key nothing, whatever it sends, and lets it delete nothing', async () => {
    const app = newLibrary();
    await app.ensurePersonal();
    const { ext, snapshot } = await stockedExtension();
    const first = await pairedRig(app, ext);
    first.close();
    const before = await snapshot();
    const realPair = first.extPairs.all()[0];

    // A page on the app's origin that knows the pair id (it is public) but not the key.
    const forgedPairs = createMemoryPairStore([{ ...realPair, key: encodePairKey(new Uint8Array(32).fill(7)) }]);
    const rig = connect(newLibrary(), ext, { appPairs: forgedPairs, extPairs: first.extPairs });
    await rig.appSession.start();
    await rig.settle();
    expect(rig.appSession.status.state).toBe('unpaired');
    expect(rig.logs).toContain('app bridge: welcome with a wrong proof of the pairing dropped');

    // And by hand: hello with the real pair id, then a made-up proof; then every frame it can think of.
    const hello = { t: 'hello', v: 2, nonce: 'a'.repeat(24), role: 'app', pair: realPair.id };
    rig.extSession.receive(hostile(hello));
    await rig.settle();
    const welcome = rig.sent.filter((m) => m.frame.t === 'welcome').at(-1)!.frame;
    const session = `${'a'.repeat(24)}.${welcome.peerNonce}`;
    rig.extSession.receive(hostile({ t: 'auth', session, proof: '0'.repeat(64) }));
    await rig.settle();
    expect(rig.sent.at(-1)!.frame).toEqual({ t: 'unpaired', v: 2, nonce: 'a'.repeat(24), role: 'extension' });
    rig.extSession.receive(hostile({ t: 'auth', session, proof: '1'.repeat(64) })); // no second try
    const ids = (await ext.list()).map((r) => r.id);
    for (const frame of [
      { t: 'dossiers', session, list: [], deleted: ids, personalId: null, personalLinked: true, aliases: [] },
      { t: 'sync', session, dossierId: ids[0], data: 'AAAA' },
      { t: 'ready', session },
      { t: 'unpair', session },
      { t: 'pair-done', nonce: 'a'.repeat(24), pair: realPair.id, proof: 'f'.repeat(64) },
      { t: 'bye', session },
    ]) {
      rig.extSession.receive(hostile(frame));
    }
    await rig.settle();
    expect(dossierFrames(rig.sent.filter((m) => m.from === 'extension'))).toEqual([]);
    expect(rig.sent.filter((m) => m.frame.t === 'ready')).toEqual([]);
    expect(rig.extSession.status.state).not.toBe('connected');
    expect(await snapshot()).toBe(before);
    expect(first.extPairs.all()).toEqual([realPair]);
  });

  it('refuses a replayed handshake: an old auth proves nothing in a new session', async () => {
    const app = newLibrary();
    await app.ensurePersonal();
    const { ext, snapshot } = await stockedExtension();
    const first = await pairedRig(app, ext);
    await first.settle();
    const recorded = first.sent.filter((m) => m.from === 'app' && (m.frame.t === 'hello' || m.frame.t === 'auth')).slice(-2);
    expect(recorded.map((m) => m.frame.t)).toEqual(['hello', 'auth']);
    first.close();
    const before = await snapshot();

    const rig = connect(newLibrary(), ext, { extPairs: first.extPairs });
    rig.extSession.receive(hostile(recorded[0].frame));
    await rig.settle();
    const welcome = rig.sent.find((m) => m.frame.t === 'welcome')!.frame;
    expect(welcome.nonce).toBe(recorded[0].frame.nonce);
    rig.extSession.receive(hostile(recorded[1].frame)); // the old session name
    rig.extSession.receive(hostile({ ...recorded[1].frame, session: `${welcome.nonce}.${welcome.peerNonce}` })); // the old proof under the new name
    await rig.settle();
    expect(rig.logs).toContain('ext bridge: auth for another handshake dropped');
    expect(rig.logs).toContain('ext bridge: the app’s proof of the pairing is wrong; no session');
    expect(rig.sent.filter((m) => m.frame.t === 'ready' || m.frame.t === 'dossiers')).toEqual([]);
    expect(await snapshot()).toBe(before);
  });

  it('keeps a pairing to the origin it was made on: the loopback twin gets nothing with it', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    await app.ensurePersonal();
    const first = await pairedRig(app, ext);
    first.close();
    // Same stored pairing (as if copied), but the extension sees the page on http://localhost:8787.
    const twin = connect(newLibrary(), ext, {
      appPairs: createMemoryPairStore(first.appPairs.all()),
      extPairs: first.extPairs,
      appOrigin: 'http://localhost:8787',
      extOrigin: 'http://localhost:8787',
    });
    await twin.appSession.start();
    await twin.settle();
    expect(twin.appSession.status.state).toBe('unpaired');
    expect(dossierFrames(twin.sent)).toEqual([]);
  });

  it('reports a protocol version mismatch instead of ignoring it', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    await app.ensurePersonal();
    const { appSession, extSession, settle } = connect(app, ext, { versions: { app: 3, ext: 2 } });
    await appSession.start();
    await settle();
    expect(extSession.status).toMatchObject({ state: 'mismatch', peerVersion: 3 });
    expect(appSession.status).toMatchObject({ state: 'mismatch', peerVersion: 2 });
    expect(await ext.list()).toEqual([]);
  });

  it('answers an old app’s hello (protocol 1, no pairing field) with a mismatch', async () => {
    const ext = newLibrary();
    const rig = connect(newLibrary(), ext);
    rig.extSession.receive({ tag: bridgeTag, from: 'app', frame: { t: 'hello', v: 1, nonce: 'o'.repeat(24), role: 'app' } });
    await rig.settle();
    expect(rig.sent.at(-1)!.frame).toEqual({ t: 'mismatch', v: 2, peerVersion: 1, role: 'extension' });
  });

  it('ignores a mismatch frame that names its own version (an answer meant for someone else)', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    await app.ensurePersonal();
    const { appSession, logs } = await pairedRig(app, ext);
    appSession.receive({ tag: bridgeTag, from: 'extension', frame: { t: 'mismatch', v: 2, peerVersion: 3, role: 'extension' } });
    expect(appSession.status.state).toBe('connected');
    expect(logs.some((l) => l.includes('mismatch frame'))).toBe(true);
    appSession.receive({ tag: bridgeTag, from: 'extension', frame: { t: 'mismatch', v: 3, peerVersion: 2, role: 'extension' } });
    expect(appSession.status).toMatchObject({ state: 'mismatch', peerVersion: 3 });
  });

  it('drops malformed, oversized and foreign-session frames with a logged reason, changing nothing', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    const id = (await app.ensurePersonal()).id;
    const { extSession, logs, settle } = await pairedRig(app, ext);
    const doc = (await ext.open(id)).doc;
    const before = Y.encodeStateAsUpdate(doc);
    const garbage: unknown[] = [
      hostile({ t: 'sync', session: 'x', dossierId: id, data: 'AAAA' }),
      hostile({ t: 'sync', session: 'x', dossierId: '../../etc', data: 'AAAA' }),
      hostile({ t: 'dossiers' }),
      hostile({ t: 'sync', session: 'a.b', dossierId: id, data: 'A'.repeat(50 * 1024 * 1024) }),
      { tag: bridgeTag, from: 'robot', frame: {} },
      hostile({ t: 'hello', v: 2, nonce: 'short', role: 'app' }),
      hostile({ t: 'pair-request', v: 2, nonce: 'n'.repeat(24), role: 'app', key: '<script>' }),
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
    expect(checkEnvelope({ tag: bridgeTag, from: 'app', frame: { t: 'auth', session: 'a.b', proof: 'xyz' } })).toMatchObject({ ok: false });
    expect(checkEnvelope({ tag: bridgeTag, from: 'app', frame: { t: 'hello', v: 2, nonce: 'n'.repeat(24), role: 'app' } })).toMatchObject({
      ok: true,
      envelope: { frame: { pair: null } },
    });
  });
});
