// A backup holds the bodies a dossier keeps in its body store: restored on another device
// (its own, empty body store), every clip reads its text; the dossier backed up is unchanged.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLibrary } from '../library/library.js';
import { createMemoryBlobStore } from '../storage/blob-store.js';
import { createBodyStore } from '../storage/body-store.js';
import { createMemoryLibraryStore } from '../storage/library-store.js';
import { createMemoryProjectionStore } from '../storage/projection-store.js';
import { createMemoryUpdateStore } from '../storage/update-store.js';
import { makeCapture } from '../testing/captures.js';
import { createBackup, readBackup } from './backup.js';
import { restoreBackupAsNew } from './restore.js';
import { markShared } from '../sync/peer/shared-dossier.js';

const device = () => {
  const bodies = createBodyStore(createMemoryBlobStore());
  return { bodies, library: createLibrary({ updates: createMemoryUpdateStore(), library: createMemoryLibraryStore(), projections: createMemoryProjectionStore(), bodies }) };
};

/** A new dossier named `name`, open on a device of its own. */
const openOnNewDevice = async (name: string) => {
  const { library } = device();
  return library.open((await library.create(name)).id);
};

describe('backups and clip bodies', () => {
  it('carry every body to a device that has none of them, and leave the dossier as it was', async () => {
    const open = await openOnNewDevice('Leergang');
    const text = 'Een wijkteam organiseert een buurtgesprek over eenzaamheid. '.repeat(40);
    const clipId = open.dossier.clips.add({ capture: makeCapture({ title: 'Buurtgesprek', text }), note: 'mijn notitie' });
    expect(open.dossier.clips.get(clipId)!.body?.hash).toMatch(/^[0-9a-f]{64}$/);
    const before = Y.encodeStateVector(open.doc);
    const file = await createBackup(open.dossier);
    expect(Y.encodeStateVector(open.doc)).toEqual(before);

    const there = device();
    const restored = await restoreBackupAsNew(there.library, await readBackup(file));
    const reopened = await there.library.open(restored.id);
    const clip = reopened.dossier.clips.get(clipId)!;
    expect(clip).toMatchObject({ title: 'Buurtgesprek', note: 'mijn notitie', body: { here: true } });
    expect(clip.capture.text).toBe(text);
    // There too the body left the doc for the body store, under the same hash.
    expect(clip.body!.hash).toBe(open.dossier.clips.get(clipId)!.body!.hash);
  });
});

describe('shared dossiers and clip bodies', () => {
  it('keep bodies in the doc (colleagues get clips through it), also when shared while open', async () => {
    const open = await openOnNewDevice('Samen');
    const text = 'Buurtbewoners koken samen voor de straat. '.repeat(30);
    const before = open.dossier.clips.add({ capture: makeCapture({ title: 'Voor het delen', text }) });
    expect(open.dossier.clips.get(before)!.body).toBeDefined();
    markShared(open.doc);
    await expect.poll(() => open.dossier.clips.get(before)!.body).toBeUndefined();
    expect(open.dossier.clips.get(before)!.capture.text).toBe(text);
    const after = open.dossier.clips.add({ capture: makeCapture({ title: 'Na het delen', text }) });
    expect(open.dossier.clips.get(after)!.body).toBeUndefined();
    // A colleague with no body store reads both from the doc alone.
    const colleague = new Y.Doc();
    Y.applyUpdate(colleague, Y.encodeStateAsUpdate(open.doc));
    const { createDossier } = await import('../dossier/dossier.js');
    expect(createDossier(colleague).clips.all().map((c) => c.capture.text)).toEqual([text, text]);
  });
});
