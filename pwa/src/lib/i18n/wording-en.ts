// English texts for theme wording, suggested themes and the source of a reference (keys as wording-nl.ts).
import type { wordingNl } from './wording-nl.js';

export const wordingEn: typeof wordingNl = {
  wording: {
    also: (names) => `also: ${names}`,
    search: 'Find a theme',
    searchPlaceholder: 'Name, number or word, for example ‘rule 7’ or ‘eigenaarschap’',
    noMatch: 'No theme found.',
    suggested: 'Might fit',
    suggestedHint: 'The text resembles the wording of these themes. Click one to add it; ignore the rest.',
    suggestAddPrefix: 'Add theme: ',
  },
  source: {
    title: 'Source for the reference',
    intro: 'Did the page get something wrong or leave it out? Correct it here. Your own title for the clip never goes into the reference.',
    edit: 'Edit source',
    sourceTitle: 'Title of the source',
    authors: 'Authors',
    authorsHint: 'Like ‘Jaap Ikink and Ben Koenen’. Empty: no author.',
    published: 'Date published',
    publishedHint: 'YYYY, YYYY-MM or YYYY-MM-DD. Empty: n.d.',
    site: 'Website or periodical',
    save: 'Save source',
    reset: 'Back to the page',
    saved: 'Source updated',
    badDate: 'Write the date as 2016, 2016-12 or 2016-12-16.',
    inText: 'In-text citation',
    kind: 'Kind of source',
    kinds: { auto: 'As recognised', blog: 'Blog post', news: 'News item', report: 'Report or publication', webpage: 'Web page' },
  },
};
