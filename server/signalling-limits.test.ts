// The signalling endpoint's limits: message size, topics, rate, connections, heartbeat, and
// what one client address and other sites can hold.
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEFAULT_SIGNALLING_LIMITS } from './signalling-limits.js';
import { connectClient, upgradeStatus } from './test-clients.js';
import { signallingPerTest, sleep } from './test-signalling.js';

const { start, client, keep } = signallingPerTest();

describe('signalling limits', () => {
  it('uses the documented defaults', () => {
    expect(DEFAULT_SIGNALLING_LIMITS).toMatchObject({
      maxMessageBytes: 65536,
      maxTopicsPerConnection: 32,
      maxTopicLength: 256,
      messagesPerSecond: 50,
      messageBurst: 200,
      pingIntervalMs: 30_000,
    });
  });

  it('closes a connection that sends an oversized message with 1009, others unaffected', async () => {
    const s = await start();
    const big = await client(s, ['t']);
    const other = await client(s, ['t']);
    big.send({ type: 'publish', topic: 't', data: 'x'.repeat(70 * 1024) });
    expect(await big.closed).toBe(1009);
    expect(other.received.filter((m) => m.type === 'publish')).toEqual([]);
    other.send({ type: 'publish', topic: 't', data: 'still here' });
    await other.waitFor((m) => m.data === 'still here');
  });

  it('accepts a message just under the size limit', async () => {
    const s = await start();
    const a = await client(s, ['t']);
    a.send({ type: 'publish', topic: 't', data: 'y'.repeat(60 * 1024) });
    expect((await a.waitFor((m) => m.type === 'publish')).data).toHaveLength(60 * 1024);
  });

  it('ignores topics beyond the per-connection maximum', async () => {
    const s = await start();
    const names = Array.from({ length: 40 }, (_, i) => `topic-${i}`);
    const greedy = await client(s, names);
    expect(s.stats().topics).toBe(32);
    expect(s.stats().refusedTopics).toBe(8);
    const sender = await client(s);
    sender.send({ type: 'publish', topic: 'topic-35', data: 'beyond' });
    sender.send({ type: 'publish', topic: 'topic-5', data: 'within' });
    await greedy.waitFor((m) => m.data === 'within');
    expect(greedy.received.some((m) => m.data === 'beyond')).toBe(false);
    // Leaving a topic frees a slot.
    greedy.send({ type: 'unsubscribe', topics: ['topic-0'] });
    greedy.send({ type: 'subscribe', topics: ['topic-35'] });
    await greedy.roundTrip();
    sender.send({ type: 'publish', topic: 'topic-35', data: 'now' });
    await greedy.waitFor((m) => m.data === 'now');
  });

  it('drops messages over the rate without closing a connection that stops', async () => {
    const s = await start({ messagesPerSecond: 2, messageBurst: 5, maxDroppedPerWindow: 100 });
    const a = await client(s);
    a.send({ type: 'subscribe', topics: ['t'] }); // 1 token
    for (let i = 0; i < 20; i++) a.send({ type: 'publish', topic: 't', data: i });
    await sleep(700); // refills a token for the pong
    a.send({ type: 'ping' });
    await a.waitFor((m) => m.type === 'pong');
    expect(a.received.filter((m) => m.type === 'publish').map((m) => m.data)).toEqual([0, 1, 2, 3]);
    expect(s.stats().rateLimited).toBe(16);
    expect(a.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('closes a flooding connection with 1008 while a client in another topic keeps getting its messages', async () => {
    const s = await start(); // default limits
    const flooder = await client(s, ['flood']);
    const alice = await client(s, ['calm']);
    const bob = await client(s, ['calm']);
    const payload = { type: 'publish', topic: 'flood', data: 'z'.repeat(200) };
    const flooding = (async () => {
      for (let i = 0; i < 2000 && flooder.ws.readyState === WebSocket.OPEN; i++) {
        flooder.send(payload);
        if (i % 100 === 0) await sleep(0);
      }
    })();
    for (let i = 0; i < 20; i++) {
      alice.send({ type: 'publish', topic: 'calm', data: `msg-${i}` });
      await bob.waitFor((m) => m.data === `msg-${i}`);
    }
    await flooding;
    expect(await flooder.closed).toBe(1008);
    expect(s.stats().rateLimited).toBeGreaterThan(DEFAULT_SIGNALLING_LIMITS.maxDroppedPerWindow);
    alice.send({ type: 'publish', topic: 'calm', data: 'after flood' });
    await bob.waitFor((m) => m.data === 'after flood');
    expect(bob.received.some((m) => m.topic === 'flood')).toBe(false);
  });

  it('refuses connections over the total maximum with 503', async () => {
    const s = await start({ maxConnections: 2 });
    await client(s);
    await client(s);
    const ws = new WebSocket(s.signallingUrl);
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
    });
    expect(status).toBe(503);
    expect(s.stats().refusedConnections).toBe(1);
  });

  it('pings clients and terminates ones that do not answer', async () => {
    const s = await start({ pingIntervalMs: 50 });
    const lively = await client(s, ['t']);
    const silent = new WebSocket(s.signallingUrl, { autoPong: false });
    silent.on('error', () => {});
    await new Promise((r) => silent.once('open', r));
    const silentClosed = new Promise<number>((r) => silent.on('close', (code) => r(code)));
    let pings = 0;
    lively.ws.on('ping', () => pings++);
    const code = await silentClosed;
    expect(code).toBe(1006); // terminated, no close frame
    expect(pings).toBeGreaterThan(0);
    await sleep(150);
    expect(lively.ws.readyState).toBe(WebSocket.OPEN);
    expect(s.stats().connections).toBe(1);
  });
});

describe('what one client address and other sites can hold', () => {
  it('caps the sockets of one address while another address still gets in', async () => {
    const s = await start();
    const cap = DEFAULT_SIGNALLING_LIMITS.maxConnectionsPerAddress;
    expect(cap).toBeLessThan(200);
    const statuses = await Promise.all(Array.from({ length: 200 }, () => upgradeStatusKept(s.signallingUrl)));
    const accepted = statuses.filter((status) => status === 0).length;
    expect(accepted).toBe(cap);
    expect(statuses.filter((status) => status === 429).length).toBe(200 - cap);
    expect(s.stats().refusedPerAddress).toBe(200 - cap);
    const other = await connectClient(s.signallingUrl, { localAddress: '127.0.0.2' });
    keep(other);
    other.send({ type: 'subscribe', topics: ['room'] });
    await other.roundTrip();
    expect(s.stats().connections).toBe(cap + 1);
  });

  it('gives a slot back when a socket closes', async () => {
    const s = await start({ maxConnectionsPerAddress: 2 });
    const a = await client(s, ['t']);
    await client(s, ['t']);
    expect(await upgradeStatus(s.signallingUrl)).toBe(429);
    a.ws.close();
    await a.closed;
    await sleep(50);
    const again = await connectClient(s.signallingUrl);
    keep(again);
    expect(again.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('lets browsers in only from the app’s own origin or listed ones', async () => {
    const s = await start({}, { origins: ['https://knipsel.school.nl'] });
    expect(await upgradeStatus(s.signallingUrl, { origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(s.signallingUrl, { origin: 'null' })).toBe(403);
    expect(await upgradeStatus(s.signallingUrl, { origin: s.url })).toBe(0);
    expect(await upgradeStatus(s.signallingUrl, { origin: 'https://knipsel.school.nl' })).toBe(0);
    expect(s.stats().refusedOrigins).toBe(2);
  });

  it('closes a socket that never subscribes, and keeps one that did', async () => {
    const s = await start({ subscribeDeadlineMs: 200 });
    const idle = await client(s);
    const member = await client(s, ['room']);
    expect(await idle.closed).toBe(1008);
    expect(s.stats().closedIdle).toBe(1);
    await sleep(100);
    expect(member.ws.readyState).toBe(WebSocket.OPEN);
  });
});

/** Opens a socket and keeps it open (for counting); resolves with 0 or the refusal status. */
function upgradeStatusKept(url: string): Promise<number> {
  const ws = new WebSocket(url);
  return new Promise<number>((resolve) => {
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      keep({ ws });
      resolve(0);
    });
    ws.on('error', () => resolve(-1));
  });
}
