// Tests for the signalling endpoint: y-webrtc pub/sub semantics and bad frames.
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connectClient } from './test-clients.js';
import { signallingPerTest, sleep } from './test-signalling.js';

const { start, client, clients, keep } = signallingPerTest();

describe('signalling pub/sub', () => {
  it('delivers a publish to every subscriber, the sender included, as sent plus a client count', async () => {
    const s = await start();
    const [a, b, outsider] = await clients(s, ['room-1'], ['room-1'], ['room-2']);
    a.send({ type: 'publish', topic: 'room-1', data: { type: 'announce', from: 'peer-a' } });
    const atB = await b.waitFor((m) => m.type === 'publish');
    expect(atB).toEqual({ type: 'publish', topic: 'room-1', data: { type: 'announce', from: 'peer-a' }, clients: 2 });
    expect(await a.waitFor((m) => m.type === 'publish')).toEqual(atB);
    await outsider.roundTrip();
    expect(outsider.received.filter((m) => m.type === 'publish')).toEqual([]);
  });

  it('stops delivering after unsubscribe and forgets empty topics', async () => {
    const s = await start();
    const a = await client(s, ['t']);
    const b = await client(s, ['t']);
    expect(s.stats().topics).toBe(1);
    b.send({ type: 'unsubscribe', topics: ['t'] });
    await b.roundTrip();
    a.send({ type: 'publish', topic: 't', data: 'after' });
    await a.waitFor((m) => m.data === 'after');
    await b.roundTrip();
    expect(b.received.filter((m) => m.type === 'publish')).toEqual([]);
    a.send({ type: 'unsubscribe', topics: ['t'] });
    await a.roundTrip();
    expect(s.stats().topics).toBe(0);
  });

  it('answers ping with pong and accepts a query string on the path', async () => {
    const s = await start();
    const c = await connectClient(`${s.signallingUrl}?x=1`);
    keep(c);
    c.send({ type: 'ping' });
    expect(await c.waitFor((m) => m.type === 'pong')).toEqual({ type: 'pong' });
  });

  it('drops a closed connection from its topics', async () => {
    const s = await start();
    const a = await client(s, ['t1', 't2']);
    await client(s, ['t1']);
    expect(s.stats()).toMatchObject({ connections: 2, topics: 2 });
    a.ws.close();
    await a.closed;
    await sleep(20);
    expect(s.stats()).toMatchObject({ connections: 1, topics: 1 });
  });

  it('refuses WebSocket upgrades on other paths', async () => {
    const s = await start();
    const ws = new WebSocket(s.url.replace('http', 'ws') + '/other');
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
    });
    expect(status).toBe(404);
  });
});

describe('malformed frames', () => {
  it('drops and counts bad frames; the sender and other clients keep working', async () => {
    const s = await start();
    const [junk, a, b] = await clients(s, ['shared'], ['shared'], ['shared']);
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const frames: (string | Buffer)[] = [
      'garbage',
      '{"type":',
      '',
      'null',
      '42',
      '"publish"',
      '[]',
      deep,
      JSON.stringify({ type: 'publish' }),
      JSON.stringify({ type: 'publish', topic: 42, data: 'x' }),
      JSON.stringify({ type: 'publish', topic: '', data: 'x' }),
      JSON.stringify({ type: 'publish', topic: 'shared'.padEnd(300, 'x'), data: 'x' }),
      JSON.stringify({ type: 'subscribe' }),
      JSON.stringify({ type: 'subscribe', topics: 'shared' }),
      JSON.stringify({ type: 'unsubscribe', topics: { 0: 'shared' } }),
      JSON.stringify({ type: 'nonsense', topics: ['shared'] }),
      JSON.stringify({ type: ['publish'], topic: 'shared' }),
      JSON.stringify({ type: { toString: 'publish' } }),
      '{"__proto__":{"type":"publish","topic":"shared"}}',
      Buffer.from([0xff, 0x00, 0x13, 0x37]),
    ];
    for (const frame of frames) {
      if (Buffer.isBuffer(frame)) junk.ws.send(frame, { binary: true });
      else junk.ws.send(frame);
    }
    // Valid messages with odd content are fine: subscribe lists with junk entries, nested data.
    junk.send({ type: 'subscribe', topics: [null, 1, {}, [], 'z'.repeat(1000), '__proto__', 'constructor'] });
    junk.send({ type: 'publish', topic: '__proto__', data: { a: [{ b: [{ c: null }] }] } });
    await junk.roundTrip();

    expect(s.stats().malformed).toBeGreaterThanOrEqual(frames.length - 1);
    expect(s.stats().refusedTopics).toBe(5);
    expect(junk.ws.readyState).toBe(WebSocket.OPEN);
    expect(await junk.waitFor((m) => m.topic === '__proto__')).toMatchObject({ data: { a: [{ b: [{ c: null }] }] } });
    expect(a.received.filter((m) => m.type === 'publish')).toEqual([]);

    a.send({ type: 'publish', topic: 'shared', data: 'hello' });
    await b.waitFor((m) => m.data === 'hello');
    await junk.waitFor((m) => m.data === 'hello');
    const health = await (await fetch(`${s.url}/health`)).json();
    expect(health).toMatchObject({ ok: true, connections: 3 });
  });

  it('closes a connection that sends invalid UTF-8 text, others unaffected', async () => {
    const s = await start();
    const bad = await client(s, ['t']);
    const good = await client(s, ['t']);
    bad.ws.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false });
    expect(await bad.closed).toBe(1007);
    good.send({ type: 'publish', topic: 't', data: 'ok' });
    await good.waitFor((m) => m.data === 'ok');
  });
});
