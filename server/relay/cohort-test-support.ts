// A cohort-sized shared dossier for the relay tests: `count` clips made as the app makes them
// (bodies in a body store, out of the document), each with its own title, address and note.
import * as Y from 'yjs';
import { createBodyStore, createDossier, createMemoryBlobStore, initDossierDoc } from '@knipsel/core';
import { makeCapture } from '@knipsel/core/testing';

export async function cohortDossierDoc(id: string, count: number): Promise<Y.Doc> {
  const doc = new Y.Doc();
  initDossierDoc(doc, { id, name: 'Leergang 2026, hele groep', kind: 'shared', now: 1 });
  const bodies = createBodyStore(createMemoryBlobStore());
  const dossier = createDossier(doc, { bodies });
  for (let i = 0; i < count; i++) {
    dossier.clips.add({
      capture: makeCapture({ title: `Clip ${i}: bewoners aan zet in de wijk`, url: `https://example.org/cohort/${i}` }),
      note: `Reflectie ${i}: bewoners nemen het initiatief, ik maak ruimte.`,
      themes: ['community-werker.eigenaarschap'],
    });
    if (i % 500 === 499) await bodies.written();
  }
  await bodies.written();
  return doc;
}

/** Ids of the clips in a dossier doc, sorted. */
export const clipIds = (doc: Y.Doc) => [...doc.getMap('clips').keys()].sort();
