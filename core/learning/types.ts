// The shapes of a dossier's learning plan as callers see them: own reflection guides,
// leervragen with their actions and evidence, growth periods, self-ratings and the
// "gaandeweg veranderd" answer per theme. Where each lives in the doc: dossier/doc-layout.ts.
import type { EvidenceKind, GuidePrompt } from '../dossier/types.js';

/** A reflection guide the user made in this dossier. */
export interface OwnGuide {
  id: string;
  name: string;
  /** The kinds of evidence it fits. */
  kinds: EvidenceKind[];
  prompts: GuidePrompt[];
  /** ms since the epoch. */
  createdAt: number;
}

export type LeervraagStatus = 'open' | 'bezig' | 'beantwoord';
export const leervraagStatuses: readonly LeervraagStatus[] = ['open', 'bezig', 'beantwoord'];

/** A planned action towards a leervraag ("Ik loop een dag mee met …"). */
export interface LeervraagAction {
  id: string;
  text: string;
  done: boolean;
  /** ms since the epoch. */
  createdAt: number;
}

/** "Wat wil ik leren?" — for the whole dossier or one theme. */
export interface Leervraag {
  id: string;
  text: string;
  /** The theme it belongs to; null for the whole dossier. */
  themeId: string | null;
  status: LeervraagStatus;
  /** Ids of the clips (evidence) that answer it. */
  evidence: string[];
  actions: LeervraagAction[];
  createdAt: number;
  updatedAt: number;
}

/** A stretch of time the user rates themselves in (a module, a semester). */
export interface Period {
  id: string;
  name: string;
  /** First day, YYYY-MM-DD (orders the periods). */
  startsOn: string;
  createdAt: number;
}

/** A self-rating, 1 (beginnend) to 5 (vanzelfsprekend). */
export type Rating = 1 | 2 | 3 | 4 | 5;
