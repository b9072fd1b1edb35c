// Keeps a clip search index in step with one dossier: built on attach (at once, or in the
// background in small slices that yield to the main thread), updated on change.
import type { Dossier } from '../dossier/dossier.js';
import type { Clip } from '../dossier/types.js';
import { createClipSearch, type SearchDocument } from './clip-search.js';
import { createIndexSaver, type IndexSaverOptions } from './index-saver.js';
import { defaultSearchText, toSearchDocument, type SearchTextSource } from './search-document.js';
import { createTextCache } from './text-cache.js';
import { yieldSoon, type Scheduler } from './yield-soon.js';

export type { Scheduler } from './yield-soon.js';
// The text port, with attachSearch for the library that opens dossiers.
export { defaultSearchText, type SearchTextSource } from './search-document.js';

/** How far the index is built: `indexed` of `total` clips not in the trash. */
export interface SearchProgress {
  indexed: number;
  total: number;
  building: boolean;
}

export interface AttachSearchOptions {
  /** Build in slices between other work instead of all at once. */
  background?: boolean;
  /** At most this many clips per slice. */
  batchSize?: number;
  /**
   * Edits made while no build is under way are indexed this long after the last one (ms,
   * default 150; at most 1 s after the first), or at once by anything that reads the index:
   * adding a clip does not wait for its indexing, and a search still sees every edit.
   */
  indexDelayMs?: number;
  /** A slice stops early once it took this long (ms). */
  sliceMs?: number;
  schedule?: Scheduler;
  now?: () => number;
  /** The text each clip is found by (default `defaultSearchText`). */
  textOf?: SearchTextSource;
  /**
   * Keep the index between sessions: opened from the store when it matches the doc (else
   * built in the background), written back a moment after changes.
   */
  store?: IndexSaverOptions;
}

export function attachSearch(dossier: Dossier, options: AttachSearchOptions = {}) {
  const { batchSize = 100, sliceMs = 12, schedule = yieldSoon, textOf = defaultSearchText, indexDelayMs = 150 } = options;
  const now = options.now ?? (() => performance.now());
  const themeName = (id: string) => dossier.frameworks.theme(id)?.name;
  const texts = createTextCache(textOf);
  const search = createClipSearch({
    documentOf: (id) => {
      const clip = dossier.clips.get(id);
      // A text that comes later is fetched now; search again (on progress) to see its snippet.
      return (
        clip &&
        toSearchDocument(
          clip,
          themeName,
          texts.known(clip, () => {
            search.refresh(id);
            report();
          }),
        )
      );
    },
  });
  const listeners = new Set<(progress: SearchProgress) => void>();
  /** Clips still to index, in dossier order: read when their turn comes, so edits meanwhile count. */
  const pending = new Set<string>();
  let cancel: (() => void) | null = null;
  /** While a stored index is being read: the clips changed meanwhile, applied once it is in. */
  let loading: { clipIds: Set<string>; frameworks: boolean } | null = null;
  /** Edits not indexed yet (see `indexDelayMs`), applied before anything reads the index. */
  let deferred: { clipIds: Set<string>; frameworks: boolean; since: number; timer?: ReturnType<typeof setTimeout> } | null = null;
  const applyDeferred = () => {
    if (!deferred) return;
    const { clipIds, frameworks, timer } = deferred;
    clearTimeout(timer);
    deferred = null;
    applyChange(clipIds, frameworks);
    if (texts.waiting > 0) report();
  };
  const defer = (clipIds: Iterable<string>, frameworks: boolean) => {
    const at = now();
    deferred ??= { clipIds: new Set<string>(), frameworks: false, since: at };
    clearTimeout(deferred.timer);
    for (const id of clipIds) deferred.clipIds.add(id);
    deferred.frameworks ||= frameworks;
    deferred.timer = setTimeout(applyDeferred, Math.max(0, Math.min(indexDelayMs, deferred.since + 1000 - at)));
  };
  const packable = {
    pack: () => {
      applyDeferred();
      return search.pack();
    },
  };
  const saver = options.store ? createIndexSaver(dossier.doc, packable, options.store, () => !progress().building) : null;
  let loaded: Promise<void> = Promise.resolve();

  const progress = (): SearchProgress => {
    applyDeferred();
    // While the stored index is read, nothing is searchable yet (clips in the trash counted too).
    if (loading) return { indexed: 0, total: dossier.clips.count(), building: true };
    const waiting = pending.size + texts.waiting;
    return { indexed: search.size, total: search.size + waiting, building: waiting > 0 };
  };
  const report = () => {
    const current = progress();
    for (const listener of listeners) listener(current);
    if (!current.building) saver?.settled();
  };
  const index = (clips: Clip[]) => {
    const ready: SearchDocument[] = [];
    for (const clip of clips) {
      if (clip.trashed) continue;
      const text = texts.of(clip, (later) => {
        const current = dossier.clips.get(clip.id);
        if (current && !current.trashed) search.put([toSearchDocument(current, themeName, later)]);
        report();
      });
      if (text !== null) ready.push(toSearchDocument(clip, themeName, text));
    }
    search.put(ready);
  };
  const remove = (ids: string[]) => {
    for (const id of ids) texts.forget(id);
    search.remove(ids);
  };
  /** Index up to `max` pending clips (all when Infinity), stopping early after `budget` ms. */
  const drain = (max: number, budget: number) => {
    const started = now();
    let done = 0;
    for (const id of pending) {
      if (done >= max || (done > 0 && now() - started >= budget)) break;
      pending.delete(id);
      const clip = dossier.clips.get(id);
      if (clip) index([clip]);
      done++;
    }
  };
  const slice = () => {
    cancel = null;
    drain(batchSize, sliceMs);
    if (pending.size > 0) cancel = schedule(slice);
    report();
  };
  /** Index every clip: at once, or in slices with `background`. */
  const build = (background: boolean) => {
    saver?.markDirty();
    if (background) {
      for (const clip of dossier.clips.all()) if (!clip.trashed) pending.add(clip.id);
      if (pending.size > 0) cancel = schedule(slice);
      else report();
    } else {
      index(dossier.clips.all());
      report();
    }
  };
  const applyChange = (clipIds: Iterable<string>, frameworks: boolean) => {
    if (frameworks) {
      // Theme names may have changed: reindex the clips that carry any theme (pending
      // clips read the new names when their turn comes).
      index(dossier.clips.all().filter((c) => c.themes.length > 0 && !pending.has(c.id)));
    }
    const changed: Clip[] = [];
    const removed: string[] = [];
    for (const id of clipIds) {
      const clip = dossier.clips.get(id);
      const live = clip !== undefined && !clip.trashed;
      if (pending.has(id)) {
        if (!live) pending.delete(id);
        continue;
      }
      if (live) changed.push(clip);
      else removed.push(id);
    }
    remove(removed);
    index(changed);
  };

  if (saver) {
    // Open the stored index when it matches the doc as it is now; else build anew.
    loading = { clipIds: new Set(), frameworks: false };
    const started = loading;
    loaded = saver.load().then((packed) => {
      if (loading !== started) return; // complete() built it meanwhile
      loading = null;
      if (packed) {
        try {
          search.restore(packed);
        } catch {
          packed = null;
        }
      }
      if (packed) {
        applyChange(started.clipIds, started.frameworks);
        report();
      } else build(true);
    });
  } else build(options.background === true);

  const unobserve = dossier.observe((change) => {
    if (loading) {
      for (const id of change.clipIds) loading.clipIds.add(id);
      loading.frameworks ||= change.frameworks;
      return;
    }
    // No build under way: index the edit a moment later (searches apply it first).
    if (!cancel && pending.size === 0 && texts.waiting === 0) return defer(change.clipIds, change.frameworks);
    applyDeferred();
    applyChange(change.clipIds, change.frameworks);
    if ((cancel && change.clipIds.size > 0) || texts.waiting > 0) report();
  });

  return {
    search(...args: Parameters<typeof search.search>) {
      applyDeferred();
      return search.search(...args);
    },
    /**
     * Resolves once the stored index is in (search complete) or found missing or stale (then
     * a background build is under way). At once without a store.
     */
    get loaded() {
      return loaded;
    },
    get size() {
      applyDeferred();
      return search.size;
    },
    progress,
    /** Called after every slice of a background build (and when it is done). */
    onProgress(listener: (progress: SearchProgress) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Finish a background build (or the reading of a stored index) now, for callers that need every clip. */
    complete(): void {
      applyDeferred();
      if (loading) {
        loading = null;
        build(false);
        return;
      }
      if (pending.size === 0) return;
      cancel?.();
      cancel = null;
      drain(Infinity, Infinity);
      report();
    },
    /** Resolves once every clip is indexed (texts that load later included). */
    whenComplete(): Promise<void> {
      if (!progress().building) return Promise.resolve();
      return new Promise((resolve) => {
        const stop = this.onProgress((p) => {
          if (p.building) return;
          stop();
          resolve();
        });
      });
    },
    /** Write the index to its store now if it changed (a page being hidden, a dossier closing). */
    save: (): Promise<void> => saver?.saveNow() ?? Promise.resolve(),
    destroy(): void {
      if (deferred) clearTimeout(deferred.timer);
      deferred = null;
      cancel?.();
      cancel = null;
      loading = null;
      pending.clear();
      listeners.clear();
      texts.clear();
      saver?.destroy();
      unobserve();
    },
  };
}

export type DossierSearch = ReturnType<typeof attachSearch>;
