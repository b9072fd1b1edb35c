// pdf.js for Node (the command line, tests, bench): the legacy build, which runs on Node 20
// without DOM globals. pdf.js parses on its "fake worker" there (same thread); the browsers
// use the modern build in a worker (pwa/src/lib/workers, extension offscreen document).
import type { PdfjsLike } from './pdf-extract.js';

let loading: Promise<PdfjsLike> | null = null;

export function loadNodePdfjs(): Promise<PdfjsLike> {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((module) => module as unknown as PdfjsLike);
  return loading;
}
