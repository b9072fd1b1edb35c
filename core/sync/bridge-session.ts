// One side of the extension ↔ web app bridge: handshake, the list of dossiers both sides
// keep, and a y-protocols DocSync per dossier. Transport-agnostic: the caller passes every
// incoming message to `receive` (unchecked) and delivers what `send` produces.
//
// Rules: the app says hello, the extension answers; every frame after that carries the
// session (both nonces). Each side imports the dossiers it lacks (full state first, so an
// empty replica never races its own defaults against the real ones), except tombstoned
// ones. The personal dossiers become one: an extension that has never been linked adopts
// the app's personal dossier and moves its own clips into it (and vice versa for a new app
// meeting a linked extension).
import * as Y from 'yjs';
import type { Library } from '../library/library.js';
import { createId } from '../ids.js';
import { createDocSync, type DocSync } from './doc-sync.js';
import { fromBase64, toBase64 } from './base64.js';
import { bridgeProtocolVersion, checkEnvelope, envelope, type BridgeFrame, type BridgeRole, type Envelope } from './bridge-protocol.js';
import { createDossier } from '../dossier/dossier.js';
import { createChunkJoiner, isChunkFrame, splitMessage } from './peer/chunking.js';

/**
 * Sync messages above this many bytes travel as a run of chunk frames (the peer chunk
 * format), each a 'sync' frame of its own: a big dossier's first sync step 2 (over 100 MB at
 * 5,000 clips) would exceed the frame limit and the browsers' message size limits otherwise.
 */
export const bridgeChunkBytes = 4 * 1024 * 1024;
/** The largest message joined from chunks (a whole dossier state). */
export const maxBridgeMessageBytes = 1024 * 1024 * 1024;

export type BridgeState = 'idle' | 'connecting' | 'connected' | 'mismatch' | 'closed';

export interface BridgeStatus {
  state: BridgeState;
  /** The other side's protocol version when it differs from ours. */
  peerVersion: number | null;
  /** Dossiers currently syncing over the bridge. */
  dossiers: number;
  /** When the other side was last heard from, ms since the epoch. */
  lastSeen: number | null;
}

export interface BridgeSessionOptions {
  role: BridgeRole;
  library: Library;
  send: (message: Envelope) => void;
  /** Rejected input and other notable events (never message content). */
  log?: (message: string) => void;
  onStatus?: (status: BridgeStatus) => void;
  /** Protocol version to announce (tests use this to simulate an old peer). */
  version?: number;
  /** Chunk size for large sync messages (tests use a small one). */
  chunkBytes?: number;
}

const linkedPref = 'bridgePersonalLinked';

interface Entry {
  sync: DocSync;
  /** A scratch doc while a dossier this side lacks is being fetched. */
  importing: Y.Doc | null;
}

export function createBridgeSession(options: BridgeSessionOptions) {
  const { role, library } = options;
  const version = options.version ?? bridgeProtocolVersion;
  const log = options.log ?? (() => undefined);
  const entries = new Map<string, Entry>();
  let myNonce = '';
  let session: string | null = null;
  let status: BridgeStatus = { state: 'idle', peerVersion: null, dossiers: 0, lastSeen: null };
  let queue: Promise<void> = Promise.resolve();
  let unsubscribe: (() => void) | null = null;
  let listTimer: ReturnType<typeof setTimeout> | null = null;
  let listSent: Promise<void> = Promise.resolve();
  const chunkBytes = options.chunkBytes ?? bridgeChunkBytes;
  let streamId = 0;
  /** Per dossier: chunk frames being joined (frames of one dossier arrive in order). */
  const joiners = new Map<string, ReturnType<typeof createChunkJoiner>>();

  const setStatus = (patch: Partial<BridgeStatus>) => {
    status = { ...status, ...patch, dossiers: [...entries.values()].filter((e) => !e.importing).length };
    options.onStatus?.(status);
  };
  const send = (frame: BridgeFrame) => options.send(envelope(role, frame));
  const serial = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => log(`bridge: ${error instanceof Error ? error.message : String(error)}`));
    return queue;
  };
  const newNonce = () => createId(24);

  function closeEntries() {
    for (const entry of entries.values()) entry.sync.destroy();
    entries.clear();
    joiners.clear();
  }

  async function sendList() {
    if (!session) return;
    const records = await library.list();
    send({
      t: 'dossiers',
      session,
      list: records.map((r) => ({ id: r.id, name: r.name.slice(0, 200), kind: r.kind })),
      deleted: (await library.deletedIds()).slice(-10_000),
      personalId: (await library.personalId()) ?? null,
      personalLinked: (await library.getPref<boolean>(linkedPref)) === true,
    });
  }

  function scheduleList() {
    if (listTimer || !session) return;
    listSent = new Promise((resolve) => {
      listTimer = setTimeout(() => {
        listTimer = null;
        void serial(sendList).then(resolve);
      }, 30);
    });
  }

  function syncSender(dossierId: string) {
    return (message: Uint8Array) => {
      if (!session) return;
      const current = session;
      for (const part of splitMessage(message, streamId++, chunkBytes)) send({ t: 'sync', session: current, dossierId, data: toBase64(part) });
    };
  }

  async function openEntry(dossierId: string): Promise<Entry> {
    const existing = entries.get(dossierId);
    if (existing && !existing.importing) return existing;
    const handle = await library.open(dossierId);
    const sync = createDocSync(handle.doc, syncSender(dossierId), { onReject: (reason) => log(`bridge: ${dossierId}: ${reason}`) });
    const entry: Entry = { sync, importing: null };
    entries.set(dossierId, entry);
    sync.start();
    setStatus({});
    return entry;
  }

  /** Fetch a dossier this side lacks: full state into a scratch doc, then import it. */
  function startImport(dossierId: string, kind: 'personal' | 'shared', then?: (id: string) => Promise<void>) {
    if (entries.has(dossierId)) return;
    const scratch = new Y.Doc();
    const sync = createDocSync(scratch, syncSender(dossierId), {
      onReject: (reason) => log(`bridge: ${dossierId}: ${reason}`),
      onSynced: () =>
        void serial(async () => {
          sync.destroy();
          entries.delete(dossierId);
          try {
            createDossier(scratch); // validates the state (and refuses a newer schema) before storing
            await library.importState(Y.encodeStateAsUpdate(scratch), { id: dossierId, kind });
          } catch (error) {
            log(`bridge: could not import dossier ${dossierId}: ${error instanceof Error ? error.message : String(error)}`);
            return;
          } finally {
            scratch.destroy();
          }
          await openEntry(dossierId);
          await then?.(dossierId);
        }),
    });
    entries.set(dossierId, { sync, importing: scratch });
    sync.start();
  }

  /** Move the clips of the old personal dossier into the adopted one, then retire the old one. */
  async function adoptPersonal(oldId: string | undefined, newId: string) {
    if (oldId && oldId !== newId && (await library.get(oldId))) {
      const from = await library.open(oldId);
      const to = await library.open(newId);
      for (const clip of from.dossier.clips.all()) {
        if (clip.trashed) continue;
        const themes = clip.themes.filter((id) => to.dossier.frameworks.isKnownTheme(id));
        const id = to.dossier.clips.add({ capture: clip.capture, title: clip.title, note: clip.note, themes });
        for (const h of clip.highlights) {
          to.dossier.clips.addHighlight(id, { quote: h.quote, position: h.position, note: h.note, colour: h.colour });
        }
      }
      await to.flush();
      await library.setPersonal(newId);
      entries.get(oldId)?.sync.destroy();
      entries.delete(oldId);
      await library.remove(oldId, { allowPersonal: true });
    } else {
      await library.setPersonal(newId);
    }
    await library.setPref(linkedPref, true);
    log(`bridge: personal dossier linked (${newId})`);
  }

  async function reconcile(frame: Extract<BridgeFrame, { t: 'dossiers' }>) {
    const myPersonal = await library.personalId();
    const myLinked = (await library.getPref<boolean>(linkedPref)) === true;
    const tombstones = new Set(await library.deletedIds());

    for (const id of frame.deleted) {
      if (id === myPersonal || id === frame.personalId) continue;
      if (await library.get(id)) {
        entries.get(id)?.sync.destroy();
        entries.delete(id);
        await library.remove(id);
      }
    }

    let adoptFrom: string | undefined;
    if (frame.personalId && frame.personalId !== myPersonal) {
      const adopt = role === 'extension' ? !myLinked : !myLinked && frame.personalLinked;
      if (adopt) adoptFrom = myPersonal ?? undefined;
    } else if (frame.personalId && frame.personalId === myPersonal && !myLinked) {
      await library.setPref(linkedPref, true);
    }

    for (const remote of frame.list) {
      if (tombstones.has(remote.id) || frame.deleted.includes(remote.id)) continue;
      const isPeerPersonal = remote.id === frame.personalId && remote.id !== myPersonal;
      const local = await library.get(remote.id);
      if (local) {
        await openEntry(remote.id);
      } else if (isPeerPersonal) {
        if (adoptFrom !== undefined || !myPersonal) startImport(remote.id, 'personal', (id) => adoptPersonal(adoptFrom, id));
        // Otherwise both sides are linked to different personal dossiers: keep them apart.
      } else {
        startImport(remote.id, remote.kind);
      }
    }
    setStatus({});
  }

  function handle(frame: BridgeFrame) {
    switch (frame.t) {
      case 'hello': {
        if (role !== 'extension') return;
        if (frame.v !== version) {
          send({ t: 'mismatch', v: version, peerVersion: frame.v, role });
          setStatus({ state: 'mismatch', peerVersion: frame.v });
          log(`bridge: protocol version mismatch (app ${frame.v}, extension ${version})`);
          return;
        }
        closeEntries();
        myNonce = newNonce();
        session = `${frame.nonce}.${myNonce}`;
        send({ t: 'welcome', v: version, nonce: frame.nonce, peerNonce: myNonce, role });
        setStatus({ state: 'connected', peerVersion: null });
        void serial(sendList);
        return;
      }
      case 'welcome': {
        if (role !== 'app' || frame.nonce !== myNonce) return log('bridge: welcome for another handshake dropped');
        if (frame.v !== version) {
          setStatus({ state: 'mismatch', peerVersion: frame.v });
          return;
        }
        session = `${myNonce}.${frame.peerNonce}`;
        setStatus({ state: 'connected', peerVersion: null });
        void serial(sendList);
        return;
      }
      case 'mismatch':
        // Someone else's answer (e.g. to another tab's hello): it says nothing about us.
        if (frame.v === version) return log('bridge: mismatch frame from a peer of our own version dropped');
        setStatus({ state: 'mismatch', peerVersion: frame.v });
        log(`bridge: the other side speaks protocol ${frame.v}, this side ${version}`);
        return;
      case 'dossiers':
        if (frame.session !== session) return log('bridge: dossier list for another session dropped');
        void serial(() => reconcile(frame));
        return;
      case 'sync': {
        if (frame.session !== session) return log('bridge: sync for another session dropped');
        let bytes: Uint8Array;
        try {
          bytes = fromBase64(frame.data);
        } catch {
          return log('bridge: sync payload is not base64');
        }
        if (isChunkFrame(bytes)) {
          let joiner = joiners.get(frame.dossierId);
          if (!joiner) joiners.set(frame.dossierId, (joiner = createChunkJoiner(maxBridgeMessageBytes, Math.max(chunkBytes, bridgeChunkBytes))));
          const joined = joiner.push(bytes);
          if ('rejected' in joined) return log(`bridge: ${frame.dossierId}: ${joined.rejected}`);
          if ('pending' in joined) return;
          bytes = joined.done;
        }
        const entry = entries.get(frame.dossierId);
        if (entry) {
          entry.sync.receive(bytes);
          return;
        }
        // A step 1 for a dossier we have but have not opened yet (the peer is importing it).
        void serial(async () => {
          if (!(await library.get(frame.dossierId))) return log(`bridge: sync for unknown dossier ${frame.dossierId} dropped`);
          (await openEntry(frame.dossierId)).sync.receive(bytes);
        });
        return;
      }
      case 'bye':
        if (frame.session !== session) return;
        closeEntries();
        session = null;
        setStatus({ state: 'idle' });
        return;
    }
  }

  return {
    get status() {
      return status;
    },
    /** App side: say hello (again, e.g. after the extension restarted). */
    start() {
      unsubscribe ??= library.subscribe(scheduleList);
      if (role === 'app') {
        closeEntries();
        session = null;
        myNonce = newNonce();
        send({ t: 'hello', v: version, nonce: myNonce, role });
        setStatus({ state: 'connecting' });
      }
    },
    /** Handle any incoming message; anything not for the bridge is ignored, bad frames are logged. */
    receive(message: unknown) {
      const checked = checkEnvelope(message);
      if (checked === null) return;
      if (!checked.ok) return log(`bridge: dropped: ${checked.reason}`);
      if (checked.envelope.from === role) return;
      unsubscribe ??= library.subscribe(scheduleList);
      status = { ...status, lastSeen: Date.now() };
      handle(checked.envelope.frame);
    },
    /** Resolves when everything received so far has been handled. */
    idle: async () => {
      await listSent;
      await queue;
    },
    close() {
      if (session) send({ t: 'bye', session });
      closeEntries();
      session = null;
      unsubscribe?.();
      unsubscribe = null;
      if (listTimer) clearTimeout(listTimer);
      listTimer = null;
      listSent = Promise.resolve();
      setStatus({ state: 'closed' });
    },
  };
}

export type BridgeSession = ReturnType<typeof createBridgeSession>;
