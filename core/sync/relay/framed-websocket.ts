// The WebSocket the Hocuspocus provider gets for a relay: the platform's (or `ws` in Node)
// underneath, offering the frames subprotocol (relay-frames.ts). When the relay picks it,
// every message above 64 KiB goes out as compressed stream frames and comes in joined again,
// so a dossier's first sync is never one huge WebSocket message (the relay refuses those
// above 16 MiB). A relay that does not know frames gets and sends whole messages, as before.
import { createFramedChannel, type FramedChannel } from '../frames/framed-channel.js';
import { relayFramePrefix, relayFramesProtocol, relayProtocols } from './relay-frames.js';

/** The part of a WebSocket (browser or `ws`) the provider and this wrapper use. */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  readonly protocol: string;
  readonly bufferedAmount: number;
  send(data: Uint8Array | ArrayBuffer): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: never) => void): void;
}

export type SocketClass = new (url: string, protocols?: string | string[]) => SocketLike;

type Listener = (event: unknown) => void;

/** How often a long incoming message tells the provider the connection lives (ms). */
const aliveEveryMs = 1000;

/** The close code a client uses when the relay sent frames that do not join. */
export const badFramesCloseCode = 4400;

function bytesOf(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (data instanceof Uint8Array) return data;
  return null;
}

function bufferOf(message: Uint8Array): ArrayBuffer {
  if (message.byteOffset === 0 && message.byteLength === message.buffer.byteLength && message.buffer instanceof ArrayBuffer) return message.buffer;
  return message.slice().buffer;
}

/** A WebSocket class for the provider: `Base` underneath, with frames when the relay agrees. */
export function framedWebSocket(Base: SocketClass, log: (line: string) => void = () => undefined) {
  return class FramedWebSocket {
    /** Set by the provider to tell its sockets apart. */
    identifier?: number;
    private readonly socket: SocketLike;
    private readonly listeners = new Map<string, Set<Listener>>();
    private channel: FramedChannel | null = null;
    private lastAlive = 0;

    constructor(url: string) {
      this.socket = new Base(url, [...relayProtocols]);
      this.socket.binaryType = 'arraybuffer';
      this.socket.addEventListener('open', (event: unknown) => {
        if (this.socket.protocol === relayFramesProtocol) this.channel = this.openChannel();
        this.dispatch('open', event);
      });
      this.socket.addEventListener('message', (event: { data: unknown }) => {
        const bytes = this.channel ? bytesOf(event.data) : null;
        if (!this.channel || !bytes) return this.dispatch('message', event);
        if (this.channel.isStreamFrame(bytes)) this.alive();
        this.channel.receive(bytes);
      });
      this.socket.addEventListener('close', (event: unknown) => {
        this.channel?.close();
        this.dispatch('close', event);
      });
      this.socket.addEventListener('error', (event: unknown) => this.dispatch('error', event));
    }

    private openChannel(): FramedChannel {
      return createFramedChannel({
        prefix: relayFramePrefix,
        sendFrame: (frame) => this.socket.send(frame),
        bufferedAmount: () => this.socket.bufferedAmount,
        deliver: (message) => this.dispatch('message', { data: bufferOf(message) }),
        onRefuse: (reason) => {
          log(`relay: closed the connection: ${reason}`);
          this.socket.close(badFramesCloseCode, 'bad-frames');
        },
      });
    }

    /**
     * Frames of a long message are arriving: tell the provider the connection lives. It closes
     * a socket that brought no message for 30 s, which a first sync over a slow line can take.
     * The message names no document (an empty name), so no provider acts on it.
     */
    private alive() {
      const now = Date.now();
      if (now - this.lastAlive < aliveEveryMs) return;
      this.lastAlive = now;
      this.dispatch('message', { data: new Uint8Array([0]).buffer });
    }

    private dispatch(type: string, event: unknown) {
      for (const listener of [...(this.listeners.get(type) ?? [])]) listener(event);
    }

    get readyState(): number {
      return this.socket.readyState;
    }

    get binaryType(): string {
      return 'arraybuffer';
    }

    set binaryType(_value: string) {
      // Messages are always handed on as ArrayBuffers, as the provider asks.
    }

    send(data: Uint8Array | ArrayBuffer): void {
      if (!this.channel) return this.socket.send(data);
      this.channel.send(data instanceof Uint8Array ? data : new Uint8Array(data));
    }

    close(code?: number, reason?: string): void {
      this.socket.close(code, reason);
    }

    addEventListener(type: string, listener: Listener): void {
      let set = this.listeners.get(type);
      if (!set) this.listeners.set(type, (set = new Set()));
      set.add(listener);
    }

    removeEventListener(type: string, listener: Listener): void {
      this.listeners.get(type)?.delete(listener);
    }
  };
}
