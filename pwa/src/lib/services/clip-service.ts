// Clip operations of one open dossier for the screens: add (bookmark, note-clip), tag,
// trash, notes, search. Every write is followed by a flush so storage errors surface.
import {
  bookmarkCapture,
  canRestore,
  type HistoryEntry,
  type HistoryValue,
  restoreValue,
  type Capture,
  type Clip,
  type ClipRow,
  type DossierChange,
  type EvidenceKind,
  type Highlight,
  type HighlightInput,
  type HighlightPatch,
  normalizeUrl,
  noteCapture,
  type OpenDossier,
  type SearchHit,
  type SearchProgress,
  siteNameOf,
  type SourceEdits,
  toClipRow,
} from '@knipsel/core';
import { bindNote, type NoteBinding } from './note-binding.js';
import { persisting, type Persist } from './persist.js';

export function createClipService(open: OpenDossier, persist: Persist, now: () => number = Date.now) {
  const { dossier } = open;
  const write = persisting(persist);
  return {
    /** Every row (trash included), straight from the doc. */
    rows: (): ClipRow[] => dossier.clips.rows({ trashed: 'all' }),
    row(id: string): ClipRow | null {
      const clip = dossier.clips.get(id);
      return clip ? toClipRow(clip) : null;
    },
    get: (id: string): Clip | undefined => dossier.clips.get(id),
    observe: (listener: (change: DossierChange) => void) => dossier.observe(listener),

    addBookmark(input: { url: string; title?: string; note?: string; themes?: string[]; kind?: EvidenceKind }): string {
      const url = normalizeUrl(input.url);
      if (!url) throw new Error('not a web address');
      const siteName = siteNameOf(url);
      const capture = bookmarkCapture({ url, title: input.title?.trim() || siteName, siteName, capturedAt: now() });
      return write(() => dossier.clips.add({ capture, title: input.title, note: input.note, themes: input.themes, kind: input.kind }));
    },
    addNote(input: { text: string; title?: string; themes?: string[]; lang?: string; kind?: EvidenceKind }): string {
      const capture = noteCapture({ text: input.text, title: input.title, capturedAt: now(), lang: input.lang });
      return write(() => dossier.clips.add({ capture, title: capture.title, themes: input.themes, kind: input.kind }));
    },
    /** A capture made in the app (a PDF read from a file): validated by core like every clip. */
    addCapture(capture: Capture, input: { title?: string; note?: string; themes?: string[] } = {}): string {
      return write(() => dossier.clips.add({ capture, title: input.title, note: input.note, themes: input.themes }));
    },
    /** Clips already in the dossier with this address (to warn about duplicates). */
    findByUrl: (url: string) => dossier.clips.findByUrl(url),

    addHighlight: (id: string, input: HighlightInput) => write(() => dossier.clips.addHighlight(id, input)),
    updateHighlight: (id: string, highlightId: string, patch: HighlightPatch) => write(() => dossier.clips.updateHighlight(id, highlightId, patch)),
    removeHighlight: (id: string, highlightId: string) => write(() => dossier.clips.removeHighlight(id, highlightId)),
    /** Put back a highlight removed before (undo), with its id, so every copy shows the same record. */
    restoreHighlight: (id: string, highlight: Highlight) => write(() => dossier.clips.restoreHighlight(id, highlight)),
    /** Remove blocks of the content as noise, or put them back (the capture is kept whole). */
    setBlocksRemoved: (id: string, indices: number[], removed: boolean) => write(() => dossier.clips.setBlocksRemoved(id, indices, removed)),
    setTitle: (id: string, title: string) => write(() => dossier.clips.update(id, { title })),
    /** Corrections to the source for references (authors, date, site, source title); {} = as captured. */
    setSource: (id: string, source: SourceEdits) => write(() => dossier.clips.update(id, { source })),
    tag: (ids: string[], themeIds: string[]) => write(() => dossier.clips.tag(ids, themeIds)),
    untag: (ids: string[], themeIds: string[]) => write(() => dossier.clips.untag(ids, themeIds)),
    trash: (ids: string[]) => write(() => dossier.clips.trash(ids)),
    restore: (ids: string[]) => write(() => dossier.clips.restore(ids)),
    emptyTrash: () => write(() => dossier.clips.emptyTrash()),
    /** Can a value of this history entry be put back (title, reflection, themes of a clip that exists)? */
    canRestore: (entry: HistoryEntry) => canRestore(dossier, entry),
    /** Put an earlier (or lost) value of a history entry back, as a new edit. */
    restoreValue: (entry: HistoryEntry, value: HistoryValue) => write(() => restoreValue(dossier, entry, value)),

    bindNote: (clipId: string): NoteBinding => bindNote(dossier, clipId, persist),

    /** Searches the clips indexed so far (all of them once the background build is done). */
    search(query: string, limit = 50): SearchHit[] {
      return open.search({ background: true }).search(query, { limit });
    },
    /** Start building the search index in the background (slices that yield to the page). */
    prepareSearch: (): void => void open.search({ background: true }),
    searchProgress: (): SearchProgress => open.search({ background: true }).progress(),
    /**
     * Calls `listener` while the index is built, at most every `intervalMs` (each call may
     * search again), and always once it is done. Returns the unsubscribe function.
     */
    onSearchProgress(listener: (progress: SearchProgress) => void, intervalMs = 400): () => void {
      let last = 0;
      let timer: ReturnType<typeof setTimeout> | null = null;
      let latest: SearchProgress | null = null;
      const emit = () => {
        timer = null;
        last = now();
        if (latest) listener(latest);
      };
      const stop = open.search({ background: true }).onProgress((progress) => {
        latest = progress;
        if (!progress.building) {
          if (timer) clearTimeout(timer);
          emit();
        } else timer ??= setTimeout(emit, Math.max(0, last + intervalMs - now()));
      });
      return () => {
        stop();
        if (timer) clearTimeout(timer);
      };
    },
  };
}

export type ClipService = ReturnType<typeof createClipService>;
