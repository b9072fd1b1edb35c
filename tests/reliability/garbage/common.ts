// What the garbage campaigns share: the real dossier they start from, a hostile-shaped update,
// the check that an accepted input left a dossier that reads (live and reloaded), and where a
// failing input is kept for replay.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { createDossier, initDossierDoc, type UpdateStore } from '@knipsel/core';
import { makeCapture } from '@knipsel/core/testing';
import { equalBytes, type Rng } from '../support/prng.js';

export type Progress = (index: number) => void;

/** Where a failing input is written, so it can be replayed without re-running the campaign. */
const failuresDir = join(dirname(fileURLToPath(import.meta.url)), '../../../.tmp/reliability-failures');

export function keepInput(name: string, index: number, input: Uint8Array, extra?: Uint8Array): string {
  mkdirSync(failuresDir, { recursive: true });
  const file = join(failuresDir, `${name}-${index}.bin`);
  writeFileSync(file, input);
  if (extra) writeFileSync(file.replace(/\.bin$/, '.state.bin'), extra);
  return file;
}
export type Figures = Record<string, number>;

export const theme = 'community-werker.leefwereld';
export const docId = 'fuzz-dossier';

/** A real dossier (clips, notes, themes, highlights, trash) and every update its edits made. */
export function realDossier(): { base: Uint8Array; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  doc.clientID = 0x5eed; // fixed, so the same seed mutates the same bytes
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  initDossierDoc(doc, { id: docId, name: 'Praktijkvoorbeelden', now: 1_700_000_000_000 });
  const dossier = createDossier(doc, { now: () => 1_700_000_000_000 });
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) ids.push(dossier.clips.add({ capture: makeCapture(), note: i % 2 ? 'Begin bij wat bewoners drijft.' : '', themes: i % 3 ? [theme] : [] }));
  dossier.clips.update(ids[0], { note: 'Eerste reflectie: de opbouwwerker deed een stap terug.' });
  dossier.clips.noteText(ids[1]).insert(3, ' (aangevuld)');
  dossier.clips.addHighlight(ids[2], { quote: { exact: 'buurtmaaltijd', prefix: 'samen een ', suffix: '. De' }, note: 'mooi' });
  dossier.clips.tag([ids[3], ids[4]], [theme]);
  dossier.clips.trash([ids[5]]);
  dossier.updateMeta({ course: 'Leergang wijkgericht werken' });
  return { base: Y.encodeStateAsUpdate(doc), updates };
}

/** A well-formed update that does not fit the dossier layout (a peer writing foreign shapes). */
export function shapeHostileUpdate(rng: Rng, base: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const before = Y.encodeStateVector(doc);
  const clips = doc.getMap('clips');
  const firstClip = [...clips.keys()][0];
  const clip = clips.get(firstClip) as Y.Map<unknown>;
  switch (rng.int(8)) {
    case 0:
      doc.getMap('evil').set('x', 1);
      break;
    case 1:
      clip.set('note', 'not a Y.Text');
      break;
    case 2:
      clip.set('capture', new Y.Text('<script>alert(1)</script>'));
      break;
    case 3:
      (clip.get('themes') as Y.Map<unknown>).set(theme, { evil: true });
      break;
    case 4:
      clips.set('nieuw', 'a string where a clip map belongs');
      break;
    case 5:
      doc.getMap('meta').set('name', 'x'.repeat(5_000));
      break;
    case 6:
      clip.set('title', new Uint8Array([1, 2, 3]));
      break;
    default:
      clip.set('sub', new Y.Doc());
  }
  return Y.encodeStateAsUpdate(doc, before);
}

/**
 * After an accepted input: the dossier still reads, and so does a replica reloaded from the
 * stored log. Returns true when the reloaded replica shows something else than the live one.
 * (Known: Yjs can integrate a crafted update — an item whose origins contradict each other —
 * differently live than when the update event it emitted is replayed; the figure is reported.
 * Pending structs and delete sets are not written until they integrate; the next sync sends
 * them again, since no state vector counts them as had.)
 */
export async function checkStillWhole(doc: Y.Doc, store: UpdateStore, index: number, flush: () => Promise<void>): Promise<boolean> {
  const read = (d: Y.Doc, what: string) => {
    try {
      const dossier = createDossier(d);
      dossier.clips.all();
      dossier.meta();
    } catch (error) {
      if (!(error instanceof Error && /newer/i.test(error.message))) throw new Error(`input #${index}: accepted input left a ${what} that does not read: ${String(error)}`);
    }
  };
  read(doc, 'dossier');
  await flush(); // reading may have migrated the doc (a mutated schemaVersion): let that be stored
  const reloaded = new Y.Doc();
  for (const u of await store.load(docId)) Y.applyUpdate(reloaded, u);
  read(reloaded, 'reloaded dossier');
  const content = (d: Y.Doc) => JSON.stringify(['meta', 'presets', 'frameworks', 'themes', 'clips'].map((root) => d.getMap(root).toJSON()));
  if (!equalBytes(Y.encodeStateVector(reloaded), Y.encodeStateVector(doc))) throw new Error(`input #${index}: the stored log lacks integrated updates`);
  return content(reloaded) !== content(doc);
}
