// The relay's counters and gauges, written out in Prometheus' text format for `GET /metrics`,
// and the store wrapped so every database call is timed (a histogram per operation) and its
// failures counted. Hand-written: a dozen series do not need a metrics library.
import type { RelayStore } from './relay-store.js';

/** Upper bounds of the database latency buckets, in seconds. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Labels = Record<string, string>;
const labelText = (labels: Labels) => {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`).join(',')}}`;
};

class Histogram {
  readonly counts = new Array<number>(BUCKETS.length).fill(0);
  sum = 0;
  count = 0;
  observe(seconds: number) {
    this.sum += seconds;
    this.count++;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) this.counts[i]++;
  }
}

export interface GaugeReadings {
  connections: number;
  openDocuments: number;
  databaseUp: boolean;
  /** Null when the relay runs without Redis. */
  redisUp: boolean | null;
}

export class RelayMetrics {
  messagesReceived = 0;
  messagesSent = 0;
  authRefused = 0;
  /** Owners' API requests answered 429. */
  apiRateLimited = 0;
  /** Connections refused because their address had too many open. */
  connectionsRateLimited = 0;
  /** Connections refused because the process was full. */
  connectionsOverCapacity = 0;
  readonly closed = { malformed: 0, 'too-large': 0, 'pre-auth-budget': 0, 'auth-timeout': 0 };
  /** Sockets closed because the database could not store or check in time (clients retry). */
  closedUnavailable = 0;
  private readonly latency = new Map<string, Histogram>();
  private readonly errors = new Map<string, number>();

  observeDatabase(operation: string, seconds: number, failed: boolean) {
    let histogram = this.latency.get(operation);
    if (!histogram) this.latency.set(operation, (histogram = new Histogram()));
    histogram.observe(seconds);
    if (failed) this.errors.set(operation, (this.errors.get(operation) ?? 0) + 1);
  }

  render(gauges: GaugeReadings): string {
    const lines: string[] = [];
    const metric = (name: string, type: 'counter' | 'gauge' | 'histogram', help: string, samples: Array<[Labels, number]>) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of samples) lines.push(`${name}${labelText(labels)} ${value}`);
    };
    metric('knipsel_relay_connections', 'gauge', 'Open WebSocket connections.', [[{}, gauges.connections]]);
    metric('knipsel_relay_open_documents', 'gauge', 'Dossiers loaded in this process.', [[{}, gauges.openDocuments]]);
    metric('knipsel_relay_messages_received_total', 'counter', 'Messages received from clients and passed on.', [[{}, this.messagesReceived]]);
    metric('knipsel_relay_messages_sent_total', 'counter', 'Messages sent to clients.', [[{}, this.messagesSent]]);
    metric('knipsel_relay_auth_refused_total', 'counter', 'Connections refused for an unknown, revoked or wrong token.', [[{}, this.authRefused]]);
    metric('knipsel_relay_rate_limited_total', 'counter', 'Requests refused by a per-address limit.', [
      [{ kind: 'api' }, this.apiRateLimited],
      [{ kind: 'connections' }, this.connectionsRateLimited],
    ]);
    metric('knipsel_relay_connections_refused_total', 'counter', 'Connections refused because the process was full.', [[{}, this.connectionsOverCapacity]]);
    metric('knipsel_relay_closed_total', 'counter', 'Connections the relay closed, by reason.', [
      ...Object.entries(this.closed).map(([reason, n]): [Labels, number] => [{ reason }, n]),
      [{ reason: 'unavailable' }, this.closedUnavailable],
    ]);
    metric('knipsel_relay_up', 'gauge', '1 when the part answers, 0 when it is away.', [
      [{ part: 'database' }, gauges.databaseUp ? 1 : 0],
      ...(gauges.redisUp === null ? [] : [[{ part: 'redis' }, gauges.redisUp ? 1 : 0] as [Labels, number]]),
    ]);
    lines.push('# HELP knipsel_relay_database_seconds Time of database calls, by operation.', '# TYPE knipsel_relay_database_seconds histogram');
    for (const [operation, histogram] of this.latency) {
      BUCKETS.forEach((bound, i) => lines.push(`knipsel_relay_database_seconds_bucket${labelText({ operation, le: String(bound) })} ${histogram.counts[i]}`));
      lines.push(`knipsel_relay_database_seconds_bucket${labelText({ operation, le: '+Inf' })} ${histogram.count}`);
      lines.push(`knipsel_relay_database_seconds_sum${labelText({ operation })} ${histogram.sum}`);
      lines.push(`knipsel_relay_database_seconds_count${labelText({ operation })} ${histogram.count}`);
    }
    metric(
      'knipsel_relay_database_errors_total',
      'counter',
      'Failed database calls, by operation.',
      [...this.errors].map(([operation, n]): [Labels, number] => [{ operation }, n]),
    );
    metric('process_resident_memory_bytes', 'gauge', 'Resident memory of this process.', [[{}, process.memoryUsage.rss()]]);
    return `${lines.join('\n')}\n`;
  }
}

/**
 * The store with every call timed into `metrics`; `onResult(ok)` hears whether the database
 * answered (a RangeError is an answer: the caller asked for too much).
 */
export function instrumentStore(store: RelayStore, metrics: RelayMetrics, onResult: (ok: boolean) => void): RelayStore {
  const timed =
    <A extends unknown[], R>(operation: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const start = performance.now();
      try {
        const result = await call(...args);
        metrics.observeDatabase(operation, (performance.now() - start) / 1000, false);
        onResult(true);
        return result;
      } catch (error) {
        const answered = error instanceof RangeError;
        metrics.observeDatabase(operation, (performance.now() - start) / 1000, !answered);
        onResult(answered);
        throw error;
      }
    };
  return {
    engine: store.engine,
    register: timed('register', store.register),
    unregister: timed('unregister', store.unregister),
    isRegistered: timed('is_registered', store.isRegistered),
    isOwner: timed('is_owner', store.isOwner),
    createToken: timed('create_token', store.createToken),
    listTokens: timed('list_tokens', store.listTokens),
    revokeToken: timed('revoke_token', store.revokeToken),
    authorize: timed('authorize', store.authorize),
    stillValid: timed('still_valid', store.stillValid),
    appendUpdate: timed('append_update', store.appendUpdate),
    loadState: timed('load_state', store.loadState),
    compact: timed('compact', store.compact),
    putBody: timed('put_body', store.putBody),
    getBodies: timed('get_bodies', store.getBodies),
    missingBodies: timed('missing_bodies', store.missingBodies),
    bodyBytes: timed('body_bytes', store.bodyBytes),
    dropUnnamedBodies: timed('drop_unnamed_bodies', store.dropUnnamedBodies),
    logLength: timed('log_length', store.logLength),
    ping: timed('ping', store.ping),
    close: store.close,
  };
}
