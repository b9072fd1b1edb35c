// Full-text search over a dossier's clips (title, text, note, site, theme names): ranked,
// prefix matching for search-as-you-type, case- and diacritic-insensitive, with snippets.
import { fold } from './fold.js';
import { foldCache, makeSnippet, type Snippet } from './snippets.js';
import type { PackedIndex } from './packed-index.js';
import { RankedIndex, type WordSpec } from './ranked-index.js';

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
export { makeSnippet, type Snippet } from './snippets.js';

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
/** processTerm with a memo: texts repeat words, and folding each occurrence dominated indexing. */
function cachedProcessTerm() {
  const memo = new Map<string, string | null>();
  return (term: string) => {
    let folded = memo.get(term);
    if (folded === undefined) {
      folded = processTerm(term);
      if (memo.size > 200_000) memo.clear();
      memo.set(term, folded);
    }
    return folded;
  };
}

const boost: Record<SearchField, number> = { title: 3, themes: 2, note: 1.5, site: 1.2, text: 1 };

/** Only the word being typed is a prefix; earlier, finished words may carry one typo. */
export function wordSpecs(words: string[]): WordSpec[] {
  const terms = words.map(processTerm).filter((t): t is string => t !== null);
  return terms.map((term, i) => ({
    term,
    prefix: i === terms.length - 1,
    fuzzy: i < terms.length - 1 && term.length > 6 ? 0.15 : false,
  }));
}

export interface ClipSearchOptions {
  /**
   * The indexed document of a clip, for snippets of the hits shown. Without it the search keeps
   * every document it was given (an index restored from storage then has no snippets).
   */
  documentOf?: (id: string) => SearchDocument | undefined;
}

const newIndex = () =>
  new RankedIndex<SearchDocument>({
    fields,
    idField: 'id',
    tokenize,
    processTerm: cachedProcessTerm(),
    boost,
  });

export function createClipSearch(options: ClipSearchOptions = {}) {
  let index = newIndex();
  const kept = options.documentOf ? null : new Map<string, SearchDocument>();
  /** Documents of recently shown hits: search as you type shows the same clips keystroke after keystroke. */
  const recent = new Map<string, SearchDocument>();
  const documentOf = (id: string): SearchDocument | undefined => {
    if (kept) return kept.get(id);
    let document = recent.get(id);
    if (document) recent.delete(id);
    else document = options.documentOf!(id);
    if (!document) return undefined;
    if (recent.size >= 200) recent.delete(recent.keys().next().value!);
    recent.set(id, document);
    return document;
  };
  const folded = foldCache();

  return {
    /** Add or replace clips in the index. */
    put(documents: SearchDocument[]): void {
      for (const document of documents) {
        if (index.has(document.id)) index.discard(document.id);
        recent.delete(document.id);
        index.add(document);
        kept?.set(document.id, document);
      }
      if (index.dirtCount > 1000 && index.dirtFactor > 0.2) index.vacuum();
    },

    remove(ids: string[]): void {
      for (const id of ids) {
        recent.delete(id);
        if (index.has(id)) {
          index.discard(id);
          kept?.delete(id);
        }
      }
    },

    /** Read a clip's document again for its next snippet (its text arrived later). */
    refresh(id: string): void {
      recent.delete(id);
    },

    has(id: string): boolean {
      return index.has(id);
    },

    /** Ids of the clips in the index. */
    ids(): string[] {
      return index.ids();
    },

    get size(): number {
      return index.documentCount;
    },

    /** The index as typed arrays, for storing. */
    pack: (): PackedIndex => index.pack(),

    /** Replace the index by a stored one; throws (and keeps the current one) on bad data. */
    restore(packed: PackedIndex): void {
      const next = newIndex();
      next.restore(packed);
      index = next;
      kept?.clear();
      recent.clear();
      folded.clear();
    },

    search(query: string, options: { limit?: number; filter?: (id: string) => boolean } = {}): SearchHit[] {
      const words = searchWords(query);
      if (words.length === 0) return [];
      const specs = wordSpecs(words);
      // The word being typed marks every word it begins: one term for the snippet instead of
      // each of its expansions the clip holds (a two-letter prefix: dozens).
      const prefixes = specs.filter((spec) => spec.prefix).map((spec) => spec.term);
      // Snippets only for the hits returned (a caller shows at most `limit`).
      return index.rank(specs, options.limit ?? 50, options.filter).map(({ id, score, terms, match }) => ({
        id,
        score,
        terms,
        snippet: snippetFor(documentOf(id), markedTerms(terms, prefixes), match, folded),
      }));
    },
  };
}

/**
 * The words to search for, or none below two characters: a query of one letter matches
 * nearly every clip (and costs the most). While a next word is begun, its first letter is
 * left out until a second one is typed ("buurt b" searches "buurt").
 */
export function searchWords(query: string): string[] {
  const words = tokenize(query).filter((word) => processTerm(word) !== null);
  if (words.length > 1 && words[words.length - 1].length < 2) words.pop();
  if (words.join('').length < 2) return [];
  return words;
}

type FoldCache = ReturnType<typeof foldCache>;

/** The terms a snippet marks: a prefix stands for the matched terms it begins. */
function markedTerms(terms: string[], prefixes: string[]): string[] {
  const used = prefixes.filter((prefix) => terms.some((term) => term.startsWith(prefix)));
  return used.length === 0 ? terms : [...used, ...terms.filter((term) => !used.some((prefix) => term.startsWith(prefix)))];
}

export type ClipSearch = ReturnType<typeof createClipSearch>;

function snippetFor(document: SearchDocument | undefined, terms: string[], match: Record<string, string[]>, folded?: FoldCache): Snippet | null {
  if (!document) return null;
  const matchedFields = new Set(Object.values(match).flat() as SearchField[]);
  const order: SearchField[] = ['note', 'text', 'title', 'themes', 'site'];
  for (const field of order) {
    if (!matchedFields.has(field)) continue;
    const text = document[field];
    const snippet = makeSnippet(field, text, terms, undefined, folded?.get(text));
    if (snippet) return snippet;
  }
  return null;
}
