// English: what empty screens on the first load say next; same keys as next-nl.ts.
import type { nextNl } from './next-nl.js';

export const nextEn: typeof nextNl = {
  next: {
    clipTip: 'To clip: open a web page, click the Knipsel icon in the toolbar and choose “Clip”.',
    listEmpty: 'No clips in this dossier yet. Clip a web page with the extension, add a link or text here, or bring in your bookmarks.',
    importBookmarks: 'Import bookmarks',
    boardEmpty: 'No clips to sort yet. Once you clip, they arrive here under Unsorted and you drag or tap them to a theme.',
    toList: 'To the clips',
    imported: (n) => (n === 1 ? 'Showing the clip you just imported.' : `Showing the ${n} clips you just imported.`),
    allClips: 'Show all clips',
    portfolioEmpty: 'No clips yet. First clip and sort a few examples; here you then see how much evidence you have per theme.',
  },
};
