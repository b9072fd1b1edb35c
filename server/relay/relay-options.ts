// What a relay is given (options and limits, with their defaults) and what it hands back
// (the running relay, its counters and its health).
import type { Hocuspocus } from '@hocuspocus/server';
import { DEFAULT_GATE_LIMITS, type GateLimits } from './client-messages.js';
import type { RelayMetrics } from './relay-metrics.js';
import type { RelayStore } from './relay-store.js';

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
  /** How long a body no clip names any more is kept after it was last put (ms); default a day. */
  bodyGraceMs?: number;
  /** Most bytes of clip bodies kept per dossier (uploads past it are refused, 413); default 1 GiB. */
  bodyQuotaBytes?: number;
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
