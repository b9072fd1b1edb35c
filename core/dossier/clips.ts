// Clip operations on a dossier doc: add, edit, complete, tag, blocks removed, queries; the
// highlight and trash operations (clip-highlights.ts, clip-trash.ts) are spread in. Every
// operation validates its input first and changes nothing when it rejects.
import * as Y from 'yjs';
import { KnipselError } from '../errors.js';
import { createId } from '../ids.js';
import { bodyHashOf, excerptOf, isClipMap, readClip as readClipMap, removedBlockPrefix, roots, splitCapture, toClipRow } from './doc-layout.js';
import { docAuthor, localEdit } from './write-guard.js';
import type { BodyStore } from '../storage/body-store.js';
import { type ClipFilter, type ClipSort, matchesFilter, compareRows } from './clip-query.js';
import { blockIndicesSchema, captureSchema, clipInputSchema, clipPatchSchema, idListSchema, idSchema, parse } from './schema.js';
import { isIncompleteLink } from './complete-link.js';
import { createHighlightOps } from './clip-highlights.js';
import { createTrashOps } from './clip-trash.js';
import { comparableUrl, createUrlLookups } from './clip-urls.js';
import { replaceText } from './text-diff.js';
import { cardPrefix } from './evidence-layout.js';
import type { Capture, Clip, ClipRow, EvidenceCard, EvidenceKind, SourceEdits } from './types.js';

export interface ClipInput {
  capture: Capture;
  title?: string;
  note?: string;
  themes?: string[];
  /** Default: praktijkvoorbeeld. */
  kind?: EvidenceKind;
  card?: Partial<EvidenceCard>;
  /** A link saved without its page's text: to be completed by a device that can read the page. */
  toComplete?: boolean;
}
export interface ClipPatch {
  title?: string;
  note?: string;
  /** Corrections to the source for references; replaces earlier ones whole. */
  source?: SourceEdits;
}
export { comparableUrl } from './clip-urls.js';
export type { HighlightInput, HighlightPatch } from './clip-highlights.js';

/**
 * Write a capture into a clip's map: with a body store, its body goes there (staged, written
 * behind) and the map keeps the head, the body's hash and an excerpt; an empty body stays in
 * the capture (nothing to gain).
 */
export function writeCapture(map: Y.Map<unknown>, capture: Capture, bodies: BodyStore | undefined): void {
  const { head, body } = splitCapture(capture);
  if (!bodies || (!body.html && !body.markdown && !body.text)) {
    map.set('capture', { ...capture });
    if (map.has('body')) map.delete('body');
    if (map.has('excerpt')) map.delete('excerpt');
    return;
  }
  map.set('capture', head);
  map.set('body', bodies.stage(body));
  map.set('excerpt', excerptOf(body.text));
}

export function createClipOps(doc: Y.Doc, isKnownTheme: (id: string) => boolean, now: () => number = Date.now, bodies?: BodyStore) {
  const { clips } = roots(doc);
  const peek = bodies ? (hash: string) => bodies.peek(hash) : undefined;
  const readClip = (id: string, map: Y.Map<unknown>) => readClipMap(id, map, peek);

  /** The clips whose shape is valid (see isClipMap). */
  function* validClips(): Generator<[string, Y.Map<unknown>]> {
    for (const entry of clips.entries()) if (isClipMap(entry[1])) yield entry;
  }

  function clipMap(id: string): Y.Map<unknown> {
    const map = clips.get(id);
    if (!isClipMap(map)) throw new KnipselError('not-found', `No clip with id ${id} in this dossier.`, { id });
    return map;
  }

  function checkThemes(themeIds: string[]): void {
    const unknown = themeIds.filter((id) => !isKnownTheme(id));
    if (unknown.length > 0) {
      throw new KnipselError('invalid-input', `Unknown theme(s): ${unknown.join(', ')}`, { unknown });
    }
  }

  function touch(map: Y.Map<unknown>): void {
    map.set('updatedAt', now());
  }
  /** Tag (on) or untag (off) clips; a clip's edit time moves only when its themes changed. */
  function setThemes(maps: Y.Map<unknown>[], themes: string[], on: boolean): void {
    localEdit(doc, () => {
      for (const map of maps) {
        const set = map.get('themes') as Y.Map<true>;
        const changes = themes.filter((theme) => set.has(theme) !== on);
        for (const theme of changes) {
          if (on) set.set(theme, true);
          else set.delete(theme);
        }
        if (changes.length > 0) touch(map);
      }
    });
  }

  return {
    ...createHighlightOps(doc, { clipMap, touch, now }),
    ...createTrashOps(doc, { clipMap, touch, now, validClips }),
    ...createUrlLookups(validClips, readClip),

    /**
     * Add a clip. `options` keep the id and date of a clip moved from another dossier (the
     * extension's first personal dossier when it links with the app's).
     */
    add(input: ClipInput, options: { id?: string; createdAt?: number } = {}): string {
      const parsed = parse(clipInputSchema, input, 'clip');
      const themes = [...new Set(parsed.themes ?? [])];
      checkThemes(themes);
      const id = options.id === undefined ? createId() : parse(idSchema, options.id, 'clip id');
      if (clips.has(id)) throw new KnipselError('conflict', `A clip with id ${id} already exists in this dossier.`, { id });
      const createdAt = options.createdAt;
      if (createdAt !== undefined && !(Number.isSafeInteger(createdAt) && createdAt >= 0)) {
        throw new KnipselError('invalid-input', 'A clip date must be a time in milliseconds.', { createdAt });
      }
      const at = now();
      localEdit(doc, () => {
        const map = new Y.Map<unknown>();
        clips.set(id, map);
        writeCapture(map, parsed.capture, bodies);
        map.set('title', parsed.title?.trim() || parsed.capture.title || parsed.capture.url);
        const note = new Y.Text();
        map.set('note', note);
        if (parsed.note) note.insert(0, parsed.note);
        const themeSet = new Y.Map<true>();
        map.set('themes', themeSet);
        for (const theme of themes) themeSet.set(theme, true);
        map.set('highlights', new Y.Map());
        map.set('kind', parsed.kind ?? 'praktijkvoorbeeld');
        for (const [field, value] of Object.entries(parsed.card ?? {})) if (value) map.set(cardPrefix + field, value);
        map.set('trashedAt', null);
        if (parsed.toComplete) map.set('toComplete', true);
        map.set('createdAt', createdAt ?? at);
        map.set('updatedAt', at);
        const author = docAuthor(doc);
        if (author) map.set('addedBy', author);
      });
      return id;
    },

    get(id: string): Clip | undefined {
      const map = clips.get(id);
      return isClipMap(map) ? readClip(id, map) : undefined;
    },

    has(id: string): boolean {
      return isClipMap(clips.get(id));
    },

    /** The live note of a clip, for editors that bind to it. */
    noteText(id: string): Y.Text {
      return clipMap(id).get('note') as Y.Text;
    },

    update(id: string, patch: ClipPatch): void {
      const parsed = parse(clipPatchSchema, patch, 'clip change');
      const map = clipMap(id);
      localEdit(doc, () => {
        if (parsed.title !== undefined) map.set('title', parsed.title.trim());
        if (parsed.source !== undefined) map.set('source', trimmedSource(parsed.source));
        if (parsed.note !== undefined) replaceText(map.get('note') as Y.Text, parsed.note);
        touch(map);
      });
    },

    /**
     * Complete a link saved without its page's text: the capture read from the page replaces
     * the one saved, in place (same clip, notes, themes, highlights). Only for a clip marked
     * to complete or a link saved without text (an imported bookmark, a link added in the app),
     * and only with a capture of the same address; the title follows the page unless the user
     * renamed the clip.
     */
    complete(id: string, capture: Capture): void {
      const parsed = parse(captureSchema, capture, 'capture');
      const map = clipMap(id);
      const old = readClip(id, map).capture;
      if (map.get('toComplete') !== true && !isIncompleteLink(old, bodyHashOf(map))) throw new KnipselError('conflict', `Clip ${id} is not waiting to be completed.`, { id });
      const same = [old.url, old.canonicalUrl].map(comparableUrl);
      if (!same.includes(comparableUrl(parsed.url)) && !same.includes(comparableUrl(parsed.canonicalUrl))) {
        throw new KnipselError('invalid-input', 'A completed capture must be of the same address.', { id, url: parsed.url });
      }
      localEdit(doc, () => {
        // The shared text (a quote the user picked) is kept as the start of the note.
        const shared = old.text.trim();
        const note = map.get('note') as Y.Text;
        if (shared && !note.toString().includes(shared)) note.insert(0, `${shared}\n\n`);
        const title = map.get('title');
        if (title === old.title || title === old.url) map.set('title', parsed.title || parsed.url);
        writeCapture(map, { ...parsed, capturedAt: parsed.capturedAt }, bodies);
        map.delete('toComplete');
        touch(map);
      });
    },

    /** Clips (not in the trash) waiting for their page's text. */
    toComplete(): Clip[] {
      const out: Clip[] = [];
      for (const [id, map] of validClips()) if (map.get('toComplete') === true && map.get('trashedAt') == null) out.push(readClip(id, map));
      return out;
    },

    tag(ids: string[], themeIds: string[]): void {
      const clipIds = parse(idListSchema, ids, 'clip ids');
      const themes = parse(idListSchema, themeIds, 'theme ids');
      checkThemes(themes);
      setThemes(clipIds.map(clipMap), themes, true);
    },

    untag(ids: string[], themeIds: string[]): void {
      const clipIds = parse(idListSchema, ids, 'clip ids');
      const themes = parse(idListSchema, themeIds, 'theme ids');
      setThemes(clipIds.map(clipMap), themes, false);
    },

    /**
     * Remove blocks of a clip's content as noise (`removed` true) or put them back: the
     * capture stays as it was; the indices go into a set in the doc, so edits merge.
     */
    setBlocksRemoved(id: string, indices: number[], removed: boolean): void {
      const parsed = parse(blockIndicesSchema, indices, 'block indices');
      const map = clipMap(id);
      localEdit(doc, () => {
        // One key per block on the clip itself: removals made on two devices at once merge
        // (a set created lazily on both would keep only one side's).
        for (const index of parsed) {
          if (removed) map.set(`${removedBlockPrefix}${index}`, true);
          else map.delete(`${removedBlockPrefix}${index}`);
        }
        touch(map);
      });
    },

    all(): Clip[] {
      return [...validClips()].map(([id, map]) => readClip(id, map));
    },

    rows(filter: ClipFilter = {}, sort: ClipSort = 'newest'): ClipRow[] {
      const rows: ClipRow[] = [];
      for (const [id, map] of validClips()) {
        const row = toClipRow(readClip(id, map));
        if (matchesFilter(row, filter)) rows.push(row);
      }
      return rows.sort(compareRows(sort));
    },

    list(filter: ClipFilter = {}, sort: ClipSort = 'newest'): Clip[] {
      return this.rows(filter, sort).map((row) => readClip(row.id, clips.get(row.id)!));
    },

    count(): number {
      return [...validClips()].length;
    },
  };
}

export type ClipOps = ReturnType<typeof createClipOps>;

/** Source edits with their text trimmed and untouched fields left out. */
function trimmedSource(source: SourceEdits): SourceEdits {
  const out: SourceEdits = {};
  for (const key of ['title', 'authors', 'published', 'siteName'] as const) {
    const value = source[key];
    if (value !== undefined) out[key] = value.trim();
  }
  if (source.kind) out.kind = source.kind;
  return out;
}
