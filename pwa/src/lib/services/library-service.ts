// The one library of dossiers of this app: creates the Dexie stores and the core library
// once, and exposes what the screens need (plus preferences). Components never see Dexie.
import { createDexieStores, createLibrary, type DexieStores, type Library } from '../../../../core/index.js';

export interface LibraryService {
  library: Library;
  getPref<T>(key: string): Promise<T | undefined>;
  setPref(key: string, value: unknown): Promise<void>;
  /** Ask the browser to keep our storage (best effort; quietly ignored when refused). */
  persistStorage(): Promise<boolean>;
  /** Usage and quota in bytes, when the browser tells. */
  estimate(): Promise<{ usage: number; quota: number } | null>;
  close(): void;
}

export function createLibraryService(stores: DexieStores = createDexieStores()): LibraryService {
  const library = createLibrary(stores);
  return {
    library,
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
      void library.closeAll().finally(() => stores.close());
    },
  };
}
