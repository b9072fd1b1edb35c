// Where each part of a dossier lives inside its Y.Doc, and readers that turn Yjs types
// into the plain shapes of types.ts. Every write goes through the operation modules.
//
//   meta        Y.Map   id, name, kind, course, assessedFrameworkId, createdAt, schemaVersion
//   presets     Y.Map   presetId → boolean (enabled); absent = default (enabled)
//   frameworks  Y.Map   frameworkId → Y.Map { name, description, color, hidden, order }
//                       (for a preset: only the fields the user overrode)
//   themes      Y.Map   themeId → Y.Map { frameworkId, name, description, color, hidden, order }
//                       (for a preset theme: only overrides)
//   clips       Y.Map   clipId → Y.Map {
//                         capture: Capture (plain, immutable; its html, markdown and text are
//                                  '' when `body` names them), body?: SHA-256 of the ClipBody in
//                                  the body store (storage/body-store.ts), excerpt?: string
//                                  (the head of the text, for lists while the body is away),
//                         title: string, note: Y.Text,
//                         source?: SourceEdits (plain, replaced whole),
//                         themes: Y.Map<true>, highlights: Y.Map<id, Y.Map>,
//                         "removedBlock:<index>"?: true (a block of the content removed as noise),
//                         trashedAt: number | null, createdAt, updatedAt,
//                         toComplete?: true (a link waiting for its page's text),
//                         addedBy?: { id, name } (the member who added it; owns its reflections),
//                         kind, card:<field>, attachment:<id>, reflection:<id> (evidence-layout.ts) }
//   guides      Y.Map   guideId → plain OwnGuide (the user's own reflection guides)
//   leervragen  Y.Map   id → Y.Map { text, themeId, status, createdAt, updatedAt,
//                         evidence: Y.Map<clipId, true>, actions: Y.Map<id, plain action> }
//   periods     Y.Map   periodId → plain { name, startsOn, createdAt } (growth periods)
//   ratings     Y.Map   "periodId|themeId" → number 1–5 (self-rating per period and theme)
//   growth      Y.Map   themeId → string ("Wat heb ik gaandeweg al veranderd?")
//   comments    Y.Map   id → plain { author: {id, name}, at, text, clipId, parentId, question }
//   handIns     Y.Map   id → plain { name, module, at, by, frameworkId, frameworkName, portfolio }
//   feedback    Y.Map   id → plain { handInId, target, authorName, at, text }
//               (core/together: each written once under its own key, never edited)
import * as v from 'valibot';
import * as Y from 'yjs';
import { answeredReflectionCount } from '../learning/answered.js';
import { readAttachments, readCard, readKind, readReflections } from './evidence-layout.js';
import { captureSchema, sourceEditsSchema } from './schema.js';
import { validOnce } from './valid-once.js';
import { readAuthor } from './author.js';
import type { ClipBody } from '../storage/body-store.js';
import type { Author, Capture, Clip, ClipRow, EvidenceCard, EvidenceKind, Highlight, HighlightColour, SourceEdits } from './types.js';

/** Transaction origin for edits made by this replica's user. Sync adapters use their own. */
export const localOrigin = 'knipsel:local';

export function roots(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>('meta'),
    presets: doc.getMap<boolean>('presets'),
    frameworks: doc.getMap<Y.Map<unknown>>('frameworks'),
    themes: doc.getMap<Y.Map<unknown>>('themes'),
    clips: doc.getMap<Y.Map<unknown>>('clips'),
    guides: doc.getMap<unknown>('guides'),
    leervragen: doc.getMap<unknown>('leervragen'),
    periods: doc.getMap<unknown>('periods'),
    ratings: doc.getMap<unknown>('ratings'),
    growth: doc.getMap<unknown>('growth'),
    comments: doc.getMap<unknown>('comments'),
    handIns: doc.getMap<unknown>('handIns'),
    feedback: doc.getMap<unknown>('feedback'),
  };
}

/**
 * True when a value in the clips map has the shape of a clip. A peer, relay, backup or the
 * bridge can write any valid Yjs into a doc; readers skip what is not a clip instead of
 * crashing on it, and a capture must pass the same schema as one added here (http(s)
 * source URLs, bounded sizes) — so a `javascript:` "Bron" never reaches a screen.
 */
export function isClipMap(value: unknown): value is Y.Map<unknown> {
  if (!(value instanceof Y.Map)) return false;
  return isValidCapture(value.get('capture')) && value.get('note') instanceof Y.Text && value.get('themes') instanceof Y.Map && value.get('highlights') instanceof Y.Map;
}

const validCapture = validOnce(captureSchema);

export function isValidCapture(capture: unknown): capture is Capture {
  return validCapture(capture);
}

export function readHighlight(id: string, map: Y.Map<unknown>): Highlight {
  return {
    id,
    quote: map.get('quote') as Highlight['quote'],
    position: (map.get('position') as Highlight['position']) ?? null,
    note: (map.get('note') as string) ?? '',
    colour: (map.get('colour') as HighlightColour) ?? 'inspiratie',
    createdAt: (map.get('createdAt') as number) ?? 0,
  };
}

/** Source edits as stored; anything a peer wrote that is not a valid SourceEdits reads as none. */
function readSource(value: unknown): SourceEdits {
  if (value === undefined) return {};
  const parsed = v.safeParse(sourceEditsSchema, value);
  return parsed.success ? parsed.output : {};
}

/** Key prefix of a removed block on a clip's map (`removedBlock:3`). */
export const removedBlockPrefix = 'removedBlock:';

/** Indices of removed blocks; whatever a peer wrote that is not one is skipped. */
function readRemovedBlocks(map: Y.Map<unknown>): number[] {
  const out: number[] = [];
  for (const [key, value] of map.entries()) {
    if (value === true && key.startsWith(removedBlockPrefix) && /^\d{1,7}$/.test(key.slice(removedBlockPrefix.length))) out.push(Number(key.slice(removedBlockPrefix.length)));
  }
  return out.sort((a, b) => a - b);
}

/** The author recorded on a clip's map, if it has a valid one. */
export function readAddedBy(map: Y.Map<unknown>): Author | null {
  return readAuthor(map.get('addedBy'));
}

/** Where a clip's body is read from while the doc is read (a body store's `peek`). */
export type BodyLookup = (hash: string) => ClipBody | undefined;

/** The hash a clip's body is stored under, or undefined when the capture holds its body itself. */
export function bodyHashOf(map: Y.Map<unknown>): string | undefined {
  const hash = map.get('body');
  return typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash) ? hash : undefined;
}

/** A capture split into what the doc keeps (the head: every field but the body's, those '') and its body. */
export function splitCapture(capture: Capture): { head: Capture; body: ClipBody } {
  return { head: { ...capture, html: '', markdown: '', text: '' }, body: { html: capture.html, markdown: capture.markdown, text: capture.text } };
}

export function readClip(id: string, map: Y.Map<unknown>, bodies?: BodyLookup): Clip {
  const hash = bodyHashOf(map);
  const stored = map.get('capture') as Capture;
  const body = hash === undefined ? undefined : bodies?.(hash);
  const capture = body ? { ...stored, ...body } : stored;
  const themes = map.get('themes') as Y.Map<true> | undefined;
  const highlights = map.get('highlights') as Y.Map<Y.Map<unknown>> | undefined;
  const note = map.get('note') as Y.Text | undefined;
  const trashedAt = (map.get('trashedAt') as number | null | undefined) ?? null;
  return {
    id,
    capture,
    kind: readKind(map),
    card: readCard(map),
    attachments: readAttachments(map),
    reflections: readReflections(map),
    addedBy: readAddedBy(map),
    title: typeof map.get('title') === 'string' ? (map.get('title') as string) : capture.title,
    source: readSource(map.get('source')),
    note: note?.toString() ?? '',
    themes: themes ? [...themes.keys()].sort() : [],
    highlights: highlights
      ? [...highlights.entries()]
          .filter(([, h]) => h instanceof Y.Map && typeof (h.get('quote') as { exact?: unknown } | undefined)?.exact === 'string')
          .map(([hid, h]) => readHighlight(hid, h))
          .sort((a, b) => a.createdAt - b.createdAt)
      : [],
    removedBlocks: readRemovedBlocks(map),
    ...(hash === undefined ? {} : { body: { hash, here: body !== undefined, excerpt: typeof map.get('excerpt') === 'string' ? (map.get('excerpt') as string) : '' } }),
    trashed: trashedAt !== null,
    trashedAt,
    toComplete: map.get('toComplete') === true,
    createdAt: (map.get('createdAt') as number) ?? capture.capturedAt,
    updatedAt: (map.get('updatedAt') as number) ?? capture.capturedAt,
  };
}

export function excerptOf(text: string, length = 240): string {
  // Flatten only the head of the text (clip texts run to tens of kB): a slice whose
  // flattened form is longer than `length` gives the same excerpt as the whole text.
  let end = Math.min(text.length, length * 2 + 64);
  let flat = text.slice(0, end).replace(/\s+/g, ' ').trim();
  while (end < text.length && flat.length <= length + 1) {
    end = Math.min(text.length, end * 4);
    flat = text.slice(0, end).replace(/\s+/g, ' ').trim();
  }
  if (flat.length <= length) return flat;
  const cut = flat.lastIndexOf(' ', length);
  return `${flat.slice(0, cut > length * 0.6 ? cut : length)}…`;
}

export function toClipRow(clip: Clip): ClipRow {
  return {
    id: clip.id,
    title: clip.title,
    url: clip.capture.url,
    canonicalUrl: clip.capture.canonicalUrl,
    siteName: clip.capture.siteName,
    mode: clip.capture.mode,
    published: clip.capture.published,
    capturedAt: clip.capture.capturedAt,
    createdAt: clip.createdAt,
    updatedAt: clip.updatedAt,
    themes: clip.themes,
    hasNote: clip.note.trim().length > 0,
    kind: clip.kind,
    reflections: answeredReflectionCount(clip),
    attachments: clip.attachments.length,
    trashed: clip.trashed,
    toComplete: clip.toComplete,
    wordCount: clip.capture.wordCount,
    excerpt: excerptOf(evidenceText(clip.kind, clip.card) || clip.capture.text || clip.body?.excerpt || clip.capture.description || ''),
  };
}

/** A row as stored by an older version (without kind and counts) with the defaults filled in. */
export function withRowDefaults(row: ClipRow): ClipRow {
  const partial = row as Partial<ClipRow> & ClipRow;
  return { ...row, kind: partial.kind ?? 'praktijkvoorbeeld', reflections: partial.reflections ?? (row.hasNote ? 1 : 0), attachments: partial.attachments ?? 0 };
}

/** The user's own words that describe evidence of their own (what happened, what was said). */
export function evidenceText(kind: EvidenceKind, card: EvidenceCard): string {
  if (kind === 'eigen-praktijk') return card.happened;
  if (kind === 'feedback') return card.said;
  return '';
}
