// The theme board's columns for one framework: one per visible theme (a clip in two themes
// shows in both) and an "ongesorteerd" column for clips without a theme of the framework.
import type { ClipRow, Framework, Theme } from '@knipsel/core';

export interface BoardColumn {
  /** Theme id, or null for "ongesorteerd". */
  themeId: string | null;
  theme: Theme | null;
  rows: ClipRow[];
}

export function boardColumns(rows: readonly ClipRow[], framework: Framework): BoardColumn[] {
  const visible = framework.themes.filter((t) => !t.hidden);
  const all = new Set(framework.themes.map((t) => t.id));
  const byTheme = new Map<string, ClipRow[]>(visible.map((t) => [t.id, []]));
  const unsorted: ClipRow[] = [];
  for (const row of rows) {
    if (row.trashed) continue;
    let placed = false;
    for (const id of row.themes) {
      const column = byTheme.get(id);
      if (column) column.push(row);
      if (all.has(id)) placed = true;
    }
    if (!placed) unsorted.push(row);
  }
  return [{ themeId: null, theme: null, rows: unsorted }, ...visible.map((theme) => ({ themeId: theme.id, theme, rows: byTheme.get(theme.id)! }))];
}
