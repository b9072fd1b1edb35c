// The signalling endpoint in its tests: a Knipsel server on a free port (no web app) with
// the limits a test gives, and WebSocket clients subscribed to topics; all closed after each test.
import { afterEach } from 'vitest';
import { createKnipselServer } from './create-server.js';
import type { KnipselServer, KnipselServerOptions } from './create-server.js';
import type { SignallingLimits } from './signalling-limits.js';
import { connectClient } from './test-clients.js';
import type { TestClient } from './test-clients.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface SignallingTools {
  start(limits?: Partial<SignallingLimits>, options?: Pick<KnipselServerOptions, 'origins'>): Promise<KnipselServer>;
  client(s: KnipselServer, topics?: string[]): Promise<TestClient>;
  /** One client a list of topics, in order. */
  clients(s: KnipselServer, ...topics: string[][]): Promise<TestClient[]>;
  /** Terminated after the test. */
  keep(c: Pick<TestClient, 'ws'>): void;
}

export function signallingPerTest(): SignallingTools {
  let server: KnipselServer | undefined;
  const open: Array<Pick<TestClient, 'ws'>> = [];
  afterEach(async () => {
    for (const c of open.splice(0)) c.ws.terminate();
    await server?.close();
    server = undefined;
  });
  const tools: SignallingTools = {
    async start(limits = {}, options = {}) {
      server = await createKnipselServer({ port: 0, dir: '/nonexistent-knipsel-dir', limits, ...options });
      return server;
    },
    /** A client, subscribed to `topics` (answered) when given. */
    async client(s, topics = []) {
      const c = await connectClient(s.signallingUrl);
      open.push(c);
      if (topics.length) {
        c.send({ type: 'subscribe', topics });
        await c.roundTrip();
      }
      return c;
    },
    async clients(s, ...topics) {
      const made: TestClient[] = [];
      for (const t of topics) made.push(await tools.client(s, t));
      return made;
    },
    keep(c) {
      open.push(c);
    },
  };
  return tools;
}
