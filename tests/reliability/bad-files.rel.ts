// Bad files: thousands of seeded mutations of real backups and bookmark exports (truncated,
// bit-flipped, newer versions, other kinds of file, oversized or lying headers, damaged
// states re-signed to get past the checksum) through the real restore and import code, and
// hostile bookmark files built to make a parser rescan (its cost counted per character), and
// zip and backup bombs (the input read and output made before each refusal counted). No
// crash, no hang, a clear refusal (KnipselError with a Dutch sentence and a reason), and for
// every refused file the open dossier, its stored log and the library byte for byte unchanged.
// Each campaign runs in a worker with a watchdog (replay: KNIPSEL_SEED=<seed>).
import { describe, expect, it } from 'vitest';
import { pick, report, seed } from './support/mode.js';
import { runInWorker } from './support/worker-campaign.js';

const campaigns = new URL('./bad-files/campaigns.ts', import.meta.url);
const plan: Array<[string, number, number, number]> = [
  // name, inputs, seed offset, least share refused (the mutations reach the refusals)
  ['backupFiles', pick(1500, 15_000), 11, 0.25],
  ['bookmarkFiles', pick(2000, 20_000), 12, 0.25],
  ['hostileBookmarks', pick(40, 400), 13, 0.5],
  ['amplifiedFiles', pick(40, 400), 14, 0.99],
];

describe('bad files', () => {
  for (const [name, count, offset, refusedShare] of plan) {
    it(`${name}: ${count} damaged files, each works or is refused clearly and changes nothing`, { timeout: pick(180_000, 1_800_000) }, async () => {
      const figures = await runInWorker(campaigns, name, count, seed + offset);
      report(`bad-files/${name}`, { ...figures, crashes: 0, hangs: 0 });
      expect(figures.inputs).toBe(count);
      expect(figures.refused).toBeGreaterThan(count * refusedShare);
    });
  }
});
