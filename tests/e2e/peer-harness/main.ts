// Test page for tests/e2e/peers.e2e.ts: exposes `window.knipselPeer`, a thin layer over
// core's dossier and peer session, plus a deliberately unguarded y-webrtc peer (`raw*`)
// that plays the wrong-secret and the hostile peer.
import * as encoding from 'lib0/encoding';
import { WebrtcProvider } from 'y-webrtc';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { fromBase64, toBase64 } from '@knipsel/core/sync';
import { createDossier, type Dossier, initDossierDoc } from '@knipsel/core';
import { createInviteSecret, deriveRoom, makeInviteLink, parseInviteLink } from '@knipsel/core/peer';
import { connectPeers, type PeerSession, type PeerStatusEvent } from '@knipsel/core/peer/session';
import type { PresenceView } from '@knipsel/core/peer';
import { makeCapture } from '@knipsel/core/testing';

const doc = new Y.Doc();
let dossier: Dossier | null = null;
let session: PeerSession | null = null;
const statusLog: Array<PeerStatusEvent & { at: number }> = [];
const logLines: string[] = [];
const body = 'Bewoners organiseren samen een buurtmaaltijd; de opbouwwerker sluit aan bij hun ideeën. ';

function open(): Dossier {
  dossier ??= createDossier(doc);
  return dossier;
}

function capture(title: string, words = 1) {
  const url = `https://www.voorbeeld-wijkplatform.nl/praktijk/${encodeURIComponent(title)}`;
  return makeCapture({ url, title, text: body.repeat(words), capturedAt: Date.now() });
}

/** The dossier's state as plain, order-independent JSON (what both peers must agree on). */
function snapshot() {
  const meta = doc.getMap('meta');
  const clips = doc.getMap<Y.Map<unknown>>('clips');
  const rows = [...clips.entries()]
    .filter(([, m]) => m instanceof Y.Map)
    .map(([id, m]) => ({
      id,
      title: m.get('title'),
      note: String(m.get('note') ?? ''),
      themes: [...((m.get('themes') as Y.Map<true> | undefined)?.keys() ?? [])].sort(),
      trashed: m.get('trashedAt') != null,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return { name: meta.get('name') ?? null, id: meta.get('id') ?? null, clips: rows };
}

const raw: { provider: WebrtcProvider | null; doc: Y.Doc } = { provider: null, doc: new Y.Doc() };

const api = {
  createDossierDoc(id: string, name: string) {
    initDossierDoc(doc, { id, name, kind: 'shared' });
    return open().meta();
  },
  addClips(titles: string[], words = 1, note = '') {
    return titles.map((title) => open().clips.add({ capture: capture(title, words), note }));
  },
  addClip(title: string, note = '', themes: string[] = []) {
    return open().clips.add({ capture: capture(title), note, themes });
  },
  tag(ids: string[], themes: string[]) {
    open().clips.tag(ids, themes);
  },
  setNote(id: string, note: string) {
    open().clips.update(id, { note });
  },
  appendNote(id: string, text: string) {
    const note = open().clips.noteText(id);
    doc.transact(() => note.insert(note.length, text), 'knipsel:local');
  },
  clipIds() {
    return [...doc.getMap('clips').keys()];
  },
  snapshot,
  stateBytes() {
    return Y.encodeStateAsUpdate(doc).length;
  },
  stateBase64() {
    return toBase64(Y.encodeStateAsUpdate(doc));
  },
  newSecret: createInviteSecret,
  inviteLink(secret: string, sharedBy: string) {
    const meta = open().meta();
    return makeInviteLink(location.origin + '/', { secret, dossierId: meta.id, dossierName: meta.name, sharedBy });
  },
  parseLocation() {
    return parseInviteLink(location.hash);
  },
  async connect(secret: string, name: string, colour: string, view: PresenceView = { screen: 'library' }, handshakeTimeoutMs?: number) {
    session = await connectPeers(doc, {
      secret,
      awarenessState: { name, colour, view },
      iceServers: [],
      log: (line) => logLines.push(line),
      handshakeTimeoutMs,
    });
    session.onStatus((event) => statusLog.push({ ...event, at: Date.now() }));
    return { status: session.status, roomName: session.roomName };
  },
  status() {
    return session ? { status: session.status, peers: session.peers, stats: session.stats() } : null;
  },
  statusLog: () => statusLog,
  logs: () => logLines,
  presence() {
    return session?.presence() ?? [];
  },
  setView(view: PresenceView) {
    session?.setView(view);
  },
  disconnect() {
    session?.disconnect();
  },
  reconnect() {
    session?.reconnect();
  },
  async destroy() {
    await session?.destroy();
    session = null;
  },
  // ---- an unguarded y-webrtc peer, for the wrong-secret and hostile tests ----
  async rawConnect(roomName: string, password: string, presence: unknown) {
    const awareness = new awarenessProtocol.Awareness(raw.doc);
    awareness.setLocalState(presence as Record<string, unknown>);
    raw.provider = new WebrtcProvider(roomName, raw.doc, {
      signaling: [`ws://${location.host}/signal`],
      password,
      awareness,
      peerOpts: { config: { iceServers: [] } },
    });
    await raw.provider.key;
  },
  async deriveRoom(secret: string) {
    return deriveRoom(secret);
  },
  /** Hand the raw peer a copy of the state directly (it cannot read Knipsel's chunked sync). */
  rawLoad(base64: string) {
    Y.applyUpdate(raw.doc, fromBase64(base64));
  },
  rawSnapshot() {
    const meta = raw.doc.getMap('meta');
    return { name: meta.get('name') ?? null, clips: raw.doc.getMap('clips').size, bytes: Y.encodeStateAsUpdate(raw.doc).length };
  },
  rawPeers() {
    let connected = 0;
    raw.provider?.room?.webrtcConns.forEach((c) => (c.connected ? connected++ : 0));
    return connected;
  },
  /** Send hostile messages straight over the data channels (past y-webrtc's own logic). */
  rawSendHostile() {
    const conns = [...(raw.provider?.room?.webrtcConns.values() ?? [])].filter((c) => c.connected);
    const frame = (type: number, write: (e: encoding.Encoder) => void) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, type);
      write(e);
      return encoding.toUint8Array(e);
    };
    // A well-formed update that replaces every clip by a string, and one with a broken tail.
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(raw.doc));
    const before = Y.encodeStateVector(peer);
    for (const key of peer.getMap('clips').keys()) peer.getMap('clips').set(key, 'kapot');
    peer.getMap('meta').set('name', { html: '<img src=x onerror=alert(1)>' });
    const hostile = Y.encodeStateAsUpdate(peer, before);
    const broken = hostile.slice(0, Math.max(2, hostile.length - 3));
    const messages = [
      new Uint8Array([9, 9, 9, 9]),
      new Uint8Array([0, 2, 200, 1, 2]),
      frame(0, (e) => {
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, broken);
      }),
      frame(0, (e) => {
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, hostile);
      }),
      frame(1, (e) => {
        const inner = encoding.createEncoder();
        encoding.writeVarUint(inner, 1);
        encoding.writeVarUint(inner, 987654);
        encoding.writeVarUint(inner, 5);
        encoding.writeVarString(inner, JSON.stringify({ name: 'M'.repeat(500), colour: 'red', view: { screen: 'x' }, ip: '10.0.0.1' }));
        encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
      }),
      frame(4, (e) => {
        encoding.writeUint8(e, 1);
        encoding.writeVarString(e, 'not-a-uuid');
      }),
    ];
    for (const conn of conns) for (const m of messages) conn.peer.send(m);
    return { connections: conns.length, messages: messages.length };
  },
};

declare global {
  interface Window {
    knipselPeer: typeof api;
  }
}
window.knipselPeer = api;
document.body.dataset.ready = 'true';
