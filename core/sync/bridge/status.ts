// The shapes of a bridge session seen from outside: its status and its options.
import type { Library } from '../../library/library.js';
import type { BlobStore } from '../../storage/blob-store.js';
import type { HeldDeletion } from './dossiers.js';
import type { PairStoreLike } from './pairing.js';
import type { BridgeRole, Envelope } from './protocol.js';

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
  /** Files kept with clips (a page's images): asked for by the app, answered from here. */
  files?: BlobStore;
}
