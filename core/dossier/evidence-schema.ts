// Input schemas for the evidence fields of a clip (kind, card, attachments, reflections) and
// for own reflection guides. Checked at the edge; a rejected input changes nothing.
import * as v from 'valibot';
import { evidenceKinds, feedbackSources } from './types.js';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128), v.regex(/^[\w:./-]+$/, 'must be an id'));
const timestamp = v.pipe(v.number(), v.integer(), v.minValue(0));

export const kindSchema = v.picklist(evidenceKinds);

/** A day as YYYY-MM-DD (a real date). */
export const requiredDaySchema = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)'),
  v.check((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'must be a real date'),
);
/** A day as YYYY-MM-DD, or empty. */
export const daySchema = v.union([v.literal(''), requiredDaySchema]);

const shortField = v.pipe(v.string(), v.maxLength(2_000));
const longField = v.pipe(v.string(), v.maxLength(200_000));

export const cardPatchSchema = v.strictObject({
  context: v.optional(longField),
  initiative: v.optional(longField),
  worked: v.optional(longField),
  notWorked: v.optional(longField),
  myWijk: v.optional(longField),
  date: v.optional(daySchema),
  place: v.optional(shortField),
  involved: v.optional(longField),
  happened: v.optional(longField),
  from: v.optional(shortField),
  fromRole: v.optional(v.union([v.literal(''), v.picklist(feedbackSources)])),
  said: v.optional(longField),
});

/** An attachment as stored in the doc (the id is its key). */
export const attachmentSchema = v.object({
  hash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest')),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(500)),
  type: v.pipe(v.string(), v.maxLength(200)),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  addedAt: timestamp,
});

export const attachmentInputSchema = v.object({
  hash: attachmentSchema.entries.hash,
  name: attachmentSchema.entries.name,
  type: attachmentSchema.entries.type,
  size: attachmentSchema.entries.size,
});

const promptText = v.pipe(v.string(), v.maxLength(2_000));
export const guidePromptSchema = v.object({
  id,
  heading: promptText,
  question: promptText,
  change: v.optional(v.boolean()),
});
export const guidePromptsSchema = v.pipe(v.array(guidePromptSchema), v.minLength(1), v.maxLength(40));

export const reflectionInputSchema = v.object({
  guideId: id,
  guideName: v.pipe(v.string(), v.maxLength(200)),
  prompts: v.pipe(
    guidePromptsSchema,
    v.check((prompts) => new Set(prompts.map((p) => p.id)).size === prompts.length, 'question ids must differ'),
  ),
});

export const answerSchema = v.pipe(v.string(), v.maxLength(200_000));
