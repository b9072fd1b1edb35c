// A child process for the relay rows of `npm run bench` (relay-bench.ts), run with
// `--expose-gc`: `relay` runs a relay on a SQLite file in a temporary folder; `bare` is a
// bare Node process that holds a plain Y.Doc of a state file; `owner` builds the cohort
// dossier, writes its state to a file and uploads it to the relay, staying connected (the
// dossier stays open there). Each answers `memory` (over IPC) with the heap and RSS after a
// full garbage collection.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { createBodyStore, createDossier, createMemoryBlobStore, initDossierDoc, presetFrameworks } from '@knipsel/core';
import { connectRelay, type RelaySession } from '@knipsel/core/relay/session';
import { createRelay, type Relay } from '../server/relay/create-relay.js';
import { makeCorpus } from './corpus/clip-corpus.js';
import { loadSources } from './corpus/sources.js';

type Request =
  { type: 'memory' } | { type: 'load'; path: string } | { type: 'upload'; id: string; count: number; wsUrl: string; token: string; statePath: string } | { type: 'stop' };

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

/** A shared dossier of `count` bench-corpus clips, bodies in (throwaway) body stores. */
async function cohortDossier(id: string, count: number): Promise<Y.Doc> {
  const corpus = makeCorpus(
    loadSources(),
    presetFrameworks.flatMap((f) => f.themes.map((t) => t.id)),
  );
  const doc = new Y.Doc();
  initDossierDoc(doc, { id, name: 'Leergang 2026, hele groep', kind: 'shared', now: 1 });
  for (let at = 0; at < count; at += 500) {
    // A fresh body store per batch: the bodies are written and let go (the relay never holds them).
    const bodies = createBodyStore(createMemoryBlobStore());
    const dossier = createDossier(doc, { bodies });
    for (let i = at; i < Math.min(count, at + 500); i++) {
      const clip = corpus.clip(i);
      dossier.clips.add({ capture: clip.capture, note: clip.note, themes: clip.themes });
    }
    await bodies.written();
  }
  return doc;
}

const mode = process.argv[2];
let relay: Relay | null = null;
let held: Y.Doc | null = null;
let session: RelaySession | null = null;
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
    } else if (request.type === 'upload') {
      held = await cohortDossier(request.id, request.count);
      writeFileSync(request.statePath, Y.encodeStateAsUpdate(held));
      const start = performance.now();
      session = connectRelay(held, { url: request.wsUrl, dossierId: request.id, token: request.token, WebSocketPolyfill: WebSocket });
      await session.whenAcknowledged();
      send({ type: 'uploaded', uploadMs: performance.now() - start });
    } else if (request.type === 'stop') {
      session?.destroy();
      await relay?.close();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }
  })();
});
