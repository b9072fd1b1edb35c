// Keeping a dossier's history entries (history.ts) as a list to show: typing in a note
// arrives as many small transactions, so consecutive note edits of one clip by the same
// people within a few minutes become one entry (first `before`, last `after`); the list is
// capped, newest kept. Restoring writes an earlier value back through the dossier's
// operations, as a new edit of this replica (so it is itself in the history).
import type { Dossier } from '../dossier/dossier.js';
import type { HistoryEntry, HistoryValue } from './history.js';

/** Entries kept per dossier. */
export const maxHistoryEntries = 500;
/** Note edits closer together than this (same clip, same people) are one entry. */
export const coalesceMs = 3 * 60_000;

/** `log` (newest first) with `entries` added. Returns a new array. */
export function appendHistory(log: readonly HistoryEntry[], entries: readonly HistoryEntry[]): HistoryEntry[] {
  const next = [...log];
  for (const entry of entries) {
    const last = next[0];
    const joins =
      last !== undefined &&
      entry.field === 'note' &&
      last.field === 'note' &&
      last.clipId === entry.clipId &&
      last.local === entry.local &&
      last.by.join('\n') === entry.by.join('\n') &&
      !last.conflict &&
      !entry.conflict &&
      !entry.notice &&
      entry.at - last.at < coalesceMs;
    if (joins) next[0] = { ...last, at: entry.at, after: entry.after };
    else next.unshift(entry);
  }
  return next.slice(0, maxHistoryEntries);
}

/** Whether a value of this field can be put back (title, note, themes of a clip that exists). */
export function canRestore(dossier: Dossier, entry: HistoryEntry): boolean {
  return entry.clipId !== null && (entry.field === 'title' || entry.field === 'note' || entry.field === 'themes') && dossier.clips.has(entry.clipId);
}

/** Put `value` back into the entry's field (the earlier value, or a conflict's lost one). */
export function restoreValue(dossier: Dossier, entry: HistoryEntry, value: HistoryValue): void {
  const id = entry.clipId;
  if (id === null || !canRestore(dossier, entry)) return;
  if (entry.field === 'title' && typeof value === 'string') dossier.clips.update(id, { title: value });
  else if (entry.field === 'note' && typeof value === 'string') dossier.clips.update(id, { note: value });
  else if (entry.field === 'themes' && Array.isArray(value)) {
    const current = dossier.clips.get(id)?.themes ?? [];
    const add = value.filter((t) => !current.includes(t) && dossier.frameworks.isKnownTheme(t));
    const remove = current.filter((t) => !value.includes(t));
    if (add.length) dossier.clips.tag([id], add);
    if (remove.length) dossier.clips.untag([id], remove);
  }
}
