// The gate in front of y-webrtc's two inputs (layer 2 in peer-session.ts): each WebRTC
// connection's 'data' event and the room's BroadcastChannel subscriber. Messages are
// joined (chunks), inflated (deflate frames), checked whole (peer-messages.ts) and handed
// on in order; what fails a check never reaches y-webrtc. Patches instance methods of
// y-webrtc internals (pinned at 10.3.0); when they are not where expected it logs loudly.
import type * as awarenessProtocol from 'y-protocols/awareness';
import * as bc from 'lib0/broadcastchannel';
import * as decoding from 'lib0/decoding';
import { isChunkFrame, createChunkJoiner, createChunkSender, type JoinResult } from '../frames/chunking.js';
import { createInflateJoiner, isDeflateFrame, type InflateResult } from '../frames/deflate-frames.js';
import { createOrderedDelivery } from '../frames/ordered-delivery.js';
import { checkPeerMessage, isUpdateMessage, messageSync, type PeerChannel } from './peer-messages.js';
import { messageBodies } from './body-exchange.js';

// The parts of y-webrtc's internals the gate needs (src/y-webrtc.js, 10.3.0).
export interface SimplePeerLike {
  emit(event: string, ...args: unknown[]): boolean;
  send(data: Uint8Array): void;
  bufferSize?: number;
}
export interface ConnLike {
  peer: SimplePeerLike;
  connected: boolean;
  closed: boolean;
  destroy?(): void;
}
export interface RoomLike {
  name: string;
  key: CryptoKey | null;
  webrtcConns: Map<string, ConnLike>;
  bcConns: Set<string>;
  bcconnected: boolean;
  _bcSubscriber: (data: ArrayBuffer | Uint8Array, origin?: unknown) => unknown;
}
export interface SignalingConnLike {
  connected: boolean;
  on(event: string, f: () => void): void;
  off(event: string, f: () => void): void;
}

export type Drop = (channel: PeerChannel, reason: string) => void;

export interface ConnectionGateOptions {
  awareness: awarenessProtocol.Awareness;
  drop: Drop;
  log: (line: string) => void;
  /** Whether the mirror's latest update came from a peer (see the echo check below). */
  updateFromPeer: () => boolean;
  /** A connection opened or closed. */
  onConnectionChange: () => void;
  /** Runs y-webrtc's reading of a message whose updates this gate found well-formed (mirror-bridge.ts). */
  checkedWellFormed?: <T>(read: () => T) => T;
  /** A body message from a peer (body-exchange.ts checks it), with how to answer that peer; none: dropped. */
  onBodies?: (message: Uint8Array, reply: (message: Uint8Array) => void) => void;
}

/** A function that puts the gate on a WebRTC connection (once per connection). */
export function createConnectionGate(options: ConnectionGateOptions) {
  const { awareness, drop, log } = options;
  const ownClock = () => awareness.meta.get(awareness.clientID)?.clock ?? 0;
  const guarded = new WeakSet<object>();
  return (conn: ConnLike) => {
    const peer = conn.peer;
    if (!peer || guarded.has(peer)) return;
    if (typeof peer.emit !== 'function' || typeof peer.send !== 'function') {
      log('cannot guard a WebRTC connection (y-webrtc internals changed); relying on the mirror check');
      return;
    }
    guarded.add(peer);
    const emit = peer.emit.bind(peer);
    const joiner = createChunkJoiner();
    const inflater = createInflateJoiner();
    const sender = createChunkSender(peer.send.bind(peer), () => peer.bufferSize ?? 0);
    // While y-webrtc handles a sync message from this peer, the update it applies comes back
    // out as a broadcast to every connection — this one too. Sending a peer its own update
    // back doubled every first sync (22 MB back and forth for 1,000 clips); drop that echo
    // (only that: an update of our own made meanwhile still goes out).
    let handlingSyncFromPeer = false;
    peer.send = (data: Uint8Array) => {
      const message = data instanceof Uint8Array ? data : new Uint8Array(data);
      if (handlingSyncFromPeer && options.updateFromPeer() && isUpdateMessage(message)) return;
      sender.send(message);
    };
    const deliver = (message: Uint8Array) => {
      // Body messages are ours, never y-webrtc's: they go to the body exchange.
      if (message[0] === messageBodies) {
        if (options.onBodies) options.onBodies(message, (answer) => peer.send(answer));
        else drop('webrtc', 'body message while bodies are not exchanged');
        return;
      }
      const check = checkPeerMessage(message, { channel: 'webrtc', ownClientId: awareness.clientID, ownClock: ownClock() });
      if (!check.ok) {
        drop('webrtc', check.reason);
        return;
      }
      handlingSyncFromPeer = message[0] === messageSync;
      const carriesUpdate = check.kind === 'sync-step-2' || check.kind === 'sync-update';
      try {
        if (carriesUpdate && options.checkedWellFormed) options.checkedWellFormed(() => emit('data', message));
        else emit('data', message);
      } catch (error) {
        log(`y-webrtc failed on a checked message: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        handlingSyncFromPeer = false;
      }
    };
    // Messages reach y-webrtc in the order they came, also while a compressed one inflates.
    const inbound = createOrderedDelivery(deliver, (reason) => drop('webrtc', reason));
    const join = (joined: JoinResult | InflateResult) => {
      if ('rejected' in joined) drop('webrtc', joined.rejected);
      else if ('done' in joined) inbound.push(joined.done);
      return false;
    };
    peer.emit = (event: string, ...args: unknown[]) => {
      if (event === 'connect' || event === 'close') {
        if (event === 'close') sender.close();
        const result = emit(event, ...args);
        options.onConnectionChange();
        return result;
      }
      if (event !== 'data') return emit(event, ...args);
      const message = args[0];
      if (!(message instanceof Uint8Array)) {
        drop('webrtc', 'not binary');
        return false;
      }
      if (isChunkFrame(message)) return join(joiner.push(message));
      if (isDeflateFrame(message)) return join(inflater.push(message));
      inbound.push(message);
      return true;
    };
  };
}

/**
 * Replace the room's BroadcastChannel subscriber by one that decrypts and checks each
 * message from another tab before handing it to y-webrtc's own (which decrypts again).
 * Messages this tab published itself come with another origin and pass unchecked.
 */
export function guardBroadcastChannel(room: RoomLike, awareness: awarenessProtocol.Awareness, drop: Drop, log: (line: string) => void): void {
  const original = room._bcSubscriber;
  if (typeof original !== 'function' || !room.key) {
    log('cannot guard the BroadcastChannel (y-webrtc internals changed); relying on the mirror check');
    return;
  }
  const key = room.key;
  const checked = (data: ArrayBuffer | Uint8Array, origin?: unknown) => {
    if (origin !== 'broadcastchannel') return original(data, origin);
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    return decryptMessage(bytes, key).then(
      (message) => {
        const ownClock = awareness.meta.get(awareness.clientID)?.clock ?? 0;
        const check = checkPeerMessage(message, { channel: 'broadcastchannel', ownClientId: awareness.clientID, ownClock });
        if (check.ok) return original(data, origin);
        drop('broadcastchannel', check.reason);
      },
      () => drop('broadcastchannel', 'cannot decrypt'),
    );
  };
  if (room.bcconnected && !bc.unsubscribe(room.name, original)) {
    log('cannot guard the BroadcastChannel (subscriber not found); relying on the mirror check');
    return;
  }
  room._bcSubscriber = checked;
  if (room.bcconnected) bc.subscribe(room.name, checked);
}

/** y-webrtc's AES-GCM framing (src/crypto.js): varString 'AES-GCM', varBytes iv, varBytes cipher. */
async function decryptMessage(data: Uint8Array, key: CryptoKey): Promise<Uint8Array> {
  const decoder = decoding.createDecoder(data);
  if (decoding.readVarString(decoder) !== 'AES-GCM') throw new Error('unknown algorithm');
  const iv = decoding.readVarUint8Array(decoder);
  const cipher = decoding.readVarUint8Array(decoder);
  const plain = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as BufferSource }, key, cipher as BufferSource);
  return new Uint8Array(plain);
}
