import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc, type Dossier } from '../dossier/dossier.js';
import { makeCapture } from '../testing/captures.js';
import { createDexieSearchIndexStore } from './dexie-search-store.js';
import { attachSearch, type Scheduler } from './dossier-search.js';
import { searchIndexVersion, type SearchIndexStore } from './search-index-store.js';

const words = ['buurtmaaltijd', 'kwartiermaken', 'mantelzorg', 'netwerkcoaching', 'ideeën', 'coöperatie', 'wijkteam', 'jongerenwerk', 'schuldhulp'];
const queries = ['buurt', 'kwartiermaken mantel', 'wijk', 'ideeen', 'cooperatie wijkteam', 'reflectie', 'schuldhu', 'kracht', 'nieuwsbrief'];

function fill(dossier: Dossier, count: number): void {
  const themes = dossier.frameworks.list()[0].themes;
  for (let i = 0; i < count; i++) {
    dossier.clips.add({
      capture: makeCapture({
        title: `${words[(i * 5) % words.length]} ${i}`,
        text: `${words[i % words.length]} en ${words[(i * 7) % words.length]} in de wijk ${i}. `.repeat(1 + (i % 3)),
      }),
      note: i % 3 === 0 ? `Reflectie over ${words[(i + 1) % words.length]}` : undefined,
      themes: i % 2 === 0 ? [themes[i % themes.length].id] : [],
    });
  }
}

function newDossier(count: number): Dossier {
  const doc = new Y.Doc();
  initDossierDoc(doc, { id: 'd', name: 'D' });
  const dossier = createDossier(doc);
  fill(dossier, count);
  return dossier;
}

/** The same dossier as another session opens it: a new doc from the first one's state. */
function reopen(dossier: Dossier): Dossier {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(dossier.doc));
  return createDossier(doc);
}

const results = (search: { search: (q: string, o?: { limit?: number }) => Array<{ id: string; score: number; snippet: unknown }> }) =>
  Object.fromEntries(queries.map((q) => [q, search.search(q, { limit: 500 }).map((h) => [h.id, h.score.toFixed(6), h.snippet])]));

/** A scheduler that counts build slices and runs them at once. */
function countingScheduler() {
  const counter = {
    slices: 0,
    schedule: ((task) => {
      counter.slices++;
      const timer = setTimeout(task, 0);
      return () => clearTimeout(timer);
    }) as Scheduler,
  };
  return counter;
}

let n = 0;
const dexieStore = () => createDexieSearchIndexStore(`search-${n++}`, { indexedDB: new IDBFactory() });

/** A search attached with a store, waited on until complete; `slices` counts build work. */
async function attached(dossier: Dossier, indexes: SearchIndexStore) {
  const scheduler = countingScheduler();
  const search = attachSearch(dossier, { store: { indexes, dossierId: 'd', saveDelayMs: 1 }, schedule: scheduler.schedule });
  await search.whenComplete();
  return { search, scheduler };
}

/** A dossier of `count` clips whose search index is built and stored in a fresh store. */
async function storedIndex(count: number) {
  const indexes = dexieStore();
  const dossier = newDossier(count);
  const first = await attached(dossier, indexes);
  await first.search.save();
  first.search.destroy();
  return { indexes, dossier };
}

afterEach(() => vi.unstubAllGlobals());

describe('a stored search index', () => {
  it('is built once, stored in IndexedDB and opened again without a build, with the same results', async () => {
    const indexes = dexieStore();
    const dossier = newDossier(120);
    const first = await attached(dossier, indexes);
    expect(first.scheduler.slices).toBeGreaterThan(0);
    await first.search.save();
    const stored = (await indexes.get('d')) as { version: number };
    expect(stored.version).toBe(searchIndexVersion);
    const expected = results(first.search);
    first.search.destroy();

    const again = await attached(reopen(dossier), indexes);
    expect(again.scheduler.slices).toBe(0);
    expect(again.search.progress()).toEqual({ indexed: 120, total: 120, building: false });
    expect(results(again.search)).toEqual(expected);
    expect(again.search.search('nieuwsbrief')).toEqual([]);
  });

  it('takes local and remote edits after opening incrementally, and stores them', async () => {
    const { indexes, dossier } = await storedIndex(60);

    const opened = reopen(dossier);
    const { search, scheduler } = await attached(opened, indexes);
    const added = opened.clips.add({ capture: makeCapture({ title: 'Nieuwsbrief', text: 'De nieuwsbrief van de bewonerscommissie.' }) });
    const edited = search.search('kwartiermaken', { limit: 1 })[0].id;
    opened.clips.update(edited, { title: 'Zonnepanelen' });
    const trashed = search.search('schuldhulp', { limit: 1 })[0].id;
    opened.clips.trash([trashed]);
    // A peer adds a clip: its update arrives with a remote origin.
    const peer = reopen(opened);
    const fromPeer = peer.clips.add({ capture: makeCapture({ title: 'Repaircafé', text: 'Een repaircafé in het buurthuis.' }) });
    Y.applyUpdate(opened.doc, Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(opened.doc)), 'peer');

    expect(scheduler.slices).toBe(0);
    expect(search.search('nieuwsbrief').map((h) => h.id)).toEqual([added]);
    expect(search.search('zonnepanelen').map((h) => h.id)).toEqual([edited]);
    expect(search.search('schuldhulp').map((h) => h.id)).not.toContain(trashed);
    expect(search.search('repaircafe').map((h) => h.id)).toEqual([fromPeer]);
    // The same clips found as by an index built from scratch over the edited dossier (scores
    // differ slightly: MiniSearch's incremental statistics).
    const found = (s: typeof search) =>
      queries.map((q) =>
        s
          .search(q, { limit: 500 })
          .map((h) => h.id)
          .sort(),
      );
    expect(found(search)).toEqual(found(attachSearch(reopen(opened))));

    await search.save();
    search.destroy();
    const third = await attached(reopen(opened), indexes);
    expect(third.scheduler.slices).toBe(0);
    expect(third.search.search('repaircafe').map((h) => h.id)).toEqual([fromPeer]);
  });

  it('applies edits that arrive while the stored index is being read', async () => {
    const indexes = dexieStore();
    const dossier = newDossier(30);
    const first = await attached(dossier, indexes);
    await first.search.save();
    const opened = reopen(dossier);
    const search = attachSearch(opened, { store: { indexes, dossierId: 'd' } });
    expect(search.progress().building).toBe(true);
    const added = opened.clips.add({ capture: makeCapture({ title: 'Nieuwsbrief', text: 'Nieuwsbrief' }) });
    await search.whenComplete();
    expect(search.search('nieuwsbrief').map((h) => h.id)).toEqual([added]);
    expect(search.size).toBe(31);
  });

  it('is rebuilt when the doc changed since it was stored, or it has another schema version', async () => {
    const { indexes, dossier } = await storedIndex(40);
    // An edit made without the search attached (another program on the same log).
    const added = dossier.clips.add({ capture: makeCapture({ title: 'Nieuwsbrief', text: 'Nieuwsbrief' }) });
    const stale = await attached(reopen(dossier), indexes);
    expect(stale.scheduler.slices).toBeGreaterThan(0);
    expect(stale.search.search('nieuwsbrief').map((h) => h.id)).toEqual([added]);

    await stale.search.save();
    const record = (await indexes.get('d')) as { version: number };
    await indexes.put('d', { ...(record as object), version: searchIndexVersion - 1 } as never);
    const older = await attached(reopen(dossier), indexes);
    expect(older.scheduler.slices).toBeGreaterThan(0);
    expect(older.search.size).toBe(41);
  });

  it('treats corrupt stored data as missing: rebuilt, never an error', async () => {
    const dossier = newDossier(40);
    const built = attachSearch(dossier);
    const expected = results(built);
    const indexes = dexieStore();
    const state = Y.encodeStateVector(dossier.doc);
    const broken: unknown[] = ['not an index', { version: searchIndexVersion, state, index: { fields: [] } }, { version: searchIndexVersion, state: 'abc', index: null }];
    // A record that passes the schema but whose postings name clips that do not exist.
    const goodStore = dexieStore();
    const source = await attached(dossier, goodStore);
    await source.search.save();
    const valid = (await goodStore.get('d')) as { index: { docs: Uint32Array } };
    valid.index.docs[0] = 999_999;
    broken.push(valid);
    for (const value of broken) {
      await indexes.put('d', value as never);
      const { search, scheduler } = await attached(reopen(dossier), indexes);
      expect(scheduler.slices).toBeGreaterThan(0);
      expect(results(search)).toEqual(expected);
      search.destroy();
    }
    // A store that fails to read is the same.
    const failing: SearchIndexStore = { get: () => Promise.reject(new Error('gone')), put: () => Promise.resolve(), remove: () => Promise.resolve() };
    const { search } = await attached(reopen(dossier), failing);
    expect(results(search)).toEqual(expected);
  });
});

describe('search and removed blocks', () => {
  it('does not find text in blocks removed as noise, and finds it again when put back', async () => {
    vi.stubGlobal('window', new JSDOM('').window);
    const doc = new Y.Doc();
    initDossierDoc(doc, { id: 'd', name: 'D' });
    const dossier = createDossier(doc);
    const html = '<p>Sla over naar de inhoud</p><p>Bewoners koken samen een buurtmaaltijd.</p><p>Advertentie: zonnepanelen met korting</p>';
    const id = dossier.clips.add({
      capture: makeCapture({ html, text: 'Sla over naar de inhoud\n\nBewoners koken samen een buurtmaaltijd.\n\nAdvertentie: zonnepanelen met korting' }),
    });
    const search = attachSearch(dossier);
    expect(search.search('zonnepanelen').map((h) => h.id)).toEqual([id]);
    dossier.clips.setBlocksRemoved(id, [0, 2], true);
    await search.whenComplete();
    expect(search.search('zonnepanelen')).toEqual([]);
    expect(search.search('inhoud')).toEqual([]);
    const hit = search.search('buurtmaaltijd');
    expect(hit.map((h) => h.id)).toEqual([id]);
    expect(hit[0].snippet?.text).toContain('buurtmaaltijd');

    // Opened from the store: the cleaned text is fetched for the snippet, then shown.
    const indexes = dexieStore();
    const stored = attachSearch(dossier, { store: { indexes, dossierId: 'd' } });
    await stored.whenComplete();
    await stored.save();
    const opened = await attached(reopen(dossier), indexes);
    expect(opened.scheduler.slices).toBe(0);
    expect(opened.search.search('zonnepanelen')).toEqual([]);
    const fetched = new Promise<void>((resolve) => opened.search.onProgress(() => resolve()));
    opened.search.search('buurtmaaltijd');
    await fetched;
    const snippet = opened.search.search('buurtmaaltijd')[0].snippet;
    expect(snippet?.text).toContain('buurtmaaltijd');
    expect(snippet?.text).not.toContain('zonnepanelen');

    dossier.clips.setBlocksRemoved(id, [2], false);
    await search.whenComplete();
    expect(search.search('zonnepanelen').map((h) => h.id)).toEqual([id]);
  });
});
