// The app's collector: collections asked for while one waits join it, and what it sweeps
// is what core's collector sweeps (its marks kept in the library's preferences).
import { describe, expect, it, vi } from 'vitest';
import { createBodyStore, createLibrary, createMemoryBlobStore, createMemoryLibraryStore, createMemoryProjectionStore, createMemoryUpdateStore, defaultBodyGraceMs } from '@knipsel/core';
import { makeCapture } from '@knipsel/core/testing';
import { createBodyCollector } from './body-collection.js';

describe('body collection in the app', () => {
  it('marks the bodies of an emptied trash, joins requests, and removes them a grace period later', async () => {
    const blobs = createMemoryBlobStore();
    const bodies = createBodyStore(blobs);
    const updates = createMemoryUpdateStore();
    const prefs = createMemoryLibraryStore();
    const library = createLibrary({ updates, library: prefs, projections: createMemoryProjectionStore(), bodies });
    const handle = await library.open((await library.create('Stage')).id);
    const id = handle.dossier.clips.add({ capture: makeCapture() });
    const hash = handle.dossier.clips.get(id)!.body!.hash;
    await handle.flush();
    handle.dossier.clips.trash([id]);
    handle.dossier.clips.emptyTrash();
    const collector = createBodyCollector({ library, updates, blobs, bodies, prefs });
    const first = collector.schedule();
    expect(collector.schedule()).toBe(first);
    await first;
    expect(Object.keys((await prefs.getPref<Record<string, number>>('bodyCollection.marks')) ?? {})).toEqual([hash]);
    expect(await blobs.has(hash)).toBe(true);
    vi.useFakeTimers({ now: Date.now() + defaultBodyGraceMs + 1000, toFake: ['Date'] });
    try {
      await collector.schedule();
    } finally {
      vi.useRealTimers();
    }
    expect(await blobs.has(hash)).toBe(false);
  });
});
