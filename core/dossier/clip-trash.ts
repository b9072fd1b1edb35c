// The trash of a dossier: clips moved there keep everything (their body too, which the
// collector keeps while any clip names it, storage/body-gc.ts) and come back as they were;
// emptying it deletes them for good. Validated first, like every clip operation.
import type * as Y from 'yjs';
import { roots } from './doc-layout.js';
import { idListSchema, parse } from './schema.js';
import { localEdit } from './write-guard.js';

interface ClipAccess {
  /** The clip's map; throws not-found for an unknown id. */
  clipMap(id: string): Y.Map<unknown>;
  touch(map: Y.Map<unknown>): void;
  now(): number;
  /** The clips whose shape is valid, with their ids. */
  validClips(): Iterable<[string, Y.Map<unknown>]>;
}

export function createTrashOps(doc: Y.Doc, { clipMap, touch, now, validClips }: ClipAccess) {
  const { clips } = roots(doc);
  return {
    trash(ids: string[]): void {
      const maps = parse(idListSchema, ids, 'clip ids').map(clipMap);
      const at = now();
      localEdit(doc, () => {
        for (const map of maps) {
          if (map.get('trashedAt') == null) {
            map.set('trashedAt', at);
            touch(map);
          }
        }
      });
    },

    restore(ids: string[]): void {
      const maps = parse(idListSchema, ids, 'clip ids').map(clipMap);
      localEdit(doc, () => {
        for (const map of maps) {
          if (map.get('trashedAt') != null) {
            map.set('trashedAt', null);
            touch(map);
          }
        }
      });
    },

    /** Delete every trashed clip for good. Returns how many were deleted. */
    emptyTrash(): number {
      const doomed = [...validClips()].filter(([, map]) => map.get('trashedAt') != null).map(([id]) => id);
      if (doomed.length === 0) return 0;
      localEdit(doc, () => {
        for (const id of doomed) clips.delete(id);
      });
      return doomed.length;
    },
  };
}
