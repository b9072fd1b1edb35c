// One side of the extension ↔ web app bridge: pairing, the handshake that proves the pair
// key, and dispatch to the dossier sync (bridge-dossiers.ts). Transport-agnostic: the caller
// passes every incoming message to `receive` (unchecked) and delivers what `send` produces.
//
// Rules: the app says hello naming its pairing; the extension answers 'unpaired' (it does
// not know that pairing for this origin) or 'welcome' with its proof of the key over both
// nonces; the app checks it and sends its own proof ('auth'); the extension checks that once
// (a wrong proof ends the handshake) and says 'ready'. Only then does anything about dossiers
// flow, and every later frame carries the session (both nonces): a side without the key
// gets no list, no sync and cannot delete. Pairing: the app sends an ECDH key, the
// extension answers with its own, both show the code derived from the exchange, and only
// the user's click in the extension (`confirmPairing`, never a frame) completes it.
import type { Library } from '../library/library.js';
import { createId } from '../ids.js';
import { bridgeProtocolVersion, checkEnvelope, envelope, type BridgeFrame, type BridgeFrameInput, type BridgeRole, type Envelope } from './bridge-protocol.js';
import { createBridgeDossiers, type HeldDeletion } from './bridge-dossiers.js';
import {
  createPairingKeys,
  createProof,
  decodePairKey,
  derivePairing,
  encodePairKey,
  pairingUnavailable,
  verifyProof,
  type DerivedPairing,
  type PairingKeys,
  type PairStoreLike,
  type ProofLabel,
  type StoredPair,
} from './bridge-pairing.js';

export { bridgeChunkBytes, maxBridgeMessageBytes, bridgeAlias, type HeldDeletion } from './bridge-dossiers.js';

export type BridgeState = 'idle' | 'connecting' | 'unpaired' | 'pairing' | 'connected' | 'mismatch' | 'closed';
export type PairRefusal = 'declined' | 'expired' | 'busy' | 'unavailable';

export interface BridgeStatus {
  state: BridgeState;
  /** The other side's protocol version when it differs from ours. */
  peerVersion: number | null;
  /** Dossiers currently syncing over the bridge. */
  dossiers: number;
  /** When the other side was last heard from, ms since the epoch. */
  lastSeen: number | null;
  /** While pairing: the code both sides show ("123 456"), once both keys are known. */
  pairCode: string | null;
  /** Why the last pairing did not complete. */
  pairRefused: PairRefusal | null;
  /** The pairing of the established session. */
  pairId: string | null;
  /** Dossiers the other side deleted, waiting for the user (more than one at once). */
  held: readonly HeldDeletion[];
}

/**
 * Where a side keeps its pairing(s); the extension's is scoped to the session's origin.
 * `get(id)` finds a pairing, `get(null)` the one this side says hello with (the app's).
 */
export type PairStore = PairStoreLike;

export interface BridgeSessionOptions {
  role: BridgeRole;
  library: Library;
  send: (message: Envelope) => void;
  /** The web app's origin: bound into every proof (a pairing made on one origin is worth nothing on another). */
  origin: string;
  pairs: PairStore;
  /** Rejected input and other notable events (never message content or keys). */
  log?: (message: string) => void;
  onStatus?: (status: BridgeStatus) => void;
  /**
   * Extension: a pairing request is waiting for the user (with its code), or no longer (null).
   * Returning false refuses it (the host has too many waiting).
   */
  onPairRequest?: (request: { code: string } | null) => boolean | void;
  /** A retired dossier id (the extension's first personal dossier) now leads to another. */
  onAlias?: (from: string, to: string) => void;
  /** How long a pairing request waits for the user (default 5 minutes). */
  pairingMs?: number;
  /** Pairing requests closer together than this on one session are refused (default 2 s). */
  pairRequestGapMs?: number;
  /** Protocol version to announce (tests use this to simulate an old peer). */
  version?: number;
  /** Chunk size for large sync messages (tests use a small one). */
  chunkBytes?: number;
}

interface AppPairing {
  nonce: string;
  keys: PairingKeys;
  extensionNonce: string | null;
  derived: DerivedPairing | null;
}

interface ExtensionPairing {
  appNonce: string;
  extensionNonce: string;
  derived: DerivedPairing;
  timer: ReturnType<typeof setTimeout>;
}

export function createBridgeSession(options: BridgeSessionOptions) {
  const { role, library, pairs, origin } = options;
  const version = options.version ?? bridgeProtocolVersion;
  const log = options.log ?? (() => undefined);
  const pairingMs = options.pairingMs ?? 5 * 60_000;
  const gapMs = options.pairRequestGapMs ?? 2000;
  let myNonce = '';
  let session: string | null = null;
  /** App: the pairing the last hello named. Extension: unused. */
  let helloPair: StoredPair | null = null;
  /** Between welcome and ready: the session being proved, with its pairing. */
  let pending: { session: string; pair: StoredPair; appNonce: string; extensionNonce: string } | null = null;
  let current: StoredPair | null = null;
  let appPairing: AppPairing | null = null;
  let extPairing: ExtensionPairing | null = null;
  let lastPairRequest = -Infinity;
  let status: BridgeStatus = { state: 'idle', peerVersion: null, dossiers: 0, lastSeen: null, pairCode: null, pairRefused: null, pairId: null, held: [] };
  let queue: Promise<void> = Promise.resolve();

  const send = (frame: BridgeFrameInput) => options.send(envelope(role, frame));
  const dossiers = createBridgeDossiers({
    role,
    library,
    log,
    send,
    session: () => session ?? '',
    chunkBytes: options.chunkBytes,
    onChange: () => setStatus({}),
    onAlias: options.onAlias,
  });
  const setStatus = (patch: Partial<BridgeStatus>) => {
    status = { ...status, ...patch, dossiers: dossiers.count, held: dossiers.held, pairId: current?.id ?? null };
    options.onStatus?.(status);
  };
  const serial = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => log(`bridge: ${error instanceof Error ? error.message : String(error)}`));
    return queue;
  };
  const newNonce = () => createId(24);
  const proofParts = (appNonce: string, extensionNonce: string, pairId: string) => [String(version), origin, appNonce, extensionNonce, pairId];

  function keyOf(pair: StoredPair | null): Uint8Array | null {
    if (!pair || pair.origin !== origin) return null;
    return decodePairKey(pair.key);
  }

  async function prove(key: Uint8Array, label: ProofLabel, appNonce: string, extensionNonce: string, pairId: string) {
    return createProof(key, label, proofParts(appNonce, extensionNonce, pairId));
  }

  async function checkProof(key: Uint8Array, label: ProofLabel, appNonce: string, extensionNonce: string, pairId: string, proof: string) {
    return verifyProof(key, label, proofParts(appNonce, extensionNonce, pairId), proof);
  }

  function endSession() {
    dossiers.stop();
    session = null;
    pending = null;
    current = null;
  }

  /** Extension: the waiting pairing request ends (answered, expired, replaced, or the tab went away). */
  function dropExtensionPairing() {
    if (!extPairing) return;
    clearTimeout(extPairing.timer);
    extPairing = null;
    options.onPairRequest?.(null);
  }

  async function sayHello() {
    endSession();
    appPairing = null;
    myNonce = newNonce();
    helloPair = await pairs.get(null);
    if (helloPair && !keyOf(helloPair)) {
      log('bridge: the stored pairing is unusable here and was forgotten');
      await pairs.remove(helloPair.id);
      helloPair = null;
    }
    send({ t: 'hello', v: version, nonce: myNonce, role, pair: helloPair?.id ?? null });
    setStatus({ state: 'connecting', pairCode: null });
  }

  // ---- extension side ----

  async function answerHello(frame: Extract<BridgeFrame, { t: 'hello' }>) {
    endSession();
    dropExtensionPairing();
    const pair = frame.pair ? await pairs.get(frame.pair) : null;
    const key = keyOf(pair);
    if (!pair || !key) {
      send({ t: 'unpaired', v: version, nonce: frame.nonce, role });
      setStatus({ state: 'unpaired', peerVersion: null });
      return;
    }
    myNonce = newNonce();
    pending = { session: `${frame.nonce}.${myNonce}`, pair, appNonce: frame.nonce, extensionNonce: myNonce };
    const proof = await prove(key, 'welcome', frame.nonce, myNonce, pair.id);
    send({ t: 'welcome', v: version, nonce: frame.nonce, peerNonce: myNonce, role, pair: pair.id, proof });
    setStatus({ state: 'connecting', peerVersion: null });
  }

  async function checkAuth(frame: Extract<BridgeFrame, { t: 'auth' }>) {
    if (!pending || frame.session !== pending.session) return log('bridge: auth for another handshake dropped');
    const proving = pending;
    // One attempt per welcome: a replayed or guessed proof gets no second try.
    pending = null;
    const key = keyOf(proving.pair);
    if (!key || !(await checkProof(key, 'auth', proving.appNonce, proving.extensionNonce, proving.pair.id, frame.proof))) {
      log('bridge: the app’s proof of the pairing is wrong; no session');
      send({ t: 'unpaired', v: version, nonce: proving.appNonce, role });
      setStatus({ state: 'unpaired' });
      return;
    }
    session = proving.session;
    current = proving.pair;
    send({ t: 'ready', session });
    setStatus({ state: 'connected', peerVersion: null, pairRefused: null });
    dossiers.start();
  }

  async function offerPairing(frame: Extract<BridgeFrame, { t: 'pair-request' }>) {
    const now = Date.now();
    if (now - lastPairRequest < gapMs) {
      send({ t: 'pair-refused', nonce: frame.nonce, reason: 'busy' });
      return log('bridge: pairing request too soon after the last one, refused');
    }
    lastPairRequest = now;
    endSession();
    dropExtensionPairing();
    const keys = await createPairingKeys();
    const extensionNonce = newNonce();
    const derived = await derivePairing(keys, frame.key, { appNonce: frame.nonce, extensionNonce, appKey: frame.key, extensionKey: keys.publicKey });
    if (options.onPairRequest?.({ code: derived.code }) === false) {
      send({ t: 'pair-refused', nonce: frame.nonce, reason: 'busy' });
      return log('bridge: too many pairing requests waiting, refused');
    }
    const timer = setTimeout(() => {
      void serial(async () => {
        await answerPairing(false, 'expired');
      });
    }, pairingMs);
    extPairing = { appNonce: frame.nonce, extensionNonce, derived, timer };
    send({ t: 'pair-offer', nonce: frame.nonce, peerNonce: extensionNonce, role, key: keys.publicKey });
    setStatus({ state: 'pairing', pairCode: derived.code, pairRefused: null });
  }

  async function answerPairing(accept: boolean, reason: 'declined' | 'expired' = 'declined'): Promise<StoredPair | null> {
    const pairing = extPairing;
    if (!pairing) return null;
    dropExtensionPairing();
    if (!accept) {
      send({ t: 'pair-refused', nonce: pairing.appNonce, reason });
      setStatus({ state: 'unpaired', pairCode: null, pairRefused: reason });
      return null;
    }
    const pair: StoredPair = { id: createId(24), key: encodePairKey(pairing.derived.key), origin, pairedAt: Date.now() };
    await pairs.save(pair);
    const proof = await prove(pairing.derived.key, 'paired', pairing.appNonce, pairing.extensionNonce, pair.id);
    send({ t: 'pair-done', nonce: pairing.appNonce, pair: pair.id, proof });
    log(`bridge: paired with ${origin}`);
    setStatus({ state: 'idle', pairCode: null, pairRefused: null });
    return pair;
  }

  // ---- app side ----

  async function answerWelcome(frame: Extract<BridgeFrame, { t: 'welcome' }>) {
    if (frame.nonce !== myNonce || !helloPair || frame.pair !== helloPair.id) return log('bridge: welcome for another handshake dropped');
    const key = keyOf(helloPair);
    if (!key || !(await checkProof(key, 'welcome', myNonce, frame.peerNonce, helloPair.id, frame.proof))) {
      // Only the extension's content script posts into this window: its key differs from ours.
      log('bridge: welcome with a wrong proof of the pairing dropped');
      return forgetPairing('the extension holds another key for this pairing');
    }
    pending = { session: `${myNonce}.${frame.peerNonce}`, pair: helloPair, appNonce: myNonce, extensionNonce: frame.peerNonce };
    send({ t: 'auth', session: pending.session, proof: await prove(key, 'auth', myNonce, frame.peerNonce, helloPair.id) });
  }

  async function forgetPairing(reason: string) {
    const pair = current ?? helloPair;
    endSession();
    helloPair = null;
    if (pair) {
      await pairs.remove(pair.id);
      log(`bridge: ${reason}; the pairing is forgotten`);
    }
    setStatus({ state: 'unpaired', pairCode: null });
  }

  async function requestPairing() {
    const unavailable = pairingUnavailable();
    if (unavailable) {
      log(`bridge: cannot pair: ${unavailable}`);
      setStatus({ state: 'unpaired', pairRefused: 'unavailable' });
      return;
    }
    endSession();
    myNonce = ''; // answers to an earlier hello no longer count
    const keys = await createPairingKeys();
    appPairing = { nonce: newNonce(), keys, extensionNonce: null, derived: null };
    send({ t: 'pair-request', v: version, nonce: appPairing.nonce, role, key: keys.publicKey });
    setStatus({ state: 'pairing', pairCode: null, pairRefused: null });
  }

  async function receiveOffer(frame: Extract<BridgeFrame, { t: 'pair-offer' }>) {
    const pairing = appPairing;
    if (!pairing || frame.nonce !== pairing.nonce || pairing.derived) return log('bridge: pairing offer for another request dropped');
    pairing.extensionNonce = frame.peerNonce;
    pairing.derived = await derivePairing(pairing.keys, frame.key, {
      appNonce: pairing.nonce,
      extensionNonce: frame.peerNonce,
      appKey: pairing.keys.publicKey,
      extensionKey: frame.key,
    });
    setStatus({ state: 'pairing', pairCode: pairing.derived.code });
  }

  async function completePairing(frame: Extract<BridgeFrame, { t: 'pair-done' }>) {
    const pairing = appPairing;
    if (!pairing?.derived || !pairing.extensionNonce || frame.nonce !== pairing.nonce) return log('bridge: pairing confirmation for another request dropped');
    if (!(await checkProof(pairing.derived.key, 'paired', pairing.nonce, pairing.extensionNonce, frame.pair, frame.proof))) {
      return log('bridge: pairing confirmation with a wrong proof dropped');
    }
    appPairing = null;
    await pairs.save({ id: frame.pair, key: encodePairKey(pairing.derived.key), origin, pairedAt: Date.now() });
    log('bridge: paired with the extension');
    await sayHello();
  }

  function handle(frame: BridgeFrame) {
    switch (frame.t) {
      case 'hello':
      case 'pair-request':
        if (role !== 'extension') return;
        if (frame.v !== version) {
          send({ t: 'mismatch', v: version, peerVersion: frame.v, role });
          setStatus({ state: 'mismatch', peerVersion: frame.v });
          log(`bridge: protocol version mismatch (app ${frame.v}, extension ${version})`);
          return;
        }
        if (frame.t === 'hello') void serial(() => answerHello(frame));
        else void serial(() => offerPairing(frame));
        return;
      case 'auth':
        if (role === 'extension') void serial(() => checkAuth(frame));
        return;
      case 'welcome':
      case 'unpaired':
        if (role !== 'app') return;
        if (frame.nonce !== myNonce) return log(`bridge: ${frame.t} for another handshake dropped`);
        if (frame.v !== version) return setStatus({ state: 'mismatch', peerVersion: frame.v });
        if (frame.t === 'welcome') void serial(() => answerWelcome(frame));
        else void serial(() => forgetPairing('the extension does not know this pairing'));
        return;
      case 'ready':
        if (role !== 'app') return;
        void serial(async () => {
          if (!pending || frame.session !== pending.session) return log('bridge: ready for another handshake dropped');
          session = pending.session;
          current = pending.pair;
          pending = null;
          setStatus({ state: 'connected', peerVersion: null, pairRefused: null });
          dossiers.start();
        });
        return;
      case 'pair-offer':
        if (role === 'app') void serial(() => receiveOffer(frame));
        return;
      case 'pair-done':
        if (role === 'app') void serial(() => completePairing(frame));
        return;
      case 'pair-refused':
        if (role !== 'app') return;
        void serial(async () => {
          if (!appPairing || frame.nonce !== appPairing.nonce) return log('bridge: pairing refusal for another request dropped');
          appPairing = null;
          setStatus({ state: 'unpaired', pairCode: null, pairRefused: frame.reason });
        });
        return;
      case 'mismatch':
        // Someone else's answer (e.g. to another tab's hello): it says nothing about us.
        if (frame.v === version) return log('bridge: mismatch frame from a peer of our own version dropped');
        setStatus({ state: 'mismatch', peerVersion: frame.v });
        log(`bridge: the other side speaks protocol ${frame.v}, this side ${version}`);
        return;
      case 'unpair':
        void serial(async () => {
          if (!session || frame.session !== session) return log('bridge: unpair for another session dropped');
          await forgetPairing('the other side unpaired');
        });
        return;
      case 'dossiers':
      case 'sync':
        if (!session || frame.session !== session) return log(`bridge: ${frame.t === 'sync' ? 'sync' : 'dossier list'} for another session dropped`);
        dossiers.receive(frame);
        return;
      case 'bye':
        if (!session || frame.session !== session) return;
        endSession();
        setStatus({ state: 'idle' });
        return;
    }
  }

  return {
    get status() {
      return status;
    },
    /** App side: say hello (again, e.g. after the extension restarted or a pairing). */
    start(): Promise<void> {
      if (role !== 'app') return Promise.resolve();
      return serial(sayHello);
    },
    /** App side: ask the extension to pair (the user clicked "Koppelen"). */
    requestPairing(): Promise<void> {
      if (role !== 'app') return Promise.resolve();
      return serial(requestPairing);
    },
    /** Extension side: the user confirmed (or refused) the waiting pairing request in an extension page. */
    answerPairing(accept: boolean): Promise<StoredPair | null> {
      let result: StoredPair | null = null;
      return serial(async () => {
        result = await answerPairing(accept);
      }).then(() => result);
    },
    /** Either side: the user unpairs; the other side is told when connected, and forgets it too. */
    unpair(): Promise<void> {
      return serial(async () => {
        if (session) send({ t: 'unpair', session });
        await forgetPairing('unpaired by the user');
      });
    },
    /** The user decided about the held deletions. */
    resolveHeld: (remove: boolean) => dossiers.resolveHeld(remove),
    /** Handle any incoming message; anything not for the bridge is ignored, bad frames are logged. */
    receive(message: unknown) {
      const checked = checkEnvelope(message);
      if (checked === null) return;
      if (!checked.ok) return log(`bridge: dropped: ${checked.reason}`);
      if (checked.envelope.from === role) return;
      status = { ...status, lastSeen: Date.now() };
      handle(checked.envelope.frame);
    },
    /** Resolves when everything received so far has been handled. */
    idle: async () => {
      await queue;
      await dossiers.idle();
      await queue;
    },
    close() {
      if (session) send({ t: 'bye', session });
      endSession();
      dropExtensionPairing();
      appPairing = null;
      setStatus({ state: 'closed', pairCode: null });
    },
  };
}

export type BridgeSession = ReturnType<typeof createBridgeSession>;
