// A dossier opens without its bodies in memory; search, the reader and exports read them from
// the body store when they need them.
import { describe, expect, it } from 'vitest';
import { createLibrary } from '../library/library.js';
import { createMemoryBlobStore } from '../storage/blob-store.js';
import { createBodyStore } from '../storage/body-store.js';
import { createMemoryLibraryStore } from '../storage/library-store.js';
import { createMemoryProjectionStore } from '../storage/projection-store.js';
import { createMemoryUpdateStore } from '../storage/update-store.js';
import { makeCapture } from '../testing/captures.js';
import { clipWithBody, loadDossierBodies } from './clip-bodies.js';

/** A dossier with two clips written in one session, and a way to open it in a fresh one (nothing in memory). */
async function written() {
  const updates = createMemoryUpdateStore();
  const library = createMemoryLibraryStore();
  const blobs = createMemoryBlobStore();
  const make = () => createLibrary({ updates, library, projections: createMemoryProjectionStore(), bodies: createBodyStore(blobs) });
  const first = make();
  const record = await first.create('Wijkteam Zuid');
  const handle = await first.open(record.id);
  const ids = [
    handle.dossier.clips.add({ capture: makeCapture({ title: 'Verslag', text: 'De buurtkamer opende op dinsdag.', html: '<p>De buurtkamer opende op dinsdag.</p>' }) }),
    handle.dossier.clips.add({ capture: makeCapture({ title: 'Notitie', text: 'Schuldhulp begint met luisteren.', html: '<p>Schuldhulp begint met luisteren.</p>' }) }),
  ];
  await handle.flush();
  return { ids, reopen: () => make().open(record.id) };
}

describe('clip bodies on demand', () => {
  it('opens a dossier without reading its bodies, and reads one clip body when asked', async () => {
    const { ids, reopen } = await written();
    const { dossier } = await reopen();
    expect(dossier.clips.all().map((c) => [c.body?.here, c.capture.text])).toEqual([
      [false, ''],
      [false, ''],
    ]);
    const clip = await clipWithBody(dossier, ids[0]);
    expect(clip?.capture.text).toBe('De buurtkamer opende op dinsdag.');
    // Only the clip asked for came into memory.
    expect(dossier.clips.get(ids[1])?.body?.here).toBe(false);
    expect(await loadDossierBodies(dossier)).toEqual([]);
    expect(dossier.clips.get(ids[1])?.capture.text).toBe('Schuldhulp begint met luisteren.');
  });

  it('builds the search index from bodies read from the store, without keeping them in memory', async () => {
    const { ids, reopen } = await written();
    const handle = await reopen();
    const search = handle.search({ background: true });
    await search.whenComplete();
    expect(search.search('buurtkamer').map((hit) => hit.id)).toEqual([ids[0]]);
    expect(search.search('schuldhulp').map((hit) => hit.id)).toEqual([ids[1]]);
    expect(handle.dossier.clips.all().every((c) => c.body && !c.body.here)).toBe(true);
  });
});
