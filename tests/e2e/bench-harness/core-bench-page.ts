// The bench page for `npm run bench` (core section): runs in Chromium against real
// IndexedDB. The Node side (bench/core-bench.ts) loads it in a fresh browser process for
// every measurement, so each open reads the dossier cold from disk.
//
// Knipsel: the web app's configuration — core's createDexieStores() + the Dexie blob store
// under a body store + the Dexie search index store, with createLibrary(). Baseline ("raw
// Yjs"): a plain Y.Doc with a Y.Map of Y.Maps holding the same fields (bodies included),
// persisted as a log of updates in a plain IndexedDB object store (no Dexie, no validation, no
// projection); a raw add also puts the body's bytes into a second object store.
import * as Y from 'yjs';
import {
  createBodyStore,
  createDexieBlobStore,
  createDexieSearchIndexStore,
  createDexieStores,
  createDossier,
  createLibrary,
  encodeBody,
  initDossierDoc,
  type BodyStore,
  type Library,
  type OpenDossier,
} from '@knipsel/core';
import { makeCorpus, type CorpusClip, type CorpusSource } from '../../../bench/corpus/clip-corpus.js';
import { expose } from './expose.js';
import { rawSetClip } from './raw-yjs-clip.js';
import { openRawDb, rawAppend, rawLoadInto, rawLoadSame, rawPutBody } from './raw-yjs-store.js';

const knipselDbName = 'knipsel-bench';

interface Fixture {
  sources: CorpusSource[];
  themeIds: string[];
}

let corpus: ReturnType<typeof makeCorpus> | null = null;
async function clipAt(i: number): Promise<CorpusClip> {
  if (!corpus) {
    const fixture = (await (await fetch('./fixture.json')).json()) as Fixture;
    corpus = makeCorpus(fixture.sources, fixture.themeIds);
  }
  return corpus.clip(i);
}

const now = () => performance.now();
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function listenRaw(db: IDBDatabase, doc: Y.Doc): void {
  doc.on('update', (update: Uint8Array) => raw!.pending.push(rawAppend(db, update)));
}

/** The app's stores on database `name`: the dossier stores, bodies in the blob store, search indexes. */
function appStores(name: string) {
  const stores = createDexieStores(name);
  const blobs = createDexieBlobStore(name);
  const searchIndexes = createDexieSearchIndexStore(name);
  const bodies = createBodyStore(blobs);
  return {
    library: createLibrary({ ...stores, bodies, searchIndexes }),
    bodies,
    close() {
      stores.close();
      blobs.close();
      searchIndexes.close();
    },
  };
}

/** The state of a dossier of `count` corpus clips, made with core (bodies written to `bodies`). */
async function knipselState(count: number, bodies: BodyStore): Promise<Uint8Array> {
  const doc = new Y.Doc();
  initDossierDoc(doc, { id: 'bench', name: `Bench ${count}` });
  const dossier = createDossier(doc, { bodies });
  for (let i = 0; i < count; i++) {
    const clip = await clipAt(i);
    dossier.clips.add({ capture: clip.capture, note: clip.note, themes: clip.themes });
    if (i % 500 === 499) await bodies.written();
  }
  await bodies.written();
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** Import a dossier of `count` clips into database `name`, open it once and store its search index (the app's steady state). */
async function seedKnipsel(name: string, count: number, kind?: 'personal') {
  const app = appStores(name);
  const state = await knipselState(count, app.bodies);
  const record = await app.library.importState(state, { name: `Bench ${count}`, ...(kind ? { kind } : {}) });
  const handle = await app.library.open(record.id);
  await handle.search({ background: true }).whenComplete();
  await handle.saveSearch();
  await handle.flush();
  await handle.projection.flush();
  return { app, record, bytes: state.byteLength };
}

/** Core's library on the bench database, opened cold; `t0` is the time just before. */
function coldLibrary(): { t0: number; stores: { close(): void }; library: Library } {
  const t0 = now();
  const app = appStores(knipselDbName);
  return { t0, stores: app, library: app.library };
}

let raw: { db: IDBDatabase; doc: Y.Doc; pending: Promise<void>[] } | null = null;
let knipsel: { library: Library; handle: OpenDossier } | null = null;
/**
 * Held so the memory figure counts it. `settle` reads it: a variable only ever written is
 * dropped by the bundler, and the doc with it (the figure then counted only its garbage).
 */
let same: Y.Doc | null = null;

const bench = {
  /** Write a dossier of `count` clips with core (one stored, compacted update + projection rows). */
  async writeKnipsel(count: number) {
    const t0 = now();
    const { app, record, bytes } = await seedKnipsel(knipselDbName, count);
    app.close();
    return { id: record.id, bytes, ms: now() - t0 };
  },

  /** Write the same clips as raw Yjs (one stored update). */
  async writeRaw(count: number) {
    const t0 = now();
    const doc = new Y.Doc();
    const clips = doc.getMap<Y.Map<unknown>>('clips');
    for (let i = 0; i < count; i++) {
      const clip = await clipAt(i);
      doc.transact(() => rawSetClip(clips, `c${i}`, clip, clip.capture.capturedAt));
    }
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const db = await openRawDb();
    await rawAppend(db, state);
    db.close();
    return { bytes: state.byteLength, ms: now() - t0 };
  },

  /** Cold open with core: until `library.open(id)` resolves (doc loaded, the stored search index loaded; the projection reconciles after). */
  async openKnipsel(id: string) {
    const { t0, library } = coldLibrary();
    const handle = await library.open(id);
    const ms = now() - t0;
    knipsel = { library, handle };
    return { ms, clips: handle.doc.getMap('clips').size };
  },

  /**
   * Cold open of Knipsel's own stored doc with raw Yjs (the update log read natively and
   * applied): the floor under library.open(), and the doc's own memory.
   */
  async openRawSame(id: string) {
    const t0 = now();
    const doc = await rawLoadSame(knipselDbName, id);
    const ms = now() - t0;
    same = doc;
    return { ms, clips: doc.getMap('clips').size };
  },

  /** Cold: until `library.rows(id)` resolves (the projection the app shows first). */
  async rowsKnipsel(id: string) {
    const { t0, stores, library } = coldLibrary();
    const rows = await library.rows(id);
    const ms = now() - t0;
    stores.close();
    return { ms, rows: rows.length };
  },

  /** Cold open of the raw Yjs baseline: read the update log and apply it. */
  async openRaw() {
    const t0 = now();
    const db = await openRawDb();
    const doc = await rawLoadInto(db);
    const ms = now() - t0;
    raw = { db, doc, pending: [] };
    listenRaw(db, doc);
    return { ms, clips: doc.getMap('clips').size };
  },

  /** Wait until background writes of the opened dossier are done (before measuring memory). */
  async settle() {
    // The update log, then the projection (its reconcile after open and rows written since).
    if (knipsel) await Promise.all([knipsel.handle.flush(), knipsel.handle.projection.flush()]);
    if (raw) await Promise.all(raw.pending.splice(0));
    await new Promise((resolve) => setTimeout(resolve, 120));
    if (knipsel) await knipsel.handle.flush();
    return { clips: (knipsel?.handle.doc ?? same ?? raw?.doc)?.getMap('clips').size ?? 0 };
  },

  /**
   * What the web app does when its page is hidden or left (pwa library-service): write the
   * rows and the search index that would follow the last edits, so the next open finds the
   * index in step with the doc (a stale index is rebuilt, reading every body, in the background).
   */
  async pageLeft() {
    if (knipsel) await knipsel.library.flushAll();
  },

  /** Add clips one by one with core; each sample: add + flush (persistence and projection). */
  async addKnipsel(from: number, warmup: number, count: number) {
    if (!knipsel) throw new Error('open first');
    const { dossier } = knipsel.handle;
    const samples: number[] = [];
    for (let k = 0; k < warmup + count; k++) {
      const clip = await clipAt(from + k);
      await tick();
      const t0 = now();
      dossier.clips.add({ capture: clip.capture, note: clip.note, themes: clip.themes });
      await knipsel.handle.flush();
      if (k >= warmup) samples.push(now() - t0);
    }
    return samples;
  },

  /**
   * Both, alternating in one page (both dossiers open): each pair sees the same disk and the
   * same moment, so IndexedDB's run-to-run variance falls on both sides alike.
   */
  async addBoth(from: number, warmup: number, count: number) {
    if (!knipsel || !raw) throw new Error('open both first');
    const k: number[] = [];
    const r: number[] = [];
    for (let i = 0; i < warmup + count; i++) {
      const order = i % 2 === 0 ? ['knipsel', 'raw'] : ['raw', 'knipsel'];
      for (const kind of order) {
        const sample = kind === 'knipsel' ? await bench.addKnipsel(from + 2 * i, 0, 1) : await bench.addRaw(from + 2 * i + 1, 0, 1);
        if (i >= warmup) (kind === 'knipsel' ? k : r).push(sample[0]);
      }
    }
    return { knipsel: k, raw: r };
  },

  /** The same with raw Yjs: Y.Map set in a transaction + the update appended to IndexedDB, then a put of the body. */
  async addRaw(from: number, warmup: number, count: number) {
    if (!raw) throw new Error('open first');
    const clips = raw.doc.getMap<Y.Map<unknown>>('clips');
    const samples: number[] = [];
    for (let k = 0; k < warmup + count; k++) {
      const clip = await clipAt(from + k);
      await tick();
      const t0 = now();
      raw.doc.transact(() => rawSetClip(clips, `c${from + k}`, clip, Date.now()));
      await Promise.all(raw.pending.splice(0));
      await rawPutBody(raw.db, encodeBody(clip.capture));
      if (k >= warmup) samples.push(now() - t0);
    }
    return samples;
  },

  /**
   * Seed the web app's own database (createDexieStores() defaults) with a dossier of `count`
   * clips and make it the personal one, so the app opens it first. Run on the app's origin.
   */
  async seedApp(count: number) {
    const { app, record, bytes } = await seedKnipsel('knipsel', count, 'personal');
    await app.library.setPersonal(record.id);
    app.close();
    return { id: record.id, bytes };
  },

  /**
   * The clip-in-the-browser baseline: store one capture with raw Yjs (Y.Map set in a
   * transaction + the update appended to IndexedDB) in an already open doc and database.
   */
  async rawStoreCapture(capture: CorpusClip['capture']) {
    if (!raw) {
      const db = await openRawDb();
      raw = { db, doc: await rawLoadInto(db), pending: [] };
      listenRaw(db, raw.doc);
    }
    const clips = raw.doc.getMap<Y.Map<unknown>>('clips');
    const t0 = now();
    raw.doc.transact(() => rawSetClip(clips, `s${clips.size}`, { capture, note: '', themes: [] } as unknown as CorpusClip, Date.now()));
    await Promise.all(raw.pending.splice(0));
    return now() - t0;
  },

  /** Merge the stored update log now (core's compaction, every 200 appended updates). */
  async compactKnipsel() {
    if (!knipsel) throw new Error('open first');
    const t0 = now();
    await knipsel.handle.persistence.compact();
    return now() - t0;
  },
};

declare global {
  interface Window {
    knipselBench: typeof bench;
    knipselBenchReady: boolean;
  }
}
expose('knipselBench', bench);
