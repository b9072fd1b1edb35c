import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc } from '../dossier/dossier.js';
import { makeCapture } from '../testing/captures.js';
import { createClipSearch, makeSnippet } from './clip-search.js';
import { attachSearch } from './dossier-search.js';
import { fold } from './fold.js';
import { lazyFold } from './snippets.js';

const doc = (id: string, fields: Partial<Record<'title' | 'text' | 'note' | 'site' | 'themes', string>>) => ({
  id,
  title: '',
  text: '',
  note: '',
  site: '',
  themes: '',
  ...fields,
});

describe('fold', () => {
  it('folds case and diacritics without changing length', () => {
    for (const [input, output] of [
      ['Ideeën', 'ideeen'],
      ['Coöperatie', 'cooperatie'],
      ['Één café', 'een cafe'],
      ['Straße 😀', 'straße 😀'],
    ]) {
      expect(fold(input)).toBe(output);
      expect(fold(input).length).toBe(input.length);
    }
  });
});

describe('fold', () => {
  it('folds each character to its lower case without diacritics, or keeps it', () => {
    for (let code = 0; code < 0x10000; code += 1) {
      const char = String.fromCharCode(code);
      const stripped = char
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase();
      const lower = char.toLowerCase();
      expect(fold(char)).toBe(stripped.length === 1 ? stripped : lower.length === 1 ? lower : char);
    }
  });

  it('folds every character the same wherever it stands', () => {
    // A capital sigma lower-cases by what follows it; "İ" lower-cases to two characters.
    for (const context of ['A', 'ΟΔΟΣ', 'İ']) {
      for (let code = 0; code < 0x10000; code += 1) {
        const char = String.fromCharCode(code);
        expect(fold(`${context}${char}Σb`)).toBe(fold(context) + fold(char) + fold('Σ') + 'b');
      }
    }
  });
});

describe('clip search', () => {
  const search = createClipSearch();
  search.put([
    doc('a', { title: 'Bewoners met ideeën', text: 'In de wijk ontstaan ideeën voor een buurttuin.' }),
    doc('b', { title: 'Wooncoöperatie', text: 'Een coöperatie van huurders neemt het beheer over.' }),
    doc('c', { title: 'Presentie', note: 'Mijn reflectie over nabijheid', themes: 'Presentie · Eigenaarschap' }),
    doc('d', { title: 'Netwerk', site: 'Movisie', text: 'Sociale netwerken in de buurt versterken.' }),
  ]);

  it('is diacritic- and case-insensitive', () => {
    expect(search.search('ideeen').map((h) => h.id)).toEqual(['a']);
    expect(search.search('COOPERATIE').map((h) => h.id)).toEqual(['b']);
    expect(search.search('coöperatie').map((h) => h.id)).toEqual(['b']);
  });

  it('matches the word being typed as a prefix', () => {
    expect(search.search('buurtt').map((h) => h.id)).toEqual(['a']);
    expect(search.search('refl').map((h) => h.id)).toEqual(['c']);
    expect(search.search('movi').map((h) => h.id)).toEqual(['d']);
    expect(search.search('eigenaar').map((h) => h.id)).toEqual(['c']);
  });

  it('requires every word and ranks title matches first', () => {
    search.put([doc('e', { text: 'Presentie in de praktijk van het wijkteam.' })]);
    expect(search.search('presentie').map((h) => h.id)).toEqual(['c', 'e']);
    expect(search.search('presentie wijkteam').map((h) => h.id)).toEqual(['e']);
    search.remove(['e']);
    expect(search.search('presentie wijkteam')).toEqual([]);
  });

  it('returns a snippet with the match marked in the original text', () => {
    const [hit] = search.search('ideeen buurt');
    const snippet = hit.snippet!;
    const marked = snippet.ranges.map(([a, b]) => snippet.text.slice(a, b));
    expect(marked).toContain('ideeën');
    expect(marked).toContain('buurttuin');
  });

  it('marks every word the word being typed begins, and the words before it', () => {
    const typed = createClipSearch();
    typed.put([doc('t', { text: 'In de buurt  bespreken\n\n bewoners het beleid; een  buurtbewoner belt.' })]);
    const [hit] = typed.search('buurt be');
    const marked = hit.snippet!.ranges.map(([a, b]) => hit.snippet!.text.slice(a, b));
    expect(marked).toEqual(['buurt', 'bespreken', 'bewoners', 'beleid', 'buurtbewoner', 'belt']);
    expect(hit.snippet!.text).toBe('In de buurt bespreken bewoners het beleid; een buurtbewoner belt.');
  });

  it('makes snippets with an ellipsis inside long texts', () => {
    const text = `${'voorwoord '.repeat(40)}de buurtmaaltijd met bewoners ${'nawoord '.repeat(40)}`;
    const snippet = makeSnippet('text', text, ['buurtmaaltijd'])!;
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    const [[a, b]] = snippet.ranges;
    expect(snippet.text.slice(a, b)).toBe('buurtmaaltijd');
  });
});

describe('dossier search', () => {
  it('follows clip edits, trash and theme renames', () => {
    const ydoc = new Y.Doc();
    initDossierDoc(ydoc, { id: 'd', name: 'D' });
    const dossier = createDossier(ydoc);
    const theme = dossier.frameworks.list()[0].themes[0];
    const id = dossier.clips.add({ capture: makeCapture({ title: 'Buurtmaaltijd' }), themes: [theme.id] });
    const search = attachSearch(dossier);
    expect(search.search('buurtmaal').map((h) => h.id)).toEqual([id]);
    dossier.clips.update(id, { note: 'kwartiermaken' });
    expect(search.search('kwartier').map((h) => h.id)).toEqual([id]);
    dossier.frameworks.updateTheme(theme.id, { name: 'Zeldzaamwoord' });
    expect(search.search('zeldzaam').map((h) => h.id)).toEqual([id]);
    dossier.clips.trash([id]);
    expect(search.search('buurtmaal')).toEqual([]);
    dossier.clips.restore([id]);
    expect(search.search('buurtmaal').map((h) => h.id)).toEqual([id]);
  });
});

describe('snippets of long texts', () => {
  it('folds only as far as needed and finds the same match as in the whole folded text', () => {
    // Matches past the first folded part, one word straddling where it ends, capitals and diacritics.
    const filler = 'De opbouwwerker sluit aan bij wat er al is. '.repeat(46); // 2,024 characters
    const text = `${filler}Een KWARTIERMAKEN-avond met IDEEËN, daarna ${'woord '.repeat(2000)}kwartiermaker ideeën`;
    for (const terms of [['kwartiermaken'], ['ideeen'], ['kwartier', 'idee'], ['avond']]) {
      const lazy = makeSnippet('text', text, terms)!;
      const whole = makeSnippet('text', text, terms, 180, fold(text))!;
      expect(lazy).toEqual(whole);
      expect(lazy.ranges.length).toBeGreaterThan(0);
    }
    expect(makeSnippet('text', text, ['nergens'])).toBeNull();
    // The text after the snippet's window was never folded.
    const folded = lazyFold(text);
    expect(makeSnippet('text', text, ['kwartiermaken'], 180, folded)).toEqual(makeSnippet('text', text, ['kwartiermaken']));
    expect(folded.upTo(0).length).toBeLessThan(text.length);
  });
});
