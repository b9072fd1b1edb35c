// The shapes of a clip as evidence: its kind, the card the user fills in, attached files and
// guided reflections. Persisted inside the dossier's Y.Doc (see evidence-layout.ts); types.ts
// re-exports them with the other shapes of a dossier.
import type { Author } from './author.js';

/**
 * What a piece of evidence is. `praktijkvoorbeeld`: someone else's practice (a clipped page
 * or pasted text); `eigen-praktijk`: a situation from the user's own work; `feedback`: what a
 * colleague, a client group or an assessor said.
 */
export const evidenceKinds = ['praktijkvoorbeeld', 'eigen-praktijk', 'feedback'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

/** Who gave feedback. */
export const feedbackSources = ['collega', 'bewoners', 'assessor', 'anders'] as const;
export type FeedbackSource = (typeof feedbackSources)[number];

/** The fields of the card a user fills in about a piece of evidence, and what each holds. */
export const cardFields = [
  'context', // praktijkvoorbeeld: wijk, organisation
  'initiative', // praktijkvoorbeeld: whose initiative it was
  'worked', // praktijkvoorbeeld: what worked
  'notWorked', // praktijkvoorbeeld: what did not work
  'myWijk', // praktijkvoorbeeld: "Wat zou dit in mijn wijk vragen?"
  'date', // eigen-praktijk and feedback: the day it happened, YYYY-MM-DD (or empty)
  'place', // eigen-praktijk: where
  'involved', // eigen-praktijk: who was involved (roles, never clients' names)
  'happened', // eigen-praktijk: what happened
  'from', // feedback: who said it (a name or a role)
  'fromRole', // feedback: what kind of source (a FeedbackSource), empty when not chosen
  'said', // feedback: what was said
] as const;
export type CardField = (typeof cardFields)[number];

/**
 * The short card a user fills in about a piece of evidence, one string per `cardFields` entry
 * (last writer wins per field), empty when not filled in; which fields a screen offers
 * depends on the kind, but switching kind keeps them all.
 */
export type EvidenceCard = { [F in CardField]: F extends 'fromRole' ? FeedbackSource | '' : string };

/** A photo or file attached to a clip. The bytes live in the blob store under `hash`. */
export interface Attachment {
  id: string;
  /** SHA-256 of the bytes, lowercase hex. */
  hash: string;
  /** The file name as the user picked it. */
  name: string;
  /** MIME type, e.g. image/jpeg. */
  type: string;
  /** Bytes. */
  size: number;
  /** ms since the epoch. */
  addedAt: number;
}

/** One question of a reflection guide as the reflection keeps it. */
export interface GuidePrompt {
  id: string;
  /** Short heading, e.g. "Situatie". */
  heading: string;
  /** The question, e.g. "Wat gebeurde er, waar en met wie?". */
  question: string;
  /** The answer says what the user now does differently (collected under "Wat ik nu anders doe"). */
  change?: boolean;
}

/** A reflection on a clip that follows a guide: one answer (a Y.Text in the doc) per question. */
export interface Reflection {
  id: string;
  /** A preset guide id (core/learning/guides.ts) or an own guide's id. */
  guideId: string;
  /** The guide's name when the reflection was started (for own guides that were deleted since). */
  guideName: string;
  /** The guide's questions when the reflection was started. */
  prompts: GuidePrompt[];
  /** promptId → answer text ('' when unanswered). */
  answers: Record<string, string>;
  /** ms since the epoch. */
  createdAt: number;
  updatedAt: number;
  /**
   * The member who started it in a shared dossier (`by` on its map): only they write in it;
   * others comment beside it. Null when started without a known member.
   */
  by?: Author | null;
}
