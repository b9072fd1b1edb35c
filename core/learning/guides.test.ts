import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc } from '../dossier/dossier.js';
import { isKnipselError } from '../errors.js';
import { guidesForKind, localizeGuide, reflectionWording } from './guides.js';
import { presetGuides } from './preset-guides.js';

const textsDir = join(import.meta.dirname, '../../tests/fixtures/domain-texts');
const texts = readdirSync(textsDir)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => readFileSync(join(textsDir, name), 'utf8').replace(/\s+/g, ' '));

describe('reflection guides', () => {
  it('quote the domain texts word for word where they say they do', () => {
    const quoting = presetGuides.filter((g) => g.quotes.length > 0);
    expect(quoting.map((g) => g.id)).toEqual(['transfer', 'dichterbij-evaluatie', 'tussen-uitersten', 'gepast-reageren']);
    for (const guide of quoting) {
      expect(guide.source, guide.id).toBeTruthy();
      for (const quote of guide.quotes)
        expect(
          texts.some((text) => text.includes(quote)),
          `${guide.id}: ${quote}`,
        ).toBe(true);
    }
  });

  it('ask the questions of the texts: the DichtErBij evaluation, the role question, who is most called upon', () => {
    const nl = (id: string) =>
      localizeGuide(
        presetGuides.find((g) => g.id === id)!,
        'nl',
      )
        .prompts.map((p) => p.question)
        .join('\n');
    expect(nl('dichterbij-evaluatie')).toContain('Wat in de ondersteuning heeft gewerkt, wat heeft jou geholpen?');
    expect(nl('gepast-reageren')).toContain('Wie is waarom op dit moment het meest aan zet om iets te doen?');
    expect(nl('gepast-reageren')).toContain('anderen in beweging krijgen om mensen te activeren en in te bedden');
    expect(nl('tussen-uitersten')).toContain('op je handen gaan zitten');
    expect(nl('tussen-uitersten')).toContain('krachtgericht werken of gericht zijn op kwetsbaarheid van mensen');
    expect(nl('korthagen')).toMatch(/ui-model|drijfveren/i);
    // Transfer to one's own practice for someone else's example: no "what was your role".
    expect(nl('transfer')).toContain('Wat zou dit in mijn wijk vragen');
    expect(nl('transfer')).not.toMatch(/jouw rol/);
  });

  it('have both languages, unique question ids and one question that says what changes', () => {
    for (const guide of presetGuides) {
      const ids = guide.prompts.map((p) => p.id);
      expect(new Set(ids).size, guide.id).toBe(ids.length);
      for (const prompt of guide.prompts) for (const locale of ['nl', 'en'] as const) expect(prompt[locale].question.trim(), `${guide.id}.${prompt.id}`).not.toBe('');
      expect(guide.prompts.filter((p) => p.change).length, guide.id).toBe(1);
      expect(guide.kinds.length).toBeGreaterThan(0);
    }
  });

  it('fit the kind of evidence: transfer for a praktijkvoorbeeld, STARR and Korthagen for own practice', () => {
    const all = presetGuides.map((g) => localizeGuide(g, 'nl'));
    expect(guidesForKind(all, 'praktijkvoorbeeld').fitting.map((g) => g.id)).toEqual(['transfer', 'gepast-reageren']);
    expect(guidesForKind(all, 'eigen-praktijk').fitting.map((g) => g.id)).toEqual(['starr', 'korthagen', 'dichterbij-evaluatie', 'tussen-uitersten', 'gepast-reageren']);
    expect(guidesForKind(all, 'feedback').fitting.map((g) => g.id)).toEqual(['dichterbij-evaluatie', 'feedback']);
  });

  it('lets the user add an own guide to a dossier, listed after the presets, and delete it', () => {
    const doc = new Y.Doc();
    initDossierDoc(doc, { id: 'd', name: 'Leergang' });
    const dossier = createDossier(doc);
    const id = dossier.guides.add({ name: 'Intervisie', kinds: ['eigen-praktijk', 'feedback'], questions: ['Wat was de vraag van de inbrenger?', ' Wat heb ik geleerd? '] });
    const guides = dossier.guides.list('nl');
    expect(guides.at(-1)).toMatchObject({ id, name: 'Intervisie', own: true, kinds: ['eigen-praktijk', 'feedback'] });
    expect(guides.at(-1)!.prompts).toEqual([
      { id: 'v1', heading: 'Wat was de vraag van de inbrenger?', question: 'Wat was de vraag van de inbrenger?' },
      { id: 'v2', heading: 'Wat heb ik geleerd?', question: 'Wat heb ik geleerd?' },
    ]);
    expect(dossier.guides.get('starr', 'en')!.prompts[0]!.heading).toBe('Situation');
    let error: unknown;
    try {
      dossier.guides.add({ name: 'Leeg', kinds: ['feedback'], questions: [] });
    } catch (caught) {
      error = caught;
    }
    expect(isKnipselError(error, 'invalid-input')).toBe(true);
    dossier.guides.remove(id);
    expect(dossier.guides.own()).toEqual([]);
  });

  it('show a reflection started in Dutch in the reader’s language; an own guide keeps its words', () => {
    const starr = localizeGuide(
      presetGuides.find((g) => g.id === 'starr')!,
      'nl',
    );
    const english = reflectionWording({ guideId: 'starr', guideName: starr.name, prompts: starr.prompts }, 'en');
    expect(english.prompts.map((p) => p.heading)).toEqual(['Situation', 'Task', 'Action', 'Result', 'Reflection']);
    const own = { guideId: 'eigen-x', guideName: 'Intervisie', prompts: [{ id: 'v1', heading: 'Wat leerde ik?', question: 'Wat leerde ik?' }] };
    expect(reflectionWording(own, 'en')).toEqual({ guideName: 'Intervisie', prompts: own.prompts });
  });
});
