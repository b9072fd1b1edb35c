// Contract tests every storage adapter implementation must pass (called from each
// implementation's test file with a factory). Written against vitest's API.
import { describe, expect, it } from 'vitest';
import type { ClipRow } from '../dossier/types.js';
import type { LibraryStore } from './library-store.js';
import type { ProjectionStore } from './projection-store.js';
import type { UpdateStore } from './update-store.js';

const bytes = (...values: number[]) => new Uint8Array(values);

export function runUpdateStoreContract(name: string, make: () => Promise<UpdateStore> | UpdateStore): void {
  describe(`UpdateStore contract: ${name}`, () => {
    it('loads what was appended, in order, per doc', async () => {
      const store = await make();
      await store.append('a', bytes(1));
      await store.append('b', bytes(9));
      await store.append('a', bytes(2, 3));
      expect(await store.load('a')).toEqual([bytes(1), bytes(2, 3)]);
      expect(await store.load('b')).toEqual([bytes(9)]);
      expect(await store.load('none')).toEqual([]);
      expect((await store.docIds()).sort()).toEqual(['a', 'b']);
    });

    it('compacts the first n updates and keeps later ones after the merged one', async () => {
      const store = await make();
      for (const n of [1, 2, 3, 4]) await store.append('a', bytes(n));
      await store.compact('a', bytes(12), 2);
      expect(await store.load('a')).toEqual([bytes(12), bytes(3), bytes(4)]);
      await store.append('a', bytes(5));
      await store.compact('a', bytes(99), 4);
      expect(await store.load('a')).toEqual([bytes(99)]);
    });

    it('removes one doc without touching another', async () => {
      const store = await make();
      await store.append('a', bytes(1));
      await store.append('b', bytes(2));
      await store.remove('a');
      expect(await store.load('a')).toEqual([]);
      expect(await store.load('b')).toEqual([bytes(2)]);
      expect(await store.docIds()).toEqual(['b']);
    });

    it('stores a copy, not the caller’s buffer', async () => {
      const store = await make();
      const update = bytes(7, 7);
      await store.append('a', update);
      update[0] = 0;
      expect(await store.load('a')).toEqual([bytes(7, 7)]);
    });
  });
}

export function runLibraryStoreContract(name: string, make: () => Promise<LibraryStore> | LibraryStore): void {
  describe(`LibraryStore contract: ${name}`, () => {
    const record = { id: 'd1', name: 'Mijn dossier', kind: 'personal' as const, createdAt: 1, updatedAt: 2, clipCount: 0 };

    it('puts, gets, lists and deletes dossier records', async () => {
      const store = await make();
      await store.putDossier(record);
      await store.putDossier({ ...record, id: 'd2', name: 'Wijkteam' });
      expect(await store.getDossier('d1')).toEqual(record);
      expect((await store.listDossiers()).map((r) => r.id).sort()).toEqual(['d1', 'd2']);
      await store.putDossier({ ...record, name: 'Hernoemd' });
      expect((await store.getDossier('d1'))?.name).toBe('Hernoemd');
      await store.deleteDossier('d1');
      expect(await store.getDossier('d1')).toBeUndefined();
      expect((await store.listDossiers()).map((r) => r.id)).toEqual(['d2']);
    });

    it('keeps preferences of any structured value', async () => {
      const store = await make();
      expect(await store.getPref('locale')).toBeUndefined();
      await store.setPref('locale', 'nl');
      await store.setPref('recentThemes', ['a', 'b']);
      expect(await store.getPref('locale')).toBe('nl');
      expect(await store.getPref('recentThemes')).toEqual(['a', 'b']);
    });
  });
}

export function runProjectionStoreContract(name: string, make: () => Promise<ProjectionStore> | ProjectionStore): void {
  const row = (id: string, title = id): ClipRow => ({
    id,
    title,
    url: `https://example.nl/${id}`,
    canonicalUrl: `https://example.nl/${id}`,
    siteName: 'Voorbeeld',
    mode: 'article',
    published: null,
    capturedAt: 1,
    createdAt: 1,
    updatedAt: 1,
    themes: ['t1'],
    hasNote: false,
    kind: 'praktijkvoorbeeld',
    reflections: 0,
    attachments: 0,
    trashed: false,
    wordCount: 10,
    excerpt: 'tekst',
  });

  describe(`ProjectionStore contract: ${name}`, () => {
    it('puts, replaces, deletes and clears rows per dossier', async () => {
      const store = await make();
      await store.putRows('d1', [row('a'), row('b')]);
      await store.putRows('d2', [row('x')]);
      await store.putRows('d1', [row('a', 'Nieuwe titel')]);
      const rows = (await store.rows('d1')).sort((p, q) => p.id.localeCompare(q.id));
      expect(rows).toEqual([row('a', 'Nieuwe titel'), row('b')]);
      await store.deleteRows('d1', ['b']);
      expect((await store.rows('d1')).map((r) => r.id)).toEqual(['a']);
      await store.clear('d1');
      expect(await store.rows('d1')).toEqual([]);
      expect((await store.rows('d2')).map((r) => r.id)).toEqual(['x']);
    });
  });
}
