import { describe, expect, it } from 'vitest';
import { bridgeTag } from '@knipsel/core/bridge';
import { keepAliveMessage, startForwarder, type ForwarderPort, type ForwarderWindow } from './page-forwarder';

const origin = 'http://127.0.0.1:8787';
const hello = { tag: bridgeTag, from: 'app', frame: { t: 'hello', v: 2, nonce: 'a'.repeat(24), role: 'app', pair: 'p'.repeat(24) } };
const welcome = {
  tag: bridgeTag,
  from: 'extension',
  frame: { t: 'welcome', v: 2, nonce: 'a'.repeat(24), peerNonce: 'b'.repeat(24), role: 'extension', pair: 'p'.repeat(24), proof: 'c'.repeat(64) },
};

function fakes() {
  const listeners = new Set<(event: MessageEvent) => void>();
  const toPage: { message: unknown; target: string }[] = [];
  const win: ForwarderWindow = {
    postMessage: (message, target) => toPage.push({ message, target }),
    addEventListener: (_t, l) => listeners.add(l),
    removeEventListener: (_t, l) => listeners.delete(l),
  };
  const ports: (ForwarderPort & { sent: unknown[]; deliver(m: unknown): void; drop(): void })[] = [];
  const connect = () => {
    const onMessage: ((m: unknown) => void)[] = [];
    const onDisconnect: (() => void)[] = [];
    const port = {
      sent: [] as unknown[],
      postMessage: (m: unknown) => port.sent.push(m),
      disconnect: () => undefined,
      onMessage: { addListener: (l: (m: unknown) => void) => onMessage.push(l) },
      onDisconnect: { addListener: (l: () => void) => onDisconnect.push(l) },
      deliver: (m: unknown) => onMessage.forEach((l) => l(m)),
      drop: () => onDisconnect.forEach((l) => l()),
    };
    ports.push(port);
    return port;
  };
  const post = (data: unknown, from: { source?: unknown; origin?: string } = {}) => {
    const event = { data, source: 'source' in from ? from.source : win, origin: from.origin ?? origin } as unknown as MessageEvent;
    listeners.forEach((l) => l(event));
  };
  const logs: string[] = [];
  let tick: (() => void) | null = null;
  const stop = startForwarder({ win, origin, connect, log: (l) => logs.push(l), setInterval: (fn) => ((tick = fn), 1), clearInterval: () => (tick = null) });
  return { win, toPage, ports, post, logs, stop, keepAlive: () => tick?.() };
}

describe('bridge forwarder (content script)', () => {
  it('forwards app frames to the background and extension frames back to this origin only', () => {
    const f = fakes();
    expect(f.ports).toHaveLength(0); // no port until the app speaks
    f.post(hello);
    expect(f.ports).toHaveLength(1);
    expect(f.ports[0].sent).toEqual([hello]);
    f.ports[0].deliver(welcome);
    expect(f.toPage).toEqual([{ message: welcome, target: origin }]);
    f.keepAlive();
    expect(f.ports[0].sent.at(-1)).toEqual(keepAliveMessage);
  });

  it('ignores messages from other windows, other origins, and its own posts', () => {
    const f = fakes();
    f.post(hello, { source: {} }); // another window (an opener, a frame)
    f.post(hello, { origin: 'http://127.0.0.1:9999' });
    f.post(hello, { source: null });
    f.post({ ...hello, from: 'extension' });
    f.post({ unrelated: true });
    expect(f.ports).toHaveLength(0);
    expect(f.logs).toEqual([]);
  });

  it('drops malformed and oversized frames with a logged reason, in both directions', () => {
    const f = fakes();
    f.post({ tag: bridgeTag, from: 'app', frame: { t: 'sync', session: 'x', dossierId: '../x', data: 'AAAA' } });
    f.post({ tag: bridgeTag, from: 'app', frame: { t: 'bye', session: 'a.b', extra: 'x'.repeat(49 * 1024 * 1024) } });
    expect(f.ports).toHaveLength(0);
    expect(f.logs).toHaveLength(2);
    expect(f.logs[1]).toContain('too large');
    f.post(hello);
    f.ports[0].deliver({ tag: bridgeTag, from: 'extension', frame: { t: 'welcome', v: 2 } });
    f.ports[0].deliver({ ...welcome, from: 'app' });
    expect(f.toPage).toEqual([]);
    expect(f.logs).toHaveLength(3);
  });

  it('forwards what the page posted before the forwarder started, with the same checks', () => {
    const win: ForwarderWindow = { postMessage: () => undefined, addEventListener: () => undefined, removeEventListener: () => undefined };
    const sent: unknown[] = [];
    const port = {
      postMessage: (m: unknown) => sent.push(m),
      disconnect: () => undefined,
      onMessage: { addListener: () => undefined },
      onDisconnect: { addListener: () => undefined },
    };
    const early = [
      { data: hello, source: {}, origin },
      { data: hello, source: win, origin: 'http://localhost:9999' },
      { data: hello, source: win, origin },
    ] as unknown as MessageEvent[];
    startForwarder({ win, origin, early, connect: () => port, setInterval: () => 1, clearInterval: () => undefined });
    expect(sent).toEqual([hello]);
  });

  it('tells the page when the background goes away, and reconnects on the next hello', () => {
    const f = fakes();
    f.post(hello);
    f.ports[0].deliver(welcome);
    f.ports[0].drop();
    expect(f.toPage.at(-1)?.message).toEqual({ tag: bridgeTag, from: 'extension', frame: { t: 'bye', session: `${'a'.repeat(24)}.${'b'.repeat(24)}` } });
    f.post(hello);
    expect(f.ports).toHaveLength(2);
    expect(f.ports[1].sent).toEqual([hello]);
    f.ports[0].deliver(welcome); // late traffic from the dead port is not relayed
    expect(f.toPage.filter((m) => (m.message as typeof welcome).frame.t === 'welcome')).toHaveLength(1);
  });
});
