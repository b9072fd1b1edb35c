// Blocks removed as noise: an edit beside the capture (which never changes), merging as a set.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc } from './dossier.js';
import { makeCapture } from '../testing/captures.js';

function pair() {
  const a = new Y.Doc();
  initDossierDoc(a, { id: 'd1', name: 'Mijn leerdossier' });
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return { a, b, da: createDossier(a), db: createDossier(b) };
}
const sync = (x: Y.Doc, y: Y.Doc) => {
  Y.applyUpdate(y, Y.encodeStateAsUpdate(x, Y.encodeStateVector(y)));
  Y.applyUpdate(x, Y.encodeStateAsUpdate(y, Y.encodeStateVector(x)));
};

describe('removed blocks', () => {
  it('are kept beside the capture and put back one by one', () => {
    const { da } = pair();
    const capture = makeCapture();
    const id = da.clips.add({ capture });
    expect(da.clips.get(id)!.removedBlocks).toEqual([]);
    da.clips.setBlocksRemoved(id, [3, 0], true);
    expect(da.clips.get(id)!.removedBlocks).toEqual([0, 3]);
    da.clips.setBlocksRemoved(id, [3], false);
    expect(da.clips.get(id)!.removedBlocks).toEqual([0]);
    expect(da.clips.get(id)!.capture).toEqual(capture);
  });

  it('removals on two devices merge', () => {
    const { a, b, da, db } = pair();
    const id = da.clips.add({ capture: makeCapture() });
    sync(a, b);
    da.clips.setBlocksRemoved(id, [1], true);
    db.clips.setBlocksRemoved(id, [4], true);
    sync(a, b);
    expect(da.clips.get(id)!.removedBlocks).toEqual([1, 4]);
    expect(db.clips.get(id)!.removedBlocks).toEqual([1, 4]);
  });

  it('bad indices change nothing; what a peer wrote that is not an index is skipped', () => {
    const { a, da } = pair();
    const id = da.clips.add({ capture: makeCapture() });
    expect(() => da.clips.setBlocksRemoved(id, [-1], true)).toThrow(/block indices/);
    expect(() => da.clips.setBlocksRemoved(id, [], true)).toThrow(/block indices/);
    expect(da.clips.get(id)!.removedBlocks).toEqual([]);
    const map = a.getMap<Y.Map<unknown>>('clips').get(id)!;
    map.set('removedBlock:2', true);
    map.set('removedBlock:x', true);
    map.set('removedBlock:5', 'yes');
    map.set('removedBlock:-1', true);
    expect(da.clips.get(id)!.removedBlocks).toEqual([2]);
  });
});
