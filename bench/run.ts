// `npm run bench`: measures Knipsel where users feel it and prints ONE markdown table, each
// figure beside a baseline measured in the same run. Also writes the table to
// bench/latest.md for the README (a partial run replaces only its sections' rows, see
// latest-store.ts). Never part of `npm test`.
//
//   npm run bench                       all sections, full sizes
//   npm run bench -- --quick            smaller sizes, fewer runs
//   npm run bench -- --only core,size   some sections (capture, snippets, core, search, size, clip, app, sync, bridge, files, suggest, pdf)
//   npm run bench -- --build            run `npm run build` first when dist/ is missing
//   npm run bench -- --profile          CPU-profile the slow paths; summaries in the notes
//   npm run bench -- --readme           also put the table into README.md's "## Benchmarks"
//   (KNIPSEL_DIST=.tmp/dist-x picks another build; BENCH_SIZES=5000 narrows the core sizes)
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../tests/support/browser.js';
import { runAppColdStartBench } from './app-bench.js';
import { runBridgeBench } from './bridge-bench.js';
import { runClipInBrowserBench } from './clip-bench.js';
import { chromiumVersion } from './browser-harness.js';
import { runCoreBench, runSearchBench } from './core-bench.js';
import { runFilesBench } from './files-bench.js';
import { runPdfBench } from './pdf-bench.js';
import { runSnippetsBench } from './snippets-bench.js';
import { formatMs, type BenchContext, type BenchOptions } from './lib.js';
import { extensionDist, pwaDist, runSizeBench } from './size-bench.js';
import { runSuggestBench } from './suggest-bench.js';
import { runSyncBench } from './sync-bench.js';
import { runAppSyncBench } from './app-sync-bench.js';
import { writeReadmeSection } from './readme-section.js';
import { formatTable, type BenchRow } from './table.js';
import { mergeLatest, readLatest, renderLatest, writeLatest, type SectionResult } from './latest-store.js';

type Section = { name: string; run: (ctx: BenchContext) => Promise<BenchRow[]> };

/** The capture section lives in bench/capture-bench.ts (another engineer's); load it if present. */
async function runCapture(ctx: BenchContext): Promise<BenchRow[]> {
  const file = join(repoRoot, 'bench/capture-bench.ts');
  if (!existsSync(file)) {
    ctx.note('capture: section not available (bench/capture-bench.ts does not exist yet).');
    return [];
  }
  const mod = (await import(pathToFileURL(file).href)) as { runCaptureBench?: (options: { quick: boolean; note: (text: string) => void }) => Promise<BenchRow[]> };
  if (typeof mod.runCaptureBench !== 'function') {
    ctx.note('capture: section not available (bench/capture-bench.ts has no runCaptureBench export).');
    return [];
  }
  return mod.runCaptureBench({ quick: ctx.quick, note: ctx.note });
}

export const sections: Section[] = [
  { name: 'capture', run: runCapture },
  { name: 'snippets', run: runSnippetsBench },
  { name: 'clip', run: runClipInBrowserBench },
  { name: 'core', run: runCoreBench },
  { name: 'search', run: runSearchBench },
  { name: 'app', run: runAppColdStartBench },
  { name: 'sync', run: async (ctx) => [...(await runSyncBench(ctx)), ...(await runAppSyncBench(ctx))] },
  { name: 'bridge', run: runBridgeBench },
  { name: 'files', run: runFilesBench },
  { name: 'suggest', run: runSuggestBench },
  { name: 'pdf', run: runPdfBench },
  { name: 'size', run: runSizeBench },
];

export function parseArgs(argv: string[]): BenchOptions {
  const options: BenchOptions = { quick: false, only: [], build: false, profile: false, readme: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--build') options.build = true;
    else if (arg === '--profile') options.profile = true;
    else if (arg === '--readme') options.readme = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (argv[++i] ?? '');
      options.only.push(
        ...value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
    } else if (arg === '--help' || arg === '-h') {
      console.log('npm run bench -- [--quick] [--only capture,snippets,clip,core,search,app,sync,bridge,files,suggest,pdf,size] [--build] [--profile] [--readme]');
      process.exit(0);
    } else {
      console.error(`Unknown option ${arg} (try --help).`);
      process.exit(2);
    }
  }
  const unknown = options.only.filter((name) => !sections.some((s) => s.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown section(s): ${unknown.join(', ')}. Sections: ${sections.map((s) => s.name).join(', ')}.`);
    process.exit(2);
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const notes: string[] = [];
  const log = (line: string) => process.stderr.write(`[bench ${formatMs(performance.now() - started).padStart(7)}] ${line}\n`);
  // Notes go to the section that is running (for bench/latest.json), or to this run's own list.
  let sectionNotes: string[] = notes;
  const ctx: BenchContext = { ...options, log, note: (text) => sectionNotes.push(text) };
  const wanted = sections.filter((s) => options.only.length === 0 || options.only.includes(s.name));

  const needsDist = wanted.some((s) => ['size', 'app', 'clip', 'sync', 'bridge'].includes(s.name));
  if (needsDist && options.build && (!existsSync(join(pwaDist, 'index.html')) || !existsSync(join(extensionDist, 'manifest.json')))) {
    log('building the web app and the extension (npm run build)…');
    const result = spawnSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000 });
    if (result.status !== 0) notes.push(`build: \`npm run build\` failed (exit ${result.status}); sections that need dist/ say so below.`);
  }

  const chromium = await chromiumVersion().catch(() => 'unavailable');
  const cpu = cpus();
  const header =
    `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()} ${arch()}; ` +
    `Node ${process.version}; Chromium ${chromium}. Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}. ` +
    `Mode: ${options.quick ? 'quick' : 'full'}${options.only.length ? `, only ${options.only.join(',')}` : ''}.`;

  const rows: BenchRow[] = [];
  const measured: Record<string, SectionResult> = {};
  for (const section of wanted) {
    const t0 = performance.now();
    log(`section ${section.name}…`);
    sectionNotes = [];
    let failed = false;
    try {
      const sectionRows = await section.run(ctx);
      rows.push(...sectionRows);
      measured[section.name] = {
        at: new Date().toISOString(),
        mode: options.quick ? 'quick' : 'full',
        machine: header.split('. Date:')[0] + '.',
        rows: sectionRows,
        notes: sectionNotes,
      };
    } catch (error) {
      failed = true;
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      sectionNotes.push(`${section.name}: section failed — ${message}`);
      log(`section ${section.name} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
    }
    notes.push(...sectionNotes);
    sectionNotes = notes;
    log(`section ${section.name} done${failed ? ' (failed: its stored figures stay)' : ''} in ${formatMs(performance.now() - t0)}`);
  }

  const table = formatTable(rows);
  const total = formatMs(performance.now() - started);
  const footer = `Ratios are Knipsel ÷ baseline; timings vary between machines, ratios and counts are what matter. Bench took ${total}.`;
  const text = [header, '', table, '', footer, ...(notes.length ? ['', 'Notes:', '', ...notes.map((n) => `- ${n}`)] : [])].join('\n');
  console.log(text);
  // bench/latest.json keeps every section's latest figures; latest.md and the README show them all.
  const latestFile = join(repoRoot, 'bench/latest.json');
  const latest = mergeLatest(readLatest(latestFile), measured);
  writeLatest(latestFile, latest);
  const merged = renderLatest(
    latest,
    sections.map((s) => s.name),
    'Ratios are Knipsel ÷ baseline; timings vary between machines, ratios and counts are what matter.',
  );
  writeFileSync(join(repoRoot, 'bench/latest.md'), `${merged}\n`);
  log(`wrote bench/latest.json and bench/latest.md (${Object.keys(measured).join(', ') || 'no section'} replaced)`);
  if (options.readme) {
    writeReadmeSection(merged);
    log('wrote the "## Benchmarks" section of README.md');
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
