import { describe, expect, it } from 'vitest';
import { makeCapture } from '@knipsel/core/testing';
import { createLibrary, createMemoryLibraryStore, createMemoryProjectionStore, createMemoryUpdateStore, createMirroredUpdateStore } from '@knipsel/core';
import { recoverLostDossiers } from './storage-recovery.js';

describe('recovering dossiers the database lost', () => {
  it('brings back every dossier from the mirror, the personal one as personal, and not deleted ones', async () => {
    const mirror = createMemoryUpdateStore();
    const updates = createMirroredUpdateStore(createMemoryUpdateStore(), Promise.resolve(mirror));
    const before = createLibrary({ updates, library: createMemoryLibraryStore(), projections: createMemoryProjectionStore() });
    const personal = await before.ensurePersonal();
    const open = await before.open(personal.id);
    open.dossier.clips.add({ capture: makeCapture({ title: 'Buurtmaaltijd' }), note: 'Mijn reflectie' });
    await open.flush();
    const team = await before.create('Wijkteam Noord', 'shared');
    const gone = await before.create('Weg ermee');
    await before.remove(gone.id);
    await before.closeAll();

    // IndexedDB was thrown away: empty primary and library store; the mirror survived.
    const fresh = createMirroredUpdateStore(createMemoryUpdateStore(), Promise.resolve(mirror));
    const library = createLibrary({ updates: fresh, library: createMemoryLibraryStore(), projections: createMemoryProjectionStore() });
    const recovery = recoverLostDossiers(library, fresh);
    library.use({ ready: recovery });
    // Asked at once, the library waits for the recovery instead of making a new personal dossier.
    expect((await library.ensurePersonal()).id).toBe(personal.id);
    const recovered = await recovery;
    expect(recovered.map((r) => r.id).sort()).toEqual([personal.id, team.id].sort());
    expect(await library.personalId()).toBe(personal.id);
    const clips = (await library.open(personal.id)).dossier.clips.all();
    expect(clips.map((c) => [c.title, c.note])).toEqual([['Buurtmaaltijd', 'Mijn reflectie']]);
    expect((await library.get(team.id))?.kind).toBe('shared');
    // A second run finds nothing more to do.
    expect(await recoverLostDossiers(library, fresh)).toEqual([]);
  });
});
