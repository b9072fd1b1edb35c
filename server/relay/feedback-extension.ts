// Feedback from an assessor with a read-only link. Hocuspocus refuses every update of a
// read-only connection, so the assessor sends the feedback as a stateless message; this
// extension checks it (core's schema: a handed-in version of this dossier, a fresh id,
// plain text of bounded size), writes the one-entry update to the store first (write-ahead,
// like every other update) and then applies it to the document, which passes it on to every
// member. Nothing else a read-only member sends can change the dossier.
import type { Extension } from '@hocuspocus/server';
import * as Y from 'yjs';
import { checkFeedbackTarget, feedbackMessageType, feedbackUpdate, parseFeedbackMessage, type FeedbackMessage } from '@knipsel/core/together';
import type { RelayStore } from './relay-store.js';

/** Origin of the feedback the relay writes into a document. */
export const feedbackOrigin = { relay: 'feedback' };

export interface FeedbackExtensionOptions {
  store: RelayStore;
  log: (line: string) => void;
  now?: () => number;
}

export function createFeedbackExtension({ store, log, now = Date.now }: FeedbackExtensionOptions): Extension {
  return {
    extensionName: 'knipsel-feedback',
    async onStateless({ documentName, document, payload, connection }) {
      if (!payload.includes(feedbackMessageType)) return;
      const reply = (ok: boolean, id: string | null) => connection.sendStateless(JSON.stringify({ type: `${feedbackMessageType}-stored`, ok, id }));
      let feedback: FeedbackMessage | null = null;
      try {
        feedback = parseFeedbackMessage(payload);
        checkFeedbackTarget(document, feedback);
      } catch (error) {
        log(`relay: refused feedback for ${documentName}: ${(error as Error).message.slice(0, 200)}`);
        return reply(false, feedback?.id ?? null);
      }
      const update = feedbackUpdate(feedback, now());
      try {
        await store.appendUpdate(documentName, update);
      } catch (error) {
        log(`relay: could not store feedback for ${documentName}: ${(error as Error).message}`);
        return reply(false, feedback.id);
      }
      Y.applyUpdate(document, update, feedbackOrigin);
      reply(true, feedback.id);
    },
  };
}
