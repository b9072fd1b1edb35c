// The inbound path of a peer session without the network: the gate (peer-messages.ts),
// then y-webrtc's way of reading a sync message into the mirror, then the checked bridge
// into the real doc. Seeded fuzz: for every rejected input the real doc is byte-for-byte
// unchanged.
import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { createDossier, initDossierDoc } from '../../dossier/dossier.js';
import { makeCapture } from '../../testing/captures.js';
import { createMirrorBridge, type MirrorBridge } from './mirror-bridge.js';
import { checkPeerMessage, messageSync } from './peer-messages.js';

function makeReal() {
  const doc = new Y.Doc();
  initDossierDoc(doc, { id: 'gedeeld', name: 'Wijkteam Noord', kind: 'shared' });
  const dossier = createDossier(doc);
  dossier.clips.add({ capture: makeCapture(), note: 'Mooi voorbeeld van eigen kracht.', themes: ['community-werker.leefwereld'] });
  dossier.clips.add({ capture: makeCapture() });
  return { doc, dossier };
}

function snapshot(doc: Y.Doc): string {
  return Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64') + '|' + JSON.stringify(doc.toJSON());
}

function syncMessage(update: Uint8Array, sub = 2): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  encoding.writeVarUint(encoder, sub);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * What a peer session does with one message: gate (which checks updates well-formed), then
 * y-webrtc's reading into the mirror, vouched for as the gate does (webrtc-gate.ts).
 */
function deliver(bridge: MirrorBridge, message: Uint8Array): 'dropped' | 'read' | 'threw' {
  const check = checkPeerMessage(message, { channel: 'webrtc', ownClientId: bridge.mirror.clientID });
  if (!check.ok) return 'dropped';
  try {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) === messageSync) {
      bridge.checkedWellFormed(() => syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), bridge.mirror, 'room'));
    }
    return 'read';
  } catch {
    return 'threw';
  }
}

function peerUpdate(real: Y.Doc, edit: (peer: Y.Doc) => void): Uint8Array {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(real));
  const before = Y.encodeStateVector(peer);
  edit(peer);
  return Y.encodeStateAsUpdate(peer, before);
}

describe('checked mirror bridge', () => {
  it('copies the real doc into the mirror and passes a valid peer edit through', () => {
    const { doc, dossier } = makeReal();
    const bridge = createMirrorBridge(doc);
    for (const name of ['meta', 'presets', 'frameworks', 'themes', 'clips']) {
      expect(bridge.mirror.getMap(name).toJSON()).toEqual(doc.getMap(name).toJSON());
    }
    const update = peerUpdate(doc, (peer) => {
      const other = createDossier(peer);
      other.clips.add({ capture: makeCapture({ title: 'Van een collega' }), themes: ['community-werker.leefwereld'] });
    });
    expect(deliver(bridge, syncMessage(update))).toBe('read');
    expect(dossier.clips.all().map((c) => c.title)).toContain('Van een collega');
    expect(bridge.stats()).toEqual({ applied: 1, rejected: 0 });
    // Local edits flow to the mirror.
    dossier.updateMeta({ name: 'Wijkteam Noord en Oost' });
    expect(bridge.mirror.getMap('meta').get('name')).toBe('Wijkteam Noord en Oost');
    bridge.destroy();
  });

  it('reports peer updates as remote in the dossier change feed', () => {
    const { doc, dossier } = makeReal();
    const bridge = createMirrorBridge(doc);
    const sources: string[] = [];
    dossier.observe((change) => sources.push(change.source));
    deliver(bridge, syncMessage(peerUpdate(doc, (peer) => createDossier(peer).clips.add({ capture: makeCapture() }))));
    expect(sources).toEqual(['remote']);
  });

  const hostileEdits: Record<string, (peer: Y.Doc, clipId: string) => void> = {
    'unknown root': (peer) => peer.getMap('evil').set('x', 1),
    'unknown root text': (peer) => peer.getText('notes').insert(0, 'hoi'),
    'clip replaced by a string': (peer, id) => peer.getMap('clips').set(id, 'kapot'),
    'new clip that is a number': (peer) => peer.getMap('clips').set('nieuw', 42),
    'clip note replaced by a string': (peer, id) => (peer.getMap('clips').get(id) as Y.Map<unknown>).set('note', 'platte tekst'),
    'capture replaced by a Y.Map': (peer, id) => (peer.getMap('clips').get(id) as Y.Map<unknown>).set('capture', new Y.Map()),
    'theme tag that is not true': (peer, id) => ((peer.getMap('clips').get(id) as Y.Map<unknown>).get('themes') as Y.Map<unknown>).set('community-werker.leefwereld', 'ja'),
    'meta name as an object': (peer) => peer.getMap('meta').set('name', { html: '<img onerror=alert(1)>' }),
    'meta name far too long': (peer) => peer.getMap('meta').set('name', 'x'.repeat(5000)),
    'preset flag as a string': (peer) => peer.getMap('presets').set('dichterbij', 'aan'),
    'sub-document': (peer, id) => (peer.getMap('clips').get(id) as Y.Map<unknown>).set('extra', new Y.Doc()),
    'binary content': (peer) => peer.getMap('meta').set('blob', new Uint8Array([1, 2, 3])),
    'xml in a framework': (peer) => peer.getMap('frameworks').set('f', new Y.XmlFragment()),
    'list in a root map': (peer) => peer.getArray('clips').insert(0, [1]),
  };

  for (const [name, edit] of Object.entries(hostileEdits)) {
    it(`rejects a well-formed update with the wrong shape: ${name}`, () => {
      const { doc } = makeReal();
      const clipId = [...doc.getMap('clips').keys()][0];
      const bridge = createMirrorBridge(doc);
      const before = snapshot(doc);
      let update: Uint8Array;
      try {
        update = peerUpdate(doc, (peer) => edit(peer, clipId));
      } catch {
        return; // Yjs itself refused to build it
      }
      const outcome = deliver(bridge, syncMessage(update));
      expect(outcome === 'dropped' || bridge.stats().rejected > 0).toBe(true);
      expect(snapshot(doc)).toBe(before);
      expect(bridge.stats().applied).toBe(0);
      bridge.destroy();
    });
  }

  it('checks items that a later update releases from pending: a hostile one waits, then is refused whole', () => {
    const { doc } = makeReal();
    const bridge = createMirrorBridge(doc);
    const before = snapshot(doc);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    let state = Y.encodeStateVector(peer);
    createDossier(peer).clips.add({ capture: makeCapture({ title: 'Eerst' }) });
    const first = Y.encodeStateAsUpdate(peer, state);
    state = Y.encodeStateVector(peer);
    peer.getMap('meta').set('extra', { html: '<img onerror=alert(1)>' });
    const second = Y.encodeStateAsUpdate(peer, state);
    // The second arrives first: it waits in the mirror (nothing integrated, nothing applied).
    expect(deliver(bridge, syncMessage(second))).toBe('read');
    expect(bridge.stats()).toEqual({ applied: 0, rejected: 0 });
    expect(snapshot(doc)).toBe(before);
    // The first releases it: the transaction holds both, the hostile item fails the shape.
    expect(deliver(bridge, syncMessage(first))).toBe('read');
    expect(bridge.stats()).toEqual({ applied: 0, rejected: 1 });
    expect(snapshot(doc)).toBe(before);
    bridge.destroy();
  });

  it('fuzz: random and mutated messages never change the real doc when rejected (seeded)', () => {
    const base = makeReal();
    const valid = peerUpdate(base.doc, (peer) => {
      const other = createDossier(peer);
      const id = other.clips.add({ capture: makeCapture(), note: 'Notitie' });
      other.clips.tag([id], ['community-werker.leefwereld']);
      other.clips.trash([[...peer.getMap('clips').keys()][0]]);
    });
    const validMessage = syncMessage(valid);
    const mutation = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ kind: 'random' as const, bytes })),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ kind: 'framed' as const, bytes: syncMessage(bytes, bytes[0] % 3) })),
      fc.tuple(fc.nat(validMessage.length - 1), fc.integer({ min: 1, max: 255 })).map(([at, xor]) => {
        const bytes = validMessage.slice();
        bytes[at] ^= xor;
        return { kind: 'flip' as const, bytes };
      }),
      fc.nat(validMessage.length - 1).map((at) => ({ kind: 'cut' as const, bytes: validMessage.slice(0, at) })),
      fc.tuple(fc.nat(valid.length - 1), fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([at, junk]) => {
        const update = new Uint8Array([...valid.slice(0, at), ...junk, ...valid.slice(at)]);
        return { kind: 'splice' as const, bytes: syncMessage(update) };
      }),
    );
    let rejected = 0;
    let accepted = 0;
    fc.assert(
      fc.property(mutation, ({ bytes }) => {
        const { doc, dossier } = makeReal();
        const bridge = createMirrorBridge(doc);
        const before = snapshot(doc);
        const outcome = deliver(bridge, bytes);
        const stats = bridge.stats();
        if (outcome !== 'read' || stats.applied === 0) {
          rejected++;
          expect(snapshot(doc)).toBe(before);
        } else {
          accepted++;
          // Accepted mutants are valid dossier edits: the dossier still reads.
          expect(() => dossier.clips.all()).not.toThrow();
        }
        expect(outcome).not.toBe('threw');
        bridge.destroy();
      }),
      { seed: 20240607, numRuns: 1500 },
    );
    expect(rejected).toBeGreaterThan(1000);
    console.info(`mirror-bridge fuzz: ${rejected} rejected with the real doc unchanged, ${accepted} valid mutants accepted`);
  });

  it('also holds without the gate: garbage applied straight to the mirror never reaches the real doc unchecked', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 400 }), (bytes) => {
        const { doc } = makeReal();
        const bridge = createMirrorBridge(doc);
        const before = snapshot(doc);
        try {
          Y.applyUpdate(bridge.mirror, bytes, 'room');
        } catch {
          // y-webrtc would throw here too
        }
        if (bridge.stats().applied === 0) expect(snapshot(doc)).toBe(before);
        bridge.destroy();
      }),
      { seed: 99, numRuns: 1000 },
    );
  });

  it('measures the cost of the mirror for a large dossier', () => {
    const doc = new Y.Doc();
    initDossierDoc(doc, { id: 'groot', name: 'Groot dossier', kind: 'shared' });
    const dossier = createDossier(doc);
    const body = 'Bewoners organiseren samen een buurtmaaltijd en de opbouwwerker sluit aan. '.repeat(60); // ~4.5 KB
    for (let i = 0; i < 500; i++) dossier.clips.add({ capture: makeCapture({ text: body, html: `<p>${body}</p>`, markdown: body }) });
    const bytes = Y.encodeStateAsUpdate(doc).length;
    let t = performance.now();
    const bridge = createMirrorBridge(doc);
    const copyMs = performance.now() - t;
    const id = dossier.clips.all()[0].id;
    t = performance.now();
    for (let i = 0; i < 200; i++) dossier.clips.update(id, { note: `Notitie ${i}` });
    const perEditMs = (performance.now() - t) / 200;
    const peerEdit = peerUpdate(doc, (peer) => createDossier(peer).clips.add({ capture: makeCapture() }));
    t = performance.now();
    deliver(bridge, syncMessage(peerEdit));
    const inboundMs = performance.now() - t;
    console.info(
      `mirror cost, 500 clips (${(bytes / 1e6).toFixed(1)} MB state): initial copy ${copyMs.toFixed(0)} ms; ` +
        `local edit incl. mirror ${perEditMs.toFixed(2)} ms; checked inbound edit ${inboundMs.toFixed(2)} ms`,
    );
    expect(bridge.mirror.getMap('clips').size).toBe(501);
    bridge.destroy();
  });
});
