// Keeps the Dexie projection of a dossier (clip rows) in step with its doc: a reconcile in
// the background after attaching (only rows that differ are written), then the rows of
// changed clips, written in the background shortly after the change. The rows are a cache
// (the doc is the truth; a reconcile on the next open repairs rows lost to a crash), so they
// stay off an edit's path to durable: a burst of edits — typing a reflection, an import, a
// peer's sync — becomes one write.
import type { Dossier } from '../dossier/dossier.js';
import { roots, toClipRow } from '../dossier/doc-layout.js';
import type { ClipRow } from '../dossier/types.js';
import type { ProjectionStore } from '../storage/projection-store.js';

export interface ClipProjection {
  /** Resolves when the stored rows match the doc (the reconcile after attaching is done). */
  readonly ready: Promise<void>;
  /** Write the rows of every change so far now; resolves when they are stored. */
  flush(): Promise<void>;
  destroy(): void;
}

/** Rows derived per step before the reconcile yields to the event loop (keeps the UI responsive). */
const chunk = 500;
/** How long changed rows wait before they are written (edits meanwhile join the same write). */
export const rowWriteDelayMs = 150;
const yieldNow = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** True when two rows carry the same values (the stored row needs no write). */
export function sameRow(a: ClipRow, b: ClipRow): boolean {
  const keys = Object.keys(a) as Array<keyof ClipRow>;
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
    } else if (x !== y) return false;
  }
  return true;
}

/**
 * Bring the stored rows of a dossier in line with its doc (used on attach and after loss):
 * rows that are missing or differ are written, rows of clips no longer in the doc deleted.
 * Returns the rows of the doc.
 */
export async function rebuildProjection(dossier: Dossier, store: ProjectionStore, dossierId: string, options: { yieldBetweenChunks?: boolean } = {}): Promise<ClipRow[]> {
  const stored = new Map((await store.rows(dossierId)).map((row) => [row.id, row]));
  const ids = clipIds(dossier);
  const fresh: ClipRow[] = [];
  const changed: ClipRow[] = [];
  for (let i = 0; i < ids.length; i += chunk) {
    if (i > 0 && options.yieldBetweenChunks) await yieldNow();
    for (const id of ids.slice(i, i + chunk)) {
      const clip = dossier.clips.get(id);
      if (!clip) continue; // removed meanwhile (the change feed writes that)
      const row = toClipRow(clip);
      fresh.push(row);
      const old = stored.get(id);
      if (!old || !sameRow(old, row)) changed.push(row);
    }
  }
  const freshIds = new Set(fresh.map((r) => r.id));
  const stale = [...stored.keys()].filter((id) => !freshIds.has(id) && !dossier.clips.has(id));
  if (stale.length > 0) await store.deleteRows(dossierId, stale);
  if (changed.length > 0) await store.putRows(dossierId, changed);
  return fresh;
}

/** Ids of the clips in the doc (valid ones; see isClipMap), without reading them. */
function clipIds(dossier: Dossier): string[] {
  const ids: string[] = [];
  for (const id of roots(dossier.doc).clips.keys()) if (dossier.clips.has(id)) ids.push(id);
  return ids;
}

/**
 * Keep the stored rows in step with the doc. The first reconcile starts on the next task
 * (or once `startAfter` has settled: an open dossier starts it when the open is done, so
 * reading every clip does not compete with the open), so a caller that opens a dossier is
 * not held up by it; `ready` tells when it is done. Changes meanwhile are recorded from the start.
 */
export function attachProjection(
  dossier: Dossier,
  store: ProjectionStore,
  dossierId: string,
  onRows?: (changed: ClipRow[], removed: string[]) => void,
  options: { delayMs?: number; startAfter?: Promise<unknown> } = {},
): ClipProjection {
  const delayMs = options.delayMs ?? rowWriteDelayMs;
  let destroyed = false;
  const start = (options.startAfter ?? Promise.resolve()).then(yieldNow, yieldNow);
  let chain: Promise<void> = start.then(async () => {
    if (!destroyed) await rebuildProjection(dossier, store, dossierId, { yieldBetweenChunks: true });
  });
  const ready = chain;
  ready.catch(() => undefined); // callers need not wait for it; flush() still reports a failure
  let pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const writePending = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
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
    const write = async () => {
      if (changed.length > 0) await store.putRows(dossierId, changed);
      if (removed.length > 0) await store.deleteRows(dossierId, removed);
    };
    chain = chain.then(write, write);
  };

  const unobserve = dossier.observe((change) => {
    if (change.clipIds.size === 0) return;
    change.clipIds.forEach((id) => pending.add(id));
    timer ??= setTimeout(writePending, delayMs);
  });

  return {
    ready,
    async flush() {
      if (timer !== null) writePending();
      await chain;
    },
    destroy() {
      // Rows not yet written are left to the reconcile of the next open (callers that close
      // a dossier flush first).
      destroyed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      unobserve();
    },
  };
}
