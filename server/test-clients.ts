// Test helpers for the server tests: a WebSocket client that records what it receives,
// and a raw HTTP GET that sends the request target exactly as written (no URL cleanup).
import { request } from 'node:http';
import { WebSocket } from 'ws';

export type TestClient = {
  ws: WebSocket;
  /** Parsed JSON messages received so far. */
  received: any[];
  send(message: unknown): void;
  /** Resolves with the first received message (past or future) matching `match`. */
  waitFor(match: (message: any) => boolean, timeoutMs?: number): Promise<any>;
  /** Resolves with the close code once the connection is closed. */
  closed: Promise<number>;
  /** A ping/pong round trip: resolves once every earlier frame was handled by the server. */
  roundTrip(): Promise<void>;
};

export type ConnectOptions = {
  /** Local address to connect from (127.0.0.2 … are other loopback addresses on Linux). */
  localAddress?: string;
  /** An Origin header, as a browser sends it. */
  origin?: string;
};

export async function connectClient(url: string, options: ConnectOptions = {}): Promise<TestClient> {
  const ws = new WebSocket(url, { localAddress: options.localAddress, origin: options.origin });
  const received: any[] = [];
  const waiters = new Set<{ match: (m: any) => boolean; resolve: (m: any) => void }>();
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString());
    received.push(message);
    for (const w of waiters) {
      if (w.match(message)) {
        waiters.delete(w);
        w.resolve(message);
      }
    }
  });
  ws.on('error', () => {});
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const client: TestClient = {
    ws,
    received,
    closed,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    waitFor(match, timeoutMs = 3000) {
      const seen = received.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error('timed out waiting for a message'));
        }, timeoutMs);
      });
    },
    async roundTrip() {
      const before = received.filter((m) => m.type === 'pong').length;
      ws.send(JSON.stringify({ type: 'ping' }));
      await new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          if (received.filter((m) => m.type === 'pong').length > before) resolve();
          else if (Date.now() - started > 3000) reject(new Error('no pong'));
          else setTimeout(check, 5);
        };
        check();
      });
    },
  };
  return client;
}

/** The HTTP status an upgrade gets when the server refuses it (0 if it was accepted). */
export function upgradeStatus(url: string, options: ConnectOptions = {}): Promise<number> {
  const ws = new WebSocket(url, { localAddress: options.localAddress, origin: options.origin });
  return new Promise<number>((resolve) => {
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      ws.terminate();
      resolve(0);
    });
    ws.on('error', () => resolve(-1));
  });
}

export type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** GET with the request target sent verbatim (so `..` reaches the server). */
export function rawGet(baseUrl: string, target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: target, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
