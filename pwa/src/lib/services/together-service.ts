// Working together in one open dossier for the screens: comments and questions with their
// author, handing in a portfolio, feedback (written here by an editor; a read-only
// assessor's goes through the relay), feedback kept as evidence, and the moment this member
// last looked (a pref on this device, per dossier). Every write is followed by a flush.
import { createId, evidenceCapture, type Author, type OpenDossier } from '@knipsel/core';
import { handInPortfolio, type FeedbackInput, type HandInInput } from '@knipsel/core/together';
import { persisting, type Persist } from './persist.js';

export interface Prefs {
  getPref<T>(key: string): Promise<T | undefined>;
  setPref(key: string, value: unknown): Promise<void>;
}

const memberPref = 'together.member';
const seenPref = (dossierId: string) => `together.seen.${dossierId}`;

/** This device's member id (made once): the author id of what this member writes. */
export async function memberId(prefs: Prefs): Promise<string> {
  const stored = await prefs.getPref<string>(memberPref);
  if (typeof stored === 'string' && /^[\w-]{8,64}$/.test(stored)) return stored;
  const id = `lid-${createId()}`;
  await prefs.setPref(memberPref, id);
  return id;
}

export function createTogetherService(open: OpenDossier, prefs: Prefs, persist: Persist, now: () => number = Date.now) {
  const { dossier } = open;
  const write = persisting(persist);
  const ops = dossier.together;
  return {
    comments: () => ops.comments(),
    threads: (clipId: string | null) => ops.threads(clipId),
    comment: (text: string, clipId: string, author: Author) => write(() => ops.addComment({ text, clipId }, author)),
    ask: (text: string, author: Author) => write(() => ops.addComment({ text, question: true }, author)),
    answer: (parentId: string, text: string, author: Author) => write(() => ops.addComment({ text, parentId }, author)),

    handIns: () => ops.handIns(),
    handIn: (id: string) => ops.handIn(id),
    hand: (input: HandInInput, author: Author) => write(() => handInPortfolio(dossier, input, author, now())),

    feedback: (handInId: string) => ops.feedback(handInId),
    addFeedback: (input: FeedbackInput) => write(() => ops.addFeedback(input)),

    /** Keep a piece of feedback as evidence of the kind `feedback` (who, when, what was said). */
    keepAsEvidence(input: { title: string; from: string; at: number; said: string }): string {
      const capture = evidenceCapture({ title: input.title, capturedAt: now() });
      const date = new Date(input.at).toISOString().slice(0, 10);
      return write(() => dossier.clips.add({ capture, title: capture.title, kind: 'feedback', card: { from: input.from, fromRole: 'assessor', said: input.said, date } }));
    },

    /** When this member last looked at the dossier's comments (null: never). */
    seenAt: async (): Promise<number | null> => (await prefs.getPref<number>(seenPref(open.id))) ?? null,
    markSeen: (at: number = now()) => prefs.setPref(seenPref(open.id), at),
  };
}

export type TogetherService = ReturnType<typeof createTogetherService>;
