// A linear-time tokenizer for the tag soup of bookmark files (text, tags with attributes).
// Every character is looked at a bounded number of times whatever the input: no regular
// expression that can rescan to the end of the file from each `<`, and a search that fails
// is never repeated. A tag not closed by `>` before the next `<` or the end of the file, or
// longer than `maxTagChars`, is reported as broken and dropped; scanning goes on after it.
// `meter.steps` counts the characters visited, so tests can prove the cost is linear.

/** A tag longer than this (name and attributes) is dropped: no real bookmark needs more. */
export const maxTagChars = 256 * 1024;

export type MarkupToken =
  | { kind: 'text'; start: number; text: string }
  | { kind: 'tag'; start: number; name: string; closing: boolean; attributes: ReadonlyMap<string, string> }
  | { kind: 'broken'; start: number; end: number; name: string; closing: boolean; reason: 'unclosed' | 'too-long' };

/** Characters visited so far (each scan adds the length it covered). */
export interface MarkupMeter {
  steps: number;
}

const lt = 60; // <
const gt = 62; // >
const slash = 47;
const equals = 61;
const doubleQuote = 34;
const singleQuote = 39;

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57);

/**
 * The tokens of `html` in order. Attribute names are lower-cased; values are raw (entities
 * not decoded); the first of two equal names wins, as in HTML. Comments (`<!-- … -->`),
 * declarations and processing instructions are skipped.
 */
export function* markupTokens(html: string, meter: MarkupMeter = { steps: 0 }): Generator<MarkupToken> {
  const n = html.length;
  // Once a search for "-->" failed, no later comment can find one either.
  let commentEndsBefore = n;
  let i = 0;
  while (i < n) {
    const open = html.indexOf('<', i);
    const textEnd = open < 0 ? n : open;
    if (textEnd > i) {
      meter.steps += textEnd - i;
      yield { kind: 'text', start: i, text: html.slice(i, textEnd) };
    }
    if (open < 0) return;
    i = open;

    const next = html.charCodeAt(i + 1);
    if (next === 33 || next === 63) {
      // `<!…>` / `<?…>`; a comment runs to `-->`, or like the others when it has none.
      let end = -1;
      if (html.startsWith('<!--', i) && i < commentEndsBefore) {
        end = html.indexOf('-->', i + 4);
        meter.steps += (end < 0 ? n : end + 3) - i;
        if (end < 0) commentEndsBefore = i;
        else end += 3;
      }
      if (end < 0) {
        // Up to the next `>`, or up to (not into) the next tag.
        end = i + 2;
        while (end < n && html.charCodeAt(end) !== gt && html.charCodeAt(end) !== lt) end++;
        meter.steps += end - i;
        if (end < n && html.charCodeAt(end) === gt) end++;
      }
      i = end;
      continue;
    }

    const limit = Math.min(n, i + maxTagChars);
    let p = i + 1;
    const closing = html.charCodeAt(p) === slash;
    if (closing) p++;
    const nameStart = p;
    if (p < limit && isLetter(html.charCodeAt(p))) while (p < limit && isNameChar(html.charCodeAt(p))) p++;
    if (p === nameStart) {
      // A `<` (or `</`) that starts no tag is text.
      meter.steps += p - i;
      yield { kind: 'text', start: i, text: html.slice(i, p) };
      i = p;
      continue;
    }
    const name = html.slice(nameStart, p).toLowerCase();

    // The rest of the tag up to `>`; a quote hides `>` until it closes. A `<` means the tag
    // was never closed (exporters write `&lt;` in values): drop it and start again there.
    // A tag longer than `maxTagChars` is read to its end all the same, and dropped whole.
    let quote = 0;
    let q = p;
    let unclosed = false;
    for (; q < n; q++) {
      const c = html.charCodeAt(q);
      if (c === lt) {
        unclosed = true;
        break;
      }
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === gt) break;
      else if (c === doubleQuote || c === singleQuote) quote = c;
    }
    meter.steps += q - i;
    if (q >= n) unclosed = true;
    if (unclosed || q >= limit) {
      yield { kind: 'broken', start: i, end: q, name, closing, reason: unclosed ? 'unclosed' : 'too-long' };
      i = unclosed ? q : q + 1;
      continue;
    }
    meter.steps++; // the `>`
    yield { kind: 'tag', start: i, name, closing, attributes: parseAttributes(html, p, q, meter) };
    i = q + 1;
  }
}

const noAttributes: ReadonlyMap<string, string> = new Map();

/** `name="value" name='value' name=value name` between `from` and `to` (one pass). */
function parseAttributes(html: string, from: number, to: number, meter: MarkupMeter): ReadonlyMap<string, string> {
  meter.steps += to - from;
  let k = from;
  while (k < to && isSpace(html.charCodeAt(k))) k++;
  if (k === to) return noAttributes;
  const out = new Map<string, string>();
  while (k < to) {
    let c = html.charCodeAt(k);
    if (isSpace(c) || c === slash || c === equals) {
      k++;
      continue;
    }
    const nameStart = k;
    while (k < to && (c = html.charCodeAt(k)) !== equals && c !== slash && !isSpace(c)) k++;
    const name = html.slice(nameStart, k).toLowerCase();
    while (k < to && isSpace(html.charCodeAt(k))) k++;
    let value = '';
    if (k < to && html.charCodeAt(k) === equals) {
      k++;
      while (k < to && isSpace(html.charCodeAt(k))) k++;
      const quote = html.charCodeAt(k);
      if (k < to && (quote === doubleQuote || quote === singleQuote)) {
        const start = k + 1;
        k = start;
        while (k < to && html.charCodeAt(k) !== quote) k++;
        value = html.slice(start, k);
        k++;
      } else {
        const start = k;
        while (k < to && !isSpace(html.charCodeAt(k))) k++;
        value = html.slice(start, k);
      }
    }
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}
