// The library of dossiers on one replica: create, list, rename, delete (with the data),
// open. Opening attaches persistence, the Dexie projection and (lazily) search to the doc.
import * as Y from 'yjs';
import { isClipMap, roots } from '../dossier/doc-layout.js';
import { createDossier, initDossierDoc, type Dossier } from '../dossier/dossier.js';
import { nameSchema, parse } from '../dossier/schema.js';
import type { ClipRow, DossierKind } from '../dossier/types.js';
import { KnipselError } from '../errors.js';
import { createId } from '../ids.js';
import { attachProjection, rebuildProjection, type ClipProjection } from '../projection/clip-projection.js';
import { attachSearch, type DossierSearch } from '../search/dossier-search.js';
import { attachPersistence, type DocPersistence } from '../storage/doc-persistence.js';
import type { DossierRecord, LibraryStore } from '../storage/library-store.js';
import type { ProjectionStore } from '../storage/projection-store.js';
import type { UpdateStore } from '../storage/update-store.js';

export interface LibraryStores {
  updates: UpdateStore;
  library: LibraryStore;
  projections: ProjectionStore;
}

export interface OpenDossier {
  id: string;
  dossier: Dossier;
  doc: Y.Doc;
  persistence: DocPersistence;
  projection: ClipProjection;
  /**
   * The search index, built on first use. With `background`, a build not yet done goes on in
   * slices between other work (search meanwhile covers the clips indexed so far); without,
   * it is finished first.
   */
  search(options?: { background?: boolean }): DossierSearch;
  /**
   * Resolves when every change so far is durable in the update log (rejects with
   * `storage-full` etc.). The projection's rows follow in the background (`projection.flush()`
   * writes them now; `library.rows()` and `close()` do so themselves).
   */
  flush(): Promise<void>;
}

const personalPref = 'personalDossierId';
const deletedPref = 'deletedDossierIds';
export const defaultPersonalName = 'Mijn leerdossier';

/** Clips not in the trash, counted without reading them (for the dossier record). */
function liveClipCount(doc: Y.Doc): number {
  let count = 0;
  for (const map of roots(doc).clips.values()) if (isClipMap(map) && map.get('trashedAt') == null) count++;
  return count;
}

export function createLibrary(stores: LibraryStores, options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const open = new Map<string, Promise<OpenDossier>>();
  /** Handles of `open` that have resolved (their projection may still be reconciling). */
  const resolved = new Map<string, OpenDossier>();
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());

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

  async function openNow(id: string): Promise<OpenDossier> {
    await requireRecord(id);
    const doc = new Y.Doc({ gc: true });
    const persistence = attachPersistence(doc, stores.updates, id);
    await persistence.ready;
    const dossier = createDossier(doc, { now });
    let search: DossierSearch | null = null;
    doc.on('destroy', () => search?.destroy());
    let recordTimer: ReturnType<typeof setTimeout> | null = null;
    // Clips not in the trash, kept up to date from the projection's changed rows: counting
    // the whole doc after every edit cost milliseconds per add at 5,000 clips.
    let live: { count: number; byId: Map<string, boolean> } | null = null;
    const liveCount = () => {
      if (!live) {
        const byId = new Map<string, boolean>();
        let count = 0;
        for (const [clipId, map] of roots(doc).clips.entries()) {
          if (!isClipMap(map)) continue;
          const isLive = map.get('trashedAt') == null;
          byId.set(clipId, isLive);
          if (isLive) count++;
        }
        live = { count, byId };
      }
      return live.count;
    };
    const trackLive = (rows: ClipRow[], removed: string[]) => {
      if (!live) return;
      const set = (clipId: string, isLive: boolean | undefined) => {
        const before = live!.byId.get(clipId) ?? false;
        if (isLive === undefined) live!.byId.delete(clipId);
        else live!.byId.set(clipId, isLive);
        live!.count += Number(isLive ?? false) - Number(before);
      };
      for (const row of rows) set(row.id, !row.trashed);
      for (const clipId of removed) set(clipId, undefined);
    };
    const syncRecord = () => {
      recordTimer = null;
      void (async () => {
        const record = await stores.library.getDossier(id);
        if (!record) return;
        const meta = dossier.meta();
        await stores.library.putDossier({
          ...record,
          name: meta.name || record.name,
          kind: meta.kind,
          updatedAt: now(),
          clipCount: liveCount(),
        });
        changed();
      })().catch(() => undefined);
    };
    const projection = attachProjection(dossier, stores.projections, id, (rows, removed) => {
      trackLive(rows, removed);
      recordTimer ??= setTimeout(syncRecord, 50);
    });
    dossier.observe((change) => {
      if (change.meta) recordTimer ??= setTimeout(syncRecord, 0);
    });
    // The projection reconciles in the background (rows(id) waits for it once open).
    return {
      id,
      dossier,
      doc,
      persistence,
      projection,
      search(options = {}) {
        search ??= attachSearch(dossier, { background: options.background });
        if (!options.background) search.complete();
        return search;
      },
      flush: () => persistence.flush(),
    };
  }

  const library = {
    /** Ensure the personal dossier exists (first start) and return it. */
    async ensurePersonal(name = defaultPersonalName): Promise<DossierRecord> {
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
    async importState(state: Uint8Array, options: { id?: string; name?: string; kind?: DossierKind } = {}): Promise<DossierRecord> {
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, state);
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
      await Promise.all([opened.flush().catch(() => undefined), opened.projection.flush().catch(() => undefined)]);
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
      await Promise.all([...resolved.values()].flatMap((handle) => [handle.flush().catch(() => undefined), handle.projection.flush().catch(() => undefined)]));
    },

    /**
     * Clip rows from the projection: usable before the doc has loaded. Once the dossier is
     * open, waits for the projection's reconcile with the doc and its pending rows first.
     */
    async rows(id: string): Promise<ClipRow[]> {
      await resolved.get(id)?.projection.flush().catch(() => undefined);
      return stores.projections.rows(id);
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
