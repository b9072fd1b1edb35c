// The gate between a client's WebSocket and Hocuspocus. Hocuspocus gets a `GuardedSocket`
// (the few methods it uses of a `ws` socket); every incoming frame is decoded completely
// here first, and anything malformed or of a type clients do not send closes the socket
// before Hocuspocus sees it. Why: Yjs integrates an update's structs before it reads the
// delete set, so an update with a garbage tail would half-apply; and Hocuspocus queues
// every message of a not-yet-authenticated document without bound. Oversized frames never get here: `ws` closes them (maxPayload, 1009).
//
// Before authentication a socket gets little: until its first document is authenticated,
// the raw bytes it sends are counted and past a small budget the socket is cut (so `ws` never
// buffers a large frame from a client nobody knows); messages of documents still waiting for
// authentication may hold that budget at most (more closes the socket), only a few of them
// are kept (Hocuspocus replays them after authentication; more are dropped), and a socket
// whose documents are not authenticated within the deadline is closed.
//
// Outgoing frames are watched for the authentication answer: a document becomes usable
// with "authenticated", and "permission denied" closes the socket right after it is sent —
// unless its reason says the relay could not check (its database is away): then the
// refusal is not sent and the socket closes with 1013, so the client retries.
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { isWellFormedUpdate } from '@knipsel/core/sync';

/** Hocuspocus message types (packages/server/src/types.ts, 3.x). */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3, SyncReply: 4, Stateless: 5, BroadcastStateless: 6, Close: 7, SyncStatus: 8 } as const;
const AuthType = { Token: 0, PermissionDenied: 1, Authenticated: 2 } as const;

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
function authAnswer(data: Uint8Array): { documentName: string; answer: 'authenticated' | 'denied' | 'unavailable' } | null {
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
export const CloseCode = { Malformed: 1008, Unavailable: 1013, PermissionDenied: 4403, AuthTimeout: 4408 } as const;

/** Why the gate closed a socket, for the relay's counters. */
export type GateRejection = 'malformed' | 'pre-auth-budget' | 'auth-timeout';

/**
 * Wraps a `ws` socket for Hocuspocus: the same surface (on/once/removeListener/emit, send,
 * ping, close, readyState, binaryType), with incoming frames checked first.
 */
export class GuardedSocket extends EventEmitter {
  private readonly authenticated = new Set<string>();
  /** Documents waiting for authentication: messages and bytes kept for Hocuspocus. */
  private readonly pending = new Map<string, { messages: number; bytes: number }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Raw bytes received while no document is authenticated. */
  private rawBytesBeforeAuth = 0;
  rejected: string | null = null;
  /** Messages dropped because they came before authentication, over the limit. */
  dropped = 0;

  /**
   * @param transport the TCP socket under `socket`: its bytes are counted before the first
   *   authentication, so a large frame is cut off while it arrives, not after `ws` buffered it.
   */
  constructor(
    readonly socket: WebSocket,
    transport: Duplex | null,
    private readonly limits: GateLimits,
    private readonly onReject: (reason: string, kind: GateRejection) => void,
    /** Counts, shared by every socket of the relay: messages passed on to Hocuspocus and sent to clients. */
    private readonly traffic: { messagesReceived: number; messagesSent: number } = { messagesReceived: 0, messagesSent: 0 },
  ) {
    super();
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('close', (code, reason) => {
      this.clearTimers();
      this.emit('close', code, reason);
    });
    socket.on('pong', () => this.emit('pong'));
    socket.on('error', () => undefined); // ws closes the socket itself (e.g. 1009 on oversized frames)
    transport?.on('data', (chunk: Buffer) => {
      if (this.authenticated.size > 0 || this.rejected) return;
      this.rawBytesBeforeAuth += chunk.length;
      if (this.rawBytesBeforeAuth > this.limits.bytesBeforeAuth) this.reject('too much data before authentication', 'pre-auth-budget', true);
    });
    this.deadline(() => this.authenticated.size === 0);
  }

  get readyState() {
    return this.socket.readyState;
  }

  set binaryType(_value: string) {
    // Frames reach Hocuspocus as Uint8Array already.
  }

  send(data: Uint8Array, callback?: (error?: Error) => void): void {
    const answer = authAnswer(data);
    if (answer?.answer === 'authenticated') {
      this.authenticated.add(answer.documentName);
      this.pending.delete(answer.documentName);
    }
    if (answer?.answer === 'unavailable') {
      this.socket.close(CloseCode.Unavailable, 'try-again-later');
      callback?.();
      return;
    }
    this.traffic.messagesSent++;
    this.socket.send(data, callback);
    if (answer?.answer === 'denied') this.socket.close(CloseCode.PermissionDenied, 'permission-denied');
  }

  ping(): void {
    this.socket.ping();
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }

  /** Closes the socket when `stillWaiting()` holds after the authentication deadline. */
  private deadline(stillWaiting: () => boolean) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!stillWaiting() || this.rejected) return;
      this.rejected = 'not authenticated in time';
      this.onReject(this.rejected, 'auth-timeout');
      this.socket.close(CloseCode.AuthTimeout, 'authentication-timeout');
    }, this.limits.authTimeoutMs);
    timer.unref();
    this.timers.add(timer);
  }

  private clearTimers() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** `cut`: drop the connection at once (no closing handshake to wait for more data in). */
  private reject(reason: string, kind: GateRejection = 'malformed', cut = false) {
    if (this.rejected) return;
    this.rejected = reason;
    this.clearTimers();
    this.onReject(reason, kind);
    if (cut) this.socket.terminate();
    else this.socket.close(CloseCode.Malformed, reason.slice(0, 100));
  }

  private receive(raw: unknown, isBinary: boolean) {
    if (this.rejected) return;
    if (!isBinary) return this.reject('text frame');
    const data = toBytes(raw);
    if (!data) return this.reject('unreadable frame');
    const checked = checkClientMessage(data, this.limits);
    if (!checked.ok) return this.reject(checked.reason);
    const { documentName, type } = checked;
    if (!this.authenticated.has(documentName)) {
      let waiting = this.pending.get(documentName);
      if (!waiting) {
        if (this.pending.size + this.authenticated.size >= this.limits.documentsPerSocket) {
          return this.reject('too many documents on one connection');
        }
        this.pending.set(documentName, (waiting = { messages: 0, bytes: 0 }));
        this.deadline(() => this.pending.has(documentName));
      }
      // Beyond the count, drop (bounded memory): the sync handshake after authentication
      // brings across whatever these held. The provider flushes edits made offline here.
      if (type !== MessageType.Auth && waiting.messages >= this.limits.messagesBeforeAuth) {
        this.dropped++;
        return;
      }
      let kept = data.byteLength;
      for (const other of this.pending.values()) kept += other.bytes;
      if (kept > this.limits.bytesBeforeAuth) return this.reject('too much data before authentication', 'pre-auth-budget', true);
      waiting.messages++;
      waiting.bytes += data.byteLength;
    }
    this.traffic.messagesReceived++;
    this.emit('message', data);
  }
}

function toBytes(raw: unknown): Uint8Array | null {
  if (raw instanceof Uint8Array) return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  if (Array.isArray(raw) && raw.every((part) => part instanceof Uint8Array)) return new Uint8Array(Buffer.concat(raw as Uint8Array[]));
  return null;
}
