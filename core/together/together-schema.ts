// valibot schemas of the together roots: what an operation accepts and what a reader keeps
// (anything a peer or relay wrote that does not fit is skipped, never shown).
import * as v from 'valibot';
import { idSchema } from '../dossier/schema.js';

const timestamp = v.pipe(v.number(), v.integer(), v.minValue(0));
const nameText = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120));

export const authorSchema = v.object({ id: idSchema, name: nameText });

/** Comments and feedback: plain text, not empty, at most 10,000 characters. */
export const messageTextSchema = v.pipe(v.string(), v.trim(), v.minLength(1, 'is empty'), v.maxLength(10_000));

export const commentInputSchema = v.object({
  text: messageTextSchema,
  clipId: v.optional(v.nullable(idSchema), null),
  parentId: v.optional(v.nullable(idSchema), null),
  question: v.optional(v.boolean(), false),
});

export const storedCommentSchema = v.object({
  author: authorSchema,
  at: timestamp,
  text: messageTextSchema,
  clipId: v.nullable(idSchema),
  parentId: v.nullable(idSchema),
  question: v.boolean(),
});

export const feedbackTargetSchema = v.variant('kind', [
  v.object({ kind: v.literal('overall') }),
  v.object({ kind: v.literal('theme'), themeId: idSchema }),
  v.object({ kind: v.literal('clip'), clipId: idSchema }),
]);

/** One piece of feedback as an assessor sends it (also to the relay, which writes it). */
export const feedbackInputSchema = v.object({
  id: idSchema,
  handInId: idSchema,
  target: feedbackTargetSchema,
  authorName: nameText,
  text: messageTextSchema,
});

export const storedFeedbackSchema = v.object({
  handInId: idSchema,
  target: feedbackTargetSchema,
  authorName: nameText,
  at: timestamp,
  text: messageTextSchema,
});

export const handInInputSchema = v.object({
  name: nameText,
  module: v.pipe(v.string(), v.trim(), v.maxLength(200)),
  frameworkId: idSchema,
});

/**
 * A stored hand-in. The frozen portfolio is checked for the parts every reader of it uses
 * (cover, themes with entries); its renderers escape every string they print.
 */
export const storedHandInSchema = v.object({
  name: nameText,
  module: v.string(),
  at: timestamp,
  by: authorSchema,
  frameworkId: idSchema,
  frameworkName: v.string(),
  portfolio: v.looseObject({
    locale: v.picklist(['nl', 'en']),
    cover: v.looseObject({ title: v.string(), framework: v.string(), date: v.string() }),
    leervragen: v.array(v.looseObject({})),
    themes: v.array(v.looseObject({ id: v.string(), name: v.string(), entries: v.array(v.looseObject({ type: v.picklist(['item', 'ref']) })) })),
    references: v.array(v.looseObject({ text: v.string() })),
  }),
});
