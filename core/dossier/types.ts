// The shapes of a dossier as callers see them. Persisted inside one Y.Doc per dossier
// (see doc-layout.ts for where each lives); every persisted field is documented here.

/** How a clip was captured. `note` is text pasted into the app, with no source page. */
export type CaptureMode = 'article' | 'selection' | 'page' | 'bookmark' | 'note';
export const captureModes: readonly CaptureMode[] = ['article', 'selection', 'page', 'bookmark', 'note'];

/** The immutable snapshot taken when a clip is made. Stored as a plain value, never edited. */
export interface Capture {
  /** The address the user was on when clipping. */
  url: string;
  /** `<link rel=canonical>` or og:url when present, else `url`; used to recognise duplicates. */
  canonicalUrl: string;
  /** The page's title at capture time (the editable title lives on the clip). */
  title: string;
  /** Author(s) as the page names them. */
  byline: string | null;
  /** Name of the site or publisher. */
  siteName: string | null;
  /** Publication date as ISO 8601 (date or date-time), when the page tells it. */
  published: string | null;
  /** BCP 47 language tag of the content. */
  lang: string | null;
  /** The page's own summary (meta description / og:description). */
  description: string | null;
  /** Absolute URL of the lead image. */
  image: string | null;
  /** Sanitised HTML of the captured content (sanitised again before rendering). */
  html: string;
  /**
   * The same content as GitHub-flavoured Markdown, or '' when it is built from `html` where it
   * is needed (capture leaves it to `captureMarkdown`, core/capture/to-markdown.ts).
   */
  markdown: string;
  /** Plain text of the content, for search and excerpts. */
  text: string;
  /** Words in `text`. */
  wordCount: number;
  /** When the capture was made, ms since the epoch (also the APA access date). */
  capturedAt: number;
  /** Capture mode. */
  mode: CaptureMode;
}

/** The meaning colours a highlight can carry. */
export type HighlightColour = 'inspiratie' | 'methode' | 'onderbouwing' | 'vraag';
export const highlightColours: readonly HighlightColour[] = ['inspiratie', 'methode', 'onderbouwing', 'vraag'];

/** A W3C-style text quote selector: the exact text with a little context either side. */
export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface Highlight {
  id: string;
  /** Where the highlight sits in the page's text (re-anchored on revisits). */
  quote: QuoteSelector;
  /** Character offsets in the page's text at the time of highlighting (a hint, not the truth). */
  position: { start: number; end: number } | null;
  /** The user's note on the highlight (last writer wins). */
  note: string;
  /** Meaning colour (last writer wins). */
  colour: HighlightColour;
  /** ms since the epoch. */
  createdAt: number;
}

/** A clip as callers read it: the capture plus the editable, merging fields. */
export interface Clip {
  id: string;
  capture: Capture;
  /** Editable title (starts as the capture's title). */
  title: string;
  /** The user's note / reflection (a Y.Text in the doc). */
  note: string;
  /** Theme ids (a set in the doc: concurrent adds never duplicate). */
  themes: string[];
  highlights: Highlight[];
  /** In the trash (restorable until the trash is emptied). */
  trashed: boolean;
  /** When it went to the trash, ms since the epoch. */
  trashedAt: number | null;
  /** ms since the epoch. */
  createdAt: number;
  /** Last local or remote edit of an editable field, ms since the epoch. */
  updatedAt: number;
}

/** A compact, derived view of a clip for lists, filters and the Dexie projection. */
export interface ClipRow {
  id: string;
  title: string;
  url: string;
  canonicalUrl: string;
  siteName: string | null;
  mode: CaptureMode;
  published: string | null;
  capturedAt: number;
  createdAt: number;
  updatedAt: number;
  themes: string[];
  hasNote: boolean;
  trashed: boolean;
  wordCount: number;
  /** The first couple of hundred characters of the text. */
  excerpt: string;
}

export interface Theme {
  id: string;
  frameworkId: string;
  name: string;
  description: string | null;
  /** CSS colour, or null for the framework's default. */
  color: string | null;
  hidden: boolean;
  order: number;
  /** Part of a shipped preset (its wording can be renamed, not deleted). */
  preset: boolean;
}

export interface Framework {
  id: string;
  name: string;
  description: string | null;
  /** Where the wording comes from (for presets). */
  source: string | null;
  color: string | null;
  hidden: boolean;
  order: number;
  preset: boolean;
  /** Presets can be switched off per dossier; custom frameworks are always enabled. */
  enabled: boolean;
  themes: Theme[];
}

export type DossierKind = 'personal' | 'shared';

export interface DossierMeta {
  id: string;
  name: string;
  kind: DossierKind;
  /** Free text, e.g. the course a portfolio is for. */
  course: string;
  /** The framework a course assesses (portfolio overview), if chosen. */
  assessedFrameworkId: string | null;
  createdAt: number;
  schemaVersion: number;
}
