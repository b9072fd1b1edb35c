// Pages of a PDF capture for readers and references: which page an offset or a quote is on,
// and the text of each page.
import type { Capture, QuoteSelector } from '../../dossier/types.js';

/** The label of the page holding character `offset` of the capture's text, or null. */
export function pageOfOffset(capture: Pick<Capture, 'pdf'>, offset: number): string | null {
  const pages = capture.pdf?.pages;
  if (!pages?.length || offset < 0) return null;
  let lo = 0;
  let hi = pages.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pages[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return pages[lo].start <= offset ? pages[lo].label : null;
}

/**
 * The page a quote comes from: its position when that still points at the quote, else the
 * first place the quote (with its context) occurs in the text. Null for web captures.
 */
export function pageOfQuote(capture: Pick<Capture, 'pdf' | 'text'>, quote: QuoteSelector, position?: { start: number; end: number } | null): string | null {
  if (!capture.pdf?.pages.length) return null;
  if (position && capture.text.slice(position.start, position.end) === quote.exact) return pageOfOffset(capture, position.start);
  const withContext = capture.text.indexOf(quote.prefix + quote.exact + quote.suffix);
  const at = withContext >= 0 ? withContext + quote.prefix.length : capture.text.indexOf(quote.exact);
  return at >= 0 ? pageOfOffset(capture, at) : null;
}

export interface PageText {
  label: string;
  /** Where the page starts in the capture's text. */
  start: number;
  /** Paragraphs of the page, each with its offset in the capture's text. */
  paragraphs: { start: number; text: string }[];
}

/** The capture's text split into its pages and paragraphs (for a reader that shows pages). */
export function pagesOf(capture: Pick<Capture, 'pdf' | 'text'>): PageText[] {
  const pages = capture.pdf?.pages ?? [];
  return pages.map((page, i) => {
    const end = i + 1 < pages.length ? pages[i + 1].start - 1 : capture.text.length;
    const paragraphs: PageText['paragraphs'] = [];
    let at = page.start;
    for (const line of capture.text.slice(page.start, Math.max(page.start, end)).split('\n')) {
      if (line.trim()) paragraphs.push({ start: at, text: line });
      at += line.length + 1;
    }
    return { label: page.label, start: page.start, paragraphs };
  });
}
