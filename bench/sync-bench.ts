// Sync rows of `npm run bench`: peer-to-peer edit latency and the initial sync of a
// 1,000-clip dossier to a new peer, between two Chromium browser contexts on 127.0.0.1
// through the real Knipsel server's signalling (`createKnipselServer`, `iceServers: []`).
// Knipsel: core's connectPeers() on a dossier doc. Baseline: raw y-webrtc with a plain
// Y.Doc holding the same clips, same server, same browser, same run.
// The page is tests/e2e/bench-harness/sync-bench-page.ts. The relay rows: relay-bench.ts.
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { presetFrameworks } from '@knipsel/core';
import { createKnipselServer } from '../server/create-server.js';
import { launchBrowser } from '../tests/support/browser.js';
import { buildHarness, writeJson } from './browser-harness.js';
import { loadSources } from './corpus/sources.js';
import { runRelayBench } from './relay-bench.js';
import { profileTable, repeat, spread, summarize, topFunctions, type BenchContext, type CpuProfile } from './lib.js';
import type { BenchRow } from './table.js';

// window.knipselSyncBench is declared by the page.

type Kind = 'knipsel' | 'raw';

async function openPage(browser: Browser, url: string): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(180_000);
  await page.goto(url);
  await page.waitForFunction(() => window.knipselSyncBenchReady === true);
  return { page, close: () => context.close() };
}

/**
 * A fresh server with two peer pages on it — nothing left over from an earlier room (a raw
 * y-webrtc peer that failed its sync keeps reconnecting until its page closes). `close()`
 * ends both pages' sessions, then the pages and the server.
 */
async function openPair(browser: Browser, dir: string): Promise<{ a: Page; b: Page; close(): Promise<void> }> {
  const server = await createKnipselServer({ dir, port: 0, host: '127.0.0.1' });
  const url = `${server.url}/sync-bench.html`;
  const a = await openPage(browser, url);
  const b = await openPage(browser, url);
  return {
    a: a.page,
    b: b.page,
    async close() {
      for (const p of [a, b]) await p.page.evaluate(() => window.knipselSyncBench.close()).catch(() => undefined);
      await a.close();
      await b.close();
      await server.close();
    },
  };
}

async function until(what: string, read: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!(await read())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const secret = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');

interface PairResult {
  /** Join → all clips present on the new peer, ms; NaN when it did not complete. */
  initialSyncMs: number;
  /** Join → every body the clips name on the new peer too (Knipsel: fetched from the peer after the doc), ms; NaN when not. */
  bodiesMs: number;
  stateBytes: number;
  /** Edit → seen by the other peer, ms, per edit (both directions alternate). */
  edits: number[];
}

/**
 * Two peers of one dossier of `clips` clips. First a new, empty peer joins and receives it
 * all (initial sync). Then, in a fresh pair where both already hold the dossier (loaded out
 * of band, so the measure does not depend on the initial sync), `edits` note edits go back
 * and forth.
 */
async function measurePair(
  browser: Browser,
  dir: string,
  kind: Kind,
  options: { clips: number; edits: number; syncTimeoutMs: number; log(line: string): void; profile?: (summary: string) => void },
): Promise<PairResult> {
  const raw = kind === 'raw';
  let initialSyncMs = Number.NaN;
  let bodiesMs = Number.NaN;
  let stateBytes = 0;
  let state = '';
  let ids: string[] = [];
  {
    const pair = await openPair(browser, dir);
    const { a, b } = pair;
    try {
      const room = secret();
      const made = await a.evaluate(([n, r]) => window.knipselSyncBench.makeDossier(n, r), [options.clips, raw] as const);
      stateBytes = made.bytes;
      ids = made.ids;
      state = await a.evaluate(() => window.knipselSyncBench.state());
      await a.evaluate(([r, s]) => window.knipselSyncBench.connect(r, s), [raw, room] as const);
      const cdp = options.profile ? await b.context().newCDPSession(b) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
        await cdp.send('Profiler.start');
      }
      const joined = await b.evaluate(([r, s]) => window.knipselSyncBench.connect(r, s), [raw, room] as const);
      try {
        const synced = await b.evaluate(([n, t]) => window.knipselSyncBench.syncedAt(n, t), [options.clips, options.syncTimeoutMs] as const);
        initialSyncMs = synced - joined;
        // The raw baseline's doc holds the bodies: they are there with the clips.
        bodiesMs = raw ? initialSyncMs : (await b.evaluate((t) => window.knipselSyncBench.bodiesAt(t), options.syncTimeoutMs)) - joined;
      } catch {
        // did not complete in time (reported as such)
      }
      if (cdp && options.profile) {
        const { profile } = await cdp.send('Profiler.stop');
        const busy = topFunctions(profile as CpuProfile, 200).reduce((sum, e) => sum + e.selfMs, 0);
        options.profile(
          `profile: the new peer's page during a Knipsel initial sync of ${options.clips.toLocaleString('en-US')} clips (${initialSyncMs.toFixed(0)} ms, ` +
            `${busy.toFixed(0)} ms of it on the page's main thread). Top self time:\n` +
            profileTable(topFunctions(profile as CpuProfile, 12)),
        );
      }
    } finally {
      await pair.close();
    }
  }
  const edits: number[] = [];
  // A WebRTC handshake on a loaded machine now and then never completes (y-webrtc does not
  // retry it); then the pair is set up once more.
  for (let attempt = 1; edits.length === 0; attempt++) {
    const pair = await openPair(browser, dir);
    const { a, b } = pair;
    try {
      const room = secret();
      for (const p of [a, b]) await p.evaluate((s) => window.knipselSyncBench.load(s), state);
      await a.evaluate(([r, s]) => window.knipselSyncBench.connect(r, s), [raw, room] as const);
      await b.evaluate(([r, s]) => window.knipselSyncBench.connect(r, s), [raw, room] as const);
      try {
        await until(
          'both peers connected',
          async () => (await a.evaluate(() => window.knipselSyncBench.peers())) > 0 && (await b.evaluate(() => window.knipselSyncBench.peers())) > 0,
          30_000,
        );
      } catch (error) {
        const state = JSON.stringify([await a.evaluate(() => window.knipselSyncBench.diagnose()), await b.evaluate(() => window.knipselSyncBench.diagnose())]);
        if (attempt >= 3) throw new Error(`${(error as Error).message} (3 attempts; y-webrtc: ${state})`);
        options.log(`sync: ${kind}: the peers did not connect within 30 s (attempt ${attempt}, y-webrtc: ${state}); trying a new pair`);
        continue;
      }
      for (let k = 0; k < options.edits; k++) {
        const [from, to] = k % 2 === 0 ? [a, b] : [b, a];
        const id = ids[(k * 7) % ids.length];
        const marker = ` [bench ${kind} ${k}]`;
        const seen = to.evaluate(([i, m]) => window.knipselSyncBench.seenAt(i, m, 10_000), [id, marker] as const);
        const sent = await from.evaluate(([i, m]) => window.knipselSyncBench.edit(i, m), [id, marker] as const);
        edits.push((await seen) - sent);
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await pair.close();
    }
  }
  return { initialSyncMs, bodiesMs, stateBytes, edits };
}

/** The section: peer sync in Chromium, then the relay rows (relay-bench.ts). */
export async function runSyncBench(ctx: BenchContext): Promise<BenchRow[]> {
  const peer = await runPeerSyncBench(ctx);
  return [...peer, ...(await runRelayBench(ctx))];
}

async function runPeerSyncBench(ctx: BenchContext): Promise<BenchRow[]> {
  const clips = Number(process.env.BENCH_SYNC_CLIPS ?? 1000);
  const edits = ctx.quick ? 20 : 40;
  const runs = ctx.quick ? 2 : 3;
  const rawSyncTimeoutMs = 20_000;
  ctx.log('sync: building the bench page (vite)…');
  const dir = await buildHarness(['sync-bench.html']);
  writeJson(dir, 'fixture.json', { sources: loadSources(), themeIds: presetFrameworks.flatMap((f) => f.themes.map((t) => t.id)) });
  const browser = await launchBrowser();
  try {
    const results = await repeat(
      async (run, warmup) => {
        const order: Kind[] = run % 2 === 0 ? ['knipsel', 'raw'] : ['raw', 'knipsel'];
        const out: Partial<Record<Kind, PairResult>> = {};
        for (const kind of order) {
          ctx.log(`sync: ${kind}, ${clips.toLocaleString('en-US')} clips, ${warmup ? 'warm-up' : `run ${run}`}…`);
          const profile = ctx.profile && kind === 'knipsel' && run === 1 ? (summary: string) => ctx.note(summary) : undefined;
          const result = await measurePair(browser, dir, kind, { clips, edits, syncTimeoutMs: kind === 'raw' ? rawSyncTimeoutMs : 60_000, log: ctx.log, profile });
          ctx.log(
            `sync: ${kind}: initial sync ${result.initialSyncMs.toFixed(0)} ms, bodies ${result.bodiesMs.toFixed(0)} ms; edits median ${summarize(result.edits).median.toFixed(1)} ms`,
          );
          out[kind] = result;
        }
        return out as Record<Kind, PairResult>;
      },
      { warmup: 1, runs, budgetMs: ctx.quick ? 120_000 : 300_000 },
    );
    const syncK = results.map((r) => r.knipsel.initialSyncMs);
    const syncR = results.map((r) => r.raw.initialSyncMs);
    const editsK = results.flatMap((r) => r.knipsel.edits);
    const editsR = results.flatMap((r) => r.raw.edits);
    const okR = syncR.filter(Number.isFinite);
    const okK = syncK.filter(Number.isFinite);
    const bytes = results[0]?.knipsel.stateBytes ?? 0;
    ctx.note(
      `sync: ${clips.toLocaleString('en-US')}-clip dossier, ${(bytes / 1e6).toFixed(1)} MB of state; initial sync is join → every clip present on the new peer ` +
        '(includes signalling, key derivation and the WebRTC handshake). The state goes compressed (deflate-raw, streamed while it is being compressed; ' +
        "see core/sync/frames/deflate-frames.ts), and the new peer does not send it back. Knipsel's doc names each clip's body by hash (the list is complete " +
        'with the doc); "all bodies" is join → every body on the new peer too, fetched from the other peer after the doc (core/sync/peer/body-exchange.ts), hash-checked. Edits alternate direction; each is timed from the edit in one page to the change in the other.',
    );
    if (okR.length < syncR.length) {
      ctx.note(
        `sync: raw y-webrtc did not complete the initial sync in ${okR.length === 0 ? 'any' : `${syncR.length - okR.length} of ${syncR.length}`} run(s) within ${rawSyncTimeoutMs / 1000} s — ` +
          'it sends the whole state as one data-channel message, which Chromium refuses above 256 KiB (core compresses, splits and paces it, see core/sync/frames/chunking.ts); ' +
          'its edit latency is measured all the same (both peers load the dossier out of band first).',
      );
    }
    const rows: BenchRow[] = [];
    const area = 'sync';
    rows.push({
      area,
      metric: `initial sync of ${clips.toLocaleString('en-US')} clips to a new peer, ms (${spread(okK)})`,
      knipsel: okK.length ? summarize(okK).median : Number.NaN,
      baseline: okR.length ? summarize(okR).median : null,
      baselineName: okR.length ? `raw y-webrtc, plain Y.Doc (${spread(okR)})` : 'raw y-webrtc, plain Y.Doc: did not complete (see notes)',
      target: '≤ 3 s',
      met: okK.length === syncK.length && summarize(okK).median <= 3000,
      digits: 0,
    });
    const bodiesK = results.map((r) => r.knipsel.bodiesMs).filter(Number.isFinite);
    rows.push({
      area,
      metric: `initial sync of ${clips.toLocaleString('en-US')} clips to a new peer, all bodies, ms (${spread(bodiesK)})`,
      knipsel: bodiesK.length ? summarize(bodiesK).median : Number.NaN,
      baseline: okR.length ? summarize(okR).median : null,
      baselineName: okR.length ? `raw y-webrtc, bodies in the Y.Doc (${spread(okR)})` : 'raw y-webrtc, bodies in the Y.Doc: did not complete (see notes)',
      target: '≤ 3 s',
      met: bodiesK.length === results.length && summarize(bodiesK).median <= 3000,
      digits: 0,
    });
    if (editsK.length > 0) {
      const sk = summarize(editsK);
      const sr = editsR.length > 0 ? summarize(editsR) : null;
      const runP95 = results.map((r) => summarize(r.knipsel.edits).p95);
      rows.push(
        {
          area,
          metric: `peer edit latency p50, ms (${editsK.length} edits over ${results.length} runs)`,
          knipsel: sk.median,
          baseline: sr?.median ?? null,
          baselineName: 'raw y-webrtc, plain Y.Doc',
          target: '',
          met: null,
          digits: 1,
        },
        {
          area,
          metric: `peer edit latency p95, ms (${spread(runP95, 'run p95s')})`,
          knipsel: sk.p95,
          baseline: sr?.p95 ?? null,
          baselineName: 'raw y-webrtc, plain Y.Doc',
          target: '≤ 200 ms',
          met: sk.p95 <= 200,
          digits: 1,
        },
      );
    }
    return rows;
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
