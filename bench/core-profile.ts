// Where a cold library.open() and a burst of adds spend their time: one more open under
// Chromium's sampling profiler, on the profile the core bench wrote (`--profile`).
import { openSession } from './browser-harness.js';
import { inclusiveTimes, profileTable, topFunctions, type BenchContext, type CpuProfile } from './lib.js';

const fmtSize = (n: number) => n.toLocaleString('en-US');

/** One more cold open, under the CPU profiler: where does library.open() spend its time? */
export async function profileOpen(ctx: BenchContext, profileDir: string, url: string, id: string, n: number): Promise<void> {
  const s = await openSession(profileDir, url, 'knipselBenchReady');
  try {
    await s.cdp.send('Profiler.enable');
    await s.cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await s.cdp.send('Profiler.start');
    const open = await s.page.evaluate((dossierId) => window.knipselBench.openKnipsel(dossierId), id);
    const { profile: openProfile } = await s.cdp.send('Profiler.stop');
    await s.page.evaluate(() => window.knipselBench.settle());
    await s.cdp.send('Profiler.start');
    const adds = await s.page.evaluate((from) => window.knipselBench.addKnipsel(from, 0, 20), n + 10_000);
    const { profile: addProfile } = await s.cdp.send('Profiler.stop');
    const phases =
      /^(openNow|attachPersistence|rebuildProjection|applyUpdate|readClip|toClipRow|excerptOf|createDossier|migrate|all|rows|putRows|bulkPut|load|toArray|mergeUpdates|readUpdateV2|syncRecord|writePending|validClips|isClipMap)$/;
    ctx.note(
      `profile: core ${fmtSize(n)} cold library.open() = ${open.ms.toFixed(0)} ms under the profiler. Top self time:\n` +
        profileTable(topFunctions(openProfile as CpuProfile, 12)) +
        '\n  Inclusive time of the phases:\n' +
        profileTable(inclusiveTimes(openProfile as CpuProfile, phases)),
    );
    ctx.note(
      `profile: core ${fmtSize(n)}, 20 × (clips.add + flush), samples ${adds.map((a) => a.toFixed(0)).join(', ')} ms. Top self time:\n` +
        profileTable(topFunctions(addProfile as CpuProfile, 10)) +
        '\n  Inclusive time of the phases:\n' +
        profileTable(inclusiveTimes(addProfile as CpuProfile, phases)),
    );
  } finally {
    await s.close();
  }
}
