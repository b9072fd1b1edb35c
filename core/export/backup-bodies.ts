// Clip bodies in a backup: the file holds each body this device has inside its clip's
// capture, in a copy of the doc made for the backup (the dossier itself is not changed). A
// backup so restores on any device, with or without a body store; opening it there moves the
// bodies out again (dossier/body-migration.ts), under the same hashes.
import * as Y from 'yjs';
import { moveBodiesIn } from '../dossier/body-migration.js';
import type { Dossier } from '../dossier/dossier.js';

/** The doc's state with every body this device has put back into its clip's capture. */
export async function withBodiesInline(dossier: Dossier): Promise<Uint8Array> {
  const state = Y.encodeStateAsUpdate(dossier.doc);
  const { bodies } = dossier;
  if (!bodies) return state;
  const copy = new Y.Doc();
  Y.applyUpdate(copy, state);
  return (await moveBodiesIn(copy, bodies, null)) === 0 ? state : Y.encodeStateAsUpdate(copy);
}
