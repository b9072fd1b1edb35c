import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isKnipselError } from '../errors.js';
import { attachPersistence } from './doc-persistence.js';
import { createMemoryUpdateStore, type UpdateStore } from './update-store.js';

/** A doc attached to `store` as 'd' with one key set and flushed. */
async function storedEdit(store: UpdateStore, key: string) {
  const doc = new Y.Doc();
  const persistence = attachPersistence(doc, store, 'd');
  await persistence.ready;
  doc.getMap('m').set(key, 1);
  await persistence.flush();
  return { doc, persistence };
}

/** A store holding `count` pushes to array 'a' of doc 'd', one update each, compacted every `compactEvery`. */
async function storeOfPushes(count: number, compactEvery: number) {
  const store = createMemoryUpdateStore();
  const doc = new Y.Doc();
  const p = attachPersistence(doc, store, 'd', { compactEvery });
  await p.ready;
  for (let i = 0; i < count; i++) doc.getArray<number>('a').push([i]);
  await p.flush();
  return store;
}

describe('attachPersistence', () => {
  it('stores state present before attaching and every later update; a new doc loads it all', async () => {
    const store = createMemoryUpdateStore();
    const doc = new Y.Doc();
    doc.getMap('m').set('before', 1);
    const persistence = attachPersistence(doc, store, 'd');
    await persistence.ready;
    doc.getMap('m').set('after', 2);
    doc.getText('t').insert(0, 'hallo');
    await persistence.flush();
    persistence.destroy();

    const reopened = new Y.Doc();
    const second = attachPersistence(reopened, store, 'd');
    await second.ready;
    expect(reopened.getMap('m').toJSON()).toEqual({ before: 1, after: 2 });
    expect(reopened.getText('t').toString()).toBe('hallo');
  });

  it('does not write back what it loaded', async () => {
    const store = createMemoryUpdateStore();
    await storedEdit(store, 'a');
    const count = (await store.load('d')).length;
    const again = attachPersistence(new Y.Doc(), store, 'd');
    await again.ready;
    await again.flush();
    expect((await store.load('d')).length).toBe(count);
  });

  it('stores edits made while the stored log is still loading, and only those', async () => {
    const store = createMemoryUpdateStore();
    const { doc: first } = await storedEdit(store, 'stored');
    const before = (await store.load('d')).length;

    // A store whose load is held until the doc has been edited.
    let release!: () => void;
    let loading!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const started = new Promise<void>((r) => (loading = r));
    const slow: UpdateStore = {
      ...store,
      load: async (id) => {
        loading();
        await held;
        return store.load(id);
      },
    };
    const doc = new Y.Doc();
    const second = attachPersistence(doc, slow, 'd');
    await started;
    doc.getMap('m').set('during', 2); // while the log is being read
    release();
    await second.ready;
    doc.getMap('m').set('after', 3);
    await second.flush();
    expect((await store.load('d')).length).toBe(before + 2);

    const reopened = new Y.Doc();
    await attachPersistence(reopened, store, 'd').ready;
    expect(reopened.getMap('m').toJSON()).toEqual({ stored: 1, during: 2, after: 3 });
  });

  it('applies a log of many updates as one transaction', async () => {
    const store = await storeOfPushes(20, 1000);
    const doc = new Y.Doc();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    await attachPersistence(doc, store, 'd').ready;
    expect(transactions).toBe(1);
    expect(doc.getArray('a').toArray()).toEqual([...Array(20).keys()]);
  });

  it('compacts the log after many updates without losing any', async () => {
    const store = await storeOfPushes(35, 10);
    expect((await store.load('d')).length).toBeLessThan(10);
    const reopened = new Y.Doc();
    await attachPersistence(reopened, store, 'd').ready;
    expect(reopened.getArray('a').toArray()).toEqual([...Array(35).keys()]);
  });

  it('reports a full store, keeps the update in memory and stores it once space is free', async () => {
    const inner = createMemoryUpdateStore();
    let full = false;
    const store: UpdateStore = {
      ...inner,
      append: async (id, update) => {
        if (full) throw Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError' });
        return inner.append(id, update);
      },
    };
    const errors: string[] = [];
    const doc = new Y.Doc();
    const p = attachPersistence(doc, store, 'd', { onError: (e) => errors.push(e.code) });
    await p.ready;
    doc.getMap('m').set('kept', 'yes');
    await p.flush();
    full = true;
    doc.getMap('m').set('new', 'clip');
    const failure = await p.flush().catch((e: unknown) => e);
    expect(isKnipselError(failure, 'storage-full')).toBe(true);
    expect(errors).toEqual(['storage-full']);
    full = false;
    await p.flush();
    const reopened = new Y.Doc();
    await attachPersistence(reopened, inner, 'd').ready;
    expect(reopened.getMap('m').toJSON()).toEqual({ kept: 'yes', new: 'clip' });
  });
});
