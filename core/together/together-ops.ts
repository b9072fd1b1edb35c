// Comments, handed-in versions and feedback in a dossier's doc. Each lives as one plain
// value under its own unique key in its root map (`comments`, `handIns`, `feedback`):
// nothing is edited after it is written, so what two members write at once simply merges.
// Operations validate first and go through `localEdit` (refused, with nothing changed, on a
// read-only replica); readers skip whatever a peer wrote that does not fit the schema.
import * as v from 'valibot';
import type * as Y from 'yjs';
import { isClipMap, roots } from '../dossier/doc-layout.js';
import { parse } from '../dossier/schema.js';
import type { Author } from '../dossier/types.js';
import { validOnce } from '../dossier/valid-once.js';
import { localEdit } from '../dossier/write-guard.js';
import { KnipselError } from '../errors.js';
import { portfolioLabels } from '../export/portfolio-labels.js';
import { createId } from '../ids.js';
import { authorSchema, commentInputSchema, feedbackInputSchema, storedCommentSchema, storedFeedbackSchema, storedHandInSchema } from './together-schema.js';
import type { Comment, CommentThread, Feedback, HandIn } from './together-types.js';

export type CommentInput = v.InferInput<typeof commentInputSchema>;
export type FeedbackInput = v.InferInput<typeof feedbackInputSchema>;

const validComment = validOnce(storedCommentSchema);
const validFeedback = validOnce(storedFeedbackSchema);
const validHandIn = validOnce(storedHandInSchema);

const byTime = <T extends { at: number; id: string }>(a: T, b: T) => a.at - b.at || a.id.localeCompare(b.id);

export function createTogetherOps(doc: Y.Doc, now: () => number = Date.now) {
  const r = roots(doc);

  function comments(): Comment[] {
    const out: Comment[] = [];
    for (const [id, value] of r.comments.entries()) if (validComment(value)) out.push({ id, ...value, author: { ...value.author } });
    return out.sort(byTime);
  }

  function handIns(): HandIn[] {
    const out: HandIn[] = [];
    for (const [id, value] of r.handIns.entries()) {
      if (!validHandIn(value)) continue;
      const stored = value as unknown as Omit<HandIn, 'id'>;
      out.push({ id, ...stored, portfolio: { ...stored.portfolio, labels: portfolioLabels[stored.portfolio.locale] } });
    }
    return out.sort((a, b) => b.at - a.at || a.id.localeCompare(b.id));
  }

  return {
    /** Every comment, oldest first. */
    comments,

    /** The threads on a clip (or, with null, the group's questions), oldest opening first. */
    threads(clipId: string | null): CommentThread[] {
      const all = comments();
      const openings = all.filter((c) => c.parentId === null && c.clipId === clipId);
      return openings.map((opening) => ({ opening, answers: all.filter((c) => c.parentId === opening.id) }));
    },

    /**
     * Write a comment as `author`: on a clip, as a question for the group (`question`, no
     * clip needed), or as an answer (`parentId`, which takes its thread's clip). Returns its id.
     */
    addComment(input: CommentInput, author: Author): string {
      const parsed = parse(commentInputSchema, input, 'comment');
      const who = parse(authorSchema, author, 'author');
      let clipId = parsed.clipId;
      if (parsed.parentId !== null) {
        const parent = r.comments.get(parsed.parentId);
        if (!validComment(parent)) throw new KnipselError('not-found', `No comment with id ${parsed.parentId}.`, { id: parsed.parentId, nl: 'Die reactie bestaat niet (meer).' });
        if (parent.parentId !== null) throw new KnipselError('invalid-input', 'Answer the opening comment of a thread.', { id: parsed.parentId });
        clipId = parent.clipId;
      } else if (clipId !== null && !isClipMap(r.clips.get(clipId))) {
        throw new KnipselError('not-found', `No clip with id ${clipId}.`, { id: clipId, nl: 'Dat knipsel bestaat niet (meer).' });
      } else if (clipId === null && !parsed.question) {
        throw new KnipselError('invalid-input', 'A comment reacts to a clip or is a question for the group.', {});
      }
      const id = createId();
      localEdit(doc, () => {
        r.comments.set(id, { author: who, at: now(), text: parsed.text, clipId, parentId: parsed.parentId, question: parsed.parentId === null && parsed.question });
      });
      return id;
    },

    /** Handed-in versions, newest first. */
    handIns,

    handIn(id: string): HandIn | undefined {
      return handIns().find((h) => h.id === id);
    },

    /** Store a frozen version (built by `handInPortfolio`). Returns its id. */
    addHandIn(handIn: Omit<HandIn, 'id'>): string {
      // Plain JSON: the labels (with their plural functions) come back from the locale on read.
      const { labels: _labels, ...portfolio } = handIn.portfolio;
      const plain = JSON.parse(JSON.stringify({ ...handIn, portfolio })) as unknown;
      const parsed = parse(storedHandInSchema, plain, 'hand-in');
      const id = createId();
      localEdit(doc, () => r.handIns.set(id, parsed));
      return id;
    },

    /** Feedback on a handed-in version, oldest first. */
    feedback(handInId: string): Feedback[] {
      const out: Feedback[] = [];
      for (const [id, value] of r.feedback.entries()) if (validFeedback(value) && value.handInId === handInId) out.push({ id, ...value });
      return out.sort(byTime);
    },

    /**
     * Write feedback on a replica that may edit (a read-only assessor's goes through the
     * relay, which writes the same entry: `feedbackUpdate`).
     */
    addFeedback(input: FeedbackInput): string {
      const parsed = parse(feedbackInputSchema, input, 'feedback');
      checkFeedbackTarget(doc, parsed);
      localEdit(doc, () => r.feedback.set(parsed.id, { handInId: parsed.handInId, target: parsed.target, authorName: parsed.authorName, at: now(), text: parsed.text }));
      return parsed.id;
    },
  };
}

export type TogetherOps = ReturnType<typeof createTogetherOps>;

/** Throws unless the feedback names a handed-in version of this doc and a fresh id. */
export function checkFeedbackTarget(doc: Y.Doc, input: v.InferOutput<typeof feedbackInputSchema>): void {
  const r = roots(doc);
  if (!validHandIn(r.handIns.get(input.handInId))) {
    throw new KnipselError('not-found', `No handed-in version ${input.handInId}.`, { id: input.handInId, nl: 'Die ingeleverde versie bestaat niet (meer).' });
  }
  if (r.feedback.has(input.id)) throw new KnipselError('conflict', `Feedback ${input.id} already exists.`, { id: input.id });
}
