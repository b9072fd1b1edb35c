// A backup holds the bodies a dossier keeps in its body store: restored on another device
// (its own, empty body store), every clip reads its text; the dossier backed up is unchanged.
// Shared dossiers keep their bodies in the store too; an older one with bodies inline reads.
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
import { moveBodiesIn } from '../dossier/body-migration.js';
import { clipWithBody } from '../dossier/clip-bodies.js';

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
  it('keep bodies in the body store (they travel beside the doc), also when shared while open', async () => {
    const open = await openOnNewDevice('Samen');
    const text = `${'Buurtbewoners koken samen voor de straat. '.repeat(30)}Slotzin alleen in de body.`;
    const before = open.dossier.clips.add({ capture: makeCapture({ title: 'Voor het delen', text }) });
    markShared(open.doc);
    const after = open.dossier.clips.add({ capture: makeCapture({ title: 'Na het delen', text }) });
    await open.flush();
    for (const id of [before, after]) expect(open.dossier.clips.get(id)!.body?.hash).toMatch(/^[0-9a-f]{64}$/);
    // The doc a colleague receives names the bodies and does not hold them (only an excerpt).
    expect(new TextDecoder().decode(Y.encodeStateAsUpdate(open.doc))).not.toContain('Slotzin alleen');
  });

  it('an older shared dossier with its bodies inline still opens and reads, its bodies moved to the store', async () => {
    const updates = createMemoryUpdateStore();
    const library = createMemoryLibraryStore();
    const make = () => {
      const bodies = createBodyStore(createMemoryBlobStore());
      return { bodies, library: createLibrary({ updates, library, projections: createMemoryProjectionStore(), bodies }) };
    };
    const old = make();
    const record = await old.library.create('Samen');
    const open = await old.library.open(record.id);
    const text = 'Een oud gedeeld dossier met de tekst in het document. '.repeat(20);
    const id = open.dossier.clips.add({ capture: makeCapture({ title: 'Oud', text }) });
    markShared(open.doc);
    // As an older Knipsel kept it: the body inline in the capture.
    expect(await moveBodiesIn(open.doc, old.bodies, null)).toBe(1);
    await open.flush();
    // Opened by this Knipsel with a body store that has never seen the body.
    const now = make();
    const reopened = await now.library.open(record.id);
    const clip = reopened.dossier.clips.get(id)!;
    expect(clip.body?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await now.bodies.get(clip.body!.hash))?.text).toBe(text);
    expect((await clipWithBody(reopened.dossier, id))?.capture.text).toBe(text);
  });
});
