// Helpers for the relay tests: a Redis server from Debian's package on a free port, relay
// processes (`npm run relay`'s entry) started and killed like an operator would, a raw
// protocol client that records every frame, and dossier docs connected through core's
// relay session (Node has no global WebSocket before 22: `ws` stands in).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { createDossier, initDossierDoc } from '@knipsel/core';
import { connectRelay, type RelaySession } from '@knipsel/core/relay/session';

export const REDIS_SERVER = process.env.KNIPSEL_REDIS_SERVER ?? '/usr/bin/redis-server';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Start redis-server on a free port; fails (never skips) with install instructions.
 * `pause()` kills it and `resume()` starts it again on the same port (nothing is kept).
 */
export async function startRedis(): Promise<{ url: string; port: number; pause(): Promise<void>; resume(): Promise<void>; stop(): Promise<void> }> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(
      `redis-server is needed for the relay scale-out test and was not found at ${REDIS_SERVER}.\n` +
        `  On Debian/Ubuntu, as root: apt-get update && apt-get install -y redis-server\n` +
        `  Elsewhere: install Redis and set KNIPSEL_REDIS_SERVER=/path/to/redis-server.`,
    );
  }
  const port = await freePort();
  let child: ChildProcess | null = null;
  const launch = async () => {
    const started = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
      started.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      started.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}):\n${output}`));
      });
    });
  };
  const halt = () =>
    new Promise<void>((resolve) => {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null || running.signalCode !== null) return resolve();
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  await launch();
  return { url: `redis://127.0.0.1:${port}`, port, pause: halt, resume: launch, stop: halt };
}

export interface RelayProcess {
  child: ChildProcess;
  pid: number;
  /** ws://127.0.0.1:port */
  wsUrl: string;
  /** http://127.0.0.1:port */
  url: string;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
  /** SIGTERM (clean shutdown), and wait for the exit. */
  stop(): Promise<void>;
}

const REPO_ROOT = join(import.meta.dirname, '..', '..');

/**
 * Starts `server/relay/main.ts` as its own process (as `npm run relay` does) on `port`, in
 * `cwd` (default the repo), with `args` and extra `env`; resolves once it listens.
 */
export async function startRelayProcess(options: { port: number; args?: string[]; env?: NodeJS.ProcessEnv; cwd?: string }): Promise<RelayProcess> {
  const entry = join(REPO_ROOT, 'server', 'relay', 'main.ts');
  // tsx's loader by file URL: a bare `tsx` would be looked up from `cwd`, which may be elsewhere.
  const tsx = pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', tsx, entry, '--port', String(options.port), ...(options.args ?? [])], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start in 60 s:\n${output}`)), 60_000);
    const onData = () => {
      if (!output.includes('Knipsel relay listening')) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited (${code}):\n${output}`));
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    child,
    pid: child.pid!,
    wsUrl: `ws://127.0.0.1:${options.port}`,
    url: `http://127.0.0.1:${options.port}`,
    output: () => output,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}

/** Resident memory of a process in bytes, read from outside (/proc/<pid>/status). */
export function residentBytes(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** CPU time a process has used so far, in seconds (user + system, from /proc/<pid>/stat). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (comm) "
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** One Hocuspocus frame: document name, message type, subtype, then a string or bytes. */
function frame(documentName: string, type: number, subtype: number, payload: string | Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, documentName);
  encoding.writeVarUint(e, type);
  encoding.writeVarUint(e, subtype);
  if (typeof payload === 'string') encoding.writeVarString(e, payload);
  else encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** Frames of the Hocuspocus protocol, built by hand for the raw client. */
export const frames = {
  auth: (documentName: string, token: string) => frame(documentName, 2, 0, token),
  syncStep1: (documentName: string, doc: Y.Doc = new Y.Doc()) => frame(documentName, 0, 0, Y.encodeStateVector(doc)),
  update: (documentName: string, update: Uint8Array) => frame(documentName, 0, 2, update),
};

export interface ReceivedFrame {
  documentName: string;
  type: number;
  /** For type 0 (sync): 0 step 1, 1 step 2, 2 update. For type 2 (auth): 1 denied, 2 granted. For 8 (sync status): 1 applied, 0 refused. */
  subtype: number | null;
  bytes: Uint8Array;
}

export interface RawClient {
  ws: WebSocket;
  frames: ReceivedFrame[];
  send(frame: Uint8Array): void;
  waitFor(match: (frame: ReceivedFrame) => boolean, timeoutMs?: number): Promise<ReceivedFrame>;
  closed: Promise<number>;
  /** The close code and reason the relay gave. */
  closedWith: Promise<{ code: number; reason: string }>;
}

/** `protocols`: subprotocols to offer (core's `relayProtocols` for a framed socket). */
export async function rawClient(url: string, protocols: readonly string[] = []): Promise<RawClient> {
  const ws = new WebSocket(url, [...protocols]);
  const received: ReceivedFrame[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data: Buffer) => {
    const bytes = new Uint8Array(data);
    if (bytes[0] === 0) return; // a stream frame of a framed socket: not a whole message
    const decoder = decoding.createDecoder(bytes);
    const documentName = decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    const subtype = type === 0 || type === 2 || type === 4 ? decoding.readVarUint(decoder) : type === 8 ? decoding.readVarInt(decoder) : null;
    received.push({ documentName, type, subtype, bytes });
    for (const waiter of [...waiters]) waiter();
  });
  ws.on('error', () => undefined);
  const closedWith = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  const closed = closedWith.then(({ code }) => code);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    frames: received,
    send: (frame) => ws.send(frame),
    waitFor(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(match);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('timed out waiting for a frame'));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    closed,
    closedWith,
  };
}

/** A dossier doc (as its owner creates it), with a name. */
export function newDossierDoc(id: string, name = 'Leergang 2026'): Y.Doc {
  const doc = new Y.Doc();
  initDossierDoc(doc, { id, name, kind: 'shared', now: 1 });
  createDossier(doc);
  return doc;
}

export const dossierName = (doc: Y.Doc) => doc.getMap('meta').get('name') as string | undefined;

export function rename(doc: Y.Doc, name: string) {
  createDossier(doc).updateMeta({ name });
}

export function connectDoc(doc: Y.Doc, url: string, dossierId: string, token: string): RelaySession {
  return connectRelay(doc, { url, dossierId, token, WebSocketPolyfill: WebSocket });
}

/** Wait until `predicate()` holds (polling the state, not timing it). */
export async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
