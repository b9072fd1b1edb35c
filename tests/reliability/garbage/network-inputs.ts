// Garbage over the wires: bridge frames between two real bridge sessions, and frames to the
// real signalling server while two clients in another room keep talking.
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { createLibrary, createMemoryLibraryStore, createMemoryProjectionStore, createMemoryUpdateStore, type Library } from '@knipsel/core';
import { makeCapture, settleSessions } from '@knipsel/core/testing';
import { toBase64 } from '@knipsel/core/sync';
import { type BridgeSession, bridgeTag, checkEnvelope, createBridgeSession, createMemoryPairStore } from '@knipsel/core/bridge';
import { createKnipselServer } from '../../../server/create-server.js';
import { mutate, randomString, randomValue, type Rng } from '../support/prng.js';
import { theme, type Progress, type Figures } from './common.js';

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
  const appSession: BridgeSession = createBridgeSession({
    role: 'app',
    library: app,
    origin,
    pairs: appPairs,
    send: (m) => deliver(() => extSession, m),
    log: (l) => logs.push(l),
  });
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
