import { runAppSyncBench } from './app-sync-bench.js';
const rows = await runAppSyncBench({ quick: true, only: [], build: false, profile: true, readme: false, log: (l) => console.error(l), note: (n) => console.error('NOTE', n) }, process.env.APP_DIR);
console.log(JSON.stringify(rows, null, 1));
