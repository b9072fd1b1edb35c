// extractPdf(bytes, url, { pdfjs }): a PDF's text per page and its metadata with pdf.js, as a
// Capture. The caller hands in the pdf.js module (the legacy build in Node, the modern one in
// browsers) with its worker set up; this module never imports pdf.js itself, so core stays free
// of how each environment loads it. Never throws: an unreadable PDF gives a capture of its
// address with a warning.
import type { CaptureFile } from '../../dossier/types.js';
import { warning } from '../warnings.js';
import type { ExtractResult } from '../extract-result.js';
import { pdfCapture } from './pdf-capture.js';
import { pdfMetadata } from './pdf-metadata.js';
import { layoutPages, type PdfPageInput, type PdfTextItem } from './pdf-text.js';

/** The part of pdf.js this module uses (structurally; both builds fit). */
export interface PdfjsLike {
  getDocument(source: Record<string, unknown>): { promise: Promise<PdfDocumentLike>; destroy(): Promise<void> };
}
interface PdfDocumentLike {
  numPages: number;
  getPage(n: number): Promise<PdfPageLike>;
  getMetadata(): Promise<{ info: unknown; metadata: Iterable<[string, unknown]> | null }>;
  getPageLabels(): Promise<string[] | null>;
  destroy(): Promise<void>;
}
interface PdfPageLike {
  view: number[];
  getTextContent(): Promise<{ items: unknown[] }>;
  cleanup(): unknown;
}
interface RawItem {
  str?: unknown;
  transform?: unknown;
  width?: unknown;
  height?: unknown;
  hasEOL?: unknown;
}

export interface PdfExtractOptions {
  pdfjs: PdfjsLike;
  now?: number;
  /** The file's name (a picked or dropped file, or the last part of the address). */
  fileName?: string | null;
  /** The kept file, when the caller keeps it. */
  file?: CaptureFile | null;
  /** Read at most this many pages (default 1,500). */
  maxPages?: number;
}

/** pdf.js text items reduced to runs with a position and size; marked-content entries dropped. */
export function toTextItems(items: unknown[]): PdfTextItem[] {
  const out: PdfTextItem[] = [];
  for (const raw of items as RawItem[]) {
    if (typeof raw?.str !== 'string' || !Array.isArray(raw.transform)) continue;
    const [a, b, c, d, e, f] = raw.transform.map(Number);
    const size = Math.hypot(c, d) || Math.hypot(a, b) || Number(raw.height) || 0;
    out.push({ str: raw.str, x: e || 0, y: f || 0, width: Number(raw.width) || 0, size, eol: raw.hasEOL === true });
  }
  return out;
}

const isPasswordError = (error: unknown) => (error as { name?: string } | null)?.name === 'PasswordException';

function failed(url: string, code: 'pdf-encrypted' | 'pdf-unreadable', options: PdfExtractOptions): ExtractResult {
  const result = pdfCapture({
    url,
    pages: [],
    metadata: { title: null, byline: null, publisher: null, published: null, lang: null, description: null, titleSource: null },
    now: options.now,
    fileName: options.fileName,
    file: options.file,
  });
  return { ...result, confidence: 0.05, warnings: [warning(code)] };
}

/** Extract a PDF's text per page and its metadata. */
export async function extractPdf(data: Uint8Array, url: string, options: PdfExtractOptions): Promise<ExtractResult> {
  const task = options.pdfjs.getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: PdfDocumentLike;
  try {
    doc = await task.promise;
  } catch (error) {
    void task.destroy().catch(() => undefined);
    return failed(url, isPasswordError(error) ? 'pdf-encrypted' : 'pdf-unreadable', options);
  }
  try {
    const count = Math.min(doc.numPages, options.maxPages ?? 1500);
    const labels = await doc.getPageLabels().catch(() => null);
    const pages: PdfPageInput[] = [];
    for (let n = 1; n <= count; n++) {
      const page = await doc.getPage(n);
      const [x0 = 0, y0 = 0, x1 = 612, y1 = 792] = page.view;
      let items: PdfTextItem[] = [];
      try {
        items = toTextItems((await page.getTextContent()).items);
      } catch {
        items = [];
      }
      const label = labels?.[n - 1]?.trim();
      pages.push({ items, width: x1 - x0, height: y1 - y0, label: label && label.length <= 32 ? label : String(n) });
      page.cleanup();
    }
    const layout = layoutPages(pages);
    const { info, metadata } = await doc.getMetadata().catch(() => ({ info: {}, metadata: null }));
    const xmp: Record<string, string | string[]> = {};
    for (const [key, value] of metadata ?? []) if (typeof value === 'string' || Array.isArray(value)) xmp[key] = value as string | string[];
    // The first page that has text is the title page (a scanned cover may come before it).
    const first = layout.lines.find((lines) => lines.length > 0) ?? [];
    const sample = layout.pages
      .slice(0, 3)
      .flatMap((p) => p.paragraphs.map((x) => x.text))
      .join(' ')
      .slice(0, 4000);
    const meta = pdfMetadata({ info: (info ?? {}) as Record<string, unknown>, xmp, firstPage: first, bodySize: layout.bodySize, fileName: options.fileName }, sample);
    const result = pdfCapture({ url, pages: layout.pages, metadata: meta, now: options.now, fileName: options.fileName, file: options.file });
    if (doc.numPages > count) result.warnings.push(warning('pdf-page-limited'));
    return result;
  } catch {
    return failed(url, 'pdf-unreadable', options);
  } finally {
    void doc.destroy().catch(() => undefined);
  }
}
