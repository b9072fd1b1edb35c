// The relay's doors for strangers, against a real relay process (`npm run relay`'s entry,
// behind a "proxy" on 127.0.0.1 that it trusts): sockets that never authenticate push valid
// sync frames at it — one socket offering 64 MiB, then attackers that reconnect whenever they
// are cut off — while the relay's resident memory is read from outside (/proc); sockets that
// say a little and then wait are closed by the authentication deadline; one address opens
// more connections than its cap; one forwarded client floods the owners' API. Meanwhile a
// member from another address registers, connects and syncs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { createRelayAdmin } from '@knipsel/core/relay';
import { connectDoc, dossierName, frames, freePort, newDossierDoc, rename, residentBytes, startRelayProcess, type RelayProcess } from '../../server/relay/relay-test-support.js';
import { pick, report, seed } from './support/mode.js';
import { createRng } from './support/prng.js';

const MiB = 1024 * 1024;
/** The test closes a socket itself after this long; the relay must close them within 15 s. */
const GIVE_UP_MS = 20_000;
const rng = createRng(seed + 70);
let relay: RelayProcess;
const dir = mkdtempSync(join(tmpdir(), 'knipsel-relay-doors-'));

beforeAll(async () => {
  relay = await startRelayProcess({ port: await freePort(), args: ['--db', join(dir, 'relay.sqlite'), '--trust-proxy', '127.0.0.1'] });
});

afterAll(async () => {
  if (relay && relay.child.exitCode !== null) console.log(`the relay exited (${relay.child.exitCode}):\n${relay.output()}`);
  await relay?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A valid sync update frame of about `size` bytes for `documentName`. */
function updateFrame(documentName: string, size: number): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getMap('meta').set('padding', String.fromCharCode(97 + rng.int(26)).repeat(size));
  return frames.update(documentName, update);
}

interface Attack {
  sockets: number;
  /** Bytes the attacker's sockets took from it (handed to the kernel without an error). */
  written: number;
  /** Longest time from a socket opening to the relay closing it. */
  closeMsMax: number;
}

/**
 * Sockets that never authenticate send the frames in turn (each waiting until the previous
 * one is written); when the relay cuts one off, the next one carries on (`parallel` at a
 * time), until `total` bytes are written. One socket and no reconnects with `reconnect: false`.
 */
async function attack(frameList: Uint8Array[], total: number, parallel: number, reconnect: boolean): Promise<Attack> {
  const result: Attack = { sockets: 0, written: 0, closeMsMax: 0 };
  let next = 0;
  const oneSocket = () =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(relay.wsUrl, { headers: { 'x-forwarded-for': '203.0.113.66' } });
      const opened = Date.now();
      result.sockets++;
      ws.on('error', () => undefined);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
      const giveUp = setTimeout(() => ws.terminate(), GIVE_UP_MS); // the relay should have closed it long before
      ws.once('close', () => {
        clearTimeout(giveUp);
        result.closeMsMax = Math.max(result.closeMsMax, Date.now() - opened);
        resolve();
      });
      const pump = () => {
        if (ws.readyState !== WebSocket.OPEN) return;
        if (result.written >= total) return; // done: wait for the relay to close it
        const frame = frameList[next++ % frameList.length];
        ws.send(frame, (error) => {
          if (error) return;
          result.written += frame.byteLength;
          pump();
        });
      };
      ws.once('open', pump);
    });
  const worker = async () => {
    do await oneSocket();
    while (reconnect && result.written < total);
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return result;
}

/** GET on the relay over a fresh connection (as a flood of separate clients would). */
function getStatus(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpGet(`${relay.url}${path}`, { headers, agent: false }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', reject);
  });
}

/** A socket that sends one small frame, never authenticates and waits; resolves with how long it stayed open. */
function waitingSocket(frame: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(relay.wsUrl, { headers: { 'x-forwarded-for': '203.0.113.67' } });
    const opened = Date.now();
    ws.on('error', () => undefined);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('open', () => ws.send(frame));
    const giveUp = setTimeout(() => ws.terminate(), GIVE_UP_MS);
    ws.once('close', () => {
      clearTimeout(giveUp);
      resolve(Date.now() - opened);
    });
  });
}

it('strangers cannot park memory or sockets on the relay; a member still gets through', { timeout: pick(170_000, 900_000) }, async () => {
  const resetPeak = () => {
    try {
      writeFileSync(`/proc/${relay.pid}/clear_refs`, '5'); // resets VmHWM, the peak resident size
      return true;
    } catch {
      return false; // then the 20 ms samples alone give the peak
    }
  };
  // Warm up the relay's code paths with a real member first, then take the baseline.
  const admin = createRelayAdmin(relay.wsUrl);
  const warm = await admin.register('warmupdossier001');
  const warmDoc = newDossierDoc('warmupdossier001', 'Warm');
  const warmSession = connectDoc(warmDoc, relay.wsUrl, 'warmupdossier001', warm.ownerSecret);
  await warmSession.whenAcknowledged();
  warmSession.destroy();
  const baseline = residentBytes(relay.pid);
  /** Runs `phase` and returns how far the relay's resident memory rose above the baseline (MiB). */
  const growthDuring = async <T>(phase: () => Promise<T>): Promise<[T, number]> => {
    const exact = resetPeak();
    let sampled = baseline;
    const sampler = setInterval(() => (sampled = Math.max(sampled, residentBytes(relay.pid))), 20);
    try {
      const result = await phase();
      const peak = Math.max(sampled, residentBytes(relay.pid), exact ? residentBytes(relay.pid, 'VmHWM') : 0);
      return [result, (peak - baseline) / MiB];
    } finally {
      clearInterval(sampler);
    }
  };

  // 1. One socket offers 64 MiB of valid sync frames: 16 frames of 1 MiB for each of 4 dossiers.
  const names = ['aanval-dossier-1', 'aanval-dossier-2', 'aanval-dossier-3', 'aanval-dossier-4'];
  const big = names.map((name) => updateFrame(name, MiB));
  const [single, singleGrowthMiB] = await growthDuring(() => attack(big, 64 * MiB, 1, false));
  // 2. Attackers that reconnect whenever they are cut off, until they have written the total.
  const attackers = pick(4, 16);
  const [reconnecting, reconnectingGrowthMiB] = await growthDuring(() => attack(big, pick(64, 512) * MiB, attackers, true));
  // 3. Sockets that send a little (under the budget) and then wait: the deadline closes them.
  const waiters = pick(6, 40);
  const small = updateFrame(names[0], 2 * 1024);
  const waitingCloseMs = await Promise.all(Array.from({ length: waiters }, () => waitingSocket(small)));

  // 4. One address opens more connections than its cap (100) while a member from another
  //    address registers, connects and syncs.
  const flood: WebSocket[] = [];
  const statuses = await Promise.all(
    Array.from({ length: 120 }, () => {
      const ws = new WebSocket(relay.wsUrl, { headers: { 'x-forwarded-for': '203.0.113.77' } });
      flood.push(ws);
      return new Promise<number | 'open'>((resolve) => {
        ws.once('open', () => resolve('open'));
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('error', () => resolve(0));
      });
    }),
  );
  const member = createRelayAdmin(relay.wsUrl);
  const { ownerSecret } = await member.register('lidvanelders0001');
  const doc = newDossierDoc('lidvanelders0001', 'Cohort');
  const session = connectDoc(doc, relay.wsUrl, 'lidvanelders0001', ownerSecret);
  await session.whenAcknowledged();
  rename(doc, 'Cohort tijdens de aanval');
  await session.whenAcknowledged();
  const reader = new Y.Doc();
  const readerSession = connectDoc(reader, relay.wsUrl, 'lidvanelders0001', ownerSecret);
  await readerSession.whenAcknowledged();
  const memberSynced = dossierName(reader) === 'Cohort tijdens de aanval';
  for (const ws of flood) ws.terminate();
  session.destroy();
  readerSession.destroy();

  // 5. One client behind the proxy floods the owners' API; another behind it is not slowed.
  // Requests go out 40 at a time, so that a busy machine answering slowly (and the bucket
  // refilling meanwhile) cannot hide the limit; at most 400.
  const apiStatuses: number[] = [];
  while (apiStatuses.length < 400 && !apiStatuses.includes(429)) {
    const batch = Array.from({ length: 40 }, () => getStatus('/api/dossiers/lidvanelders0001/tokens', { 'x-forwarded-for': '203.0.113.88' }));
    apiStatuses.push(...(await Promise.all(batch)));
  }
  const otherStatus = await getStatus('/api/dossiers/lidvanelders0001/tokens', { 'x-forwarded-for': '203.0.113.99', authorization: `Bearer ${ownerSecret}` });

  const figures = {
    singleSocketOfferedMiB: 64,
    singleSocketWrittenKiB: Math.round(single.written / 1024),
    singleSocketClosedMs: single.closeMsMax,
    reconnectingAttackers: attackers,
    reconnectingWrittenMiB: Math.round(reconnecting.written / MiB),
    reconnectingSockets: reconnecting.sockets,
    reconnectingCloseMsMax: reconnecting.closeMsMax,
    waitingSockets: waiters,
    waitingClosedMsMax: Math.max(...waitingCloseMs),
    rssGrowthSingleSocketMiB: singleGrowthMiB.toFixed(1),
    rssGrowthReconnectingMiB: reconnectingGrowthMiB.toFixed(1),
    capRefused: statuses.filter((s) => s === 429).length,
    capOpen: statuses.filter((s) => s === 'open').length,
    memberSynced: memberSynced ? 1 : 0,
    apiRequests: apiStatuses.length,
    apiRateLimited: apiStatuses.filter((s) => s === 429).length,
    otherClientStatus: otherStatus,
  };
  report('relay-doors', figures);

  expect(single.closeMsMax).toBeLessThanOrEqual(15_000);
  expect(single.written).toBeLessThan(64 * MiB);
  expect(reconnecting.written).toBeGreaterThanOrEqual(pick(64, 512) * MiB);
  expect(reconnecting.closeMsMax).toBeLessThanOrEqual(15_000);
  expect(Math.max(...waitingCloseMs)).toBeLessThanOrEqual(15_000);
  expect(singleGrowthMiB).toBeLessThan(40);
  expect(reconnectingGrowthMiB).toBeLessThan(64); // many sockets: the collector lags behind the garbage
  expect(figures.capOpen).toBe(100);
  expect(figures.capRefused).toBe(20);
  expect(memberSynced).toBe(true);
  expect(figures.apiRateLimited).toBeGreaterThan(0);
  expect(otherStatus).toBe(200);
});
