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
//
// A client that offered the frames subprotocol (core/sync/relay/relay-frames.ts) sends and
// gets messages above 64 KiB as core's chunk or compressed stream frames: a dossier far
// above the 16 MiB frame limit crosses as many small frames. Stream frames are refused until
// a document is authenticated (what a stranger sends stays small); after that a joined
// message may reach `joinedMessageBytes` (inflated output counted, so a deflate bomb stops
// there). Frames out of order, unknown or over the cap close the socket (1008, or 1009 for
// too large) and nothing of the broken message reaches Hocuspocus.
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { relayFramePrefix, relayFramesProtocol } from '@knipsel/core/relay';
import { createFramedChannel, type FramedChannel } from '@knipsel/core/sync';
import { authAnswer, checkClientMessage, CloseCode, MessageType, type GateLimits } from './client-messages.js';

/** Why the gate closed a socket, for the relay's counters. */
export type GateRejection = 'malformed' | 'too-large' | 'pre-auth-budget' | 'auth-timeout';

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
  /** Large messages as frames, when the client offered the frames subprotocol. */
  private readonly channel: FramedChannel | null;
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
    this.channel = socket.protocol === relayFramesProtocol ? this.openChannel() : null;
    socket.on('message', (data, isBinary) => this.arrive(data, isBinary));
    socket.on('close', (code, reason) => {
      this.clearTimers();
      this.channel?.close();
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
    // A refusal goes out at once (the socket closes right after it), never behind a stream.
    if (!this.channel || answer?.answer === 'denied') this.socket.send(data, callback);
    else {
      this.channel.send(data);
      callback?.();
    }
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

  private openChannel(): FramedChannel {
    return createFramedChannel({
      prefix: relayFramePrefix,
      maxBytes: this.limits.joinedMessageBytes,
      sendFrame: (frame) => this.socket.send(frame),
      bufferedAmount: () => this.socket.bufferedAmount,
      deliver: (message) => this.receive(message),
      onRefuse: (reason, kind) => this.reject(reason, kind),
    });
  }

  /** `cut`: drop the connection at once (no closing handshake to wait for more data in). */
  private reject(reason: string, kind: GateRejection = 'malformed', cut = false) {
    if (this.rejected) return;
    this.rejected = reason;
    this.clearTimers();
    this.channel?.close();
    this.onReject(reason, kind);
    if (cut) this.socket.terminate();
    else this.socket.close(kind === 'too-large' ? CloseCode.TooLarge : CloseCode.Malformed, reason.slice(0, 100));
  }

  /** One WebSocket message: a whole client message, or (framed) a stream frame of one. */
  private arrive(raw: unknown, isBinary: boolean) {
    if (this.rejected) return;
    if (!isBinary) return this.reject('text frame');
    const data = toBytes(raw);
    if (!data) return this.reject('unreadable frame');
    if (!this.channel) return this.receive(data);
    if (this.channel.isStreamFrame(data) && this.authenticated.size === 0) return this.reject('stream frame before authentication');
    this.channel.receive(data);
  }

  /** One whole client message: checked, then kept for or passed to Hocuspocus. */
  private receive(data: Uint8Array) {
    if (this.rejected) return;
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
