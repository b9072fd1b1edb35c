// Input schemas for the learning plan (own guides, leervragen, periods, ratings, growth),
// and the shapes readers accept from the doc (a peer may have written anything there).
import * as v from 'valibot';
import { guidePromptsSchema, kindSchema, requiredDaySchema } from '../dossier/evidence-schema.js';
import { leervraagStatuses } from './types.js';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128), v.regex(/^[\w:./-]+$/, 'must be an id'));
const timestamp = v.pipe(v.number(), v.integer(), v.minValue(0));
const name = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(200));
const text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(2_000));

export const ownGuideInputSchema = v.object({
  name,
  kinds: v.pipe(v.array(kindSchema), v.minLength(1), v.maxLength(3)),
  /** One question per entry; headings default to the question. */
  questions: v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(2_000))), v.minLength(1), v.maxLength(40)),
});

/** An own guide as stored in the doc (the id is its key). */
export const storedGuideSchema = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  kinds: v.pipe(v.array(kindSchema), v.minLength(1), v.maxLength(3)),
  prompts: guidePromptsSchema,
  createdAt: timestamp,
});

export const leervraagStatusSchema = v.picklist(leervraagStatuses);

export const leervraagInputSchema = v.object({
  text,
  themeId: v.optional(v.nullable(id)),
});

export const leervraagPatchSchema = v.object({
  text: v.optional(text),
  themeId: v.optional(v.nullable(id)),
  status: v.optional(leervraagStatusSchema),
});

export const actionTextSchema = text;

/** The plain fields of a leervraag's Y.Map as stored, one schema per key (`evidence` and
 *  `actions` are Y.Maps beside them). What the operations write passes these. */
export const storedLeervraagFieldSchemas = {
  text,
  themeId: v.nullable(id),
  status: leervraagStatusSchema,
  createdAt: timestamp,
  updatedAt: timestamp,
};

/** A leervraag action as stored (the id is its key). */
export const storedActionSchema = v.object({ text: v.pipe(v.string(), v.maxLength(2_000)), done: v.boolean(), createdAt: timestamp });

/** The entries of a leervraag's sub-maps as stored: a linked clip is `true`, an action a plain object. */
export const storedLeervraagEntrySchemas = { evidence: v.literal(true), actions: storedActionSchema };

export const periodInputSchema = v.object({ name, startsOn: requiredDaySchema });
export const storedPeriodSchema = v.object({ name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)), startsOn: v.string(), createdAt: timestamp });

export const ratingSchema = v.nullable(v.picklist([1, 2, 3, 4, 5] as const));
export const growthTextSchema = v.pipe(v.string(), v.maxLength(200_000));
export { id as learningIdSchema };
