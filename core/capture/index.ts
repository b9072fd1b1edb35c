// Entry point `@knipsel/core/capture`: extraction from a Document, page limits, citations and
// the one sanitiser policy for showing clip HTML (for the extension, the web app and tools).
export { extract, maxHtmlChars, type ExtractMode, type ExtractOptions, type ExtractResult, type ExtractWarning } from './extract.js';
export { limitHtml, pageLimits, type PageLimits } from './page-limits.js';
export { apaReference, apaReferenceHtml, type CitationOptions } from './citation.js';
export { createRenderSanitizer, type RenderSanitizer } from './render-html.js';
