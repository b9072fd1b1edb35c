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

  it('turns hits down with a filter past a small limit', () => {
    const spec: WordSpec[] = [{ term: 'b', prefix: true, fuzzy: false }];
    const all = index.rank(spec, 1000);
    // Only one in ten passes: the best few by score are not enough, so every hit is ordered.
    const rare = (id: string) => Number(id.slice(1)) % 10 === 3;
    expect(index.rank(spec, 4, rare).map((h) => h.id)).toEqual(
      all
        .filter((h) => rare(h.id))
        .slice(0, 4)
        .map((h) => h.id),
    );
  });
});

describe('RankedIndex between searches', () => {
  const rankAll = (index: RankedIndex<SearchTestDoc>, queries: WordSpec[][]) => queries.map((specs) => index.rank(specs, 1000));
  const typing: WordSpec[][] = [
    [{ term: 'eigen', prefix: true, fuzzy: false }],
    [
      { term: 'eigen', prefix: false, fuzzy: false },
      { term: 'kr', prefix: true, fuzzy: false },
    ],
    [
      { term: 'eigen', prefix: false, fuzzy: false },
      { term: 'kra', prefix: true, fuzzy: false },
    ],
    [
      { term: 'samenwerkin', prefix: false, fuzzy: 0.15 },
      { term: 'wi', prefix: true, fuzzy: false },
    ],
  ];

  it('ranks as a fresh index does while clips are added, edited, discarded and vacuumed', async () => {
    const docs = documents(150);
    const index = new RankedIndex<SearchTestDoc>({ fields, boost });
    index.addAll(docs);
    const sameAsFresh = (live: SearchTestDoc[]) => {
      const fresh = new RankedIndex<SearchTestDoc>({ fields, boost });
      fresh.addAll(live);
      const got = rankAll(index, typing);
      const expected = rankAll(fresh, typing);
      got.forEach((hits, q) => {
        expect(hits.map((h) => h.id)).toEqual(expected[q].map((h) => h.id));
        hits.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[q][i].score, 9));
      });
      return got;
    };
    sameAsFresh(docs);
    // Words met before are kept; an added clip that matches them must still be found.
    const added = { id: 'new', title: 'eigen kracht samenwerking', text: 'wijkteam', note: '' };
    index.add(added);
    const withAdded = sameAsFresh([...docs, added]);
    expect(withAdded.every((hits) => hits.some((h) => h.id === 'new'))).toBe(true);
    // Edited (discarded and added again) and removed clips, then a vacuum.
    index.discard('c4');
    index.add({ ...docs[4], title: 'eigen kracht' });
    index.discard('c9');
    const live = [...docs.filter((d) => d.id !== 'c4' && d.id !== 'c9'), added, { ...docs[4], title: 'eigen kracht' }];
    // Scores kept from before the vacuum counted the discarded postings (as MiniSearch does).
    rankAll(index, typing);
    await index.vacuum();
    const afterVacuum = sameAsFresh(live);
    expect(afterVacuum.flat().some((h) => h.id === 'c9')).toBe(false);
  });
});
