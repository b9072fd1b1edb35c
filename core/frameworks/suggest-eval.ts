// Precision and recall of a theme suggester on labelled passages (micro-averaged: every
// suggested theme is a hit or a false alarm, every labelled theme found or missed), and the
// baseline the bench sets beside it: plain word overlap, no stemming, no weights.
import { contentWords } from './dutch-terms.js';
import type { ThemeSuggestion, ThemeWording } from './suggest.js';

export interface Labelled {
  text: string;
  themes: readonly string[];
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  hits: number;
  falseAlarms: number;
  misses: number;
}

export function evaluate(passages: readonly Labelled[], suggest: (text: string) => ThemeSuggestion[]): Scores {
  let hits = 0;
  let falseAlarms = 0;
  let misses = 0;
  for (const passage of passages) {
    const wanted = new Set(passage.themes);
    const got = new Set(suggest(passage.text).map((s) => s.themeId));
    for (const id of got)
      if (wanted.has(id)) hits++;
      else falseAlarms++;
    for (const id of wanted) if (!got.has(id)) misses++;
  }
  const precision = hits + falseAlarms === 0 ? 0 : hits / (hits + falseAlarms);
  const recall = hits + misses === 0 ? 0 : hits / (hits + misses);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, hits, falseAlarms, misses };
}

/**
 * The baseline: the share of a theme's distinct words (lower case, stopwords dropped, not
 * stemmed) that occur in the text; the best `limit` at or above `minScore`.
 */
export function overlapSuggester(themes: readonly ThemeWording[], minScore: number, limit = 3): (text: string) => ThemeSuggestion[] {
  const vocab = themes.map((t) => ({ id: t.id, words: new Set(contentWords(`${t.name} ${t.description ?? ''}`)) }));
  return (text) => {
    const words = new Set(contentWords(text));
    return vocab
      .map(({ id, words: own }) => ({ themeId: id, score: own.size === 0 ? 0 : [...own].filter((w) => words.has(w)).length / own.size }))
      .filter((s) => s.score > 0 && s.score >= minScore)
      .sort((x, y) => y.score - x.score || x.themeId.localeCompare(y.themeId))
      .slice(0, limit);
  };
}

/** The threshold (of `candidates`) at which `make(threshold)` scores the best F1 on `passages`. */
export function bestThreshold(
  passages: readonly Labelled[],
  candidates: readonly number[],
  make: (threshold: number) => (text: string) => ThemeSuggestion[],
): { threshold: number; scores: Scores } {
  let best = { threshold: candidates[0], scores: evaluate(passages, make(candidates[0])) };
  for (const threshold of candidates.slice(1)) {
    const scores = evaluate(passages, make(threshold));
    if (scores.f1 > best.scores.f1) best = { threshold, scores };
  }
  return best;
}
