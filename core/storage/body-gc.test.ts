// Collecting bodies no dossier names: swept only after the grace period, never while another
// dossier, a trashed clip, a hand-in or a concurrent edit still uses them.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier } from '../dossier/dossier.js';
import { createLibrary } from '../library/library.js';
import { makeCapture } from '../testing/captures.js';
import { handInPortfolio } from '../together/hand-in.js';
import { createBodyStore } from './body-store.js';
import { collectBodies, libraryDocs, nextMarks, unreferencedBodies } from './body-gc.js';
import { createDexieBlobStore } from './dexie-blob-store.js';
import { createMemoryLibraryStore } from './library-store.js';
import { createMemoryProjectionStore } from './projection-store.js';
import { createMemoryUpdateStore } from './update-store.js';

const hour = 60 * 60 * 1000;
const grace = 24 * hour;
let n = 0;

/** A library on fake IndexedDB blobs, and a collector whose clock the test sets. */
function setup() {
  const blobs = createDexieBlobStore(`gc-${n++}`, { indexedDB: new IDBFactory() });
  const bodies = createBodyStore(blobs);
  const updates = createMemoryUpdateStore();
  const library = createLibrary({ updates, library: createMemoryLibraryStore(), projections: createMemoryProjectionStore(), bodies });
  const collect = (at: number) =>
    collectBodies({
      blobs,
      bodies,
      docs: () => libraryDocs(library, updates),
      marks: { load: () => library.getPref('bodyMarks'), save: (marks) => library.setPref('bodyMarks', marks) },
      now: () => at,
      graceMs: grace,
    });
  return { blobs, bodies, updates, library, collect };
}

const page = (n: number) => makeCapture({ url: `https://www.movisie.nl/buurt/${n}`, text: `Bewoners in buurt ${n} organiseren samen een moestuin.` });

async function clipped(library: ReturnType<typeof setup>['library'], name: string, ...captures: ReturnType<typeof page>[]) {
  const record = await library.create(name);
  const handle = await library.open(record.id);
  const ids = captures.map((capture) => handle.dossier.clips.add({ capture }));
  await handle.flush();
  return { handle, ids, hashes: ids.map((id) => handle.dossier.clips.get(id)!.body!.hash) };
}

async function emptied(handle: Awaited<ReturnType<typeof clipped>>['handle'], ids: string[]) {
  handle.dossier.clips.trash(ids);
  handle.dossier.clips.emptyTrash();
  await handle.flush();
}

describe('collecting bodies', () => {
  it('sweeps a body no clip names only at a collection a grace period after it was first seen so', async () => {
    const { blobs, library, collect } = setup();
    const { handle, ids, hashes } = await clipped(library, 'Stage', page(1), page(2));
    await emptied(handle, [ids[0]]);
    const t0 = Date.now() + hour;
    expect(await collect(t0)).toEqual({ marked: 1, swept: [] });
    expect(await blobs.has(hashes[0])).toBe(true);
    expect((await collect(t0 + grace - 1)).swept).toEqual([]);
    expect(await blobs.has(hashes[0])).toBe(true);
    expect(await collect(t0 + grace)).toEqual({ marked: 0, swept: [hashes[0]] });
    expect(await blobs.has(hashes[0])).toBe(false);
    // The clip still in the dossier keeps its body through all of it.
    expect(await blobs.has(hashes[1])).toBe(true);
    await library.close(handle.id);
    // Also when the dossier is not open: its log is read.
    expect((await collect(t0 + 3 * grace)).swept).toEqual([]);
    expect(await blobs.has(hashes[1])).toBe(true);
  });

  it('keeps a body another dossier on the device names (bodies are shared between dossiers)', async () => {
    const { blobs, library, collect } = setup();
    const first = await clipped(library, 'Eerste', page(3));
    const second = await clipped(library, 'Tweede', page(3));
    expect(second.hashes).toEqual(first.hashes);
    await emptied(first.handle, first.ids);
    await library.close(second.handle.id);
    const t0 = Date.now() + hour;
    for (const at of [t0, t0 + grace, t0 + 5 * grace]) expect((await collect(at)).swept).toEqual([]);
    expect(await blobs.has(first.hashes[0])).toBe(true);
  });

  it('keeps the body of a trashed clip (it can be restored) and a photo only a handed-in version names', async () => {
    const { blobs, library, collect } = setup();
    const record = await library.create('Prullenbak');
    const handle = await library.open(record.id);
    const { dossier } = handle;
    const trashed = dossier.clips.add({ capture: page(4) });
    const tagged = dossier.clips.add({ capture: page(5), themes: ['community-werker.eigenaarschap'] });
    const photo = await blobs.put(new Uint8Array([1, 2, 3]), 'image/png');
    const attachment = dossier.evidence.addAttachment(tagged, { hash: photo, name: 'foto.png', type: 'image/png', size: 3 });
    handInPortfolio(dossier, { name: 'Eindportfolio', module: '', frameworkId: 'community-werker' }, { id: 'm1', name: 'Sanne' });
    dossier.evidence.removeAttachment(tagged, attachment);
    dossier.clips.trash([trashed]);
    await handle.flush();
    const t0 = Date.now() + hour;
    await collect(t0);
    expect((await collect(t0 + grace)).swept).toEqual([]);
    for (const id of [trashed, tagged]) expect(await blobs.has(dossier.clips.get(id)!.body!.hash)).toBe(true);
    expect(await blobs.has(photo)).toBe(true);
  });

  it('keeps a body a concurrent edit names again: a peer clipping the same page, a tab adding it again', async () => {
    const { blobs, bodies, library, collect } = setup();
    const { handle, ids, hashes } = await clipped(library, 'Samen', page(6));
    // A peer, offline, holds the dossier as it was and clips the same page meanwhile.
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(handle.doc));
    createDossier(peer, { bodies: createBodyStore(blobs) }).clips.add({ capture: page(6) });
    await emptied(handle, ids);
    const t0 = Date.now() + hour;
    expect((await collect(t0)).marked).toBe(1);
    // The peer's edit arrives before the grace is over: the body is named again, its mark goes.
    Y.applyUpdate(handle.doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(handle.doc)), 'peer');
    await handle.flush();
    expect(await collect(t0 + grace)).toEqual({ marked: 0, swept: [] });
    expect(await blobs.has(hashes[0])).toBe(true);

    // Emptied again and marked; then a tab adds the same page while the collector reads the
    // dossiers (its update not yet in the log, so not seen): the body was put again, kept.
    await emptied(
      handle,
      handle.dossier.clips.all().map((clip) => clip.id),
    );
    const t1 = Date.now();
    expect((await collect(t1)).marked).toBe(1);
    const otherTab = createBodyStore(blobs);
    await new Promise((resolve) => setTimeout(resolve, 2));
    otherTab.stage(page(6));
    await otherTab.written();
    expect(await collect(t1 + grace)).toMatchObject({ swept: [] });
    expect(await blobs.has(hashes[0])).toBe(true);
    // A body swept while this session still had it in memory is written again when a clip names it.
    expect(await collect(t1 + 3 * grace)).toMatchObject({ swept: [hashes[0]] });
    bodies.stage(page(6));
    await bodies.written();
    expect(await blobs.has(hashes[0])).toBe(true);
  });

  it('sweeps nothing when a dossier cannot be read, and starts over from damaged marks', async () => {
    const { blobs, updates, library, collect } = setup();
    const { handle, ids, hashes } = await clipped(library, 'Kapot', page(7));
    await emptied(handle, ids);
    const t0 = Date.now() + hour;
    await collect(t0);
    await updates.append('onleesbaar', new Uint8Array([9, 9, 9]));
    await expect(collect(t0 + grace)).rejects.toThrow();
    expect(await blobs.has(hashes[0])).toBe(true);
    await updates.remove('onleesbaar');
    await library.setPref('bodyMarks', { [hashes[0]]: 'gisteren' });
    expect((await collect(t0 + grace)).swept).toEqual([]);
    expect((await collect(t0 + 2 * grace)).swept).toEqual([hashes[0]]);
  });

  it('never sweeps a file the user chose (a PDF), named or not', async () => {
    const { blobs, collect } = setup();
    const pdf = await blobs.put(new TextEncoder().encode('%PDF-1.7'), 'application/pdf');
    const t0 = Date.now() + hour;
    await collect(t0);
    expect((await collect(t0 + 2 * grace)).swept).toEqual([]);
    expect(await blobs.has(pdf)).toBe(true);
  });
});

describe('the pure parts (for the relay)', () => {
  it('unreferencedBodies: what no doc names', () => {
    const doc = new Y.Doc();
    const dossier = createDossier(doc, { bodies: createBodyStore(createDexieBlobStore(`gc-${n++}`, { indexedDB: new IDBFactory() })) });
    const hash = dossier.clips.get(dossier.clips.add({ capture: page(8) }))!.body!.hash;
    const other = 'd'.repeat(64);
    expect(unreferencedBodies(doc, [hash, other, other])).toEqual([other]);
    expect(unreferencedBodies([], [hash])).toEqual([hash]);
  });

  it('nextMarks: marks new ones now, keeps old ones, drops named ones, says what is due', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((x) => x.repeat(64));
    const { marks, due } = nextMarks({ [a]: 100, [c]: 1000 }, [a, b], 100 + grace, grace);
    expect(marks).toEqual({ [a]: 100, [b]: 100 + grace });
    expect(due).toEqual([{ hash: a, since: 100 }]);
    expect(nextMarks({}, [a], 5, 0).due).toEqual([]);
  });
});
