// Plain text from a DOM subtree (block-aware), word counting, and the word-4-gram overlap
// (precision, recall, F1) used to score extractions against expected text.

const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
  'CAPTION',
  'BODY',
  'HTML',
]);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'META', 'LINK']);

/** Readable plain text of a node: blocks on their own lines, runs of spaces collapsed. */
export function plainText(root: Node | null | undefined): string {
  return walkText(root, false).text;
}

/**
 * `plainText(root)` and `linkDensity(root)` in one walk: the text as above, and the share of
 * all of the subtree's text (hidden parts included, whitespace left out, as `textContent`
 * counts it) that sits inside links, a link inside a link counted once for each.
 */
export function textAndLinkDensity(root: Node | null | undefined): { text: string; linkDensity: number } {
  return walkText(root, true);
}

/** Characters of `value` that are not whitespace (as `\s` has it), counted without a copy. */
export function nonSpaceChars(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 128) {
      if (c !== 32 && (c < 9 || c > 13)) n++;
    } else if (!(c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff)) n++;
  }
  return n;
}

function walkText(root: Node | null | undefined, density: boolean): { text: string; linkDensity: number } {
  if (!root) return { text: '', linkDensity: 0 };
  const parts: string[] = [];
  let total = 0;
  let linked = 0;
  const walk = (node: Node, links: number, shown: boolean): void => {
    const type = node.nodeType;
    if (type === 3 || type === 4) {
      if (density) {
        const chars = nonSpaceChars(node.nodeValue ?? '');
        total += chars;
        linked += chars * links;
      }
      if (shown && type === 3) parts.push(node.nodeValue ?? '');
      return;
    }
    if (type !== 1 && type !== 9 && type !== 11) return;
    const tag = type === 1 ? (node as Element).tagName.toUpperCase() : '';
    const show = shown && !SKIP_TAGS.has(tag);
    if (!show && !density) return;
    const block = show && BLOCK_TAGS.has(tag);
    const inLinks = density && type === 1 && (node as Element).localName === 'a' ? links + 1 : links;
    if (block) parts.push('\n');
    if (show && (tag === 'TD' || tag === 'TH')) parts.push(' ');
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child, inLinks, show);
    if (block) parts.push('\n');
  };
  walk(root, 0, true);
  return { text: normaliseText(parts.join('')), linkDensity: total === 0 ? 0 : Math.min(1, linked / total) };
}

/** Collapse whitespace within lines and blank lines between them. */
export function normaliseText(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*/gu;

/** Lower-cased words of a text (letters/digits; inner apostrophes and hyphens kept). */
export function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []) as string[];
}

/** Number of words in a text. CJK text without spaces counts characters as words. */
export function countWords(text: string): number {
  const cjk = text.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g)?.length ?? 0;
  if (cjk > 0) {
    const rest = text.replace(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g, ' ');
    return cjk + wordsIn(rest);
  }
  return wordsIn(text);
}

const WORD_START = /^[\p{L}\p{N}]$/u;
const WORD_PART = /^[\p{L}\p{N}\p{M}'’_-]$/u;
/** Per UTF-16 unit of the basic plane: 0 unknown, 1 neither, 2 continues a word, 3 starts one. */
const classes = new Uint8Array(0x10000);

function classify(ch: string): number {
  return WORD_START.test(ch) ? 3 : WORD_PART.test(ch) ? 2 : 1;
}

/**
 * Words in a text, counted in one pass without building the list: the same count as
 * `words(text).length` (a word starts at a letter or digit and runs on over letters, digits,
 * marks, apostrophes, hyphens and underscores), several times faster than the regex.
 */
function wordsIn(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let cls: number;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      cls = classify(text.slice(i, i + 2)); // astral: rare, not cached
      i++;
    } else {
      cls = classes[code];
      if (cls === 0) cls = classes[code] = classify(text[i]);
    }
    if (cls === 1) inWord = false;
    else if (!inWord && cls === 3) {
      n++;
      inWord = true;
    }
  }
  return n;
}

export interface Overlap {
  precision: number;
  recall: number;
  f1: number;
}

function grams(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  if (tokens.length < n) {
    if (tokens.length > 0) counts.set(tokens.join(' '), 1);
    return counts;
  }
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Tokens for scoring: words, or single characters for scripts written without spaces. */
function scoringTokens(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(w)) out.push(...Array.from(w));
    else out.push(w);
  }
  return out;
}

/** Precision/recall/F1 of `candidate` against `reference` over word n-grams (multiset). */
export function ngramOverlap(candidate: string, reference: string, n = 4): Overlap {
  const a = grams(scoringTokens(candidate), n);
  const b = grams(scoringTokens(reference), n);
  let totalA = 0;
  let totalB = 0;
  let common = 0;
  for (const count of a.values()) totalA += count;
  for (const [key, count] of b) {
    totalB += count;
    const other = a.get(key);
    if (other) common += Math.min(count, other);
  }
  if (totalA === 0 && totalB === 0) return { precision: 1, recall: 1, f1: 1 };
  if (totalA === 0 || totalB === 0) return { precision: 0, recall: 0, f1: 0 };
  const precision = common / totalA;
  const recall = common / totalB;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Share of a subtree's text that sits inside links (0..1): high for menus and link lists. */
export function linkDensity(root: Element): number {
  const total = (root.textContent ?? '').replace(/\s+/g, '').length;
  if (total === 0) return 0;
  let linked = 0;
  for (const a of Array.from(root.querySelectorAll('a'))) linked += (a.textContent ?? '').replace(/\s+/g, '').length;
  return Math.min(1, linked / total);
}
