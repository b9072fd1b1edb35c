// Two bridge sessions (app, extension) wired in memory for core tests and the garbage
// campaign: messages cross a JSON boundary on a timer, as they do between page and
// extension. `pair()` does what the user does: asks in the app, then confirms in the
// extension (after checking that both show the same code).
import { createLibrary, type Library } from '../library/library.js';
import { createMemoryLibraryStore } from '../storage/library-store.js';
import { createMemoryProjectionStore } from '../storage/projection-store.js';
import { createMemoryUpdateStore } from '../storage/update-store.js';
import { createMemoryPairStore } from '../sync/bridge/pairing.js';
import { createBridgeSession, type BridgeSession, type BridgeSessionOptions } from '../sync/bridge/session.js';

export const testOrigin = 'http://127.0.0.1:8787';

export const newLibrary = () => createLibrary({ updates: createMemoryUpdateStore(), library: createMemoryLibraryStore(), projections: createMemoryProjectionStore() });

/** The frames that carry dossiers (their list or their updates) among those sent. */
export const dossierFrames = <T extends { frame: { t: string } }>(sent: T[]) => sent.filter((m) => m.frame.t === 'dossiers' || m.frame.t === 'sync');

export type MemoryPairs = ReturnType<typeof createMemoryPairStore>;

export interface BridgeRig {
  appSession: BridgeSession;
  extSession: BridgeSession;
  appPairs: MemoryPairs;
  extPairs: MemoryPairs;
  logs: string[];
  /** Every envelope sent, both ways, in order. */
  sent: { from: string; frame: { t: string; [key: string]: unknown } }[];
  /** Codes the extension was asked to confirm (null: the request went away). */
  requests: ({ code: string } | null)[];
  settle(): Promise<void>;
  /** Pair like a user: ask in the app, confirm in the extension once the codes match. */
  pair(): Promise<void>;
  /** Close both sessions (as when the page or the extension goes away). */
  close(): void;
}

export interface RigOptions {
  versions?: { app?: number; ext?: number };
  chunkBytes?: number;
  appPairs?: MemoryPairs;
  extPairs?: MemoryPairs;
  /** The origin each side believes the app is on. */
  appOrigin?: string;
  extOrigin?: string;
  extra?: Partial<BridgeSessionOptions>;
  /** The same for the app's session. */
  appExtra?: Partial<BridgeSessionOptions>;
}

export function connect(app: Library, ext: Library, options: RigOptions = {}): BridgeRig {
  const logs: string[] = [];
  const sent: BridgeRig['sent'] = [];
  const requests: BridgeRig['requests'] = [];
  const appPairs = options.appPairs ?? createMemoryPairStore();
  const extPairs = options.extPairs ?? createMemoryPairStore();
  let inFlight = 0;
  const deliver = (to: () => BridgeSession, message: unknown) => {
    sent.push(JSON.parse(JSON.stringify(message)));
    inFlight++;
    setTimeout(() => {
      inFlight--;
      // Messages cross a structured-clone / JSON boundary in real life.
      to().receive(JSON.parse(JSON.stringify(message)));
    }, 0);
  };
  const side = (role: 'app' | 'extension', library: Library, other: () => BridgeSession, rest: Partial<BridgeSessionOptions>) => {
    const tag = role === 'app' ? 'app' : 'ext';
    const origin = (role === 'app' ? options.appOrigin : options.extOrigin) ?? testOrigin;
    const pairs = role === 'app' ? appPairs : extPairs;
    const version = options.versions?.[tag];
    const send = (m: unknown) => deliver(other, m);
    return createBridgeSession({ role, library, origin, pairs, send, log: (l) => logs.push(`${tag} ${l}`), version, chunkBytes: options.chunkBytes, ...rest });
  };
  const appSession: BridgeSession = side('app', app, () => extSession, { ...options.appExtra });
  const extSession: BridgeSession = side('extension', ext, () => appSession, { onPairRequest: (request) => void requests.push(request), ...options.extra });
  const settle = () => settleSessions([appSession, extSession], () => inFlight, 5, 5);
  const pair = async () => {
    await appSession.requestPairing();
    await settle();
    const code = appSession.status.pairCode;
    if (!code || requests.at(-1)?.code !== code || extSession.status.pairCode !== code) {
      throw new Error(`the codes differ: app ${code}, extension ${extSession.status.pairCode}`);
    }
    await extSession.answerPairing(true);
    await settle();
  };
  const close = () => {
    appSession.close();
    extSession.close();
  };
  return { appSession, extSession, appPairs, extPairs, logs, sent, requests, settle, pair, close };
}

/** Wait until the sessions are idle with nothing in flight, `rounds` checks `gapMs` apart in a row. */
export async function settleSessions(sessions: BridgeSession[], inFlight: () => number, rounds: number, gapMs: number): Promise<void> {
  for (let quiet = 0; quiet < rounds;) {
    await new Promise((r) => setTimeout(r, gapMs));
    for (const session of sessions) await session.idle();
    quiet = inFlight() === 0 ? quiet + 1 : 0;
  }
}

/** Paired and connected, as after the user's first pairing. */
export async function pairedRig(app: Library, ext: Library, options: RigOptions = {}): Promise<BridgeRig> {
  const rig = connect(app, ext, options);
  await rig.pair();
  if (rig.appSession.status.state !== 'connected') throw new Error(`not connected after pairing: ${rig.appSession.status.state}`);
  return rig;
}
