// Backups that work: export and restore round-trip, merging into a changed dossier, merging
// another dossier only when confirmed (refusals: backup-refusals.test.ts).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier } from '../dossier/dossier.js';
import { makeCapture } from '../testing/captures.js';
import { KnipselError } from '../errors.js';
import { backupFileName, backupFormat, createBackup, readBackup } from './backup.js';
import { mergeBackupInto, restoreBackupAsNew } from './restore.js';
import { dumpDossier, makeTestDossier } from '../testing/dossier.js';
import { newLibrary } from '../testing/bridge-rig.js';

describe('backup', () => {
  it('round-trips: export then restore gives the same dossier (every clip and field, frameworks, meta)', async () => {
    const { dossier } = makeTestDossier();
    const file = await createBackup(dossier, { appVersion: '0.1.0', now: Date.UTC(2025, 2, 14) });
    expect(new TextDecoder().decode(file.subarray(0, 15))).toBe('KNIPSEL-BACKUP\n');

    const backup = await readBackup(file);
    expect(backup.header).toMatchObject({ format: backupFormat, clipCount: 4, appVersion: '0.1.0', createdAt: '2025-03-14T00:00:00.000Z' });
    expect(backup.header.dossier).toEqual(dossier.meta());

    const library = newLibrary();
    const record = await restoreBackupAsNew(library, backup);
    expect(record.id).toBe(dossier.meta().id); // a true restore keeps the id when it is free
    const restored = (await library.open(record.id)).dossier;
    expect(dumpDossier(restored)).toEqual(dumpDossier(dossier));

    // The same dossier exists now: a second restore becomes a copy beside it.
    const copy = await restoreBackupAsNew(library, backup);
    expect(copy.id).not.toBe(record.id);
    expect(copy.name).toBe('Leergang community werk (uit back-up)');
    const copied = (await library.open(copy.id)).dossier;
    expect(copied.clips.all().sort((a, b) => a.id.localeCompare(b.id))).toEqual(dumpDossier(dossier).clips);
  });

  it('also reads uncompressed backups and names the download', async () => {
    const { dossier } = makeTestDossier();
    const backup = await readBackup(await createBackup(dossier, { compress: false }));
    expect(backup.header.compression).toBe('none');
    expect(dumpDossier(createDossier(docFrom(backup.state)))).toEqual(dumpDossier(dossier));
    expect(backupFileName({ name: 'Leergang Één' }, Date.UTC(2025, 0, 2))).toBe('knipsel-backup-leergang-een-2025-01-02.knipsel');
  });

  it('merge-restore into a changed dossier loses nothing on either side', async () => {
    const { dossier, ids } = makeTestDossier();
    const file = await createBackup(dossier);
    // Meanwhile, in a replica that had the backup's content: a clip deleted for good, edits.
    const replica = createDossier(docFrom(Y.encodeStateAsUpdate(dossier.doc)));

    // Edits after the backup in the live dossier.
    dossier.clips.update(ids.buurt, { note: 'Nieuwe reflectie na de back-up.' });
    const later = dossier.clips.add({ capture: makeCapture({ title: 'Na de back-up' }) });
    dossier.clips.untag([ids.presentie], [ids.ownTheme]);
    dossier.updateMeta({ name: 'Nieuwe naam' });
    // A clip that exists only in the backup (the live dossier emptied it from the trash).
    dossier.clips.emptyTrash();
    expect(dossier.clips.has(ids.trashed)).toBe(false);
    const before = dumpDossier(dossier);

    const result = mergeBackupInto(dossier, await readBackup(file));
    expect(result.sameDossier).toBe(true);
    const after = dumpDossier(dossier);
    // Everything edited after the backup survives…
    expect(dossier.clips.get(ids.buurt)!.note).toBe('Nieuwe reflectie na de back-up.');
    expect(dossier.clips.get(later)!.title).toBe('Na de back-up');
    expect(dossier.clips.get(ids.presentie)!.themes).not.toContain(ids.ownTheme);
    expect(after.meta.name).toBe('Nieuwe naam');
    expect(after).toEqual(before); // a backup of the same history adds nothing that was deleted since
    expect(replica.clips.count()).toBe(4);

    // A backup from another replica with concurrent edits: both sides survive.
    const replicaClip = replica.clips.add({ capture: makeCapture({ title: 'Alleen in de back-up' }), note: 'van de ander' });
    replica.clips.addHighlight(ids.loose, { quote: { exact: 'samen', prefix: '', suffix: '' } });
    const merged = mergeBackupInto(dossier, await readBackup(await createBackup(replica)));
    expect(merged.addedClips).toBe(1);
    expect(dossier.clips.get(replicaClip)).toMatchObject({ title: 'Alleen in de back-up', note: 'van de ander' });
    expect(dossier.clips.get(ids.loose)!.highlights.map((h) => h.quote.exact)).toEqual(['samen']);
    expect(dossier.clips.get(ids.buurt)!.note).toBe('Nieuwe reflectie na de back-up.');
    expect(dossier.clips.get(later)).toBeDefined();
  });

  it('merges another dossier only when confirmed, and keeps this dossier’s own settings', async () => {
    const { dossier: target, ids } = makeTestDossier({ id: 'doel', name: 'Wijkteam Noord' });
    const { dossier: other, ids: otherIds } = makeTestDossier({ id: 'ander', name: 'Ander dossier' });
    other.frameworks.updateTheme('community-werker.eigenaarschap', { name: 'Hun hernoeming' });
    other.frameworks.setPresetEnabled('gouden-regels', true);
    const backup = await readBackup(await createBackup(other));
    const snapshot = Y.encodeStateAsUpdate(target.doc);

    const refused = (() => {
      try {
        mergeBackupInto(target, backup);
      } catch (e) {
        return e as KnipselError;
      }
    })();
    expect(refused?.code).toBe('conflict');
    expect(refused?.details.nl).toMatch(/ander dossier/);
    expect(Y.encodeStateAsUpdate(target.doc)).toEqual(snapshot);

    const before = dumpDossier(target);
    const result = mergeBackupInto(target, backup, { allowDifferentDossier: true });
    expect(result).toMatchObject({ sameDossier: false, addedClips: 4 });
    const after = dumpDossier(target);
    expect(after.meta).toEqual(before.meta);
    expect(target.frameworks.theme('community-werker.eigenaarschap')!.name).toBe('Eigenaarschap bij bewoners');
    expect(after.frameworks.find((f) => f.id === 'gouden-regels')!.enabled).toBe(false);
    for (const clip of before.clips) expect(target.clips.get(clip.id)).toEqual(clip);
    expect(target.clips.get(otherIds.buurt)!.themes).toContain('community-werker.eigenaarschap');
    expect(target.frameworks.theme(otherIds.ownTheme)?.name).toBe('Presentie');
    expect(target.clips.get(ids.buurt)).toBeDefined();
  });
});

function docFrom(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}
