// Bodies follow the document: after a dossier's doc has synced, the clip bodies this device
// lacks are fetched from whoever has them (the extension over the bridge, a peer, the relay)
// — those asked for first (the clip on screen), then the rest in batches (two on their way at
// a time), in the background.
// Resumable by construction: each run asks only for what is still missing, so a run cut
// short (offline, closed) is picked up by the next. Transports check every body against its
// hash before they store it; what arrives is loaded into the body store's memory (what is
// already here stays in the store until something reads it).
import type { BodyStore } from '../storage/body-store.js';

export interface BodyProgress {
  /** Bodies the dossier names. */
  total: number;
  /** Of those, on this device. */
  here: number;
}

export interface FollowOptions {
  /** Fetch bodies by hash (at most `batch` at a time); resolves with the hashes stored. */
  fetch: (hashes: string[]) => Promise<string[]>;
  /** Hashes to fetch before the rest (on screen). */
  first?: string[];
  batch?: number;
  /** Batches asked for at once (the next is on its way while one is checked and stored). Default 2. */
  parallel?: number;
  onProgress?: (progress: BodyProgress) => void;
  /** Stop between batches (the dossier closed, the link went down). */
  stopped?: () => boolean;
}

/** Fetch the bodies of `hashes` this device lacks; resolves with the progress at the end. */
export async function followBodies(bodies: BodyStore, hashes: Iterable<string>, options: FollowOptions): Promise<BodyProgress> {
  const all = [...new Set(hashes)];
  const batch = options.batch ?? 100;
  const missing = new Set(await bodies.missing(all));
  const report = () => {
    const progress = { total: all.length, here: all.length - missing.size };
    options.onProgress?.(progress);
    return progress;
  };
  report();
  const order = [...new Set([...(options.first ?? []).filter((hash) => missing.has(hash)), ...missing])];
  const batches: string[][] = [];
  for (let i = 0; i < order.length; i += batch) batches.push(order.slice(i, i + batch));
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < batches.length && !failed && !options.stopped?.()) {
      const wanted = batches[next++];
      let came: string[] = [];
      try {
        came = await options.fetch(wanted);
      } catch {
        failed = true;
        return;
      }
      if (came.length === 0) continue;
      const still = new Set(await bodies.load(came));
      for (const hash of came) if (!still.has(hash)) missing.delete(hash);
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? 2) }, worker));
  return report();
}
