// How a theme is named where it is picked or shown: its number as the field says it ("regel 7",
// "houdingsprincipe 3"), its group, and a search over number, name, wording, group and
// framework ("regel 7", "houding 10", "eigenaarschap"). Pure; used by the extension and the app.
import type { Framework, Theme, ThemeGroup } from '../dossier/types.js';
import { fold } from '../search/fold.js';

export type WordingLocale = 'nl' | 'en';

/** The theme's group in its framework, if any. */
export function groupOf(framework: Pick<Framework, 'groups'>, theme: Pick<Theme, 'group'>): ThemeGroup | undefined {
  return theme.group ? framework.groups?.find((g) => g.id === theme.group) : undefined;
}

/** "regel 7", "houdingsprincipe 10", "rule 7"; null for an unnumbered theme. */
export function numberLabel(framework: Pick<Framework, 'groups' | 'itemLabel'>, theme: Pick<Theme, 'group' | 'number'>, locale: WordingLocale = 'nl'): string | null {
  if (theme.number === null || theme.number === undefined) return null;
  const label = groupOf(framework, theme)?.itemLabel ?? framework.itemLabel;
  return label ? `${label[locale]} ${theme.number}` : String(theme.number);
}

/** A theme flattened for pickers and lists: everything needed to show and find it. */
export interface ThemeEntry {
  id: string;
  name: string;
  description: string | null;
  number: number | null;
  /** "regel 7" in the requested locale, or null. */
  numberLabel: string | null;
  frameworkId: string;
  frameworkName: string;
  groupName: string | null;
  color: string | null;
}

/** Visible themes of enabled, visible frameworks, in framework, group and theme order. */
export function themeEntries(frameworks: readonly Framework[], locale: WordingLocale = 'nl'): ThemeEntry[] {
  const entries: ThemeEntry[] = [];
  for (const framework of [...frameworks].sort((a, b) => a.order - b.order)) {
    if (framework.hidden || !framework.enabled) continue;
    for (const theme of orderedThemes(framework)) {
      if (theme.hidden) continue;
      entries.push({
        id: theme.id,
        name: theme.name,
        description: theme.description,
        number: theme.number ?? null,
        numberLabel: numberLabel(framework, theme, locale),
        frameworkId: framework.id,
        frameworkName: framework.name,
        groupName: groupOf(framework, theme)?.name ?? null,
        color: theme.color ?? framework.color,
      });
    }
  }
  return entries;
}

/** A framework's themes with each group's themes together, groups in the text's order. */
export function orderedThemes(framework: Pick<Framework, 'groups' | 'themes'>): Theme[] {
  const groups = framework.groups ?? [];
  if (groups.length === 0) return framework.themes;
  const rank = new Map(groups.map((g, i) => [g.id, i]));
  const groupRank = (t: Theme) => (t.group && rank.has(t.group) ? rank.get(t.group)! : groups.length);
  return framework.themes
    .map((theme, index) => ({ theme, index }))
    .sort((a, b) => groupRank(a.theme) - groupRank(b.theme) || a.index - b.index)
    .map(({ theme }) => theme);
}

/** Groups with their themes, for pickers that show sections ("Houdingsprincipes", …). */
export function groupedThemes(framework: Framework): { group: ThemeGroup | null; themes: Theme[] }[] {
  const visible = framework.themes.filter((t) => !t.hidden);
  const groups = framework.groups ?? [];
  if (groups.length === 0) return [{ group: null, themes: visible }];
  const sections = groups.map((group) => ({ group: group as ThemeGroup | null, themes: visible.filter((t) => t.group === group.id) }));
  const rest = visible.filter((t) => !groups.some((g) => g.id === t.group));
  if (rest.length) sections.push({ group: null, themes: rest });
  return sections.filter((s) => s.themes.length > 0);
}

function words(text: string | null | undefined): string[] {
  return text
    ? fold(text)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
    : [];
}

/** Words a theme can be found by, in fields from strongest to weakest. */
export interface SearchFields {
  name: string[];
  label: string[];
  wording: string[];
  framework: string[];
}

export function searchFields(framework: Framework, theme: Theme): SearchFields {
  const group = groupOf(framework, theme);
  const label = [
    ...(typeof theme.number === 'number' ? [String(theme.number)] : []),
    ...words(numberLabel(framework, theme, 'nl')),
    ...words(numberLabel(framework, theme, 'en')),
    ...words(group?.name),
    ...(group?.aliases.flatMap(words) ?? []),
  ];
  return { name: words(theme.name), label, wording: words(theme.description), framework: words(framework.name) };
}

const isNumber = (word: string) => /^\d+$/.test(word);

/** Which field every typed word is found in (numbers exactly, other words as a word's start); -1 if one is missing. */
export function matchStrength(fields: SearchFields, query: string): number {
  const wanted = words(query);
  if (wanted.length === 0) return 0;
  const order: (keyof SearchFields)[] = ['name', 'label', 'wording', 'framework'];
  let weakest = 0;
  for (const w of wanted) {
    const hit = (h: string) => (isNumber(w) ? h === w : h.startsWith(w));
    const index = order.findIndex((key) => (isNumber(w) && key !== 'label' && key !== 'name' ? false : fields[key].some(hit)));
    if (index === -1) return -1;
    weakest = Math.max(weakest, index);
  }
  return weakest;
}

/**
 * The themes of `frameworks` that match `query`, best first: every typed word must be found;
 * themes whose name has them rank above number/group hits, then wording, then framework.
 * "regel 7" finds gouden regel 7; "houding 10" DichtErBij's tenth houdingsprincipe.
 */
export function searchThemes(frameworks: readonly Framework[], query: string): Theme[] {
  const found: { theme: Theme; strength: number; index: number }[] = [];
  let index = 0;
  for (const framework of [...frameworks].sort((a, b) => a.order - b.order)) {
    if (framework.hidden || !framework.enabled) continue;
    for (const theme of orderedThemes(framework)) {
      if (theme.hidden) continue;
      const strength = matchStrength(searchFields(framework, theme), query);
      if (strength >= 0) found.push({ theme, strength, index });
      index++;
    }
  }
  return found.sort((a, b) => a.strength - b.strength || a.index - b.index).map((f) => f.theme);
}
