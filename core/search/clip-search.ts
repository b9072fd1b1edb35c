// Full-text search over a dossier's clips (title, text, note, site, theme names): ranked,
// prefix matching for search-as-you-type, case- and diacritic-insensitive, with snippets.
import MiniSearch from 'minisearch';
import { fold } from './fold.js';

/** What gets indexed for one clip. */
export interface SearchDocument {
  id: string;
  title: string;
  text: string;
  note: string;
  site: string;
  themes: string;
}

export type SearchField = 'title' | 'text' | 'note' | 'site' | 'themes';

export interface Snippet {
  field: SearchField;
  text: string;
  /** [start, end) ranges in `text` to highlight. */
  ranges: Array<[number, number]>;
}

export interface SearchHit {
  id: string;
  score: number;
  /** Query words that matched, as found in the clip (folded). */
  terms: string[];
  snippet: Snippet | null;
}

const fields: SearchField[] = ['title', 'text', 'note', 'site', 'themes'];
const tokenize = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
const processTerm = (term: string) => {
  const folded = fold(term);
  return folded.length > 0 ? folded : null;
};

export function createClipSearch() {
  const index = new MiniSearch<SearchDocument>({
    fields,
    idField: 'id',
    tokenize,
    processTerm,
    searchOptions: {
      boost: { title: 3, themes: 2, note: 1.5, site: 1.2, text: 1 },
      combineWith: 'AND',
      // Only the word being typed is a prefix; earlier, finished words may carry one typo.
      prefix: (_term, i, terms) => i === terms.length - 1,
      fuzzy: (term, i, terms) => (i < terms.length - 1 && term.length > 6 ? 0.15 : false),
    },
  });
  const docs = new Map<string, SearchDocument>();

  return {
    /** Add or replace clips in the index. */
    put(documents: SearchDocument[]): void {
      for (const document of documents) {
        if (docs.has(document.id)) index.discard(document.id);
        index.add(document);
        docs.set(document.id, document);
      }
      if (index.dirtCount > 1000 && index.dirtFactor > 0.2) index.vacuum();
    },

    remove(ids: string[]): void {
      for (const id of ids) {
        if (docs.has(id)) {
          index.discard(id);
          docs.delete(id);
        }
      }
    },

    has(id: string): boolean {
      return docs.has(id);
    },

    get size(): number {
      return docs.size;
    },

    search(query: string, options: { limit?: number; filter?: (id: string) => boolean } = {}): SearchHit[] {
      if (!query.trim()) return [];
      const results = index.search(query, options.filter ? { filter: (r) => options.filter!(String(r.id)) } : undefined);
      const limit = options.limit ?? 50;
      return results.slice(0, limit).map((result) => {
        const id = String(result.id);
        const terms = result.terms;
        return { id, score: result.score, terms, snippet: snippetFor(docs.get(id), terms, result.match) };
      });
    },
  };
}

export type ClipSearch = ReturnType<typeof createClipSearch>;

function snippetFor(document: SearchDocument | undefined, terms: string[], match: Record<string, string[]>): Snippet | null {
  if (!document) return null;
  const matchedFields = new Set(Object.values(match).flat() as SearchField[]);
  const order: SearchField[] = ['note', 'text', 'title', 'themes', 'site'];
  for (const field of order) {
    if (!matchedFields.has(field)) continue;
    const snippet = makeSnippet(field, document[field], terms);
    if (snippet) return snippet;
  }
  return null;
}

/** A window of about `width` characters around the first match, with every match marked. */
export function makeSnippet(field: SearchField, text: string, terms: string[], width = 180): Snippet | null {
  const folded = fold(text);
  const first = firstWordMatch(folded, terms, 0);
  if (!first) return null;
  let start = Math.max(0, first[0] - Math.floor(width / 3));
  if (start > 0) {
    const space = folded.indexOf(' ', start);
    if (space !== -1 && space < first[0]) start = space + 1;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const space = folded.lastIndexOf(' ', end);
    if (space > first[1]) end = space;
  }
  const ranges: Array<[number, number]> = [];
  let at = start;
  for (;;) {
    const next = firstWordMatch(folded, terms, at);
    if (!next || next[1] > end) break;
    ranges.push([next[0] - start, next[1] - start]);
    at = next[1];
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const shifted = ranges.map(([a, b]) => [a + prefix.length, b + prefix.length] as [number, number]);
  return { field, text: prefix + text.slice(start, end).replace(/\s+/g, ' ') + suffix, ranges: fixRanges(text.slice(start, end), shifted, prefix.length) };
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

function firstWordMatch(folded: string, terms: string[], from: number): [number, number] | null {
  let best: [number, number] | null = null;
  for (const term of terms) {
    let index = folded.indexOf(term, from);
    while (index !== -1) {
      const before = index === 0 ? '' : folded[index - 1];
      if (!before || !/[\p{L}\p{N}]/u.test(before)) break;
      index = folded.indexOf(term, index + 1);
    }
    if (index !== -1 && (!best || index < best[0])) {
      let end = index + term.length;
      while (end < folded.length && /[\p{L}\p{N}]/u.test(folded[end])) end++;
      best = [index, end];
    }
  }
  return best;
}
