// One row of `npm run bench`'s table: a Knipsel figure beside a baseline measured in the
// same run, and the ratio between them. Sections (capture, core, sync, …) each return rows.

export interface BenchRow {
  /** Section, e.g. "capture", "core 5,000". */
  area: string;
  /** What is measured, e.g. "text F1", "median ms/page". */
  metric: string;
  /** Knipsel's figure. */
  knipsel: number;
  /** The baseline's figure (same run), or null where there is none. */
  baseline: number | null;
  /** What the baseline is, e.g. "Readability 0.6". */
  baselineName: string;
  /** Target as text, e.g. "> both", "≤ 1.5×", or "" when none. */
  target: string;
  /** Whether the target is met; null when there is no target. */
  met: boolean | null;
  /** Digits to print. */
  digits?: number;
}

export function ratio(row: BenchRow): string {
  if (row.baseline === null || row.baseline === 0) return '–';
  return `${(row.knipsel / row.baseline).toFixed(2)}×`;
}

export function formatTable(rows: BenchRow[]): string {
  const header = ['area', 'metric', 'Knipsel', 'baseline', 'value', 'ratio', 'target', 'met'];
  const lines = rows.map((row) => {
    const digits = row.digits ?? 3;
    return [
      row.area,
      row.metric,
      row.knipsel.toFixed(digits),
      row.baselineName,
      row.baseline === null ? '–' : row.baseline.toFixed(digits),
      ratio(row),
      row.target,
      row.met === null ? '' : row.met ? 'yes' : 'NO',
    ];
  });
  const out = [header, header.map(() => '---'), ...lines];
  return out.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Median and 95th percentile of a sample. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}
