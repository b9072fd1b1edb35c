import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeLatest, readLatest, renderLatest, writeLatest, type SectionResult } from './latest-store.js';
import type { BenchRow } from './table.js';

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));
const file = () => join((dir = mkdtempSync(join(tmpdir(), 'knipsel-latest-'))), 'latest.json');

const row = (area: string, knipsel: number): BenchRow => ({ area, metric: 'ms', knipsel, baseline: 2, baselineName: 'raw', target: '', met: null });
const section = (area: string, knipsel: number, at: string): SectionResult => ({
  at,
  mode: 'full',
  machine: 'Machine: test.',
  rows: [row(area, knipsel)],
  notes: [`${area}: note ${knipsel}`],
});

describe('bench/latest.json', () => {
  it('a partial run replaces the sections it ran and keeps the others', () => {
    const path = file();
    writeLatest(path, mergeLatest(readLatest(path), { core: section('core 1,000', 1, '2026-12-01T10:00:00Z'), sync: section('sync', 5, '2026-12-01T10:00:00Z') }));
    writeLatest(path, mergeLatest(readLatest(path), { core: section('core 1,000', 3, '2026-12-07T10:00:00Z') }));
    const text = renderLatest(readLatest(path), ['capture', 'core', 'sync'], 'footer');
    expect(text).toContain('| core 1,000 | ms | 3.000 |');
    expect(text).not.toContain('| core 1,000 | ms | 1.000 |');
    expect(text).toContain('| sync | ms | 5.000 |');
    expect(text).toContain('Sections measured: core 2026-12-07 (full), sync 2026-12-01 (full).');
    expect(text.indexOf('core 1,000: note 3')).toBeGreaterThan(-1);
    expect(text).not.toContain('note 1');
  });

  it('rows follow the order of the sections, not of the runs', () => {
    const latest = mergeLatest(mergeLatest(readLatest('/nonexistent'), { sync: section('sync', 5, '2026-12-01T00:00:00Z') }), { core: section('core', 1, '2026-12-02T00:00:00Z') });
    const text = renderLatest(latest, ['core', 'sync'], '');
    expect(text.indexOf('| core |')).toBeLessThan(text.indexOf('| sync |'));
  });

  it('a file not in this shape counts as no stored figures', () => {
    const path = file();
    writeFileSync(path, JSON.stringify({ version: 1, sections: { core: { rows: 'nee' } } }));
    expect(readLatest(path).sections).toEqual({});
  });
});
