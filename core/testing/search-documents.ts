// Deterministic pseudo-random search documents for the ranked and packed index tests: words
// drawn from a small Dutch vocabulary of near neighbours (prefixes, typos, plurals), in the
// fields and with the boosts the clip search uses.

const vocabulary = [
  'buurt',
  'buurtteam',
  'buurttuin',
  'bewoners',
  'bewonersavond',
  'eigen',
  'eigenaarschap',
  'kracht',
  'krachtig',
  'opbouwwerker',
  'opbouwwerk',
  'wijkteam',
  'wijk',
  'samenwerking',
  'samen',
  'ideeen',
  'idee',
  'talenten',
  'talent',
  'verbinden',
  'verbinding',
  'vrijwilligers',
  'vrijwilliger',
  'transformatie',
  'transformeren',
  'sociaal',
  'sociale',
  'domein',
  'presentie',
  'netwerk',
  'netwerken',
  'kwartiermaken',
  'de',
  'het',
  'een',
  'van',
  'in',
  'met',
];

export const searchFields = ['title', 'text', 'note'];
export const searchBoost = { title: 3, note: 1.5, text: 1 };
export type SearchTestDoc = { id: string; title: string; text: string; note: string };

/**
 * `count` documents `c0`, `c1`…: a title of three words, a text of `textWords` to three times
 * as many words, and on about a third of them a note of `noteWords` words. The same `seed`
 * gives the same documents.
 */
export function searchDocuments(count: number, { seed = 7, textWords = 40, noteWords = 8 } = {}): SearchTestDoc[] {
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const words = (n: number) => Array.from({ length: n }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(' ');
  return Array.from({ length: count }, (_, i) => ({
    id: `c${i}`,
    title: words(3),
    text: words(textWords + Math.floor(next() * 2 * textWords)),
    note: next() < 0.3 ? words(noteWords) : '',
  }));
}
