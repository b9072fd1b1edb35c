import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc } from '../../../../core/index.js';
import { filterFrameworkThemes } from './theme-filter.js';

function frameworks() {
  const doc = new Y.Doc();
  initDossierDoc(doc, { id: 'd1', name: 'Mijn leerdossier' });
  return createDossier(doc).frameworks.list();
}

describe('the theme dialog’s filter', () => {
  it('finds themes by the start of any word, without caring about case or accents', () => {
    const found = filterFrameworkThemes(frameworks(), 'EIGEN');
    expect(found.flatMap((g) => g.themes.map((t) => t.name))).toContain('Eigenaarschap');
    expect(filterFrameworkThemes(frameworks(), 'aansluiten leefwer').flatMap((g) => g.themes.map((t) => t.name))).toEqual(['Aansluiten bij de leefwereld']);
  });
  it('shows everything for an empty query and nothing for a word no theme has', () => {
    const all = frameworks();
    expect(filterFrameworkThemes(all, '  ').flatMap((g) => g.themes)).toHaveLength(all.flatMap((f) => f.themes.filter((t) => !t.hidden)).length);
    expect(filterFrameworkThemes(all, 'xyzzy')).toEqual([]);
  });
  it('takes a framework’s name as a match for all its themes', () => {
    const groups = filterFrameworkThemes(frameworks(), 'gouden');
    expect(groups.map((g) => g.framework.id)).toEqual(['gouden-regels']);
    expect(groups[0].themes.length).toBe(groups[0].framework.themes.length);
  });
});
