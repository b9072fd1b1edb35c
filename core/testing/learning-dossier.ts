// A dossier as a leergang student keeps it, for export tests: own practice with a photo and
// an answered STARR reflection, a practice example under two themes with an unanswered guide
// and a note of inserted prompts only, feedback half reflected on, leervragen, two periods.
import * as Y from 'yjs';
import { createDossier, initDossierDoc, type Dossier } from '../dossier/dossier.js';
import { bareCapture, makeCapture } from './captures.js';
import { noteClipUrl } from '../dossier/schema.js';
import { localizeGuide, findPresetGuide } from '../learning/guides.js';
import { fromBase64 } from '../sync/base64.js';
import { sha256Hex } from '../storage/blob-store.js';

/** A real 1×1 PNG. */
export const tinyPng = fromBase64('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==');

export const starrAnswers = {
  situatie: 'Op de bewonersavond in buurthuis De Kern kwamen twaalf bewoners met plannen voor de speeltuin.',
  taak: 'Ik was de opbouwwerker die de avond begeleidde.',
  actie: 'Ik liet de bewoners zelf de agenda maken en hield me in.',
  resultaat: 'Drie bewoners namen de trekkersrol op zich.',
  reflectie: 'Ik stel eerst vragen en wacht langer voor ik iets overneem.',
};

export const eigenaarschap = 'community-werker.eigenaarschap';
export const leefwereld = 'community-werker.leefwereld';

export async function makeLearningDossier(): Promise<{ dossier: Dossier; ids: Record<string, string>; attachments: Map<string, Uint8Array> }> {
  let time = Date.UTC(2025, 8, 1);
  const doc = new Y.Doc();
  initDossierDoc(doc, { id: 'leergang', name: 'Leergang community work', now: time });
  const dossier = createDossier(doc, { now: () => (time += 3_600_000) });
  dossier.updateMeta({ course: 'Post-hbo leergang community work', assessedFrameworkId: 'community-werker' });
  const guide = (id: string) => localizeGuide(findPresetGuide(id)!, 'nl');

  const own = dossier.clips.add({
    capture: bareCapture({ mode: 'note', url: noteClipUrl, title: 'Bewonersavond over de speeltuin', capturedAt: Date.UTC(2025, 9, 2) }),
    title: 'Bewonersavond over de speeltuin',
    kind: 'eigen-praktijk',
    card: { date: '2025-10-02', place: 'Buurthuis De Kern', involved: 'twaalf bewoners, een collega', happened: 'Bewoners kwamen met een plan voor de speeltuin.' },
    themes: [eigenaarschap],
  });
  const hash = await sha256Hex(tinyPng);
  dossier.evidence.addAttachment(own, { hash, name: 'speeltuin.png', type: 'image/png', size: tinyPng.byteLength });
  const starr = guide('starr');
  dossier.evidence.startReflection(own, { guideId: starr.id, guideName: starr.name, prompts: starr.prompts }, starrAnswers);

  const example = dossier.clips.add({
    capture: makeCapture({
      title: 'Buurtmaaltijd in Kattenbroek',
      url: 'https://www.movisie.nl/buurtmaaltijd',
      siteName: 'Movisie',
      byline: 'Jansen, P.',
      published: '2023-05-12',
      capturedAt: Date.UTC(2025, 8, 15),
    }),
    kind: 'praktijkvoorbeeld',
    card: { context: 'Kattenbroek, Amersfoort', worked: 'Samen koken', notWorked: 'De avond was te laat voor ouders' },
    // A note of prompts the old app inserted, nothing answered.
    note: 'Situatie\nWat gebeurde er, waar en met wie?\n\nTaak\nWat was jouw rol of opdracht?\n',
    themes: [eigenaarschap, leefwereld],
  });
  const transfer = guide('transfer');
  dossier.evidence.startReflection(example, { guideId: transfer.id, guideName: transfer.name, prompts: transfer.prompts });

  const feedback = dossier.clips.add({
    capture: bareCapture({ mode: 'note', url: noteClipUrl, title: 'Feedback van mijn praktijkbegeleider', capturedAt: Date.UTC(2025, 10, 20) }),
    kind: 'feedback',
    card: { from: 'Mijn praktijkbegeleider', fromRole: 'assessor', date: '2025-11-20', said: 'Je laat bewoners meer ruimte dan vorig jaar.' },
    themes: [leefwereld],
  });
  const fb = guide('feedback');
  dossier.evidence.startReflection(feedback, { guideId: fb.id, guideName: fb.name, prompts: fb.prompts }, { gehoord: 'Dat ik minder stuur.' });

  const question = dossier.leervragen.add({ text: 'Hoe laat ik bewoners eigenaar blijven van hun initiatief?', themeId: eigenaarschap });
  dossier.leervragen.link(question, [own, example]);
  const action = dossier.leervragen.addAction(question, 'Een avond meelopen met een ervaren opbouwwerker');
  dossier.leervragen.updateAction(question, action, { done: true });
  dossier.leervragen.update(question, { status: 'bezig' });
  dossier.leervragen.add({ text: 'Wat is mijn rol als community werker?' });

  const m1 = dossier.growth.addPeriod({ name: 'Module 1', startsOn: '2025-09-01' });
  const m2 = dossier.growth.addPeriod({ name: 'Module 2', startsOn: '2026-01-12' });
  dossier.growth.rate(m1, eigenaarschap, 2);
  dossier.growth.rate(m2, eigenaarschap, 4);
  dossier.growth.setChanged(eigenaarschap, 'Ik vraag eerst wat bewoners zelf willen.');
  return { dossier, ids: { own, example, feedback, question }, attachments: new Map([[hash, tinyPng]]) };
}
