// Each dossier's history on this device: a library extension that watches every dossier the
// app opens (core's `watchHistory`) and keeps its entries in the library's prefs
// (`history.<dossierId>`, newest first, coalesced and capped by core's `appendHistory`),
// written a moment after a burst of changes and when the page is hidden. Entries that need
// the user's attention now (a concurrent edit lost, an edit that met a trash) go to
// `onNotice` listeners. Local to the device: each member keeps what their replica saw.
import { appendHistory, watchHistory, type HistoryEntry, type LibraryExtension } from '@knipsel/core';

interface Prefs {
  getPref<T>(key: string): Promise<T | undefined>;
  setPref(key: string, value: unknown): Promise<void>;
}

const historyPref = (dossierId: string) => `history.${dossierId}`;
const writeDelayMs = 1000;

export interface HistoryService {
  extension: LibraryExtension;
  /** The dossier's entries, newest first (loaded from the prefs when not open). */
  entries(dossierId: string): Promise<HistoryEntry[]>;
  /** Called with a dossier's whole list whenever it changes. */
  onChange(listener: (dossierId: string, entries: HistoryEntry[]) => void): () => void;
  /** Called with entries that carry a conflict or a notice, as they happen. */
  onNotice(listener: (dossierId: string, entries: HistoryEntry[]) => void): () => void;
  /** Write every pending list now. */
  flush(): Promise<void>;
}

export function createHistoryService(prefs: Prefs): HistoryService {
  const logs = new Map<string, HistoryEntry[]>();
  const loading = new Map<string, Promise<HistoryEntry[]>>();
  const dirty = new Set<string>();
  const changeListeners = new Set<(dossierId: string, entries: HistoryEntry[]) => void>();
  const noticeListeners = new Set<(dossierId: string, entries: HistoryEntry[]) => void>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const load = (id: string): Promise<HistoryEntry[]> => {
    const known = logs.get(id);
    if (known) return Promise.resolve(known);
    let pending = loading.get(id);
    if (!pending) {
      pending = prefs.getPref<HistoryEntry[]>(historyPref(id)).then(
        (stored) => {
          loading.delete(id);
          // Entries that arrived while loading are newer than the stored ones.
          const merged = [...(logs.get(id) ?? []), ...(Array.isArray(stored) ? stored : [])];
          logs.set(id, merged);
          return merged;
        },
        () => {
          loading.delete(id);
          return logs.get(id) ?? [];
        },
      );
      loading.set(id, pending);
    }
    return pending;
  };

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const ids = [...dirty];
    dirty.clear();
    for (const id of ids) {
      await load(id);
      await prefs.setPref(historyPref(id), logs.get(id) ?? []).catch((error) => console.warn('Knipsel: history not saved', error));
    }
  }

  function add(id: string, entries: HistoryEntry[]): void {
    logs.set(id, appendHistory(logs.get(id) ?? [], entries));
    dirty.add(id);
    timer ??= setTimeout(() => void flush(), writeDelayMs);
    void load(id).then((all) => changeListeners.forEach((listener) => listener(id, all)));
    const notable = entries.filter((e) => e.conflict || e.notice);
    if (notable.length > 0) noticeListeners.forEach((listener) => listener(id, notable));
  }

  if (typeof document !== 'undefined') {
    addEventListener('pagehide', () => void flush());
  }

  return {
    extension: {
      onOpen(handle) {
        void load(handle.id);
        return watchHistory(handle.doc, (entries) => add(handle.id, entries));
      },
    },
    entries: load,
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onNotice(listener) {
      noticeListeners.add(listener);
      return () => noticeListeners.delete(listener);
    },
    flush,
  };
}
