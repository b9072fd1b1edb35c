// The shapes of a dossier as callers see them. Persisted inside one Y.Doc per dossier
// (see doc-layout.ts for where each lives); every persisted field is documented here.

import type { Attachment, EvidenceCard, EvidenceKind, Reflection } from './evidence-types.js';

/**
 * How a clip was captured. `note` is text pasted into the app, with no source page; `pdf` the
 * text of a PDF document (its pages in `Capture.pdf`).
 */
export const captureModes = ['article', 'selection', 'page', 'bookmark', 'note', 'pdf'] as const;
export type CaptureMode = (typeof captureModes)[number];

/** A file kept with a clip (the PDF itself), stored by its content hash beside the dossier. */
export interface CaptureFile {
  /** SHA-256 of the bytes, lower-case hex: the key in the file store. */
  sha256: string;
  /** Bytes. */
  size: number;
  /** The file name as it came (from the address or the picked file). */
  name: string;
  /** Media type, e.g. application/pdf. */
  type: string;
}

/** An image of a clip's content, kept on the device that clipped it (its HTML names it by hash). */
export interface CaptureImage {
  /** SHA-256 of the bytes, lower-case hex: the key in the file store. */
  sha256: string;
  /** Bytes. */
  size: number;
  /** Media type (a raster image type). */
  type: string;
  /** The address it was fetched from (where a device without the bytes links to). */
  url: string;
}

/** Where the pages of a PDF capture sit in its text. */
export interface CapturePdf {
  /** One entry per page in order: where its text starts in `Capture.text`, and its printed label ("12", "iv"). */
  pages: { start: number; label: string }[];
  /** The PDF has no text layer (a scan): `text` is empty, the file and the address are what is kept. */
  scanned: boolean;
  /** The PDF itself when the user chose to keep it, else null (the address is the way back). */
  file: CaptureFile | null;
}

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
  /** For mode `pdf`: the pages in `text` and the kept file. Absent on other captures. */
  pdf?: CapturePdf;
  /** Photos shared from a phone before attachments existed (read by migration dossier/2, which makes them attachments); never written now. */
  files?: CaptureFile[];
  /** Images of `html` kept when the page was clipped; `html` names them by hash (core/capture/clip-images.ts). */
  images?: CaptureImage[];
}

/** The meaning colours a highlight can carry. */
export const highlightColours = ['inspiratie', 'methode', 'onderbouwing', 'vraag'] as const;
export type HighlightColour = (typeof highlightColours)[number];

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

export type { EvidenceKind, FeedbackSource, EvidenceCard, CardField, Attachment, GuidePrompt, Reflection } from './evidence-types.js';
export { evidenceKinds, feedbackSources, cardFields } from './evidence-types.js';

/**
 * The user's corrections to a reference (a page that names no author, a wrong date). Each
 * field absent = as captured; an empty string = none. The clip's own title never enters a
 * reference; `title` here is the source's title, corrected.
 */
/** What kind of source a reference cites, as the user corrected it. */
export type SourceKind = 'blog' | 'news' | 'report' | 'webpage';
export const sourceKinds: readonly SourceKind[] = ['blog', 'news', 'report', 'webpage'];

export interface SourceEdits {
  title?: string;
  authors?: string;
  /** "2016", "2016-12" or "2016-12-16"; "" = no date. */
  published?: string;
  siteName?: string;
  /** Cite as a blog post or news item (the site in italics), a report (year, publisher) or a web page (the title in italics); "" = as recognised. */
  kind?: SourceKind | '';
}

/** A clip as callers read it: the capture plus the editable, merging fields. */
export type { Author } from './author.js';
import type { Author } from './author.js';

export interface Clip {
  id: string;
  capture: Capture;
  /** The kind of evidence (clips made before kinds existed are praktijkvoorbeelden). */
  kind: EvidenceKind;
  card: EvidenceCard;
  attachments: Attachment[];
  /** Guided reflections, oldest first. */
  reflections: Reflection[];
  /**
   * The member who added the clip in a shared dossier (`addedBy` on the clip's map); their
   * reflections on it are theirs alone. Null for clips made without a known author.
   */
  addedBy?: Author | null;
  /** Editable title (starts as the capture's title). */
  title: string;
  /** Corrections to the source for references (last writer wins; read as {} when none). */
  source?: SourceEdits;
  /** The user's free note / reflection (a Y.Text in the doc). */
  note: string;
  /** Theme ids (a set in the doc: concurrent adds never duplicate). */
  themes: string[];
  highlights: Highlight[];
  /**
   * Blocks of the capture's content the user removed as noise (their indices in
   * `clipBlocks` order, ascending; a set in the doc, so removals from two devices merge).
   * The capture itself is never changed.
   */
  removedBlocks?: number[];
  /**
   * Where the capture's body (html, markdown, text) is kept when not in the doc: its hash in
   * the body store, whether it is on this device (when not, those fields of `capture` are ''),
   * and the head of its text for lists. Absent when the capture holds its body itself.
   */
  body?: { hash: string; here: boolean; excerpt: string };
  /** In the trash (restorable until the trash is emptied). */
  trashed: boolean;
  /**
   * A link saved without its page's text (shared from a phone, "Knip link"): a device that can
   * read the page (the extension) completes it, replacing the capture in place.
   */
  toComplete?: boolean;
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
  /** The free note is not empty (it may hold only guide headings; see `reflections`). */
  hasNote: boolean;
  kind: EvidenceKind;
  /** Answered reflections: the guided ones whose questions are all answered, plus the note when it holds an answer. */
  reflections: number;
  /** Photos and files attached. */
  attachments: number;
  trashed: boolean;
  /** See Clip.toComplete (absent in rows projected before it existed). */
  toComplete?: boolean;
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
  /** The number the theme has in its text's own list (per group), or null (custom, unnumbered). Always set when read from a dossier. */
  number?: number | null;
  /** Id of its group in `Framework.groups`, or null. Always set when read from a dossier. */
  group?: string | null;
}

/** What one numbered item of a framework is called ("regel" 7, "houdingsprincipe" 3). */
export interface ItemLabel {
  nl: string;
  en: string;
}

/** A group of themes as the framework's text names it (DichtErBij: Houdingsprincipes). */
export interface ThemeGroup {
  id: string;
  name: string;
  description: string;
  /** Other names the texts use for the group ("Houdingsaspecten"). */
  aliases: string[];
  /** Numbered items of the group are called this. */
  itemLabel: ItemLabel | null;
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
  /** Numbered items outside any group are called this ("regel"), or null. Always set when read from a dossier. */
  itemLabel?: ItemLabel | null;
  /** Groups in the text's order (empty for frameworks without groups). Always set when read from a dossier. */
  groups?: ThemeGroup[];
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
