// `npm run test:reliability`: the long run of the reliability and security suite
// (tests/reliability): more seeds, inputs, kills and rounds than the quick run in `npm test`.
// Builds first unless KNIPSEL_SKIP_BUILD=1. A new seed every run (printed; replay a run
// with KNIPSEL_SEED=<seed>). Bounded in time: every part has its own time limit.
import { ensureChromium, ensureDependencies, ensurePostgres, ensureRedis, run, step } from './ensure.mjs';

ensureDependencies();
ensureChromium();
ensureRedis(); // the relay parts: Redis and PostgreSQL from Debian's packages
ensurePostgres();
if (process.env.KNIPSEL_SKIP_BUILD !== '1') {
  step('Build the web app and the extension');
  run('npm', ['run', '-s', 'build']);
}
// One seed for the whole run (each part derives its own from it), printed for replay.
const seed = process.env.KNIPSEL_SEED ?? String(Date.now() % 2 ** 31);
step(`Reliability and security suite (full), seed ${seed} (replay: KNIPSEL_SEED=${seed} npm run test:reliability)`);
const code = run('npx', ['--no-install', 'vitest', 'run', '--config', 'vitest.reliability.config.ts', ...process.argv.slice(2)], {
  allowFailure: true,
  env: { ...process.env, KNIPSEL_RELIABILITY: 'full', KNIPSEL_SEED: seed },
});
process.exit(code);
