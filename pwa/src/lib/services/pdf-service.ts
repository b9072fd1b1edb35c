// PDFs in the web app: read a picked or dropped file in a worker (workers/pdf-worker.ts), then
// add it as a clip, keeping the file itself beside the dossier when the user wants it (within
// the size limit shown to the user). A file without a web address gets a local one that is
// never cited.
import { maxBlobBytes, normalizeUrl, sha256Hex, type Capture, type CaptureFile, type BlobStore } from '@knipsel/core';
import { isLocalFileUrl, localFileUrlPrefix, PdfReadError, runPdfTask, type PdfTaskResult } from '@knipsel/core/capture';

/** Files above this are not read at all (pdf.js holds the whole file in memory). */
export const maxReadPdfBytes = 200 * 1024 * 1024;
export { maxBlobBytes };

export type PdfProblem = 'not-pdf' | 'too-large' | 'failed' | 'too-slow';

export class PdfProblemError extends Error {
  constructor(readonly problem: PdfProblem) {
    super(problem);
  }
}

export interface ReadPdf extends PdfTaskResult {
  name: string;
  /** The bytes, for keeping the file. */
  bytes: Uint8Array;
}

/** The address a file gets when it came without one: its hash, so the same file is recognised. */
export const localPdfUrl = (sha256: string, name: string) => `${localFileUrlPrefix}${sha256.slice(0, 32)}/${encodeURIComponent(name.slice(0, 200) || 'document.pdf')}`;

export const isPdfBytes = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-');

function startPdfWorker(): Worker {
  return new Worker(new URL('../workers/pdf-worker.ts', import.meta.url), { type: 'module', name: 'knipsel-pdf' });
}

/** Read a PDF file in a worker. Throws PdfProblemError. */
export async function readPdfFile(file: Blob & { name?: string }, now = Date.now()): Promise<ReadPdf> {
  if (file.size > maxReadPdfBytes) throw new PdfProblemError('too-large');
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!isPdfBytes(bytes)) throw new PdfProblemError('not-pdf');
  const name = file.name || 'document.pdf';
  const sha256 = await sha256Hex(bytes);
  try {
    // The worker gets a copy (moved there); this one stays for keeping the file.
    const read = await runPdfTask(startPdfWorker, { bytes: bytes.slice(), url: localPdfUrl(sha256, name), fileName: name, now });
    return { ...read, name, bytes };
  } catch (error) {
    console.warn('Knipsel: reading the PDF failed', error);
    throw new PdfProblemError(error instanceof PdfReadError && error.reason === 'too-slow' ? 'too-slow' : 'failed');
  }
}

/** The capture to store: the address the user gave (if any) and the kept file's reference. */
export function pdfCaptureFor(read: Pick<ReadPdf, 'result' | 'sha256' | 'size' | 'name'>, options: { url?: string; keep: boolean }): Capture {
  const capture = { ...read.result.capture };
  const url = options.url ? normalizeUrl(options.url) : null;
  if (url) {
    capture.url = url;
    capture.canonicalUrl = url;
    if (!capture.siteName) capture.siteName = new URL(url).hostname.replace(/^www\./, '');
  }
  const file: CaptureFile | null = options.keep && read.size <= maxBlobBytes ? { sha256: read.sha256, size: read.size, name: read.name, type: 'application/pdf' } : null;
  capture.pdf = { pages: capture.pdf?.pages ?? [], scanned: capture.pdf?.scanned ?? false, file };
  return capture;
}

/** Keep the file (when the capture names one) before the clip that refers to it is added. */
export async function keepPdfFile(files: BlobStore, capture: Capture, bytes: Uint8Array): Promise<true> {
  if (capture.pdf?.file) await files.put(bytes, 'application/pdf');
  return true;
}

export const hasWebAddress = (capture: Capture) => !isLocalFileUrl(capture.url);

/** Offer a kept file as a download. */
export function downloadFile(bytes: Uint8Array, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The quote selector of a stretch of a capture's text (32 characters of context either side). */
export function quoteAt(text: string, start: number, end: number) {
  return { exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) };
}
