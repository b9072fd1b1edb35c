// Handing in: the portfolio of the chosen framework frozen as plain data in the doc, dated
// and named. Storing the rendered model (not a Yjs snapshot) keeps it small, needs no
// history kept from garbage collection, and renders exactly as it was on any replica.
import { parse } from '../dossier/schema.js';
import type { Dossier } from '../dossier/dossier.js';
import type { Author } from '../dossier/types.js';
import { buildPortfolio } from '../export/portfolio.js';
import { handInInputSchema } from './together-schema.js';
import type * as v from 'valibot';

export type HandInInput = v.InferInput<typeof handInInputSchema>;

/** Freeze the portfolio of `input.frameworkId` now; returns the version's id. */
export function handInPortfolio(dossier: Dossier, input: HandInInput, author: Author, now: number = Date.now()): string {
  const parsed = parse(handInInputSchema, input, 'hand-in');
  const portfolio = buildPortfolio(dossier, { frameworkId: parsed.frameworkId, locale: 'nl', author: author.name, course: parsed.module || undefined, now });
  return dossier.together.addHandIn({
    name: parsed.name,
    module: parsed.module,
    at: now,
    by: author,
    frameworkId: parsed.frameworkId,
    frameworkName: portfolio.cover.framework,
    portfolio,
  });
}
