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

describe('links to complete', () => {
  it('completes a link saved without text in place: same clip, note and themes, the page title unless renamed', () => {
    const dossier = newDossier();
    const theme = dossier.frameworks.list()[0].themes[0].id;
    const url = 'https://www.buurtplatform.nl/verhalen/bankje';
    const link = makeCapture({ url, title: 'buurtplatform.nl', mode: 'bookmark', text: 'Een bankje als begin', html: '', markdown: '', wordCount: 4 });
    const id = dossier.clips.add({ capture: link, themes: [theme], note: 'Mooi voor de wijk.', toComplete: true });
    expect(dossier.clips.get(id)!.toComplete).toBe(true);
    expect(dossier.clips.rows()[0].toComplete).toBe(true);
    expect(dossier.clips.toComplete().map((c) => c.id)).toEqual([id]);

    // Only a capture of the same address completes it.
    expect(() => dossier.clips.complete(id, makeCapture({ url: 'https://elders.nl/' }))).toThrow(/same address/);
    dossier.clips.complete(id, makeCapture({ url: `${url}?utm_source=x`, title: 'Een bankje als begin van buurtkracht' }));
    const done = dossier.clips.get(id)!;
    expect(done).toMatchObject({ id, title: 'Een bankje als begin van buurtkracht', themes: [theme], toComplete: false });
    expect(done.capture.mode).toBe('article');
    expect(done.note).toBe('Een bankje als begin\n\nMooi voor de wijk.');
    expect(dossier.clips.toComplete()).toEqual([]);
    // Once complete, it is a capture like any other: not replaced again.
    expect(() => dossier.clips.complete(id, makeCapture({ url }))).toThrow(/not waiting/);

    const renamed = dossier.clips.add({ capture: makeCapture({ url: 'https://a.nl/x', mode: 'bookmark', title: 'a.nl' }), toComplete: true });
    dossier.clips.update(renamed, { title: 'Mijn eigen titel' });
    dossier.clips.complete(renamed, makeCapture({ url: 'https://a.nl/x', title: 'Paginatitel' }));
    expect(dossier.clips.get(renamed)!.title).toBe('Mijn eigen titel');
  });
});
