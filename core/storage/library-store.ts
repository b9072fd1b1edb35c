// The storage adapter for the library: the list of dossiers and the preferences.
import type { DossierKind } from '../dossier/types.js';

/** A dossier as the library lists it (a cache of the doc's meta plus local-only settings). */
export interface DossierRecord {
  id: string;
  /** Cached from the doc's meta (the doc is the truth). */
  name: string;
  kind: DossierKind;
  createdAt: number;
  /** Last change seen locally or from a peer, ms since the epoch. */
  updatedAt: number;
  /** Clips not in the trash, as of the last projection. */
  clipCount: number;
  /** Local-only settings of a shared dossier (invite secret, relay); opaque to the library. */
  sharing?: Record<string, unknown> | null;
}

export interface LibraryStore {
  listDossiers(): Promise<DossierRecord[]>;
  getDossier(id: string): Promise<DossierRecord | undefined>;
  putDossier(record: DossierRecord): Promise<void>;
  deleteDossier(id: string): Promise<void>;
  getPref<T>(key: string): Promise<T | undefined>;
  setPref(key: string, value: unknown): Promise<void>;
}

export function createMemoryLibraryStore(): LibraryStore {
  const dossiers = new Map<string, DossierRecord>();
  const prefs = new Map<string, unknown>();
  return {
    async listDossiers() {
      return [...dossiers.values()].map((r) => structuredClone(r));
    },
    async getDossier(id) {
      const record = dossiers.get(id);
      return record && structuredClone(record);
    },
    async putDossier(record) {
      dossiers.set(record.id, structuredClone(record));
    },
    async deleteDossier(id) {
      dossiers.delete(id);
    },
    async getPref<T>(key: string) {
      return structuredClone(prefs.get(key)) as T | undefined;
    },
    async setPref(key, value) {
      prefs.set(key, structuredClone(value));
    },
  };
}
