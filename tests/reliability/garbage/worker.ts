// Runs one garbage campaign in a worker thread, announcing each input before it is tried, so
// the test (garbage.rel.ts) can tell a hang from slow progress and name the input that hung.
import { parentPort, workerData } from 'node:worker_threads';
import { createRng } from '../support/prng.js';
import { campaigns, type CampaignName } from './campaigns.js';

const { name, seed, count } = workerData as { name: CampaignName; seed: number; count: number };
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
campaigns[name](createRng(seed), count, progress).then(
  (figures) => parentPort!.postMessage({ figures }),
  (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error), index: last }),
);
