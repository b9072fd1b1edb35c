// The Knipsel relay: Hocuspocus (a Yjs WebSocket server) behind our own node:http server,
// with access by invite token, a store (a SQLite file, or PostgreSQL for several hosts), the
// message gate, the owners' HTTP API, /health and /metrics, and optionally Redis so several
// relay processes serve the same dossiers.
//
// The relay can read every dossier it holds: it merges and stores the Yjs documents in
// plain form. That is the price of a server that is always there; say so to users.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import * as Y from 'yjs';
import { createAdminApi } from './admin-api.js';
import { defaultBodyGraceMs } from '@knipsel/core/relay';
import { createBodyApi } from './body-api.js';
import { clientAddressOf, isLoopbackHost } from './client-address.js';
import { createNamedBodies } from './named-bodies.js';
import { openRelayStore } from './open-relay-store.js';
import { joinCluster, type RelayCluster } from './relay-cluster.js';
import { openRelayDoor } from './relay-door.js';
import { createStoreExtensions } from './relay-extensions.js';
import { createFeedbackExtension } from './feedback-extension.js';
import { relayRequestHandler } from './relay-http.js';
import { instrumentStore, RelayMetrics } from './relay-metrics.js';
import { DEFAULT_RELAY_LIMITS, type Relay, type RelayHealth, type RelayLimits, type RelayOptions } from './relay-options.js';
import { closeRevoked, sweepRevocations } from './revocations.js';

export { DEFAULT_RELAY_LIMITS } from './relay-options.js';
export type { Relay, RelayHealth, RelayLimits, RelayOptions, RelayStats } from './relay-options.js';

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
  const closeInvalid = (dossierId?: string) => closeRevoked(hocuspocus, store, dossierId);
  if (options.redisUrl) {
    cluster = joinCluster({ redisUrl: options.redisUrl, onAccessChanged: (id) => void closeInvalid(id), resyncMs: options.redisResyncMs, log });
  }

  const extensions: Extension[] = [
    ...createStoreExtensions({ store, metrics, log, isOpen: () => !closed, bodyGraceMs: options.bodyGraceMs }),
    createFeedbackExtension({ store, log }),
  ];
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

  const named = createNamedBodies({ store, liveDoc: (dossierId) => hocuspocus.documents.get(dossierId), graceMs: options.bodyGraceMs ?? defaultBodyGraceMs });
  const bodyApi = createBodyApi({ store, named, quotaBytes: options.bodyQuotaBytes, addressOf, allowOrigin: options.allowOrigin, onRateLimited: () => metrics.apiRateLimited++ });

  const health = (): RelayHealth => {
    const redis = cluster ? (cluster.up() ? 'ok' : 'unavailable') : 'off';
    const ok = databaseUp && redis !== 'unavailable';
    return { ok, status: ok ? 'ok' : 'degraded', database: databaseUp ? 'ok' : 'unavailable', redis };
  };
  const server = createServer(
    relayRequestHandler({
      health,
      metrics: () => metrics.render({ connections: wss.clients.size, openDocuments: hocuspocus.documents.size, databaseUp, redisUp: cluster ? cluster.up() : null }),
      api: async (req, res) => (await bodyApi.handle(req, res)) || api.handle(req, res),
    }),
  );
  const wss = openRelayDoor({ server, hocuspocus, limits, addressOf, metrics, log });

  const stopSweep = sweepRevocations(() => closeInvalid(), options.revocationSweepMs ?? 2000);
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
      stopSweep();
      clearInterval(healthCheck);
      api.close();
      bodyApi.close();
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
