// The theme picker's list: every visible theme across the dossier's enabled frameworks, with
// its number ("regel 7"), group and full wording, filtered by what the user types — number,
// name, words of the wording, group or framework (core's theme search) — with recently used
// themes first among equals. Pure, unit-tested.
import { groupOf, matchStrength, numberLabel, orderedThemes, searchFields, type Framework } from '@knipsel/core';
import type { ThemeOption } from '../messaging/protocol.js';

/** Flatten frameworks into picker options (hidden and disabled ones left out). */
export function themeOptions(frameworks: Framework[]): ThemeOption[] {
  const options: ThemeOption[] = [];
  for (const framework of [...frameworks].sort((a, b) => a.order - b.order)) {
    if (framework.hidden || !framework.enabled) continue;
    for (const theme of orderedThemes(framework)) {
      if (theme.hidden) continue;
      const nl = numberLabel(framework, theme, 'nl');
      const en = numberLabel(framework, theme, 'en');
      options.push({
        id: theme.id,
        name: theme.name,
        frameworkId: framework.id,
        frameworkName: framework.name,
        color: theme.color ?? framework.color,
        description: theme.description,
        numberLabel: nl && en ? { nl, en } : null,
        groupName: groupOf(framework, theme)?.name ?? null,
        search: searchFields(framework, theme),
      });
    }
  }
  return options;
}

/** True when every typed word is found (numbers whole, other words as a word's start). */
export function matchesQuery(option: ThemeOption, query: string): boolean {
  return matchStrength(option.search, query) >= 0;
}

/**
 * The options to show for `query`: matches only; name hits before number/group hits before
 * wording hits before framework-only hits; recently used first among equals, then in
 * framework and theme order.
 */
export function filterThemes(options: ThemeOption[], query: string, recent: readonly string[] = []): ThemeOption[] {
  const rank = new Map(recent.map((id, index) => [id, index]));
  return options
    .map((option, index) => ({ option, index, strength: matchStrength(option.search, query), recent: rank.get(option.id) ?? Infinity }))
    .filter((x) => x.strength >= 0)
    .sort((a, b) => a.strength - b.strength || a.recent - b.recent || a.index - b.index)
    .map((s) => s.option);
}

/** Put `used` at the front of the recent list (deduplicated, capped). */
export function pushRecent(recent: readonly string[], used: readonly string[], max = 20): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of [...used, ...recent]) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out.slice(0, max);
}
