// Garbage from outside: thousands of random and mutated inputs from every door a dossier
// has (Yjs updates, awareness, peer messages, bridge frames, signalling frames). No crash, no
// hang, and for every rejected input the local dossier — its Y.Doc state and its stored
// update log — is byte-for-byte unchanged. Each campaign runs in a worker thread with a
// watchdog; a failure names the seed and input index (replay: KNIPSEL_SEED=<seed>).
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { CampaignName, Figures } from './garbage/campaigns.js';
import { pick, report, seed } from './support/mode.js';

/** No input may take longer than this (a hang guard, generous for a shared 2-core machine). */
const hangMs = 15_000;

function runCampaign(name: CampaignName, count: number, campaignSeed: number): Promise<Figures> {
  return new Promise((resolve, reject) => {
    // The worker loads TypeScript through tsx's loader, registered inside the thread.
    const entry = new URL('./garbage/worker.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: { name, seed: campaignSeed, count } });
    let index = -1;
    let lastProgress = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - lastProgress > hangMs) {
        clearInterval(watchdog);
        void worker.terminate();
        reject(new Error(`${name}: no progress for ${hangMs} ms after input #${index} (seed ${campaignSeed}): a hang`));
      }
    }, 500);
    worker.on('message', (message: { progress?: number; figures?: Figures; error?: string; index?: number }) => {
      lastProgress = Date.now();
      if (message.progress !== undefined) index = message.progress;
      if (message.figures) {
        clearInterval(watchdog);
        void worker.terminate();
        resolve(message.figures);
      }
      if (message.error) {
        clearInterval(watchdog);
        void worker.terminate();
        reject(new Error(`${name} (seed ${campaignSeed}, input #${message.index}): ${message.error}`));
      }
    });
    worker.on('error', (error) => {
      clearInterval(watchdog);
      reject(new Error(`${name} (seed ${campaignSeed}) crashed the worker: ${error.message}`));
    });
    worker.on('exit', (code) => {
      clearInterval(watchdog);
      if (code !== 0) reject(new Error(`${name} (seed ${campaignSeed}) worker exited with ${code}`));
    });
  });
}

const plan: Array<[CampaignName, number, number]> = [
  ['yjsUpdates', pick(3000, 30_000), 1],
  ['awarenessMessages', pick(3000, 30_000), 2],
  ['peerMessages', pick(2000, 20_000), 3],
  ['bridgeFrames', pick(600, 6000), 4],
  ['signallingFrames', pick(2000, 20_000), 5],
];

describe('garbage from outside', () => {
  for (const [name, count, offset] of plan) {
    it(`${name}: ${count} inputs, rejected ones change nothing`, { timeout: pick(180_000, 1_800_000) }, async () => {
      const figures = await runCampaign(name, count, seed + offset);
      report(`garbage/${name}`, { ...figures, crashes: 0, hangs: 0 });
      expect(figures.inputs).toBe(count);
    });
  }
});
