// The one message protocol between the extension's parts: every request the background
// answers, its input schema (valibot, checked at the edge) and its result type.
import * as v from 'valibot';
import {
  captureSchema,
  cardPatchSchema,
  highlightColourSchema,
  idSchema,
  kindSchema,
  positionSchema,
  quoteSchema,
  themeIdsSchema,
  type Capture,
  type Clip,
  type ClipRow,
  type DossierKind,
  type HighlightColour,
  type SearchFields,
} from '@knipsel/core';
import type { Restriction } from '../capture/restricted-url.js';

const id = idSchema;
const tabId = v.pipe(v.number(), v.integer(), v.minValue(0));
const short = v.pipe(v.string(), v.maxLength(2_000));
const longText = v.pipe(v.string(), v.maxLength(2_000_000));
const webUrl = v.pipe(
  v.string(),
  v.maxLength(8_192),
  v.check((value) => /^https?:\/\//i.test(value), 'must be an http(s) URL'),
);
const themeIds = themeIdsSchema;
const colour = highlightColourSchema;
export const captureModeSchema = v.picklist(['article', 'selection', 'bookmark'] as const);
export const evidenceKindSchema = kindSchema;

export type PopupMode = v.InferOutput<typeof captureModeSchema>;
export type EvidenceKind = v.InferOutput<typeof evidenceKindSchema>;
export type Quote = v.InferOutput<typeof quoteSchema>;

/** Input schemas, one per request. */
export const inputSchemas = {
  'clip/preview': v.object({ tabId, mode: captureModeSchema }),
  'clip/save': v.object({
    dossierId: id,
    capture: captureSchema,
    title: v.optional(short),
    note: v.optional(longText),
    themes: v.optional(themeIds),
    /** What the clip is evidence of (default: a praktijkvoorbeeld). */
    kind: v.optional(evidenceKindSchema),
    /** The tab it came from: the highlighter is offered there right away. */
    tabId: v.optional(tabId),
    /** A PDF capture naming its file (`capture.pdf.file`): keep that file (read in the preview). */
    keepFile: v.optional(v.boolean()),
    /** A link saved without its page's text: marked to complete later. */
    toComplete: v.optional(v.boolean()),
  }),
  // A situation from the user's own work, written in the side panel (no page, no photos here).
  'evidence/add': v.object({
    dossierId: id,
    kind: v.literal('eigen-praktijk'),
    title: v.pipe(short, v.trim(), v.minLength(1)),
    card: cardPatchSchema,
    themes: v.optional(themeIds),
  }),
  // Links saved without their page's text (shared from a phone, "Knip link"), in every dossier.
  'complete/list': v.object({}),
  // Read the page of one such link in a background tab and complete the clip in place.
  'complete/run': v.object({ dossierId: id, clipId: id }),
  'clip/get': v.object({ dossierId: id, clipId: id }),
  // A link saved without the page's text gets the capture of its page, in place.
  'clip/complete': v.object({ dossierId: id, clipId: id, capture: captureSchema }),
  'clip/update': v.object({
    dossierId: id,
    clipId: id,
    title: v.optional(v.pipe(short, v.minLength(1))),
    note: v.optional(longText),
    addThemes: v.optional(themeIds),
    removeThemes: v.optional(themeIds),
    kind: v.optional(evidenceKindSchema),
  }),
  'clip/add-highlight': v.object({
    dossierId: id,
    clipId: id,
    quote: quoteSchema,
    position: v.optional(positionSchema),
    note: v.optional(longText),
    colour: v.optional(colour),
  }),
  'clips/list': v.object({
    dossierId: id,
    query: v.optional(v.pipe(v.string(), v.maxLength(500))),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500))),
  }),
  'dossiers/list': v.object({}),
  'themes/list': v.object({ dossierId: id }),
  'themes/suggest': v.object({ dossierId: id, text: v.pipe(v.string(), v.maxLength(2_000_000)), exclude: v.optional(v.pipe(v.array(id), v.maxLength(500))) }),
  'app/open': v.object({ dossierId: v.optional(id), clipId: v.optional(id) }),
  'highlights/enable': v.object({ enabled: v.boolean() }),
  'bridge/status': v.object({}),
  // The user's click on a pairing request (popup or options); never available to web pages.
  'bridge/pair-answer': v.object({ requestId: id, accept: v.boolean() }),
  'bridge/unpair': v.object({ pairId: id }),
  // The user's answer about several dossiers the app deleted at once.
  'bridge/deletions': v.object({ accept: v.boolean() }),
  // Sent by the in-page highlighter (content script) for its own tab's address only.
  'page/highlights': v.object({ url: webUrl }),
  'page/add-highlight': v.object({ url: webUrl, quote: quoteSchema, position: v.optional(positionSchema), note: v.optional(longText), colour: v.optional(colour) }),
  'page/anchor-report': v.object({ url: webUrl, clipId: id, orphaned: v.pipe(v.array(id), v.maxLength(10_000)) }),
} as const;

export type MessageType = keyof typeof inputSchemas;
export type Input<K extends MessageType> = v.InferInput<(typeof inputSchemas)[K]>;

/** What a tab offers for clipping (or why it cannot be clipped). */
export type PreviewResult =
  | { ok: false; reason: Restriction; url: string | null }
  | {
      ok: true;
      tab: { id: number; url: string; title: string };
      capture: Capture;
      confidence: number;
      warnings: { code: string; nl: string; en: string }[];
      suggestedMode: string | null;
      /** The page's current selection as a quote selector, when there is one. */
      selection: { quote: Quote; position: { start: number; end: number } | null } | null;
      /** Clips in the target dossiers with the same (canonical) address. */
      duplicates: DuplicateRef[];
      /** A PDF: its file, which the user may keep (up to `max` bytes). */
      file?: { sha256: string; size: number; name: string; max: number };
    };

export interface DuplicateRef {
  dossierId: string;
  clipId: string;
  title: string;
  createdAt: number;
  /** Saved as a link without the page's text: the popup offers to complete it. */
  incomplete: boolean;
}

export interface DossierSummary {
  id: string;
  name: string;
  kind: DossierKind;
  clipCount: number;
}

export interface ThemeOption {
  id: string;
  name: string;
  frameworkId: string;
  frameworkName: string;
  color: string | null;
  /** The full wording (lines separated by \n), or null. */
  description: string | null;
  /** "regel 7" / "rule 7", per interface language; null when unnumbered. */
  numberLabel: { nl: string; en: string } | null;
  groupName: string | null;
  /** Words the picker finds the theme by (core's searchFields). */
  search: SearchFields;
}

export interface PageHighlights {
  dossierId: string;
  clipId: string;
  highlights: { id: string; quote: Quote; position: { start: number; end: number } | null; colour: HighlightColour; note: string }[];
}

/** A confirmed pairing with the web app on one origin. */
export interface PairInfo {
  id: string;
  origin: string;
  pairedAt: number;
}

/** An app tab asking to pair, waiting for the user's click; the app shows the same code. */
export interface PairRequestInfo {
  id: string;
  origin: string;
  code: string;
  at: number;
}

/** Whether the Knipsel web app is connected through the bridge, and when it was last seen. */
export interface BridgeInfo {
  connected: boolean;
  /** ms since the epoch; null: never seen. */
  lastSeen: number | null;
  origin: string | null;
  /** Protocol versions when the app and the extension do not speak the same one. */
  mismatch: { app: number; extension: number } | null;
  pairs: PairInfo[];
  /** Newest first. */
  requests: PairRequestInfo[];
  /** Dossiers the app deleted, more than one at once, held until the user decides. */
  deletions: { origin: string; dossiers: { id: string; name: string }[] } | null;
}

export interface ClipDetails {
  clip: Clip;
  /** Highlights that did not match the page the last time it was visited. */
  orphaned: string[];
  appUrl: string;
}

/** Result types, one per request. */
export interface Results {
  'clip/preview': PreviewResult;
  'evidence/add': { dossierId: string; clipId: string; appUrl: string };
  'clip/save': { dossierId: string; clipId: string; appUrl: string };
  'complete/list': { links: { dossierId: string; clipId: string; title: string; url: string }[] };
  'complete/run': { completed: boolean; reason?: string };
  'clip/get': ClipDetails;
  'clip/complete': { dossierId: string; clipId: string; appUrl: string };
  'clip/update': { ok: true };
  'clip/add-highlight': { highlightId: string };
  'clips/list': { rows: (ClipRow & { snippet?: string })[] };
  'dossiers/list': { dossiers: DossierSummary[]; defaultId: string };
  'themes/list': { themes: ThemeOption[]; recent: string[]; lastUsed: string[] };
  'themes/suggest': { suggestions: { themeId: string; score: number }[] };
  'app/open': { url: string };
  'highlights/enable': { enabled: boolean; origins: string[] };
  'bridge/status': BridgeInfo;
  'bridge/pair-answer': { paired: boolean };
  'bridge/unpair': { ok: true };
  'bridge/deletions': { ok: true };
  'page/highlights': PageHighlights | null;
  'page/add-highlight': { clipId: string; highlightId: string } | null;
  'page/anchor-report': { ok: true };
}

/** The protocol as one map: `Messages['clip/save']` is `(input) => Promise<result>`. */
export type Messages = { [K in MessageType]: (input: Input<K>) => Promise<Results[K]> };

/** Requests a content script may send (about its own tab only). */
export const contentScriptMessages: readonly MessageType[] = ['page/highlights', 'page/add-highlight', 'page/anchor-report'];

/** What travels on the wire. */
export interface Request<K extends MessageType = MessageType> {
  knipsel: 1;
  type: K;
  input: Input<K>;
}
export type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** Events the background broadcasts to open extension pages. */
export type BackgroundEvent = { knipselEvent: 1; type: 'dossier/changed'; dossierId: string } | { knipselEvent: 1; type: 'bridge/changed' };

/** Validate a request; returns its parsed input or an error message naming the field. */
export function checkRequest(message: unknown): { type: MessageType; input: unknown } | { error: string } | null {
  if (typeof message !== 'object' || message === null || (message as { knipsel?: unknown }).knipsel !== 1) return null;
  const { type, input } = message as { type?: unknown; input?: unknown };
  if (typeof type !== 'string' || !Object.hasOwn(inputSchemas, type)) return { error: `Unknown message type: ${String(type)}` };
  const schema = inputSchemas[type as MessageType];
  const result = v.safeParse(schema, input ?? {});
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    return { error: `Invalid ${type}${path ? ` (${path})` : ''}: ${issue.message}` };
  }
  return { type: type as MessageType, input: result.output };
}
