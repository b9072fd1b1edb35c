// Reads the server's host, port and app directory from command-line flags and environment
// variables (flags win). Pure, so it can be tested without starting anything.
import { resolve } from 'node:path';
import { DEFAULT_APP_DIR, DEFAULT_HOST, DEFAULT_PORT } from './create-server.js';

export type CliOptions = {
  host: string;
  port: number;
  dir: string;
  /** Other app origins that may use the signalling endpoint (the server's own always may). */
  origins: string[];
  /** Count signalling clients by X-Forwarded-For (only behind a reverse proxy you run). */
  trustProxy: boolean;
  help: boolean;
};

export const USAGE = `Usage: tsx server/main.ts [--host HOST] [--port PORT] [--dir DIR] [--origins URL,…] [--trust-proxy]

  --host         interface to listen on (env KNIPSEL_HOST, default ${DEFAULT_HOST})
  --port         port, 0 for a free one (env KNIPSEL_PORT, default ${DEFAULT_PORT})
  --dir          directory of the built web app (env KNIPSEL_DIR, default dist/pwa)
  --origins      other app origins allowed to use /signal, comma-separated
                 (env KNIPSEL_ORIGINS; the server's own origin is always allowed)
  --trust-proxy  behind a reverse proxy: limit signalling per X-Forwarded-For address
                 (env KNIPSEL_TRUST_PROXY=1)`;

const FLAGS = new Set(['host', 'port', 'dir', 'origins']);
const SWITCHES = new Set(['trust-proxy']);

export function parseCliOptions(argv: readonly string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): CliOptions {
  const flags: Record<string, string> = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (match && SWITCHES.has(match[1]) && match[2] === undefined) {
      flags[match[1]] = '1';
      continue;
    }
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
  const origins = (flags.origins ?? env.KNIPSEL_ORIGINS ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      try {
        const url = new URL(item);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
        return url.origin;
      } catch {
        throw new Error(`Not an http(s) origin: ${item}`);
      }
    });
  const trustProxy = flags['trust-proxy'] === '1' || env.KNIPSEL_TRUST_PROXY === '1';
  return { host, port, dir, origins, trustProxy, help };
}
