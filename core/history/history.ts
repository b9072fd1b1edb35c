// A dossier's history as one replica sees it happen: who changed which field of which clip
// (title, note, themes, trash) or the dossier's name, when, from what to what — read from each
// transaction's effect on the doc, with its authors from the client ids whose updates it
// applied (authors.ts). Concurrent writes of a title or the name that lost are reported as
// `conflict` with the lost value (lost-values.ts), and an edit that meets a clip someone else
// trashed as a `notice`, so nothing disappears silently. The entries are for the apps to keep
// (history-log.ts coalesces typing); the doc itself holds only the author names.
//
// Cost: per transaction, the fields of each clip it touched, before (before-values.ts) and
// after (a note's text is read whole); nothing when a dossier opens.
import * as Y from 'yjs';
import { createId } from '../ids.js';
import { isClipMap, localOrigin, roots } from '../dossier/doc-layout.js';
import { namesOf, writersOf } from './authors.js';
import { isNewType, mapValueBefore, setKeysBefore, textBefore } from './before-values.js';
import { lostValues } from './lost-values.js';

export type HistoryField = 'name' | 'title' | 'note' | 'themes' | 'trashed';
export type HistoryValue = string | string[] | boolean;

export interface HistoryEntry {
  id: string;
  at: number;
  /** Names of who made the change, as they recorded them; empty when unknown. */
  by: string[];
  /** Made on this replica. */
  local: boolean;
  /** The clip changed, or null for the dossier itself (its name). */
  clipId: string | null;
  field: HistoryField;
  before: HistoryValue;
  after: HistoryValue;
  /**
   * A concurrent write of the same field lost: its value (null when it reached this replica
   * without it — then it is in the history of whoever wrote it) and who wrote it.
   */
  conflict?: { lost: string | null; lostBy: string[]; /** The lost value was written on this replica. */ mine: boolean };
  /** An edit and a trash met: a clip edited in the trash, or trashed while being edited here. */
  notice?: 'edited-in-trash' | 'trashed-while-edited';
}

interface ClipSnapshot {
  title: string;
  note: string;
  themes: string[];
  trashed: boolean;
}

export interface HistoryOptions {
  now?: () => number;
  /** How long a local edit counts as "being edited" when someone else trashes the clip. */
  editingWindowMs?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;

function snapshot(map: Y.Map<unknown>): ClipSnapshot {
  const themes = map.get('themes');
  return {
    title: String(map.get('title') ?? ''),
    note: String(map.get('note') ?? ''),
    themes: themes instanceof Y.Map ? [...themes.keys()].sort() : [],
    trashed: map.get('trashedAt') != null,
  };
}

/** The clip's fields as they were before the transaction. */
function snapshotBefore(transaction: Y.Transaction, map: Y.Map<unknown>): ClipSnapshot {
  const themes = map.get('themes');
  const note = map.get('note');
  return {
    title: String(mapValueBefore(transaction, map as AnyType, 'title') ?? ''),
    note: note instanceof Y.Text ? textBefore(transaction, note) : '',
    themes: themes instanceof Y.Map ? setKeysBefore(transaction, themes as AnyType) : [],
    trashed: mapValueBefore(transaction, map as AnyType, 'trashedAt') != null,
  };
}

const same = (a: HistoryValue, b: HistoryValue) => (Array.isArray(a) && Array.isArray(b) ? a.join('\n') === b.join('\n') : a === b);

/** The clip a changed type belongs to, or null. */
function clipIdOf(type: AnyType, clips: AnyType): string | null {
  for (let current: AnyType | null = type; current?._item;) {
    const parent = current._item.parent as AnyType | null;
    if (parent === clips) return current._item.parentSub;
    current = parent;
  }
  return null;
}

/** Watch `doc` and report each change as history entries; returns the stop function. */
export function watchHistory(doc: Y.Doc, onEntries: (entries: HistoryEntry[]) => void, options: HistoryOptions = {}): () => void {
  const now = options.now ?? Date.now;
  const editingWindowMs = options.editingWindowMs ?? 10 * 60_000;
  const r = roots(doc);
  /** When this replica last edited each clip. */
  const editedHere = new Map<string, number>();

  const handler = (transaction: Y.Transaction) => {
    const local = transaction.origin === localOrigin;
    const by = namesOf(doc, writersOf(transaction));
    const at = now();
    const entries: HistoryEntry[] = [];
    const entry = (clipId: string | null, field: HistoryField, before: HistoryValue, after: HistoryValue): HistoryEntry => {
      const made: HistoryEntry = { id: createId(), at, by, local, clipId, field, before, after };
      entries.push(made);
      return made;
    };
    const conflictOn = (made: HistoryEntry | undefined, map: Y.Map<unknown>, key: string, clipId: string | null, before: HistoryValue, after: HistoryValue) => {
      const lost = lostValues(transaction, map, key).filter((l) => (typeof l.value === 'string' || l.value === undefined) && l.value !== after);
      if (lost.length === 0) return;
      const known = lost.find((l) => typeof l.value === 'string');
      const target = made ?? entry(clipId, key === 'name' ? 'name' : 'title', before, after);
      target.conflict = {
        lost: known ? String(known.value) : null,
        lostBy: namesOf(
          doc,
          lost.map((l) => l.client),
        ),
        mine: lost.some((l) => l.client === doc.clientID),
      };
    };

    if (transaction.changed.get(r.meta as AnyType)?.has('name')) {
      const name = String(mapValueBefore(transaction, r.meta as AnyType, 'name') ?? '');
      const next = String(r.meta.get('name') ?? '');
      const made = next !== name ? entry(null, 'name', name, next) : undefined;
      conflictOn(made, r.meta, 'name', null, name, next);
    }

    const touched = new Set<string>();
    for (const [type, keys] of transaction.changed) {
      if (type === (r.clips as AnyType)) keys.forEach((key) => key !== null && touched.add(key));
      else {
        const id = clipIdOf(type, r.clips as AnyType);
        if (id) touched.add(id);
      }
    }
    for (const id of touched) {
      const map = r.clips.get(id);
      // A clip that arrived or was made in this transaction: its arrival is not an edit.
      if (!isClipMap(map) || isNewType(transaction, map as AnyType)) continue;
      const before = snapshotBefore(transaction, map);
      const after = snapshot(map);
      let titleEntry: HistoryEntry | undefined;
      let edited = false;
      for (const field of ['title', 'note', 'themes', 'trashed'] as const) {
        if (same(before[field], after[field])) continue;
        const made = entry(id, field, before[field], after[field]);
        if (field === 'title') titleEntry = made;
        if (field !== 'trashed') edited = true;
      }
      if (transaction.changed.get(map as AnyType)?.has('title')) conflictOn(titleEntry, map, 'title', id, before.title, after.title);
      if (local && edited) editedHere.set(id, at);
      if (!local && edited && after.trashed && before.trashed) {
        entries.filter((e) => e.clipId === id).forEach((e) => (e.notice = 'edited-in-trash'));
      }
      if (!local && !before.trashed && after.trashed && at - (editedHere.get(id) ?? -Infinity) < editingWindowMs) {
        entries.filter((e) => e.clipId === id && e.field === 'trashed').forEach((e) => (e.notice = 'trashed-while-edited'));
      }
    }
    if (entries.length > 0) onEntries(entries);
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}
