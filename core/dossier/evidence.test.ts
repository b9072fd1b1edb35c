import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isKnipselError } from '../errors.js';
import { createDossier, initDossierDoc } from './dossier.js';
import { makeCapture } from '../testing/captures.js';

/** A dossier whose clock ticks a millisecond per call (attachments list in the order they were added). */
function newDossier(doc = new Y.Doc()) {
  initDossierDoc(doc, { id: 'd1', name: 'Leergang' });
  let time = 1_700_000_000_000;
  return createDossier(doc, { now: () => time++ });
}

const hash = 'a'.repeat(64);
const starr = {
  guideId: 'starr',
  guideName: 'STARR',
  prompts: [
    { id: 'situatie', heading: 'Situatie', question: 'Wat gebeurde er?' },
    { id: 'reflectie', heading: 'Reflectie', question: 'Wat doe je anders?', change: true },
  ],
};

function rejects(work: () => unknown): void {
  let error: unknown;
  try {
    work();
  } catch (caught) {
    error = caught;
  }
  expect(isKnipselError(error, 'invalid-input') || isKnipselError(error, 'not-found')).toBe(true);
}

describe('evidence of more than one kind', () => {
  it('adds an own experience with its card, and a clip defaults to praktijkvoorbeeld', () => {
    const dossier = newDossier();
    const example = dossier.clips.add({ capture: makeCapture() });
    const own = dossier.clips.add({
      capture: makeCapture({ mode: 'note', url: 'https://knipsel.invalid/notitie', text: '', markdown: '', html: '' }),
      title: 'Buurtgesprek over de speeltuin',
      kind: 'eigen-praktijk',
      card: { date: '2025-10-02', place: 'Buurthuis De Kern', involved: 'twee bewoners, een collega', happened: 'Bewoners kwamen met een plan voor de speeltuin.' },
    });
    expect(dossier.clips.get(example)!.kind).toBe('praktijkvoorbeeld');
    const clip = dossier.clips.get(own)!;
    expect(clip.kind).toBe('eigen-praktijk');
    expect(clip.card).toMatchObject({ date: '2025-10-02', place: 'Buurthuis De Kern', happened: 'Bewoners kwamen met een plan voor de speeltuin.', context: '' });
    const row = dossier.clips.rows().find((r) => r.id === own)!;
    expect(row).toMatchObject({ kind: 'eigen-praktijk', excerpt: 'Bewoners kwamen met een plan voor de speeltuin.', reflections: 0, attachments: 0 });
  });

  it('changes kind and card fields, one field at a time, and clears a field with an empty string', () => {
    const dossier = newDossier();
    const id = dossier.clips.add({ capture: makeCapture() });
    dossier.evidence.updateCard(id, { context: 'Kattenbroek', worked: 'Samen koken', notWorked: 'De tijd: te laat op de avond' });
    dossier.evidence.updateCard(id, { myWijk: 'Een keuken en twee trekkers', worked: '' });
    expect(dossier.clips.get(id)!.card).toMatchObject({ context: 'Kattenbroek', worked: '', notWorked: 'De tijd: te laat op de avond', myWijk: 'Een keuken en twee trekkers' });
    dossier.evidence.setKind([id], 'feedback');
    dossier.evidence.updateCard(id, { from: 'Mijn praktijkbegeleider', fromRole: 'assessor', said: 'Je laat bewoners meer ruimte dan vorig jaar.', date: '2025-11-20' });
    const clip = dossier.clips.get(id)!;
    expect(clip.kind).toBe('feedback');
    expect(clip.card).toMatchObject({ context: 'Kattenbroek', fromRole: 'assessor', date: '2025-11-20' });
  });

  it('refuses a bad kind, a card field it does not know, a date that is no date, and changes nothing', () => {
    const dossier = newDossier();
    const id = dossier.clips.add({ capture: makeCapture() });
    const before = Y.encodeStateAsUpdate(dossier.doc);
    rejects(() => dossier.evidence.setKind([id], 'roddel' as never));
    rejects(() => dossier.evidence.updateCard(id, { naam: 'Mevrouw Jansen' } as never));
    rejects(() => dossier.evidence.updateCard(id, { date: '2025-02-30' }));
    rejects(() => dossier.evidence.updateCard(id, { fromRole: 'buurman' as never }));
    rejects(() => dossier.evidence.updateCard('bestaat-niet', { context: 'x' }));
    rejects(() => dossier.clips.add({ capture: makeCapture(), kind: 'anders' as never }));
    expect(Y.encodeStateAsUpdate(dossier.doc)).toEqual(before);
  });

  it('records attachments by hash, refuses bad metadata, removes them', () => {
    const dossier = newDossier();
    const id = dossier.clips.add({ capture: makeCapture() });
    const photo = dossier.evidence.addAttachment(id, { hash, name: 'speeltuin.jpg', type: 'image/jpeg', size: 120_000 });
    dossier.evidence.addAttachment(id, { hash: 'b'.repeat(64), name: 'verslag.pdf', type: 'application/pdf', size: 30_000 });
    expect(dossier.clips.get(id)!.attachments.map((a) => a.name)).toEqual(['speeltuin.jpg', 'verslag.pdf']);
    expect(dossier.clips.rows()[0]!.attachments).toBe(2);
    rejects(() => dossier.evidence.addAttachment(id, { hash: 'niet-een-hash', name: 'x', type: 'image/png', size: 1 }));
    rejects(() => dossier.evidence.addAttachment(id, { hash, name: '', type: 'image/png', size: 1 }));
    dossier.evidence.removeAttachment(id, photo);
    expect(dossier.clips.get(id)!.attachments.map((a) => a.name)).toEqual(['verslag.pdf']);
  });

  it('skips attachments and reflections a peer wrote in another shape', () => {
    const dossier = newDossier();
    const id = dossier.clips.add({ capture: makeCapture() });
    const map = dossier.doc.getMap('clips').get(id) as Y.Map<unknown>;
    map.set('attachment:kapot', { hash: 'x', name: '<img src=x>', type: 'image/png', size: -1, addedAt: 0 });
    map.set('reflection:kapot', new Y.Map());
    map.set('kind', 'roddel');
    map.set('card:fromRole', 'buurman');
    const clip = dossier.clips.get(id)!;
    expect(clip.attachments).toEqual([]);
    expect(clip.reflections).toEqual([]);
    expect(clip.kind).toBe('praktijkvoorbeeld');
    expect(clip.card.fromRole).toBe('');
  });

  it('keeps a guided reflection with its questions and one answer per question; it counts once every question is answered', () => {
    let time = 1_000;
    const doc = new Y.Doc();
    initDossierDoc(doc, { id: 'd1', name: 'Leergang' });
    const dossier = createDossier(doc, { now: () => time++ });
    const id = dossier.clips.add({ capture: makeCapture(), kind: 'eigen-praktijk' });
    const reflection = dossier.evidence.startReflection(id, starr);
    expect(dossier.clips.get(id)!.reflections[0]).toMatchObject({ guideId: 'starr', guideName: 'STARR', answers: { situatie: '', reflectie: '' } });
    expect(dossier.clips.rows()[0]!.reflections).toBe(0);
    dossier.evidence.setAnswer(id, reflection, 'situatie', 'Een bewonersavond over de speeltuin.');
    // Only the question typed again is no answer.
    dossier.evidence.setAnswer(id, reflection, 'reflectie', 'Wat doe je anders?');
    expect(dossier.clips.rows()[0]!.reflections).toBe(0);
    dossier.evidence.setAnswer(id, reflection, 'reflectie', 'Ik vraag eerst wat bewoners zelf willen.');
    expect(dossier.clips.rows()[0]!.reflections).toBe(1);
    expect(dossier.evidence.reflection(id, reflection).updatedAt).toBeGreaterThan(dossier.evidence.reflection(id, reflection).createdAt);
    dossier.evidence.removeReflection(id, reflection);
    expect(dossier.clips.get(id)!.reflections).toEqual([]);
  });

  it('merges two people typing answers to the same question', () => {
    const a = new Y.Doc();
    const dossierA = newDossier(a);
    const id = dossierA.clips.add({ capture: makeCapture() });
    const reflection = dossierA.evidence.startReflection(id, starr, { situatie: 'Bewoners kwamen.' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const dossierB = createDossier(b);
    dossierA.evidence.setAnswer(id, reflection, 'situatie', 'Bewoners kwamen. Ik luisterde.');
    dossierB.evidence.setAnswer(id, reflection, 'situatie', 'Vijf bewoners kwamen.');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const merged = dossierA.clips.get(id)!.reflections[0]!.answers.situatie;
    expect(merged).toBe(dossierB.clips.get(id)!.reflections[0]!.answers.situatie);
    expect(merged).toContain('Vijf');
    expect(merged).toContain('Ik luisterde.');
  });

  it('refuses a reflection without questions or with the same question id twice', () => {
    const dossier = newDossier();
    const id = dossier.clips.add({ capture: makeCapture() });
    rejects(() => dossier.evidence.startReflection(id, { guideId: 'starr', guideName: 'STARR', prompts: [] }));
    rejects(() => dossier.evidence.startReflection(id, { guideId: 'x', guideName: 'x', prompts: [starr.prompts[0]!, starr.prompts[0]!] }));
    rejects(() => dossier.evidence.setAnswer(id, 'geen', 'situatie', 'x'));
  });

  it('reports evidence edits as changes of the clip', () => {
    const dossier = newDossier();
    const id = dossier.clips.add({ capture: makeCapture() });
    const reflection = dossier.evidence.startReflection(id, starr);
    const seen: string[][] = [];
    const stop = dossier.observe((change) => seen.push([...change.clipIds]));
    dossier.evidence.setAnswer(id, reflection, 'situatie', 'Een bewonersavond.');
    dossier.evidence.updateCard(id, { context: 'Noord' });
    stop();
    expect(seen).toEqual([[id], [id]]);
  });
});
