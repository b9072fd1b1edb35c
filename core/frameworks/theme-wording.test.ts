import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createDossier, initDossierDoc } from '../dossier/dossier.js';
import { groupedThemes, numberLabel, searchThemes, themeEntries } from './theme-wording.js';

function frameworks() {
  const doc = new Y.Doc();
  initDossierDoc(doc, { id: 'd1', name: 'Leergang' });
  const dossier = createDossier(doc);
  return { dossier, list: () => dossier.frameworks.list() };
}

describe('theme wording', () => {
  it('numbers themes as the texts do, per group', () => {
    const { list } = frameworks();
    const entries = themeEntries(list());
    const byId = new Map(entries.map((e) => [e.id, e]));
    expect(byId.get('gouden-regels.honderd-bewoners')!.numberLabel).toBe('regel 7');
    expect(byId.get('community-werker.eigenaarschap')!.numberLabel).toBe('kenmerk 5');
    expect(byId.get('dichterbij.grenzen-van-invloed')!.numberLabel).toBe('houdingsprincipe 10');
    expect(byId.get('dichterbij.verbindingen-maken')!.numberLabel).toBe('werkprincipe 2');
    expect(byId.get('dichterbij.verbindingen-maken')!.groupName).toBe('Werkprincipes');
    expect(byId.get('bouwstenen.empowerment')!.numberLabel).toBeNull();
    const regel7 = list().find((f) => f.id === 'gouden-regels')!;
    expect(numberLabel(regel7, regel7.themes[6]!, 'en')).toBe('rule 7');
  });

  it('finds a theme by number ("regel 7", "houding 10") and by words of its wording', () => {
    const { list } = frameworks();
    const ids = (q: string) => searchThemes(list(), q).map((t) => t.id);
    expect(ids('regel 7')).toEqual(['gouden-regels.honderd-bewoners']);
    expect(ids('rule 7')).toEqual(['gouden-regels.honderd-bewoners']);
    expect(ids('houding 10')).toEqual(['dichterbij.grenzen-van-invloed']);
    expect(ids('houdingsaspecten 3')).toEqual(['dichterbij.nadruk-op-kracht']);
    expect(ids('werkprincipe 1')).toEqual(['dichterbij.dicht-in-de-leefwereld']);
    expect(ids('eigenaarschap')).toEqual(['community-werker.eigenaarschap']);
    // "1" is not the start of "10": numbers match whole.
    expect(ids('regel 1')).toEqual(['gouden-regels.actief-in-de-wijk']);
    // Words of the wording, not only the name: "levensdomeinen" is rule 4's wording and name,
    // "werkplek" only rule 2's wording.
    expect(ids('werkplek')).toEqual(['gouden-regels.ambulant-werken']);
    // Name hits before wording hits.
    const kracht = ids('kracht');
    expect(kracht[0]).toBe('dichterbij.nadruk-op-kracht');
    expect(kracht.length).toBeGreaterThan(1);
    expect(ids('regel 11')).toEqual([]);
  });

  it('leaves out hidden themes and switched-off frameworks, and follows renames', () => {
    const { dossier, list } = frameworks();
    dossier.frameworks.updateTheme('gouden-regels.honderd-bewoners', { name: 'Honderd bewoners' });
    dossier.frameworks.updateTheme('community-werker.eigenaarschap', { hidden: true });
    dossier.frameworks.setPresetEnabled('bouwstenen', false);
    const ids = (q: string) => searchThemes(list(), q).map((t) => t.id);
    expect(ids('regel 7')).toEqual(['gouden-regels.honderd-bewoners']);
    expect(ids('honderd')).toEqual(['gouden-regels.honderd-bewoners']);
    expect(ids('eigenaarschap')).toEqual([]);
    expect(ids('empowerment')).toEqual([]);
    expect(themeEntries(list()).some((e) => e.frameworkId === 'bouwstenen')).toBe(false);
  });

  it('groups DichtErBij into its two groups and custom themes into none', () => {
    const { dossier, list } = frameworks();
    const dichterbij = list().find((f) => f.id === 'dichterbij')!;
    expect(groupedThemes(dichterbij).map((s) => [s.group?.name, s.themes.length])).toEqual([
      ['Houdingsprincipes', 10],
      ['Werkprincipes', 5],
    ]);
    const own = dossier.frameworks.addFramework({ name: 'Eigen kader' });
    dossier.frameworks.addTheme(own, { name: 'Netwerken' });
    const custom = list().find((f) => f.id === own)!;
    expect(groupedThemes(custom).map((s) => [s.group, s.themes.length])).toEqual([[null, 1]]);
    expect(custom.themes[0]!.number).toBeNull();
    expect(themeEntries(list()).find((e) => e.name === 'Netwerken')!.numberLabel).toBeNull();
  });
});
