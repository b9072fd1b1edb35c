// PDFs printed by Chromium from the Dutch fixture pages (tests/fixtures/pdf, made by
// make-pdfs.ts): text per page against the printed page's own text, the report metadata from
// the document info or the first page, scans recognised, damage survived.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apaReference } from '../citation.js';
import { textScore } from '../scoring.js';
import { extractPdf } from './pdf-extract.js';
import { loadNodePdfjs } from './pdfjs-node.js';
import { pageOfOffset } from './pdf-pages.js';

const dir = join(import.meta.dirname, '../../../tests/fixtures/pdf');
interface Expected {
  file: string;
  kind: 'report' | 'web-page' | 'scanned';
  title: string;
  authors: string | null;
  year: number | null;
  publisher: string | null;
  infoTitle: boolean;
  pages: number;
  text: string;
}
const fixtures = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected[];
const bytes = (file: string) => new Uint8Array(readFileSync(join(dir, file)));

async function extract(file: string, url = `https://www.example.nl/publicaties/${file}`) {
  return extractPdf(bytes(file), url, { pdfjs: await loadNodePdfjs(), now: Date.UTC(2026, 0, 5) });
}

describe('extractPdf on PDFs printed from the Dutch fixture pages', () => {
  for (const fixture of fixtures.filter((f) => f.kind !== 'scanned')) {
    it(`${fixture.file}: text F1 ≥ 0.95 against the page's text, the title found`, async () => {
      const { capture, warnings } = await extract(fixture.file);
      expect(capture.mode).toBe('pdf');
      expect(textScore(capture.text, fixture.text).f1).toBeGreaterThanOrEqual(0.95);
      expect(capture.title).toBe(fixture.title.replace(/ [|-] .*$/, ''));
      expect(capture.pdf?.pages).toHaveLength(fixture.pages);
      expect(capture.pdf?.scanned).toBe(false);
      expect(capture.lang).toBe('nl');
      // A title read from the first page (no usable document info) is flagged for a check.
      expect(warnings.some((w) => w.code === 'pdf-title-guessed')).toBe(!fixture.infoTitle);
    });
  }

  for (const fixture of fixtures.filter((f) => f.kind === 'report')) {
    it(`${fixture.file}: authors, year and publisher from the cover for the report reference`, async () => {
      const { capture } = await extract(fixture.file);
      expect(capture.byline).toBe(fixture.authors);
      expect(capture.published?.slice(0, 4)).toBe(String(fixture.year));
      expect(capture.siteName).toBe(fixture.publisher);
      const reference = apaReference(capture);
      expect(reference).toContain(`(${fixture.year})`);
      expect(reference).toContain(`${fixture.title}.`);
      expect(reference).toContain(`${fixture.publisher}.`);
    });
  }

  it('leaves running headers and page numbers out and keeps each page where it starts', async () => {
    const fixture = fixtures.find((f) => f.file === 'rapport-wmo-werkplaats.pdf')!;
    const { capture } = await extract(fixture.file);
    expect(capture.text).not.toContain('Wmo-werkplaats Noord-Holland — Een kaart');
    expect(capture.text.split('\n').filter((line) => /^\d+$/.test(line))).toEqual([]);
    const pages = capture.pdf!.pages;
    expect(pages.map((p) => p.label)).toEqual(Array.from({ length: fixture.pages }, (_, i) => String(i + 1)));
    // The opening of the letter is on page 2 (page 1 is the cover).
    const at = capture.text.indexOf('Als programma-secretaris van de Wmo-werkplaats');
    expect(pageOfOffset(capture, at)).toBe('2');
    expect(pageOfOffset(capture, capture.text.length - 1)).toBe(String(fixture.pages));
  });

  it('says a scanned PDF has no text layer and keeps the address', async () => {
    const { capture, warnings, confidence } = await extract('gescand-rapport.pdf');
    expect(warnings.map((w) => w.code)).toContain('pdf-scanned');
    expect(warnings.find((w) => w.code === 'pdf-scanned')!.nl).toMatch(/geen tekstlaag/);
    expect(capture.pdf?.scanned).toBe(true);
    expect(capture.text).toBe('');
    expect(capture.url).toBe('https://www.example.nl/publicaties/gescand-rapport.pdf');
    expect(capture.title).toBe('gescand-rapport');
    expect(confidence).toBeLessThan(0.5);
  });

  it('survives a damaged or cut-off file with a warning instead of an exception', async () => {
    const pdfjs = await loadNodePdfjs();
    const whole = bytes('rapport-kenniskring.pdf');
    const damaged = await extractPdf(whole.slice(0, 2000), 'https://example.nl/kapot.pdf', { pdfjs });
    expect(damaged.warnings.map((w) => w.code)).toContain('pdf-unreadable');
    expect(damaged.capture.title).toBe('kapot');
    const html = await extractPdf(new TextEncoder().encode('<html>geen pdf</html>'), 'https://example.nl/rapport.pdf', { pdfjs });
    expect(html.warnings.map((w) => w.code)).toContain('pdf-unreadable');
  });
});
