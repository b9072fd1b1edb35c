import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc, type Dossier } from '../dossier/dossier.js';
import { makeCapture } from '../testing/captures.js';
import { attachSearch, type Scheduler, type SearchProgress } from './dossier-search.js';

const words = ['buurtmaaltijd', 'kwartiermaken', 'eigen kracht', 'mantelzorg', 'netwerkcoaching', 'ideeën', 'coöperatie', 'wijkteam', 'jongerenwerk', 'schuldhulp'];

function makeDossier(count: number): Dossier {
  const ydoc = new Y.Doc();
  initDossierDoc(ydoc, { id: 'd', name: 'D' });
  const dossier = createDossier(ydoc);
  const themes = dossier.frameworks.list()[0].themes;
  for (let i = 0; i < count; i++) {
    const text = `${words[i % words.length]} en ${words[(i * 7) % words.length]} in de wijk ${i}. ${words[(i * 3) % words.length]} `.repeat(1 + (i % 4));
    dossier.clips.add({
      capture: makeCapture({ title: `${words[(i * 5) % words.length]} ${i}`, text }),
      note: i % 3 === 0 ? `Reflectie over ${words[(i + 1) % words.length]}` : undefined,
      themes: i % 2 === 0 ? [themes[i % themes.length].id] : [],
    });
  }
  return dossier;
}

/** A scheduler the test runs by hand: nothing happens between slices unless the test does it. */
function manualScheduler() {
  const queue: Array<() => void> = [];
  const schedule: Scheduler = (task) => {
    queue.push(task);
    return () => {
      const at = queue.indexOf(task);
      if (at !== -1) queue.splice(at, 1);
    };
  };
  return {
    schedule,
    get waiting() {
      return queue.length;
    },
    step() {
      queue.shift()?.();
    },
    runAll() {
      while (queue.length > 0) queue.shift()!();
    },
  };
}

const queries = ['buurt', 'kwartiermaken mantel', 'wijk', 'ideeen', 'cooperatie wijkteam', 'reflectie', 'schuldhu', 'kracht eig', 'netwerkcoachin jong'];
const results = (search: { search: (q: string, o?: { limit?: number }) => unknown }) => Object.fromEntries(queries.map((q) => [q, search.search(q, { limit: 500 })]));

describe('background search build', () => {
  it('builds in slices to the same index as a one-shot build', () => {
    const dossier = makeDossier(250);
    const oneShot = attachSearch(dossier);
    const scheduler = manualScheduler();
    const chunked = attachSearch(dossier, { background: true, batchSize: 100, sliceMs: Infinity, schedule: scheduler.schedule });
    const seen: SearchProgress[] = [];
    chunked.onProgress((p) => seen.push(p));

    expect(chunked.progress()).toEqual({ indexed: 0, total: 250, building: true });
    expect(chunked.search('buurt')).toEqual([]);
    scheduler.step();
    expect(chunked.progress()).toEqual({ indexed: 100, total: 250, building: true });
    // The part indexed so far is searchable already.
    const partial = chunked.search('buurtmaaltijd', { limit: 500 });
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(oneShot.search('buurtmaaltijd', { limit: 500 }).length);

    scheduler.runAll();
    expect(seen.map((p) => p.indexed)).toEqual([100, 200, 250]);
    expect(seen.at(-1)).toEqual({ indexed: 250, total: 250, building: false });
    expect(results(chunked)).toEqual(results(oneShot));
    expect(Object.values(results(oneShot)).every((hits) => (hits as unknown[]).length > 0)).toBe(true);
  });

  it('keeps edits made while the index is being built', () => {
    const dossier = makeDossier(60);
    const scheduler = manualScheduler();
    const chunked = attachSearch(dossier, { background: true, batchSize: 20, sliceMs: Infinity, schedule: scheduler.schedule });
    scheduler.step(); // the first 20 clips are indexed, 40 are waiting
    const all = dossier.clips.all();
    const [indexedClip, indexedTrash, pendingClip, pendingTrash] = [all[0], all[1], all[40], all[41]];
    dossier.clips.update(indexedClip.id, { note: 'zeldzaamwoordeen' });
    dossier.clips.update(pendingClip.id, { note: 'zeldzaamwoordtwee' });
    dossier.clips.trash([indexedTrash.id, pendingTrash.id]);
    const added = dossier.clips.add({ capture: makeCapture({ title: 'Nieuwkomer', text: 'zeldzaamwoorddrie' }) });
    const theme = dossier.frameworks.list()[0].themes[0];
    dossier.frameworks.updateTheme(theme.id, { name: 'Hernoemdthema' });
    // 20 indexed - 1 trashed + 1 added; 40 waiting - 1 trashed.
    expect(chunked.progress()).toEqual({ indexed: 20, total: 59, building: true });

    scheduler.runAll();
    expect(chunked.search('zeldzaamwoordeen').map((h) => h.id)).toEqual([indexedClip.id]);
    expect(chunked.search('zeldzaamwoordtwee').map((h) => h.id)).toEqual([pendingClip.id]);
    expect(chunked.search('zeldzaamwoorddrie').map((h) => h.id)).toEqual([added]);
    const trashed = new Set([indexedTrash.id, pendingTrash.id]);
    expect(chunked.search('wijk', { limit: 500 }).some((h) => trashed.has(h.id))).toBe(false);
    const renamed = dossier.clips
      .all()
      .filter((c) => !c.trashed && c.themes.includes(theme.id))
      .map((c) => c.id);
    expect(renamed.length).toBeGreaterThan(1);
    expect(new Set(chunked.search('hernoemdthema', { limit: 500 }).map((h) => h.id))).toEqual(new Set(renamed));
    expect(chunked.progress()).toEqual({ indexed: 59, total: 59, building: false });
    // And it holds the same clips as an index built afterwards from scratch.
    const fresh = attachSearch(dossier);
    for (const q of [...queries, 'hernoemdthema', 'zeldzaamwoord']) {
      expect(new Set(chunked.search(q, { limit: 500 }).map((h) => h.id))).toEqual(new Set(fresh.search(q, { limit: 500 }).map((h) => h.id)));
    }
  });

  it('finishes at once on complete() and stops on destroy()', () => {
    const dossier = makeDossier(30);
    const scheduler = manualScheduler();
    const chunked = attachSearch(dossier, { background: true, batchSize: 10, sliceMs: Infinity, schedule: scheduler.schedule });
    chunked.complete();
    expect(chunked.progress()).toEqual({ indexed: 30, total: 30, building: false });
    expect(scheduler.waiting).toBe(0);

    const other = attachSearch(dossier, { background: true, batchSize: 10, sliceMs: Infinity, schedule: scheduler.schedule });
    other.destroy();
    expect(scheduler.waiting).toBe(0);
    expect(other.size).toBe(0);
  });

  it('ends a slice early once its time budget is spent', () => {
    const dossier = makeDossier(30);
    const scheduler = manualScheduler();
    let clock = 0;
    const chunked = attachSearch(dossier, { background: true, batchSize: 100, sliceMs: 5, schedule: scheduler.schedule, now: () => (clock += 1) });
    scheduler.step();
    const first = chunked.progress().indexed;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(30);
    scheduler.runAll();
    expect(chunked.progress()).toEqual({ indexed: 30, total: 30, building: false });
  });
});

describe('edits while no build is under way', () => {
  it('are indexed a moment after the edit, not during it, and a search right after finds them', async () => {
    const ydoc = new Y.Doc();
    initDossierDoc(ydoc, { id: 'd', name: 'D' });
    const dossier = createDossier(ydoc);
    dossier.clips.add({ capture: makeCapture({ title: 'Buurtmaaltijd', text: 'eerste' }) });
    const read: string[] = [];
    const search = attachSearch(dossier, { indexDelayMs: 20, textOf: (clip) => (read.push(clip.id), clip.capture.text) });
    expect(read.length).toBe(1);
    const later = dossier.clips.add({ capture: makeCapture({ title: 'Kwartiermaken', text: 'tweede' }) });
    expect(read.length).toBe(1); // the edit did not index
    await expect.poll(() => read.length).toBe(2); // … a moment later it was, unasked
    const now = dossier.clips.add({ capture: makeCapture({ title: 'Wijkteam', text: 'derde' }) });
    expect(search.search('wijkteam').map((h) => h.id)).toEqual([now]); // a search applies it first
    dossier.clips.trash([later]);
    expect(search.search('kwartiermaken')).toEqual([]);
    expect(search.size).toBe(2);
    search.destroy();
  });
});
