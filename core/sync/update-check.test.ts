import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyCheckedUpdate, isWellFormedUpdate } from './update-check.js';

/** A real insert-only update with a delete range of length 0 put in place of its empty delete set. */
function updateWithEmptyDeleteRange(): Uint8Array {
  const source = new Y.Doc();
  source.getMap('clips').set('x', 'een knipsel');
  const update = Y.encodeStateAsUpdate(source);
  expect(update[update.length - 1]).toBe(0); // no deletions: the delete set is one 0
  const ds = encoding.createEncoder();
  encoding.writeVarUint(ds, 1); // one client
  encoding.writeVarUint(ds, 999); // not in the doc: the range stays pending
  encoding.writeVarUint(ds, 1); // one range
  encoding.writeVarUint(ds, 5); // clock
  encoding.writeVarUint(ds, 0); // length 0
  const tail = encoding.toUint8Array(ds);
  const out = new Uint8Array(update.length - 1 + tail.length);
  out.set(update.subarray(0, update.length - 1));
  out.set(tail, update.length - 1);
  return out;
}

describe('checked updates', () => {
  it('accepts a real update', () => {
    const doc = new Y.Doc();
    const source = new Y.Doc();
    source.getText('t').insert(0, 'hallo');
    expect(applyCheckedUpdate(doc, Y.encodeStateAsUpdate(source), 'remote')).toBe(true);
    expect(doc.getText('t').toString()).toBe('hallo');
  });

  it('refuses a decodable update that Yjs would apply halfway (a delete range of length 0), changing nothing', () => {
    const update = updateWithEmptyDeleteRange();
    expect(() => Y.decodeUpdate(update)).not.toThrow();
    const doc = new Y.Doc();
    doc.getMap('clips').set('y', 'al bewaard');
    const before = Y.encodeStateAsUpdate(doc);
    expect(isWellFormedUpdate(update)).toBe(false);
    expect(applyCheckedUpdate(doc, update, 'remote')).toBe(false);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    // Unchecked, Yjs integrates the structs and then throws: the doc is half-changed.
    const unchecked = new Y.Doc();
    expect(() => Y.applyUpdate(unchecked, update)).toThrow();
    expect(unchecked.getMap('clips').get('x')).toBe('een knipsel');
  });

  it('refuses garbage and empty input', () => {
    expect(isWellFormedUpdate(new Uint8Array([]))).toBe(false);
    expect(isWellFormedUpdate(new Uint8Array([1, 2, 3, 250, 7]))).toBe(false);
  });
});
