import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc } from '@knipsel/core';
import { applyFrameworkChoice } from './first-run.js';

function dossier() {
  const doc = new Y.Doc();
  initDossierDoc(doc, { id: 'd1', name: 'Mijn leerdossier' });
  return createDossier(doc);
}

describe('the first run’s framework choice', () => {
  it('switches on the chosen presets only, and adds one empty framework for own themes', () => {
    const d = dossier();
    const admin = {
      setPresetEnabled: (id: string, on: boolean) => d.frameworks.setPresetEnabled(id, on),
      addFramework: (input: { name: string }) => d.frameworks.addFramework(input),
    };
    const choice = { name: 'Leergang 2026', frameworks: ['gouden-regels', 'dichterbij'], own: true, ownName: 'Mijn thema’s' };
    applyFrameworkChoice(admin, d.frameworks.list({ includeDisabled: true }), choice);
    const enabled = d.frameworks.list();
    expect(
      enabled
        .filter((f) => f.preset)
        .map((f) => f.id)
        .sort(),
    ).toEqual(['dichterbij', 'gouden-regels']);
    expect(enabled.filter((f) => !f.preset).map((f) => f.name)).toEqual(['Mijn thema’s']);
    // Again (the welcome shown once more from Settings): no second own framework.
    applyFrameworkChoice(admin, d.frameworks.list({ includeDisabled: true }), { ...choice, frameworks: ['community-werker'] });
    expect(
      d.frameworks
        .list()
        .filter((f) => f.preset)
        .map((f) => f.id),
    ).toEqual(['community-werker']);
    expect(d.frameworks.list().filter((f) => !f.preset)).toHaveLength(1);
  });
});
