import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc } from '../dossier/dossier.js';
import { makeCapture } from '../testing/captures.js';
import { isKnipselError } from '../errors.js';
import { growthView } from './growth.js';

const theme = 'community-werker.eigenaarschap';

function setup() {
  let time = 1_700_000_000_000;
  const doc = new Y.Doc();
  initDossierDoc(doc, { id: 'd', name: 'Leergang' });
  const dossier = createDossier(doc, { now: () => (time += 1000) });
  return { dossier, doc };
}

function rejected(work: () => unknown) {
  try {
    work();
  } catch (error) {
    return isKnipselError(error) ? error.code : 'other';
  }
  return 'accepted';
}

describe('leervragen', () => {
  it('keeps leervragen for the dossier and per theme, with evidence, actions and a status', () => {
    const { dossier } = setup();
    const clip = dossier.clips.add({ capture: makeCapture(), themes: [theme] });
    const general = dossier.leervragen.add({ text: 'Hoe werk ik vanuit de leefwereld?' });
    const own = dossier.leervragen.add({ text: '  Hoe laat ik bewoners eigenaar blijven?  ', themeId: theme });
    dossier.leervragen.link(own, [clip, clip]);
    const action = dossier.leervragen.addAction(own, 'Een avond meelopen met de opbouwwerker');
    dossier.leervragen.updateAction(own, action, { done: true });
    dossier.leervragen.update(own, { status: 'bezig' });
    expect(dossier.leervragen.list({ themeId: null }).map((l) => l.id)).toEqual([general]);
    expect(dossier.leervragen.list({ themeId: theme })).toEqual([
      expect.objectContaining({
        text: 'Hoe laat ik bewoners eigenaar blijven?',
        status: 'bezig',
        evidence: [clip],
        actions: [expect.objectContaining({ text: 'Een avond meelopen met de opbouwwerker', done: true })],
      }),
    ]);
    dossier.leervragen.unlink(own, [clip]);
    dossier.leervragen.removeAction(own, action);
    expect(dossier.leervragen.get(own)).toMatchObject({ evidence: [], actions: [] });
    dossier.leervragen.remove(general);
    expect(dossier.leervragen.list().map((l) => l.id)).toEqual([own]);
  });

  it('refuses an empty leervraag, an unknown theme or clip and a bad status, changing nothing', () => {
    const { dossier, doc } = setup();
    const id = dossier.leervragen.add({ text: 'Wat wil ik leren?' });
    const before = Y.encodeStateAsUpdate(doc);
    expect(rejected(() => dossier.leervragen.add({ text: '   ' }))).toBe('invalid-input');
    expect(rejected(() => dossier.leervragen.add({ text: 'x', themeId: 'bestaat.niet' }))).toBe('invalid-input');
    expect(rejected(() => dossier.leervragen.link(id, ['geen-knipsel']))).toBe('not-found');
    expect(rejected(() => dossier.leervragen.update(id, { status: 'klaar' as never }))).toBe('invalid-input');
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('reports its changes as learning changes', () => {
    const { dossier } = setup();
    const id = dossier.leervragen.add({ text: 'Wat wil ik leren?' });
    const seen: boolean[] = [];
    const stop = dossier.observe((change) => seen.push(change.learning));
    dossier.leervragen.addAction(id, 'Lezen over presentie');
    dossier.growth.addPeriod({ name: 'Module 1', startsOn: '2025-09-01' });
    stop();
    expect(seen).toEqual([true, true]);
  });
});

describe('growth', () => {
  it('shows the first and latest answered reflection of a theme, the ratings per period and what changed', () => {
    const { dossier } = setup();
    const first = dossier.clips.add({ capture: makeCapture({ title: 'Eerste' }), themes: [theme], note: 'Ik nam het over van bewoners.' });
    const unanswered = dossier.clips.add({ capture: makeCapture({ title: 'Leeg' }), themes: [theme] });
    dossier.evidence.startReflection(unanswered, { guideId: 'starr', guideName: 'STARR', prompts: [{ id: 's', heading: 'Situatie', question: 'Wat gebeurde er?' }] });
    const later = dossier.clips.add({ capture: makeCapture({ title: 'Later' }), themes: [theme], kind: 'eigen-praktijk' });
    const reflection = dossier.evidence.startReflection(later, { guideId: 'starr', guideName: 'STARR', prompts: [{ id: 's', heading: 'Situatie', question: 'Wat gebeurde er?' }] });
    dossier.evidence.setAnswer(later, reflection, 's', 'Bewoners leidden de avond, ik hield me in.');
    const m1 = dossier.growth.addPeriod({ name: 'Module 1', startsOn: '2025-09-01' });
    const m2 = dossier.growth.addPeriod({ name: 'Module 2', startsOn: '2026-01-15' });
    dossier.growth.rate(m1, theme, 2);
    dossier.growth.rate(m2, theme, 4);
    dossier.growth.setChanged(theme, 'Ik wacht langer voor ik iets overneem.');
    const view = growthView({
      themeId: theme,
      clips: dossier.clips.all(),
      periods: dossier.growth.periods(),
      rating: dossier.growth.rating,
      changed: dossier.growth.changed(theme),
    });
    expect(view.reflections.map((r) => r.clipTitle)).toEqual(['Eerste', 'Later']);
    expect(view.first).toMatchObject({ clipId: first, reflectionId: null, answers: [{ prompt: null, answer: 'Ik nam het over van bewoners.' }] });
    expect(view.latest).toMatchObject({ clipId: later, guideName: 'STARR', kind: 'eigen-praktijk' });
    expect(view.ratings.map((r) => [r.period.name, r.rating])).toEqual([
      ['Module 1', 2],
      ['Module 2', 4],
    ]);
    expect(view.changed).toBe('Ik wacht langer voor ik iets overneem.');
    dossier.growth.removePeriod(m1);
    expect(dossier.growth.rating(m1, theme)).toBeNull();
    expect(dossier.growth.periods().map((p) => p.name)).toEqual(['Module 2']);
  });

  it('refuses a rating outside 1–5, an unknown period or theme, and a period without a real date', () => {
    const { dossier } = setup();
    const period = dossier.growth.addPeriod({ name: 'Module 1', startsOn: '2025-09-01' });
    expect(rejected(() => dossier.growth.rate(period, theme, 6 as never))).toBe('invalid-input');
    expect(rejected(() => dossier.growth.rate('geen', theme, 3))).toBe('not-found');
    expect(rejected(() => dossier.growth.rate(period, 'geen.thema', 3))).toBe('invalid-input');
    expect(rejected(() => dossier.growth.addPeriod({ name: 'Module 2', startsOn: '' }))).toBe('invalid-input');
    expect(rejected(() => dossier.growth.addPeriod({ name: 'Module 2', startsOn: '2025-13-01' }))).toBe('invalid-input');
  });
});
