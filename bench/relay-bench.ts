// Relay rows of the `sync` section: a 20,000-clip cohort dossier (the bench corpus, bodies
// in a body store, out of the document) through a relay process on a SQLite file — the
// owner's first upload, then new members downloading the full doc (core's connectRelay,
// large messages as compressed frames) — beside raw Yjs encoding and applying the same doc
// in one process; and the relay's memory with the dossier open (heap after GC, growth over the
// idle relay) beside a bare Node process holding a plain Y.Doc of the same state.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { createRelayAdmin } from '@knipsel/core/relay';
import { connectRelay } from '@knipsel/core/relay/session';
import { repeat, spread, summarize, type BenchContext } from './lib.js';
import type { BenchRow } from './table.js';

interface Memory {
  heap: number;
  rss: number;
  external: number;
}

interface Child {
  wsUrl?: string;
  memory(): Promise<Memory>;
  request<T>(message: object, answer: string): Promise<T>;
  stop(): Promise<void>;
}

const childFile = fileURLToPath(new URL('./relay-bench-child.ts', import.meta.url));
const mb = (bytes: number) => bytes / 1e6;

async function startChild(mode: 'relay' | 'bare' | 'owner'): Promise<Child> {
  const child: ChildProcess = fork(childFile, [mode], { execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code: number | null) => reject(new Error(`relay bench child (${mode}) exited with ${code}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next('ready');
  const request = async <T>(message: object, answer: string) => {
    const reply = next(answer);
    child.send(message);
    return (await reply) as T;
  };
  return {
    wsUrl: ready.wsUrl as string | undefined,
    memory: () => request<Memory>({ type: 'memory' }, 'memory'),
    request,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}

/** Resolves when `doc` holds `count` clips. */
function whenClips(doc: Y.Doc, count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (doc.getMap('clips').size < count) return;
      doc.off('afterTransaction', check);
      resolve();
    };
    doc.on('afterTransaction', check);
    check();
  });
}

export async function runRelayBench(ctx: BenchContext): Promise<BenchRow[]> {
  const clips = Number(process.env.BENCH_RELAY_CLIPS ?? 20_000);
  const label = clips.toLocaleString('en-US');
  const id = 'cohortbench00001';
  const relay = await startChild('relay');
  const cleanups: Array<() => unknown> = [() => relay.stop()];
  try {
    const idle = await relay.memory();
    const admin = createRelayAdmin(relay.wsUrl!);
    const { ownerSecret } = await admin.register(id);
    const member = await admin.createToken(id, ownerSecret, 'read-only', 'Nieuwe student');
    const dir = mkdtempSync(join(tmpdir(), 'knipsel-relay-bench-state-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const statePath = join(dir, 'state.bin');
    // The owner is a process of its own (another machine, in life): its doc does not weigh on this heap.
    ctx.log(`sync (relay): the owner builds a ${label}-clip dossier and uploads it…`);
    const owner = await startChild('owner');
    cleanups.push(() => owner.stop());
    const { uploadMs } = await owner.request<{ uploadMs: number }>({ type: 'upload', id, count: clips, wsUrl: relay.wsUrl, token: ownerSecret, statePath }, 'uploaded');
    const state = new Uint8Array(readFileSync(statePath));
    const source = new Y.Doc();
    Y.applyUpdate(source, state);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the debounced compaction runs
    const open = await relay.memory(); // the owner's connection keeps the dossier open

    const results = await repeat(
      async (run, warmup) => {
        const out = { knipsel: 0, raw: 0 };
        for (const kind of run % 2 === 0 ? (['knipsel', 'raw'] as const) : (['raw', 'knipsel'] as const)) {
          const start = performance.now();
          if (kind === 'raw') {
            const copy = new Y.Doc();
            Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
            out.raw = performance.now() - start;
            copy.destroy();
            continue;
          }
          const fresh = new Y.Doc();
          const download = connectRelay(fresh, { url: relay.wsUrl!, dossierId: id, token: member.token, WebSocketPolyfill: WebSocket });
          await whenClips(fresh, clips);
          out.knipsel = performance.now() - start;
          download.destroy();
          fresh.destroy();
        }
        ctx.log(`sync (relay): ${warmup ? 'warm-up' : `run ${run}`}: relay → new member ${out.knipsel.toFixed(0)} ms, raw Yjs ${out.raw.toFixed(0)} ms`);
        return out;
      },
      { warmup: 1, runs: ctx.quick ? 2 : 3, budgetMs: ctx.quick ? 60_000 : 180_000 },
    );

    ctx.log('sync (relay): a bare Node process holding the same doc…');
    const bare = await startChild('bare');
    cleanups.push(() => bare.stop());
    const bareIdle = await bare.memory();
    await bare.request({ type: 'load', path: statePath }, 'loaded');
    const bareHeld = await bare.memory();

    const relayHeap = mb(open.heap - idle.heap);
    const bareHeap = mb(bareHeld.heap - bareIdle.heap);
    const downloads = results.map((r) => r.knipsel);
    const raws = results.map((r) => r.raw);
    ctx.note(
      `sync (relay): ${label}-clip cohort dossier from the bench corpus, ${(state.length / 1e6).toFixed(1)} MB of state (${Math.round(state.length / clips)} B a clip; bodies in a body store, ` +
        `not in the doc), ${state.length > 16 * 1024 * 1024 ? 'above' : 'below'} the relay's 16 MiB WebSocket frame limit. One relay process on a SQLite file, the owner in a process of its own, the new members in the bench process (core's connectRelay over \`ws\`), ` +
        'large messages as compressed stream frames (core/sync/frames/framed-channel.ts). "relay → new member" is connect → every clip in the new member\'s doc, with a read-only ' +
        `token, the dossier already open on the relay; it includes the relay encoding and compressing the state, the member inflating, checking (mirror doc, dossier shape) and applying it. ` +
        `The owner's first upload took ${(uploadMs / 1000).toFixed(1)} s. Memory: the relay's heap after GC with the dossier open (its owner connected) minus the idle relay's: ` +
        `${relayHeap.toFixed(0)} MB (RSS ${mb(open.rss - idle.rss).toFixed(0)} MB, buffers ${mb(open.external - idle.external).toFixed(0)} MB); a bare Node process holding a plain Y.Doc ` +
        `of the same state: ${bareHeap.toFixed(0)} MB heap (RSS ${mb(bareHeld.rss - bareIdle.rss).toFixed(0)} MB).`,
    );
    const area = 'sync';
    return [
      {
        area,
        metric: `${label}-clip cohort dossier, relay → new member, full doc ms (${spread(downloads)})`,
        knipsel: summarize(downloads).median,
        baseline: summarize(raws).median,
        baselineName: `raw Yjs: encodeStateAsUpdate + applyUpdate of the same doc, one process (${spread(raws)})`,
        target: 'completes (no 16 MiB wall)',
        met: downloads.length > 0 && downloads.every(Number.isFinite),
        digits: 0,
      },
      {
        area,
        metric: `relay memory per open dossier, MB (${label} clips, heap growth after GC)`,
        knipsel: relayHeap,
        baseline: bareHeap,
        baselineName: 'bare Node process holding a plain Y.Doc of the same state',
        target: '',
        met: null,
        digits: 0,
      },
    ];
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
