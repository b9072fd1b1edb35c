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
