// How an extraction is scored against expected output — the one definition used by the tests
// and the benchmark, for Knipsel and the baselines alike.
import { parseDate } from './dutch-dates.js';
import { ngramOverlap, type Overlap } from './text-metrics.js';

export const metadataFields = ['title', 'byline', 'siteName', 'lang', 'publishedTime'] as const;
export type MetadataField = (typeof metadataFields)[number];
export type MetadataValues = Partial<Record<MetadataField, string | null | undefined>>;

/** Word-4-gram overlap of extracted text with expected text. */
export function textScore(actual: string, expected: string): Overlap {
  return ngramOverlap(actual, expected, 4);
}

/**
 * A value reduced to what matters for comparison: Unicode NFKC, case, whitespace, quotes
 * and dashes folded, a leading "By"/"Door" dropped from bylines; dates compared by their
 * calendar day; language tags by lower case.
 */
export function normaliseField(field: MetadataField, value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value).normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (field === 'publishedTime') {
    const iso = parseDate(text);
    return iso ? iso.slice(0, 10) : text.toLowerCase();
  }
  if (field === 'lang') return text.toLowerCase();
  text = text
    .toLowerCase()
    .replace(/[‘’‚‛′`]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-');
  if (field === 'byline') text = text.replace(/^(?:(?:written|posted|geschreven)\s+)?(?:by|door|von|par|por)\s+/, '');
  return text.replace(/[\s.,;:|]+$/, '');
}

/**
 * Whether a field matches. Only fields the expected data sets are checked (an expected null
 * or empty value is "not stated", so finding more than the reference is not a failure).
 */
export function fieldMatches(field: MetadataField, actual: string | null | undefined, expected: string | null | undefined): boolean {
  return normaliseField(field, actual) === normaliseField(field, expected);
}

export interface MetadataTally {
  checked: number;
  passed: number;
}

/** Add one page's metadata comparison to a tally. */
export function tallyMetadata(tally: MetadataTally, actual: MetadataValues, expected: MetadataValues): MetadataTally {
  for (const field of metadataFields) {
    const want = expected[field];
    if (want === null || want === undefined || String(want).trim() === '') continue;
    tally.checked += 1;
    if (fieldMatches(field, actual[field], want)) tally.passed += 1;
  }
  return tally;
}

export const passRate = (t: MetadataTally): number => (t.checked === 0 ? 1 : t.passed / t.checked);

/**
 * Snippet scoring, as trafilatura's evaluation (its tests/eval_common.py): texts are compared
 * whitespace-normalised; a `with` snippet found in the extraction is a true positive, one
 * missed a false negative; a `without` snippet found is a false positive, one absent a true
 * negative. Counts are summed over pages before precision, recall and F1 are taken.
 */
export interface SnippetCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** Whitespace runs (Python's Unicode `\s`, as the reference evaluation uses) to one space. */
export function normaliseSnippetText(text: string): string {
  return text.replace(/[\s\x1c-\x1f\x85]+/g, ' ').trim();
}

/** One page's counts: `text` is the extraction, `null` when the extractor failed (all missed). */
export function snippetCounts(text: string | null, expected: { with: readonly string[]; without: readonly string[] }): SnippetCounts {
  let tp = 0;
  let fp = 0;
  if (text !== null) {
    const haystack = normaliseSnippetText(text);
    for (const snippet of expected.with) if (haystack.includes(normaliseSnippetText(snippet))) tp += 1;
    for (const snippet of expected.without) if (haystack.includes(normaliseSnippetText(snippet))) fp += 1;
  }
  return { tp, fp, fn: expected.with.length - tp, tn: expected.without.length - fp };
}

export function addCounts(a: SnippetCounts, b: SnippetCounts): SnippetCounts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, tn: a.tn + b.tn };
}

export const noCounts = (): SnippetCounts => ({ tp: 0, fp: 0, fn: 0, tn: 0 });

/** Precision, recall and F1 = 2TP / (2TP + FP + FN) of summed counts (0 for an empty denominator). */
export function snippetScores(c: SnippetCounts): { precision: number; recall: number; f1: number } {
  const f1Denominator = 2 * c.tp + c.fp + c.fn;
  return {
    precision: c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0,
    recall: c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0,
    f1: f1Denominator ? (2 * c.tp) / f1Denominator : 0,
  };
}
