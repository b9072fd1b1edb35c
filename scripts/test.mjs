// `npm test`: install what is missing (npm packages; Chromium, Firefox ESR, redis-server and
// PostgreSQL from Debian's packages), lint, unit tests,
// build, and the end-to-end tests in headless Chromium (and Firefox for the extension's Firefox
// build). Ends with one "N passed, N failed" line.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, ensureDependencies, ensureFirefox, ensurePostgres, ensureRedis, root, run, step } from './ensure.mjs';

ensureDependencies();
ensureChromium();
ensureFirefox();
ensureRedis();
ensurePostgres();

step('Lint');
run('npm', ['run', '-s', 'lint']);

const reports = join(root, '.tmp', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const vitest = (name, extra) =>
  run('npx', ['--no-install', 'vitest', 'run', ...extra, '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, `${name}.json`)}`], {
    allowFailure: true,
  });

step('Unit tests');
const unit = vitest('unit', []);

step('Build the web app and the extension');
run('npm', ['run', '-s', 'build']);

step('End-to-end tests in headless Chromium (and Firefox ESR for its extension build)');
const e2e = vitest('e2e', ['--config', 'vitest.e2e.config.ts']);

step('Reliability and security suite, quick mode (npm run test:reliability runs the long one)');
const reliability = vitest('reliability', ['--config', 'vitest.reliability.config.ts']);

let passed = 0;
let failed = 0;
const exitCodes = { unit, e2e, reliability };
for (const name of ['unit', 'e2e', 'reliability']) {
  try {
    const report = JSON.parse(readFileSync(join(reports, `${name}.json`), 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numTotalTestSuites > 0 && report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? 1 : 0);
    console.log(`${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped`);
    // Vitest exits non-zero on unhandled errors even when every test passed: count that too.
    if (exitCodes[name] !== 0 && report.numFailedTests === 0) {
      failed += 1;
      console.log(`${name}: exited with code ${exitCodes[name]} (unhandled errors or a crash; see above)`);
    }
  } catch {
    failed += 1;
    console.log(`${name}: no report (the run crashed)`);
  }
}
console.log(`\nTotal: ${passed} passed, ${failed} failed`);
process.exit(unit !== 0 || e2e !== 0 || reliability !== 0 || failed > 0 ? 1 : 0);
