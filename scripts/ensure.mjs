// Setup steps shared by `npm start`, `npm test` and `npm run bench`: install what is
// missing (npm packages from the lockfile, Chromium from Debian's packages) and run
// commands with their output streamed. Plain Node only: it must run before any install.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
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
 * Chromium for the browser tests comes from Debian's packages. Install it when we are root
 * on a Debian-like system; otherwise stop with instructions — never skip browser tests.
 */
export function ensureChromium() {
  if (existsSync(chromiumPath)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    step('Installing Chromium from Debian packages (apt-get install -y chromium)');
    run('apt-get', ['update'], { allowFailure: true });
    run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (existsSync(chromiumPath)) return;
  }
  fail(
    `Chromium is needed for the browser tests and was not found at ${chromiumPath}.\n` +
      `  On Debian/Ubuntu, as root:  apt-get update && apt-get install -y chromium\n` +
      `  Elsewhere: install Chromium and set KNIPSEL_CHROMIUM=/path/to/chromium.\n` +
      `  The browser tests are part of \`npm test\`; they are not skipped.`,
  );
}

export const redisServerPath = process.env.KNIPSEL_REDIS_SERVER ?? '/usr/bin/redis-server';

/**
 * redis-server for the relay scale-out test (server/relay/relay-redis.test.ts), from
 * Debian's packages like Chromium; otherwise stop with instructions — never skip.
 */
export function ensureRedis() {
  if (existsSync(redisServerPath)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    step('Installing redis-server from Debian packages (apt-get install -y redis-server)');
    run('apt-get', ['update'], { allowFailure: true });
    run('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      allowFailure: true,
    });
    if (existsSync(redisServerPath)) return;
  }
  fail(
    `redis-server is needed for the relay tests and was not found at ${redisServerPath}.\n` +
      `  On Debian/Ubuntu, as root:  apt-get update && apt-get install -y redis-server\n` +
      `  Elsewhere: install Redis and set KNIPSEL_REDIS_SERVER=/path/to/redis-server.\n` +
      `  The relay tests are part of \`npm test\`; they are not skipped.`,
  );
}
