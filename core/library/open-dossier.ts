// One dossier opened on this replica: its Y.Doc loaded from the update log, with persistence,
// the clip projection, the dossier record kept up to date (name, kind, live clip count) and
// a search index built on first use. `library.open()` makes these and shares them.
import * as Y from 'yjs';
import { isClipMap, localOrigin, roots } from '../dossier/doc-layout.js';
import { createDossier, type Dossier } from '../dossier/dossier.js';
import type { ClipRow } from '../dossier/types.js';
import { attachProjection, type ClipProjection } from '../projection/clip-projection.js';
import { attachSearch, defaultSearchText, type DossierSearch, type SearchTextSource } from '../search/dossier-search.js';
import type { SearchIndexStore } from '../search/search-index-store.js';
import { attachPersistence, type DocPersistence } from '../storage/doc-persistence.js';
import type { LibraryStore } from '../storage/library-store.js';
import type { ProjectionStore } from '../storage/projection-store.js';
import type { UpdateStore } from '../storage/update-store.js';
import type { BodyStore } from '../storage/body-store.js';
import { moveBodiesOut } from '../dossier/body-migration.js';
import { readClipBody } from '../dossier/clip-bodies.js';

export interface OpenDossier {
  id: string;
  dossier: Dossier;
  doc: Y.Doc;
  persistence: DocPersistence;
  projection: ClipProjection;
  /**
   * The search index. With a search index store it is opened with the dossier (from the store
   * when it matches the doc, else built in the background) and kept there; without one it is
   * built on first use. With `background`, a build not yet done goes on in
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
  /** Write the search index to its store now if it changed (page hidden, dossier closing). */
  saveSearch(): Promise<void>;
}

/** Clips not in the trash, counted without reading them (for the dossier record). */
export function liveClipCount(doc: Y.Doc): number {
  let count = 0;
  for (const map of roots(doc).clips.values()) if (isClipMap(map) && map.get('trashedAt') == null) count++;
  return count;
}

export interface OpenDossierContext {
  stores: { updates: UpdateStore; library: LibraryStore; projections: ProjectionStore; searchIndexes?: SearchIndexStore; bodies?: BodyStore };
  now: () => number;
  /** The text each clip is found by (default: its capture without removed blocks). */
  searchText?: SearchTextSource;
  /** The dossier's record changed (name, kind, clip count): tell the library's listeners. */
  changed: () => void;
}

/** Load a dossier's doc and attach what an open dossier has. The record must exist. */
export async function openDossier(id: string, { stores, now, changed, searchText }: OpenDossierContext): Promise<OpenDossier> {
  const doc = new Y.Doc({ gc: true });
  const { bodies } = stores;
  const persistence = attachPersistence(doc, stores.updates, id, bodies ? { beforeWrite: () => bodies.written() } : {});
  // The stored search index is read while the doc loads.
  const prefetched = stores.searchIndexes?.get(id).catch(() => undefined);
  await persistence.ready;
  const dossier = createDossier(doc, { now, bodies });
  // Every dossier, shared ones too, keeps its bodies in the body store (they travel to
  // colleagues beside the doc); bodies still inline (an older dossier or replica) move out.
  if (bodies) await moveBodiesOut(doc, bodies, localOrigin);
  // Bodies stay in the body store until something reads them (the reader, an export): the
  // search reads a clip's body from there only when it indexes that clip (a rebuild, an edit).
  const source = searchText ?? defaultSearchText;
  const textOf: SearchTextSource = bodies ? (clip) => (clip.body && !clip.body.here ? readClipBody(dossier, clip).then(source) : source(clip)) : source;
  const store = stores.searchIndexes ? { indexes: stores.searchIndexes, dossierId: id } : undefined;
  // The prefetched record goes to the first attach only, so nothing holds it once it is opened.
  const attach = (background?: boolean, read?: Promise<unknown>) => attachSearch(dossier, { background, textOf, store: store && { ...store, prefetched: read } });
  let search: DossierSearch | null = store ? attach(undefined, prefetched) : null;
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
  // The projection's reconcile reads every clip (~0.3 s of main thread at 10,000 clips): it
  // starts once the open is done, not while the stored search index is still arriving.
  let opened!: () => void;
  const openDone = new Promise<void>((resolve) => (opened = resolve));
  const projection = attachProjection(
    dossier,
    stores.projections,
    id,
    (rows, removed) => {
      trackLive(rows, removed);
      recordTimer ??= setTimeout(syncRecord, 50);
    },
    { startAfter: openDone },
  );
  dossier.observe((change) => {
    if (change.meta) recordTimer ??= setTimeout(syncRecord, 0);
  });
  // Search is complete when the dossier opens if its stored index matches (else it is built
  // in the background). The projection reconciles in the background (rows(id) waits for it once open).
  try {
    await search?.loaded;
  } finally {
    opened();
  }
  return {
    id,
    dossier,
    doc,
    persistence,
    projection,
    search(options = {}) {
      search ??= attach(options.background);
      if (!options.background) search.complete();
      return search;
    },
    flush: () => persistence.flush(),
    saveSearch: () => search?.save() ?? Promise.resolve(),
  };
}
