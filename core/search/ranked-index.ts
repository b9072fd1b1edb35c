// MiniSearch with a lean query path for search-as-you-type. MiniSearch's own search() builds
// a result object (terms, match per field) for every matching clip and every expanded term;
// a two-letter prefix at 5,000 clips expands to ~100 terms and tens of thousands of postings,
// which costs ~100 ms. Here the postings are summed into one score per clip with the same
// BM25 formula, weights and AND semantics, and terms/match are worked out only for the hits
// returned. Uses the protected fields MiniSearch documents for subclasses (minisearch 7.2).
import MiniSearch, { type Options } from 'minisearch';
import { packedPostings, packIndex, unpackIndex, type IndexInternals, type PackedIndex } from './packed-index.js';

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

type FieldTermData = Map<number, Map<number, number>>;
interface Expansion {
  term: string;
  weight: number;
  data: FieldTermData;
}

// MiniSearch's defaults (defaultSearchOptions, defaultBM25params).
const bm25 = { k: 1.2, b: 0.7, d: 0.5 };
const weights = { fuzzy: 0.45, prefix: 0.375 };
const maxFuzzy = 6;

export class RankedIndex<T> extends MiniSearch<T> {
  readonly #boost: Record<string, number>;
  readonly #fields: string[];
  /** Field lengths by short id and field (0 = no such clip), rebuilt after adds/discards. */
  #lengths: Float64Array[] | null = null;

  override add(document: T): void {
    this.#lengths = null;
    super.add(document);
  }

  override remove(document: T): void {
    this.#lengths = null;
    super.remove(document);
  }

  override removeAll(documents?: readonly T[]): void {
    this.#lengths = null;
    super.removeAll(documents);
  }

  override discard(id: unknown): void {
    this.#lengths = null;
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
    this.#lengths = null;
    unpackIndex(this as unknown as IndexInternals, this.#fields, packed);
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

  constructor(options: Options<T> & { boost: Record<string, number> }) {
    super(options);
    this.#fields = options.fields;
    this.#boost = options.boost;
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

  /**
   * Adds to `scores[docId]` the score of one word for every clip it matches (BM25 per field,
   * summed over the expansions) and marks the clip in `hit`. Clips not `alive` are skipped.
   */
  #scoreWord(expansions: Expansion[], scores: Float64Array, hit: Uint8Array, alive: Uint8Array | null): void {
    for (const { weight, data } of expansions) {
      for (const field of this.#fields) {
        const fieldId = this._fieldIds[field];
        // Postings of a restored index are read where they are packed: decoding every term
        // a short prefix expands to into Maps cost more than the scoring.
        const packed = packedPostings(data, fieldId);
        const freqs = packed ? null : data.get(fieldId);
        let matching = packed ? packed.end - packed.start : (freqs?.size ?? 0);
        if (matching === 0) continue;
        const boost = weight * (this.#boost[field] ?? 1);
        const avgLength = this._avgFieldLength[fieldId];
        let idf = inverseDocumentFrequency(this._documentCount, matching);
        const lengths = this.#denseLengths()[fieldId];
        const score = (freq: number, docId: number) => {
          const length = docId < lengths.length ? lengths[docId] : 0;
          if (length === 0) {
            // Discarded, not yet vacuumed: MiniSearch counts it the same way.
            idf = inverseDocumentFrequency(this._documentCount, --matching);
            return;
          }
          if (alive && alive[docId] === 0) return;
          const norm = 1 - bm25.b + (bm25.b * Math.max(0, length)) / avgLength;
          scores[docId] += boost * idf * (bm25.d + (freq * (bm25.k + 1)) / (freq + bm25.k * norm));
          hit[docId] = 1;
        };
        if (packed) for (let i = packed.start; i < packed.end; i++) score(packed.freqs[i], packed.docs[i]);
        else freqs!.forEach(score);
      }
    }
  }

  /**
   * Clips matching every word, best first (MiniSearch's ranking with combineWith AND), with
   * terms and match filled in for the first `limit` that pass `filter`.
   */
  rank(specs: WordSpec[], limit: number, filter?: (id: string) => boolean): RankedHit[] {
    if (specs.length === 0) return [];
    const expansions = specs.map((spec) => this.#expand(spec));
    // Most selective word first, so the others only score clips still in the running.
    const fieldIds = this.#fields.map((field) => this._fieldIds[field]);
    const counts = expansions.map((list) => postings(list, fieldIds));
    const order = specs.map((_, i) => i).sort((a, b) => counts[a] - counts[b]);
    // Dense arrays by MiniSearch's short document id: no per-clip objects while scoring.
    const size = this._nextId;
    const total = new Float64Array(size);
    let alive: Uint8Array | null = null;
    for (const i of order) {
      const hit = new Uint8Array(size);
      this.#scoreWord(expansions[i], total, hit, alive);
      alive = hit;
    }
    const candidates: number[] = [];
    for (let docId = 0; docId < size; docId++) if (alive![docId] === 1) candidates.push(docId);
    candidates.sort((a, b) => total[b] - total[a]);
    const quality = new Set(specs.map((s) => s.term)).size;
    const hits: Array<RankedHit & { docId: number }> = [];
    for (const docId of candidates) {
      if (hits.length >= limit) break;
      const id = String(this._documentIds.get(docId));
      if (filter && !filter(id)) continue;
      hits.push({ id, docId, score: total[docId] * quality, terms: [], match: {} });
    }
    // `match` of the hits returned: per expansion and field, the smaller side is walked (a
    // short prefix expands to thousands of terms, most of them in a clip or two).
    const slot = new Map(hits.map((hit, i) => [hit.docId, i]));
    const matched = hits.map(() => new Map<string, string[]>());
    const seen = new Set<string>();
    for (const list of expansions) {
      for (const { term, data } of list) {
        // Two words may expand to the same term (same postings): its fields count once.
        if (seen.has(term)) continue;
        seen.add(term);
        for (const field of this.#fields) {
          const fieldId = this._fieldIds[field];
          const packed = packedPostings(data, fieldId);
          const freqs = packed ? null : data.get(fieldId);
          if (!packed && !freqs) continue;
          const mark = (i: number | undefined) => {
            if (i === undefined) return;
            const fields = matched[i].get(term);
            if (fields) fields.push(field);
            else matched[i].set(term, [field]);
          };
          if (packed) for (let i = packed.start; i < packed.end; i++) mark(slot.get(packed.docs[i]));
          else if (freqs!.size < hits.length) for (const docId of freqs!.keys()) mark(slot.get(docId));
          else for (const hit of hits) if (freqs!.has(hit.docId)) mark(slot.get(hit.docId));
        }
      }
    }
    return hits.map(({ id, score }, i) => {
      const match = Object.fromEntries(matched[i]);
      return { id, score, terms: Object.keys(match), match };
    });
  }
}

function inverseDocumentFrequency(documents: number, matching: number): number {
  return Math.log(1 + (documents - matching + 0.5) / (matching + 0.5));
}

function postings(expansions: Expansion[], fieldIds: number[]): number {
  let count = 0;
  for (const { data } of expansions) {
    for (const fieldId of fieldIds) {
      const packed = packedPostings(data, fieldId);
      count += packed ? packed.end - packed.start : (data.get(fieldId)?.size ?? 0);
    }
  }
  return count;
}
