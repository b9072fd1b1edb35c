// Garbage from outside, against the real modules: random and mutated Yjs updates (mutations
// of the real updates of a real dossier), awareness messages, y-webrtc peer messages through
// the checked mirror bridge, bridge frames between two real bridge sessions, and frames to
// the real signalling server. Each campaign returns its figures; it throws (with the input's
// index, so `KNIPSEL_SEED` replays it) as soon as an input that was rejected changed the
// local dossier — its Y.Doc state or its persisted update log — or an accepted one broke it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { attachPersistence, createDossier, createLibrary, createMemoryLibraryStore, createMemoryProjectionStore, createMemoryUpdateStore, initDossierDoc, type Library, type UpdateStore } from '@knipsel/core';
import { makeCapture, settleSessions } from '@knipsel/core/testing';
import { applyCheckedUpdate, createDocSync, toBase64 } from '@knipsel/core/sync';
import { type BridgeSession, bridgeTag, checkEnvelope, createBridgeSession, createMemoryPairStore } from '@knipsel/core/bridge';
import { checkAwarenessUpdate, checkPeerMessage, checkPresence, createMirrorBridge, messageAwareness, messageBcPeerId, messageQueryAwareness, messageSync } from '@knipsel/core/peer';
import { createKnipselServer } from '../../../server/create-server.js';
import { concat, equalBytes, mutate, randomString, randomValue, type Rng } from '../support/prng.js';

export type Progress = (index: number) => void;

/** Where a failing input is written, so it can be replayed without re-running the campaign. */
const failuresDir = join(dirname(fileURLToPath(import.meta.url)), '../../../.tmp/reliability-failures');

function keepInput(name: string, index: number, input: Uint8Array, extra?: Uint8Array): string {
  mkdirSync(failuresDir, { recursive: true });
  const file = join(failuresDir, `${name}-${index}.bin`);
  writeFileSync(file, input);
  if (extra) writeFileSync(file.replace(/\.bin$/, '.state.bin'), extra);
  return file;
}
export type Figures = Record<string, number>;

const theme = 'community-werker.leefwereld';
const docId = 'fuzz-dossier';

/** A real dossier (clips, notes, themes, highlights, trash) and every update its edits made. */
export function realDossier(): { base: Uint8Array; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  doc.clientID = 0x5eed; // fixed, so the same seed mutates the same bytes
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  initDossierDoc(doc, { id: docId, name: 'Praktijkvoorbeelden', now: 1_700_000_000_000 });
  const dossier = createDossier(doc, { now: () => 1_700_000_000_000 });
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) ids.push(dossier.clips.add({ capture: makeCapture(), note: i % 2 ? 'Begin bij wat bewoners drijft.' : '', themes: i % 3 ? [theme] : [] }));
  dossier.clips.update(ids[0], { note: 'Eerste reflectie: de opbouwwerker deed een stap terug.' });
  dossier.clips.noteText(ids[1]).insert(3, ' (aangevuld)');
  dossier.clips.addHighlight(ids[2], { quote: { exact: 'buurtmaaltijd', prefix: 'samen een ', suffix: '. De' }, note: 'mooi' });
  dossier.clips.tag([ids[3], ids[4]], [theme]);
  dossier.clips.trash([ids[5]]);
  dossier.updateMeta({ course: 'Leergang wijkgericht werken' });
  return { base: Y.encodeStateAsUpdate(doc), updates };
}

/** A well-formed update that does not fit the dossier layout (a peer writing foreign shapes). */
function shapeHostileUpdate(rng: Rng, base: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const before = Y.encodeStateVector(doc);
  const clips = doc.getMap('clips');
  const firstClip = [...clips.keys()][0];
  const clip = clips.get(firstClip) as Y.Map<unknown>;
  switch (rng.int(8)) {
    case 0:
      doc.getMap('evil').set('x', 1);
      break;
    case 1:
      clip.set('note', 'not a Y.Text');
      break;
    case 2:
      clip.set('capture', new Y.Text('<script>alert(1)</script>'));
      break;
    case 3:
      (clip.get('themes') as Y.Map<unknown>).set(theme, { evil: true });
      break;
    case 4:
      clips.set('nieuw', 'a string where a clip map belongs');
      break;
    case 5:
      doc.getMap('meta').set('name', 'x'.repeat(5_000));
      break;
    case 6:
      clip.set('title', new Uint8Array([1, 2, 3]));
      break;
    default:
      clip.set('sub', new Y.Doc());
  }
  return Y.encodeStateAsUpdate(doc, before);
}

/** The dossier with persistence, rebuilt from `base` (after an input that was accepted). */
async function freshReplica(base: Uint8Array) {
  const store = createMemoryUpdateStore();
  await store.append(docId, base);
  const doc = new Y.Doc();
  const persistence = attachPersistence(doc, store, docId);
  await persistence.ready;
  return { doc, store, persistence };
}

async function storeBytes(store: UpdateStore): Promise<Uint8Array> {
  return concat(...(await store.load(docId)));
}

/**
 * After an accepted input: the dossier still reads, and so does a replica reloaded from the
 * stored log. Returns true when the reloaded replica shows something else than the live one.
 * (Known: Yjs can integrate a crafted update — an item whose origins contradict each other —
 * differently live than when the update event it emitted is replayed; the figure is reported.
 * Pending structs and delete sets are not written until they integrate; the next sync sends
 * them again, since no state vector counts them as had.)
 */
async function checkStillWhole(doc: Y.Doc, store: UpdateStore, index: number, flush: () => Promise<void>): Promise<boolean> {
  const read = (d: Y.Doc, what: string) => {
    try {
      const dossier = createDossier(d);
      dossier.clips.all();
      dossier.meta();
    } catch (error) {
      if (!(error instanceof Error && /newer/i.test(error.message))) throw new Error(`input #${index}: accepted input left a ${what} that does not read: ${String(error)}`);
    }
  };
  read(doc, 'dossier');
  await flush(); // reading may have migrated the doc (a mutated schemaVersion): let that be stored
  const reloaded = new Y.Doc();
  for (const u of await store.load(docId)) Y.applyUpdate(reloaded, u);
  read(reloaded, 'reloaded dossier');
  const content = (d: Y.Doc) => JSON.stringify(['meta', 'presets', 'frameworks', 'themes', 'clips'].map((root) => d.getMap(root).toJSON()));
  if (!equalBytes(Y.encodeStateVector(reloaded), Y.encodeStateVector(doc))) throw new Error(`input #${index}: the stored log lacks integrated updates`);
  return content(reloaded) !== content(doc);
}

function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

function yjsInput(rng: Rng, base: Uint8Array, updates: Uint8Array[]): Uint8Array {
  const donors = [base, ...updates];
  switch (rng.int(6)) {
    case 0:
      return rng.bytes(rng.int(200));
    case 1:
      return mutate(rng, base, donors);
    case 2:
      return shapeHostileUpdate(rng, base);
    default:
      return mutate(rng, rng.pick(updates), donors);
  }
}

/** Yjs updates straight at a dossier (the bridge's DocSync path and applyCheckedUpdate). */
export async function yjsUpdates(rng: Rng, count: number, progress: Progress): Promise<Figures> {
  const { base, updates } = realDossier();
  let replica = await freshReplica(base);
  let sync = createDocSync(replica.doc, () => undefined);
  let rejected = 0;
  let accepted = 0;
  let acceptedDiverged = 0;
  for (let i = 0; i < count; i++) {
    progress(i);
    const update = yjsInput(rng, base, updates);
    const viaSync = rng.chance(0.5);
    const message = viaSync ? (rng.chance(0.8) ? syncMessage(rng.pick([1, 2]), update) : mutate(rng, syncMessage(2, update))) : update;
    const stateBefore = Y.encodeStateAsUpdate(replica.doc);
    const storedBefore = await storeBytes(replica.store);
    let ok: boolean;
    try {
      ok = viaSync ? sync.receive(message) : applyCheckedUpdate(replica.doc, message, 'fuzz');
    } catch (error) {
      throw new Error(`input #${i}: threw instead of rejecting: ${String(error)}`);
    }
    await replica.persistence.flush();
    const failed = (what: string) => new Error(`input #${i}: ${what} (input kept in ${keepInput('yjs', i, message, stateBefore)})`);
    if (!ok) {
      rejected++;
      if (!equalBytes(stateBefore, Y.encodeStateAsUpdate(replica.doc))) throw failed('rejected update changed the dossier');
      if (!equalBytes(storedBefore, await storeBytes(replica.store))) throw failed('rejected update changed the stored log');
    } else {
      accepted++;
      const diverged = await checkStillWhole(replica.doc, replica.store, i, () => replica.persistence.flush()).catch((error: Error) => {
        throw failed(error.message);
      });
      if (diverged) {
        acceptedDiverged++;
        keepInput('yjs-diverged', i, message, stateBefore);
      }
      sync.destroy();
      replica.persistence.destroy();
      replica = await freshReplica(base);
      sync = createDocSync(replica.doc, () => undefined);
    }
  }
  return { inputs: count, rejected, accepted, acceptedDiverged };
}

function presenceAwareness(doc: Y.Doc, name: string) {
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ name, colour: '#1a7f5a', view: { screen: 'library' } });
  return awareness;
}

function awarenessInput(rng: Rng, samples: Uint8Array[], ownId: number): Uint8Array {
  switch (rng.int(5)) {
    case 0:
      return rng.bytes(rng.int(120));
    case 1: {
      // Hand-made: random clients (sometimes ours), clocks and JSON states.
      const encoder = encoding.createEncoder();
      const n = rng.int(4);
      encoding.writeVarUint(encoder, n);
      for (let i = 0; i < n; i++) {
        encoding.writeVarUint(encoder, rng.chance(0.3) ? ownId : rng.int(2 ** 31));
        encoding.writeVarUint(encoder, rng.int(1000));
        const state = rng.chance(0.3) ? { name: randomString(rng) || 'x', colour: '#aabbcc', view: { screen: 'clip' } } : randomValue(rng);
        encoding.writeVarString(encoder, JSON.stringify(state) ?? 'null');
      }
      return encoding.toUint8Array(encoder);
    }
    default:
      return mutate(rng, rng.pick(samples), samples);
  }
}

/** Awareness (presence) messages against our own awareness. */
export async function awarenessMessages(rng: Rng, count: number, progress: Progress): Promise<Figures> {
  const doc = new Y.Doc();
  const awareness = presenceAwareness(doc, 'Sanne');
  const others = [presenceAwareness(new Y.Doc(), 'Youssef'), presenceAwareness(new Y.Doc(), 'Anouk')];
  const samples = others.map((o) => awarenessProtocol.encodeAwarenessUpdate(o, [o.clientID]));
  let rejected = 0;
  let accepted = 0;
  const own = () => JSON.stringify([awareness.getLocalState(), awareness.meta.get(awareness.clientID)?.clock]);
  const all = () => JSON.stringify([...awareness.getStates()]);
  for (let i = 0; i < count; i++) {
    progress(i);
    const input = awarenessInput(rng, samples, awareness.clientID);
    const ownBefore = own();
    const before = all();
    const ownClock = awareness.meta.get(awareness.clientID)?.clock ?? 0;
    const problem = checkAwarenessUpdate(input, awareness.clientID, ownClock);
    if (problem) {
      rejected++;
      if (all() !== before) throw new Error(`input #${i}: rejected awareness message changed the states`);
    } else {
      accepted++;
      try {
        awarenessProtocol.applyAwarenessUpdate(awareness, input, 'peer');
      } catch (error) {
        throw new Error(`input #${i}: checked awareness message threw: ${String(error)}`);
      }
      for (const [id, state] of awareness.getStates()) {
        if (id !== awareness.clientID && state !== null && checkPresence(state) === null) throw new Error(`input #${i}: a state outside the presence schema got in`);
      }
    }
    if (own() !== ownBefore) throw new Error(`input #${i}: a peer changed our own presence`);
  }
  return { inputs: count, rejected, accepted };
}

function peerInput(rng: Rng, base: Uint8Array, updates: Uint8Array[], awarenessSample: Uint8Array): Uint8Array {
  const frame = (...parts: Array<[number] | [Uint8Array]>) => {
    const encoder = encoding.createEncoder();
    for (const [part] of parts) {
      if (typeof part === 'number') encoding.writeVarUint(encoder, part);
      else encoding.writeVarUint8Array(encoder, part);
    }
    return encoding.toUint8Array(encoder);
  };
  const update = () => (rng.chance(0.5) ? shapeHostileUpdate(rng, base) : mutate(rng, rng.pick(updates), [base, ...updates]));
  let message: Uint8Array;
  switch (rng.int(8)) {
    case 0:
      return rng.bytes(rng.int(200));
    case 1:
      message = frame([messageSync], [syncProtocol.messageYjsSyncStep1], [rng.bytes(rng.int(20))]);
      break;
    case 2:
      message = frame([messageAwareness], [mutate(rng, awarenessSample)]);
      break;
    case 3:
      message = frame([messageQueryAwareness]);
      break;
    case 4: {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageBcPeerId);
      encoding.writeUint8(encoder, rng.int(3));
      encoding.writeVarString(encoder, randomString(rng));
      message = encoding.toUint8Array(encoder);
      break;
    }
    default:
      message = frame([messageSync], [rng.pick([syncProtocol.messageYjsSyncStep2, syncProtocol.messageYjsUpdate])], [update()]);
  }
  return rng.chance(0.3) ? mutate(rng, message) : message;
}

/** y-webrtc messages through checkPeerMessage and the checked mirror bridge into a dossier. */
export async function peerMessages(rng: Rng, count: number, progress: Progress): Promise<Figures> {
  const { base, updates } = realDossier();
  const sample = (() => {
    const a = presenceAwareness(new Y.Doc(), 'Youssef');
    return awarenessProtocol.encodeAwarenessUpdate(a, [a.clientID]);
  })();
  const setup = async () => {
    const replica = await freshReplica(base);
    const bridge = createMirrorBridge(replica.doc);
    const awareness = presenceAwareness(bridge.mirror, 'Sanne');
    return { ...replica, bridge, awareness };
  };
  let peer = await setup();
  let rejectedByCheck = 0;
  let rejectedByShape = 0;
  let accepted = 0;
  let acceptedDiverged = 0;
  for (let i = 0; i < count; i++) {
    progress(i);
    const message = peerInput(rng, base, updates, sample);
    const stateBefore = Y.encodeStateAsUpdate(peer.doc);
    const storedBefore = await storeBytes(peer.store);
    const rejectedBefore = peer.bridge.stats().rejected;
    const check = checkPeerMessage(message, { channel: 'webrtc', ownClientId: peer.awareness.clientID, ownClock: peer.awareness.meta.get(peer.awareness.clientID)?.clock ?? 0 });
    let changedAllowed = false;
    if (!check.ok) {
      rejectedByCheck++;
    } else {
      // What y-webrtc does with a message that passed the gate (its own errors are caught there).
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      try {
        if (type === messageSync) syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), peer.bridge.mirror, 'peer');
        else if (type === messageAwareness) awarenessProtocol.applyAwarenessUpdate(peer.awareness, decoding.readVarUint8Array(decoder), 'peer');
      } catch {
        // y-webrtc logs and drops; the real doc must still be untouched (checked below).
      }
      if (peer.bridge.stats().rejected > rejectedBefore) rejectedByShape++;
      else {
        accepted++;
        changedAllowed = true;
      }
    }
    await peer.persistence.flush();
    if (!changedAllowed) {
      if (!equalBytes(stateBefore, Y.encodeStateAsUpdate(peer.doc))) throw new Error(`input #${i}: rejected peer message changed the dossier`);
      if (!equalBytes(storedBefore, await storeBytes(peer.store))) throw new Error(`input #${i}: rejected peer message changed the stored log`);
    } else if (!equalBytes(stateBefore, Y.encodeStateAsUpdate(peer.doc))) {
      if (await checkStillWhole(peer.doc, peer.store, i, () => peer.persistence.flush())) acceptedDiverged++;
      peer.bridge.destroy();
      peer.persistence.destroy();
      peer = await setup();
    }
  }
  return { inputs: count, rejectedByCheck, rejectedByShape, accepted, acceptedDiverged };
}

function newLibrary(): Library {
  return createLibrary({ updates: createMemoryUpdateStore(), library: createMemoryLibraryStore(), projections: createMemoryProjectionStore() });
}

/** Two real bridge sessions (app, extension) connected in memory; garbage injected into the app. */
export async function bridgeFrames(rng: Rng, count: number, progress: Progress): Promise<Figures> {
  const app = newLibrary();
  const ext = newLibrary();
  const personal = await app.ensurePersonal();
  const handle = await app.open(personal.id);
  handle.dossier.clips.add({ capture: makeCapture(), note: 'Wat neem ik mee?', themes: [theme] });
  await handle.flush();
  await ext.ensurePersonal();
  const logs: string[] = [];
  let inFlight = 0;
  let session = '';
  const realSync: Uint8Array[] = [];
  const deliver = (to: () => BridgeSession, message: unknown) => {
    inFlight++;
    setTimeout(() => {
      inFlight--;
      to().receive(JSON.parse(JSON.stringify(message)));
    }, 0);
  };
  const origin = 'http://127.0.0.1:8787';
  const appPairs = createMemoryPairStore();
  const appSession: BridgeSession = createBridgeSession({ role: 'app', library: app, origin, pairs: appPairs, send: (m) => deliver(() => extSession, m), log: (l) => logs.push(l) });
  const extSession: BridgeSession = createBridgeSession({
    role: 'extension',
    library: ext,
    origin,
    pairs: createMemoryPairStore(),
    pairRequestGapMs: 0,
    send: (m) => {
      const frame = m.frame as { t: string; session?: string; data?: string };
      if (frame.session) session = frame.session;
      if (frame.t === 'sync' && frame.data) realSync.push(Uint8Array.from(Buffer.from(frame.data, 'base64')));
      deliver(() => appSession, m);
    },
    log: () => undefined,
  });
  const settle = () => settleSessions([appSession, extSession], () => inFlight, 3, 0);
  /** Paired and connected again, as the user would (after a forged bye or unpair ended it). */
  const reconnect = async () => {
    if (!(await appPairs.get(null))) {
      await appSession.requestPairing();
      await settle();
      await extSession.answerPairing(true);
    } else {
      await appSession.start();
    }
    await settle();
    if (appSession.status.state !== 'connected' || !session) throw new Error(`the bridge sessions did not connect (${appSession.status.state})`);
  };
  await reconnect();
  const snapshot = async () => {
    const records = await app.list();
    const parts = [JSON.stringify(records.map((r) => [r.id, r.name, r.kind]))];
    for (const record of records) parts.push(toBase64(Y.encodeStateAsUpdate((await app.open(record.id)).doc)));
    return parts.join('|');
  };
  const donors = realSync.length ? realSync : [Y.encodeStateAsUpdate(handle.doc)];
  let droppedFrames = 0;
  let rejectedSync = 0;
  let accepted = 0;
  let baseline = await snapshot();
  for (let i = 0; i < count; i++) {
    progress(i);
    let message: unknown;
    const kind = rng.int(5);
    if (kind === 0) message = randomValue(rng);
    else if (kind === 1) message = { tag: bridgeTag, from: rng.pick(['app', 'extension', 'x']), frame: randomValue(rng) };
    else if (kind === 2)
      message = {
        tag: bridgeTag,
        from: 'extension',
        frame: {
          t: rng.pick(['sync', 'dossiers', 'bye', 'hello', 'welcome', 'ready', 'unpaired', 'unpair', 'pair-offer', 'pair-done']),
          session: rng.chance(0.5) ? session : randomString(rng),
          dossierId: personal.id,
          data: randomString(rng),
          list: randomValue(rng),
          proof: rng.chance(0.5) ? '0'.repeat(64) : randomString(rng),
        },
      };
    else message = { tag: bridgeTag, from: 'extension', frame: { t: 'sync', session, dossierId: personal.id, data: toBase64(mutate(rng, rng.pick(donors), donors)) } };
    const checked = checkEnvelope(message);
    const isSync = checked?.ok === true && checked.envelope.frame.t === 'sync' && checked.envelope.frame.session === session;
    const logsBefore = logs.length;
    try {
      appSession.receive(message);
    } catch (error) {
      throw new Error(`input #${i}: the bridge session threw: ${String(error)}`);
    }
    if (!checked?.ok) {
      droppedFrames++;
      if ((await snapshot()) !== baseline) throw new Error(`input #${i}: a dropped bridge frame changed the library`);
      continue;
    }
    await settle();
    // A (forged) bye or unpair from the extension's side ends the session: connect again as the app would.
    if (appSession.status.state !== 'connected') await reconnect();
    const after = await snapshot();
    if (isSync && logs.slice(logsBefore).some((l) => l.includes(personal.id))) {
      rejectedSync++;
      if (after !== baseline) throw new Error(`input #${i}: a rejected sync frame changed the library`);
    } else {
      accepted++;
      baseline = after;
    }
  }
  appSession.close();
  extSession.close();
  return { inputs: count, droppedFrames, rejectedSync, accepted };
}

/** Garbage at the real signalling server, while two clients in another room keep talking. */
export async function signallingFrames(rng: Rng, count: number, progress: Progress): Promise<Figures> {
  const server = await createKnipselServer({ dir: '/nonexistent-knipsel-app', port: 0, host: '127.0.0.1' });
  const open = (url: string) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.on('error', () => undefined);
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', () => reject(new Error('upgrade refused')));
      ws.once('close', () => reject(new Error('closed before open')));
    });
  const alice = await open(server.signallingUrl);
  const bob = await open(server.signallingUrl);
  const heard: string[] = [];
  bob.on('message', (data) => heard.push(data.toString()));
  alice.send(JSON.stringify({ type: 'subscribe', topics: ['kamer-goed'] }));
  bob.send(JSON.stringify({ type: 'subscribe', topics: ['kamer-goed'] }));
  const roundTrip = async (tag: string) => {
    const wanted = JSON.stringify({ type: 'publish', topic: 'kamer-goed', data: tag });
    for (let attempt = 0; attempt < 100; attempt++) {
      alice.send(wanted);
      await new Promise((r) => setTimeout(r, 20));
      if (heard.some((h) => h.includes(tag))) return;
    }
    throw new Error(`the room of well-behaved clients stopped working (${tag})`);
  };
  await roundTrip('start');
  let attacker = await open(server.signallingUrl);
  let reconnects = 0;
  let closedByServer = 0;
  for (let i = 0; i < count; i++) {
    progress(i);
    if (attacker.readyState !== WebSocket.OPEN) {
      closedByServer++;
      attacker.terminate();
      attacker = await open(server.signallingUrl);
      reconnects++;
    }
    const kind = rng.int(7);
    let frame: string | Uint8Array;
    if (kind === 0) frame = rng.bytes(rng.int(300));
    else if (kind === 1) frame = randomString(rng);
    else if (kind === 2) frame = JSON.stringify({ type: 'subscribe', topics: Array.from({ length: rng.int(80) }, () => (rng.chance(0.2) ? 'kamer-goed' : randomString(rng))) });
    else if (kind === 3) frame = JSON.stringify({ type: 'publish', topic: rng.chance(0.3) ? 'kamer-goed' : randomString(rng), data: randomValue(rng) });
    else if (kind === 4) frame = 'x'.repeat(rng.chance(0.1) ? 70_000 : rng.int(2000));
    else if (kind === 5) frame = JSON.stringify({ type: 'unsubscribe', topics: randomValue(rng) });
    else frame = JSON.stringify(randomValue(rng)) ?? 'undefined';
    try {
      attacker.send(frame);
    } catch {
      // The socket closed between the check and the send.
    }
    if (i % 100 === 99) {
      await new Promise((r) => setTimeout(r, 5));
      await roundTrip(`check-${i}`);
    }
  }
  await new Promise((r) => setTimeout(r, 50));
  await roundTrip('end');
  // The attacker may have joined 'kamer-goed' and published there (it is a pub/sub room: a
  // client that knows the topic may), but the server itself must still be healthy.
  const health = await fetch(server.url + '/health');
  if (!health.ok) throw new Error('/health stopped answering');
  const stats = server.stats();
  attacker.terminate();
  alice.terminate();
  bob.terminate();
  await server.close();
  return { inputs: count, reconnects, closedByServer, malformed: stats.malformed, rateLimited: stats.rateLimited };
}

export const campaigns = { yjsUpdates, awarenessMessages, peerMessages, bridgeFrames, signallingFrames };
export type CampaignName = keyof typeof campaigns;
