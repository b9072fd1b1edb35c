// English texts for what is shared to the app from a phone (same keys as shared-nl.ts).
import type { sharedNl } from './shared-nl.js';

export const sharedEn: typeof sharedNl = {
  shared: {
    title: 'Shared with Knipsel',
    saving: 'Saving…',
    saved: 'Saved in Knipsel',
    failed: 'What you shared could not be received. Please share it again.',
    nothing: 'Nothing is waiting to be saved.',
    photo: (date: string) => `Photo of ${date}`,
    toComplete: 'To complete',
    toCompleteHint: 'Only the link was saved. The Knipsel extension on your computer fills in the page’s text once the dossier is there.',
    toList: 'To the clips',
  },
};
