// The shapes of the portfolio model (portfolio.ts builds it; the renderers lay it out).
import type { CardField, EvidenceKind, HighlightColour } from '../dossier/types.js';
import type { LeervraagStatus } from '../learning/types.js';
import type { PortfolioLabels, PortfolioLocale } from './portfolio-labels.js';

export interface PortfolioHighlight {
  text: string;
  /** The PDF page the quote is on ("12"), null for web pages. */
  page: string | null;
  /** APA in-text citation for the quote, e.g. "(Koenen, 2016)", with the page of a PDF ("(Koenen, 2016, p. 12)"); empty for a note without a source. */
  citation: string;
  note: string;
  colour: HighlightColour;
  colourLabel: string;
}

export interface PortfolioReflection {
  id: string;
  /** The guide's name (a preset's in the portfolio's language). */
  guide: string;
  date: string;
  /** Every question answered (it counts). */
  complete: boolean;
  /** The answered questions only. */
  answers: { heading: string; question: string; answer: string; change: boolean }[];
}

export interface PortfolioAttachment {
  id: string;
  hash: string;
  name: string;
  type: string;
  size: number;
}

/** A piece of evidence, described once. */
export interface PortfolioClip {
  id: string;
  /** Its number in the portfolio ("Bewijs 3"), in order of description. */
  number: number;
  title: string;
  kind: EvidenceKind;
  kindLabel: string;
  /** http(s) source address, or null for evidence without a source page. */
  url: string | null;
  site: string | null;
  author: string | null;
  /** Publication date as the page gave it, formatted for the locale when it is a full date. */
  published: string | null;
  /** Capture date formatted for the locale. */
  captured: string;
  /** The filled card fields of its kind, labelled. */
  card: { field: CardField; label: string; value: string }[];
  attachments: PortfolioAttachment[];
  /** Guided reflections with at least one answered question. */
  reflections: PortfolioReflection[];
  /** The free note without prompts the app once inserted ('' when nothing is left). */
  reflection: string;
  highlights: PortfolioHighlight[];
  reference: string;
}

/** Under a theme: evidence described here, or a reference to where it is described. */
export type PortfolioEntry =
  { type: 'item'; item: PortfolioClip } | { type: 'ref'; id: string; number: number; title: string; kind: EvidenceKind; kindLabel: string; themeName: string; themeIndex: number };

export interface PortfolioLeervraag {
  id: string;
  text: string;
  status: LeervraagStatus;
  statusLabel: string;
  actions: { text: string; done: boolean }[];
  /** The linked evidence: its number in this portfolio (null when it is not in it) and title. */
  evidence: { id: string; number: number | null; title: string; kindLabel: string }[];
}

export interface PortfolioTheme {
  id: string;
  name: string;
  /** The theme's number as its text says it ("regel 7"), or null. */
  numberLabel: string | null;
  /** Its group in the framework ("Houdingsprincipes"), or null. */
  group: string | null;
  description: string | null;
  /** Answered reflections on the theme's evidence (in this portfolio). */
  answered: number;
  leervragen: PortfolioLeervraag[];
  entries: PortfolioEntry[];
  /** "Wat ik nu anders doe": the growth answer of the theme ('' when none) … */
  changed: string;
  /** … the answers that say what changes, with the evidence they belong to … */
  changes: { number: number; title: string; answer: string }[];
  /** … and the self-ratings per period. */
  ratings: { period: string; rating: number; label: string }[];
}

export interface PortfolioReference {
  text: string;
  /** The same text in runs, with the parts APA sets in italics marked. */
  runs: { text: string; italic: boolean }[];
}

export interface PortfolioModel {
  locale: PortfolioLocale;
  labels: PortfolioLabels;
  cover: { title: string; course: string; period: string; author: string; framework: string; date: string };
  /** Leervragen for the whole dossier. */
  leervragen: PortfolioLeervraag[];
  themes: PortfolioTheme[];
  /** Alphabetical, deduplicated. */
  references: PortfolioReference[];
}
