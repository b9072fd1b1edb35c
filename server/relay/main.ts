// `npm run relay` (tsx server/relay/main.ts): starts one relay process. Settings come from
// flags and KNIPSEL_RELAY_* variables (relay-cli-options.ts; flags win).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRelay } from './create-relay.js';
import { parseRelayCliOptions, registrationNotice, RELAY_USAGE } from './relay-cli-options.js';
import { isPostgresUrl } from './relay-store.js';
import { closeOnSignals, parseOrExit } from '../process-cli.js';

/** A database URL fit for a log line. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

async function main(): Promise<void> {
  const options = parseOrExit(parseRelayCliOptions, RELAY_USAGE);
  if (options.help) return console.log(RELAY_USAGE);
  // PostgreSQL: nothing on local disk. SQLite: the file's folder is made when missing.
  const onPostgres = isPostgresUrl(options.database);
  const database = onPostgres ? options.database : resolve(options.database);
  if (!onPostgres) mkdirSync(dirname(database), { recursive: true });

  const relay = await createRelay({
    host: options.host,
    port: options.port,
    database,
    redisUrl: options.redisUrl,
    registrationKey: options.registrationKey,
    // Not given: createRelay opens registration only on a loopback address.
    openRegistration: options.openRegistration ? true : undefined,
    trustedProxies: options.trustedProxies,
    allowOrigin: options.allowOrigin,
    limits: options.connectionsPerAddress ? { connectionsPerAddress: options.connectionsPerAddress } : undefined,
    log: (line) => console.log(line),
  }).catch((error: NodeJS.ErrnoException) => {
    console.error(`Knipsel-relay kon niet starten / could not start: ${error.code === 'EADDRINUSE' ? `port ${options.port} is in use` : error.message}`);
    process.exit(1);
  });

  const notice = registrationNotice(options);
  if (notice) console.log(notice);
  // One machine-readable line the tests wait for.
  console.log(`Knipsel relay listening ${relay.wsUrl} (database ${onPostgres ? withoutPassword(database) : database}${options.redisUrl ? ', redis' : ''})`);

  closeOnSignals(() => relay.close());
}

void main();
