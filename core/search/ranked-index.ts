// MiniSearch with a lean query path for search-as-you-type. MiniSearch's own search() builds
// a result object (terms, match per field) for every matching clip and every expanded term;
// a two-letter prefix at 5,000 clips expands to ~100 terms and tens of thousands of postings,
// which costs ~100 ms. Here each word's postings are summed into one score per clip with the
// same BM25 formula and weights (word-scores.ts), clips matching every word (AND) are ranked
// with a bounded heap (top-hits.ts), and terms/match are worked out only for the hits
// returned. A word's expansions and scores are kept until the index changes: typing the next
// word scores only that word. Uses the protected fields MiniSearch documents for subclasses
// (minisearch 7.2).
import MiniSearch, { type Options } from 'minisearch';
import { packedSource, packIndex, unpackIndex, type IndexInternals, type PackedIndex } from './packed-index.js';
import { topByScore } from './top-hits.js';
import { emptyWordScores, scoreWord, type Expansion, type FieldTermData, type ScoringContext, type WordScores } from './word-scores.js';

/** How one query word is matched: exactly, as a prefix (the word being typed), or fuzzily. */
export interface WordSpec {
  term: string;
  prefix: boolean;
  /** Fraction of the term's length allowed as edit distance, or false. */
  fuzzy: number | false;
}

export interface RankedHit {
  id: string;
  score: number;
  /** Terms of the clip that matched (folded), first query word first. */
  terms: string[];
  /** Matched term → the fields it matched in. */
  match: Record<string, string[]>;
}

/** A query word met before: its expansions, and its scores while no vacuum changed the postings since. */
interface KnownWord {
  expansions: Expansion[];
  scores: WordScores | null;
  /** The dirt count the scores were made at. */
  dirt: number;
}

// MiniSearch's defaults (defaultSearchOptions).
const weights = { fuzzy: 0.45, prefix: 0.375 };
const maxFuzzy = 6;
/** Words kept between searches: those of a long query. */
const keptWords = 8;

export class RankedIndex<T> extends MiniSearch<T> {
  readonly #boost: Record<string, number>;
  readonly #fields: string[];
  /** Field lengths by field id and short id, rebuilt after adds/discards. */
  #lengths: Float64Array[] | null = null;
  /** Words of recent searches, least recently used first; emptied on any change. */
  readonly #words = new Map<string, KnownWord>();
  /** Score arrays of words no longer kept, for the next word of the same size. */
  #spare: WordScores | null = null;
  /** Reused per search: clips matching every word, their summed score, the hit each one is. */
  #candidates = new Uint32Array(0);
  #total = new Float64Array(0);
  #slot = new Int32Array(0);

  #changed(): void {
    this.#lengths = null;
    this.#words.clear();
  }

  override add(document: T): void {
    this.#changed();
    super.add(document);
  }

  override remove(document: T): void {
    this.#changed();
    super.remove(document);
  }

  override removeAll(documents?: readonly T[]): void {
    this.#changed();
    super.removeAll(documents);
  }

  override discard(id: unknown): void {
    this.#changed();
    super.discard(id);
  }

  /** Ids of the documents in the index. */
  ids(): string[] {
    return Array.from(this._documentIds.values(), String);
  }

  /** The index as typed arrays, for storing (packed-index.ts). */
  pack(): PackedIndex {
    return packIndex(this as unknown as IndexInternals, this.#fields);
  }

  /** Fill this index, still empty, from a packed one; throws on data that does not hold together. */
  restore(packed: PackedIndex): void {
    if (this.documentCount > 0) throw new Error('restore() needs an empty index');
    this.#changed();
    unpackIndex(this as unknown as IndexInternals, this.#fields, packed);
  }

  constructor(options: Options<T> & { boost: Record<string, number> }) {
    super(options);
    this.#fields = options.fields;
    this.#boost = options.boost;
  }

  /** Dense copies of `_fieldLength` (one array per field id): array reads while scoring. */
  #denseLengths(): Float64Array[] {
    if (this.#lengths) return this.#lengths;
    const fieldCount = Object.keys(this._fieldIds).length;
    const lengths = Array.from({ length: fieldCount }, () => new Float64Array(this._nextId));
    for (const [docId, perField] of this._fieldLength) {
      if (!this._documentIds.has(docId)) continue;
      for (let f = 0; f < fieldCount; f++) lengths[f][docId] = perField[f] ?? 0;
    }
    // A clip with an empty field still exists: mark it with a length that cannot occur.
    for (const docId of this._documentIds.keys()) for (let f = 0; f < fieldCount; f++) if (lengths[f][docId] === 0) lengths[f][docId] = -1;
    return (this.#lengths = lengths);
  }

  /** The expanded terms of one query word, each with its weight (exact, prefix, fuzzy). */
  #expand(spec: WordSpec): Expansion[] {
    const out: Expansion[] = [];
    const exact = this._index.get(spec.term);
    if (exact) out.push({ term: spec.term, weight: 1, data: exact });
    let fuzzyMatches: Map<string, [FieldTermData, number]> | undefined;
    if (spec.fuzzy !== false) {
      const maxDistance = Math.min(maxFuzzy, Math.round(spec.term.length * spec.fuzzy));
      if (maxDistance) fuzzyMatches = this._index.fuzzyGet(spec.term, maxDistance);
    }
    if (spec.prefix) {
      for (const [term, data] of this._index.atPrefix(spec.term)) {
        const distance = term.length - spec.term.length;
        if (!distance) continue;
        fuzzyMatches?.delete(term);
        out.push({ term, weight: (weights.prefix * term.length) / (term.length + 0.3 * distance), data });
      }
    }
    if (fuzzyMatches) {
      for (const [term, [data, distance]] of fuzzyMatches) {
        if (!distance) continue;
        out.push({ term, weight: (weights.fuzzy * term.length) / (term.length + distance), data });
      }
    }
    return out;
  }

  /** A word's expansions and scores: kept from an earlier search while the index is unchanged. */
  #word(spec: WordSpec, context: ScoringContext): KnownWord & { scores: WordScores } {
    const key = `${spec.term}\u0000${spec.prefix}\u0000${spec.fuzzy}`;
    let word = this.#words.get(key);
    if (word) this.#words.delete(key);
    else word = { expansions: this.#expand(spec), scores: null, dirt: 0 };
    this.#words.set(key, word);
    // A vacuum drops discarded postings, which changes how MiniSearch counts a term's clips.
    if (!word.scores || word.dirt !== this._dirtCount || this.isVacuuming) {
      word.scores = scoreWord(word.expansions, context, this.#scoreArrays(word.scores));
      word.dirt = this._dirtCount;
    }
    return word as KnownWord & { scores: WordScores };
  }

  /** Zeroed score arrays for `_nextId` clips, reusing `old` or a spare set where they fit. */
  #scoreArrays(old: WordScores | null): WordScores {
    let reuse = old;
    if (!reuse || reuse.scores.length !== this._nextId) {
      reuse = this.#spare;
      this.#spare = null;
    }
    if (!reuse || reuse.scores.length !== this._nextId) return emptyWordScores(this._nextId);
    reuse.scores.fill(0);
    reuse.hit.fill(0);
    reuse.count = 0;
    return reuse;
  }

  /** Forget the least recently used words beyond the kept number, keeping one set of arrays. */
  #trimWords(): void {
    for (const [key, word] of this.#words) {
      if (this.#words.size <= keptWords) break;
      this.#words.delete(key);
      if (word.scores) this.#spare = word.scores;
    }
  }

  /**
   * Clips matching every word, best first (MiniSearch's ranking with combineWith AND), with
   * terms and match filled in for the first `limit` that pass `filter`.
   */
  rank(specs: WordSpec[], limit: number, filter?: (id: string) => boolean): RankedHit[] {
    if (specs.length === 0) return [];
    const size = this._nextId;
    const context: ScoringContext = {
      documentCount: this._documentCount,
      fieldIds: this.#fields.map((field) => this._fieldIds[field]),
      boosts: this.#fields.map((field) => this.#boost[field] ?? 1),
      averageLength: this._avgFieldLength,
      lengths: this.#denseLengths(),
    };
    const words = specs.map((spec) => this.#word(spec, context));
    this.#trimWords();
    if (this.#total.length < size) {
      this.#candidates = new Uint32Array(size);
      this.#total = new Float64Array(size);
      this.#slot = new Int32Array(size);
    }
    const candidates = this.#candidates;
    const total = this.#total;
    // The most selective word first: most clips drop out at its test.
    // The most selective word first: most clips drop out at its test.
    const masks = words
      .map((word) => word.scores)
      .sort((a, c) => a.count - c.count)
      .map((scores) => scores.hit);
    const vectors = words.map((word) => word.scores.scores);
    let found = 0;
    for (let docId = 0; docId < size; docId++) {
      let all = true;
      for (let w = 0; w < masks.length && all; w++) all = masks[w][docId] === 1;
      if (!all) continue;
      let sum = 0;
      for (let w = 0; w < vectors.length; w++) sum += vectors[w][docId];
      total[docId] = sum;
      candidates[found++] = docId;
    }
    const quality = new Set(specs.map((s) => s.term)).size;
    const hits: Array<{ id: string; docId: number; score: number }> = [];
    // Order only as many as are needed; with a filter that turns most of them down, all of them.
    for (let wanted = limit; ; wanted = found) {
      hits.length = 0;
      const ordered = topByScore(candidates, found, total, wanted);
      for (const docId of ordered) {
        if (hits.length >= limit) break;
        const id = String(this._documentIds.get(docId));
        if (filter && !filter(id)) continue;
        hits.push({ id, docId, score: total[docId] * quality });
      }
      if (hits.length >= limit || ordered.length >= found) break;
    }
    const matched = this.#matches(words, hits);
    return hits.map(({ id, score }, i) => {
      const match = Object.fromEntries(matched[i]);
      return { id, score, terms: Object.keys(match), match };
    });
  }

  /**
   * Per hit, its matched terms and their fields. Per expansion and field the smaller side is
   * walked (a short prefix expands to thousands of terms, most of them in a clip or two).
   */
  #matches(words: KnownWord[], hits: Array<{ docId: number }>): Array<Map<string, string[]>> {
    const slot = this.#slot;
    hits.forEach((hit, i) => (slot[hit.docId] = i + 1));
    const matched = hits.map(() => new Map<string, string[]>());
    const seen = new Set<string>();
    for (const { expansions } of words) {
      for (const { term, data } of expansions) {
        // Two words may expand to the same term (same postings): its fields count once.
        if (seen.has(term)) continue;
        seen.add(term);
        const source = packedSource(data);
        for (const field of this.#fields) {
          const fieldId = this._fieldIds[field];
          if (source) {
            const f = source.fieldIds.indexOf(fieldId);
            if (f === -1) continue;
            const { docs, offsets } = source.packed;
            for (let i = offsets[source.first + f], end = offsets[source.first + f + 1]; i < end; i++) {
              if (slot[docs[i]] !== 0) mark(matched[slot[docs[i]] - 1], term, field);
            }
            continue;
          }
          const freqs = data.get(fieldId);
          if (!freqs) continue;
          if (freqs.size < hits.length) {
            for (const docId of freqs.keys()) if (slot[docId] !== 0) mark(matched[slot[docId] - 1], term, field);
          } else for (const hit of hits) if (freqs.has(hit.docId)) mark(matched[slot[hit.docId] - 1], term, field);
        }
      }
    }
    for (const hit of hits) slot[hit.docId] = 0;
    return matched;
  }
}

/** Notes that `term` matched in `field` of a hit. */
function mark(matched: Map<string, string[]>, term: string, field: string): void {
  const fields = matched.get(term);
  if (fields) fields.push(field);
  else matched.set(term, [field]);
}
