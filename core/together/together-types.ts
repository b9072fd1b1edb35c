// The shapes of working together in a shared dossier: comments (intervisie), handed-in
// portfolio versions and the feedback on them. One doc comment per persisted field.
import type { Author } from '../dossier/types.js';
import type { PortfolioModel } from '../export/portfolio-model.js';

/** A comment, a question for the group, or an answer under either. Never edited after. */
export interface Comment {
  id: string;
  /** Who wrote it (their id and the name they chose then). */
  author: Author;
  /** When it was written (ms since 1970). */
  at: number;
  /** The words, plain text. */
  text: string;
  /** The clip or experience it reacts to; null for a question to the whole group. */
  clipId: string | null;
  /** The comment or question it answers; null when it opens a thread. */
  parentId: string | null;
  /** True for a question brought in for the group ("hoe voorkom je dan…?"). */
  question: boolean;
}

/** A thread: the opening comment or question and its answers, oldest first. */
export interface CommentThread {
  opening: Comment;
  answers: Comment[];
}

/** A portfolio handed in for a module: frozen, dated, named. Later edits do not touch it. */
export interface HandIn {
  id: string;
  /** The name the student gave the version ("Eindportfolio module 2"). */
  name: string;
  /** The module it is handed in for. */
  module: string;
  /** When it was handed in. */
  at: number;
  /** Who handed it in. */
  by: Author;
  /** The framework chosen for assessment (its themes travel inside `portfolio`). */
  frameworkId: string;
  frameworkName: string;
  /** The portfolio as it was at that moment (Dutch), plain data (labels are the locale's). */
  portfolio: PortfolioModel;
}

/** What a piece of feedback is about. */
export type FeedbackTarget = { kind: 'overall' } | { kind: 'theme'; themeId: string } | { kind: 'clip'; clipId: string };

/** Feedback of an assessor on a handed-in version. */
export interface Feedback {
  id: string;
  handInId: string;
  target: FeedbackTarget;
  /** The assessor's name as they gave it. */
  authorName: string;
  at: number;
  text: string;
}
