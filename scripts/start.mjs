// `npm start`: install what is missing, build the web app and the extension, then run the
// local Knipsel server (web app + signalling endpoint) and say what to do next.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureDependencies, root, run, step } from './ensure.mjs';

ensureDependencies();

step('Build the web app and the extension');
run('npm', ['run', '-s', 'build']);

const host = process.env.KNIPSEL_HOST ?? '127.0.0.1';
const port = process.env.KNIPSEL_PORT ?? '8787';
step('Start the Knipsel server');
// tsx directly (not through npx), so Ctrl+C and SIGTERM reach the server for a clean shutdown.
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const server = spawn(tsx, ['server/main.ts', '--host', host, '--port', port], { cwd: root, stdio: 'inherit' });

const url = `http://${host}:${port}/`;
setTimeout(() => {
  console.log(`
──────────────────────────────────────────────────────────────────────
 Knipsel draait / Knipsel is running

 Web app:     ${url}
              Open it in Chrome or Firefox; install it from the address bar.

 Extension:   Chrome  → chrome://extensions → Developer mode → "Load unpacked" →
                        ${join(root, 'dist/extension/chrome-mv3')}
              Firefox → about:debugging → This Firefox → "Load Temporary Add-on" →
                        ${join(root, 'dist/extension/firefox-mv2/manifest.json')}
              (zips for the stores: ${join(root, 'dist/extension')}/*.zip)

 Stop with Ctrl+C.
──────────────────────────────────────────────────────────────────────`);
}, 1500);

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
