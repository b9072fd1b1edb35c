// The theme picker's list: every visible theme across the dossier's enabled frameworks,
// filtered by what the user types (diacritics folded, word prefixes) with recently used
// themes first. Pure, unit-tested.
import { fold } from '@knipsel/core';
import type { Framework } from '@knipsel/core';
import type { ThemeOption } from '../messaging/protocol.js';

/** Flatten frameworks into picker options (hidden and disabled ones left out). */
export function themeOptions(frameworks: Framework[]): ThemeOption[] {
  const options: ThemeOption[] = [];
  for (const framework of [...frameworks].sort((a, b) => a.order - b.order)) {
    if (framework.hidden || !framework.enabled) continue;
    for (const theme of framework.themes) {
      if (theme.hidden) continue;
      options.push({ id: theme.id, name: theme.name, frameworkId: framework.id, frameworkName: framework.name, color: theme.color ?? framework.color });
    }
  }
  return options;
}

function words(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** True when every typed word starts a word of the theme's or framework's name. */
export function matchesQuery(option: ThemeOption, query: string): boolean {
  const wanted = words(query);
  if (wanted.length === 0) return true;
  const themeWords = words(option.name);
  const haystack = [...themeWords, ...words(option.frameworkName)];
  return wanted.every((w) => haystack.some((h) => h.startsWith(w)) || fold(option.name).includes(w));
}

/**
 * The options to show for `query`: matches only, recently used first (most recent first),
 * then in framework and theme order. With a query, name matches rank above framework-only ones.
 */
export function filterThemes(options: ThemeOption[], query: string, recent: readonly string[] = []): ThemeOption[] {
  const rank = new Map(recent.map((id, index) => [id, index]));
  const wanted = words(query);
  const scored = options
    .map((option, index) => {
      if (!matchesQuery(option, query)) return null;
      const nameWords = words(option.name);
      const nameHit = wanted.length > 0 && wanted.every((w) => nameWords.some((h) => h.startsWith(w)));
      return { option, index, recent: rank.get(option.id) ?? Infinity, nameHit };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null);
  scored.sort((a, b) => Number(b.nameHit) - Number(a.nameHit) || a.recent - b.recent || a.index - b.index);
  return scored.map((s) => s.option);
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
