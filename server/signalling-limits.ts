// The bounds one signalling endpoint holds every connection and client address to, their
// defaults, and the counters it reports of what it refused or dropped.

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
