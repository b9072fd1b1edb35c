// The Yjs update that writes one piece of feedback, made apart from any dossier doc: a
// read-only assessor cannot write to the doc, so the relay checks their feedback and applies
// this update itself. One new key in the root `feedback` map, from a fresh client id, fits
// into any doc that does not have that key yet.
import * as v from 'valibot';
import * as Y from 'yjs';
import { parse } from '../dossier/schema.js';
import { feedbackInputSchema } from './together-schema.js';

export type FeedbackMessage = v.InferOutput<typeof feedbackInputSchema>;

/** The kind tag of feedback sent to the relay as a stateless message. */
export const feedbackMessageType = 'knipsel/feedback';

/** Parse a stateless payload from an assessor (throws `invalid-input`). */
export function parseFeedbackMessage(payload: string): FeedbackMessage {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    json = null;
  }
  const message = parse(v.object({ type: v.literal(feedbackMessageType), feedback: feedbackInputSchema }), json, 'feedback message');
  return message.feedback;
}

export function feedbackMessage(feedback: FeedbackMessage): string {
  return JSON.stringify({ type: feedbackMessageType, feedback });
}

export function feedbackUpdate(feedback: FeedbackMessage, at: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('feedback').set(feedback.id, { handInId: feedback.handInId, target: feedback.target, authorName: feedback.authorName, at, text: feedback.text });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
