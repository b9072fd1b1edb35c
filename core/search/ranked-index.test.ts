import { describe, expect, it } from 'vitest';
import { RankedIndex, type WordSpec } from './ranked-index.js';
import { searchBoost as boost, searchDocuments as documents, searchFields as fields, type SearchTestDoc } from '../testing/search-documents.js';

describe('RankedIndex.rank', () => {
  const index = new RankedIndex<SearchTestDoc>({ fields, boost });
  const docs = documents(300);
  index.addAll(docs);
  // Discarded documents (an edited clip) must not show and must count as MiniSearch counts them.
  index.discard('c3');
  index.discard('c150');
  index.add({ ...docs[3], text: 'presentie kwartiermaken' });

  const cases: Array<[string, WordSpec[]]> = [
    ['one exact word', [{ term: 'wijkteam', prefix: false, fuzzy: false }]],
    ['a two-letter prefix', [{ term: 'bu', prefix: true, fuzzy: false }]],
    [
      'a finished word with a typo, then a prefix',
      [
        { term: 'transformatei', prefix: false, fuzzy: 0.15 },
        { term: 'so', prefix: true, fuzzy: false },
      ],
    ],
    [
      'three words, AND',
      [
        { term: 'eigen', prefix: false, fuzzy: false },
        { term: 'kracht', prefix: false, fuzzy: false },
        { term: 'ver', prefix: true, fuzzy: false },
      ],
    ],
  ];

  it.each(cases)('ranks like MiniSearch search() with AND: %s', (_name, specs) => {
    const query = {
      combineWith: 'AND' as const,
      queries: specs.map((spec) => ({ queries: [spec.term], prefix: spec.prefix, fuzzy: spec.fuzzy, boost })),
    };
    // rank() first: MiniSearch's search() tidies discarded postings as it meets them.
    const got = index.rank(specs, 1000);
    const expected = index.search(query, { boost, combineWith: 'AND' });
    expect(expected.length).toBeGreaterThan(0);
    expect(got.map((h) => h.id)).toEqual(expected.map((r) => r.id));
    got.forEach((hit, i) => {
      expect(hit.score).toBeCloseTo(expected[i].score, 9);
      expect(hit.terms.slice().sort()).toEqual(expected[i].terms.slice().sort());
      expect(hit.match).toEqual(expected[i].match);
    });
  });

  it('ranks a word given twice like MiniSearch', () => {
    // On an index without discarded clips: MiniSearch's search() tidies those while it runs,
    // so with a repeated word the two can differ slightly until the next vacuum.
    const clean = new RankedIndex<SearchTestDoc>({ fields, boost });
    clean.addAll(documents(200));
    const got = clean.rank(
      [
        { term: 'buurt', prefix: false, fuzzy: false },
        { term: 'buurt', prefix: true, fuzzy: false },
      ],
      1000,
    );
    const expected = clean.search({ combineWith: 'AND', queries: [{ queries: ['buurt'] }, { queries: ['buurt'], prefix: true }] }, { boost });
    expect(got.map((h) => h.id)).toEqual(expected.map((r) => r.id));
    got.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i].score, 9));
  });

  it('limits and filters the hits', () => {
    const spec: WordSpec[] = [{ term: 'b', prefix: true, fuzzy: false }];
    const all = index.rank(spec, 1000);
    expect(index.rank(spec, 5).map((h) => h.id)).toEqual(all.slice(0, 5).map((h) => h.id));
    const even = index.rank(spec, 1000, (id) => Number(id.slice(1)) % 2 === 0);
    expect(even.map((h) => h.id)).toEqual(all.filter((h) => Number(h.id.slice(1)) % 2 === 0).map((h) => h.id));
    expect(all.some((h) => h.id === 'c150')).toBe(false);
  });
});
