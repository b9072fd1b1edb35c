// Input schemas for every dossier operation (valibot). Bad input is rejected here, at the
// edge, with a KnipselError naming the field — before anything in the doc is touched.
import * as v from 'valibot';
import { KnipselError } from '../errors.js';
import { cardPatchSchema, kindSchema } from './evidence-schema.js';
import { captureModes, highlightColours, sourceKinds } from './types.js';

const MAX_HTML = 5_000_000;
const MAX_TEXT = 2_000_000;
const MAX_SHORT = 2_000;

const httpUrl = v.pipe(
  v.string(),
  v.maxLength(8_192),
  v.check((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'http:' || protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL'),
);
const shortText = v.pipe(v.string(), v.maxLength(MAX_SHORT));
const nullableShort = v.nullable(shortText);
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128), v.regex(/^[\w:./-]+$/, 'must be an id'));
const timestamp = v.pipe(v.number(), v.integer(), v.minValue(0));

/** A note-clip has no source page; it still needs a syntactically valid URL. */
export const noteClipUrl = 'https://knipsel.invalid/notitie';

const sha256 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest'));

export const captureFileSchema = v.object({
  sha256,
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  name: v.pipe(v.string(), v.maxLength(500)),
  type: v.pipe(v.string(), v.maxLength(200)),
});

export const captureImageSchema = v.object({
  sha256,
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  type: v.pipe(v.string(), v.maxLength(200), v.regex(/^image\/[\w.+-]+$/, 'must be an image type')),
  url: httpUrl,
});

export const capturePdfSchema = v.object({
  pages: v.pipe(
    v.array(v.object({ start: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_TEXT)), label: v.pipe(v.string(), v.maxLength(32)) })),
    v.maxLength(20_000),
  ),
  scanned: v.boolean(),
  file: v.nullable(captureFileSchema),
});

export const captureSchema = v.object({
  url: httpUrl,
  canonicalUrl: httpUrl,
  title: v.pipe(v.string(), v.maxLength(MAX_SHORT)),
  byline: nullableShort,
  siteName: nullableShort,
  published: nullableShort,
  lang: v.nullable(v.pipe(v.string(), v.maxLength(35))),
  description: v.nullable(v.pipe(v.string(), v.maxLength(20_000))),
  image: v.nullable(v.pipe(v.string(), v.maxLength(8_192))),
  html: v.pipe(v.string(), v.maxLength(MAX_HTML)),
  markdown: v.pipe(v.string(), v.maxLength(MAX_HTML)),
  text: v.pipe(v.string(), v.maxLength(MAX_TEXT)),
  wordCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  capturedAt: timestamp,
  mode: v.picklist(captureModes),
  pdf: v.optional(capturePdfSchema),
  files: v.optional(v.pipe(v.array(captureFileSchema), v.maxLength(20))),
  images: v.optional(v.pipe(v.array(captureImageSchema), v.maxLength(100))),
});

/** Block indices of a clip's content (see Clip.removedBlocks). */
export const blockIndicesSchema = v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))), v.minLength(1), v.maxLength(10_000));

/** The theme ids one operation may name. */
export const themeIdsSchema = v.pipe(v.array(id), v.maxLength(500));

export const clipInputSchema = v.object({
  capture: captureSchema,
  title: v.optional(v.pipe(v.string(), v.maxLength(MAX_SHORT))),
  note: v.optional(v.pipe(v.string(), v.maxLength(MAX_TEXT))),
  themes: v.optional(themeIdsSchema),
  kind: v.optional(kindSchema),
  card: v.optional(cardPatchSchema),
  toComplete: v.optional(v.boolean()),
});

/** The user's corrections to what a reference says about the source (absent = as captured). */
export const sourceEditsSchema = v.object({
  title: v.optional(v.pipe(v.string(), v.maxLength(MAX_SHORT))),
  authors: v.optional(v.pipe(v.string(), v.maxLength(MAX_SHORT))),
  /** "2016", "2016-12" or "2016-12-16"; empty = no date (z.d.). */
  published: v.optional(v.pipe(v.string(), v.maxLength(10), v.regex(/^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?)?$/, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD'))),
  siteName: v.optional(v.pipe(v.string(), v.maxLength(MAX_SHORT))),
  kind: v.optional(v.picklist([...sourceKinds, ''])),
});

export const clipPatchSchema = v.object({
  title: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_SHORT))),
  source: v.optional(sourceEditsSchema),
  note: v.optional(v.pipe(v.string(), v.maxLength(MAX_TEXT))),
});

/** A text quote selector: the exact text with some context on either side. */
export const quoteSchema = v.object({
  exact: v.pipe(v.string(), v.minLength(1), v.maxLength(20_000)),
  prefix: v.pipe(v.string(), v.maxLength(500)),
  suffix: v.pipe(v.string(), v.maxLength(500)),
});
/** Character offsets of a highlight in the clip's text, when known. */
export const positionSchema = v.nullable(v.object({ start: v.pipe(v.number(), v.integer(), v.minValue(0)), end: v.pipe(v.number(), v.integer(), v.minValue(0)) }));
export const highlightColourSchema = v.picklist(highlightColours);

export const highlightInputSchema = v.object({
  quote: quoteSchema,
  position: v.optional(positionSchema),
  note: v.optional(v.pipe(v.string(), v.maxLength(MAX_TEXT))),
  colour: v.optional(highlightColourSchema),
});

export const highlightPatchSchema = v.object({
  note: v.optional(v.pipe(v.string(), v.maxLength(MAX_TEXT))),
  colour: v.optional(highlightColourSchema),
});

/** A whole highlight as read from a clip (put back by an undo). */
export const highlightRecordSchema = v.object({
  id,
  quote: quoteSchema,
  position: positionSchema,
  note: v.pipe(v.string(), v.maxLength(MAX_TEXT)),
  colour: highlightColourSchema,
  createdAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

export const nameSchema = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(200));
export const idSchema = id;

/** A list of ids in one operation (tag, trash…). */
export const idListSchema = v.pipe(v.array(idSchema), v.maxLength(100_000));

export const colorSchema = v.nullable(v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour')));

export const frameworkInputSchema = v.object({
  name: nameSchema,
  description: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(MAX_SHORT)))),
  color: v.optional(colorSchema),
});

export const themeInputSchema = v.object({
  name: nameSchema,
  description: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(MAX_SHORT)))),
  color: v.optional(colorSchema),
});

export const themePatchSchema = v.object({
  name: v.optional(nameSchema),
  description: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(MAX_SHORT)))),
  color: v.optional(colorSchema),
  hidden: v.optional(v.boolean()),
});

export const metaPatchSchema = v.object({
  name: v.optional(nameSchema),
  course: v.optional(v.pipe(v.string(), v.maxLength(MAX_SHORT))),
  assessedFrameworkId: v.optional(v.nullable(id)),
});

/** Parse or throw an `invalid-input` KnipselError that names the offending fields. */
export function parse<const TSchema extends v.GenericSchema>(schema: TSchema, input: unknown, what: string): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => {
    const path = v.getDotPath(issue);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  throw new KnipselError('invalid-input', `Invalid ${what}: ${problems.slice(0, 5).join('; ')}`, { problems });
}
