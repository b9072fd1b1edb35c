// Command-line entry of the Knipsel server (`tsx server/main.ts`): reads flags, starts the
// server, prints where it runs, and shuts down cleanly on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { createKnipselServer } from './create-server.js';
import { parseCliOptions, USAGE } from './cli-options.js';
import { closeOnSignals, parseOrExit } from './process-cli.js';

async function main(): Promise<void> {
  const options = parseOrExit(parseCliOptions, USAGE);
  if (options.help) {
    console.log(USAGE);
    return;
  }

  let server;
  try {
    server = await createKnipselServer({
      host: options.host,
      port: options.port,
      dir: options.dir,
      origins: options.origins,
      trustProxy: options.trustProxy,
      log: (line) => console.log(line),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? `port ${options.port} is already in use` : (err as Error).message;
    console.error(`Knipsel kon niet starten / Knipsel could not start: ${reason}`);
    process.exit(1);
  }

  console.log(`Knipsel draait op ${server.url}/ — Knipsel is running at ${server.url}/`);
  console.log(`Signalling: ${server.signallingUrl}`);
  if (!existsSync(options.dir)) {
    console.log(`De web-app is nog niet gebouwd (${options.dir}); run \`npm start\` to build it.`);
  }

  closeOnSignals(
    () => server.close(),
    (signal) => console.log(`\n${signal}: Knipsel stopt / Knipsel is stopping…`),
  );
}

void main();
