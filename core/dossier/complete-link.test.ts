import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isKnipselError } from '../errors.js';
import { isIncompleteLink } from './complete-link.js';
import { createDossier, initDossierDoc } from './dossier.js';
import { makeCapture } from '../testing/captures.js';

function newDossier() {
  const doc = new Y.Doc();
  initDossierDoc(doc, { id: 'd1', name: 'Mijn leerdossier' });
  return createDossier(doc);
}

const url = 'https://www.buurtwerk.nl/verhalen/bankje';
const link = () => makeCapture({ url, canonicalUrl: url, title: url, mode: 'bookmark', html: '', markdown: '', text: 'eigen notitie', wordCount: 2, siteName: null });

describe('completing a link saved without the page text', () => {
  it('puts the page in place: same id, note (with the link’s own text first), themes, highlights and date added; the title follows the page', () => {
    const d = newDossier();
    const theme = d.frameworks.list()[0].themes[0].id;
    const id = d.clips.add({ capture: link(), note: 'Waarom ik dit bewaarde', themes: [theme] });
    d.clips.addHighlight(id, { quote: { exact: 'bankje', prefix: '', suffix: '' }, position: null, note: '', colour: 'inspiratie' });
    const before = d.clips.get(id)!;
    const page = makeCapture({ url: `${url}?utm_source=nieuwsbrief`, title: 'Een bankje voor de deur', mode: 'article' });
    expect(isIncompleteLink(before.capture)).toBe(true);
    d.clips.complete(id, page);
    const after = d.clips.get(id)!;
    expect(after.capture.mode).toBe('article');
    expect(after.capture.text).toBe(page.text);
    expect(after.title).toBe('Een bankje voor de deur');
    // The text saved with the link (an imported bookmark's note) is kept, at the start of the note.
    expect(after.note).toBe('eigen notitie\n\nWaarom ik dit bewaarde');
    expect(after.themes).toEqual([theme]);
    expect(after.highlights).toHaveLength(1);
    expect(after.createdAt).toBe(before.createdAt);
    expect(d.clips.rows().map((r) => r.id)).toEqual([id]);
  });

  it('keeps a title the user gave, and refuses a clip with text or a capture of another page', () => {
    const d = newDossier();
    const id = d.clips.add({ capture: link(), title: 'Mijn eigen titel' });
    expect(() => d.clips.complete(id, makeCapture({ url: 'https://www.buurtwerk.nl/anders' }))).toThrow(/same address/);
    d.clips.complete(id, makeCapture({ url }));
    expect(d.clips.get(id)!.title).toBe('Mijn eigen titel');
    let error: unknown;
    try {
      d.clips.complete(id, makeCapture({ url }));
    } catch (e) {
      error = e;
    }
    expect(isKnipselError(error, 'conflict')).toBe(true);
  });
});
