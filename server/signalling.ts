// A y-webrtc compatible signalling endpoint (WebSocket pub/sub on topics) that attaches to
// an http server at one path. It stores nothing, logs no message content, and bounds what
// one connection can cost (message size, topics, message rate, buffered output) and what
// one client address can hold (connections, sockets that never subscribe). Browsers are
// only let in from the app's own origin or origins the operator lists.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { RawData } from 'ws';
import { createTokenBucket } from './rate-limit.js';
import type { TokenBucket } from './rate-limit.js';

export type SignallingLimits = {
  /** Largest accepted frame in bytes; a larger one closes the connection with 1009. */
  maxMessageBytes: number;
  /** Topics (rooms) one connection may subscribe to; further topics are ignored. */
  maxTopicsPerConnection: number;
  /** Longest topic name in characters; longer names are ignored. */
  maxTopicLength: number;
  /** Sustained messages per second per connection (token bucket rate). */
  messagesPerSecond: number;
  /** Messages a connection may send at once after a quiet period (token bucket size). */
  messageBurst: number;
  /** Rate-limited (dropped) messages within `floodWindowMs` after which the connection is closed with 1008. */
  maxDroppedPerWindow: number;
  /** Window for counting dropped messages, in milliseconds. */
  floodWindowMs: number;
  /** Open signalling connections in total; further upgrades get HTTP 503. */
  maxConnections: number;
  /** Open connections from one client address; further upgrades from it get HTTP 429. */
  maxConnectionsPerAddress: number;
  /** A connection that has not subscribed to a topic this long after opening is closed (1008). */
  subscribeDeadlineMs: number;
  /** When a receiver has more than this many bytes queued, messages to it are dropped. */
  maxBufferedBytes: number;
  /** Interval between WebSocket pings; a client that did not answer the last one is terminated. */
  pingIntervalMs: number;
};

export const DEFAULT_SIGNALLING_LIMITS: Readonly<SignallingLimits> = Object.freeze({
  maxMessageBytes: 64 * 1024,
  maxTopicsPerConnection: 32,
  maxTopicLength: 256,
  messagesPerSecond: 50,
  messageBurst: 200,
  maxDroppedPerWindow: 200,
  floodWindowMs: 10_000,
  maxConnections: 1000,
  maxConnectionsPerAddress: 32,
  subscribeDeadlineMs: 5_000,
  maxBufferedBytes: 1024 * 1024,
  pingIntervalMs: 30_000,
});

export type SignallingStats = {
  connections: number;
  topics: number;
  /** Frames dropped because they were binary, not JSON, or not a valid message. */
  malformed: number;
  /** Frames dropped by the per-connection rate limit. */
  rateLimited: number;
  /** Subscriptions ignored (too many topics, bad or too long names). */
  refusedTopics: number;
  /** Deliveries skipped because the receiver was too far behind. */
  slowReceiverDrops: number;
  /** Upgrades refused because `maxConnections` was reached or the endpoint was closing. */
  refusedConnections: number;
  /** Upgrades refused because their address already held `maxConnectionsPerAddress`. */
  refusedPerAddress: number;
  /** Upgrades refused because their Origin is not allowed. */
  refusedOrigins: number;
  /** Connections closed because they did not subscribe in time. */
  closedIdle: number;
};

export type SignallingOptions = {
  server: Server;
  /** WebSocket path, e.g. `/signal`. The query string is ignored. */
  path?: string;
  limits?: Partial<SignallingLimits>;
  /**
   * Browser origins allowed besides the server's own (an app served elsewhere that uses this
   * server for signalling), e.g. `https://knipsel.school.nl`. A request without an Origin
   * header (not a browser) is let in; the per-address limits hold for it all the same.
   */
  allowedOrigins?: readonly string[];
  /**
   * Behind a reverse proxy every client shares the proxy's address: set this to count
   * clients by the last address the proxy appended to `X-Forwarded-For` instead.
   */
  trustProxy?: boolean;
  /** Receives short operational notes (never message content, never addresses). */
  log?: (line: string) => void;
};

export type Signalling = {
  stats(): SignallingStats;
  /** Stops accepting, closes every connection with 1001 and resolves when all are gone. */
  close(): Promise<void>;
};

type Client = {
  ws: WebSocket;
  topics: Set<string>;
  /** Has subscribed at least once (the idle deadline no longer applies). */
  subscribed: boolean;
  bucket: TokenBucket;
  alive: boolean;
  windowStart: number;
  droppedInWindow: number;
};

type Message =
  | { type: 'subscribe' | 'unsubscribe'; topics: unknown[] }
  | { type: 'publish'; topic: string; [key: string]: unknown }
  | { type: 'ping' };

/** Checks the shape of a parsed frame; null when it is not a message we handle. */
function asMessage(value: unknown, maxTopicLength: number): Message | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'subscribe':
    case 'unsubscribe':
      return Array.isArray(m.topics) ? { type: m.type, topics: m.topics } : null;
    case 'publish':
      return typeof m.topic === 'string' && m.topic.length > 0 && m.topic.length <= maxTopicLength
        ? (m as Message)
        : null;
    case 'ping':
      return { type: 'ping' };
    default:
      return null;
  }
}

function rawDataToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function pathnameOf(url: string | undefined): string {
  const raw = url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

/** The client's address: the socket's, or behind a trusted proxy the last forwarded one. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').pop()?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * True when a browser's Origin may use this endpoint: the server's own origin (same host as
 * the request) or one of `allowed`. No Origin header at all: not a browser, let in.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host === req.headers.host) return true;
  return allowed.includes(parsed.origin);
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.on('error', () => {});
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function createSignalling({ server, path = '/signal', limits: given = {}, allowedOrigins = [], trustProxy = false, log = () => {} }: SignallingOptions): Signalling {
  const limits: SignallingLimits = { ...DEFAULT_SIGNALLING_LIMITS, ...given };
  const allowed = allowedOrigins.map((origin) => new URL(origin).origin);
  /** Open (and opening) connections per client address. */
  const perAddress = new Map<string, number>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false, clientTracking: false });
  const clients = new Set<Client>();
  const topics = new Map<string, Set<Client>>();
  const counters = { malformed: 0, rateLimited: 0, refusedTopics: 0, slowReceiverDrops: 0, refusedConnections: 0, refusedPerAddress: 0, refusedOrigins: 0, closedIdle: 0 };
  let closing = false;

  const deliver = (receiver: Client, data: string) => {
    const ws = receiver.ws;
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > limits.maxBufferedBytes) {
      counters.slowReceiverDrops++;
      return;
    }
    ws.send(data, () => {}); // a failed send shows up as a close; nothing to do here
  };

  const subscribe = (client: Client, names: unknown[]) => {
    for (const name of names) {
      if (typeof name !== 'string' || name.length === 0 || name.length > limits.maxTopicLength) {
        counters.refusedTopics++;
        continue;
      }
      if (client.topics.has(name)) continue;
      if (client.topics.size >= limits.maxTopicsPerConnection) {
        counters.refusedTopics++;
        continue;
      }
      client.topics.add(name);
      let subscribers = topics.get(name);
      if (!subscribers) topics.set(name, (subscribers = new Set()));
      subscribers.add(client);
    }
  };

  const unsubscribe = (client: Client, names: Iterable<unknown>) => {
    for (const name of names) {
      if (typeof name !== 'string' || !client.topics.delete(name)) continue;
      const subscribers = topics.get(name);
      if (!subscribers) continue;
      subscribers.delete(client);
      if (subscribers.size === 0) topics.delete(name);
    }
  };

  const onFrame = (client: Client, data: RawData, isBinary: boolean) => {
    if (client.ws.readyState !== WebSocket.OPEN) return; // closing: ignore whatever still arrives
    if (!client.bucket.tryTake()) {
      counters.rateLimited++;
      const now = Date.now();
      if (now - client.windowStart > limits.floodWindowMs) {
        client.windowStart = now;
        client.droppedInWindow = 0;
      }
      if (++client.droppedInWindow > limits.maxDroppedPerWindow) {
        log('signalling: closed a connection that kept flooding (1008)');
        client.ws.close(1008, 'rate limit');
      }
      return;
    }
    if (isBinary) {
      counters.malformed++;
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawDataToText(data));
    } catch {
      counters.malformed++;
      return;
    }
    const message = asMessage(parsed, limits.maxTopicLength);
    if (!message) {
      counters.malformed++;
      return;
    }
    switch (message.type) {
      case 'subscribe':
        subscribe(client, message.topics);
        if (client.topics.size > 0) client.subscribed = true;
        break;
      case 'unsubscribe':
        unsubscribe(client, message.topics);
        break;
      case 'publish': {
        const receivers = topics.get(message.topic);
        if (!receivers) break;
        // Like y-webrtc's own server: forward the message as sent, plus the subscriber count.
        const out = JSON.stringify({ ...message, clients: receivers.size });
        for (const receiver of receivers) deliver(receiver, out);
        break;
      }
      case 'ping':
        client.alive = true;
        deliver(client, JSON.stringify({ type: 'pong' }));
        break;
    }
  };

  const onConnection = (ws: WebSocket) => {
    const client: Client = {
      ws,
      topics: new Set(),
      subscribed: false,
      bucket: createTokenBucket({ ratePerSecond: limits.messagesPerSecond, burst: limits.messageBurst }),
      alive: true,
      windowStart: Date.now(),
      droppedInWindow: 0,
    };
    clients.add(client);
    // A socket that never joins a room only holds a slot: close it after a short while.
    const idle = setTimeout(() => {
      if (client.subscribed || ws.readyState !== WebSocket.OPEN) return;
      counters.closedIdle++;
      ws.close(1008, 'no subscription');
    }, limits.subscribeDeadlineMs);
    idle.unref();
    // Without an error listener a protocol error (oversized or invalid frame) would throw;
    // ws closes the connection itself (1009 for too big, 1002/1007 for protocol errors).
    ws.on('error', () => {});
    ws.on('pong', () => {
      client.alive = true;
    });
    ws.on('message', (data, isBinary) => {
      try {
        onFrame(client, data, isBinary);
      } catch {
        counters.malformed++; // never let one frame take the process down
      }
    });
    ws.on('close', () => {
      clearTimeout(idle);
      unsubscribe(client, [...client.topics]);
      clients.delete(client);
    });
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (pathnameOf(req.url) !== path) {
      // Leave other paths to other upgrade listeners; refuse them when we are the only one.
      if (server.listenerCount('upgrade') === 1) refuseUpgrade(socket, '404 Not Found');
      return;
    }
    if (closing) {
      counters.refusedConnections++;
      refuseUpgrade(socket, '503 Service Unavailable');
      return;
    }
    if (!originAllowed(req, allowed)) {
      counters.refusedOrigins++;
      refuseUpgrade(socket, '403 Forbidden');
      return;
    }
    if (clients.size >= limits.maxConnections) {
      counters.refusedConnections++;
      log('signalling: refused a connection (maxConnections reached)');
      refuseUpgrade(socket, '503 Service Unavailable');
      return;
    }
    const address = clientAddress(req, trustProxy);
    const held = perAddress.get(address) ?? 0;
    if (held >= limits.maxConnectionsPerAddress) {
      counters.refusedPerAddress++;
      refuseUpgrade(socket, '429 Too Many Requests');
      return;
    }
    // Counted from the upgrade until the socket is gone, whether or not the handshake completes.
    perAddress.set(address, held + 1);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
    wss.handleUpgrade(req, socket, head, onConnection);
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        client.ws.terminate();
        continue;
      }
      client.alive = false;
      try {
        client.ws.ping();
      } catch {
        client.ws.terminate();
      }
    }
  }, limits.pingIntervalMs);
  heartbeat.unref();

  let closed: Promise<void> | null = null;

  return {
    stats() {
      return { connections: clients.size, topics: topics.size, ...counters };
    },
    close() {
      if (closed) return closed;
      closing = true;
      clearInterval(heartbeat);
      closed = new Promise<void>((done) => {
        const finish = () => {
          server.off('upgrade', onUpgrade);
          wss.close(() => done());
        };
        if (clients.size === 0) return finish();
        const remaining = new Set(clients);
        const force = setTimeout(() => {
          for (const client of remaining) client.ws.terminate();
        }, 1000);
        for (const client of remaining) {
          client.ws.once('close', () => {
            remaining.delete(client);
            if (remaining.size === 0) {
              clearTimeout(force);
              finish();
            }
          });
          client.ws.close(1001, 'server shutting down');
        }
      });
      return closed;
    },
  };
}
