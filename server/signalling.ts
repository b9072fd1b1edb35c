// A y-webrtc compatible signalling endpoint (WebSocket pub/sub on topics) that attaches to
// an http server at one path. It stores nothing, logs no message content, and bounds what
// one connection can cost (message size, topics, message rate, buffered output) and what
// one client address can hold (connections, sockets that never subscribe). Browsers are
// only let in from the app's own origin or origins the operator lists. The bounds are in
// signalling-limits.ts, the door in signalling-door.ts, frames in signalling-frames.ts and
// the rooms in signalling-topics.ts.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { RawData } from 'ws';
import { createTokenBucket } from './rate-limit.js';
import type { TokenBucket } from './rate-limit.js';
import { clientAddress, createAddressSlots, originAllowed, pathnameOf, refuseUpgrade } from './signalling-door.js';
import { parseFrame } from './signalling-frames.js';
import { DEFAULT_SIGNALLING_LIMITS } from './signalling-limits.js';
import type { SignallingLimits, SignallingStats } from './signalling-limits.js';
import { createTopics } from './signalling-topics.js';
import type { TopicMember } from './signalling-topics.js';

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

type Client = TopicMember & {
  /** Has subscribed at least once (the idle deadline no longer applies). */
  subscribed: boolean;
  bucket: TokenBucket;
  alive: boolean;
  windowStart: number;
  droppedInWindow: number;
};

export function createSignalling({ server, path = '/signal', limits: given = {}, allowedOrigins = [], trustProxy = false, log = () => {} }: SignallingOptions): Signalling {
  const limits: SignallingLimits = { ...DEFAULT_SIGNALLING_LIMITS, ...given };
  const allowed = allowedOrigins.map((origin) => new URL(origin).origin);
  const slots = createAddressSlots(limits.maxConnectionsPerAddress);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false, clientTracking: false });
  const clients = new Set<Client>();
  const counters = { malformed: 0, rateLimited: 0, refusedTopics: 0, slowReceiverDrops: 0, refusedConnections: 0, refusedPerAddress: 0, refusedOrigins: 0, closedIdle: 0 };
  const topics = createTopics<Client>(limits, counters);
  let closing = false;

  /** False when the client is over its rate; closes a client that keeps flooding. */
  const withinRate = (client: Client): boolean => {
    if (client.bucket.tryTake()) return true;
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
    return false;
  };

  const onFrame = (client: Client, data: RawData, isBinary: boolean) => {
    if (client.ws.readyState !== WebSocket.OPEN) return; // closing: ignore whatever still arrives
    if (!withinRate(client)) return;
    const message = parseFrame(data, isBinary, limits.maxTopicLength);
    if (!message) {
      counters.malformed++;
      return;
    }
    switch (message.type) {
      case 'subscribe':
        topics.subscribe(client, message.topics);
        if (client.topics.size > 0) client.subscribed = true;
        break;
      case 'unsubscribe':
        topics.unsubscribe(client, message.topics);
        break;
      case 'publish':
        topics.publish(message.topic, message);
        break;
      case 'ping':
        client.alive = true;
        topics.deliver(client, JSON.stringify({ type: 'pong' }));
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
      topics.unsubscribe(client, [...client.topics]);
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
    // Counted from the upgrade until the socket is gone, whether or not the handshake completes.
    if (!slots.take(clientAddress(req, trustProxy), socket)) {
      counters.refusedPerAddress++;
      refuseUpgrade(socket, '429 Too Many Requests');
      return;
    }
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
