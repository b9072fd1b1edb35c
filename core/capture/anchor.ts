// Text-quote anchoring for highlights: describe a DOM Range as a quote selector
// (exact + a little prefix/suffix + a position hint) and find it again in a (changed)
// page. Pure DOM code (the extension's highlighter and the web app's reader share it);
// unit-tested under jsdom (extension/lib/highlights/anchor.test.ts).
import type { QuoteSelector as Quote } from '../dossier/types.js';

const CONTEXT = 32;
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'KNIPSEL-HIGHLIGHTER']);

/** The page's text as one string, with a map back to its text nodes. */
export interface TextIndex {
  text: string;
  nodes: { node: Text; start: number }[];
}

export function indexText(root: Node): TextIndex {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */, {
    acceptNode(node) {
      for (let el = node.parentElement; el; el = el.parentElement) if (SKIP.has(el.tagName)) return 2; /* FILTER_REJECT */
      return 1; /* FILTER_ACCEPT */
    },
  });
  const nodes: TextIndex['nodes'] = [];
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push({ node: node as Text, start: text.length });
    text += (node as Text).data;
  }
  return { text, nodes };
}

function offsetOf(index: TextIndex, container: Node, offset: number): number {
  if (container.nodeType === 3) {
    const entry = index.nodes.find((n) => n.node === container);
    if (entry) return entry.start + offset;
  }
  // An element boundary: the text offset of the first text node at or after it.
  const doc = container.ownerDocument!;
  const probe = doc.createRange();
  probe.setStart(container, offset);
  probe.collapse(true);
  for (const entry of index.nodes) {
    if (probe.comparePoint(entry.node, 0) >= 0) return entry.start;
  }
  return index.text.length;
}

/** A quote selector and position for `range`, or null when it holds no text. */
export function describeRange(range: Range, root: Node): { quote: Quote; position: { start: number; end: number } } | null {
  const index = indexText(root);
  const start = offsetOf(index, range.startContainer, range.startOffset);
  const end = offsetOf(index, range.endContainer, range.endOffset);
  const exact = index.text.slice(start, end);
  if (!exact.trim()) return null;
  return {
    quote: {
      exact,
      prefix: index.text.slice(Math.max(0, start - CONTEXT), start),
      suffix: index.text.slice(end, end + CONTEXT),
    },
    position: { start, end },
  };
}

/** Length of the common ending of a and b. */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Whitespace-collapsed text with a map from each collapsed index to the original one. */
function collapse(text: string): { text: string; map: number[] } {
  let out = '';
  const map: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      if (!space) {
        out += ' ';
        map.push(i);
      }
      space = true;
    } else {
      out += ch;
      map.push(i);
      space = false;
    }
  }
  map.push(text.length);
  return { text: out, map };
}

/**
 * Where `quote` sits in `text`: every occurrence of the exact text (whitespace-insensitive)
 * is scored by how much of its prefix and suffix match, ties broken by closeness to the
 * position hint. Null when the exact text is no longer there.
 */
export function findQuote(text: string, quote: Quote, hint?: { start: number; end: number } | null): { start: number; end: number } | null {
  const hay = collapse(text);
  const exact = collapse(quote.exact).text.trim();
  if (!exact) return null;
  const prefix = collapse(quote.prefix).text;
  const suffix = collapse(quote.suffix).text;
  let best: { start: number; end: number; score: number; distance: number } | null = null;
  for (let at = hay.text.indexOf(exact); at !== -1; at = hay.text.indexOf(exact, at + 1)) {
    const before = hay.text.slice(Math.max(0, at - prefix.length - 1), at);
    const after = hay.text.slice(at + exact.length, at + exact.length + suffix.length + 1);
    const score = commonSuffix(before.trimEnd(), prefix.trimEnd()) + commonPrefix(after.trimStart(), suffix.trimStart());
    const start = hay.map[at];
    const end = hay.map[at + exact.length - 1] + 1;
    const distance = hint ? Math.abs(hint.start - start) : 0;
    if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { start, end, score, distance };
  }
  return best ? { start: best.start, end: best.end } : null;
}

/** A DOM Range for the text offsets [start, end) of an index. */
export function rangeFor(index: TextIndex, start: number, end: number): Range | null {
  const locate = (offset: number, preferEnd: boolean) => {
    for (let i = 0; i < index.nodes.length; i++) {
      const entry = index.nodes[i];
      const length = entry.node.data.length;
      const inside = preferEnd ? offset > entry.start && offset <= entry.start + length : offset >= entry.start && offset < entry.start + length;
      if (inside) return { node: entry.node, offset: offset - entry.start };
    }
    return null;
  };
  const from = locate(start, false);
  const to = locate(end, true);
  if (!from || !to) return null;
  const range = from.node.ownerDocument.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

/** Anchor many highlights at once: which found a range, and which no longer match. */
export function anchorAll<T extends { id: string; quote: Quote; position?: { start: number; end: number } | null }>(
  root: Node,
  highlights: T[],
): { anchored: { highlight: T; range: Range }[]; orphaned: T[] } {
  const index = indexText(root);
  const anchored: { highlight: T; range: Range }[] = [];
  const orphaned: T[] = [];
  for (const highlight of highlights) {
    const found = findQuote(index.text, highlight.quote, highlight.position);
    const range = found && rangeFor(index, found.start, found.end);
    if (range) anchored.push({ highlight, range });
    else orphaned.push(highlight);
  }
  return { anchored, orphaned };
}
