// One query word scored over every clip at once: MiniSearch's BM25 per field, summed over the
// terms the word expands to, into dense arrays by MiniSearch's short document id (no object per
// clip). A restored index's postings are read where they are packed (packed-index.ts): decoding
// every term a short prefix expands to into Maps cost more than the scoring.
import { packedSource } from './packed-index.js';

/** A term's postings: field id → (short id → frequency). */
export type FieldTermData = Map<number, Map<number, number>>;

/** A term one query word expands to (the word itself, a longer word it begins, a near miss), with its weight. */
export interface Expansion {
  term: string;
  weight: number;
  data: FieldTermData;
}

/** What scoring reads of the index; the same for every word of one search. */
export interface ScoringContext {
  documentCount: number;
  /** The field ids, in the order of the index's fields, and each field's boost in that order. */
  fieldIds: number[];
  boosts: number[];
  /** By field id. */
  averageLength: number[];
  /** By field id, then short id: the field's length; 0 = no such clip, -1 = an empty field. */
  lengths: Float64Array[];
}

/** One word's score and matches, by short id. */
export interface WordScores {
  scores: Float64Array;
  /** 1 where the word matches. */
  hit: Uint8Array;
  /** How many clips it matches. */
  count: number;
}

// MiniSearch's defaults (defaultBM25params).
const k = 1.2;
const b = 0.7;
const d = 0.5;

export function emptyWordScores(size: number): WordScores {
  return { scores: new Float64Array(size), hit: new Uint8Array(size), count: 0 };
}

/** Adds the score of every expansion in every field to `into` (zeroed, or holding other words' scores). */
export function scoreWord(expansions: Expansion[], context: ScoringContext, into: WordScores): WordScores {
  const { documentCount, fieldIds } = context;
  for (const { weight, data } of expansions) {
    const source = packedSource(data);
    for (let f = 0; f < fieldIds.length; f++) {
      const fieldId = fieldIds[f];
      let docs: Uint32Array | null = null;
      let freqs: Uint16Array | null = null;
      let start = 0;
      let end = 0;
      let postings: Map<number, number> | undefined;
      if (source) {
        const at = source.fieldIds.indexOf(fieldId);
        if (at === -1) continue;
        ({ docs, freqs } = source.packed);
        start = source.packed.offsets[source.first + at];
        end = source.packed.offsets[source.first + at + 1];
      } else postings = data.get(fieldId);
      let matching = postings ? postings.size : end - start;
      if (matching === 0) continue;
      const boost = weight * context.boosts[f];
      const averageLength = context.averageLength[fieldId];
      const lengths = context.lengths[fieldId];
      let idf = inverseDocumentFrequency(documentCount, matching);
      // A plain loop over packed postings: a closure per term and field cost more than the sums.
      if (docs && freqs) {
        for (let i = start; i < end; i++) {
          const docId = docs[i];
          const length = docId < lengths.length ? lengths[docId] : 0;
          // Discarded, not yet vacuumed: MiniSearch counts it the same way.
          if (length === 0) idf = inverseDocumentFrequency(documentCount, --matching);
          else add(into, docId, boost * idf * termScore(freqs[i], length, averageLength));
        }
      } else {
        postings!.forEach((freq, docId) => {
          const length = docId < lengths.length ? lengths[docId] : 0;
          if (length === 0) idf = inverseDocumentFrequency(documentCount, --matching);
          else add(into, docId, boost * idf * termScore(freq, length, averageLength));
        });
      }
    }
  }
  return into;
}

/** BM25's term part for a term `freq` times in a field of `length` (-1: empty). */
function termScore(freq: number, length: number, averageLength: number): number {
  const norm = 1 - b + (b * Math.max(0, length)) / averageLength;
  return d + (freq * (k + 1)) / (freq + k * norm);
}

function add(into: WordScores, docId: number, score: number): void {
  into.scores[docId] += score;
  if (into.hit[docId] === 0) {
    into.hit[docId] = 1;
    into.count++;
  }
}

function inverseDocumentFrequency(documents: number, matching: number): number {
  return Math.log(1 + (documents - matching + 0.5) / (matching + 0.5));
}
