// Garbage at a dossier: random and mutated Yjs updates, awareness messages, and y-webrtc peer
// messages through the checked mirror bridge.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { applyCheckedUpdate, createDocSync } from '@knipsel/core/sync';
import {
  checkAwarenessUpdate,
  checkPeerMessage,
  checkPresence,
  createMirrorBridge,
  messageAwareness,
  messageBcPeerId,
  messageQueryAwareness,
  messageSync,
} from '@knipsel/core/peer';
import { equalBytes, mutate, randomString, randomValue, type Rng } from '../support/prng.js';
import { storeBytes, storedReplica } from '../support/stored-replica.js';
import { keepInput, checkStillWhole, docId, realDossier, shapeHostileUpdate, type Progress, type Figures } from './common.js';

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
  let replica = await storedReplica(base, docId);
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
    const storedBefore = await storeBytes(replica.store, docId);
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
      if (!equalBytes(storedBefore, await storeBytes(replica.store, docId))) throw failed('rejected update changed the stored log');
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
      replica = await storedReplica(base, docId);
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
    const replica = await storedReplica(base, docId);
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
    const storedBefore = await storeBytes(peer.store, docId);
    const rejectedBefore = peer.bridge.stats().rejected;
    const check = checkPeerMessage(message, { channel: 'webrtc', ownClientId: peer.awareness.clientID, ownClock: peer.awareness.meta.get(peer.awareness.clientID)?.clock ?? 0 });
    let changedAllowed = false;
    if (!check.ok) {
      rejectedByCheck++;
    } else {
      // What y-webrtc does with a message that passed the gate (its own errors are caught
      // there), vouched for as well-formed by the gate as in a peer session (webrtc-gate.ts).
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      try {
        if (type === messageSync) peer.bridge.checkedWellFormed(() => syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), peer.bridge.mirror, 'peer'));
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
      if (!equalBytes(storedBefore, await storeBytes(peer.store, docId))) throw new Error(`input #${i}: rejected peer message changed the stored log`);
    } else if (!equalBytes(stateBefore, Y.encodeStateAsUpdate(peer.doc))) {
      if (await checkStillWhole(peer.doc, peer.store, i, () => peer.persistence.flush())) acceptedDiverged++;
      peer.bridge.destroy();
      peer.persistence.destroy();
      peer = await setup();
    }
  }
  return { inputs: count, rejectedByCheck, rejectedByShape, accepted, acceptedDiverged };
}
