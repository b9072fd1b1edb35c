// The theme dialog's filter: the visible themes of the frameworks in use whose name (or whose
// framework's name) has a word starting with each typed word, diacritics and case folded
// ("eigen" finds "Eigenaarschap", "bewo" "Bewonersambities coachen"). Pure.
import { fold, type Framework, type Theme } from '../../../../core/index.js';

const words = (text: string) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

export function themeMatches(theme: Pick<Theme, 'name'>, framework: Pick<Framework, 'name'>, query: string): boolean {
  const wanted = words(query);
  if (wanted.length === 0) return true;
  const haystack = [...words(theme.name), ...words(framework.name)];
  return wanted.every((w) => haystack.some((h) => h.startsWith(w)) || fold(theme.name).includes(w));
}

/** Per framework, its visible themes that match `query`; frameworks without a match are left out. */
export function filterFrameworkThemes(frameworks: readonly Framework[], query: string): { framework: Framework; themes: Theme[] }[] {
  return frameworks
    .map((framework) => ({ framework, themes: framework.themes.filter((t) => !t.hidden && themeMatches(t, framework, query)) }))
    .filter((group) => group.themes.length > 0);
}
