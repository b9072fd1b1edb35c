import { describe, expect, it } from 'vitest';
import { RankedIndex, type WordSpec } from './ranked-index.js';
import { searchBoost as boost, searchDocuments, searchFields as fields, type SearchTestDoc as Doc } from '../testing/search-documents.js';

const documents = (count: number) => searchDocuments(count, { seed: 11, textWords: 20, noteWords: 6 });

const specs: WordSpec[][] = [
  [{ term: 'buurt', prefix: true, fuzzy: false }],
  [
    { term: 'wijk', prefix: false, fuzzy: false },
    { term: 'ka', prefix: true, fuzzy: false },
  ],
  [{ term: 'kwartiermaker', prefix: false, fuzzy: 0.15 }],
  [
    { term: 'presentie', prefix: false, fuzzy: false },
    { term: 'talent', prefix: true, fuzzy: false },
  ],
];
const ranked = (index: RankedIndex<Doc>) => specs.map((s) => index.rank(s, 1000));
const fresh = () => new RankedIndex<Doc>({ fields, boost });

describe('a packed index', () => {
  it('ranks like the index it was packed from, edited and vacuumed after it was restored', async () => {
    const original = fresh();
    const docs = documents(200);
    original.addAll(docs);
    original.discard('c7');
    const packed = original.pack(); // without the discarded clip's postings, as after a vacuum
    await original.vacuum();
    const restored = fresh();
    restored.restore(packed);
    expect(ranked(restored)).toEqual(ranked(original));
    expect(restored.ids().sort()).toEqual(original.ids().sort());
    // Packed again with most terms never read (copied as they are packed), and restored.
    const twice = fresh();
    twice.restore(restored.pack());
    expect(ranked(twice)).toEqual(ranked(original));

    for (const index of [original, restored]) {
      index.discard('c3');
      index.add({ ...docs[3], text: 'presentie kwartiermaken' });
      index.add({ id: 'new', title: 'buurttuin', text: 'eigenaarschap', note: '' });
      await index.vacuum();
    }
    expect(ranked(restored)).toEqual(ranked(original));
    // Packing a restored index (terms never searched still packed) gives the same index again.
    const again = fresh();
    again.restore(restored.pack());
    expect(ranked(again)).toEqual(ranked(original));
  });

  it('refuses packed data that does not hold together, and a non-empty index', () => {
    const original = fresh();
    original.addAll(documents(20));
    const good = original.pack();
    const broken = [
      { ...good, fields: ['title', 'text'] },
      { ...good, offsets: good.offsets.slice(1) },
      { ...good, shape: good.shape.slice(0, -1) },
      { ...good, labels: [...good.labels, 'x'] },
      { ...good, termCount: good.termCount + 1 },
      { ...good, docs: good.docs.map((d) => d + 1000) },
      { ...good, documentCount: 3 },
    ];
    for (const packed of broken) expect(() => fresh().restore(packed)).toThrow();
    expect(() => original.restore(good)).toThrow();
  });
});
