// How sure extraction is of what it kept: the confidence behind the popup's "controleer even"
// (below `checkLine`). Measured on the trafilatura set against pages whose extraction is poor
// (page F1 < 0.7): the flag's precision and recall are printed by the snippets bench.
import type { Content } from './capture-fields.js';
import { warning, type ExtractWarning } from './warnings.js';

/** Below this the popup asks the user to check the clip ("controleer even"). */
export const checkLine = 0.7;
export const thinWords = 150;
export const veryThinWords = 40;

/** A line of the clip's text this long is running prose (a paragraph), shorter ones are items, captions, labels. */
const proseLineChars = 80;
/** A clip with less of its text in prose lines than this is fragments (lists, captions, a teaser grid). */
const minProseShare = 0.5;

/** What is known about an article pick when it is scored. */
export interface ArticleSignals {
  /** Which extractor's block was kept. */
  source: 'readability' | 'candidate' | 'defuddle';
  /** Share of the page's main prose (the prose candidate) that the article holds. */
  coverage: number;
}

/** Share of `text` (block-aware plain text, one block a line) in lines of running prose. */
export function proseShare(text: string): number {
  if (!text) return 0;
  let prose = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start >= proseLineChars) prose += end - start;
    start = end + 1;
  }
  return prose / text.length;
}

/**
 * Confidence of an article pick. Each doubt alone is, on the development pages, nearly always
 * a sound extraction — a short article (40–150 words: a news brief), Readability's pick
 * missing most of the page's prose (a page of many stories), a block that was not
 * Readability's (the extractors disagreed), a clip of fragments (under half its text in
 * lines of prose: lists, captions, a teaser grid) — so each lowers
 * confidence a little, and two of them together bring it under the line. Thin content and a
 * link-heavy pick bring it under on their own. (A clip that is a sliver of a large page was
 * a doubt too: alone or with shortness it was right four times out of five, so it is none.)
 */
export function articleConfidence(content: Content, signals: ArticleSignals, warnings: ExtractWarning[]): number {
  let confidence = 0.95;
  if (content.wordCount < veryThinWords) {
    confidence = 0.15;
    warnings.push(warning('thin-content'));
  } else if (content.wordCount < thinWords) {
    confidence = 0.75;
    warnings.push(warning('thin-content'));
  }
  if (content.linkDensity > 0.5) {
    confidence *= 0.4;
    warnings.push(warning('mostly-boilerplate'));
  } else if (content.linkDensity > 0.33) {
    confidence *= 0.75;
  }
  if (signals.coverage < 0.5) confidence *= 0.85;
  if (signals.source !== 'readability') confidence *= 0.85;
  if (proseShare(content.text) < minProseShare) confidence *= 0.8;
  return Math.max(0, Math.min(1, confidence));
}

/** Confidence of a whole-page capture: it holds everything, so at most the line itself. */
export function pageConfidence(content: Content, warnings: ExtractWarning[]): number {
  let confidence = content.wordCount === 0 ? 0.05 : content.wordCount < veryThinWords ? 0.4 : checkLine;
  if (content.wordCount === 0) warnings.push(warning('thin-content'));
  if (content.linkDensity > 0.5) confidence *= 0.7;
  return confidence;
}
