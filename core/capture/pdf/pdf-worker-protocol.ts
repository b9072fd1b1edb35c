// PDF extraction in a worker: the task a page sends (the bytes, moved, not copied), the answer
// it gets, checked at the edge, and both ends — `servePdfTasks` inside the worker (the web app's
// and the extension's worker files call it with their pdf.js) and `runPdfTask` on the page,
// which ends the worker after its answer or a time limit so a hostile file cannot hang the app.
import * as v from 'valibot';
import { captureSchema } from '../../dossier/schema.js';
import { sha256Hex } from '../../storage/blob-store.js';
import type { ExtractResult } from '../extract-result.js';
import { extractPdf, type PdfjsLike } from './pdf-extract.js';

export interface PdfTask {
  bytes: Uint8Array;
  url: string;
  fileName: string | null;
  now: number;
}

export interface PdfTaskResult {
  result: ExtractResult;
  /** The file's SHA-256 and size: where it is stored if the user keeps it. */
  sha256: string;
  size: number;
}

const answerSchema = v.union([
  v.object({
    ok: v.literal(true),
    result: v.object({
      capture: captureSchema,
      confidence: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
      warnings: v.pipe(
        v.array(v.object({ code: v.pipe(v.string(), v.maxLength(64)), nl: v.pipe(v.string(), v.maxLength(1000)), en: v.pipe(v.string(), v.maxLength(1000)) })),
        v.maxLength(20),
      ),
      suggestedMode: v.null(),
    }),
    sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
    size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  v.object({ ok: v.literal(false), message: v.pipe(v.string(), v.maxLength(2000)) }),
]);

/** The worker side: answer each task with the extraction, never with an exception. */
export async function answerPdfTask(task: PdfTask, loadPdfjs: () => Promise<PdfjsLike>): Promise<unknown> {
  try {
    const sha256 = await sha256Hex(task.bytes);
    const size = task.bytes.byteLength;
    const result = await extractPdf(task.bytes, task.url, { pdfjs: await loadPdfjs(), now: task.now, fileName: task.fileName });
    return { ok: true, result, sha256, size };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
}

/** Inside a worker: serve tasks with the given pdf.js (messages that are no task are pdf.js's own). */
export function servePdfTasks(scope: WorkerScope, loadPdfjs: () => Promise<PdfjsLike>): void {
  scope.onmessage = (event) => {
    const task = event.data as PdfTask;
    if (!(task?.bytes instanceof Uint8Array) || typeof task.url !== 'string') return;
    void answerPdfTask(task, loadPdfjs).then((answer) => scope.postMessage(answer));
  };
}

/** What a worker is to `runPdfTask` (a `Worker` fits). */
export interface PdfWorkerLike {
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
}

/** Time a PDF may take: 20 s plus 2 s per MB — far above a real file's (about 30 ms a page). */
export const pdfTimeLimitMs = (bytes: number) => 20_000 + Math.ceil(bytes / (1024 * 1024)) * 2_000;

export class PdfReadError extends Error {
  constructor(
    message: string,
    readonly reason: 'failed' | 'too-slow',
  ) {
    super(message);
    this.name = 'PdfReadError';
  }
}

/** Run one PDF in a fresh worker, ended after its answer or the time limit. */
export function runPdfTask(start: () => PdfWorkerLike, task: PdfTask, limitMs = pdfTimeLimitMs(task.bytes.byteLength)): Promise<PdfTaskResult> {
  return new Promise((resolve, reject) => {
    let worker: PdfWorkerLike;
    try {
      worker = start();
    } catch (error) {
      reject(new PdfReadError(String(error), 'failed'));
      return;
    }
    const finish = () => {
      clearTimeout(timer);
      worker.onmessage = worker.onerror = null;
      worker.terminate();
    };
    const timer = setTimeout(() => (finish(), reject(new PdfReadError('The PDF took too long to read.', 'too-slow'))), limitMs);
    worker.onmessage = (event) => {
      // pdf.js, loaded in the worker, announces itself on the same channel ("ready"): only
      // the protocol's answer ends the task.
      if (typeof (event.data as { ok?: unknown } | null)?.ok !== 'boolean') return;
      finish();
      const answer = v.safeParse(answerSchema, event.data);
      if (!answer.success) reject(new PdfReadError(`Unexpected answer from the PDF worker: ${v.getDotPath(answer.issues[0]) ?? ''} ${answer.issues[0].message}`, 'failed'));
      else if (!answer.output.ok) reject(new PdfReadError(answer.output.message, 'failed'));
      else resolve({ result: answer.output.result as ExtractResult, sha256: answer.output.sha256, size: answer.output.size });
    };
    worker.onerror = (event) => (finish(), reject(new PdfReadError(event.message || 'The PDF worker failed.', 'failed')));
    worker.postMessage(task, [task.bytes.buffer as ArrayBuffer]);
  });
}
