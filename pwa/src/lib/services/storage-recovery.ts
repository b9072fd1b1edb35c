// Recovery after the browser threw the IndexedDB database away (Chromium does that when it
// finds it corrupted after a crash; see core/storage/mirrored-update-store.ts): every
// dossier the mirror (OPFS) still holds but the library no longer lists comes back, and the
// personal dossier is found again — before the app would create a new, empty one.
import * as Y from 'yjs';
import type { DossierRecord, Library, MirroredUpdateStore } from '@knipsel/core';

export async function recoverLostDossiers(library: Library, updates: MirroredUpdateStore): Promise<DossierRecord[]> {
  // Records are read one by one: list() waits for this recovery (a library extension's ready).
  const deleted = new Set(await library.deletedIds());
  const recovered: DossierRecord[] = [];
  for (const id of await updates.mirroredDocIds()) {
    if (deleted.has(id) || (await library.get(id))) continue;
    const log = await updates.loadMirror(id);
    if (log.length === 0) continue;
    try {
      recovered.push(await library.importState(log.length === 1 ? log[0] : Y.mergeUpdates(log), { id }));
    } catch (error) {
      console.warn(`Knipsel: could not recover dossier ${id}`, error);
    }
  }
  const personal = await library.personalId();
  if (!personal || !(await library.get(personal))) {
    const candidate = recovered.filter((r) => r.kind === 'personal').sort((a, b) => a.createdAt - b.createdAt)[0];
    if (candidate) await library.setPersonal(candidate.id);
  }
  if (recovered.length > 0) console.warn(`Knipsel: ${recovered.length} dossier(s) recovered from the second copy after the browser lost its database.`);
  return recovered;
}
