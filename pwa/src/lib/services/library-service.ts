// The one library of dossiers of this app: creates the Dexie stores and the core library
// once, and exposes what the screens need (plus preferences). Components never see Dexie.
import {
  createBodyCollector,
  createBodyStore,
  createDexieBlobStore,
  createDexieSearchIndexStore,
  createDexieStores,
  createLibrary,
  createMirroredUpdateStore,
  createOpfsUpdateStore,
  type BlobStore,
  type BodyStore,
  type DexieStores,
  type Library,
  type SearchIndexStore,
} from '@knipsel/core';
import { createHistoryService, type HistoryService } from './history-service.js';
import { recoverLostDossiers } from './storage-recovery.js';
import { tabSyncExtension } from './tab-sync-service.js';

export interface LibraryService {
  library: Library;
  /** Files beside the dossiers on this device (content-addressed): attachments, kept PDFs, shared photos. */
  blobs: BlobStore;
  /** Clip bodies (html, markdown, text) by hash, kept as blobs of `blobs`. */
  bodies: BodyStore;
  /** Each dossier's history on this device (who changed what, lost values). */
  history: HistoryService;
  /** Remove bodies no dossier here names any more, in idle time (after the trash is emptied). */
  collectBodies(): Promise<void>;
  getPref<T>(key: string): Promise<T | undefined>;
  setPref(key: string, value: unknown): Promise<void>;
  /** Ask the browser to keep our storage (best effort; quietly ignored when refused). */
  persistStorage(): Promise<boolean>;
  /** Usage and quota in bytes, when the browser tells. */
  estimate(): Promise<{ usage: number; quota: number } | null>;
  close(): void;
}

export function createLibraryService(
  stores: DexieStores = createDexieStores(),
  blobs: BlobStore = createDexieBlobStore(),
  searchIndexes: SearchIndexStore & { close?(): void } = createDexieSearchIndexStore(),
): LibraryService {
  // Every update also goes to a second copy on the Origin Private File System: Chromium
  // deletes a corrupted IndexedDB database after a crash, and dossiers must survive that.
  const updates = createMirroredUpdateStore(stores.updates, createOpfsUpdateStore(), {
    onMirrorError: (error) => console.warn('Knipsel: the second copy could not be written', error),
  });
  const bodies = createBodyStore(blobs);
  // Each dossier's search index is kept too, so search is complete as soon as a dossier opens.
  const library = createLibrary({ updates, library: stores.library, projections: stores.projections, searchIndexes, bodies });
  // Other tabs of the app hold their own copy of each dossier: keep them in step.
  library.use(tabSyncExtension());
  // Who changed what in each open dossier, kept on this device.
  const history = createHistoryService(stores.library);
  library.use(history.extension);
  // Bring back dossiers the database lost before anything lists dossiers or makes a new
  // personal one (both wait for an extension's `ready`).
  library.use({ ready: recoverLostDossiers(library, updates).catch((error) => console.warn('Knipsel: recovery failed', error)) });
  // Bodies (and kept images) no dossier names any more go at calm moments: a while after
  // the app opens, and after the trash is emptied (clip-actions.ts).
  const collector = createBodyCollector({ library, updates, blobs, bodies, prefs: stores.library });
  if (typeof document !== 'undefined') void collector.schedule(15_000);
  // Leaving the page (reload, tab closed, app switched away on a phone): write the clip rows
  // and the search index that would follow an edit a moment later, so the list and search
  // open complete next time. Best
  // effort: an unload can still cut the write short; the list then fills in once the
  // dossier has loaded (the rows are a cache of it).
  if (typeof document !== 'undefined') {
    const writeNow = () => void library.flushAll();
    addEventListener('pagehide', writeNow);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') writeNow();
    });
  }
  return {
    library,
    blobs,
    bodies,
    history,
    collectBodies: () => collector.schedule(),
    getPref: (key) => stores.library.getPref(key),
    setPref: (key, value) => stores.library.setPref(key, value),
    async persistStorage() {
      try {
        return (await navigator.storage?.persist?.()) ?? false;
      } catch {
        return false;
      }
    },
    async estimate() {
      try {
        const estimate = await navigator.storage?.estimate?.();
        return estimate ? { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 } : null;
      } catch {
        return null;
      }
    },
    close() {
      void library.closeAll().finally(() => {
        stores.close();
        searchIndexes.close?.();
      });
    },
  };
}
