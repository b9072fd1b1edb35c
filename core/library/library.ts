// The library of dossiers on one replica: create, list, rename, delete (with the data),
// open (open-dossier.ts: persistence, the projection and lazily search on the doc), and
// extensions that attach to every dossier it opens or hold its first answers until ready.
import * as Y from 'yjs';
import { createDossier, initDossierDoc } from '../dossier/dossier.js';
import { nameSchema, parse } from '../dossier/schema.js';
import { withRowDefaults } from '../dossier/doc-layout.js';
import type { ClipRow, DossierKind } from '../dossier/types.js';
import { KnipselError } from '../errors.js';
import { createId } from '../ids.js';
import { rebuildProjection } from '../projection/clip-projection.js';
import { attachPersistence } from '../storage/doc-persistence.js';
import type { DossierRecord, LibraryStore } from '../storage/library-store.js';
import { liveClipCount, openDossier, type OpenDossier } from './open-dossier.js';
import type { ProjectionStore } from '../storage/projection-store.js';
import type { UpdateStore } from '../storage/update-store.js';
import type { SearchIndexStore } from '../search/search-index-store.js';
import type { SearchTextSource } from '../search/dossier-search.js';
import type { BodyStore } from '../storage/body-store.js';

export interface LibraryStores {
  updates: UpdateStore;
  library: LibraryStore;
  projections: ProjectionStore;
  /** Where search indexes are kept between sessions (optional: without, built on first use). */
  searchIndexes?: SearchIndexStore;
  /** Where clip bodies are kept; without one, captures keep their bodies in the doc. */
  bodies?: BodyStore;
}

export type { OpenDossier } from './open-dossier.js';

/**
 * Something added to a library with `library.use()` (the Hocuspocus extension idiom):
 * `onOpen` runs for every dossier the library opens from then on (a teardown it returns runs
 * when that dossier closes); `list()` and `ensurePersonal()` wait for `ready` (say, bringing
 * back dossiers the browser lost before a new personal dossier is made).
 */
export interface LibraryExtension {
  onOpen?(handle: OpenDossier): (() => void) | void;
  ready?: Promise<unknown>;
}

const personalPref = 'personalDossierId';
const deletedPref = 'deletedDossierIds';
export const defaultPersonalName = 'Mijn leerdossier';

export function createLibrary(stores: LibraryStores, options: { now?: () => number; searchText?: SearchTextSource } = {}) {
  const now = options.now ?? Date.now;
  const open = new Map<string, Promise<OpenDossier>>();
  /** Handles of `open` that have resolved (their projection may still be reconciling). */
  const resolved = new Map<string, OpenDossier>();
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());
  const extensions: LibraryExtension[] = [];
  /** Teardowns of extensions for each open dossier. */
  const teardowns = new Map<string, Array<() => void>>();
  const ready = () => Promise.all(extensions.map((extension) => extension.ready));

  async function openNow(id: string): Promise<OpenDossier> {
    await requireRecord(id);
    const handle = await openDossier(id, { stores, now, changed, searchText: options.searchText });
    const stops: Array<() => void> = [];
    for (const extension of extensions) {
      const stop = extension.onOpen?.(handle);
      if (stop) stops.push(stop);
    }
    teardowns.set(id, stops);
    handle.doc.once('destroy', () => {
      if (teardowns.get(id) === stops) teardowns.delete(id);
      for (const stop of stops) stop();
    });
    return handle;
  }

  async function requireRecord(id: string): Promise<DossierRecord> {
    const record = await stores.library.getDossier(id);
    if (!record) throw new KnipselError('not-found', `No dossier with id ${id}.`, { id });
    return record;
  }

  async function createRecord(id: string, doc: Y.Doc, kind: DossierKind): Promise<DossierRecord> {
    const dossier = createDossier(doc);
    const meta = dossier.meta();
    const persistence = attachPersistence(doc, stores.updates, id);
    await persistence.ready;
    await persistence.flush();
    persistence.destroy();
    const record: DossierRecord = {
      id,
      name: meta.name,
      kind,
      createdAt: meta.createdAt || now(),
      updatedAt: now(),
      clipCount: liveClipCount(doc),
    };
    await stores.library.putDossier(record);
    await rebuildProjection(dossier, stores.projections, id);
    changed();
    return record;
  }

  const library = {
    /** Add an extension (see LibraryExtension); dossiers opened before are not told. */
    use(extension: LibraryExtension): void {
      extensions.push(extension);
    },

    /** Ensure the personal dossier exists (first start) and return it. */
    async ensurePersonal(name = defaultPersonalName): Promise<DossierRecord> {
      await ready();
      const id = await stores.library.getPref<string>(personalPref);
      if (id) {
        const record = await stores.library.getDossier(id);
        if (record) return record;
      }
      const record = await library.create(name, 'personal');
      await stores.library.setPref(personalPref, record.id);
      return record;
    },

    async personalId(): Promise<string | undefined> {
      return stores.library.getPref<string>(personalPref);
    },

    /**
     * Make another (existing) dossier the personal one — used when two replicas on one
     * machine first meet and agree on one personal dossier. The old one is left as it is.
     */
    async setPersonal(id: string): Promise<void> {
      await requireRecord(id);
      await stores.library.setPref(personalPref, id);
      changed();
    },

    /** Ids of dossiers deleted on this replica (tombstones, so a peer does not bring them back). */
    async deletedIds(): Promise<string[]> {
      return (await stores.library.getPref<string[]>(deletedPref)) ?? [];
    },

    /** Local-only preferences of this replica. */
    getPref: <T>(key: string) => stores.library.getPref<T>(key),
    setPref: (key: string, value: unknown) => stores.library.setPref(key, value),

    /** Dossiers: the personal one first, then by name. */
    async list(): Promise<DossierRecord[]> {
      await ready();
      const personal = await stores.library.getPref<string>(personalPref);
      const records = await stores.library.listDossiers();
      const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });
      return records.sort((a, b) => Number(b.id === personal) - Number(a.id === personal) || collator.compare(a.name, b.name));
    },

    get: (id: string) => stores.library.getDossier(id),

    async create(name: string, kind: DossierKind = 'personal'): Promise<DossierRecord> {
      const clean = parse(nameSchema, name, 'dossier name');
      const id = createId();
      const doc = new Y.Doc();
      initDossierDoc(doc, { id, name: clean, kind, now: now() });
      return createRecord(id, doc, kind);
    },

    /**
     * Add a dossier from a full doc state (a backup, or a shared dossier received from a
     * peer). The doc must carry dossier meta; it is validated before anything is stored.
     */
    /**
     * Store a dossier state as a new dossier. `state` may be a doc already holding it (a join
     * that arrived): it is stored as it is, without encoding and reading it again; the caller
     * keeps the doc and destroys it when done.
     */
    async importState(state: Uint8Array | Y.Doc, options: { id?: string; name?: string; kind?: DossierKind } = {}): Promise<DossierRecord> {
      const doc = state instanceof Y.Doc ? state : new Y.Doc();
      try {
        if (!(state instanceof Y.Doc)) Y.applyUpdate(doc, state);
      } catch (error) {
        throw new KnipselError('invalid-input', 'This is not a readable dossier state.', { cause: String(error) });
      }
      const dossier = createDossier(doc); // throws newer-version before anything is stored
      const id = options.id ?? createId();
      if (await stores.library.getDossier(id)) throw new KnipselError('conflict', `A dossier with id ${id} already exists.`);
      if (options.name !== undefined || !dossier.meta().name) dossier.updateMeta({ name: options.name ?? 'Dossier' });
      return createRecord(id, doc, options.kind ?? dossier.meta().kind);
    },

    async rename(id: string, name: string): Promise<void> {
      const clean = parse(nameSchema, name, 'dossier name');
      const handle = await library.open(id);
      handle.dossier.updateMeta({ name: clean });
      await handle.flush();
      const record = await requireRecord(id);
      await stores.library.putDossier({ ...record, name: clean, updatedAt: now() });
      changed();
    },

    /** Delete a dossier with all its data. The personal dossier cannot be deleted. */
    async remove(id: string, options: { allowPersonal?: boolean } = {}): Promise<void> {
      await requireRecord(id);
      if (id === (await stores.library.getPref<string>(personalPref)) && !options.allowPersonal) {
        throw new KnipselError('conflict', 'The personal dossier cannot be deleted.', { id });
      }
      await library.close(id);
      const deleted = (await stores.library.getPref<string[]>(deletedPref)) ?? [];
      if (!deleted.includes(id)) await stores.library.setPref(deletedPref, [...deleted, id].slice(-10_000));
      await stores.updates.remove(id);
      await stores.projections.clear(id);
      await stores.searchIndexes?.remove(id).catch(() => undefined);
      await stores.library.deleteDossier(id);
      changed();
    },

    /** Open a dossier (shared between callers until closed). */
    open(id: string): Promise<OpenDossier> {
      let handle = open.get(id);
      if (!handle) {
        handle = openNow(id);
        open.set(id, handle);
        const current = handle;
        handle.then(
          (value) => {
            if (open.get(id) === current) resolved.set(id, value);
          },
          () => open.delete(id),
        );
      }
      return handle;
    },

    isOpen: (id: string) => open.has(id),

    async close(id: string): Promise<void> {
      const handle = open.get(id);
      if (!handle) return;
      open.delete(id);
      resolved.delete(id);
      const opened = await handle.catch(() => null);
      if (!opened) return;
      await Promise.all([opened.flush().catch(() => undefined), opened.projection.flush().catch(() => undefined), opened.saveSearch()]);
      opened.persistence.destroy();
      opened.projection.destroy();
      opened.doc.destroy();
    },

    async closeAll(): Promise<void> {
      await Promise.all([...open.keys()].map((id) => library.close(id)));
    },

    /**
     * Write everything pending of every open dossier now — update logs and clip rows — for a
     * page about to be hidden or unloaded (rows otherwise follow an edit ~150 ms later; a
     * page opened in between lists the newest clip only once the doc has loaded).
     */
    async flushAll(): Promise<void> {
      await Promise.all([...resolved.values()].flatMap((handle) => [handle.flush().catch(() => undefined), handle.projection.flush().catch(() => undefined), handle.saveSearch()]));
    },

    /**
     * Clip rows from the projection: usable before the doc has loaded. Once the dossier is
     * open, waits for the projection's reconcile with the doc and its pending rows first.
     */
    async rows(id: string): Promise<ClipRow[]> {
      await resolved
        .get(id)
        ?.projection.flush()
        .catch(() => undefined);
      // Rows stored before evidence had kinds lack the new fields until the reconcile rewrites them.
      return (await stores.projections.rows(id)).map(withRowDefaults);
    },

    /** Be told when the list of dossiers or a record changes. Returns the unsubscribe. */
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return library;
}

export type Library = ReturnType<typeof createLibrary>;
