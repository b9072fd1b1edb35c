// Shared helpers of `npm run bench`: options, statistics, bounded repetition, CPU-profile
// summaries. Every loop here is bounded in count and in time.
import { percentile } from './table.js';

export interface BenchOptions {
  quick: boolean;
  /** Sections to run (empty = all). */
  only: string[];
  /** Run `npm run build` first when dist/ is missing. */
  build: boolean;
  /** Record CPU profiles where a section supports it and summarise them in the notes. */
  profile: boolean;
  /** Also write the table into README.md's "## Benchmarks" section. */
  readme: boolean;
}

export interface BenchContext extends BenchOptions {
  /** Progress on stderr (not part of the table). */
  log(line: string): void;
  /** A note printed under the table (and into bench/latest.md). */
  note(text: string): void;
}

export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function summarize(values: number[]): Summary {
  return {
    n: values.length,
    median: percentile(values, 50),
    p95: percentile(values, 95),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/** "median of 5, ±8%": half the range of the per-run values, relative to their median. */
export function spread(runValues: number[], what = 'median'): string {
  const values = runValues.filter((v) => Number.isFinite(v));
  if (values.length === 0) return 'no runs';
  const median = percentile(values, 50);
  const half = (Math.max(...values) - Math.min(...values)) / 2;
  const pct = median === 0 ? 0 : (half / Math.abs(median)) * 100;
  return `${what} of ${values.length}, ±${pct.toFixed(0)}%`;
}

/**
 * Repeat `work` `warmup + runs` times, keeping the last `runs` results, but stop early (after
 * at least `minRuns` timed runs) once `budgetMs` has passed.
 */
export async function repeat<T>(work: (run: number, warmup: boolean) => Promise<T>, options: { warmup: number; runs: number; budgetMs: number; minRuns?: number }): Promise<T[]> {
  const start = performance.now();
  const minRuns = options.minRuns ?? 2;
  const out: T[] = [];
  for (let k = 0; k < options.warmup + options.runs; k++) {
    const warmup = k < options.warmup;
    const result = await work(k, warmup);
    if (!warmup) out.push(result);
    if (!warmup && out.length >= minRuns && performance.now() - start > options.budgetMs) break;
  }
  return out;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
}

// ---- CPU profiles (the CDP `Profiler.stop` format, from Chromium or node:inspector) ----

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileEntry {
  name: string;
  selfMs: number;
  totalMs: number;
}

/** Top functions by self time, with their inclusive (total) time. */
export function topFunctions(profile: CpuProfile, limit = 12): ProfileEntry[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const key = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? url.replace(/^.*\/(node_modules\/)?/, (m, nm: string | undefined) => (nm ? 'node_modules/' : '')).replace(/\?.*$/, '') : '';
    const fromPath = url.match(/node_modules\/([^/]+(?:\/[^/]+)?)\//)?.[1];
    return `${functionName || '(anonymous)'} ${fromPath ? `[${fromPath}]` : file ? `[${file}:${lineNumber + 1}]` : ''}`.trim();
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    let node = byId.get(samples[i]);
    if (!node) continue;
    self.set(key(node), (self.get(key(node)) ?? 0) + ms);
    const seen = new Set<string>();
    while (node) {
      const k = key(node);
      if (!seen.has(k)) {
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + ms);
      }
      const up = parent.get(node.id);
      node = up === undefined ? undefined : byId.get(up);
    }
  }
  return [...self.entries()]
    .filter(([name]) => !/^\((idle|program|root)\)/.test(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, selfMs]) => ({ name, selfMs, totalMs: total.get(name) ?? selfMs }));
}

/** Inclusive time of the functions whose name matches, e.g. /rebuildProjection|applyUpdate/. */
export function inclusiveTimes(profile: CpuProfile, pattern: RegExp): ProfileEntry[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const total = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    const seen = new Set<string>();
    let node = byId.get(samples[i]);
    while (node) {
      const name = node.callFrame.functionName;
      if (name && pattern.test(name) && !seen.has(name)) {
        seen.add(name);
        total.set(name, (total.get(name) ?? 0) + ms);
      }
      const up = parent.get(node.id);
      node = up === undefined ? undefined : byId.get(up);
    }
  }
  return [...total.entries()].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, selfMs: 0, totalMs: ms }));
}

export function profileTable(entries: ProfileEntry[]): string {
  return entries.map((e) => `    ${e.selfMs.toFixed(0).padStart(6)} ms self ${e.totalMs.toFixed(0).padStart(6)} ms total  ${e.name}`).join('\n');
}
