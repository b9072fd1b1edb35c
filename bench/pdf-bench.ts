// PDFs, in Node with pdf.js's legacy build (the same extraction the browsers run in a worker):
// the PDFs Chromium printed from the Dutch fixture pages (tests/fixtures/pdf), text F1 against
// each printed page's own text and time per page, beside raw pdf.js text extraction (every
// page's getTextContent, runs joined, a newline where pdf.js marks a line end) on the same
// loaded documents; and titles found beside pdf.js's document info alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractPdf, type PdfjsLike } from '@knipsel/core/capture';
import { loadNodePdfjs } from '@knipsel/core/pdf-node';
import { textScore } from '@knipsel/core/testing/corpus';
import { repoRoot } from '../tests/support/browser.js';
import { repeat, spread, summarize, type BenchContext } from './lib.js';
import type { BenchRow } from './table.js';

interface Fixture {
  file: string;
  kind: string;
  title: string;
  pages: number;
  text: string;
}

type PdfjsRaw = {
  getDocument(source: Record<string, unknown>): {
    promise: Promise<{
      numPages: number;
      getPage(n: number): Promise<{ getTextContent(): Promise<{ items: Array<{ str?: string; hasEOL?: boolean }> }> }>;
      getMetadata(): Promise<{ info: Record<string, unknown> }>;
      destroy(): Promise<void>;
    }>;
  };
};

/** Raw pdf.js: the text runs of every page as they come, a newline at each marked line end. */
async function rawText(pdfjs: PdfjsRaw, bytes: Uint8Array): Promise<{ text: string; title: string | null }> {
  const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const { items } = await (await doc.getPage(n)).getTextContent();
    for (const item of items) if (typeof item.str === 'string') parts.push(item.str + (item.hasEOL ? '\n' : ''));
    parts.push('\n');
  }
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return { text: parts.join(''), title: typeof info.Title === 'string' ? info.Title : null };
}

export async function runPdfBench(ctx: BenchContext): Promise<BenchRow[]> {
  const dir = join(repoRoot, 'tests/fixtures/pdf');
  const fixtures = (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Fixture[]).filter((f) => f.kind !== 'scanned');
  const pdfjs = await loadNodePdfjs();
  const raw = pdfjs as unknown as PdfjsRaw;
  const files = fixtures.map((f) => ({ ...f, bytes: new Uint8Array(readFileSync(join(dir, f.file))) }));
  const pages = files.reduce((sum, f) => sum + f.pages, 0);

  let knipselF1 = 0;
  let rawF1 = 0;
  let knipselTitles = 0;
  let rawTitles = 0;
  const perFile: string[] = [];
  for (const f of files) {
    const ours = await extractPdf(f.bytes.slice(), `https://example.nl/${f.file}`, { pdfjs: pdfjs as PdfjsLike });
    const theirs = await rawText(raw, f.bytes.slice());
    const a = textScore(ours.capture.text, f.text).f1;
    const b = textScore(theirs.text, f.text).f1;
    knipselF1 += a / files.length;
    rawF1 += b / files.length;
    const wanted = f.title.replace(/ [|-] .*$/, '').toLowerCase();
    if (ours.capture.title.toLowerCase() === wanted) knipselTitles++;
    if (theirs.title?.replace(/ [|-] .*$/, '').toLowerCase() === wanted) rawTitles++;
    perFile.push(`${f.file} ${a.toFixed(3)}/${b.toFixed(3)}`);
  }

  const time = async (work: (bytes: Uint8Array) => Promise<unknown>) =>
    repeat(
      async () => {
        const started = performance.now();
        for (const f of files) await work(f.bytes.slice());
        return (performance.now() - started) / pages;
      },
      { warmup: 1, runs: ctx.quick ? 3 : 7, budgetMs: ctx.quick ? 20_000 : 60_000 },
    );
  // In turn, so a busy moment of the machine falls on both.
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < 2; round++) {
    ours.push(...(await time((bytes) => extractPdf(bytes, 'https://example.nl/x.pdf', { pdfjs: pdfjs as PdfjsLike }))));
    theirs.push(...(await time((bytes) => rawText(raw, bytes))));
  }
  const oursMs = summarize(ours).median;
  const theirsMs = summarize(theirs).median;
  ctx.note(
    `pdf: ${files.length} PDFs printed by Chromium from the Dutch fixture pages (${pages} pages; 4 reports with a cover, 2 with running headers and page numbers, 2 web pages); text F1 per file Knipsel/raw: ${perFile.join(', ')}.`,
  );
  ctx.note(
    `pdf: ms per page ${spread(ours)} (Knipsel) and ${spread(theirs)} (raw pdf.js), the whole extraction from bytes (document load, every page's text, metadata; Knipsel also lays out lines, paragraphs and headers, reads the cover) in Node 20, pdf.js ${'5.4.624'} legacy build; the scanned fixture is left out (no text to score).`,
  );
  return [
    {
      area: 'pdf',
      metric: `text F1 against the printed page's text (mean of ${files.length} PDFs)`,
      knipsel: knipselF1,
      baseline: rawF1,
      baselineName: 'raw pdf.js text (runs joined, newline at line ends)',
      target: '≥ 0.95',
      met: knipselF1 >= 0.95,
      digits: 3,
    },
    {
      area: 'pdf',
      metric: `titles found (of ${files.length})`,
      knipsel: knipselTitles,
      baseline: rawTitles,
      baselineName: 'pdf.js document info Title',
      target: `${files.length}`,
      met: knipselTitles === files.length,
      digits: 0,
    },
    {
      area: 'pdf',
      metric: 'ms per page, median of runs',
      knipsel: oursMs,
      baseline: theirsMs,
      baselineName: 'raw pdf.js text extraction',
      target: '≤ 1.5×',
      met: oursMs <= 1.5 * theirsMs,
      digits: 2,
    },
  ];
}
