// Files coming in, in Node (what the web app's file worker runs): a hostile 1 MiB bookmark
// file beside a real browser export of the same size (a linear parser costs the same per
// byte whatever the file holds), and a zip bomb (256 MiB inside, 1 KiB declared) refused
// beside fflate's unzipSync reading the same zip (the old way: inflate to the end). The bomb
// is one plain DEFLATE stream (test-bombs' 1 GiB one has sync-flush blocks, on which
// unzipSync gives up early).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, unzipSync } from 'fflate';
import { hostileBookmarkFile, zipOfDeflated } from '@knipsel/core/testing';
import { parseNetscapeBookmarks, readBookmarkBytes } from '@knipsel/core/import';
import { repoRoot } from '../tests/support/browser.js';
import { formatMs, repeat, spread, summarize, type BenchContext } from './lib.js';
import type { BenchRow } from './table.js';

const mebibyte = 1024 * 1024;

async function medianMs(ctx: BenchContext, work: () => unknown): Promise<{ median: number; note: string }> {
  const runs = await repeat(
    async () => {
      const started = performance.now();
      work();
      return performance.now() - started;
    },
    { warmup: 1, runs: ctx.quick ? 3 : 7, budgetMs: ctx.quick ? 10_000 : 30_000 },
  );
  return { median: summarize(runs).median, note: spread(runs) };
}

export async function runFilesBench(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const chrome = readFileSync(join(repoRoot, 'tests/fixtures/imports/chrome-bookmarks.html'), 'utf8');
  const real = chrome.repeat(Math.ceil(mebibyte / chrome.length));
  const baseline = await medianMs(ctx, () => parseNetscapeBookmarks(real));
  for (const shape of ['open-links', 'mixed'] as const) {
    const hostile = hostileBookmarkFile(shape, real.length);
    const measured = await medianMs(ctx, () => parseNetscapeBookmarks(hostile));
    rows.push({
      area: 'files',
      metric: `hostile 1 MiB bookmark file (${shape}), parse ms`,
      knipsel: measured.median,
      baseline: baseline.median,
      baselineName: 'a real 1 MiB browser export',
      target: '≤ 2×',
      met: measured.median <= 2 * baseline.median,
      digits: 1,
    });
    ctx.note(`files: ${shape} ${formatMs(measured.median)} (${measured.note}); real export ${formatMs(baseline.median)} (${baseline.note}).`);
  }

  ctx.log('files: building a 256 MiB zip bomb…');
  const bomb = zipOfDeflated('metadata_0_to_9.json', deflateSync(new Uint8Array(256 * mebibyte), { level: 9 }), 1024);
  const refused = await medianMs(ctx, () => {
    try {
      readBookmarkBytes(bomb, 'Omnivore.zip');
    } catch {
      // refused, as it should be
    }
  });
  const started = performance.now();
  unzipSync(bomb);
  const unzipMs = performance.now() - started;
  rows.push({
    area: 'files',
    metric: `zip bomb (256 MiB inside, 1 KiB declared), refused in ms`,
    knipsel: refused.median,
    baseline: unzipMs,
    baselineName: 'fflate unzipSync of the same zip (one run)',
    target: '≤ 0.1×',
    met: refused.median <= 0.1 * unzipMs,
    digits: 1,
  });
  ctx.note(
    `files: the zip bomb (${(bomb.length / 1e3).toFixed(0)} kB) was refused in ${formatMs(refused.median)} (${refused.note}); unzipSync took ${formatMs(unzipMs)} to inflate it.`,
  );
  return rows;
}
