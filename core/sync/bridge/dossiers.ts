// What flows over an established (paired, authenticated) bridge session: the list of
// dossiers both sides keep, with tombstones, and a y-protocols DocSync per dossier.
//
// Each side imports the dossiers it lacks (full state first, so an empty replica never
// races its own defaults against the real ones), except tombstoned ones. The personal
// dossiers become one: an extension that has never been linked adopts the app's personal
// dossier and moves its own clips into it, keeping their ids (and vice versa for a new app
// meeting a linked extension); the retired id is kept as an alias of the adopted one and
// sent along, so an address made with it ("Open in Knipsel" of a first clip) still leads
// to the clip. Deletions: one dossier per list is followed; more than one at once is held
// until the user decides (`resolveHeld`), and dossiers the user chose to keep are not asked
// about again.
import * as Y from 'yjs';
import type { Library } from '../../library/library.js';
import { createDocSync, type DocSync } from '../doc-sync.js';
import { fromBase64, toBase64 } from '../base64.js';
import type { BridgeFrame, BridgeFrameInput, BridgeRole } from './protocol.js';
import { createDossier } from '../../dossier/dossier.js';
import { createChunkJoiner, isChunkFrame, splitMessage } from '../frames/chunking.js';

/**
 * Sync messages above this many bytes travel as a run of chunk frames (the peer chunk
 * format), each a 'sync' frame of its own: a big dossier's first sync step 2 (over 100 MB at
 * 5,000 clips) would exceed the frame limit and the browsers' message size limits otherwise.
 */
export const bridgeChunkBytes = 4 * 1024 * 1024;
/** The largest message joined from chunks (a whole dossier state). */
export const maxBridgeMessageBytes = 1024 * 1024 * 1024;

type SessionFrame = Extract<BridgeFrameInput, { t: 'dossiers' | 'sync' }>;

/** Library prefs: the personal dossiers are linked; retired ids → current ones; deletions the user kept. */
const prefs = { linked: 'bridgePersonalLinked', aliases: 'bridgeDossierAliases', kept: 'bridgeKeptDossiers' } as const;
const maxAliases = 100;

/** Dossiers the other side deleted, held until the user says whether to delete them here too. */
export interface HeldDeletion {
  id: string;
  name: string;
}

export interface BridgeDossiersOptions {
  role: BridgeRole;
  library: Library;
  /** Sends a frame. */
  send: (frame: SessionFrame) => void;
  /** The current session's name, stamped on every frame. */
  session: () => string;
  log: (message: string) => void;
  /** The number of synced dossiers or the held deletions changed. */
  onChange: () => void;
  /** A retired dossier id now leads to another dossier (learned from the other side or made here). */
  onAlias?: (from: string, to: string) => void;
  chunkBytes?: number;
}

interface Entry {
  sync: DocSync;
  /** A scratch doc while a dossier this side lacks is being fetched. */
  importing: Y.Doc | null;
}

/** The dossier a retired id now lives in (after linking the personal dossiers), if any. */
export async function bridgeAlias(library: Library, id: string): Promise<string | undefined> {
  const aliases = (await library.getPref<Record<string, string>>(prefs.aliases)) ?? {};
  return Object.hasOwn(aliases, id) ? aliases[id] : undefined;
}

async function addAlias(library: Library, from: string, to: string): Promise<boolean> {
  const aliases = (await library.getPref<Record<string, string>>(prefs.aliases)) ?? {};
  if (aliases[from] === to) return false;
  const entries = Object.entries({ ...aliases, [from]: to }).slice(-maxAliases);
  await library.setPref(prefs.aliases, Object.fromEntries(entries));
  return true;
}

export function createBridgeDossiers(options: BridgeDossiersOptions) {
  const { role, library, log } = options;
  const chunkBytes = options.chunkBytes ?? bridgeChunkBytes;
  const entries = new Map<string, Entry>();
  /** Per dossier: chunk frames being joined (frames of one dossier arrive in order). */
  const joiners = new Map<string, ReturnType<typeof createChunkJoiner>>();
  let held: HeldDeletion[] = [];
  let active = false;
  let queue: Promise<void> = Promise.resolve();
  let unsubscribe: (() => void) | null = null;
  let listTimer: ReturnType<typeof setTimeout> | null = null;
  let listSent: Promise<void> = Promise.resolve();
  let streamId = 0;

  const serial = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => log(`bridge: ${error instanceof Error ? error.message : String(error)}`));
    return queue;
  };
  const send = (frame: SessionFrame) => {
    if (active) options.send({ ...frame, session: options.session() });
  };

  function closeEntries() {
    for (const entry of entries.values()) entry.sync.destroy();
    entries.clear();
    joiners.clear();
  }

  async function sendList() {
    if (!active) return;
    const records = await library.list();
    const aliases = (await library.getPref<Record<string, string>>(prefs.aliases)) ?? {};
    send({
      t: 'dossiers',
      session: '',
      list: records.map((r) => ({ id: r.id, name: r.name.slice(0, 200), kind: r.kind })),
      deleted: (await library.deletedIds()).slice(-10_000),
      personalId: (await library.personalId()) ?? null,
      personalLinked: (await library.getPref<boolean>(prefs.linked)) === true,
      aliases: Object.entries(aliases).slice(-maxAliases).map(([from, to]) => ({ from, to })),
    });
  }

  function scheduleList() {
    if (listTimer || !active) return;
    listSent = new Promise((resolve) => {
      listTimer = setTimeout(() => {
        listTimer = null;
        void serial(sendList).then(resolve);
      }, 30);
    });
  }

  function syncSender(dossierId: string) {
    return (message: Uint8Array) => {
      for (const part of splitMessage(message, streamId++, chunkBytes)) send({ t: 'sync', session: '', dossierId, data: toBase64(part) });
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
    options.onChange();
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
          if (!active) return scratch.destroy();
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

  /** Move the clips of the old personal dossier into the adopted one (same ids), then retire the old one. */
  async function adoptPersonal(oldId: string | undefined, newId: string) {
    if (oldId && oldId !== newId && (await library.get(oldId))) {
      const from = await library.open(oldId);
      const to = await library.open(newId);
      for (const clip of from.dossier.clips.all()) {
        if (clip.trashed || to.dossier.clips.has(clip.id)) continue;
        const themes = clip.themes.filter((id) => to.dossier.frameworks.isKnownTheme(id));
        to.dossier.clips.add({ capture: clip.capture, title: clip.title, note: clip.note, themes }, { id: clip.id, createdAt: clip.createdAt });
        for (const h of clip.highlights) {
          to.dossier.clips.addHighlight(clip.id, { quote: h.quote, position: h.position, note: h.note, colour: h.colour });
        }
      }
      await to.flush();
      if (await addAlias(library, oldId, newId)) options.onAlias?.(oldId, newId);
      await library.setPersonal(newId);
      entries.get(oldId)?.sync.destroy();
      entries.delete(oldId);
      await library.remove(oldId, { allowPersonal: true });
    } else {
      await library.setPersonal(newId);
    }
    await library.setPref(prefs.linked, true);
    log(`bridge: personal dossier linked (${newId})`);
  }

  async function removeHere(id: string) {
    entries.get(id)?.sync.destroy();
    entries.delete(id);
    await library.remove(id);
  }

  async function reconcile(frame: Extract<BridgeFrame, { t: 'dossiers' }>) {
    const myPersonal = await library.personalId();
    const myLinked = (await library.getPref<boolean>(prefs.linked)) === true;
    const tombstones = new Set(await library.deletedIds());
    const kept = new Set((await library.getPref<string[]>(prefs.kept)) ?? []);

    const gone: HeldDeletion[] = [];
    for (const id of frame.deleted) {
      if (id === myPersonal || id === frame.personalId || kept.has(id)) continue;
      const record = await library.get(id);
      if (record) gone.push({ id, name: record.name });
    }
    if (gone.length === 1) {
      await removeHere(gone[0].id);
    } else if (gone.length > 1) {
      // Many dossiers at once is what a wrong or hostile peer does: the user decides.
      const before = held.map((h) => h.id).join();
      held = gone;
      if (held.map((h) => h.id).join() !== before) {
        log(`bridge: ${gone.length} dossiers deleted on the other side, held until the user decides`);
        options.onChange();
      }
    }
    const holding = new Set(held.map((h) => h.id));

    for (const alias of frame.aliases) {
      // An alias only ever points a retired id (not a dossier here) at a dossier this side keeps.
      if (alias.from === alias.to || (await library.get(alias.from))) continue;
      if (!(await library.get(alias.to)) && alias.to !== frame.personalId) continue;
      if (await addAlias(library, alias.from, alias.to)) log(`bridge: ${alias.from} now lives in ${alias.to}`);
      // Also when another tab of this side stored it first: this side's screens follow it too.
      options.onAlias?.(alias.from, alias.to);
    }

    let adoptFrom: string | undefined;
    if (frame.personalId && frame.personalId !== myPersonal) {
      const adopt = role === 'extension' ? !myLinked : !myLinked && frame.personalLinked;
      if (adopt) adoptFrom = myPersonal ?? undefined;
    } else if (frame.personalId && frame.personalId === myPersonal && !myLinked) {
      await library.setPref(prefs.linked, true);
    }

    for (const remote of frame.list) {
      if (tombstones.has(remote.id) || frame.deleted.includes(remote.id) || holding.has(remote.id)) continue;
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
    options.onChange();
  }

  function receiveSync(frame: Extract<BridgeFrame, { t: 'sync' }>) {
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
      if (!active) return;
      if (!(await library.get(frame.dossierId))) return log(`bridge: sync for unknown dossier ${frame.dossierId} dropped`);
      (await openEntry(frame.dossierId)).sync.receive(bytes);
    });
  }

  return {
    /** Dossiers currently syncing. */
    get count() {
      return [...entries.values()].filter((e) => !e.importing).length;
    },
    get held(): readonly HeldDeletion[] {
      return held;
    },
    /** The session is established: send the list and follow the library. */
    start() {
      closeEntries();
      active = true;
      unsubscribe ??= library.subscribe(scheduleList);
      void serial(sendList);
    },
    receive(frame: Extract<BridgeFrame, { t: 'dossiers' | 'sync' }>) {
      if (!active) return;
      if (frame.t === 'dossiers') void serial(() => reconcile(frame));
      else receiveSync(frame);
    },
    /** The user decided about the held deletions: delete them here too, or keep them (and not be asked again). */
    resolveHeld(remove: boolean): Promise<void> {
      const decided = held;
      held = [];
      options.onChange();
      return serial(async () => {
        if (remove) {
          for (const { id } of decided) if ((await library.get(id)) && id !== (await library.personalId())) await removeHere(id);
        } else {
          const kept = (await library.getPref<string[]>(prefs.kept)) ?? [];
          // They stay here; the other side keeps its tombstones, so neither brings them back.
          await library.setPref(prefs.kept, [...new Set([...kept, ...decided.map((d) => d.id)])].slice(-10_000));
        }
      });
    },
    /** The session ended: stop syncing (held deletions are asked again by the next session). */
    stop() {
      active = false;
      closeEntries();
      unsubscribe?.();
      unsubscribe = null;
      if (listTimer) clearTimeout(listTimer);
      listTimer = null;
      listSent = Promise.resolve();
      if (held.length) {
        held = [];
        options.onChange();
      }
    },
    /** Resolves when everything received so far has been handled. */
    async idle() {
      await listSent;
      await queue;
    },
  };
}

export type BridgeDossiers = ReturnType<typeof createBridgeDossiers>;
