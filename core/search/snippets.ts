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

/**
 * Folded texts of recently shown hits, by the text itself: search-as-you-type folds each text
 * once, and clips of the same page (a reading a whole cohort clipped) share one.
 */
export function foldCache(capacity = 200) {
  const cache = new Map<string, LazyFold>();
  return {
    get(text: string): LazyFold {
      let value = cache.get(text);
      if (value === undefined) {
        value = lazyFold(text);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
      } else cache.delete(text);
      cache.set(text, value);
      return value;
    },
    clear: () => cache.clear(),
  };
}

/** A window of about `width` characters around the first match, with every match marked. */
export function makeSnippet(field: SnippetField, text: string, terms: string[], width = 180, foldedText?: string | LazyFold): Snippet | null {
  const found = wordPattern(terms);
  if (!found) return null;
  const { pattern, slack } = found;
  const folded = typeof foldedText === 'string' || foldedText === undefined ? fixedFold(foldedText ?? fold(text)) : foldedText;
  // A match is sure once it ends `slack` before the folded part's end: an earlier one, of
  // any term, would lie wholly inside it, and its word cannot run on past the end.
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
  const collapsed = collapseSpaces(text.slice(start, end), ranges);
  return { field, text: prefix + collapsed.text + suffix, ranges: collapsed.ranges.map(([a, b]) => [a + prefix.length, b + prefix.length]) };
}

/** A text folded already, as a LazyFold. */
function fixedFold(folded: string): LazyFold {
  return { length: folded.length, upTo: () => folded };
}

/** `raw` with each run of whitespace as one space, and `ranges` in it moved along. */
function collapseSpaces(raw: string, ranges: Array<[number, number]>): { text: string; ranges: Array<[number, number]> } {
  const text = raw.replace(/\s+/g, ' ');
  if (text.length === raw.length) return { text, ranges };
  // Runs of more than one whitespace character: where each starts, how long it is.
  const runs = Array.from(raw.matchAll(/\s{2,}/g), (run) => [run.index, run[0].length] as const);
  const moved = (offset: number) => {
    let shift = 0;
    for (const [at, length] of runs) {
      if (at >= offset) break;
      shift += Math.min(length, offset - at) - 1;
    }
    return offset - shift;
  };
  return { text, ranges: ranges.map(([a, b]) => [moved(a), moved(b)]) };
}

/** Finds words that begin with one of some terms; `slack` is the longest term's length + 1. */
interface WordPattern {
  pattern: RegExp;
  slack: number;
}

/** Patterns of recent searches: compiling one (two Unicode classes) cost more than running it. */
const patterns = new Map<string, WordPattern>();

/**
 * Finds words of folded text that begin with one of `terms` (from `lastIndex` on). One regular
 * expression for all terms: a loop of indexOf per term scanned a long clip text once per term
 * and per marked range. A term that begins with another adds nothing and is left out, so the
 * hits of one search mostly share a pattern.
 */
function wordPattern(terms: string[]): WordPattern | null {
  const kept: string[] = [];
  for (const term of [...new Set(terms.filter(Boolean))].sort()) if (!kept.some((shorter) => term.startsWith(shorter))) kept.push(term);
  if (kept.length === 0) return null;
  const key = kept.join('\u0000');
  let found = patterns.get(key);
  if (found) patterns.delete(key);
  else {
    const alternatives = kept.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})[\\p{L}\\p{N}]*`, 'gu');
    found = { pattern, slack: Math.max(...kept.map((term) => term.length)) + 1 };
    if (patterns.size >= 64) patterns.delete(patterns.keys().next().value!);
  }
  patterns.set(key, found);
  return found;
}
