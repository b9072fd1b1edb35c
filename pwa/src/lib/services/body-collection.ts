// Collecting clip bodies (and kept images) that no dossier on this device names any more
// (core's `collectBodies`: mark and sweep with a grace period of a day), at calm moments:
// a while after the app opens and after the trash is emptied, each time in idle time, one
// collection at a time. A failure only means the garbage waits for the next collection.
import { collectBodies, libraryDocs, type BlobStore, type BodyStore, type Library, type LibraryStore, type UpdateStore } from '@knipsel/core';

const marksPref = 'bodyCollection.marks';

export interface BodyCollector {
  /** Collect in idle time after `delayMs` (default: at once); a collection asked for while one is waiting or running joins it. */
  schedule(delayMs?: number): Promise<void>;
}

export function createBodyCollector(parts: { library: Library; updates: UpdateStore; blobs: BlobStore; bodies: BodyStore; prefs: LibraryStore }): BodyCollector {
  let queued: Promise<void> | null = null;
  let running: Promise<void> = Promise.resolve();
  const idle = () =>
    new Promise<void>((resolve) => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 10_000 });
      else setTimeout(resolve, 0);
    });
  const collect = async () => {
    const result = await collectBodies({
      blobs: parts.blobs,
      bodies: parts.bodies,
      docs: () => libraryDocs(parts.library, parts.updates),
      marks: { load: () => parts.prefs.getPref(marksPref), save: (marks) => parts.prefs.setPref(marksPref, marks) },
    });
    if (result.swept.length) console.info(`Knipsel: ${result.swept.length} unused bodies removed`);
  };
  return {
    schedule(delayMs = 0) {
      queued ??= (async () => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        await running;
        await idle();
        queued = null;
        running = collect().catch((error: unknown) => console.warn('Knipsel: unused bodies not collected', error));
        await running;
      })();
      return queued;
    },
  };
}
