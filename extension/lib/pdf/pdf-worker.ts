// The extension's PDF worker (started by the PDF host page, entrypoints/offscreen): pdf.js reads
// one PDF in this worker — it parses here too, as its "fake worker" (`pdfjsWorker`).
import { servePdfTasks, type PdfjsLike } from '@knipsel/core/capture';

servePdfTasks(self as unknown as Parameters<typeof servePdfTasks>[0], async () => {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist/build/pdf.mjs'), import('pdfjs-dist/build/pdf.worker.mjs')]);
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
  return pdfjs as unknown as PdfjsLike;
});
