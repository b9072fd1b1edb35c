// A shared dossier's peer-to-peer session: y-webrtc in a room derived from the invite
// secret, with every message from a peer checked before use, and presence (name, colour,
// what one looks at) through the awareness protocol.
//
// How peer messages are checked — two layers, because y-webrtc applies what it receives
// directly to the doc and awareness it is given:
//  1. y-webrtc gets a *mirror* Y.Doc, never the real one (mirror-bridge.ts). Updates cross
//     from the mirror to the real doc only when well-formed and shaped like a dossier
//     (update-shape.ts, which locates every item exactly in the mirror). This holds
//     whatever y-webrtc does inside; it costs a second in-memory copy of the CRDT state.
//  2. A gate in front of y-webrtc's two inputs (each WebRTC connection's 'data' event and
//     the room's BroadcastChannel subscriber) drops malformed messages *whole* before
//     y-webrtc reads them (peer-messages.ts): truncated/garbage updates, bad state
//     vectors, awareness states outside the presence schema, peer-id frames from WebRTC.
//     Without it, a message whose structs decode but whose delete set is garbage would
//     half-apply to the mirror (Yjs integrates structs before reading deletes), throw in
//     y-webrtc's handler, and be relayed by the mirror to other peers.
// The gate also splits/joins messages above 64 KiB (chunking.ts): Chromium refuses larger
// data-channel messages and y-webrtc swallows the error, so large dossiers never synced.
// Layer 2 patches instance methods of y-webrtc internals (pinned at 10.3.0); when they are
// not where expected it logs loudly and layer 1 still protects the real doc.
//
// Wrong secret: y-webrtc derives an AES-GCM key from the password (PBKDF2, salt = room
// name) and encrypts every signalling message (announce, SDP offers/answers, ICE
// candidates) and BroadcastChannel message with it. A peer with another password cannot
// decrypt an announce or an offer, so no WebRTC connection ever forms and no sync message
// is ever sent to it. The data channel itself is not encrypted by y-webrtc (WebRTC's DTLS
// protects it in transit); it only exists between peers that share the key.
import { WebrtcProvider } from 'y-webrtc';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as bc from 'lib0/broadcastchannel';
import * as decoding from 'lib0/decoding';
import type * as Y from 'yjs';
import { KnipselError } from '../../errors.js';
import { isChunkFrame, createChunkJoiner, createChunkSender } from '../frames/chunking.js';
import { createInflateJoiner, isDeflateFrame } from '../frames/deflate-frames.js';
import { deriveRoom } from './invite.js';
import { createOrderedDelivery } from '../frames/ordered-delivery.js';
import { createMirrorBridge } from './mirror-bridge.js';
import { checkPeerMessage, isUpdateMessage, messageSync, type PeerChannel } from './peer-messages.js';
import { checkPresence, parsePresence, type PeerPresence, type Presence, type PresenceView } from './presence.js';

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
}

export interface PeerSession {
  readonly status: PeerStatus;
  readonly peers: number;
  /** The derived room name (the signalling topic). */
  readonly roomName: string;
  /** The awareness instance (of the mirror doc); prefer `presence()` and `setView()`. */
  readonly awareness: awarenessProtocol.Awareness;
  /** Other peers' presence, only states that match the schema. */
  presence(): PeerPresence[];
  /** Tell peers what we are looking at. */
  setView(view: PresenceView): void;
  /** Change our name or colour. */
  setPresence(patch: Partial<Pick<Presence, 'name' | 'colour'>>): void;
  onStatus(listener: (event: PeerStatusEvent) => void): () => void;
  onPresence(listener: (peers: PeerPresence[]) => void): () => void;
  /** Leave the room but keep the session (status 'alone'); `reconnect()` joins again. */
  disconnect(): void;
  reconnect(): void;
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

// The parts of y-webrtc's internals the gate needs (src/y-webrtc.js, 10.3.0).
interface SimplePeerLike {
  emit(event: string, ...args: unknown[]): boolean;
  send(data: Uint8Array): void;
  bufferSize?: number;
}
interface ConnLike {
  peer: SimplePeerLike;
  connected: boolean;
  closed: boolean;
  destroy?(): void;
}
interface RoomLike {
  name: string;
  key: CryptoKey | null;
  webrtcConns: Map<string, ConnLike>;
  bcConns: Set<string>;
  bcconnected: boolean;
  _bcSubscriber: (data: ArrayBuffer | Uint8Array, origin?: unknown) => unknown;
}
interface SignalingConnLike {
  connected: boolean;
  on(event: string, f: () => void): void;
  off(event: string, f: () => void): void;
}

/** Open a dossier's peer session. Rejects when the secret is invalid or the room is already open in this page. */
export async function connectPeers(doc: Y.Doc, options: ConnectPeersOptions): Promise<PeerSession> {
  const log = options.log ?? ((line: string) => console.warn(`[knipsel/peer] ${line}`));
  const graceMs = options.graceMs ?? 4000;
  const handshakeTimeoutMs = options.handshakeTimeoutMs ?? 20_000;
  const presence = parsePresence(options.awarenessState);
  const signalingUrls = options.signalingUrls ?? [defaultSignalingUrl()];
  const { roomName, password } = await deriveRoom(options.secret);

  let dropped = 0;
  const drop = (channel: PeerChannel, reason: string) => {
    dropped++;
    log(`dropped a message from a peer (${channel}): ${reason}`);
  };
  const bridge = createMirrorBridge(doc, { onReject: (reason) => log(`rejected an update from a peer: ${reason}`) });
  const mirror = bridge.mirror;
  const awareness = new awarenessProtocol.Awareness(mirror);
  awareness.setLocalState({ ...presence });

  // Whether the mirror's latest update came from a peer (y-webrtc applies peer messages
  // with its room as origin). Registered before y-webrtc's own listener, so it is current
  // when y-webrtc broadcasts that update (see the echo check in guardConnection).
  let updateFromPeer = false;
  let started: WebrtcProvider | null = null;
  const noteUpdateOrigin = (_update: Uint8Array, origin: unknown) => {
    updateFromPeer = origin != null && origin === started?.room;
  };
  mirror.on('update', noteUpdateOrigin);

  const provider = new WebrtcProvider(roomName, mirror, {
    signaling: signalingUrls,
    password,
    awareness,
    // Tabs of this browser sync over BroadcastChannel (gated below) instead of WebRTC.
    filterBcConns: true,
    peerOpts: options.iceServers ? { config: { iceServers: options.iceServers } } : {},
  });
  started = provider;

  // ---- status ----
  const statusListeners = new Set<(event: PeerStatusEvent) => void>();
  let current: PeerStatusEvent = { status: 'connecting', peers: 0, signalling: false };
  let startedAt = Date.now();
  let paused = false;
  let destroyed = false;
  const room = () => provider.room as unknown as RoomLike | null;
  const signalingConns = () => provider.signalingConns as SignalingConnLike[];

  /** When each connection was first seen still handshaking. */
  const handshakeSince = new WeakMap<ConnLike, number>();
  const givenUp = new WeakSet<ConnLike>();
  const recompute = () => {
    if (destroyed) return;
    const r = room();
    let peers = 0;
    let handshakes = 0;
    const now = Date.now();
    const stale: ConnLike[] = [];
    r?.webrtcConns.forEach((conn) => {
      if (conn.connected) peers++;
      else if (!conn.closed) {
        const since = handshakeSince.get(conn) ?? now;
        handshakeSince.set(conn, since);
        if (now - since < handshakeTimeoutMs) handshakes++;
        else stale.push(conn);
      }
    });
    // Give up stale handshakes: y-webrtc forgets the connection on its close, so the peer's
    // next announce starts a fresh one.
    for (const conn of stale) {
      if (givenUp.has(conn)) continue;
      givenUp.add(conn);
      log('gave up a WebRTC handshake that did not finish');
      try {
        conn.destroy?.();
      } catch {
        // already torn down
      }
    }
    peers += r?.bcConns.size ?? 0;
    const signalling = !paused && signalingConns().some((conn) => conn.connected);
    const status: PeerStatus =
      peers > 0 ? 'connected' : !paused && (handshakes > 0 || Date.now() - startedAt < graceMs) ? 'connecting' : 'alone';
    if (status === current.status && peers === current.peers && signalling === current.signalling) return;
    current = { status, peers, signalling };
    for (const listener of statusListeners) listener(current);
  };
  const later = () => queueMicrotask(recompute);

  // ---- gate on WebRTC connections ----
  const ownClock = () => awareness.meta.get(awareness.clientID)?.clock ?? 0;
  const guarded = new WeakSet<object>();
  const guardConnection = (conn: ConnLike) => {
    const peer = conn.peer;
    if (!peer || guarded.has(peer)) return;
    if (typeof peer.emit !== 'function' || typeof peer.send !== 'function') {
      log('cannot guard a WebRTC connection (y-webrtc internals changed); relying on the mirror check');
      return;
    }
    guarded.add(peer);
    const emit = peer.emit.bind(peer);
    const joiner = createChunkJoiner();
    const inflater = createInflateJoiner();
    const sender = createChunkSender(peer.send.bind(peer), () => peer.bufferSize ?? 0);
    // While y-webrtc handles a sync message from this peer, the update it applies comes back
    // out as a broadcast to every connection — this one too. Sending a peer its own update
    // back doubled every first sync (22 MB back and forth for 1,000 clips); drop that echo
    // (only that: an update of our own made meanwhile still goes out).
    let handlingSyncFromPeer = false;
    peer.send = (data: Uint8Array) => {
      const message = data instanceof Uint8Array ? data : new Uint8Array(data);
      if (handlingSyncFromPeer && updateFromPeer && isUpdateMessage(message)) return;
      sender.send(message);
    };
    const deliver = (message: Uint8Array) => {
      const check = checkPeerMessage(message, { channel: 'webrtc', ownClientId: awareness.clientID, ownClock: ownClock() });
      if (!check.ok) {
        drop('webrtc', check.reason);
        return;
      }
      handlingSyncFromPeer = message[0] === messageSync;
      try {
        emit('data', message);
      } catch (error) {
        log(`y-webrtc failed on a checked message: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        handlingSyncFromPeer = false;
      }
    };
    // Messages reach y-webrtc in the order they came, also while a compressed one inflates.
    const inbound = createOrderedDelivery(deliver, (reason) => drop('webrtc', reason));
    peer.emit = (event: string, ...args: unknown[]) => {
      if (event === 'connect' || event === 'close') {
        if (event === 'close') sender.close();
        const result = emit(event, ...args);
        later();
        return result;
      }
      if (event !== 'data') return emit(event, ...args);
      const message = args[0];
      if (!(message instanceof Uint8Array)) {
        drop('webrtc', 'not binary');
        return false;
      }
      if (isChunkFrame(message)) {
        const joined = joiner.push(message);
        if ('rejected' in joined) drop('webrtc', joined.rejected);
        else if ('done' in joined) inbound.push(joined.done);
        return false;
      }
      if (isDeflateFrame(message)) {
        const joined = inflater.push(message);
        if ('rejected' in joined) drop('webrtc', joined.rejected);
        else if ('done' in joined) inbound.push(joined.done);
        return false;
      }
      inbound.push(message);
      return true;
    };
  };
  const guardAll = () => room()?.webrtcConns.forEach(guardConnection);
  const onPeers = () => {
    guardAll();
    later();
  };
  provider.on('peers', onPeers);
  provider.on('synced', later);

  // ---- gate on the BroadcastChannel (other tabs of this browser) ----
  const onSignalingChange = () => later();
  const watchSignaling = () => signalingConns().forEach((conn) => {
    conn.on('connect', onSignalingChange);
    conn.on('disconnect', onSignalingChange);
  });
  const unwatchSignaling = () => signalingConns().forEach((conn) => {
    conn.off('connect', onSignalingChange);
    conn.off('disconnect', onSignalingChange);
  });
  watchSignaling();

  await provider.key;
  const r = room();
  if (!r) {
    provider.disconnect();
    bridge.destroy();
    awareness.destroy();
    throw new KnipselError('conflict', 'This shared dossier is already connected in this page.', { reason: 'room-open' });
  }
  guardBroadcastChannel(r, awareness, drop, log);
  guardAll();

  const timer = setInterval(() => {
    guardAll();
    recompute();
  }, 1000);
  recompute();

  const readPresence = (): PeerPresence[] => {
    const peers: PeerPresence[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue;
      const checked = checkPresence(state);
      if (checked) peers.push({ clientId, ...checked });
    }
    return peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
  };

  return {
    get status() {
      return current.status;
    },
    get peers() {
      return current.peers;
    },
    roomName,
    awareness,
    presence: readPresence,
    setView(view) {
      const local = parsePresence({ ...(awareness.getLocalState() as Presence), view });
      awareness.setLocalState(local);
    },
    setPresence(patch) {
      const local = parsePresence({ ...(awareness.getLocalState() as Presence), ...patch });
      awareness.setLocalState(local);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onPresence(listener) {
      const handler = () => listener(readPresence());
      awareness.on('change', handler);
      return () => awareness.off('change', handler);
    },
    disconnect() {
      if (destroyed || paused) return;
      paused = true;
      unwatchSignaling();
      const local = awareness.getLocalState();
      provider.disconnect();
      // y-webrtc clears our presence on disconnect; keep it for when we come back.
      if (local) awareness.setLocalState(local);
      recompute();
    },
    reconnect() {
      if (destroyed || !paused) return;
      paused = false;
      startedAt = Date.now();
      provider.connect();
      watchSignaling();
      recompute();
    },
    stats() {
      const { applied, rejected } = bridge.stats();
      return { appliedUpdates: applied, rejectedUpdates: rejected, droppedMessages: dropped };
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      clearInterval(timer);
      unwatchSignaling();
      provider.off('peers', onPeers);
      provider.off('synced', later);
      statusListeners.clear();
      if (!paused) provider.disconnect();
      provider.destroy();
      await provider.key;
      await Promise.resolve();
      awareness.destroy();
      mirror.off('update', noteUpdateOrigin);
      bridge.destroy();
    },
  };
}

/**
 * Replace the room's BroadcastChannel subscriber by one that decrypts and checks each
 * message from another tab before handing it to y-webrtc's own (which decrypts again).
 * Messages this tab published itself come with another origin and pass unchecked.
 */
function guardBroadcastChannel(
  room: RoomLike,
  awareness: awarenessProtocol.Awareness,
  drop: (channel: PeerChannel, reason: string) => void,
  log: (line: string) => void,
): void {
  const original = room._bcSubscriber;
  if (typeof original !== 'function' || !room.key) {
    log('cannot guard the BroadcastChannel (y-webrtc internals changed); relying on the mirror check');
    return;
  }
  const key = room.key;
  const checked = (data: ArrayBuffer | Uint8Array, origin?: unknown) => {
    if (origin !== 'broadcastchannel') return original(data, origin);
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    return decryptMessage(bytes, key).then(
      (message) => {
        const ownClock = awareness.meta.get(awareness.clientID)?.clock ?? 0;
        const check = checkPeerMessage(message, { channel: 'broadcastchannel', ownClientId: awareness.clientID, ownClock });
        if (check.ok) return original(data, origin);
        drop('broadcastchannel', check.reason);
      },
      () => drop('broadcastchannel', 'cannot decrypt'),
    );
  };
  if (room.bcconnected && !bc.unsubscribe(room.name, original)) {
    log('cannot guard the BroadcastChannel (subscriber not found); relying on the mirror check');
    return;
  }
  room._bcSubscriber = checked;
  if (room.bcconnected) bc.subscribe(room.name, checked);
}

/** y-webrtc's AES-GCM framing (src/crypto.js): varString 'AES-GCM', varBytes iv, varBytes cipher. */
async function decryptMessage(data: Uint8Array, key: CryptoKey): Promise<Uint8Array> {
  const decoder = decoding.createDecoder(data);
  if (decoding.readVarString(decoder) !== 'AES-GCM') throw new Error('unknown algorithm');
  const iv = decoding.readVarUint8Array(decoder);
  const cipher = decoding.readVarUint8Array(decoder);
  const plain = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as BufferSource }, key, cipher as BufferSource);
  return new Uint8Array(plain);
}
