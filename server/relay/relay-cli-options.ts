// Reads the relay's settings from command-line flags and KNIPSEL_RELAY_* environment variables
// (flags win). Pure, so it can be tested without starting anything; main.ts starts the relay.
import { parseArgs } from 'node:util';
import { isLoopbackHost, parseTrustedProxies } from './client-address.js';

export const RELAY_USAGE = `Usage: npm run relay -- [options]

  --host HOST            address to listen on (KNIPSEL_RELAY_HOST, default 127.0.0.1)
  --port PORT            port, 0 for a free one (KNIPSEL_RELAY_PORT, default 1235)
  --db PATH|URL          SQLite file, or postgres://user:password@host:5432/database
                         (KNIPSEL_RELAY_DB, default .knipsel-relay/relay.sqlite)
  --redis URL            redis://host:port, to run several processes (KNIPSEL_RELAY_REDIS)
  --trust-proxy LIST     reverse proxies whose X-Forwarded-For is believed, comma-separated
                         IP addresses (KNIPSEL_RELAY_TRUST_PROXY, default none)
  --open-registration    anyone may register dossiers, also when listening on a network
                         address (KNIPSEL_RELAY_OPEN_REGISTRATION=1; default: only on loopback)
  KNIPSEL_RELAY_REGISTRATION_KEY   registering dossiers needs this key
  KNIPSEL_RELAY_ALLOW_ORIGIN       CORS origin for the owners' API (default *)
  KNIPSEL_RELAY_CONNECTIONS_PER_ADDRESS   open connections per client address (default 100)`;

export const DEFAULT_RELAY_DB = '.knipsel-relay/relay.sqlite';

export interface RelayCliOptions {
  help: boolean;
  host: string;
  port: number;
  /** As given (a path, resolved by main.ts). */
  database: string;
  redisUrl?: string;
  registrationKey?: string;
  openRegistration: boolean;
  trustedProxies: string[];
  allowOrigin?: string;
  connectionsPerAddress?: number;
}

const isOn = (text: string | undefined) => text !== undefined && /^(1|true|yes|on)$/i.test(text.trim());

/** Throws an Error with a readable message on bad input. */
export function parseRelayCliOptions(argv: readonly string[], env: NodeJS.ProcessEnv): RelayCliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      db: { type: 'string' },
      redis: { type: 'string' },
      'trust-proxy': { type: 'string' },
      'open-registration': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const portText = values.port ?? env.KNIPSEL_RELAY_PORT ?? '1235';
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw new Error(`Not a valid port: ${portText}`);
  const perAddressText = env.KNIPSEL_RELAY_CONNECTIONS_PER_ADDRESS;
  if (perAddressText !== undefined && !/^[1-9]\d{0,5}$/.test(perAddressText)) {
    throw new Error(`KNIPSEL_RELAY_CONNECTIONS_PER_ADDRESS must be a whole number ≥ 1: ${perAddressText}`);
  }
  const redisUrl = values.redis ?? (env.KNIPSEL_RELAY_REDIS || undefined);
  if (redisUrl !== undefined && !/^rediss?:\/\/[^/\s]+/.test(redisUrl)) throw new Error(`Not a redis:// address: ${redisUrl}`);
  return {
    help: values.help ?? false,
    host: values.host ?? (env.KNIPSEL_RELAY_HOST || '127.0.0.1'),
    port: Number(portText),
    database: values.db ?? (env.KNIPSEL_RELAY_DB || DEFAULT_RELAY_DB),
    redisUrl,
    registrationKey: env.KNIPSEL_RELAY_REGISTRATION_KEY || undefined,
    openRegistration: values['open-registration'] ?? isOn(env.KNIPSEL_RELAY_OPEN_REGISTRATION),
    trustedProxies: parseTrustedProxies(values['trust-proxy'] ?? env.KNIPSEL_RELAY_TRUST_PROXY),
    allowOrigin: env.KNIPSEL_RELAY_ALLOW_ORIGIN || undefined,
    connectionsPerAddress: perAddressText === undefined ? undefined : Number(perAddressText),
  };
}

/** A line for the operator when nobody can register dossiers on this relay, or null. */
export function registrationNotice(options: Pick<RelayCliOptions, 'host' | 'registrationKey' | 'openRegistration'>): string | null {
  if (options.registrationKey || options.openRegistration || isLoopbackHost(options.host)) return null;
  return (
    `Registering dossiers is closed: the relay listens on ${options.host} (reachable from the network) without ` +
    'KNIPSEL_RELAY_REGISTRATION_KEY. Set a key, or start with --open-registration (KNIPSEL_RELAY_OPEN_REGISTRATION=1) to let anyone register.'
  );
}
