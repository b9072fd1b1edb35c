import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isKnipselError } from '../errors.js';
import { createDossier } from './dossier.js';
import { currentSchemaVersion, migrations, schemaVersionOf } from './migrations.js';

describe('migrations', () => {
  it('are named dossier/N and ordered by version', () => {
    migrations.forEach((m, i) => {
      expect(m.version).toBe(i + 1);
      expect(m.name).toBe(`dossier/${m.version}`);
    });
  });

  it('bring a v0 doc (meta without schema version) to the current version, keeping its data', () => {
    // The v0 shape: a doc written before schemaVersion and defaults existed.
    const old = new Y.Doc();
    old.getMap('meta').set('id', 'oud');
    old.getMap('meta').set('name', 'Oud dossier');
    expect(schemaVersionOf(old)).toBe(0);
    const dossier = createDossier(old);
    expect(dossier.meta()).toMatchObject({ id: 'oud', name: 'Oud dossier', kind: 'personal', course: '', schemaVersion: currentSchemaVersion });
  });

  it('refuse a doc from a newer version without touching it', () => {
    const newer = new Y.Doc();
    newer.getMap('meta').set('schemaVersion', currentSchemaVersion + 1);
    const before = Y.encodeStateAsUpdate(newer);
    let error: unknown;
    try {
      createDossier(newer);
    } catch (caught) {
      error = caught;
    }
    expect(isKnipselError(error, 'newer-version')).toBe(true);
    expect((error as Error).message).toMatch(/newer Knipsel/);
    expect(Y.encodeStateAsUpdate(newer)).toEqual(before);
  });
});
