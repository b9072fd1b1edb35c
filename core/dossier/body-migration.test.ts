// Moving bodies out of an old-format dossier (tests/fixtures/dossier-schema-2.yjs, written by
// the Knipsel before body stores: schema 2, every capture with its body inline), and what a
// kill at each point of that move leaves.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMemoryBlobStore, type BlobStore } from '../storage/blob-store.js';
import { createBodyStore } from '../storage/body-store.js';
import { createMemoryLibraryStore } from '../storage/library-store.js';
import { createMemoryProjectionStore } from '../storage/projection-store.js';
import { createMemoryUpdateStore, type UpdateStore } from '../storage/update-store.js';
import { openDossier } from '../library/open-dossier.js';
import { roots } from './doc-layout.js';
import { createDossier } from './dossier.js';
import { loadDossierBodies } from './clip-bodies.js';

const fixture = new Uint8Array(readFileSync(new URL('../../tests/fixtures/dossier-schema-2.yjs', import.meta.url)));
const id = 'oud-dossier';

/** What the old dossier holds, read the old way (the body inside each capture). */
function oldContent() {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fixture);
  expect(roots(doc).meta.get('schemaVersion')).toBe(2);
  return createDossier(doc)
    .clips.all()
    .map((c) => ({ id: c.id, text: c.capture.text, html: c.capture.html, note: c.note, highlights: c.highlights.length }));
}

function seeded(): UpdateStore {
  const updates = createMemoryUpdateStore();
  void updates.append(id, fixture);
  return updates;
}

/** The old dossier in a fresh update log, an empty blob store, and what the dossier holds. */
function oldDossier() {
  return { before: oldContent(), updates: seeded(), blobs: createMemoryBlobStore() };
}

/** Open the dossier, its changes not yet written. */
function openUnflushed(updates: UpdateStore, blobs: BlobStore) {
  const stores = { updates, library: createMemoryLibraryStore(), projections: createMemoryProjectionStore(), bodies: createBodyStore(blobs) };
  return openDossier(id, { stores, now: () => 1_700_000_500_000, changed: () => {} });
}

async function open(updates: UpdateStore, blobs: BlobStore) {
  const handle = await openUnflushed(updates, blobs);
  await handle.flush();
  return handle;
}

const content = (handle: Awaited<ReturnType<typeof open>>) =>
  handle.dossier.clips.all().map((c) => ({ id: c.id, text: c.capture.text, html: c.capture.html, note: c.note, highlights: c.highlights.length }));

/** Opened again after a kill, the dossier holds every text, note and highlight it held before. */
async function expectReopensWhole(updates: UpdateStore, blobs: BlobStore, before: ReturnType<typeof oldContent>) {
  expect(content(await open(updates, blobs))).toEqual(before);
}

describe('dossier/3: bodies move to the body store', () => {
  it('opens an old-format dossier with every text, note and highlight, the doc keeping only hashes', async () => {
    const { before, updates, blobs } = oldDossier();
    const handle = await open(updates, blobs);
    expect(handle.dossier.meta().schemaVersion).toBe(3);
    expect(content(handle)).toEqual(before);
    for (const map of roots(handle.doc).clips.values()) {
      expect(map.get('body')).toMatch(/^[0-9a-f]{64}$/);
      expect((map.get('capture') as { text: string }).text).toBe('');
    }
    expect(Y.encodeStateAsUpdate(handle.doc).length).toBeLessThan(fixture.length);
    handle.doc.destroy();
    // Opened again (a new session): the bodies stay in the store until read, then come from there.
    const again = await open(updates, blobs);
    expect(again.dossier.clips.all().every((c) => c.body && !c.body.here)).toBe(true);
    expect(await loadDossierBodies(again.dossier)).toEqual([]);
    expect(content(again)).toEqual(before);
    expect(again.dossier.clips.all().every((c) => c.body?.here)).toBe(true);
  });

  it('a kill while bodies are written loses nothing: the doc still holds them, the next open moves them', async () => {
    const before = oldContent();
    for (let killAt = 0; killAt < before.length; killAt++) {
      const updates = seeded();
      const blobs = createMemoryBlobStore();
      let puts = 0;
      // The process dies at the killAt-th body write: nothing after it happens.
      const dying: BlobStore = { ...blobs, put: (bytes, type) => (puts++ === killAt ? Promise.reject(new Error('killed')) : blobs.put(bytes, type)) };
      await expect(open(updates, dying)).rejects.toThrow('killed');
      const stored = new Y.Doc();
      for (const update of await updates.load(id)) Y.applyUpdate(stored, update);
      expect([...roots(stored).clips.values()].every((map) => !map.has('body'))).toBe(true);
      await expectReopensWhole(updates, blobs, before);
    }
  });

  it('a kill after the bodies are stored but before the changed doc is loses nothing', async () => {
    const { before, updates, blobs } = oldDossier();
    // Every append after loading dies: the move is made in memory only.
    const dying: UpdateStore = { ...updates, append: () => Promise.reject(new Error('killed')) };
    const handle = await openUnflushed(dying, blobs);
    await expect(handle.flush()).rejects.toThrow();
    handle.doc.destroy();
    expect(await updates.load(id)).toHaveLength(1);
    await expectReopensWhole(updates, blobs, before);
  });

  it('a kill after the changed doc is stored leaves a dossier whose bodies are all in the store', async () => {
    const { before, updates, blobs } = oldDossier();
    (await open(updates, blobs)).doc.destroy();
    const reopened = await open(updates, blobs);
    expect(await loadDossierBodies(reopened.dossier)).toEqual([]);
    expect(content(reopened)).toEqual(before);
  });

  it('a dossier whose body is not on this device opens and says so', async () => {
    const updates = seeded();
    (await open(updates, createMemoryBlobStore())).doc.destroy();
    const elsewhere = await open(updates, createMemoryBlobStore());
    const clips = elsewhere.dossier.clips.all();
    expect(clips).toHaveLength(2);
    for (const clip of clips) {
      expect(clip.body).toMatchObject({ here: false, excerpt: expect.stringMatching(/\w/) });
      expect(clip.capture.text).toBe('');
      expect(clip.title).not.toBe('');
    }
    expect(elsewhere.dossier.clips.rows().every((row) => row.excerpt.length > 0)).toBe(true);
  });
});
