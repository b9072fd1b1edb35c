// A PDF's pages and metadata as a Capture: text with page offsets, escaped HTML and Markdown
// with a page marker per page, the report's metadata, warnings for scans and guessed titles.
// Pure: the HTML is built from escaped text, so it needs no DOM (it runs in a worker).
import type { Capture, CaptureFile } from '../../dossier/types.js';
import { countWords } from '../text-metrics.js';
import { warning, type ExtractWarning } from '../warnings.js';
import type { ExtractResult } from '../extract-result.js';
import type { PdfMetadata } from './pdf-metadata.js';
import type { PdfPageText } from './pdf-text.js';

/** Text of a PDF beyond this many characters is cut (the capture schema's limit is 2 M). */
export const maxPdfTextChars = 1_900_000;
/** A page with fewer characters than this has no usable text layer. */
const emptyPage = 20;

const escapeHtml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Markdown that reads as the text: block markers at a line start and "<" escaped. */
const escapeMarkdown = (t: string) => t.replace(/([\\`*_[\]<>])/g, '\\$1').replace(/^(#{1,6}\s|[-+]\s|\d+[.)]\s)/, '\\$1');

/** The page marker shown in HTML and Markdown ("p. 12"): the APA abbreviation in both languages. */
export const pageMarker = (label: string) => `p. ${label}`;

export interface PdfCaptureInput {
  url: string;
  pages: PdfPageText[];
  metadata: PdfMetadata;
  /** Pages that carry an image but too little text: evidence of a scan. */
  now?: number;
  fileName?: string | null;
  file?: CaptureFile | null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** The title of last resort: the file name without its extension, else the host. */
function fallbackTitle(url: string, fileName: string | null | undefined): string {
  let name = fileName ?? '';
  if (!name) {
    try {
      name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
    } catch {
      name = '';
    }
  }
  const clean = name
    .replace(/\.pdf$/i, '')
    .replace(/[_+]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean || hostOf(url);
}

/** Build the capture and its warnings from a laid-out PDF. */
export function pdfCapture(input: PdfCaptureInput): ExtractResult {
  const { url, metadata } = input;
  const warnings: ExtractWarning[] = [];
  const pages: { start: number; label: string }[] = [];
  const textParts: string[] = [];
  const html: string[] = [];
  const markdown: string[] = [];
  let length = 0;
  let truncated = false;
  let withText = 0;
  for (const page of input.pages) {
    const pageText = page.paragraphs.map((p) => p.text).join('\n');
    if (pageText.replace(/\s/g, '').length >= emptyPage) withText++;
    if (truncated) continue;
    if (length + pageText.length > maxPdfTextChars) {
      truncated = true;
      continue;
    }
    pages.push({ start: length, label: page.label });
    textParts.push(pageText);
    length += pageText.length + 1;
    html.push(`<p><small>${escapeHtml(pageMarker(page.label))}</small></p>`);
    markdown.push(`_${pageMarker(page.label)}_`);
    for (const p of page.paragraphs) {
      html.push(p.heading ? `<h2>${escapeHtml(p.text)}</h2>` : `<p>${escapeHtml(p.text)}</p>`);
      markdown.push(p.heading ? `## ${escapeMarkdown(p.text)}` : escapeMarkdown(p.text));
    }
  }
  const text = textParts.join('\n');
  const scanned = input.pages.length > 0 && withText === 0;
  if (scanned) warnings.push(warning('pdf-scanned'));
  else if (withText < input.pages.length) warnings.push(warning('pdf-partly-scanned'));
  if (input.pages.length === 0) warnings.push(warning('pdf-empty'));
  if (truncated) warnings.push(warning('truncated'));
  if (!scanned && metadata.titleSource !== 'info' && metadata.titleSource !== 'xmp') warnings.push(warning('pdf-title-guessed'));

  const title = metadata.title ?? fallbackTitle(url, input.fileName);
  const wordCount = countWords(text);
  const capture: Capture = {
    url,
    canonicalUrl: url,
    title: title.slice(0, 2000),
    byline: metadata.byline?.slice(0, 2000) ?? null,
    siteName: metadata.publisher?.slice(0, 2000) ?? (/^https?:\/\/knipsel\.invalid\//.test(url) ? null : hostOf(url)),
    published: metadata.published,
    lang: metadata.lang,
    description: metadata.description?.slice(0, 20_000) ?? null,
    image: null,
    html: scanned ? '' : html.join('\n'),
    markdown: scanned ? '' : markdown.join('\n\n'),
    text: scanned ? '' : text,
    wordCount: scanned ? 0 : wordCount,
    capturedAt: input.now ?? Date.now(),
    mode: 'pdf',
    pdf: { pages: scanned ? [] : pages, scanned, file: input.file ?? null },
  };
  let confidence = scanned ? 0.1 : wordCount < 40 ? 0.4 : 0.9;
  if (withText < input.pages.length && !scanned) confidence = Math.min(confidence, 0.6);
  if (truncated) confidence = Math.min(confidence, 0.6);
  return { capture, confidence, warnings, suggestedMode: null };
}
