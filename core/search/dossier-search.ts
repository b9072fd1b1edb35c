// Keeps a clip search index in step with one dossier: built on attach (at once, or in the
// background in small slices that yield to the main thread), updated on change.
import type { Dossier } from '../dossier/dossier.js';
import { sourceName } from '../dossier/source.js';
import type { Clip } from '../dossier/types.js';
import { createClipSearch, type SearchDocument } from './clip-search.js';

export function toSearchDocument(clip: Clip, themeName: (id: string) => string | undefined): SearchDocument {
  return {
    id: clip.id,
    title: clip.title,
    text: clip.capture.text,
    note: [
      clip.note,
      ...Object.values(clip.card).filter(Boolean),
      ...clip.reflections.flatMap((r) => Object.values(r.answers)),
      ...clip.attachments.map((a) => a.name),
      ...clip.highlights.map((h) => `${h.quote.exact} ${h.note}`),
    ].join('\n'),
    site: sourceName(clip.capture),
    themes: clip.themes.map(themeName).filter(Boolean).join(' · '),
  };
}

/** How far the index is built: `indexed` of `total` clips not in the trash. */
export interface SearchProgress {
  indexed: number;
  total: number;
  building: boolean;
}

/** Runs `task` later (after yielding to the event loop); returns a cancel function. */
export type Scheduler = (task: () => void) => () => void;

export interface AttachSearchOptions {
  /** Build in slices between other work instead of all at once. */
  background?: boolean;
  /** At most this many clips per slice. */
  batchSize?: number;
  /** A slice stops early once it took this long (ms). */
  sliceMs?: number;
  schedule?: Scheduler;
  now?: () => number;
}

interface PostTask {
  postTask(task: () => void, options: { signal: AbortSignal }): Promise<void>;
}

/**
 * The Prioritized Task Scheduling API where there is one (Chromium): input and rendering go
 * first, and no 4 ms clamp as for nested timeouts. Elsewhere a timeout.
 */
const yieldSoon: Scheduler = (task) => {
  const scheduler = (globalThis as { scheduler?: Partial<PostTask> }).scheduler;
  if (typeof scheduler?.postTask === 'function') {
    const controller = new AbortController();
    scheduler.postTask(task, { signal: controller.signal }).catch(() => undefined);
    return () => controller.abort();
  }
  const timer = setTimeout(task, 0);
  return () => clearTimeout(timer);
};

export function attachSearch(dossier: Dossier, options: AttachSearchOptions = {}) {
  const { batchSize = 100, sliceMs = 12, schedule = yieldSoon } = options;
  const now = options.now ?? (() => performance.now());
  const search = createClipSearch();
  const themeName = (id: string) => dossier.frameworks.theme(id)?.name;
  const index = (clips: Clip[]) => search.put(clips.filter((c) => !c.trashed).map((c) => toSearchDocument(c, themeName)));
  const listeners = new Set<(progress: SearchProgress) => void>();
  /** Clips still to index, in dossier order: read when their turn comes, so edits meanwhile count. */
  const pending = new Set<string>();
  let cancel: (() => void) | null = null;

  const progress = (): SearchProgress => ({ indexed: search.size, total: search.size + pending.size, building: pending.size > 0 });
  const report = () => {
    const current = progress();
    for (const listener of listeners) listener(current);
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

  if (options.background) {
    for (const clip of dossier.clips.all()) if (!clip.trashed) pending.add(clip.id);
    if (pending.size > 0) cancel = schedule(slice);
  } else index(dossier.clips.all());

  const unobserve = dossier.observe((change) => {
    if (change.frameworks) {
      // Theme names may have changed: reindex the clips that carry any theme (pending
      // clips read the new names when their turn comes).
      index(dossier.clips.all().filter((c) => c.themes.length > 0 && !pending.has(c.id)));
    }
    const changed: Clip[] = [];
    const removed: string[] = [];
    for (const id of change.clipIds) {
      const clip = dossier.clips.get(id);
      const live = clip !== undefined && !clip.trashed;
      if (pending.has(id)) {
        if (!live) pending.delete(id);
        continue;
      }
      if (live) changed.push(clip);
      else removed.push(id);
    }
    search.remove(removed);
    index(changed);
    if (cancel && change.clipIds.size > 0) report();
  });

  return {
    search: search.search,
    get size() {
      return search.size;
    },
    progress,
    /** Called after every slice of a background build (and when it is done). */
    onProgress(listener: (progress: SearchProgress) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Finish a background build now (for callers that need every clip). */
    complete(): void {
      if (pending.size === 0) return;
      cancel?.();
      cancel = null;
      drain(Infinity, Infinity);
      report();
    },
    destroy(): void {
      cancel?.();
      cancel = null;
      pending.clear();
      listeners.clear();
      unobserve();
    },
  };
}

export type DossierSearch = ReturnType<typeof attachSearch>;
