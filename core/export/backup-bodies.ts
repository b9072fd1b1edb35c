// Clip bodies in a backup: the file holds each body this device has inside its clip's
// capture, in a copy of the doc made for the backup (the dossier itself is not changed). A
// backup so restores on any device, with or without a body store; opening it there moves the
// bodies out again (dossier/body-migration.ts), under the same hashes.
import * as Y from 'yjs';
import { bodyHashOf, isClipMap, roots } from '../dossier/doc-layout.js';
import type { Dossier } from '../dossier/dossier.js';
import type { Capture } from '../dossier/types.js';

export /** The doc's state with every body this device has put back into its clip's capture. */
async function withBodiesInline(dossier: Dossier): Promise<Uint8Array> {
  const state = Y.encodeStateAsUpdate(dossier.doc);
  const { bodies } = dossier;
  if (!bodies) return state;
  const copy = new Y.Doc();
  Y.applyUpdate(copy, state);
  const inline: [Y.Map<unknown>, Capture][] = [];
  for (const map of roots(copy).clips.values()) {
    const hash = isClipMap(map) ? bodyHashOf(map) : undefined;
    const body = hash === undefined ? undefined : await bodies.get(hash);
    if (body) inline.push([map, { ...(map.get('capture') as Capture), ...body }]);
  }
  if (inline.length === 0) return state;
  copy.transact(() => {
    for (const [map, capture] of inline) {
      map.set('capture', capture);
      map.delete('body');
      map.delete('excerpt');
    }
  });
  return Y.encodeStateAsUpdate(copy);
}
