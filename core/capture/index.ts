// Entry point `@knipsel/core/capture`: extraction from a Document, page limits, citations and
// the one sanitiser policy for showing clip HTML (for the extension, the web app and tools).
export { extract, maxHtmlChars, type ExtractMode, type ExtractOptions, type ExtractResult, type ExtractWarning } from './extract.js';
export { limitHtml, pageLimits, type PageLimits } from './page-limits.js';
export { apaReference, apaReferenceHtml, isLocalFileUrl, localFileUrlPrefix, type CitationOptions } from './citation.js';
export { extractPdf, type PdfjsLike, type PdfExtractOptions } from './pdf/pdf-extract.js';
export { pageOfOffset, pageOfQuote, pagesOf, type PageText } from './pdf/pdf-pages.js';
export { pageMarker } from './pdf/pdf-capture.js';
export { PdfReadError, runPdfTask, servePdfTasks, pdfTimeLimitMs, type PdfTask, type PdfTaskResult, type PdfWorkerLike } from './pdf/pdf-worker-protocol.js';
export { captureMarkdown } from './to-markdown.js';
export { cleanedCapture, cleanedText, type CleanedCapture } from './cleaned-capture.js';
export { createRenderSanitizer, type RenderOptions, type RenderSanitizer } from './render-html.js';
export { clipBlocks } from './clip-blocks.js';
export {
  hashOfImageRef,
  imageBudget,
  imageRef,
  imageSources,
  keepClipImages,
  keptImageHashes,
  sniffImageType,
  type ImageBudget,
  type ImageKeeping,
  type KeptImages,
} from './clip-images.js';
export { anchorAll, describeRange, findQuote, indexText, rangeFor, type TextIndex } from './anchor.js';
