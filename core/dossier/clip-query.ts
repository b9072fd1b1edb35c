// Filtering and sorting of clip rows: pure functions shared by the dossier, the Dexie
// projection (fast lists before the doc is loaded) and the apps.
import { sourceName } from './source.js';
import type { CaptureMode, ClipRow, EvidenceKind } from './types.js';

export interface ClipFilter {
  /** Clips carrying these theme ids (all of them, or any with `themeMatch: 'any'`). */
  themes?: string[];
  themeMatch?: 'all' | 'any';
  /** Clips carrying no theme of this framework's theme ids ("ongesorteerd"). */
  withoutThemes?: string[];
  /** The clip's source as lists show it (`sourceName`: the site's name, else its domain). */
  siteName?: string;
  mode?: CaptureMode;
  /** capturedAt range, ms since the epoch, inclusive. */
  from?: number;
  to?: number;
  hasNote?: boolean;
  kind?: EvidenceKind;
  /** Clips with at least one answered reflection (true) or none (false). */
  reflected?: boolean;
  /** false (default): only clips not in the trash; true: only the trash; 'all': both. */
  trashed?: boolean | 'all';
}

/** newest/oldest: by the date of the source (a bookmark keeps its own); added: last added to the dossier first. */
export type ClipSort = 'newest' | 'oldest' | 'added' | 'title' | 'site' | 'updated';
export const clipSorts: readonly ClipSort[] = ['newest', 'oldest', 'added', 'title', 'site', 'updated'];

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

export function matchesFilter(row: ClipRow, filter: ClipFilter): boolean {
  const trashed = filter.trashed ?? false;
  if (trashed !== 'all' && row.trashed !== trashed) return false;
  if (filter.themes && filter.themes.length > 0) {
    const has = (id: string) => row.themes.includes(id);
    const ok = filter.themeMatch === 'any' ? filter.themes.some(has) : filter.themes.every(has);
    if (!ok) return false;
  }
  if (filter.withoutThemes && filter.withoutThemes.some((id) => row.themes.includes(id))) return false;
  if (filter.siteName !== undefined && sourceName(row) !== filter.siteName) return false;
  if (filter.mode !== undefined && row.mode !== filter.mode) return false;
  if (filter.from !== undefined && row.capturedAt < filter.from) return false;
  if (filter.to !== undefined && row.capturedAt > filter.to) return false;
  if (filter.hasNote !== undefined && row.hasNote !== filter.hasNote) return false;
  if (filter.kind !== undefined && row.kind !== filter.kind) return false;
  if (filter.reflected !== undefined && row.reflections > 0 !== filter.reflected) return false;
  return true;
}

export function compareRows(sort: ClipSort): (a: ClipRow, b: ClipRow) => number {
  switch (sort) {
    case 'newest':
      return (a, b) => b.capturedAt - a.capturedAt || a.id.localeCompare(b.id);
    case 'oldest':
      return (a, b) => a.capturedAt - b.capturedAt || a.id.localeCompare(b.id);
    case 'added':
      return (a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id);
    case 'updated':
      return (a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id);
    case 'title':
      return (a, b) => collator.compare(a.title, b.title) || a.id.localeCompare(b.id);
    case 'site':
      return (a, b) => collator.compare(sourceName(a) || '\uffff', sourceName(b) || '\uffff') || b.capturedAt - a.capturedAt || a.id.localeCompare(b.id);
  }
}

export function queryRows(rows: Iterable<ClipRow>, filter: ClipFilter = {}, sort: ClipSort = 'newest'): ClipRow[] {
  const out: ClipRow[] = [];
  for (const row of rows) if (matchesFilter(row, filter)) out.push(row);
  return out.sort(compareRows(sort));
}
