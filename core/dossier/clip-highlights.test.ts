import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc } from './dossier.js';
import { makeCapture } from '../testing/captures.js';

function newDossier(doc = new Y.Doc()) {
  let at = 1_700_000_000_000;
  initDossierDoc(doc, { id: 'd1', name: 'Mijn leerdossier' });
  return createDossier(doc, { now: () => (at += 1000) });
}

const quote = { exact: 'eigen kracht', prefix: 'vanuit ', suffix: ' van' };

describe('highlights', () => {
  it('changes colour and note and leaves the quote alone', () => {
    const dossier = newDossier();
    const id = dossier.clips.add({ capture: makeCapture() });
    const h = dossier.clips.addHighlight(id, { quote, position: { start: 3, end: 15 }, colour: 'methode' });
    dossier.clips.updateHighlight(id, h, { colour: 'vraag' });
    dossier.clips.updateHighlight(id, h, { note: 'Navragen bij het team' });
    expect(dossier.clips.get(id)!.highlights).toMatchObject([{ id: h, quote, position: { start: 3, end: 15 }, colour: 'vraag', note: 'Navragen bij het team' }]);
    // An empty note clears it.
    dossier.clips.updateHighlight(id, h, { note: '' });
    expect(dossier.clips.get(id)!.highlights[0].note).toBe('');
  });

  it('puts a removed highlight back whole: same id, date, colour and note', () => {
    const dossier = newDossier();
    const id = dossier.clips.add({ capture: makeCapture() });
    const h = dossier.clips.addHighlight(id, { quote, colour: 'onderbouwing', note: 'Bron voor mijn leervraag' });
    const before = dossier.clips.get(id)!.highlights[0];
    dossier.clips.removeHighlight(id, h);
    expect(dossier.clips.get(id)!.highlights).toEqual([]);
    dossier.clips.restoreHighlight(id, before);
    expect(dossier.clips.get(id)!.highlights).toEqual([before]);
  });

  it('refuses a bad or doubled restore and changes nothing', () => {
    const dossier = newDossier();
    const id = dossier.clips.add({ capture: makeCapture() });
    const h = dossier.clips.addHighlight(id, { quote });
    const kept = dossier.clips.get(id)!.highlights[0];
    expect(() => dossier.clips.restoreHighlight(id, kept)).toThrowError(/already/);
    expect(() => dossier.clips.restoreHighlight(id, { ...kept, id: 'x2', colour: 'rood' as never })).toThrowError(/Invalid/);
    expect(() => dossier.clips.restoreHighlight(id, { ...kept, id: 'x3', quote: { exact: '', prefix: '', suffix: '' } })).toThrowError(/Invalid/);
    expect(() => dossier.clips.restoreHighlight('nope', { ...kept, id: 'x4' })).toThrowError(/No clip/);
    expect(dossier.clips.get(id)!.highlights.map((x) => x.id)).toEqual([h]);
  });

  it('a restore on one replica reaches the other', () => {
    const a = new Y.Doc();
    const dossier = newDossier(a);
    const id = dossier.clips.add({ capture: makeCapture() });
    const h = dossier.clips.addHighlight(id, { quote, colour: 'vraag' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const kept = dossier.clips.get(id)!.highlights[0];
    dossier.clips.removeHighlight(id, h);
    dossier.clips.restoreHighlight(id, kept);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    expect(createDossier(b).clips.get(id)!.highlights).toEqual([kept]);
  });
});
