import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createDossier, initDossierDoc } from '../dossier/dossier.js';
import { presetFrameworks } from './presets.js';
import { relatedWords } from './related-words.js';
import { evaluate, overlapSuggester } from './suggest-eval.js';
import { createThemeSuggester, maxSuggestChars, suggestThemes, wordingOf } from './suggest.js';
import { labelledPassages } from './test-labelled-passages.js';

const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('suggestThemes', () => {
  it('suggests Eigenaarschap for a solution "bedacht door bewoners zelf"', () => {
    expect(suggestThemes('bedacht door bewoners zelf')[0]?.themeId).toBe('community-werker.eigenaarschap');
    const passage = 'Deze simpele oplossing is bedacht door bewoners zelf. Als gebruiker en eigenaar van hun omgeving weten zij als geen ander wat daar nodig is.';
    expect(suggestThemes(passage)[0]?.themeId).toBe('community-werker.eigenaarschap');
  });

  it('reads only the opening of a very long text', () => {
    const about = 'De oplossing is bedacht door bewoners zelf.';
    const filler = 'lorem ipsum dolor sit amet '.repeat(Math.ceil(maxSuggestChars / 27) + 1);
    expect(suggestThemes(`${about} ${filler}`, undefined, { minScore: 0 }).map((s) => s.themeId)).toContain('community-werker.eigenaarschap');
    expect(suggestThemes(`${filler} ${about}`, undefined, { minScore: 0 })).toEqual([]);
  });

  it('matches inflections through the Dutch stemmer and compounds through their parts', () => {
    const suggester = createThemeSuggester([
      { id: 'a', name: 'Talenten verbinden', description: 'Je verbindt talenten van bewoners.' },
      { id: 'b', name: 'Preventie', description: 'Het voorkomen van ziekte.' },
    ]);
    // "talent" (singular) and "verbinden" only match once stemmed.
    expect(suggester.rank('Zij zocht één talent om te verbinden.').map((s) => s.themeId)).toEqual(['a']);
    // "ziektepreventie" holds "preventie".
    expect(suggester.rank('Over ziektepreventie in de wijk.').map((s) => s.themeId)).toEqual(['b']);
    expect(suggester.rank('')).toEqual([]);
  });

  it('ranks with scores between 0 and 1, best first, within limit and minimum, leaving out excluded themes', () => {
    const text = labelledPassages[0]!.text;
    const all = createThemeSuggester(
      wordingOf(presetFrameworks.map((f) => ({ id: f.id, enabled: true, hidden: false, themes: f.themes.map((t) => ({ ...t, hidden: false })) }))),
    ).rank(text);
    expect(all.length).toBeGreaterThan(3);
    for (let i = 1; i < all.length; i++) expect(all[i]!.score).toBeLessThanOrEqual(all[i - 1]!.score);
    for (const s of all) (expect(s.score).toBeGreaterThan(0), expect(s.score).toBeLessThanOrEqual(1));
    const shown = suggestThemes(text, undefined, { limit: 2, minScore: 0 });
    expect(shown.map((s) => s.themeId)).toEqual(all.slice(0, 2).map((s) => s.themeId));
    const without = suggestThemes(text, undefined, { limit: 2, minScore: 0, exclude: [all[0]!.themeId] });
    expect(without.map((s) => s.themeId)).toEqual(all.slice(1, 3).map((s) => s.themeId));
    expect(suggestThemes(text, undefined, { minScore: 2 })).toEqual([]);
  });

  it("reads a dossier's own wording: renamed and custom themes, not hidden ones", () => {
    const doc = new Y.Doc();
    initDossierDoc(doc, { id: 'd1', name: 'Leergang' });
    const dossier = createDossier(doc);
    const own = dossier.frameworks.addFramework({ name: 'Wijkteam Noord' });
    const themeId = dossier.frameworks.addTheme(own, { name: 'Schuldhulp', description: 'Vroeg signaleren van schulden en betalingsachterstanden.' });
    const text = 'Het wijkteam signaleert betalingsachterstanden vroeg, samen met de woningcorporatie.';
    expect(suggestThemes(text, dossier.frameworks.list())[0]?.themeId).toBe(themeId);
    dossier.frameworks.updateTheme(themeId, { hidden: true });
    expect(suggestThemes(text, dossier.frameworks.list()).map((s) => s.themeId)).not.toContain(themeId);
  });

  it('has related words only for preset themes that exist', () => {
    const ids = new Set(presetFrameworks.flatMap((f) => f.themes.map((t) => t.id)));
    expect(Object.keys(relatedWords).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe('the labelled set', () => {
  it('copies every passage word for word from its domain text and labels only preset themes', () => {
    const ids = new Set(presetFrameworks.flatMap((f) => f.themes.map((t) => t.id)));
    expect(labelledPassages.length).toBeGreaterThanOrEqual(40);
    for (const passage of labelledPassages) {
      const text = squash(readFileSync(new URL(`../../tests/fixtures/domain-texts/${passage.source}`, import.meta.url), 'utf8'));
      expect(text, passage.text.slice(0, 40)).toContain(squash(passage.text));
      for (const id of passage.themes) expect(ids.has(id), id).toBe(true);
    }
  });

  it('suggests better than plain word overlap (the figures themselves are in npm run bench)', () => {
    const wording = presetFrameworks.flatMap((f) => f.themes.map((t) => ({ id: t.id, name: t.name, description: t.description })));
    const knipsel = evaluate(labelledPassages, (text) => suggestThemes(text));
    const baseline = evaluate(labelledPassages, overlapSuggester(wording, 0.25));
    expect(knipsel.f1).toBeGreaterThan(baseline.f1);
    expect(knipsel.precision).toBeGreaterThan(baseline.precision);
    expect(knipsel.recall).toBeGreaterThan(baseline.recall);
  });
});
