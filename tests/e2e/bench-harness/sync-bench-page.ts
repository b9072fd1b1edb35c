// The bench page for `npm run bench` (sync section): one page per browser context, served by
// the real Knipsel server (createKnipselServer) so y-webrtc signals through its /signal.
//
// Knipsel: a dossier doc shared with core's connectPeers() (mirror doc, checked messages,
// chunked sync). Baseline ("raw y-webrtc"): a plain Y.Doc with a WebrtcProvider in a room of
// its own, same signalling server, no checks. Times are epoch milliseconds with sub-ms
// precision (performance.timeOrigin + performance.now()), comparable across the pages of
// one machine.
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import { makeCorpus, type CorpusSource } from '../../../bench/corpus/clip-corpus.js';
import { bodyHashes, createBodyStore, createDossier, createMemoryBlobStore, followBodies, initDossierDoc, localOrigin } from '@knipsel/core';
import { fromBase64, toBase64 } from '@knipsel/core/sync';
import { connectPeers, type PeerSession } from '@knipsel/core/peer/session';
import { expose } from './expose.js';
import { rawSetClip } from './raw-yjs-clip.js';

interface Fixture {
  sources: CorpusSource[];
  themeIds: string[];
}

const epoch = () => performance.timeOrigin + performance.now();
const signalUrl = () => `ws://${location.host}/signal`;

let doc = new Y.Doc();
/** Knipsel's side keeps clip bodies in a body store (they travel beside the doc). */
let bodies = createBodyStore(createMemoryBlobStore());
let session: PeerSession | null = null;
let provider: WebrtcProvider | null = null;

async function corpus() {
  const fixture = (await (await fetch('./fixture.json')).json()) as Fixture;
  return makeCorpus(fixture.sources, fixture.themeIds);
}

/** Resolves with the time `test` first holds after a change of the doc (or now, if it holds). */
function whenDoc(test: () => boolean, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    if (test()) return resolve(epoch());
    const timer = setTimeout(() => {
      doc.off('afterTransaction', check);
      reject(new Error(`not within ${timeoutMs} ms`));
    }, timeoutMs);
    const check = () => {
      if (!test()) return;
      const at = epoch();
      clearTimeout(timer);
      doc.off('afterTransaction', check);
      resolve(at);
    };
    doc.on('afterTransaction', check);
  });
}

const noteOf = (id: string) => (doc.getMap<Y.Map<unknown>>('clips').get(id)?.get('note') as Y.Text | undefined)?.toString() ?? '';

const bench = {
  /** A dossier of `count` corpus clips (the sharer's side); returns the clip ids and state size. */
  async makeDossier(count: number, raw: boolean) {
    const c = await corpus();
    if (raw) {
      const clips = doc.getMap<Y.Map<unknown>>('clips');
      for (let i = 0; i < count; i++) {
        const clip = c.clip(i);
        doc.transact(() => rawSetClip(clips, `c${i}`, clip, clip.capture.capturedAt));
      }
    } else {
      initDossierDoc(doc, { id: 'bench-shared', name: 'Gedeeld bench-dossier', kind: 'shared' });
      const dossier = createDossier(doc, { now: Date.now, bodies });
      for (let i = 0; i < count; i++) {
        const clip = c.clip(i);
        dossier.clips.add({ capture: clip.capture, note: clip.note, themes: clip.themes });
      }
      await bodies.written();
    }
    return { ids: [...doc.getMap('clips').keys()], bytes: Y.encodeStateAsUpdate(doc).byteLength };
  },

  /** The doc's full state (to give a second peer the dossier before it joins). */
  state(): string {
    return toBase64(Y.encodeStateAsUpdate(doc));
  },

  /** Load a state received out of band (so only edits travel over the peer connection). */
  load(state: string): number {
    Y.applyUpdate(doc, fromBase64(state));
    return doc.getMap('clips').size;
  },

  /** Join the room (Knipsel: connectPeers with the invite secret; raw: WebrtcProvider). */
  async connect(raw: boolean, secret: string) {
    const t0 = epoch();
    if (raw) {
      provider = new WebrtcProvider(`raw-bench-${secret.slice(0, 16)}`, doc, {
        signaling: [signalUrl()],
        password: secret,
        peerOpts: { config: { iceServers: [] } },
      });
      // As connectPeers does before it returns: the room key is derived (y-webrtc encrypts
      // every signalling message with it).
      await provider.key;
    } else {
      session = await connectPeers(doc, {
        secret,
        signalingUrls: [signalUrl()],
        awarenessState: { name: 'Bench', colour: '#336699', view: { screen: 'library' } },
        iceServers: [],
        log: () => undefined,
        bodies: bodies.blobs,
      });
    }
    return t0;
  },

  /** What y-webrtc knows of its connections (for a failure message). */
  diagnose() {
    const room = provider?.room;
    return {
      signalling: provider?.signalingConns.map((c) => c.connected) ?? [],
      webrtc: room ? [...room.webrtcConns.values()].map((c) => ({ connected: c.connected, closed: c.closed })) : [],
    };
  },

  /** Peers connected over WebRTC. */
  peers(): number {
    if (session) return session.peers;
    let connected = 0;
    provider?.room?.webrtcConns.forEach((conn) => (conn.connected ? connected++ : 0));
    return connected;
  },

  /** Time at which the doc holds `count` clips (the joiner's side of the initial sync). */
  syncedAt(count: number, timeoutMs: number): Promise<number> {
    return whenDoc(() => doc.getMap('clips').size >= count, timeoutMs);
  },

  /** Time at which every body the doc names is here, fetched from the peer after the doc (Knipsel only). */
  async bodiesAt(timeoutMs: number): Promise<number> {
    const until = epoch() + timeoutMs;
    for (;;) {
      const progress = await followBodies(bodies, bodyHashes(doc), { fetch: (hashes) => session!.fetchBodies(hashes), batch: 200 });
      if (progress.total > 0 && progress.here === progress.total) return epoch();
      if (epoch() > until) throw new Error(`bodies: ${progress.here} of ${progress.total} within ${timeoutMs} ms`);
    }
  },

  /** Append `marker` to a clip's note, as the user would; returns when (epoch ms). */
  edit(id: string, marker: string): number {
    const note = doc.getMap<Y.Map<unknown>>('clips').get(id)?.get('note') as Y.Text;
    const at = epoch();
    doc.transact(() => note.insert(note.length, marker), localOrigin);
    return at;
  },

  /** Time at which the clip's note contains `marker`. */
  seenAt(id: string, marker: string, timeoutMs: number): Promise<number> {
    return whenDoc(() => noteOf(id).includes(marker), timeoutMs);
  },

  async close() {
    await session?.destroy();
    provider?.destroy();
    session = null;
    provider = null;
    doc.destroy();
    doc = new Y.Doc();
    bodies = createBodyStore(createMemoryBlobStore());
  },
};

declare global {
  interface Window {
    knipselSyncBench: typeof bench;
    knipselSyncBenchReady: boolean;
  }
}
expose('knipselSyncBench', bench);
