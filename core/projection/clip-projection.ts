// Keeps the Dexie projection of a dossier (clip rows) in step with its doc: a full
// reconcile when attached, then the rows of changed clips after each transaction.
import type { Dossier } from '../dossier/dossier.js';
import { toClipRow } from '../dossier/doc-layout.js';
import type { ClipRow } from '../dossier/types.js';
import type { ProjectionStore } from '../storage/projection-store.js';

export interface ClipProjection {
  /** Resolves when the stored rows match the doc as it was when attached. */
  readonly ready: Promise<void>;
  /** Resolves when every change so far is written. */
  flush(): Promise<void>;
  destroy(): void;
}

/** Rebuild the stored rows of a dossier from its doc (used on attach and after loss). */
export async function rebuildProjection(dossier: Dossier, store: ProjectionStore, dossierId: string): Promise<ClipRow[]> {
  const fresh = dossier.clips.all().map(toClipRow);
  const freshIds = new Set(fresh.map((r) => r.id));
  const stale = (await store.rows(dossierId)).filter((r) => !freshIds.has(r.id)).map((r) => r.id);
  if (stale.length > 0) await store.deleteRows(dossierId, stale);
  await store.putRows(dossierId, fresh);
  return fresh;
}

export function attachProjection(
  dossier: Dossier,
  store: ProjectionStore,
  dossierId: string,
  onRows?: (changed: ClipRow[], removed: string[]) => void,
): ClipProjection {
  let chain: Promise<void> = rebuildProjection(dossier, store, dossierId).then(() => undefined);
  const ready = chain;
  let pending = new Set<string>();
  let scheduled = false;

  const writePending = () => {
    scheduled = false;
    const ids = pending;
    pending = new Set();
    const changed: ClipRow[] = [];
    const removed: string[] = [];
    for (const id of ids) {
      const clip = dossier.clips.get(id);
      if (clip) changed.push(toClipRow(clip));
      else removed.push(id);
    }
    onRows?.(changed, removed);
    chain = chain.then(async () => {
      if (changed.length > 0) await store.putRows(dossierId, changed);
      if (removed.length > 0) await store.deleteRows(dossierId, removed);
    });
  };

  const unobserve = dossier.observe((change) => {
    if (change.clipIds.size === 0) return;
    change.clipIds.forEach((id) => pending.add(id));
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(writePending);
    }
  });

  return {
    ready,
    async flush() {
      if (scheduled) writePending();
      await chain;
    },
    destroy: unobserve,
  };
}
