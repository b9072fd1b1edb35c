// The storage adapter for projections: clip rows derived from a dossier doc, so lists show
// before a large doc has loaded. Always rebuildable from the doc.
import type { ClipRow } from '../dossier/types.js';

export interface ProjectionStore {
  rows(dossierId: string): Promise<ClipRow[]>;
  putRows(dossierId: string, rows: ClipRow[]): Promise<void>;
  deleteRows(dossierId: string, clipIds: string[]): Promise<void>;
  clear(dossierId: string): Promise<void>;
}

export function createMemoryProjectionStore(): ProjectionStore {
  const byDossier = new Map<string, Map<string, ClipRow>>();
  const table = (id: string) => {
    let rows = byDossier.get(id);
    if (!rows) byDossier.set(id, (rows = new Map()));
    return rows;
  };
  return {
    async rows(dossierId) {
      return [...table(dossierId).values()].map((r) => structuredClone(r));
    },
    async putRows(dossierId, rows) {
      const t = table(dossierId);
      for (const row of rows) t.set(row.id, structuredClone(row));
    },
    async deleteRows(dossierId, clipIds) {
      const t = table(dossierId);
      for (const id of clipIds) t.delete(id);
    },
    async clear(dossierId) {
      byDossier.delete(dossierId);
    },
  };
}
