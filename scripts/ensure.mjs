// Setup steps shared by `npm start`, `npm test` and `npm run bench`: install what is
// missing (npm packages from the lockfile, browsers and redis from Debian's packages) and run
// commands with their output streamed. Plain Node only: it must run before any install.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const chromiumPath = process.env.KNIPSEL_CHROMIUM ?? '/usr/bin/chromium';

/** Run a command in the repo root; exit the process with its code when it fails. */
export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) fail(`could not run ${cmd}: ${result.error.message}`);
  if (result.status !== 0 && !options.allowFailure) process.exit(result.status ?? 1);
  return result.status ?? 1;
}

export function fail(message) {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

export function step(message) {
  console.log(`\n▸ ${message}`);
}

/** `npm ci` when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const lock = join(root, 'package-lock.json');
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  step('Installing npm packages from the lockfile (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

/**
 * A program from Debian's packages that the tests need: installed with apt when we are root
 * on a Debian-like system; otherwise stop with instructions — never skip the tests.
 */
function ensureDebianProgram({ path, found = () => existsSync(path), pkg, what, variable, neededFor }) {
  if (found()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    step(`Installing ${what} from Debian packages (apt-get install -y ${pkg})`);
    run('apt-get', ['update'], { allowFailure: true });
    run('apt-get', ['install', '-y', '--no-install-recommends', pkg], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      allowFailure: true,
    });
    if (found()) return;
  }
  fail(
    `${what} is needed for ${neededFor} and was not found at ${path}.\n` +
      `  On Debian/Ubuntu, as root:  apt-get update && apt-get install -y ${pkg}\n` +
      `  Elsewhere: install ${what} and set ${variable}=/path/to/it.\n` +
      `  These tests are part of \`npm test\`; they are not skipped.`,
  );
}

/** Chromium for the browser tests (extension, web app, peers). */
export function ensureChromium() {
  ensureDebianProgram({ path: chromiumPath, pkg: 'chromium', what: 'Chromium', variable: 'KNIPSEL_CHROMIUM', neededFor: 'the browser tests' });
}

export const firefoxPath = process.env.KNIPSEL_FIREFOX ?? '/usr/bin/firefox-esr';

/** Firefox ESR for the Firefox build of the extension (tests/e2e/firefox.e2e.ts). */
export function ensureFirefox() {
  ensureDebianProgram({ path: firefoxPath, pkg: 'firefox-esr', what: 'Firefox ESR', variable: 'KNIPSEL_FIREFOX', neededFor: 'the Firefox extension tests' });
}

export const redisServerPath = process.env.KNIPSEL_REDIS_SERVER ?? '/usr/bin/redis-server';

/** redis-server for the relay scale-out test (server/relay/relay-redis.test.ts). */
export function ensureRedis() {
  ensureDebianProgram({ path: redisServerPath, pkg: 'redis-server', what: 'redis-server', variable: 'KNIPSEL_REDIS_SERVER', neededFor: 'the relay tests' });
}

/** The newest /usr/lib/postgresql/<version>/bin with initdb (Debian's layout), or null. */
function postgresBin() {
  if (process.env.KNIPSEL_POSTGRES_BIN) return existsSync(join(process.env.KNIPSEL_POSTGRES_BIN, 'initdb')) ? process.env.KNIPSEL_POSTGRES_BIN : null;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const version = readdirSync(base)
    .filter((name) => existsSync(join(base, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))[0];
  return version ? join(base, version, 'bin') : null;
}

/**
 * PostgreSQL for the relay's tests on PostgreSQL (server/relay/postgres-test-support.ts starts
 * a throwaway server from these binaries, as the `postgres` user when we are root).
 */
export function ensurePostgres() {
  ensureDebianProgram({
    path: '/usr/lib/postgresql/<version>/bin/initdb',
    found: () => postgresBin() !== null,
    pkg: 'postgresql',
    what: 'PostgreSQL',
    variable: 'KNIPSEL_POSTGRES_BIN',
    neededFor: 'the relay tests on PostgreSQL',
  });
}
