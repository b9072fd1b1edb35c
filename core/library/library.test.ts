import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { makeCapture } from '../testing/captures.js';
import { isKnipselError } from '../errors.js';
import { createDexieStores } from '../storage/dexie-stores.js';
import { createMemoryLibraryStore } from '../storage/library-store.js';
import { createMemoryProjectionStore } from '../storage/projection-store.js';
import { createMemoryUpdateStore } from '../storage/update-store.js';
import { createLibrary, defaultPersonalName } from './library.js';
import { createDexieSearchIndexStore } from '../search/dexie-search-store.js';

let n = 0;
function setup() {
  const factory = new IDBFactory();
  const name = `lib-${n++}`;
  const stores = createDexieStores(name, { indexedDB: factory });
  return { stores, library: createLibrary(stores), reopen: () => createLibrary(createDexieStores(name, { indexedDB: factory })) };
}

describe('library', () => {
  it('has a personal dossier from the first start, once', async () => {
    const { library } = setup();
    const first = await library.ensurePersonal();
    const second = await library.ensurePersonal();
    expect(first.name).toBe(defaultPersonalName);
    expect(second.id).toBe(first.id);
    expect((await library.list()).map((r) => r.id)).toEqual([first.id]);
  });

  it('creates, lists, renames and deletes dossiers with their data', async () => {
    const { library, stores } = setup();
    const personal = await library.ensurePersonal();
    const team = await library.create('Wijkteam Noord', 'shared');
    const course = await library.create('Leergang community werk');
    expect((await library.list()).map((r) => r.name)).toEqual([defaultPersonalName, 'Leergang community werk', 'Wijkteam Noord']);
    await library.rename(team.id, 'Wijkteam Zuid');
    expect((await library.get(team.id))?.name).toBe('Wijkteam Zuid');
    expect((await library.open(team.id)).dossier.meta().name).toBe('Wijkteam Zuid');

    const open = await library.open(course.id);
    open.dossier.clips.add({ capture: makeCapture() });
    await open.flush();
    expect((await library.rows(course.id)).length).toBe(1);
    await library.remove(course.id);
    expect(await library.get(course.id)).toBeUndefined();
    expect(await stores.updates.load(course.id)).toEqual([]);
    expect(await library.rows(course.id)).toEqual([]);
    await expect(library.remove(personal.id)).rejects.toThrowError(/personal dossier cannot be deleted/);
    await expect(library.open('missing')).rejects.toThrowError(/No dossier/);
    await expect(library.create('  ')).rejects.toThrowError(/Invalid dossier name/);
  });

  it('keeps everything across a close and reopen', async () => {
    const { library, reopen } = setup();
    const { id } = await library.ensurePersonal();
    const open = await library.open(id);
    const theme = open.dossier.frameworks.list()[0].themes[0].id;
    const clipId = open.dossier.clips.add({ capture: makeCapture({ title: 'Buurtmaaltijd' }), note: 'Reflectie', themes: [theme] });
    open.dossier.clips.addHighlight(clipId, { quote: { exact: 'eigen kracht', prefix: '', suffix: '' } });
    open.dossier.frameworks.addFramework({ name: 'Eigen kader' });
    await library.closeAll();

    const again = reopen();
    expect((await again.ensurePersonal()).id).toBe(id);
    const reopened = await again.open(id);
    const clip = reopened.dossier.clips.get(clipId)!;
    expect(clip).toMatchObject({ title: 'Buurtmaaltijd', note: 'Reflectie', themes: [theme] });
    expect(clip.highlights[0].quote.exact).toBe('eigen kracht');
    expect(reopened.dossier.frameworks.list().map((f) => f.name)).toContain('Eigen kader');
  });

  it('rebuilds a lost projection from the doc', async () => {
    const { library, stores, reopen } = setup();
    const { id } = await library.ensurePersonal();
    const open = await library.open(id);
    const a = open.dossier.clips.add({ capture: makeCapture() });
    const b = open.dossier.clips.add({ capture: makeCapture() });
    await open.flush();
    await library.closeAll();
    await stores.projections.clear(id);
    expect(await library.rows(id)).toEqual([]);
    const again = reopen();
    await again.open(id);
    expect((await again.rows(id)).map((r) => r.id).sort()).toEqual([a, b].sort());
  });

  it('keeps the projection and record in step with edits', async () => {
    const { library } = setup();
    const { id } = await library.ensurePersonal();
    const open = await library.open(id);
    const clip = open.dossier.clips.add({ capture: makeCapture({ title: 'Eerst' }) });
    await open.flush();
    open.dossier.clips.update(clip, { title: 'Daarna', note: 'met reflectie' });
    await open.flush();
    expect(await library.rows(id)).toMatchObject([{ id: clip, title: 'Daarna', hasNote: true }]);
    // The record's count is written after the rows; wait for it rather than for a fixed time.
    await vi.waitFor(async () => expect((await library.get(id))?.clipCount).toBe(1), { timeout: 5_000 });
  });

  it('flushAll() writes the pending clip rows of every open dossier at once', async () => {
    const { stores, library } = setup();
    const { id } = await library.ensurePersonal();
    const open = await library.open(id);
    await open.projection.ready;
    const clip = open.dossier.clips.add({ capture: makeCapture({ title: 'Net toegevoegd' }) });
    await open.flush(); // durable in the update log; its row follows later
    expect((await stores.projections.rows(id)).map((r) => r.id)).not.toContain(clip);
    await library.flushAll();
    expect((await stores.projections.rows(id)).map((r) => r.id)).toContain(clip);
  });

  it('counts the clips outside the trash in the record as clips are added, trashed, restored and deleted', async () => {
    const { library } = setup();
    const { id } = await library.ensurePersonal();
    const open = await library.open(id);
    const settle = () => open.flush();
    const countIs = (n: number) => vi.waitFor(async () => expect((await library.get(id))?.clipCount).toBe(n), { timeout: 5_000 });
    const clips = [0, 1, 2].map(() => open.dossier.clips.add({ capture: makeCapture() }));
    await settle();
    await countIs(3);
    open.dossier.clips.trash([clips[0], clips[1]]);
    await settle();
    await countIs(1);
    open.dossier.clips.restore([clips[1]]);
    await settle();
    await countIs(2);
    open.dossier.clips.emptyTrash();
    open.dossier.clips.add({ capture: makeCapture() });
    await settle();
    await countIs(3);
  });

  it('opens before the projection is reconciled, and rows() waits for it once open', async () => {
    const { library, stores, reopen } = setup();
    const { id } = await library.ensurePersonal();
    const open = await library.open(id);
    const ids = [0, 1, 2].map(() => open.dossier.clips.add({ capture: makeCapture() }));
    await open.flush();
    await library.closeAll();
    // A stale projection: one row lost, one row out of date.
    await stores.projections.deleteRows(id, [ids[0]]);
    const [stale] = (await stores.projections.rows(id)).filter((r) => r.id === ids[1]);
    await stores.projections.putRows(id, [{ ...stale, title: 'Verouderd' }]);
    const again = reopen();
    const reopened = await again.open(id);
    expect(reopened.dossier.clips.count()).toBe(3);
    const rows = await again.rows(id);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(rows.find((r) => r.id === ids[1])?.title).toBe(reopened.dossier.clips.get(ids[1])?.title);
  });

  it('imports a dossier state and refuses garbage without storing anything', async () => {
    const { library } = setup();
    const source = await library.create('Bron');
    const open = await library.open(source.id);
    open.dossier.clips.add({ capture: makeCapture({ title: 'Gedeeld' }) });
    const state = Y.encodeStateAsUpdate(open.doc);
    const copy = await library.importState(state, { name: 'Kopie' });
    const opened = await library.open(copy.id);
    expect(opened.dossier.clips.all().map((c) => c.title)).toEqual(['Gedeeld']);
    expect(opened.dossier.meta().name).toBe('Kopie');
    const before = (await library.list()).length;
    const error = await library.importState(new Uint8Array([1, 2, 3, 250, 7])).catch((e: unknown) => e);
    expect(isKnipselError(error, 'invalid-input')).toBe(true);
    expect((await library.list()).length).toBe(before);
    // A doc that already holds the state (a join that arrived) is stored as it is.
    const arrived = new Y.Doc();
    Y.applyUpdate(arrived, state);
    const joined = await library.importState(arrived, { id: 'joined-dossier', kind: 'shared' });
    expect([joined.id, joined.kind, joined.clipCount]).toEqual(['joined-dossier', 'shared', 1]);
    expect((await library.open(joined.id)).dossier.clips.all().map((c) => c.title)).toEqual(['Gedeeld']);
  });

  it('builds search in the background on request, and completes it for a plain search()', async () => {
    const { library } = setup();
    const record = await library.create('Zoekdossier');
    const open = await library.open(record.id);
    const ids = Array.from({ length: 150 }, (_, i) => open.dossier.clips.add({ capture: makeCapture({ title: `Buurtmaaltijd ${i}` }) }));
    const background = open.search({ background: true });
    expect(background.progress()).toEqual({ indexed: 0, total: 150, building: true });
    // A caller that needs every clip (the extension's clip list) gets a finished index.
    const full = open.search();
    expect(full).toBe(background);
    expect(full.progress()).toEqual({ indexed: 150, total: 150, building: false });
    expect(new Set(full.search('buurtmaaltijd', { limit: 500 }).map((h) => h.id))).toEqual(new Set(ids));
    await library.close(record.id);
  });

  it('with a search index store, opens a dossier with its search complete, and deletes the index with the dossier', async () => {
    const factory = new IDBFactory();
    const name = `lib-search-${n++}`;
    const make = () => createLibrary({ ...createDexieStores(name, { indexedDB: factory }), searchIndexes: createDexieSearchIndexStore(name, { indexedDB: factory }) });
    const first = make();
    const record = await first.create('Zoekdossier');
    const open = await first.open(record.id);
    const ids = Array.from({ length: 150 }, (_, i) => open.dossier.clips.add({ capture: makeCapture({ title: `Buurtmaaltijd ${i}` }) }));
    await open.search({ background: true }).whenComplete();
    await first.close(record.id); // writes the index

    const second = make();
    const reopened = await second.open(record.id);
    const search = reopened.search({ background: true });
    expect(search.progress()).toEqual({ indexed: 150, total: 150, building: false });
    expect(new Set(search.search('buurtmaaltijd', { limit: 500 }).map((h) => h.id))).toEqual(new Set(ids));
    await second.remove(record.id, { allowPersonal: true });
    expect(await createDexieSearchIndexStore(name, { indexedDB: factory }).get(record.id)).toBeUndefined();
  });

  it('runs extensions on every dossier it opens, tears them down on close, and waits for their ready', async () => {
    const library = createLibrary({ updates: createMemoryUpdateStore(), library: createMemoryLibraryStore(), projections: createMemoryProjectionStore() });
    const record = await library.create('Wijkteam Noord');
    const events: string[] = [];
    let release: () => void = () => undefined;
    library.use({
      onOpen(handle) {
        events.push(`open ${handle.dossier.meta().name}`);
        return () => events.push(`close ${handle.id}`);
      },
      ready: new Promise<void>((resolve) => (release = resolve)),
    });
    await library.open(record.id);
    await library.open(record.id); // shared handle: told once
    await library.close(record.id);
    expect(events).toEqual(['open Wijkteam Noord', `close ${record.id}`]);
    let listed = false;
    const list = library.list().then(() => (listed = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(listed).toBe(false);
    release();
    await list;
    expect(listed).toBe(true);
  });
});
