// Quick (part of `npm test`) or full (`npm run test:reliability`) runs, the seed that makes a
// run replayable, and the one line per part that states what was tried and what was seen.
export const fullRun = process.env.KNIPSEL_RELIABILITY === 'full';

/** Quick runs use a fixed seed (CI stays deterministic); full runs a new one each time. */
export const seed = process.env.KNIPSEL_SEED ? Number(process.env.KNIPSEL_SEED) : fullRun ? Date.now() % 2 ** 31 : 20261201;

/** `quick` in `npm test`, `full` in `npm run test:reliability`. */
export const pick = <T>(quick: T, full: T): T => (fullRun ? full : quick);

export function report(part: string, figures: Record<string, number | string>): void {
  const text = Object.entries(figures)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  console.log(`[reliability] ${part} (${fullRun ? 'full' : 'quick'}, seed ${seed}): ${text}`);
}
