// What flows over an established (paired, authenticated) bridge session: the list of
// dossiers both sides keep, with tombstones, and a y-protocols DocSync per dossier.
//
// Each side imports the dossiers it lacks (full state first, so an empty replica never
// races its own defaults against the real ones), except tombstoned ones. The personal
// dossiers become one (personal-link.ts); the retired id is kept as an alias of the adopted
// one and sent along. Messages travel as sync-wire.ts says. Deletions: one dossier per list is followed; more than one at once is held
// until the user decides (`resolveHeld`), and dossiers the user chose to keep are not asked
// about again.
import * as Y from 'yjs';
import type { Library } from '../../library/library.js';
import { createDocSync, type DocSync } from '../doc-sync.js';
import type { BridgeFrame, BridgeFrameInput, BridgeRole } from './protocol.js';
import { createDossier } from '../../dossier/dossier.js';
import { addAlias, adoptPersonal, bridgeAliases, bridgePrefs as prefs, isPersonalLinked, maxAliases } from './personal-link.js';
import { bridgeChunkBytes, createSyncWire } from './sync-wire.js';

export { bridgeAlias } from './personal-link.js';
export { bridgeChunkBytes, maxBridgeMessageBytes } from './sync-wire.js';

type SessionFrame = Extract<BridgeFrameInput, { t: 'dossiers' | 'sync' }>;

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

export function createBridgeDossiers(options: BridgeDossiersOptions) {
  const { role, library, log } = options;
  const chunkBytes = options.chunkBytes ?? bridgeChunkBytes;
  const entries = new Map<string, Entry>();
  let held: HeldDeletion[] = [];
  let active = false;
  let queue: Promise<void> = Promise.resolve();
  let unsubscribe: (() => void) | null = null;
  let listTimer: ReturnType<typeof setTimeout> | null = null;
  let listSent: Promise<void> = Promise.resolve();

  const serial = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => log(`bridge: ${error instanceof Error ? error.message : String(error)}`));
    return queue;
  };
  const send = (frame: SessionFrame) => {
    if (active) options.send({ ...frame, session: options.session() });
  };
  const wire = createSyncWire({ chunkBytes, sendData: (dossierId, data) => send({ t: 'sync', session: '', dossierId, data }), log });

  function closeEntries() {
    for (const entry of entries.values()) entry.sync.destroy();
    entries.clear();
    wire.clear();
  }

  async function sendList() {
    if (!active) return;
    const records = await library.list();
    const aliases = await bridgeAliases(library);
    send({
      t: 'dossiers',
      session: '',
      list: records.map((r) => ({ id: r.id, name: r.name.slice(0, 200), kind: r.kind })),
      deleted: (await library.deletedIds()).slice(-10_000),
      personalId: (await library.personalId()) ?? null,
      personalLinked: await isPersonalLinked(library),
      aliases: Object.entries(aliases)
        .slice(-maxAliases)
        .map(([from, to]) => ({ from, to })),
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

  async function openEntry(dossierId: string): Promise<Entry> {
    const existing = entries.get(dossierId);
    if (existing && !existing.importing) return existing;
    const handle = await library.open(dossierId);
    const sync = createDocSync(handle.doc, wire.sender(dossierId), { onReject: (reason) => log(`bridge: ${dossierId}: ${reason}`) });
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
    const sync = createDocSync(scratch, wire.sender(dossierId), {
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

  /** Stops syncing a dossier. */
  function drop(id: string) {
    entries.get(id)?.sync.destroy();
    entries.delete(id);
  }

  async function removeHere(id: string) {
    drop(id);
    await library.remove(id);
  }

  async function reconcile(frame: Extract<BridgeFrame, { t: 'dossiers' }>) {
    const myPersonal = await library.personalId();
    const myLinked = await isPersonalLinked(library);
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
        if (adoptFrom !== undefined || !myPersonal) startImport(remote.id, 'personal', (id) => adoptPersonal(library, adoptFrom, id, { drop, onAlias: options.onAlias, log }));
        // Otherwise both sides are linked to different personal dossiers: keep them apart.
      } else {
        startImport(remote.id, remote.kind);
      }
    }
    options.onChange();
  }

  function receiveSync(frame: Extract<BridgeFrame, { t: 'sync' }>) {
    const bytes = wire.receive(frame.dossierId, frame.data);
    if (!bytes) return;
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
