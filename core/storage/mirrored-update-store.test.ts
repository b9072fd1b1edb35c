import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMirroredUpdateStore } from './mirrored-update-store.js';
import { createMemoryUpdateStore, type UpdateStore } from './update-store.js';

function edit(doc: Y.Doc, key: string): Uint8Array {
  let update: Uint8Array | null = null;
  doc.once('update', (u: Uint8Array) => (update = u));
  doc.getMap('m').set(key, key);
  return update!;
}

const keysOf = (updates: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return [...doc.getMap('m').keys()].sort();
};

/** A mirrored store over two memory stores. */
function mirrored() {
  const primary = createMemoryUpdateStore();
  const mirror = createMemoryUpdateStore();
  return { primary, mirror, store: createMirroredUpdateStore(primary, Promise.resolve(mirror)) };
}

describe('mirrored update store', () => {
  it('writes every update to both stores and reads the primary', async () => {
    const { primary, mirror, store } = mirrored();
    const doc = new Y.Doc();
    await store.append('d', edit(doc, 'a'));
    await store.append('d', edit(doc, 'b'));
    expect(keysOf(await primary.load('d'))).toEqual(['a', 'b']);
    expect(keysOf(await mirror.load('d'))).toEqual(['a', 'b']);
    expect(keysOf(await store.load('d'))).toEqual(['a', 'b']);
  });

  it('recovers a doc the primary lost from the mirror and stores it in the primary again', async () => {
    const mirror = createMemoryUpdateStore();
    const doc = new Y.Doc();
    const before = createMirroredUpdateStore(createMemoryUpdateStore(), Promise.resolve(mirror));
    await before.append('d', edit(doc, 'a'));
    await before.append('d', edit(doc, 'b'));
    // The browser threw the primary database away.
    const primary = createMemoryUpdateStore();
    const after = createMirroredUpdateStore(primary, Promise.resolve(mirror));
    expect(await after.docIds()).toEqual(['d']);
    expect(await after.mirroredDocIds()).toEqual(['d']);
    expect(keysOf(await after.load('d'))).toEqual(['a', 'b']);
    expect(keysOf(await primary.load('d'))).toEqual(['a', 'b']);
  });

  it('never fails a write because the mirror failed or is missing', async () => {
    const broken: UpdateStore = {
      load: () => Promise.reject(new Error('mirror down')),
      append: () => Promise.reject(new Error('mirror down')),
      compact: () => Promise.reject(new Error('mirror down')),
      remove: () => Promise.reject(new Error('mirror down')),
      docIds: () => Promise.reject(new Error('mirror down')),
    };
    const errors: unknown[] = [];
    const primary = createMemoryUpdateStore();
    const store = createMirroredUpdateStore(primary, Promise.resolve(broken), { onMirrorError: (e) => errors.push(e) });
    const doc = new Y.Doc();
    await store.append('d', edit(doc, 'a'));
    await store.compact('d', Y.encodeStateAsUpdate(doc), 1);
    expect(keysOf(await store.load('d'))).toEqual(['a']);
    expect(errors.length).toBeGreaterThanOrEqual(3); // append, compact, load
    const none = createMirroredUpdateStore(createMemoryUpdateStore(), Promise.resolve(null));
    await none.append('d', edit(doc, 'b'));
    expect(await none.mirroredDocIds()).toEqual([]);
  });

  it('a failing primary write still fails (the primary is the source of truth)', async () => {
    const primary = createMemoryUpdateStore();
    primary.append = () => Promise.reject(Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
    const store = createMirroredUpdateStore(primary, Promise.resolve(createMemoryUpdateStore()));
    await expect(store.append('d', new Uint8Array([0, 0]))).rejects.toThrow('full');
  });

  it('reads what the primary lost of a doc it still partly holds', async () => {
    const { primary, mirror, store } = mirrored();
    const doc = new Y.Doc();
    await store.append('d', edit(doc, 'a'));
    await mirror.append('d', edit(doc, 'b')); // the primary never got (or lost) this one
    expect(keysOf(await store.load('d'))).toEqual(['a', 'b']);
  });

  it('gives each copy what it lacks, so updates that build on a lost one stay readable', async () => {
    const primary = createMemoryUpdateStore();
    const mirror = createMemoryUpdateStore();
    const doc = new Y.Doc();
    const store = createMirroredUpdateStore(primary, Promise.resolve(mirror));
    await store.append('d', edit(doc, 'a'));
    // A crash cut the mirror's write of one update short; the primary has it.
    await primary.append('d', edit(doc, 'b'));
    await store.load('d'); // the next start heals the mirror
    doc.getText('t').insert(0, 'bouwt voort');
    await store.append('d', Y.encodeStateAsUpdate(doc, Y.encodeStateVectorFromUpdate(Y.mergeUpdates(await primary.load('d')))));
    // Later the browser throws the primary away: the mirror alone has everything.
    const reloaded = new Y.Doc();
    for (const u of await mirror.load('d')) Y.applyUpdate(reloaded, u);
    expect([...reloaded.getMap('m').keys()].sort()).toEqual(['a', 'b']);
    expect(reloaded.getText('t').toString()).toBe('bouwt voort');
  });

  it('removes a doc from both', async () => {
    const { primary, mirror, store } = mirrored();
    await store.append('d', edit(new Y.Doc(), 'a'));
    await store.remove('d');
    expect(await primary.load('d')).toEqual([]);
    expect(await mirror.load('d')).toEqual([]);
  });
});
