// How much of a page extraction reads: at most `maxElements` elements (the rest of the page is
// cut) and `maxDepth` levels of nesting (deeper elements are unwrapped: their text stays, their
// tags go). Readability and defuddle are quadratic in depth and jsdom's parser in nesting, so
// without these bounds a hostile page of 100,000 nested elements ran for minutes and overflowed
// the stack. The same limits hold in both places extraction runs:
// - `limitHtml` bounds markup before it is parsed (the command line, where jsdom parses);
// - `boundedDocument` bounds a parsed document (the extension's live page, any jsdom
//   document) in one linear walk, and copies it only when a limit is crossed.
// Linear in the size of the input; the normal page costs one walk and no copy.

export const pageLimits = {
  /** Elements read, in document order; real pages have up to about 10,000. */
  maxElements: 25_000,
  /** Levels of nesting below <html>; the test corpora's pages stay under 40. */
  maxDepth: 128,
} as const;

export type PageLimits = { maxElements: number; maxDepth: number };

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose end tag may be left out: they never count as a level (the scan undercounts). */
const OPTIONAL_END = new Set([
  'html',
  'head',
  'body',
  'p',
  'li',
  'dt',
  'dd',
  'option',
  'optgroup',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'caption',
  'colgroup',
  'rb',
  'rt',
  'rp',
  'rtc',
]);
/** Elements whose content is text up to their own end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Index just past the `>` that ends the tag starting at `from` (quotes respected), or the end. */
function tagEnd(html: string, from: number): number {
  let quote = 0;
  for (let i = from; i < html.length; i++) {
    const code = html.charCodeAt(i);
    if (quote) {
      if (code === quote) quote = 0;
    } else if (code === 34 || code === 39) {
      // A quote opens only as an attribute value (after "="); elsewhere it is a character.
      let k = i - 1;
      while (k > from && (html.charCodeAt(k) === 32 || html.charCodeAt(k) === 9 || html.charCodeAt(k) === 10)) k--;
      if (html.charCodeAt(k) === 61) quote = code;
    } else if (code === 62) return i + 1;
  }
  return html.length;
}

function tagName(html: string, from: number): { name: string; end: number } {
  let end = from;
  for (; end < html.length; end++) {
    const code = html.charCodeAt(end);
    if (code === 62 || code === 47 || code === 32 || (code >= 9 && code <= 13)) break;
  }
  return { name: html.slice(from, end).toLowerCase(), end };
}

/**
 * Markup bounded before parsing: cut at the element past `maxElements`; start and end tags
 * nested deeper than `maxDepth` dropped (their content kept). One pass, no regular expression
 * over the whole input. `limited` says whether anything was changed.
 */
export function limitHtml(html: string, limits: PageLimits = pageLimits): { html: string; limited: boolean } {
  const out: string[] = [];
  const stack: string[] = [];
  const dropped = new Map<string, number>();
  let elements = 0;
  let copied = 0; // html[copied, i) is still to be copied to out
  let limited = false;
  let lower: string | null = null;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0 || lt + 1 >= html.length) break;
    const next = html.charCodeAt(lt + 1);
    if (html.startsWith('<!--', lt)) {
      const close = html.startsWith('<!-->', lt) ? lt + 2 : html.startsWith('<!--->', lt) ? lt + 3 : html.indexOf('-->', lt + 4);
      i = close < 0 ? html.length : close + 3;
    } else if (next === 33 || next === 63) {
      i = tagEnd(html, lt + 2); // <!doctype …>, <![CDATA[…]]>, <?…>
    } else if (next === 47 && lt + 2 < html.length && isLetter(html.charCodeAt(lt + 2))) {
      const { name, end } = tagName(html, lt + 2);
      i = tagEnd(html, end);
      const skipped = dropped.get(name) ?? 0;
      if (skipped > 0) {
        dropped.set(name, skipped - 1);
        if (lt > copied) out.push(html.slice(copied, lt));
        copied = i;
      } else {
        const at = stack.lastIndexOf(name);
        if (at >= 0) stack.length = at;
      }
    } else if (isLetter(next)) {
      const { name, end } = tagName(html, lt + 1);
      i = tagEnd(html, end);
      const selfClosing = html.charCodeAt(i - 2) === 47;
      const level = !VOID.has(name) && !OPTIONAL_END.has(name) && !RAW_TEXT.has(name) && !selfClosing;
      // The element's depth below <html> is the open levels plus <body> plus itself.
      if (level && stack.length + 2 > limits.maxDepth) {
        // Too deep: drop the tag (and later its end tag), keep what it holds.
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        if (lt > copied) out.push(html.slice(copied, lt));
        copied = i;
        limited = true;
        continue;
      }
      elements += 1;
      if (elements > limits.maxElements) {
        out.push(html.slice(copied, lt));
        copied = html.length;
        limited = true;
        break;
      }
      if (level) stack.push(name);
      if (RAW_TEXT.has(name)) {
        // Text up to its end tag (which the next turn reads as an unmatched end tag).
        lower ??= html.toLowerCase();
        const close = lower.indexOf(`</${name}`, i);
        i = close < 0 ? html.length : close;
        continue;
      }
      if (name === 'plaintext') break;
    } else {
      i = lt + 1;
    }
  }
  if (!limited) return { html, limited: false };
  out.push(html.slice(copied));
  return { html: out.join(''), limited: true };
}

/** Whether a parsed document crosses a limit: one walk over its elements, stopped early. */
export function exceedsLimits(doc: Document, limits: PageLimits = pageLimits): boolean {
  const root = doc.documentElement;
  if (!root) return false;
  let elements = 0;
  let depth = 0;
  let el: Element | null = root;
  while (el) {
    elements += 1;
    if (elements > limits.maxElements || depth > limits.maxDepth) return true;
    const child: Element | null = el.firstElementChild;
    if (child) {
      el = child;
      depth += 1;
      continue;
    }
    while (el && el !== root && !el.nextElementSibling) {
      el = el.parentElement;
      depth -= 1;
    }
    el = el && el !== root ? el.nextElementSibling : null;
  }
  return false;
}

/**
 * A copy of `doc` within the limits, in a new inert document (nothing runs or loads): the first
 * `maxElements` elements in document order, elements deeper than `maxDepth` unwrapped into
 * their ancestor at that depth. A `<base>` keeps relative links resolving against `url`.
 */
export function limitedCopy(doc: Document, url: string, limits: PageLimits = pageLimits): Document {
  const copy = doc.implementation.createHTMLDocument('');
  const target = copy.documentElement;
  while (target.firstChild) target.firstChild.remove();
  const source = doc.documentElement;
  if (!source) return copy;
  for (const attr of Array.from(source.attributes)) target.setAttribute(attr.name, attr.value);
  let elements = 1;
  // Depth-first over the source with an explicit stack: [next source node, copy parent, depth].
  const work: Array<[Node, Node, number]> = [];
  for (let child = source.lastChild; child; child = child.previousSibling) work.push([child, target, 1]);
  while (work.length) {
    const [node, parent, depth] = work.pop()!;
    if (node.nodeType !== 1) {
      if (node.nodeType === 3 || node.nodeType === 8) parent.appendChild(copy.importNode(node, false));
      continue;
    }
    let into = parent;
    if (depth <= limits.maxDepth) {
      elements += 1;
      if (elements > limits.maxElements) break;
      into = parent.appendChild(copy.importNode(node, false));
    }
    for (let child = node.lastChild; child; child = child.previousSibling) work.push([child, into, depth + 1]);
  }
  const head = copy.head ?? copy.documentElement.insertBefore(copy.createElement('head'), copy.documentElement.firstChild);
  if (!copy.querySelector('base[href]') && /^https?:/i.test(url)) {
    const base = copy.createElement('base');
    base.setAttribute('href', url);
    head.insertBefore(base, head.firstChild);
  }
  if (!copy.body) copy.documentElement.appendChild(copy.createElement('body'));
  return copy;
}

/** `doc` itself when it is within the limits, else a limited copy (and `limited: true`). */
export function boundedDocument(doc: Document, url: string, limits: PageLimits = pageLimits): { doc: Document; limited: boolean } {
  if (!exceedsLimits(doc, limits)) return { doc, limited: false };
  return { doc: limitedCopy(doc, url, limits), limited: true };
}
