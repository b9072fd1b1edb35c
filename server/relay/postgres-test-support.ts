// A throwaway PostgreSQL for tests, from Debian's `postgresql` package: `initdb` in a fresh
// temporary folder and the server on a free loopback port, its unix socket in that folder.
// PostgreSQL refuses to run as root, so as root both run as the `postgres` user (runuser) in
// a folder handed to that user. Fails — never skips — with install instructions when the
// binaries are missing. `stop()` removes everything; `pause()`/`resume()` take the server
// away and bring it back on the same port (for "the database was briefly away" tests).
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './relay-test-support.js';

/** The newest Debian PostgreSQL bin folder (/usr/lib/postgresql/<version>/bin), or null. */
export function findPostgresBin(): string | null {
  if (process.env.KNIPSEL_POSTGRES_BIN) return process.env.KNIPSEL_POSTGRES_BIN;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((name) => existsSync(join(base, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(base, versions[0], 'bin') : null;
}

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  adminUrl: string;
  port: number;
  /** Creates a fresh database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Runs one query on a database (by URL) and returns its rows. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, values?: unknown[]): Promise<R[]>;
  /** Stops the server at once (immediate shutdown); `resume()` starts it again. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL is needed for the relay tests on PostgreSQL and was not found under /usr/lib/postgresql/<version>/bin.\n' +
        '  On Debian/Ubuntu, as root: apt-get update && apt-get install -y postgresql\n' +
        '  Elsewhere: install PostgreSQL and set KNIPSEL_POSTGRES_BIN=/path/to/its/bin.',
    );
  }
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'knipsel-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid); // mkdtemp made it 0700: only that user may enter
  }
  const data = join(dir, 'data');
  const run = (program: string, args: string[]) => {
    const command = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
    const result = spawnSync(command[0] as string, command[1] as string[], { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${program} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  };
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  // fsync off: a throwaway server; the tests kill relays, never this server.
  const serverOptions = `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c full_page_writes=off -c max_connections=200`;
  const start = () => run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', serverOptions, '-w', '-t', '60', 'start']);
  const halt = () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  start();
  // Never leave a server behind, also when the test process ends early.
  const onExit = () => {
    try {
      halt();
    } catch {
      // already down
    }
  };
  process.once('exit', onExit);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const query = async <R extends pg.QueryResultRow>(url: string, text: string, values?: unknown[]) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  let stopped = false;
  return {
    adminUrl,
    port,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      await query(adminUrl, `CREATE DATABASE ${name}`);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    query,
    pause: halt,
    resume: start,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', onExit);
      try {
        halt();
      } catch {
        // already down
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
