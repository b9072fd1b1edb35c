// The Knipsel relay: Hocuspocus (a Yjs WebSocket server) behind our own node:http server,
// with access by invite token, a store (a SQLite file, or PostgreSQL for several hosts), the
// message gate, the owners' HTTP API, /health and /metrics, and optionally Redis so several
// relay processes serve the same dossiers.
//
// The relay can read every dossier it holds: it merges and stores the Yjs documents in
// plain form. That is the price of a server that is always there; say so to users.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { createAdminApi } from './admin-api.js';
import { clientAddressOf, isLoopbackHost } from './client-address.js';
import { CloseCode, DEFAULT_GATE_LIMITS, GuardedSocket, type GateLimits } from './message-gate.js';
import { openRelayStore } from './open-relay-store.js';
import { joinCluster, type RelayCluster } from './relay-cluster.js';
import { createStoreExtensions, type RelayContext } from './relay-extensions.js';
import { instrumentStore, RelayMetrics } from './relay-metrics.js';
import type { Access, RelayStore } from './relay-store.js';

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
  /** A SQLite file (':memory:' for tests) or a `postgres://` URL. */
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
  /** How often the database is pinged for /health (ms). */
  healthCheckMs?: number;
  /** With Redis: how often open dossiers are re-synced with the other processes (ms). */
  redisResyncMs?: number;
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

export interface RelayHealth {
  ok: boolean;
  status: 'ok' | 'degraded';
  database: 'ok' | 'unavailable';
  redis: 'ok' | 'unavailable' | 'off';
}

export interface Relay {
  /** http://host:port — the owners' API lives under /api. */
  url: string;
  /** ws://host:port — where providers connect. */
  wsUrl: string;
  port: number;
  store: RelayStore;
  hocuspocus: Hocuspocus;
  metrics: RelayMetrics;
  stats(): RelayStats;
  health(): RelayHealth;
  close(): Promise<void>;
}

export async function createRelay(options: RelayOptions): Promise<Relay> {
  const limits: RelayLimits = { ...DEFAULT_RELAY_LIMITS, ...options.limits };
  const log = options.log ?? (() => undefined);
  const metrics = new RelayMetrics();
  let databaseUp = true;
  const rawStore = await openRelayStore({ location: options.database, log });
  const store = instrumentStore(rawStore, metrics, (ok) => (databaseUp = ok));
  const host = options.host ?? '127.0.0.1';
  const addressOf = clientAddressOf(options.trustedProxies ?? []);
  let closed = false;

  let cluster: RelayCluster | null = null;
  const closeInvalid = async (dossierId?: string) => {
    const connections = [...hocuspocus.documents.values()]
      .filter((document) => dossierId === undefined || document.name === dossierId)
      .flatMap((document) => document.getConnections());
    const accesses = connections.map((connection) => (connection.context as RelayContext).access ?? null);
    const known = accesses.filter((access): access is Access => access !== null);
    const valid = await store.stillValid(known).catch(() => null);
    if (!valid) return; // the database is away: check again on the next sweep
    const stillValid = new Map(known.map((access, i) => [access, valid[i]]));
    connections.forEach((connection, i) => {
      const access = accesses[i];
      if (!access || !stillValid.get(access)) connection.webSocket.close(CloseCode.PermissionDenied, 'access-revoked');
    });
  };
  if (options.redisUrl) {
    cluster = joinCluster({ redisUrl: options.redisUrl, onAccessChanged: (id) => void closeInvalid(id), resyncMs: options.redisResyncMs, log });
  }

  const extensions: Extension[] = createStoreExtensions({ store, metrics, log, isOpen: () => !closed });
  if (cluster) extensions.unshift(cluster.extension);

  const hocuspocus = new Hocuspocus({
    name: 'knipsel-relay',
    quiet: true,
    extensions,
    debounce: options.compactDebounceMs ?? 2000,
    maxDebounce: 10_000,
  });
  cluster?.start(hocuspocus);

  const api = createAdminApi({
    store,
    registrationKey: options.registrationKey,
    openRegistration: options.openRegistration ?? isLoopbackHost(host),
    allowOrigin: options.allowOrigin,
    ratePerSecond: limits.apiRatePerSecond,
    addressOf,
    onRateLimited: () => metrics.apiRateLimited++,
    onAccessChanged: (dossierId) => {
      void closeInvalid(dossierId);
      cluster?.publishAccessChange(dossierId);
    },
  });

  const health = (): RelayHealth => {
    const redis = cluster ? (cluster.up() ? 'ok' : 'unavailable') : 'off';
    const ok = databaseUp && redis !== 'unavailable';
    return { ok, status: ok ? 'ok' : 'degraded', database: databaseUp ? 'ok' : 'unavailable', redis };
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/health') {
      const state = health();
      res.writeHead(state.ok ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(state));
      return;
    }
    if (req.url === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
      const redisUp = cluster ? cluster.up() : null;
      const text = metrics.render({ connections: wss.clients.size, openDocuments: hocuspocus.documents.size, databaseUp, redisUp });
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : text);
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
      metrics.connectionsOverCapacity++;
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const address = addressOf(request);
    const open = perAddress.get(address) ?? 0;
    if (open >= limits.connectionsPerAddress) {
      metrics.connectionsRateLimited++;
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
      const guarded = new GuardedSocket(
        ws,
        socket,
        limits,
        (reason, kind) => {
          metrics.closed[kind]++;
          log(`relay: closed a connection: ${reason}`);
        },
        metrics,
      );
      hocuspocus.handleConnection(guarded as never, request);
    });
  });

  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    void closeInvalid().finally(() => (sweeping = false));
  }, options.revocationSweepMs ?? 2000);
  sweep.unref();
  // /health: the database is pinged now and then (calls in between report too).
  const healthCheck = setInterval(() => void store.ping().catch(() => undefined), options.healthCheckMs ?? 1000);
  healthCheck.unref();

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
    metrics,
    health,
    stats: () => ({
      connections: wss.clients.size,
      documents: hocuspocus.documents.size,
      rejectedFrames: metrics.closed.malformed,
      deniedAuth: metrics.authRefused,
      preAuthBudgetClosed: metrics.closed['pre-auth-budget'],
      authTimeouts: metrics.closed['auth-timeout'],
      refusedPerAddress: metrics.connectionsRateLimited,
      rateLimited: metrics.apiRateLimited,
    }),
    async close() {
      if (closed) return;
      clearInterval(sweep);
      clearInterval(healthCheck);
      api.close();
      for (const ws of wss.clients) ws.close(1001, 'relay stopping');
      // Fold every open document's log into its snapshot before the database closes.
      for (const document of hocuspocus.documents.values()) {
        await store
          .compact(document.name, Y.encodeStateAsUpdate(document))
          .catch((error: Error) => log(`relay: compaction on close failed for ${document.name}: ${error.message}`));
      }
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      closed = true; // pending debounced compactions are moot: every update is in the log
      if (cluster) {
        // Let Hocuspocus unload the documents (the Redis extension unsubscribes then) first.
        const until = Date.now() + 5000;
        while ((hocuspocus.documents.size > 0 || hocuspocus.unloadingDocuments.size > 0) && Date.now() < until) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await cluster.close();
      }
      await store.close().catch(() => undefined);
    },
  };
}
