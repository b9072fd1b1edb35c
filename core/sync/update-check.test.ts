import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyCheckedUpdate, appliesWhole, isWellFormedUpdate } from './update-check.js';

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

  it('refuses garbage input #2342 of the Yjs campaign (seed 836322430), which Yjs applies halfway, changing nothing', () => {
    // Captured from tests/reliability/garbage.rel.ts (the payload of a sync step 2): an item
    // after 0x5eed:8, then an item whose parent is itself. Yjs integrates the first and then
    // throws looking up the second's parent.
    const update = Uint8Array.from(Buffer.from(capturedHalfApply, 'hex'));
    const fresh = () => {
      const doc = new Y.Doc();
      doc.clientID = 0x5eed; // the client the captured update refers to
      doc.getText('t').insert(0, 'een notitie van twintig tekens');
      doc.getMap('clips').set('x', 'al bewaard');
      return doc;
    };
    // Unchecked, Yjs throws after changing the doc (and fires 'update', which persistence stores).
    const unchecked = fresh();
    const uncheckedBefore = Y.encodeStateAsUpdate(unchecked);
    let fired = 0;
    unchecked.on('update', () => fired++);
    expect(() => Y.applyUpdate(unchecked, update)).toThrow();
    expect(Y.encodeStateAsUpdate(unchecked)).not.toEqual(uncheckedBefore);
    expect(fired).toBe(1);
    // Checked: refused before the doc is touched; byte for byte unchanged, no 'update' event.
    const doc = fresh();
    const before = Y.encodeStateAsUpdate(doc);
    let events = 0;
    doc.on('update', () => events++);
    expect(isWellFormedUpdate(update)).toBe(false);
    expect(applyCheckedUpdate(doc, update, 'remote')).toBe(false);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(events).toBe(0);
  });

  it('refuses an item whose origin is ahead in its own client (Yjs looks it up unchecked)', () => {
    const source = new Y.Doc();
    source.clientID = 7;
    source.getText('t').insert(0, 'ab');
    source.getText('t').insert(1, 'X'); // origin 7:0, the item at 7:2
    const update = Y.encodeStateAsUpdate(source);
    const decoded = Y.decodeUpdate(update);
    expect(decoded.structs.some((s) => s instanceof Y.Item && s.origin?.client === 7)).toBe(true);
    // Rewrite the origin clock 0 to 5 (ahead of the item): one varint in the encoding.
    const forged = forgeOrigin(update, 7, 0, 5);
    expect(() => Y.applyUpdate(new Y.Doc(), forged)).toThrow(); // unchecked, Yjs throws on it
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'lokaal');
    const before = Y.encodeStateAsUpdate(doc);
    expect(applyCheckedUpdate(doc, forged, 'remote')).toBe(false);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(applyCheckedUpdate(doc, update, 'remote')).toBe(true);
  });

  it('dry-runs against the target state: an update that is fine for one doc and pending for another', () => {
    const source = new Y.Doc();
    source.getText('t').insert(0, 'hallo');
    const first = Y.encodeStateAsUpdate(source);
    const sv = Y.encodeStateVector(source);
    source.getText('t').insert(5, ' wereld');
    const second = Y.encodeStateAsUpdate(source, sv);
    const empty = new Y.Doc();
    expect(appliesWhole(empty, second)).toBe(true); // kept pending, nothing thrown
    expect(applyCheckedUpdate(empty, second, 'remote')).toBe(true);
    expect(applyCheckedUpdate(empty, first, 'remote')).toBe(true); // the pending part now integrates
    expect(empty.getText('t').toString()).toBe('hallo wereld');
  });

  it('refuses garbage and empty input', () => {
    expect(isWellFormedUpdate(new Uint8Array([]))).toBe(false);
    expect(isWellFormedUpdate(new Uint8Array([1, 2, 3, 250, 7]))).toBe(false);
  });
});

/** Input #2342 of the Yjs garbage campaign (seed 836322430), the update inside the sync message. */
const capturedHalfApply = '0102afbd8fef0700a7edbd0108020400afbd8fef0701193c7363726970743e616c6572742831293c2f7363726970743e01edbd0107030108010f01410168019801019a0101';

/** `update` with every origin (client, fromClock) of `client`'s items set to toClock. */
function forgeOrigin(update: Uint8Array, client: number, fromClock: number, toClock: number): Uint8Array {
  const doc = Y.decodeUpdate(update);
  // Re-encode by hand: structs of one client, each Item written with its (possibly forged) origin.
  const encoder = encoding.createEncoder();
  const items = doc.structs.filter((s): s is Y.Item => s instanceof Y.Item && s.id.client === client);
  expect(items.length).toBe(doc.structs.length);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, items.length);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, items[0].id.clock);
  for (const item of items) {
    const origin = item.origin && item.origin.client === client && item.origin.clock === fromClock ? Y.createID(client, toClock) : item.origin;
    const content = item.content as Y.ContentString;
    expect(content).toBeInstanceOf(Y.ContentString);
    const info = (origin ? 0x80 : 0) | (item.rightOrigin ? 0x40 : 0) | 4; // 4: ContentString
    encoding.writeUint8(encoder, info);
    if (origin) {
      encoding.writeVarUint(encoder, origin.client);
      encoding.writeVarUint(encoder, origin.clock);
    }
    if (item.rightOrigin) {
      encoding.writeVarUint(encoder, item.rightOrigin.client);
      encoding.writeVarUint(encoder, item.rightOrigin.clock);
    }
    if (!origin && !item.rightOrigin) {
      encoding.writeVarUint(encoder, 1); // parent is a root type, by name
      encoding.writeVarString(encoder, 't');
    }
    encoding.writeVarString(encoder, content.str);
  }
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}
