import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeReadmeSection } from './readme-section.js';

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

function readme(text: string): string {
  dir = mkdtempSync(join(tmpdir(), 'knipsel-readme-'));
  const file = join(dir, 'README.md');
  writeFileSync(file, text);
  return file;
}

describe('writeReadmeSection', () => {
  it('adds the section at the end when there is none', () => {
    const file = readme('# Knipsel\n\nIntro.\n\n## Layout\n\nTekst.\n');
    writeReadmeSection('| a | b |\n| --- | --- |', file);
    const out = readFileSync(file, 'utf8');
    expect(out.startsWith('# Knipsel\n\nIntro.\n\n## Layout\n\nTekst.\n\n## Benchmarks\n')).toBe(true);
    expect(out).toContain('npm run bench');
    expect(out.trimEnd().endsWith('| a | b |\n| --- | --- |')).toBe(true);
  });

  it('replaces only its own section, keeping the sections after it', () => {
    const file = readme('# K\n\n## Benchmarks\n\noud | tabel\n\n## Relay\n\nBlijft.\n');
    writeReadmeSection('| nieuw |', file);
    const out = readFileSync(file, 'utf8');
    expect(out).not.toContain('oud | tabel');
    expect(out).toContain('| nieuw |\n\n## Relay\n\nBlijft.\n');
    expect(out.match(/## Benchmarks/g)).toHaveLength(1);
  });
});
