// A small but complete dossier for export/import tests: presets and a custom framework,
// clips with notes, themes, highlights, a trashed clip, a renamed preset theme.
import * as Y from 'yjs';
import { createDossier, initDossierDoc, type Dossier } from '../dossier/dossier.js';
import { makeCapture } from './captures.js';

export function makeTestDossier(options: { id?: string; name?: string } = {}): { dossier: Dossier; ids: Record<string, string> } {
  const doc = new Y.Doc();
  initDossierDoc(doc, { id: options.id ?? 'dossier-1', name: options.name ?? 'Leergang community werk', now: 1_700_000_000_000 });
  const dossier = createDossier(doc);
  dossier.updateMeta({ course: 'Post-hbo leergang community werk 2025', assessedFrameworkId: 'community-werker' });
  const own = dossier.frameworks.addFramework({ name: 'Mijn leerdoelen' });
  const ownTheme = dossier.frameworks.addTheme(own, { name: 'Presentie' });
  dossier.frameworks.updateTheme('community-werker.eigenaarschap', { name: 'Eigenaarschap bij bewoners' });
  dossier.frameworks.setPresetEnabled('gouden-regels', false);

  const buurt = dossier.clips.add({
    capture: makeCapture({
      title: 'Buurtmaaltijd in Kattenbroek',
      url: 'https://www.movisie.nl/artikel/buurtmaaltijd-kattenbroek',
      siteName: 'Movisie',
      byline: 'Jansen, P.',
      published: '2023-05-12',
      markdown: '# Buurtmaaltijd\n\nBewoners koken **samen**.\n\n- elke week\n- voor iedereen',
    }),
    note: 'Mooi voorbeeld van eigenaarschap: bewoners nemen het initiatief.\n\nIk wil dit in mijn wijk proberen.',
    themes: ['community-werker.eigenaarschap', 'community-werker.leefwereld'],
  });
  dossier.clips.addHighlight(buurt, { quote: { exact: 'eigen kracht', prefix: 'vanuit hun ', suffix: '.' }, note: 'Kern van de aanpak', colour: 'methode' });
  const presentie = dossier.clips.add({
    capture: makeCapture({ title: 'Presentie in de wijk', url: 'https://www.presentie.nl/wijk', siteName: 'Presentie.nl', byline: 'Baart, A.', published: '2019' }),
    note: 'Er zijn zonder agenda.',
    themes: [ownTheme, 'community-werker.in-en-vanuit-de-community'],
  });
  const loose = dossier.clips.add({ capture: makeCapture({ title: 'Zonder thema', url: 'https://example.org/los', mode: 'bookmark', byline: null }) });
  const trashed = dossier.clips.add({ capture: makeCapture({ title: 'Weggegooid' }), note: 'weg' });
  dossier.clips.trash([trashed]);
  return { dossier, ids: { buurt, presentie, loose, trashed, own, ownTheme } };
}

/** Everything a user could see of a dossier, for equality checks. */
export function dumpDossier(dossier: Dossier) {
  return {
    meta: dossier.meta(),
    clips: dossier.clips.all().sort((a, b) => a.id.localeCompare(b.id)),
    frameworks: dossier.frameworks.list({ includeDisabled: true }),
  };
}
