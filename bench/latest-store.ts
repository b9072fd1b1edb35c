// The latest figures of every bench section, kept in bench/latest.json so that a partial run
// (`--only`) replaces the rows of the sections it ran and keeps the others' rows, each with
// the date and mode of the run that measured it. bench/latest.md and the README's table are
// rendered from it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as v from 'valibot';
import { formatTable, type BenchRow } from './table.js';

const rowSchema = v.object({
  area: v.string(),
  metric: v.string(),
  knipsel: v.number(),
  baseline: v.nullable(v.number()),
  baselineName: v.string(),
  target: v.string(),
  met: v.nullable(v.boolean()),
  digits: v.optional(v.number()),
});
const sectionSchema = v.object({
  /** ISO time of the run that measured this section. */
  at: v.string(),
  mode: v.picklist(['quick', 'full']),
  machine: v.string(),
  rows: v.array(rowSchema),
  notes: v.array(v.string()),
});
const latestSchema = v.object({ version: v.literal(1), sections: v.record(v.string(), sectionSchema) });

export type SectionResult = v.InferOutput<typeof sectionSchema>;
export type Latest = v.InferOutput<typeof latestSchema>;

/** The stored figures, or none when the file is missing or not in this shape. */
export function readLatest(file: string): Latest {
  const none: Latest = { version: 1, sections: {} };
  if (!existsSync(file)) return none;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return none;
  }
  const parsed = v.safeParse(latestSchema, data);
  return parsed.success ? parsed.output : none;
}

/** The stored figures with the sections of this run replaced. */
export function mergeLatest(latest: Latest, run: Record<string, SectionResult>): Latest {
  return { version: 1, sections: { ...latest.sections, ...run } };
}

export function writeLatest(file: string, latest: Latest): void {
  writeFileSync(file, `${JSON.stringify(latest, null, 1)}\n`);
}

/**
 * The table of every stored section in `order`, headed by the machine and when each section
 * was measured; notes follow, per section.
 */
export function renderLatest(latest: Latest, order: string[], footer: string): string {
  const names = order.filter((name) => latest.sections[name]);
  const machines = [...new Set(names.map((name) => latest.sections[name].machine))];
  const when = names.map((name) => `${name} ${latest.sections[name].at.slice(0, 10)} (${latest.sections[name].mode})`).join(', ');
  const rows: BenchRow[] = names.flatMap((name) => latest.sections[name].rows);
  const notes = names.flatMap((name) => latest.sections[name].notes);
  return [...machines, '', `Sections measured: ${when}.`, '', formatTable(rows), '', footer, ...(notes.length ? ['', 'Notes:', '', ...notes.map((n) => `- ${n}`)] : [])].join('\n');
}
