// Suggested themes: which themes' wording a text (a clip, an own experience) matches. The
// framework wording is the query: each theme's name and description, stemmed (Dutch Snowball),
// is looked for in the text; a word few themes use weighs more than one most of them share
// (inverse theme frequency), a theme's name counts double, and a long text needs to repeat a
// word before it counts fully (BM25 saturation). Compounds count for their parts the themes
// use ("buurtbewoners" → bewoners). Pure, on the device, no download and no service.
import type { Framework } from '../dossier/types.js';
import { contentWords, stem } from './dutch-terms.js';
import { presetFrameworks } from './presets.js';
import { relatedWords } from './related-words.js';

/** What the suggester reads of a theme. */
export interface ThemeWording {
  id: string;
  /** Words most themes of one framework share are that framework's voice, not a theme's. */
  frameworkId?: string;
  name: string;
  description: string | null;
  /** Everyday words for the theme beyond its wording (presets: related-words.ts). */
  related?: string;
}

export interface ThemeSuggestion {
  themeId: string;
  /** 0–1: the share of the theme's (weighted) wording found in the text. */
  score: number;
}

export interface SuggestOptions {
  /** At most this many (default 3). */
  limit?: number;
  /** Leave out themes scoring below this (default `defaultMinScore`). */
  minScore?: number;
  /** Leave out these theme ids (e.g. the themes the clip already has). */
  exclude?: Iterable<string>;
}

/** Chosen on the labelled set in test-labelled-passages.ts (see bench/suggest-bench.ts). */
export const defaultMinScore = 0.15;

/** How much of a text the suggester reads (its opening). */
export const maxSuggestChars = 20_000;
const nameWeight = 2;
/** With nothing above the minimum, the best theme is still suggested at this share of it when it leads the next by `leaderLead`. */
const leaderShare = 0.6;
const leaderLead = 1.5;
/** Everyday words count half a word of the wording. */
const relatedWeight = 0.5;
const k1 = 1.2;
const b = 0.75;
/** Words in a typical passage: a text this long counts a word found once at about half. */
const referenceLength = 60;
/** A word part must be this long to count inside a compound. */
const minPart = 6;

interface Prepared {
  id: string;
  terms: Map<string, number>;
  total: number;
}

export interface ThemeSuggester {
  /** Every theme with a score above 0, best first. */
  rank(text: string): ThemeSuggestion[];
  /** The suggestions to show: `rank` cut by `minScore`, `exclude` and `limit`. */
  suggest(text: string, options?: SuggestOptions): ThemeSuggestion[];
}

/** A suggester for a fixed set of themes (prepare once, rank many texts). */
export function createThemeSuggester(themes: readonly ThemeWording[]): ThemeSuggester {
  const weights = themes.map((theme) => {
    const terms = new Map<string, number>();
    for (const word of contentWords(theme.related ?? '')) terms.set(stem(word), relatedWeight);
    for (const word of contentWords(theme.description ?? '')) terms.set(stem(word), 1);
    for (const word of contentWords(theme.name)) terms.set(stem(word), nameWeight);
    return { id: theme.id, frameworkId: theme.frameworkId, terms };
  });
  // A framework's own voice ("De community werker …" opens all ten traits) says nothing
  // about which of its themes a text is about: words in most of a framework's themes drop out.
  const byFramework = new Map<string, typeof weights>();
  for (const w of weights) byFramework.set(w.frameworkId ?? w.id, [...(byFramework.get(w.frameworkId ?? w.id) ?? []), w]);
  for (const members of byFramework.values()) {
    if (members.length < 4) continue;
    const count = new Map<string, number>();
    for (const { terms } of members) for (const term of terms.keys()) count.set(term, (count.get(term) ?? 0) + 1);
    for (const { terms } of members) for (const term of [...terms.keys()]) if (count.get(term)! > members.length / 2) terms.delete(term);
  }
  const df = new Map<string, number>();
  for (const { terms } of weights) for (const term of terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = (term: string) => Math.log(1 + themes.length / (df.get(term) ?? 1));
  const prepared: Prepared[] = weights.map(({ id, terms }) => {
    const weighted = new Map([...terms].map(([term, weight]) => [term, weight * idf(term)]));
    return { id, terms: weighted, total: [...weighted.values()].reduce((sum, w) => sum + w, 0) };
  });
  // Surface words of the wording, for finding them inside compounds of the text.
  const parts = new Map<string, string>();
  for (const theme of themes) {
    for (const word of contentWords(`${theme.name} ${theme.description ?? ''}`)) if (word.length >= minPart) parts.set(word, stem(word));
  }

  function termCounts(text: string): { counts: Map<string, number>; length: number } {
    const words = contentWords(text);
    const perWord = new Map<string, number>();
    for (const word of words) perWord.set(word, (perWord.get(word) ?? 0) + 1);
    const counts = new Map<string, number>();
    const add = (term: string, n: number) => counts.set(term, (counts.get(term) ?? 0) + n);
    for (const [word, n] of perWord) {
      const own = stem(word);
      add(own, n);
      const found = new Set<string>();
      for (let k = minPart; k < word.length; k++) {
        const head = parts.get(word.slice(0, k));
        const tail = parts.get(word.slice(word.length - k));
        if (head && head !== own) found.add(head);
        if (tail && tail !== own) found.add(tail);
      }
      for (const term of found) add(term, n);
    }
    return { counts, length: words.length };
  }

  function rank(text: string): ThemeSuggestion[] {
    // The opening of a long text says what it is about; reading all of a pasted book on every
    // keystroke would only slow the page down.
    const { counts, length } = termCounts(text.length > maxSuggestChars ? text.slice(0, maxSuggestChars) : text);
    if (length === 0) return [];
    const norm = k1 * (1 - b + (b * length) / referenceLength);
    const out: ThemeSuggestion[] = [];
    for (const theme of prepared) {
      if (theme.total === 0) continue;
      let sum = 0;
      for (const [term, weight] of theme.terms) {
        const tf = counts.get(term);
        if (tf) sum += weight * ((tf * (k1 + 1)) / (tf + norm) / (k1 + 1));
      }
      if (sum > 0) out.push({ themeId: theme.id, score: sum / theme.total });
    }
    return out.sort((x, y) => y.score - x.score || x.themeId.localeCompare(y.themeId));
  }

  return {
    rank,
    suggest(text, options = {}) {
      const exclude = new Set(options.exclude ?? []);
      const min = options.minScore ?? defaultMinScore;
      const ranked = rank(text).filter((s) => !exclude.has(s.themeId));
      const chosen = ranked.filter((s) => s.score >= min);
      // A short text rarely covers much of any wording; a clear leader still counts.
      const [first, second] = ranked;
      if (chosen.length === 0 && first && first.score >= min * leaderShare && first.score >= leaderLead * (second?.score ?? 0)) chosen.push(first);
      return chosen.slice(0, options.limit ?? 3);
    },
  };
}

/** The wording of the visible themes of enabled, visible frameworks. */
export function wordingOf(
  frameworks: readonly { id: string; enabled: boolean; hidden: boolean; themes: readonly { id: string; name: string; description: string | null; hidden: boolean }[] }[],
): ThemeWording[] {
  return frameworks
    .filter((f) => f.enabled && !f.hidden)
    .flatMap((f) => f.themes.filter((t) => !t.hidden).map((t) => ({ id: t.id, frameworkId: f.id, name: t.name, description: t.description, related: relatedWords[t.id] })));
}

const presetWording: ThemeWording[] = wordingOf(presetFrameworks.map((f) => ({ id: f.id, enabled: true, hidden: false, themes: f.themes.map((t) => ({ ...t, hidden: false })) })));
let presetSuggester: ThemeSuggester | null = null;
const cache = new WeakMap<readonly unknown[], ThemeSuggester>();

/**
 * Text → ranked theme ids with scores: the themes whose wording the text matches, best
 * first, at most `limit` (3) with a score of at least `minScore`. `frameworks` is a dossier's
 * `frameworks.list()` (its renamed and own themes count); without it, the six presets.
 * The suggester for one frameworks array is kept, so call it again with the same array.
 */
export function suggestThemes(text: string, frameworks?: readonly Framework[], options: SuggestOptions = {}): ThemeSuggestion[] {
  let suggester: ThemeSuggester;
  if (!frameworks) suggester = presetSuggester ??= createThemeSuggester(presetWording);
  else {
    suggester = cache.get(frameworks) ?? createThemeSuggester(wordingOf(frameworks));
    cache.set(frameworks, suggester);
  }
  return suggester.suggest(text, options);
}
