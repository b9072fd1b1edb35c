// Snippets of search hits: a window of text around the first match, every match in it
// marked. Matching runs on folded text (fold.ts keeps offsets), folded only as far as the
// snippet needs: a hit's text is often 20 kB and its first match near the start, and folding
// whole texts of 50 hits per keystroke was a third of a search.
import { fold } from './fold.js';

export type SnippetField = 'title' | 'text' | 'note' | 'site' | 'themes';

export interface Snippet {
  field: SnippetField;
  text: string;
  /** [start, end) ranges in `text` to highlight. */
  ranges: Array<[number, number]>;
}

/** A text folded from its start as far as asked (folding is per character, so a prefix folds alone). */
export interface LazyFold {
  readonly length: number;
  /** The folded text, at least its first `min` characters (all of it when it is shorter). */
  upTo(min: number): string;
}

export function lazyFold(text: string): LazyFold {
  let folded = '';
  return {
    length: text.length,
    upTo(min) {
      if (folded.length < Math.min(min, text.length)) {
        const to = Math.min(text.length, Math.max(min, folded.length * 2, 2048));
        folded += fold(text.slice(folded.length, to));
      }
      return folded;
    },
  };
}

/** Folded field texts of recently shown hits, so search-as-you-type folds each text once. */
export function foldCache(capacity = 200) {
  const cache = new Map<string, LazyFold>();
  return {
    get(key: string, text: string): LazyFold {
      let value = cache.get(key);
      if (value === undefined || value.length !== text.length) {
        value = lazyFold(text);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
      } else cache.delete(key);
      cache.set(key, value);
      return value;
    },
    forget(id: string, fields: readonly string[]): void {
      for (const field of fields) cache.delete(`${id}\u0000${field}`);
    },
    clear: () => cache.clear(),
  };
}

/** A window of about `width` characters around the first match, with every match marked. */
export function makeSnippet(field: SnippetField, text: string, terms: string[], width = 180, foldedText?: string | LazyFold): Snippet | null {
  const alternatives = terms.filter(Boolean);
  const pattern = wordPattern(alternatives);
  if (!pattern) return null;
  const folded = typeof foldedText === 'string' || foldedText === undefined ? fixedFold(foldedText ?? fold(text)) : foldedText;
  // A match is sure once it ends this far before the folded part's end: an earlier one, of
  // any term, would lie wholly inside it, and its word cannot run on past the end.
  const slack = Math.max(...alternatives.map((term) => term.length)) + 1;
  // Past `enough` folded characters, what is found (or not) is what the caller needs.
  const firstWordMatch = (from: number, enough = Infinity): [number, number] | null => {
    for (let want = Math.min(from + 2048, enough); ; want *= 2) {
      const part = folded.upTo(want);
      pattern.lastIndex = from;
      const match = pattern.exec(part);
      const found: [number, number] | null = match ? [match.index, match.index + match[0].length] : null;
      if (part.length >= Math.min(text.length, enough) || (found && found[1] < part.length - slack)) return found;
    }
  };
  const first = firstWordMatch(0);
  if (!first) return null;
  // Spaces are left as they are by folding: look for them in the text itself.
  let start = Math.max(0, first[0] - Math.floor(width / 3));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < first[0]) start = space + 1;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > first[1]) end = space;
  }
  const ranges: Array<[number, number]> = [];
  let at = start;
  for (;;) {
    // A match that ends after `end` is not marked: folding up to just past it is enough.
    const next = firstWordMatch(at, end + slack + 1);
    if (!next || next[1] > end) break;
    ranges.push([next[0] - start, next[1] - start]);
    at = next[1];
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const shifted = ranges.map(([a, b]) => [a + prefix.length, b + prefix.length] as [number, number]);
  return { field, text: prefix + text.slice(start, end).replace(/\s+/g, ' ') + suffix, ranges: fixRanges(text.slice(start, end), shifted, prefix.length) };
}

/** A text folded already, as a LazyFold. */
function fixedFold(folded: string): LazyFold {
  return { length: folded.length, upTo: () => folded };
}

/** Whitespace collapsing shifts offsets; recompute ranges on the collapsed text. */
function fixRanges(raw: string, ranges: Array<[number, number]>, offset: number): Array<[number, number]> {
  if (!/\s\s|[\t\n\r]/.test(raw)) return ranges;
  const map: number[] = [];
  let out = 0;
  let previousSpace = false;
  for (let i = 0; i < raw.length; i++) {
    const space = /\s/.test(raw[i]);
    map[i] = out;
    if (!(space && previousSpace)) out++;
    previousSpace = space;
  }
  map[raw.length] = out;
  return ranges.map(([a, b]) => [map[a - offset] + offset, map[b - offset] + offset]);
}

/**
 * Finds words of folded text that begin with one of `terms` (from `lastIndex` on). One regular
 * expression for all terms: a loop of indexOf per term scanned a long clip text once per term
 * and per marked range.
 */
function wordPattern(terms: string[]): RegExp | null {
  const alternatives = terms.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (alternatives.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})[\\p{L}\\p{N}]*`, 'gu');
}
