// The list screen's filter form turned into a core ClipFilter (dates are whole local days). Pure.
import type { CaptureMode, ClipFilter, EvidenceKind } from '@knipsel/core';

export interface ListFilterForm {
  theme: string;
  site: string;
  mode: '' | CaptureMode;
  kind: '' | EvidenceKind;
  from: string; // yyyy-mm-dd
  to: string;
  reflection: '' | 'with' | 'without';
}

export const emptyListFilter = (): ListFilterForm => ({ theme: '', site: '', mode: '', kind: '', from: '', to: '', reflection: '' });

/** `allThemeIds`: every theme id, for the "without any theme" choice (`theme: 'none'`). */
export function toClipFilter(form: ListFilterForm, allThemeIds: readonly string[] = []): ClipFilter {
  const filter: ClipFilter = {};
  if (form.theme === 'none') filter.withoutThemes = [...allThemeIds];
  else if (form.theme) filter.themes = [form.theme];
  if (form.site) filter.siteName = form.site;
  if (form.mode) filter.mode = form.mode;
  if (form.kind) filter.kind = form.kind;
  const from = parseDay(form.from);
  const to = parseDay(form.to);
  if (from) filter.from = from.getTime();
  if (to) filter.to = new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1).getTime() - 1;
  // "With reflection": at least one answered reflection (a note of headings only is none).
  if (form.reflection) filter.reflected = form.reflection === 'with';
  return filter;
}

export function isFiltered(form: ListFilterForm): boolean {
  return Object.values(form).some((value) => value !== '');
}

function parseDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}
