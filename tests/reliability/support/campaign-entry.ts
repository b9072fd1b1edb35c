// Worker side of runInWorker (worker-campaign.ts): loads the campaign module, runs the named
// campaign and reports progress (throttled) and its figures or the first failure.
import { parentPort, workerData } from 'node:worker_threads';
import { createRng, type Rng } from './prng.js';

type Campaign = (rng: Rng, count: number, progress: (index: number) => void) => Promise<Record<string, number>>;
const { moduleUrl, name, seed, count } = workerData as { moduleUrl: string; name: string; seed: number; count: number };
let last = -1;
let lastAt = 0;
const progress = (index: number) => {
  last = index;
  const now = Date.now();
  if (now - lastAt > 200) {
    lastAt = now;
    parentPort!.postMessage({ progress: index });
  }
};
import(moduleUrl)
  .then((module: Record<string, Campaign>) => module[name](createRng(seed), count, progress))
  .then(
    (figures) => parentPort!.postMessage({ figures }),
    (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error), index: last }),
  );
