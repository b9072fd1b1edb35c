// A peer session's status: connected peers (WebRTC and other tabs), whether signalling is
// reachable, and 'connecting' only while a handshake is under way or the session is fresh.
// A WebRTC handshake not done after `handshakeTimeoutMs` is given up (the other side left
// halfway); neither y-webrtc nor simple-peer time out, and the status would stay
// 'connecting' for good.
import type { PeerStatus, PeerStatusEvent } from './session-types.js';
import type { ConnLike, RoomLike, SignalingConnLike } from './webrtc-gate.js';

export interface PeerStatusOptions {
  room: () => RoomLike | null;
  signalingConns: () => SignalingConnLike[];
  log: (line: string) => void;
  graceMs: number;
  handshakeTimeoutMs: number;
}

export function createPeerStatus(options: PeerStatusOptions) {
  const { log, graceMs, handshakeTimeoutMs } = options;
  const listeners = new Set<(event: PeerStatusEvent) => void>();
  let current: PeerStatusEvent = { status: 'connecting', peers: 0, signalling: false };
  let startedAt = Date.now();
  let paused = false;
  let destroyed = false;
  /** When each connection was first seen still handshaking. */
  const handshakeSince = new WeakMap<ConnLike, number>();
  const givenUp = new WeakSet<ConnLike>();

  function giveUp(conn: ConnLike) {
    if (givenUp.has(conn)) return;
    givenUp.add(conn);
    log('gave up a WebRTC handshake that did not finish');
    try {
      conn.destroy?.();
    } catch {
      // already torn down
    }
  }

  function recompute() {
    if (destroyed) return;
    const r = options.room();
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
    // y-webrtc forgets a connection on its close, so the peer's next announce starts afresh.
    stale.forEach(giveUp);
    peers += r?.bcConns.size ?? 0;
    const signalling = !paused && options.signalingConns().some((conn) => conn.connected);
    const status: PeerStatus = peers > 0 ? 'connected' : !paused && (handshakes > 0 || Date.now() - startedAt < graceMs) ? 'connecting' : 'alone';
    if (status === current.status && peers === current.peers && signalling === current.signalling) return;
    current = { status, peers, signalling };
    for (const listener of listeners) listener(current);
  }

  return {
    get current() {
      return current;
    },
    get paused() {
      return paused;
    },
    recompute,
    /** Recompute after the current task's changes (y-webrtc updates its maps synchronously). */
    later: () => queueMicrotask(recompute),
    onChange(listener: (event: PeerStatusEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      startedAt = Date.now();
    },
    destroy() {
      destroyed = true;
      listeners.clear();
    },
  };
}
