// Garbage from outside: thousands of random and mutated inputs from every door a dossier
// has (Yjs updates, awareness, peer messages, bridge frames, signalling frames). No crash, no
// hang, and for every rejected input the local dossier — its Y.Doc state and its stored
// update log — is byte-for-byte unchanged. Each campaign runs in a worker thread with a
// watchdog; a failure names the seed and input index (replay: KNIPSEL_SEED=<seed>).
import { describe, expect, it } from 'vitest';
import type { CampaignName } from './garbage/campaigns.js';
import { pick, report, seed } from './support/mode.js';
import { runInWorker } from './support/worker-campaign.js';

const campaigns = new URL('./garbage/campaigns.ts', import.meta.url);

/** No input may take longer than this (a hang guard, generous for a shared 2-core machine). */
const hangMs = 15_000;

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
      const figures = await runInWorker(campaigns, name, count, seed + offset, hangMs);
      report(`garbage/${name}`, { ...figures, crashes: 0, hangs: 0 });
      expect(figures.inputs).toBe(count);
    });
  }
});
