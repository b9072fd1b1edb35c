// The check every message from a peer passes before y-webrtc reads it: the framing of
// y-webrtc's four message types, complete decoding of Yjs updates and state vectors, and
// the presence schema for awareness states. Pure and never throws, so it can be fuzzed.
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { isWellFormedUpdate } from '../update-check.js';
import { maxJoinedBytes } from '../frames/stream-frames.js';
import { checkPresence } from './presence.js';

// y-webrtc's message types (src/y-webrtc.js) and y-protocols' sync sub-types.
export const messageSync = 0;
export const messageAwareness = 1;
export const messageQueryAwareness = 3;
export const messageBcPeerId = 4;
const syncStep1 = 0;
const syncStep2 = 1;
const syncUpdate = 2;

/** A y-webrtc message carrying a doc update (how an applied change is broadcast). */
export function isUpdateMessage(message: Uint8Array): boolean {
  return message.length > 1 && message[0] === messageSync && message[1] === syncUpdate;
}

/** Largest message (after reassembly of chunks) accepted from a peer. */
export const maxPeerMessageBytes = maxJoinedBytes;
/** Largest awareness message; a presence state is well under 1 KB. */
const maxAwarenessBytes = 64 * 1024;
/** Clients one awareness message may describe. */
const maxAwarenessClients = 200;

export type PeerChannel = 'webrtc' | 'broadcastchannel';

export type MessageCheck = { ok: true; kind: 'sync-step-1' | 'sync-step-2' | 'sync-update' | 'awareness' | 'query-awareness' | 'bc-peer-id' } | { ok: false; reason: string };

export interface MessageCheckContext {
  /** Where it came from: the BroadcastChannel peer-id message is only valid between our own tabs. */
  channel: PeerChannel;
  /** Our awareness client id: a peer may not set (or clear) our own presence. */
  ownClientId: number;
  /**
   * Our own awareness clock. Peers relay every state they know, ours included; such an
   * entry is a no-op unless its clock is ahead of ours, which would replace our presence.
   */
  ownClock?: number;
}

const reject = (reason: string): MessageCheck => ({ ok: false, reason });

/** Check one y-webrtc message. Returns `{ ok: false, reason }` (never its content) to drop it. */
export function checkPeerMessage(message: unknown, context: MessageCheckContext): MessageCheck {
  if (!(message instanceof Uint8Array)) return reject('not binary');
  if (message.length === 0) return reject('empty message');
  if (message.length > maxPeerMessageBytes) return reject(`message too large (${message.length} bytes)`);
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case messageSync: {
        const sub = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (decoding.hasContent(decoder)) return reject('trailing bytes after sync message');
        if (sub === syncStep1) {
          Y.decodeStateVector(payload);
          return { ok: true, kind: 'sync-step-1' };
        }
        if (sub === syncStep2 || sub === syncUpdate) {
          if (!isWellFormedUpdate(payload)) return reject('malformed Yjs update');
          return { ok: true, kind: sub === syncStep2 ? 'sync-step-2' : 'sync-update' };
        }
        return reject(`unknown sync message type ${sub}`);
      }
      case messageAwareness: {
        const payload = decoding.readVarUint8Array(decoder);
        if (decoding.hasContent(decoder)) return reject('trailing bytes after awareness message');
        const problem = checkAwarenessUpdate(payload, context.ownClientId, context.ownClock ?? 0);
        return problem ? reject(problem) : { ok: true, kind: 'awareness' };
      }
      case messageQueryAwareness:
        if (decoding.hasContent(decoder)) return reject('trailing bytes after awareness query');
        return { ok: true, kind: 'query-awareness' };
      case messageBcPeerId: {
        if (context.channel !== 'broadcastchannel') return reject('peer-id message over WebRTC');
        const add = decoding.readUint8(decoder);
        const peerId = decoding.readVarString(decoder);
        if (decoding.hasContent(decoder)) return reject('trailing bytes after peer-id message');
        if (add > 1 || !/^[0-9a-f-]{36}$/.test(peerId)) return reject('malformed peer-id message');
        return { ok: true, kind: 'bc-peer-id' };
      }
      default:
        return reject(`unknown message type ${type}`);
    }
  } catch {
    return reject('undecodable message');
  }
}

/** Null when the awareness update is acceptable, else the reason. */
export function checkAwarenessUpdate(update: Uint8Array, ownClientId: number, ownClock = 0): string | null {
  if (update.length > maxAwarenessBytes) return `awareness message too large (${update.length} bytes)`;
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > maxAwarenessClients) return `awareness message describes ${count} clients`;
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (clientId === ownClientId && clock > ownClock) return 'awareness message claims our own client';
      if (state !== null && checkPresence(state) === null) return 'awareness state does not match the presence schema';
    }
    if (decoding.hasContent(decoder)) return 'trailing bytes after awareness update';
    return null;
  } catch {
    return 'undecodable awareness update';
  }
}
