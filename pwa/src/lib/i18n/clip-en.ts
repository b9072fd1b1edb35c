// English texts for reading a clip (same keys as clip-nl.ts).
import type { clipNl } from './clip-nl.js';

export const clipEn: typeof clipNl = {
  clipText: {
    image: 'Image',
    imagesHint: 'Knipsel does not load images that were not kept: click to see them at the source.',
    clean: 'Clean up',
    cleanHint: 'Remove parts that do not belong to the text (menus, cookie notices, adverts). The original is kept.',
    cleanDone: 'Done',
    removeBlock: 'Remove',
    restoreBlock: 'Put back',
    blockRemoved: 'Part removed',
    removedCount: (n: number) => (n === 1 ? '1 part removed' : `${n} parts removed`),
    restoreAll: 'Put everything back',
    markHint: 'Select text to highlight it.',
    mark: 'Highlight',
    markAs: 'Highlight as',
    markNote: 'Note on the highlight (optional)',
    marked: 'Highlight saved',
    edit: 'Edit',
    editTitle: 'Edit highlight',
    colour: 'Colour',
    note: 'Note',
    remove: 'Delete',
    highlightChanged: 'Highlight changed',
    highlightRemoved: 'Highlight deleted',
    cancel: 'Cancel',
  },
};
