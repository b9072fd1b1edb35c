// The relay under load, as a school would run it: three relay processes (each in its own
// working folder) on one PostgreSQL and one Redis, members reaching them through a
// round-robin balancer without sticky sessions. A few hundred simulated members in a few
// dozen dossiers write in their reflections at a human rate; halfway, one process is killed
// with SIGKILL. Its members reconnect to another process and carry on. Afterwards every edit
// has reached every member of its dossier; then every member writes once more, and the moment
// all is acknowledged every process is killed: a fresh relay process reading only from
// PostgreSQL has every edit. Figures: edit propagation across processes,
// reconnect time, memory per connection and per open dossier (resident memory of the relay
// processes, read from /proc: an open dossier is counted with its first member's connection),
// edits lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRelayAdmin } from '@knipsel/core/relay';
import { startPostgres, type TestPostgres } from '../../server/relay/postgres-test-support.js';
import { connectDoc, cpuSeconds, freePort, newDossierDoc, residentBytes, startRedis, startRelayProcess, until, type RelayProcess } from '../../server/relay/relay-test-support.js';
import { pick, report, seed } from './support/mode.js';
import { createRng } from './support/prng.js';
import { addOwnClip, Balancer, connectMember, createTracker, edit, missingIn, percentile, type Member } from './support/relay-members.js';

const rng = createRng(seed + 80);
const DOSSIERS = pick(20, 40);
const MEMBERS_PER_DOSSIER = pick(8, 10);
const EDIT_SECONDS = pick(24, 120);
/** A member writes a few words every 2–8 s (5 s on average). */
const MEAN_PAUSE_MS = 5000;
const WORDS = ['buurt', 'bewoners', 'samen', 'eigen kracht', 'netwerk', 'vertrouwen', 'wijkteam', 'ontmoeting'];

let postgres: TestPostgres;
let redis: Awaited<ReturnType<typeof startRedis>>;
let database: string;
const relays: RelayProcess[] = [];
const folders: string[] = [];

const startRelay = async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'knipsel-load-host-'));
  folders.push(cwd);
  return startRelayProcess({
    port: await freePort(),
    cwd,
    args: ['--db', database, '--redis', redis.url],
    env: { KNIPSEL_RELAY_CONNECTIONS_PER_ADDRESS: '5000' }, // every simulated member comes from 127.0.0.1
  });
};

beforeAll(async () => {
  postgres = await startPostgres();
  redis = await startRedis();
  database = await postgres.createDatabase('relay_load');
  relays.push(...(await Promise.all([startRelay(), startRelay(), startRelay()])));
}, 180_000);

afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.kill()));
  await redis?.stop();
  await postgres?.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rssOf = (alive: RelayProcess[]) => alive.reduce((sum, relay) => sum + residentBytes(relay.pid), 0);

it('three relay processes on PostgreSQL + Redis: every edit reaches every member through a SIGKILL', { timeout: pick(240_000, 900_000) }, async () => {
  const balancer = new Balancer(relays.map((relay) => relay.wsUrl));
  const tracker = createTracker();
  const dossiers: Array<{ id: string; token: string; ownerSecret: string; members: Member[] }> = [];
  for (let d = 0; d < DOSSIERS; d++) {
    // Owners reach the API through the balancer too (each process has its own rate limit).
    const admin = createRelayAdmin(balancer.urls[balancer.pick()]);
    const id = `lastdossier-${String(d).padStart(3, '0')}`;
    const { ownerSecret } = await admin.register(id);
    const { token } = await admin.createToken(id, ownerSecret, 'edit', 'cohort');
    dossiers.push({ id, token, ownerSecret, members: [] });
  }
  await sleep(1000);
  const baseline = rssOf(relays);

  // Phase 1: three members per dossier (one on each process: the balancer goes round), so
  // every dossier is open in every process. Phase 2: the other members.
  const join = async (d: number, count: number) => {
    const dossier = dossiers[d];
    for (let i = 0; i < count; i++) {
      const first = dossier.members.length === 0;
      const member = connectMember({
        balancer,
        tracker,
        dossier: d,
        dossierId: dossier.id,
        token: dossier.token,
        doc: first ? newDossierDoc(dossier.id, `Cohort ${d}`) : undefined,
      });
      dossier.members.push(member);
      await member.session.whenAcknowledged();
      addOwnClip(member);
    }
  };
  for (let d = 0; d < DOSSIERS; d++) await join(d, 3); // in turn: the balancer then puts one of each on every process
  await sleep(1500);
  const afterDossiers = rssOf(relays);
  await Promise.all(dossiers.map((_, d) => join(d, MEMBERS_PER_DOSSIER - 3)));
  const members = dossiers.flatMap((dossier) => dossier.members);
  await Promise.all(members.map((m) => m.session.whenAcknowledged()));
  await sleep(1500);
  const afterMembers = rssOf(relays);
  const perConnection = (afterMembers - afterDossiers) / (members.length - 3 * DOSSIERS);
  /** A dossier opened in a process, with its first member's connection. */
  const perOpenDossier = (afterDossiers - baseline) / (3 * DOSSIERS);

  // Editing at a human rate; one process is killed halfway.
  const cpuAtStart = { relays: relays.map((relay) => cpuSeconds(relay.pid)), harness: process.cpuUsage() };
  let editing = true;
  const writers = members.map(async (member) => {
    const others = dossiers[member.dossier].members;
    await sleep(rng.int(MEAN_PAUSE_MS * 2));
    while (editing) {
      edit(tracker, member, others, ` ${rng.pick(WORDS)}`);
      await sleep(2000 + rng.int(6000));
    }
  });
  await sleep((EDIT_SECONDS * 1000) / 2);
  const victim = rng.int(relays.length);
  const stranded = members.filter((m) => m.backend === victim);
  tracker.failover = true;
  const killedAt = performance.now();
  const reconnectMs: number[] = [];
  for (const member of stranded) {
    let wasDown = false;
    const unsubscribe = member.session.onChange((state) => {
      if (state.status !== 'connected') wasDown = true;
      else if (wasDown && state.synced) {
        reconnectMs.push(performance.now() - killedAt);
        unsubscribe();
      }
    });
  }
  balancer.alive[victim] = false; // the balancer's health check notices
  await relays[victim].kill();
  await until(() => reconnectMs.length === stranded.length, 'every member of the killed process to reconnect elsewhere', 90_000);
  tracker.failover = false;
  await sleep((EDIT_SECONDS * 1000) / 2);
  editing = false;
  await Promise.all(writers);
  // Where the CPU went while editing: the relay processes (the killed one up to its kill) and these simulated members.
  const relayCpu = relays.reduce((sum, relay, i) => sum + (i === victim ? 0 : cpuSeconds(relay.pid) - cpuAtStart.relays[i]), 0);
  const harnessUsage = process.cpuUsage(cpuAtStart.harness);
  const harnessCpu = (harnessUsage.user + harnessUsage.system) / 1e6;

  // Quiet: every member acknowledged and holding every edit of its dossier.
  await until(() => members.every((m) => m.session.state().status === 'connected' && m.session.state().unacknowledged === 0), 'every member to be acknowledged', 120_000);
  await until(() => [...tracker.outstanding.values()].every((list) => list.length === 0), 'every edit to reach every member', 120_000).catch(() => undefined);
  const lostDeliveries = [...tracker.outstanding.values()].reduce((sum, list) => sum + list.reduce((n, e) => n + e.missing.size, 0), 0);
  const switchedProcess = stranded.filter((m) => m.backend !== victim).length;

  // Durable: one more edit from every member; as soon as all are acknowledged (well inside
  // the relay's 2 s compaction debounce) every process is killed, and a fresh process reads
  // every dossier from PostgreSQL alone.
  for (const member of members) edit(tracker, member, dossiers[member.dossier].members, ' tot slot');
  await until(() => members.every((m) => m.session.state().unacknowledged === 0), 'the last edits to be acknowledged', 60_000);
  await Promise.all(relays.map((relay) => relay.kill()));
  for (const member of members) member.session.destroy();
  const fresh = await startRelay();
  relays.push(fresh);
  let lostStored = 0;
  for (const [d, dossier] of dossiers.entries()) {
    const reader = new Y.Doc();
    const session = connectDoc(reader, fresh.wsUrl, dossier.id, dossier.ownerSecret);
    await session.whenAcknowledged();
    lostStored += missingIn(reader, tracker, d);
    session.destroy();
  }

  const figures = {
    processes: 3,
    dossiers: DOSSIERS,
    members: members.length,
    editSeconds: EDIT_SECONDS,
    edits: tracker.edits.length,
    killedProcessMembers: stranded.length,
    reconnectedElsewhere: switchedProcess,
    propagationP50Ms: percentile(tracker.crossProcessMs, 50).toFixed(1),
    propagationP95Ms: percentile(tracker.crossProcessMs, 95).toFixed(1),
    crossProcessDeliveries: tracker.crossProcessMs.length,
    reconnectP50Ms: Math.round(percentile(reconnectMs, 50)),
    reconnectMaxMs: Math.round(Math.max(...reconnectMs)),
    survivingRelaysCpuSeconds: relayCpu.toFixed(1),
    membersCpuSeconds: harnessCpu.toFixed(1),
    loadAverage: loadavg()[0].toFixed(1),
    memoryPerConnectionKiB: Math.round(perConnection / 1024),
    memoryPerOpenDossierKiB: Math.round(perOpenDossier / 1024),
    editsLostInDelivery: lostDeliveries,
    editsLostInStorage: lostStored,
  };
  report('relay-load', figures);

  expect(tracker.edits.length).toBeGreaterThan(members.length); // every member wrote, most more than once
  expect(stranded.length).toBeGreaterThan(0);
  expect(switchedProcess).toBe(stranded.length);
  expect(tracker.crossProcessMs.length).toBeGreaterThan(0);
  expect(lostDeliveries).toBe(0);
  expect(lostStored).toBe(0);
});
