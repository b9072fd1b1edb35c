// Reads the server's host, port and app directory from command-line flags and environment
// variables (flags win). Pure, so it can be tested without starting anything.
import { resolve } from 'node:path';
import { DEFAULT_APP_DIR, DEFAULT_HOST, DEFAULT_PORT } from './create-server.js';

export type CliOptions = { host: string; port: number; dir: string; help: boolean };

export const USAGE = `Usage: tsx server/main.ts [--host HOST] [--port PORT] [--dir DIR]

  --host  interface to listen on (env KNIPSEL_HOST, default ${DEFAULT_HOST})
  --port  port, 0 for a free one (env KNIPSEL_PORT, default ${DEFAULT_PORT})
  --dir   directory of the built web app (env KNIPSEL_DIR, default dist/pwa)`;

const FLAGS = new Set(['host', 'port', 'dir']);

export function parseCliOptions(argv: readonly string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): CliOptions {
  const flags: Record<string, string> = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!match || !FLAGS.has(match[1])) throw new Error(`Unknown argument: ${arg}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '') throw new Error(`--${match[1]} needs a value`);
    flags[match[1]] = value;
  }
  const host = flags.host ?? (env.KNIPSEL_HOST || DEFAULT_HOST);
  const portText = flags.port ?? (env.KNIPSEL_PORT || String(DEFAULT_PORT));
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`Not a valid port: ${portText}`);
  const dirText = flags.dir ?? env.KNIPSEL_DIR;
  const dir = dirText ? resolve(cwd, dirText) : DEFAULT_APP_DIR;
  return { host, port, dir, help };
}
