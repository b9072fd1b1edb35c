// Growth over time: periods the user chooses (a module, a semester), a self-rating per period
// and theme, and per theme the answer to "Wat heb ik gaandeweg (en ongemerkt) al veranderd in
// mijn werkwijze?". Ratings and answers are plain values under their own keys (last writer
// wins per key; nothing races on creating a container).
import * as v from 'valibot';
import type * as Y from 'yjs';
import { roots } from '../dossier/doc-layout.js';
import { localEdit } from '../dossier/write-guard.js';
import { idSchema, parse } from '../dossier/schema.js';
import { KnipselError } from '../errors.js';
import { createId } from '../ids.js';
import { growthTextSchema, periodInputSchema, ratingSchema, storedPeriodSchema } from './learning-schema.js';
import type { Period, Rating } from './types.js';

export type PeriodInput = v.InferInput<typeof periodInputSchema>;

const ratingKey = (periodId: string, themeId: string) => `${periodId}|${themeId}`;

export function createGrowthOps(doc: Y.Doc, isKnownTheme: (id: string) => boolean, now: () => number = Date.now) {
  const { periods, ratings, growth } = roots(doc);

  function checkTheme(themeId: string): string {
    const id = parse(idSchema, themeId, 'theme id');
    if (!isKnownTheme(id)) throw new KnipselError('invalid-input', `Unknown theme: ${id}`, { unknown: [id] });
    return id;
  }

  /** The answer to "Wat heb ik gaandeweg al veranderd?" for a theme ('' when none). */
  function changed(themeId: string): string {
    const value = growth.get(themeId);
    return typeof value === 'string' ? value : '';
  }

  return {
    /** Periods in order of their first day. */
    periods(): Period[] {
      const out: Period[] = [];
      for (const [id, value] of periods.entries()) if (v.is(storedPeriodSchema, value)) out.push({ id, ...(value as Omit<Period, 'id'>) });
      return out.sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    },

    addPeriod(input: PeriodInput): string {
      const parsed = parse(periodInputSchema, input, 'period');
      const id = createId();
      localEdit(doc, () => periods.set(id, { name: parsed.name, startsOn: parsed.startsOn, createdAt: now() }));
      return id;
    },

    /** Delete a period and the ratings given in it. */
    removePeriod(id: string): void {
      if (!periods.has(id)) throw new KnipselError('not-found', `No period ${id}.`, { id });
      const prefix = `${id}|`;
      localEdit(doc, () => {
        periods.delete(id);
        for (const key of [...ratings.keys()]) if (key.startsWith(prefix)) ratings.delete(key);
      });
    },

    rating(periodId: string, themeId: string): Rating | null {
      const value = ratings.get(ratingKey(periodId, themeId));
      return v.is(ratingSchema, value) ? value : null;
    },

    /** Rate oneself 1–5 in a period for a theme; null takes the rating away. */
    rate(periodId: string, themeId: string, rating: Rating | null): void {
      const value = parse(ratingSchema, rating, 'rating');
      const theme = checkTheme(themeId);
      if (!periods.has(periodId)) throw new KnipselError('not-found', `No period ${periodId}.`, { id: periodId });
      localEdit(doc, () => {
        if (value === null) ratings.delete(ratingKey(periodId, theme));
        else ratings.set(ratingKey(periodId, theme), value);
      });
    },

    changed,

    setChanged(themeId: string, text: string): void {
      const value = parse(growthTextSchema, text, 'answer');
      const theme = checkTheme(themeId);
      if (changed(theme) === value) return;
      localEdit(doc, () => {
        if (value.trim() === '') growth.delete(theme);
        else growth.set(theme, value);
      });
    },
  };
}

export type GrowthOps = ReturnType<typeof createGrowthOps>;
