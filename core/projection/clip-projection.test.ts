import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc } from '../dossier/dossier.js';
import { excerptOf, toClipRow } from '../dossier/doc-layout.js';
import { makeCapture } from '../testing/captures.js';
import type { ClipRow } from '../dossier/types.js';
import { createMemoryProjectionStore, type ProjectionStore } from '../storage/projection-store.js';
import { attachProjection, rebuildProjection } from './clip-projection.js';

function setup(clips = 4) {
  const doc = new Y.Doc();
  initDossierDoc(doc, { id: 'd', name: 'D' });
  const dossier = createDossier(doc);
  const ids = Array.from({ length: clips }, () => dossier.clips.add({ capture: makeCapture() }));
  const inner = createMemoryProjectionStore();
  const written: ClipRow[] = [];
  const deleted: string[] = [];
  const store: ProjectionStore = {
    ...inner,
    putRows: async (id, rows) => {
      written.push(...rows);
      return inner.putRows(id, rows);
    },
    deleteRows: async (id, clipIds) => {
      deleted.push(...clipIds);
      return inner.deleteRows(id, clipIds);
    },
  };
  return { dossier, ids, inner, store, written, deleted };
}

describe('clip projection', () => {
  it('reconciles by writing only rows that are missing or differ, and deleting stale ones', async () => {
    const { dossier, ids, inner, store, written, deleted } = setup();
    await inner.putRows('d', dossier.clips.all().map(toClipRow));
    await inner.putRows('d', [{ ...toClipRow(dossier.clips.get(ids[0])!), title: 'Oud' }]);
    await inner.deleteRows('d', [ids[1]]);
    await inner.putRows('d', [{ ...toClipRow(dossier.clips.get(ids[2])!), id: 'weg' }]);
    await rebuildProjection(dossier, store, 'd');
    expect(written.map((r) => r.id).sort()).toEqual([ids[0], ids[1]].sort());
    expect(deleted).toEqual(['weg']);
    expect((await inner.rows('d')).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      dossier.clips
        .all()
        .map(toClipRow)
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
    written.length = 0;
    await rebuildProjection(dossier, store, 'd');
    expect(written).toEqual([]);
  });

  it('starts its reconcile only once startAfter has settled, and keeps the edits made before', async () => {
    const { dossier, ids, inner, store } = setup();
    let reads = 0;
    const counting: ProjectionStore = { ...store, rows: (id) => (reads++, inner.rows(id)) };
    let release!: () => void;
    const projection = attachProjection(dossier, counting, 'd', undefined, { startAfter: new Promise<void>((resolve) => (release = resolve)) });
    dossier.clips.update(ids[0], { title: 'Tijdens het openen' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reads).toBe(0); // the stored rows are not even read while the open goes on
    expect(await inner.rows('d')).toEqual([]);
    release();
    await projection.ready;
    await projection.flush();
    expect(reads).toBe(1);
    const rows = await inner.rows('d');
    expect(rows).toHaveLength(ids.length);
    expect(rows.find((r) => r.id === ids[0])?.title).toBe('Tijdens het openen');
    projection.destroy();
  });

  it('reconciles after attaching without holding up the caller, then follows edits', async () => {
    const { dossier, ids, inner, store } = setup();
    const projection = attachProjection(dossier, store, 'd');
    expect(await inner.rows('d')).toEqual([]); // nothing written synchronously
    dossier.clips.update(ids[0], { title: 'Nieuw' });
    await projection.ready;
    await projection.flush();
    const rows = await inner.rows('d');
    expect(rows).toHaveLength(ids.length);
    expect(rows.find((r) => r.id === ids[0])?.title).toBe('Nieuw');
    projection.destroy();
  });

  it('writes the rows of a burst of edits once, in the background, without a flush', async () => {
    const { dossier, ids, inner, store, written } = setup();
    const projection = attachProjection(dossier, store, 'd', undefined, { delayMs: 30 });
    await projection.ready;
    written.length = 0;
    for (let i = 0; i < 5; i++) dossier.clips.update(ids[0], { title: `Titel ${i}` });
    dossier.clips.update(ids[1], { title: 'Ander' });
    expect(written).toEqual([]); // nothing on the edits' own path
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(written.map((r) => r.id).sort()).toEqual([ids[0], ids[1]].sort());
    expect((await inner.rows('d')).find((r) => r.id === ids[0])?.title).toBe('Titel 4');
    projection.destroy();
  });

  it('writes pending rows at once on flush, and leaves them to the next reconcile when destroyed', async () => {
    const { dossier, ids, inner, store } = setup();
    const projection = attachProjection(dossier, store, 'd', undefined, { delayMs: 10_000 });
    await projection.ready;
    dossier.clips.update(ids[0], { title: 'Direct' });
    await projection.flush();
    expect((await inner.rows('d')).find((r) => r.id === ids[0])?.title).toBe('Direct');
    dossier.clips.update(ids[1], { title: 'Later' });
    projection.destroy();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await inner.rows('d')).find((r) => r.id === ids[1])?.title).not.toBe('Later');
    await rebuildProjection(dossier, store, 'd');
    expect((await inner.rows('d')).find((r) => r.id === ids[1])?.title).toBe('Later');
  });
});

describe('excerptOf', () => {
  // The definition: flatten the whole text, then cut. excerptOf flattens only the head.
  const reference = (text: string, length: number) => {
    const flat = text.replace(/\s+/g, ' ').trim();
    if (flat.length <= length) return flat;
    const cut = flat.lastIndexOf(' ', length);
    return `${flat.slice(0, cut > length * 0.6 ? cut : length)}…`;
  };

  it('gives the excerpt of the whole text, also when whitespace runs are long', () => {
    const parts = fc.constantFrom('a', 'woord', 'buurtmaaltijd', ' ', '\n\n', '      ', '\t', 'ë');
    fc.assert(
      fc.property(fc.array(parts, { maxLength: 1500 }), fc.integer({ min: 1, max: 300 }), (pieces, length) => {
        const text = pieces.join('');
        expect(excerptOf(text, length)).toBe(reference(text, length));
      }),
      { numRuns: 500, seed: 9 },
    );
    const spaced = `${' '.repeat(5000)}Begin ${'\n'.repeat(3000)}${'tekst '.repeat(200)}`;
    expect(excerptOf(spaced)).toBe(reference(spaced, 240));
  });
});
