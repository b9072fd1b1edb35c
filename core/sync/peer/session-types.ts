// The shapes of a peer session seen from outside: its status, options and methods.
import type * as awarenessProtocol from 'y-protocols/awareness';
import { KnipselError } from '../../errors.js';
import type { BlobStore } from '../../storage/blob-store.js';
import type { LivenessOptions } from './presence-liveness.js';
import type { PeerPresence, Presence, PresenceView } from './presence.js';

/**
 * 'connecting': just started (or resumed), or a WebRTC handshake is under way.
 * 'connected': at least one peer is connected. 'alone': nobody is connected — edits are
 * kept and merge when peers meet again ("Niemand verbonden — wijzigingen worden later
 * gesynchroniseerd").
 */
export type PeerStatus = 'connecting' | 'connected' | 'alone';

export interface PeerStatusEvent {
  status: PeerStatus;
  /** Peers connected now (WebRTC, plus other tabs of this browser via BroadcastChannel). */
  peers: number;
  /** True while at least one signalling server is reachable. */
  signalling: boolean;
}

export interface ConnectPeersOptions {
  /** The invite secret; the room name and password derive from it. */
  secret: string;
  /** WebSocket URLs of y-webrtc signalling servers; default `defaultSignalingUrl()`. */
  signalingUrls?: string[];
  /** Our presence; only these three fields are ever broadcast. */
  awarenessState: Presence;
  /** RTCConfiguration.iceServers; omitted = simple-peer's defaults (public STUN servers). */
  iceServers?: RTCIceServer[];
  /** Rejected messages and other notable events (never message content). */
  log?: (line: string) => void;
  /** How long a fresh session says 'connecting' before 'alone'. Default 4 s. */
  graceMs?: number;
  /**
   * A WebRTC handshake not done after this long is given up (the other side left halfway,
   * e.g. a laptop closed during the handshake); neither y-webrtc nor simple-peer time out,
   * and the session would say 'connecting' for good. Default 20 s.
   */
  handshakeTimeoutMs?: number;
  /**
   * The dossier's id: the session also joins the dossier's lobby and hears when members are
   * in another room (an old or wrong link; see lobby.ts).
   */
  dossierId?: string;
  /** How often presence is renewed and how soon a silent peer is dropped (presence-liveness.ts). */
  liveness?: LivenessOptions;
  /**
   * The body store's blobs: bodies the dossier's clips name are served to peers from here,
   * and bodies fetched from peers are kept here (body-exchange.ts). None: bodies do not travel.
   */
  bodies?: BlobStore;
}

export interface PeerSession {
  readonly status: PeerStatus;
  readonly peers: number;
  /** The derived room name (the signalling topic). */
  readonly roomName: string;
  /** The awareness instance (of the mirror doc); prefer `presence()` and `setView()`. */
  readonly awareness: awarenessProtocol.Awareness;
  /** Members of this dossier were heard in another room: this link is not the one the group uses now. */
  readonly otherRoom: boolean;
  onOtherRoom(listener: () => void): () => void;
  /** Other peers' presence, only states that match the schema. */
  presence(): PeerPresence[];
  /** Tell peers what we are looking at. */
  setView(view: PresenceView): void;
  /** Change our name or colour. */
  setPresence(patch: Partial<Pick<Presence, 'name' | 'colour'>>): void;
  onStatus(listener: (event: PeerStatusEvent) => void): () => void;
  onPresence(listener: (peers: PeerPresence[]) => void): () => void;
  /** Say goodbye: our presence is cleared for the others now (the page is going away). */
  leave(): void;
  /** Leave the room but keep the session (status 'alone'); `reconnect()` joins again. */
  disconnect(): void;
  reconnect(): void;
  /**
   * Ask the connected peers for bodies (at most 200 hashes a request); resolves with the
   * hashes that arrived true to their hash and were stored. Without `bodies`: none.
   */
  fetchBodies(hashes: string[]): Promise<string[]>;
  /** Counts of what was checked, for diagnostics and tests. */
  stats(): { appliedUpdates: number; rejectedUpdates: number; droppedMessages: number };
  /** Leave the room and release everything; resolves when y-webrtc has closed the room. */
  destroy(): Promise<void>;
}

/** `ws(s)://<host>/signal` of the page's own origin (the Knipsel server's endpoint). */
export function defaultSignalingUrl(location: { protocol: string; host: string } | undefined = globalThis.location): string {
  if (!location?.host) throw new KnipselError('invalid-input', 'No signalling URL given and no page origin to derive one from.');
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/signal`;
}
