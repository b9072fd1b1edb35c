// Messages between the background and the PDF host page (offscreen document in Chrome, an
// iframe of the background page in Firefox): read a PDF at an address, keep a read file.
import * as v from 'valibot';
import type { ExtractResult } from '@knipsel/core/capture';

export const pdfHostRequest = v.variant('type', [
  v.object({ knipselPdf: v.literal(1), type: v.literal('read'), url: v.pipe(v.string(), v.maxLength(8192), v.regex(/^https?:\/\//i)) }),
  v.object({
    knipselPdf: v.literal(1),
    type: v.literal('keep'),
    sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
    url: v.pipe(v.string(), v.maxLength(8192), v.regex(/^https?:\/\//i)),
  }),
  v.object({ knipselPdf: v.literal(1), type: v.literal('ping') }),
]);
export type PdfHostRequest = v.InferOutput<typeof pdfHostRequest>;

/** A PDF read at an address: the extraction and the file it came from. */
export interface PdfRead {
  result: ExtractResult;
  sha256: string;
  size: number;
  name: string;
}

export type PdfHostReply =
  { ok: true; read?: PdfRead; kept?: boolean } | { ok: false; reason: 'fetch-failed' | 'not-pdf' | 'too-large' | 'failed' | 'too-slow' | 'gone'; message: string };

/** PDFs above this are not read (pdf.js holds the whole file in memory). */
export const maxReadPdfBytes = 200 * 1024 * 1024;

/** The file name in an address ("…/rapport%202016.pdf" → "rapport 2016.pdf"). */
export function fileNameOf(url: string): string {
  try {
    const last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
    return last.slice(0, 200) || 'document.pdf';
  } catch {
    return 'document.pdf';
  }
}
