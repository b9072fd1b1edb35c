// Recognising an old or wrong invite link. A new invite secret is a new room, so whoever
// opens an older link waits in an empty room for good. Every session of a dossier therefore
// also joins the dossier's *lobby* on the signalling server — a topic derived from the
// dossier id alone — and says which room it is in by a fingerprint (a one-way hash of the
// room name: it opens nothing). A session that hears members of its dossier in another room
// learns that its link is not the one the group uses now. The lobby reveals no more than
// the dossier id in the link: that members are online and a fingerprint.
// Limits: the signalling server takes 32 topics per connection, so a device with more than
// 16 shared dossiers may have lobbies left out (those links are then not recognised as old).
import type { SignalingConnLike } from './webrtc-gate.js';

const encoder = new TextEncoder();

async function hex(text: string, chars: number): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  return [...digest]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, chars);
}

/** The lobby topic of a dossier (signalling topic). */
export async function lobbyTopic(dossierId: string): Promise<string> {
  return `knipsel-lobby-${await hex(`knipsel/peer/lobby/v1\n${dossierId}`, 32)}`;
}

/** Which room a session is in, as the lobby hears it. */
export function roomFingerprint(roomName: string): Promise<string> {
  return hex(`knipsel/peer/room-fingerprint/v1\n${roomName}`, 16);
}

interface LobbyConn {
  connected: boolean;
  send(message: unknown): void;
  on(event: 'connect' | 'message', listener: (message: unknown) => void): void;
  off(event: 'connect' | 'message', listener: (message: unknown) => void): void;
}

type LobbyMessage = { type: 'publish'; topic: string; lobby: 'here' | 'reply'; fp: string };

function isLobbyMessage(message: unknown, topic: string): message is LobbyMessage {
  const m = message as Partial<LobbyMessage> | null;
  return !!m && m.type === 'publish' && m.topic === topic && (m.lobby === 'here' || m.lobby === 'reply') && typeof m.fp === 'string' && /^[0-9a-f]{16}$/.test(m.fp);
}

export interface LobbyOptions {
  conns: () => SignalingConnLike[];
  topic: string;
  fingerprint: string;
  /** Someone of this dossier is in another room (their fingerprint). */
  onOtherRoom: (fingerprint: string) => void;
}

/** Join the lobby on every signalling connection (now and on each reconnect); returns leave. */
export function joinLobby(options: LobbyOptions): () => void {
  const { topic, fingerprint } = options;
  const watched = new Map<LobbyConn, { onConnect: () => void; onMessage: (m: unknown) => void }>();
  const announce = (conn: LobbyConn) => {
    if (!conn.connected) return;
    conn.send({ type: 'subscribe', topics: [topic] });
    conn.send({ type: 'publish', topic, lobby: 'here', fp: fingerprint });
  };
  const watch = () => {
    for (const raw of options.conns()) {
      const conn = raw as unknown as LobbyConn;
      if (watched.has(conn) || typeof conn.send !== 'function') continue;
      const onConnect = () => announce(conn);
      const onMessage = (message: unknown) => {
        if (!isLobbyMessage(message, topic) || message.fp === fingerprint) return;
        options.onOtherRoom(message.fp);
        // Answer a newcomer, so that it learns where the group is.
        if (message.lobby === 'here') conn.send({ type: 'publish', topic, lobby: 'reply', fp: fingerprint });
      };
      conn.on('connect', onConnect);
      conn.on('message', onMessage);
      watched.set(conn, { onConnect, onMessage });
      announce(conn);
    }
  };
  watch();
  const timer = setInterval(watch, 1000);
  return () => {
    clearInterval(timer);
    for (const [conn, { onConnect, onMessage }] of watched) {
      conn.off('connect', onConnect);
      conn.off('message', onMessage);
      if (conn.connected) conn.send({ type: 'unsubscribe', topics: [topic] });
    }
    watched.clear();
  };
}
