// What both sides of a bridge session share: the handshake state, the dossier sync, the
// status, one serial queue for all work, and the proofs over (version, origin, both nonces,
// pair id). `app-side.ts` and `extension-side.ts` hold each role's steps; `session.ts`
// dispatches frames to them.
import { createId } from '../../ids.js';
import { createBridgeDossiers } from './dossiers.js';
import { createBridgeFiles } from './files.js';
import { createProof, decodePairKey, verifyProof, type ProofLabel, type StoredPair } from './pairing.js';
import { bridgeProtocolVersion, envelope, type BridgeFrameInput } from './protocol.js';
import type { BridgeSessionOptions, BridgeStatus } from './status.js';

export interface HandshakeState {
  /** This side's nonce of the current handshake or pairing request. */
  myNonce: string;
  /** The established session (both nonces), or null. */
  session: string | null;
  /** App: the pairing the last hello named. Extension: unused. */
  helloPair: StoredPair | null;
  /** Between welcome and ready: the session being proved, with its pairing. */
  pending: { session: string; pair: StoredPair; appNonce: string; extensionNonce: string } | null;
  /** The pairing of the established session. */
  current: StoredPair | null;
  status: BridgeStatus;
  queue: Promise<void>;
}

export type BridgeContext = ReturnType<typeof createBridgeContext>;

export function createBridgeContext(options: BridgeSessionOptions) {
  const { role, pairs, origin } = options;
  const version = options.version ?? bridgeProtocolVersion;
  const log = options.log ?? (() => undefined);
  const state: HandshakeState = {
    myNonce: '',
    session: null,
    helloPair: null,
    pending: null,
    current: null,
    status: { state: 'idle', peerVersion: null, dossiers: 0, lastSeen: null, pairCode: null, pairRefused: null, pairId: null, held: [] },
    queue: Promise.resolve(),
  };

  const send = (frame: BridgeFrameInput) => options.send(envelope(role, frame));
  const dossiers = createBridgeDossiers({
    role,
    library: options.library,
    log,
    send,
    session: () => state.session ?? '',
    chunkBytes: options.chunkBytes,
    onChange: () => setStatus({}),
    onAlias: options.onAlias,
  });
  const files = createBridgeFiles({ files: options.files, send, session: () => state.session, log });
  const setStatus = (patch: Partial<BridgeStatus>) => {
    state.status = { ...state.status, ...patch, dossiers: dossiers.count, held: dossiers.held, pairId: state.current?.id ?? null };
    options.onStatus?.(state.status);
  };
  const serial = (work: () => Promise<void>) => {
    state.queue = state.queue.then(work).catch((error: unknown) => log(`bridge: ${error instanceof Error ? error.message : String(error)}`));
    return state.queue;
  };
  const proofParts = (appNonce: string, extensionNonce: string, pairId: string) => [String(version), origin, appNonce, extensionNonce, pairId];

  function endSession() {
    dossiers.stop();
    files.stop();
    state.session = null;
    state.pending = null;
    state.current = null;
  }

  return {
    role,
    version,
    origin,
    pairs,
    log,
    state,
    dossiers,
    files,
    send,
    setStatus,
    serial,
    endSession,
    newNonce: () => createId(24),
    keyOf(pair: StoredPair | null): Uint8Array | null {
      if (!pair || pair.origin !== origin) return null;
      return decodePairKey(pair.key);
    },
    prove: (key: Uint8Array, label: ProofLabel, appNonce: string, extensionNonce: string, pairId: string) => createProof(key, label, proofParts(appNonce, extensionNonce, pairId)),
    checkProof: (key: Uint8Array, label: ProofLabel, appNonce: string, extensionNonce: string, pairId: string, proof: string) =>
      verifyProof(key, label, proofParts(appNonce, extensionNonce, pairId), proof),
    /** The session is established: dossiers start to flow. */
    establish(session: string, pair: StoredPair) {
      state.session = session;
      state.current = pair;
      setStatus({ state: 'connected', peerVersion: null, pairRefused: null });
      dossiers.start();
    },
    /** Drop the pairing in use (or the one the last hello named) on both this side and in the store. */
    async forgetPairing(reason: string) {
      const pair = state.current ?? state.helloPair;
      endSession();
      state.helloPair = null;
      if (pair) {
        await pairs.remove(pair.id);
        log(`bridge: ${reason}; the pairing is forgotten`);
      }
      setStatus({ state: 'unpaired', pairCode: null });
    },
  };
}
