// The extract command line (scripts/extract.ts): a single file, a manifest with two fixture
// pages and one missing file (which gets an error while the run goes on), and a page nested
// 100,000 deep (bounded before jsdom parses it; unbounded it overflowed the stack).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dutchFixturesDir, repoRoot } from './testing/corpus.js';

const tsx = join(repoRoot, 'node_modules/.bin/tsx');
const script = join(repoRoot, 'scripts/extract.ts');
const run = (args: string[]) => JSON.parse(execFileSync(tsx, [script, ...args], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));

describe('extract CLI', () => {
  it('prints the ExtractResult of one file', { timeout: 60_000 }, () => {
    const out = run([join(dutchFixturesDir, '003-alleato-nieuws/page.html'), '--url', 'https://www.alleato.nl/nieuws/x']);
    expect(out.capture.title).toBe('Professional sleutel tot succes');
    expect(out.capture.byline).toBe('Miriam Stolten');
    expect(out.capture.url).toBe('https://www.alleato.nl/nieuws/x');
    expect(typeof out.confidence).toBe('number');
    expect(Array.isArray(out.warnings)).toBe(true);
  });

  it('reads a PDF: its text per page and the report metadata', { timeout: 60_000 }, () => {
    const out = run([join(repoRoot, 'tests/fixtures/pdf/rapport-transformatie.pdf'), '--url', 'https://www.buurtontwikkeling.nl/rapport.pdf']);
    expect(out.capture).toMatchObject({
      mode: 'pdf',
      title: 'Transformatie in sociaal domein gaat niet zonder community werk',
      byline: 'Jaap Ikink en Ben Koenen',
      siteName: 'Platform voor buurtontwikkeling',
      url: 'https://www.buurtontwikkeling.nl/rapport.pdf',
    });
    expect(out.capture.pdf.pages.map((p: { label: string }) => p.label)).toEqual(['1', '2', '3']);
    expect(out.capture.text).toContain('De transformatie in het sociaal domein ontwikkelt zich eenzijdig.');
  });

  it('runs a manifest and reports unreadable files per id', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'knipsel-cli-'));
    const manifest = join(dir, 'm.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        a: { path: join(dutchFixturesDir, '000-creative-tinkers-blog/page.html'), url: 'https://www.creativetinkers.nl/blog/x' },
        b: { path: join(dutchFixturesDir, '002-ben-benieuwd-column/page.html'), url: 'https://www.benkoenen.nl/x' },
        missing: { path: 'does-not-exist.html', url: 'https://example.org/' },
      }),
    );
    const out = run(['--manifest', manifest]);
    expect(Object.keys(out)).toEqual(['a', 'b', 'missing']);
    expect(out.a).toMatchObject({ title: 'Fluitend naar je werk', byline: 'Ben Koenen', lang: 'nl-NL' });
    expect(out.a.published.slice(0, 10)).toBe('2015-05-20');
    expect(out.a.text).toContain('De Wagenmeester in Amersfoort');
    expect(out.a.markdown).toContain('De Wagenmeester in Amersfoort');
    expect(out.b.title).toBe('Als de plaat blijft hangen');
    expect(out.missing.error).toMatch(/ENOENT|no such file/);
  });

  it('answers on a page nested 100,000 deep with its text and a page-limited warning', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'knipsel-cli-'));
    const file = join(dir, 'diep.html');
    const depth = 100_000;
    writeFileSync(
      file,
      `<!doctype html><html><head><title>Diep</title></head><body>${'<div>'.repeat(depth)}<p>De kern van het verhaal staat helemaal onderin.</p>${'</div>'.repeat(depth)}</body></html>`,
    );
    const out = run([file, '--url', 'https://example.org/diep']);
    expect(out.warnings.map((w: { code: string }) => w.code)).toContain('page-limited');
    expect(out.capture.text).toContain('De kern van het verhaal staat helemaal onderin.');
    expect(out.confidence).toBeLessThanOrEqual(0.6);
  });
});
