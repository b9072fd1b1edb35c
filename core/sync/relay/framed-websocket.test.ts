import { describe, expect, it } from 'vitest';
import { createFramedChannel } from '../frames/framed-channel.js';
import { badFramesCloseCode, framedWebSocket, type SocketLike } from './framed-websocket.js';
import { relayFramesProtocol, relayProtocols } from './relay-frames.js';

/** A WebSocket stand-in: records what is sent and lets the test play the relay. */
class FakeSocket implements SocketLike {
  static last: FakeSocket;
  binaryType = 'blob';
  readyState = 0;
  protocol = '';
  bufferedAmount = 0;
  sent: Uint8Array[] = [];
  closed: number | null = null;
  private readonly listeners = new Map<string, Array<(event: never) => void>>();
  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    FakeSocket.last = this;
  }
  send(data: Uint8Array | ArrayBuffer) {
    this.sent.push(data instanceof Uint8Array ? data : new Uint8Array(data));
  }
  close(code?: number) {
    this.closed = code ?? 1000;
  }
  addEventListener(type: string, listener: (event: never) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: string, event: object) {
    for (const listener of this.listeners.get(type) ?? []) listener(event as never);
  }
  open(protocol: string) {
    this.readyState = 1;
    this.protocol = protocol;
    this.emit('open', {});
  }
}

/** A message that hardly compresses (so it takes several frames). */
function noiseMessage(size: number): Uint8Array {
  let x = 2463534242;
  const bytes = Uint8Array.from({ length: size }, () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x & 0xff));
  bytes[0] = 16; // a document name of 16 characters
  return bytes;
}

function connect() {
  const Socket = framedWebSocket(FakeSocket);
  const socket = new Socket('ws://relay.test');
  const received: Uint8Array[] = [];
  socket.addEventListener('message', (event) => received.push(new Uint8Array((event as { data: ArrayBuffer }).data)));
  return { socket, fake: FakeSocket.last, received };
}

describe('the relay WebSocket with frames', () => {
  it('offers plain then frames; with frames, large messages go as small stream frames and come back whole', async () => {
    const { socket, fake, received } = connect();
    expect(fake.protocols).toEqual([...relayProtocols]);
    fake.open(relayFramesProtocol);
    const large = noiseMessage(400_000);
    socket.send(large);
    await expect.poll(() => fake.sent.length).toBeGreaterThan(1);
    expect(fake.sent.every((frame) => frame[0] === 0 && frame.length <= 64 * 1024 + 32)).toBe(true);

    // The relay's side sends one back: it arrives whole, after a note that the line lives.
    const relay = createFramedChannel({
      prefix: 0,
      sendFrame: (frame) => fake.emit('message', { data: frame.slice().buffer }),
      bufferedAmount: () => 0,
      deliver: () => undefined,
      onRefuse: () => undefined,
    });
    relay.send(large);
    await expect.poll(() => received.length).toBe(2);
    expect(received[0]).toEqual(new Uint8Array([0]));
    expect(Buffer.from(received[1]).equals(Buffer.from(large))).toBe(true);
  });

  it('sends and receives whole messages when the relay does not pick frames, and closes on frames that do not join', () => {
    const plain = connect();
    plain.fake.open('knipsel-relay');
    const large = noiseMessage(400_000);
    plain.socket.send(large);
    expect(plain.fake.sent).toHaveLength(1);
    expect(plain.fake.sent[0]).toBe(large); // as given, not framed
    plain.fake.emit('message', { data: large.slice().buffer });
    expect(plain.received).toHaveLength(1);

    const framed = connect();
    framed.fake.open(relayFramesProtocol);
    framed.fake.emit('message', { data: new Uint8Array([0, 99, 1]).buffer });
    expect(framed.fake.closed).toBe(badFramesCloseCode);
  });
});
