// A shared dossier's peer-to-peer session: y-webrtc in a room derived from the invite
// secret, with every message from a peer checked before use, and presence (name, colour,
// what one looks at) through the awareness protocol.
//
// How peer messages are checked — two layers, because y-webrtc applies what it receives
// directly to the doc and awareness it is given:
//  1. y-webrtc gets a *mirror* Y.Doc, never the real one (mirror-bridge.ts). Updates cross
//     from the mirror to the real doc only when well-formed and shaped like a dossier
//     (update-shape.ts, which locates every item exactly in the mirror). Well-formedness
//     is checked once, on the peer's raw bytes in layer 2, when layer 2 is in place. This holds
//     whatever y-webrtc does inside; it costs a second in-memory copy of the CRDT state.
//  2. A gate in front of y-webrtc's two inputs (each WebRTC connection's 'data' event and
//     the room's BroadcastChannel subscriber) drops malformed messages *whole* before
//     y-webrtc reads them (peer-messages.ts): truncated/garbage updates, bad state
//     vectors, awareness states outside the presence schema, peer-id frames from WebRTC.
//     Without it, a message whose structs decode but whose delete set is garbage would
//     half-apply to the mirror (Yjs integrates structs before reading deletes), throw in
//     y-webrtc's handler, and be relayed by the mirror to other peers.
// The gate (webrtc-gate.ts) also splits/joins messages above 64 KiB (frames/chunking.ts): Chromium refuses larger
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
import type * as Y from 'yjs';
import { KnipselError } from '../../errors.js';
import { deriveRoom } from './invite.js';
import { createMirrorBridge } from './mirror-bridge.js';
import { createBodyExchange } from './body-exchange.js';
import { createPeerStatus } from './peer-status.js';
import { joinLobby, lobbyTopic, roomFingerprint } from './lobby.js';
import { keepPresenceLive } from './presence-liveness.js';
import { parsePresence, readPeerPresence, type Presence } from './presence.js';
import { defaultSignalingUrl, type ConnectPeersOptions, type PeerSession } from './session-types.js';
import { createConnectionGate, guardBroadcastChannel, type Drop, type RoomLike, type SignalingConnLike } from './webrtc-gate.js';

export { defaultSignalingUrl, type ConnectPeersOptions, type PeerSession, type PeerStatus, type PeerStatusEvent } from './session-types.js';

/** Open a dossier's peer session. Rejects when the secret is invalid or the room is already open in this page. */
export async function connectPeers(doc: Y.Doc, options: ConnectPeersOptions): Promise<PeerSession> {
  const log = options.log ?? ((line: string) => console.warn(`[knipsel/peer] ${line}`));
  const presence = parsePresence(options.awarenessState);
  const signalingUrls = options.signalingUrls ?? [defaultSignalingUrl()];
  const { roomName, password } = await deriveRoom(options.secret);

  let dropped = 0;
  const drop: Drop = (channel, reason) => {
    dropped++;
    log(`dropped a message from a peer (${channel}): ${reason}`);
  };
  const bridge = createMirrorBridge(doc, { onReject: (reason) => log(`rejected an update from a peer: ${reason}`) });
  const mirror = bridge.mirror;
  const awareness = new awarenessProtocol.Awareness(mirror);
  awareness.setLocalState({ ...presence });

  // Whether the mirror's latest update came from a peer (y-webrtc applies peer messages
  // with its room as origin). Registered before y-webrtc's own listener, so it is current
  // when y-webrtc broadcasts that update (see the echo check in webrtc-gate.ts).
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
    // Tabs of this browser sync over BroadcastChannel (gated) instead of WebRTC.
    filterBcConns: true,
    peerOpts: options.iceServers ? { config: { iceServers: options.iceServers } } : {},
  });
  started = provider;

  const room = () => provider.room as unknown as RoomLike | null;
  const signalingConns = () => provider.signalingConns as SignalingConnLike[];
  const status = createPeerStatus({ room, signalingConns, log, graceMs: options.graceMs ?? 4000, handshakeTimeoutMs: options.handshakeTimeoutMs ?? 20_000 });
  const later = status.later;
  let destroyed = false;

  // Bodies travel on the same connections, asked for after the doc (body-exchange.ts).
  const bodies = options.bodies
    ? createBodyExchange({
        doc,
        blobs: options.bodies,
        log,
        peers: () => [...(room()?.webrtcConns.values() ?? [])].filter((conn) => conn.connected && !conn.closed).map((conn) => (message: Uint8Array) => conn.peer.send(message)),
      })
    : null;
  const onBodies = bodies ? (message: Uint8Array, reply: (answer: Uint8Array) => void) => void bodies.receive(message, reply) : undefined;
  const guardConnection = createConnectionGate({
    awareness,
    drop,
    log,
    updateFromPeer: () => updateFromPeer,
    onConnectionChange: later,
    onBodies,
    checkedWellFormed: (read) => bridge.checkedWellFormed(read),
  });
  const guardAll = () => room()?.webrtcConns.forEach(guardConnection);
  const onPeers = () => {
    guardAll();
    later();
  };
  provider.on('peers', onPeers);
  provider.on('synced', later);

  const onSignalingChange = () => later();
  const watchSignaling = () =>
    signalingConns().forEach((conn) => {
      conn.on('connect', onSignalingChange);
      conn.on('disconnect', onSignalingChange);
    });
  const unwatchSignaling = () =>
    signalingConns().forEach((conn) => {
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
    status.recompute();
  }, 1000);
  status.recompute();

  const readPresence = () => readPeerPresence(awareness);
  // The dossier's lobby: hears members of this dossier who are in another room (lobby.ts).
  let otherRoom = false;
  const otherRoomListeners = new Set<() => void>();
  const leaveLobby = options.dossierId
    ? joinLobby({
        conns: signalingConns,
        topic: await lobbyTopic(options.dossierId),
        fingerprint: await roomFingerprint(roomName),
        onOtherRoom: () => {
          if (otherRoom) return;
          otherRoom = true;
          otherRoomListeners.forEach((listener) => listener());
        },
      })
    : () => undefined;
  const liveness = keepPresenceLive(awareness, options.liveness);
  const updatePresence = (patch: Partial<Presence>) => awareness.setLocalState(parsePresence({ ...(awareness.getLocalState() as Presence), ...patch }));

  return {
    get status() {
      return status.current.status;
    },
    get peers() {
      return status.current.peers;
    },
    roomName,
    awareness,
    get otherRoom() {
      return otherRoom;
    },
    onOtherRoom(listener) {
      otherRoomListeners.add(listener);
      return () => otherRoomListeners.delete(listener);
    },
    presence: readPresence,
    setView: (view) => updatePresence({ view }),
    setPresence: (patch) => updatePresence(patch),
    onStatus: (listener) => status.onChange(listener),
    onPresence(listener) {
      const handler = () => listener(readPresence());
      awareness.on('change', handler);
      return () => awareness.off('change', handler);
    },
    leave() {
      liveness.leave();
    },
    disconnect() {
      if (destroyed || status.paused) return;
      status.pause();
      unwatchSignaling();
      const local = awareness.getLocalState();
      provider.disconnect();
      // y-webrtc clears our presence on disconnect; keep it for when we come back. Whoever
      // was here is no longer known to be.
      if (local) awareness.setLocalState(local);
      liveness.forgetOthers();
      status.recompute();
    },
    reconnect() {
      if (destroyed || !status.paused) return;
      status.resume();
      provider.connect();
      watchSignaling();
      status.recompute();
    },
    fetchBodies: (hashes) => (bodies && !destroyed ? bodies.fetch(hashes) : Promise.resolve([])),
    stats() {
      const { applied, rejected } = bridge.stats();
      return { appliedUpdates: applied, rejectedUpdates: rejected, droppedMessages: dropped };
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      bodies?.destroy();
      status.destroy();
      liveness.stop();
      leaveLobby();
      otherRoomListeners.clear();
      clearInterval(timer);
      unwatchSignaling();
      provider.off('peers', onPeers);
      provider.off('synced', later);
      if (!status.paused) provider.disconnect();
      provider.destroy();
      await provider.key;
      await Promise.resolve();
      awareness.destroy();
      mirror.off('update', noteUpdateOrigin);
      bridge.destroy();
    },
  };
}
