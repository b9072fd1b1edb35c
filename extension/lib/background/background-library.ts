// The background's replica of the dossiers: one Dexie database on the extension origin,
// opened lazily (a service worker may start for any event) with the personal dossier ensured.
import {
  type Clip,
  comparableUrl,
  createBodyCollector,
  createBodyStore,
  createDexieBlobStore,
  createDexieStores,
  createLibrary,
  type BlobStore,
  type Library,
} from '@knipsel/core';
import { loadSettings } from '../settings/settings.js';

export function createLibraryService(name = 'knipsel') {
  let ready: Promise<Library> | null = null;
  let keptFiles: BlobStore | null = null;
  /** Files kept with clips (a PDF, a page's images), by hash: the same store the PDF host writes. */
  const files = () => (keptFiles ??= createDexieBlobStore(name));

  function library(): Promise<Library> {
    ready ??= (async () => {
      // Clip bodies are blobs of the same store: the bridge hands them to the app as it hands kept files.
      const stores = createDexieStores(name);
      const bodies = createBodyStore(files());
      const lib = createLibrary({ ...stores, bodies });
      await lib.ensurePersonal();
      // Bodies no dossier here names any more (a clip deleted for good, in the app or by a
      // merge) are collected a while after the worker starts; a worker stopped before then
      // leaves them for its next start.
      void createBodyCollector({ library: lib, updates: stores.updates, blobs: files(), bodies, prefs: stores.library }).schedule(30_000);
      return lib;
    })();
    ready.catch(() => (ready = null));
    return ready;
  }

  async function open(dossierId: string) {
    return (await library()).open(dossierId);
  }

  /** The dossier clips go to by default: the one chosen in the options if it exists, else the personal one. */
  async function defaultDossierId(): Promise<string> {
    const lib = await library();
    const { defaultDossierId } = await loadSettings();
    if (defaultDossierId && (await lib.get(defaultDossierId))) return defaultDossierId;
    return (await lib.ensurePersonal()).id;
  }

  /** Clips with this address in any dossier, the default dossier's first. */
  async function findByUrl(urls: string[]): Promise<{ dossierId: string; clip: Clip }[]> {
    const lib = await library();
    const first = await defaultDossierId();
    const records = (await lib.list()).sort((a, b) => Number(b.id === first) - Number(a.id === first));
    const found: { dossierId: string; clip: Clip }[] = [];
    const seen = new Set<string>();
    const keys = [...new Set(urls.filter(Boolean).map(comparableUrl))];
    for (const record of records) {
      const handle = await lib.open(record.id);
      for (const url of keys) {
        for (const clip of handle.dossier.clips.findByUrl(url)) {
          if (seen.has(clip.id)) continue;
          seen.add(clip.id);
          found.push({ dossierId: record.id, clip });
        }
      }
    }
    return found;
  }

  return { library, open, defaultDossierId, findByUrl, files };
}

export type LibraryService = ReturnType<typeof createLibraryService>;
