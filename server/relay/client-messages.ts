// The Hocuspocus protocol as the relay's gate reads it: message types, the limits on what a
// client may send, the complete decoder of a client → relay message (`checkClientMessage`,
// pure), the authentication answer in a relay → client message, the sync payload the
// write-ahead log stores, and the close codes. `message-gate.ts` applies them to a socket.
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { isWellFormedUpdate } from '@knipsel/core/sync';

/** Hocuspocus message types (packages/server/src/types.ts, 3.x). */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3, SyncReply: 4, Stateless: 5, BroadcastStateless: 6, Close: 7, SyncStatus: 8 } as const;
export const AuthType = { Token: 0, PermissionDenied: 1, Authenticated: 2 } as const;

export interface GateLimits {
  /** Documents one socket may open. */
  documentsPerSocket: number;
  /** Messages kept for a document before it is authenticated; more are dropped. */
  messagesBeforeAuth: number;
  /** Longest document name. */
  documentNameLength: number;
  /** Longest JSON of one awareness state. */
  awarenessStateLength: number;
  /** Bytes a socket may send before it is authenticated, and may keep waiting for authentication. */
  bytesBeforeAuth: number;
  /** A socket must have a document authenticated this soon after opening, and every later document this soon after its first message (ms). */
  authTimeoutMs: number;
  /** Longest token in an authentication message. */
  tokenLength: number;
  /** Longest stateless message (feedback from a read-only assessor; JSON). */
  statelessLength: number;
  /** Largest message joined from stream frames (framed sockets, after authentication; inflated size). */
  joinedMessageBytes: number;
}

export const DEFAULT_GATE_LIMITS: GateLimits = {
  documentsPerSocket: 4,
  messagesBeforeAuth: 16,
  documentNameLength: 128,
  awarenessStateLength: 4096,
  bytesBeforeAuth: 64 * 1024,
  authTimeoutMs: 10_000,
  tokenLength: 1024,
  statelessLength: 32 * 1024,
  joinedMessageBytes: 128 * 1024 * 1024,
};

export type CheckedMessage = { ok: true; documentName: string; type: number } | { ok: false; reason: string };

/** Decode one client → relay frame completely. Pure; never throws. */
export function checkClientMessage(data: Uint8Array, limits: GateLimits = DEFAULT_GATE_LIMITS): CheckedMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const documentName = decoding.readVarString(decoder);
    if (documentName.length === 0 || documentName.length > limits.documentNameLength) return { ok: false, reason: 'bad document name' };
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync:
      case MessageType.SyncReply: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === 0) {
          Y.decodeStateVector(payload);
        } else if (syncType === 1 || syncType === 2) {
          if (!isWellFormedUpdate(payload)) return { ok: false, reason: 'malformed Yjs update' };
        } else {
          return { ok: false, reason: `unknown sync message ${syncType}` };
        }
        break;
      }
      case MessageType.Awareness: {
        const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
        const count = decoding.readVarUint(update);
        for (let i = 0; i < count; i++) {
          decoding.readVarUint(update); // clientID
          decoding.readVarUint(update); // clock
          const json = decoding.readVarString(update);
          if (json.length > limits.awarenessStateLength) return { ok: false, reason: 'awareness state too large' };
          const state: unknown = JSON.parse(json);
          if (state !== null && (typeof state !== 'object' || Array.isArray(state))) return { ok: false, reason: 'awareness state is not an object' };
        }
        if (decoding.hasContent(update)) return { ok: false, reason: 'trailing bytes in awareness update' };
        break;
      }
      case MessageType.Auth: {
        if (decoding.readVarUint(decoder) !== AuthType.Token) return { ok: false, reason: 'unexpected auth message' };
        if (decoding.readVarString(decoder).length > limits.tokenLength) return { ok: false, reason: 'token too long' };
        break;
      }
      case MessageType.Stateless: {
        // Only feedback travels this way (feedback-extension.ts checks its content).
        const json = decoding.readVarString(decoder);
        if (json.length > limits.statelessLength) return { ok: false, reason: 'stateless message too large' };
        const value: unknown = JSON.parse(json);
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'stateless message is not an object' };
        break;
      }
      case MessageType.QueryAwareness:
      case MessageType.Close:
        break;
      default:
        return { ok: false, reason: `message type ${type} is not accepted` };
    }
    if (decoding.hasContent(decoder)) return { ok: false, reason: 'trailing bytes' };
    return { ok: true, documentName, type };
  } catch {
    return { ok: false, reason: 'undecodable message' };
  }
}

/**
 * The refusal reason that means "the relay could not check right now" (its database is away):
 * the gate closes the socket with a retryable code instead of passing the refusal on.
 */
export const UNAVAILABLE_REASON = 'relay-unavailable';

/** Reads the document name and auth answer of a relay → client frame, if it is one. */
export function authAnswer(data: Uint8Array): { documentName: string; answer: 'authenticated' | 'denied' | 'unavailable' } | null {
  try {
    const decoder = decoding.createDecoder(data);
    const documentName = decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== MessageType.Auth) return null;
    const authType = decoding.readVarUint(decoder);
    if (authType === AuthType.Authenticated) return { documentName, answer: 'authenticated' };
    if (authType === AuthType.PermissionDenied) return { documentName, answer: decoding.readVarString(decoder) === UNAVAILABLE_REASON ? 'unavailable' : 'denied' };
    return null;
  } catch {
    return null;
  }
}

/** The sync payload (step 2 or update) of a client → relay frame, or null for other messages and empty updates. */
export function clientUpdatePayload(data: Uint8Array): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type !== MessageType.Sync && type !== MessageType.SyncReply) return null;
    const syncType = decoding.readVarUint(decoder);
    if (syncType !== 1 && syncType !== 2) return null;
    const payload = decoding.readVarUint8Array(decoder);
    return payload.length === 2 && payload[0] === 0 && payload[1] === 0 ? null : payload; // [0, 0]: no structs, no deletions
  } catch {
    return null;
  }
}

/** 1013 "try again later": the provider reconnects (with its backoff) and syncs again. */
export const CloseCode = { Malformed: 1008, TooLarge: 1009, Unavailable: 1013, PermissionDenied: 4403, AuthTimeout: 4408 } as const;
