// `npm run relay` (tsx server/relay/main.ts): starts one relay process. Flags win over env.
//   --host / KNIPSEL_RELAY_HOST (127.0.0.1) · --port / KNIPSEL_RELAY_PORT (1235)
//   --db / KNIPSEL_RELAY_DB (.knipsel-relay/relay.sqlite) · --redis / KNIPSEL_RELAY_REDIS (redis://…)
//   KNIPSEL_RELAY_REGISTRATION_KEY (registering dossiers needs this key) ·
//   KNIPSEL_RELAY_ALLOW_ORIGIN (CORS for the owners' API, default *)
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRelay } from './create-relay.js';

const USAGE = `Usage: npm run relay -- [--host 127.0.0.1] [--port 1235] [--db .knipsel-relay/relay.sqlite] [--redis redis://127.0.0.1:6379]`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { host: { type: 'string' }, port: { type: 'string' }, db: { type: 'string' }, redis: { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) return console.log(USAGE);
  const env = process.env;
  const port = Number(values.port ?? env.KNIPSEL_RELAY_PORT ?? 1235);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid port.\n${USAGE}`);
    process.exit(2);
  }
  const database = resolve(values.db ?? env.KNIPSEL_RELAY_DB ?? '.knipsel-relay/relay.sqlite');
  mkdirSync(dirname(database), { recursive: true });

  const relay = await createRelay({
    host: values.host ?? env.KNIPSEL_RELAY_HOST ?? '127.0.0.1',
    port,
    database,
    redisUrl: values.redis ?? env.KNIPSEL_RELAY_REDIS,
    registrationKey: env.KNIPSEL_RELAY_REGISTRATION_KEY || undefined,
    allowOrigin: env.KNIPSEL_RELAY_ALLOW_ORIGIN || undefined,
    log: (line) => console.log(line),
  }).catch((error: NodeJS.ErrnoException) => {
    console.error(`Knipsel-relay kon niet starten / could not start: ${error.code === 'EADDRINUSE' ? `port ${port} is in use` : error.message}`);
    process.exit(1);
  });

  // One machine-readable line the tests wait for.
  console.log(`Knipsel relay listening ${relay.wsUrl} (database ${database}${values.redis || env.KNIPSEL_RELAY_REDIS ? ', redis' : ''})`);

  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    setTimeout(() => process.exit(0), 5000).unref();
    relay.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
