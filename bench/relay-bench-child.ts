// A child process for the relay rows of `npm run bench` (relay-bench.ts), run with
// `--expose-gc`: `relay` runs a relay on a SQLite file in a temporary folder; `bare` is a
// bare Node process that holds a plain Y.Doc of a state file. Both answer `memory` (over
// IPC) with the heap and RSS after a full garbage collection.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { createRelay, type Relay } from '../server/relay/create-relay.js';

type Request = { type: 'memory' } | { type: 'load'; path: string } | { type: 'stop' };

const send = (message: object) => process.send?.(message);
const collect = globalThis.gc;
if (!collect) throw new Error('run with --expose-gc');

async function memory() {
  for (let i = 0; i < 4; i++) {
    collect!();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const { heapUsed, rss, external, arrayBuffers } = process.memoryUsage();
  return { heap: heapUsed, rss, external: external + arrayBuffers };
}

const mode = process.argv[2];
let relay: Relay | null = null;
let held: Y.Doc | null = null;
const dir = mkdtempSync(join(tmpdir(), 'knipsel-relay-bench-'));
if (mode === 'relay') {
  relay = await createRelay({ database: join(dir, 'relay.db'), compactDebounceMs: 200 });
  send({ type: 'ready', url: relay.url, wsUrl: relay.wsUrl });
} else {
  send({ type: 'ready' });
}

process.on('message', (request: Request) => {
  void (async () => {
    if (request.type === 'memory') send({ type: 'memory', ...(await memory()) });
    else if (request.type === 'load') {
      held = new Y.Doc();
      Y.applyUpdate(held, readFileSync(request.path));
      send({ type: 'loaded', clips: held.getMap('clips').size });
    } else if (request.type === 'stop') {
      await relay?.close();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }
  })();
});
