// The Knipsel relay: Hocuspocus (a Yjs WebSocket server) behind our own node:http server,
// with access by invite token, SQLite storage, the message gate, the owners' HTTP API and,
// optionally, Redis so several relay processes serve the same dossiers.
//
// The relay can read every dossier it holds: it merges and stores the Yjs documents in
// plain form. That is the price of a server that is always there; say so to users.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { Redis } from '@hocuspocus/extension-redis';
import { WebSocketServer } from 'ws';
import type * as Y from 'yjs';
import { createAdminApi } from './admin-api.js';
import { clientAddressOf, isLoopbackHost } from './client-address.js';
import { DEFAULT_GATE_LIMITS, GuardedSocket, type GateLimits } from './message-gate.js';
import { openRelayStore, type Access, type RelayStore } from './relay-store.js';

/** Transaction origin Hocuspocus' Redis extension uses for updates from other instances. */
const REDIS_ORIGIN = '__hocuspocus__redis__origin__';

export interface RelayLimits extends GateLimits {
  /** Largest WebSocket frame in bytes; larger closes the connection (1009). */
  maxPayload: number;
  /** Open WebSocket connections per process; more get HTTP 503. */
  maxConnections: number;
  /** Open WebSocket connections per client address; more get HTTP 429. */
  connectionsPerAddress: number;
  /** Owners' API requests per second per client address (bursts of 5×). */
  apiRatePerSecond: number;
}

export const DEFAULT_RELAY_LIMITS: RelayLimits = {
  ...DEFAULT_GATE_LIMITS,
  maxPayload: 16 * 1024 * 1024,
  maxConnections: 2000,
  connectionsPerAddress: 100,
  apiRatePerSecond: 10,
};

export interface RelayOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** SQLite file; ':memory:' for tests. */
  database: string;
  /** `redis://host:port` — share documents with other relay processes through Redis. */
  redisUrl?: string;
  /** When set, registering a dossier needs this key (header x-knipsel-registration-key). */
  registrationKey?: string;
  /**
   * Without a key: may anyone register dossiers? Default: only when listening on a loopback
   * address (behind a proxy on the same machine, or for one person); a relay reachable from
   * the network needs a key unless the operator opens registration explicitly.
   */
  openRegistration?: boolean;
  /** Addresses of reverse proxies whose X-Forwarded-For is believed (rate limits, caps). */
  trustedProxies?: readonly string[];
  /** Access-Control-Allow-Origin for the owners' API; default '*'. */
  allowOrigin?: string;
  limits?: Partial<RelayLimits>;
  /** How often open connections are re-checked against revocations made elsewhere (ms). */
  revocationSweepMs?: number;
  /** Hocuspocus' store debounce (ms): how soon the update log is folded into a snapshot. */
  compactDebounceMs?: number;
  log?: (line: string) => void;
}

export interface RelayStats {
  connections: number;
  rejectedFrames: number;
  deniedAuth: number;
  documents: number;
  /** Sockets cut for sending too much before authentication. */
  preAuthBudgetClosed: number;
  /** Sockets closed for not authenticating in time. */
  authTimeouts: number;
  /** Upgrades refused because the address had too many connections open. */
  refusedPerAddress: number;
  /** Owners' API requests answered 429. */
  rateLimited: number;
}

export interface Relay {
  /** http://host:port — the owners' API lives under /api. */
  url: string;
  /** ws://host:port — where providers connect. */
  wsUrl: string;
  port: number;
  store: RelayStore;
  hocuspocus: Hocuspocus;
  stats(): RelayStats;
  close(): Promise<void>;
}

interface RelayContext {
  access?: Access;
}

export async function createRelay(options: RelayOptions): Promise<Relay> {
  const limits: RelayLimits = { ...DEFAULT_RELAY_LIMITS, ...options.limits };
  const log = options.log ?? (() => undefined);
  const store = openRelayStore({ path: options.database });
  const counters = { rejectedFrames: 0, deniedAuth: 0, preAuthBudgetClosed: 0, authTimeouts: 0, refusedPerAddress: 0, rateLimited: 0 };
  const host = options.host ?? '127.0.0.1';
  const addressOf = clientAddressOf(options.trustedProxies ?? []);
  const loadOrigin = { relay: 'load' };
  let closed = false;

  const access: Extension = {
    extensionName: 'knipsel-access',
    async onAuthenticate({ token, documentName, connectionConfig }) {
      const granted = store.authorize(documentName, token);
      if (!granted) {
        counters.deniedAuth++;
        // Hocuspocus answers "permission denied" and the gate then closes the socket. An
        // empty message keeps Hocuspocus from logging every refused token.
        throw Object.assign(new Error(''), { reason: 'permission-denied' });
      }
      connectionConfig.readOnly = granted.role === 'read-only';
      return { access: granted } satisfies RelayContext;
    },
  };

  const persistence: Extension = {
    extensionName: 'knipsel-sqlite',
    async onLoadDocument({ documentName, document }) {
      store.loadInto(documentName, document, loadOrigin);
    },
    async afterLoadDocument({ documentName, document }) {
      // Synchronous append before Hocuspocus acknowledges the update to the client.
      document.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === loadOrigin || origin === REDIS_ORIGIN) return;
        try {
          store.appendUpdate(documentName, update);
        } catch (error) {
          log(`relay: could not store an update of ${documentName}: ${(error as Error).message}`);
          throw error; // no acknowledgement for an update that is not stored
        }
      });
    },
    async onStoreDocument({ documentName, document }) {
      if (!closed && store.isRegistered(documentName)) store.compact(documentName, document as unknown as Y.Doc);
    },
  };

  const extensions: Extension[] = [access, persistence];
  let redis: Redis | null = null;
  if (options.redisUrl) {
    const url = new URL(options.redisUrl);
    redis = new Redis({ host: url.hostname, port: Number(url.port || 6379), prefix: 'knipsel-relay' });
    extensions.unshift(redis);
  }

  const hocuspocus = new Hocuspocus({
    name: 'knipsel-relay',
    quiet: true,
    extensions,
    debounce: options.compactDebounceMs ?? 2000,
    maxDebounce: 10_000,
  });

  const closeInvalid = (dossierId?: string) => {
    for (const document of hocuspocus.documents.values()) {
      if (dossierId !== undefined && document.name !== dossierId) continue;
      for (const connection of document.getConnections()) {
        const granted = (connection.context as RelayContext).access;
        if (!granted || !store.stillValid(granted)) connection.webSocket.close(4403, 'access-revoked');
      }
    }
  };

  const api = createAdminApi({
    store,
    registrationKey: options.registrationKey,
    openRegistration: options.openRegistration ?? isLoopbackHost(host),
    allowOrigin: options.allowOrigin,
    ratePerSecond: limits.apiRatePerSecond,
    addressOf,
    onRateLimited: () => counters.rateLimited++,
    onAccessChanged: (dossierId) => closeInvalid(dossierId),
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: true }));
      return;
    }
    api.handle(req, res).then(
      (handled) => {
        if (handled) return;
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Knipsel relay: connect with a WebSocket; the owners\' API is under /api/dossiers.\n');
      },
      () => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      },
    );
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayload });
  const perAddress = new Map<string, number>();
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => undefined);
    if (wss.clients.size >= limits.maxConnections) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const address = addressOf(request);
    const open = perAddress.get(address) ?? 0;
    if (open >= limits.connectionsPerAddress) {
      counters.refusedPerAddress++;
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    perAddress.set(address, open + 1);
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    };
    socket.once('close', release);
    wss.handleUpgrade(request, socket, head, (ws) => {
      const guarded = new GuardedSocket(ws, socket, limits, (reason, kind) => {
        if (kind === 'pre-auth-budget') counters.preAuthBudgetClosed++;
        else if (kind === 'auth-timeout') counters.authTimeouts++;
        else counters.rejectedFrames++;
        log(`relay: closed a connection: ${reason}`);
      });
      hocuspocus.handleConnection(guarded as never, request);
    });
  });

  const sweep = setInterval(() => closeInvalid(), options.revocationSweepMs ?? 2000);
  sweep.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}`,
    wsUrl: `ws://${shownHost}:${port}`,
    port,
    store,
    hocuspocus,
    stats: () => ({ connections: wss.clients.size, documents: hocuspocus.documents.size, ...counters }),
    async close() {
      if (closed) return;
      clearInterval(sweep);
      api.close();
      for (const ws of wss.clients) ws.close(1001, 'relay stopping');
      // Fold every open document's log into its snapshot before the database closes.
      for (const document of hocuspocus.documents.values()) {
        try {
          if (store.isRegistered(document.name)) store.compact(document.name, document as unknown as Y.Doc);
        } catch (error) {
          log(`relay: compaction on close failed for ${document.name}: ${(error as Error).message}`);
        }
      }
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      if (redis) {
        // Let Hocuspocus unload the documents (the Redis extension unsubscribes then) first.
        const until = Date.now() + 5000;
        while ((hocuspocus.documents.size > 0 || hocuspocus.unloadingDocuments.size > 0) && Date.now() < until) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await redis.onDestroy().catch(() => undefined);
      }
      closed = true; // pending debounced compactions are moot: every update is in the log
      store.close();
    },
  };
}
