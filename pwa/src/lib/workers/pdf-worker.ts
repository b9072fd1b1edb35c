// The web app's PDF worker: reads one PDF (text per page, metadata) off the main thread with
// pdf.js, which parses in this same worker (its "fake worker", given as `pdfjsWorker`), so one
// worker does it all. Started per file and ended after its answer or its time limit by
// services/pdf-service.ts; pdf.js comes in two lazy chunks that the service worker precaches.
import { servePdfTasks, type PdfjsLike } from '@knipsel/core/capture';

servePdfTasks(self as unknown as Parameters<typeof servePdfTasks>[0], async () => {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist/build/pdf.mjs'), import('pdfjs-dist/build/pdf.worker.mjs')]);
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
  return pdfjs as unknown as PdfjsLike;
});
