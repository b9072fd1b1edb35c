// Reads the Netscape bookmark file every browser exports (Chrome, Edge, Firefox, Safari):
// <DL> lists of <DT><A HREF ADD_DATE TAGS> links and <DT><H3> folders, with <DD> notes.
// One pass over the tokens of markup-tokens.ts (linear in the file, whatever it holds), no
// DOM: it runs the same in Node, the web app and a worker. Folders become tags (except the
// browsers' own top folders such as the bookmarks bar). Links whose tag is broken (no `>`)
// are skipped and counted in one problem.
import { createCollector, decodeEntities, parseDate, type ParsedImport } from './bookmarks.js';
import { markupTokens, type MarkupMeter } from './markup-tokens.js';

/** Browser top-level folders that say nothing about the content. Compared case-insensitively. */
const containerFolders = new Set(
  [
    'Bookmarks',
    'Bladwijzers',
    'Favorieten',
    'Favorites',
    'Bookmarks bar',
    'Bookmarks toolbar',
    'Bladwijzerbalk',
    'Bladwijzerwerkbalk',
    'Favorites bar',
    'Favorietenbalk',
    'Other bookmarks',
    'Andere bladwijzers',
    'Overige bladwijzers',
    'Other favorites',
    'Overige favorieten',
    'Bookmarks menu',
    'Bladwijzermenu',
    'Mobile bookmarks',
    'Mobiele bladwijzers',
    'Unsorted bookmarks',
    'Reading list',
    'Leeslijst',
    'Imported',
    'Geïmporteerd',
  ].map((n) => n.toLowerCase()),
);

/** Raw characters of a link or folder title kept (the collector shortens titles to 2,000). */
const maxTitleChars = 8_000;

/** Tags that end a link's or folder's title when its own closing tag is missing. */
const structural = new Set(['dl', 'dt', 'dd', 'h3', 'a']);

type Link = { row: number; url: string; title: string; tags: string[]; addedAt: number | null; note: string };

export interface NetscapeOptions {
  /** Counts the characters visited (the tokenizer's scans and the line count; see markup-tokens.ts). */
  meter?: MarkupMeter;
}

function titleText(parts: string[]): string {
  const text = parts.join('');
  return (text.includes('&') ? decodeEntities(text) : text).replace(/\s+/g, ' ').trim();
}

export function parseNetscapeBookmarks(html: string, options: NetscapeOptions = {}): ParsedImport {
  const collector = createCollector('netscape-html');
  const folders: (string | null)[] = [];
  let pendingFolder: string | null = null;
  let last: Link | null = null;
  // The title being read: of the link in `last`, or of a folder (with its attributes).
  let title: { of: 'a' | 'h3'; parts: string[]; length: number; attributes: ReadonlyMap<string, string> } | null = null;
  // Only the text right after a <DD>, up to the next tag, is its note.
  let noteNext = false;
  const broken = { count: 0, row: 0, value: '', atEnd: false };

  const flush = () => {
    if (last) collector.add(last.row, last);
    last = null;
  };
  const endTitle = () => {
    if (!title) return;
    const text = titleText(title.parts);
    if (title.of === 'a') {
      if (last) last.title = text;
    } else {
      const attrs = title.attributes;
      const container = attrs.has('personal_toolbar_folder') || attrs.has('unfiled_bookmarks_folder') || containerFolders.has(text.toLowerCase());
      pendingFolder = container ? null : text || null;
    }
    title = null;
  };
  const meter = options.meter ?? { steps: 0 };
  const lineAt = (() => {
    let index = 0;
    let line = 1;
    return (offset: number) => {
      if (offset > index) meter.steps += offset - index;
      for (; index < offset; index++) if (html.charCodeAt(index) === 10) line++;
      return line;
    };
  })();

  for (const token of markupTokens(html, meter)) {
    if (token.kind === 'text') {
      if (noteNext) {
        const note = decodeEntities(token.text).trim();
        if (last && note) last.note = note;
      } else if (title && title.length < maxTitleChars) {
        const part = token.text.slice(0, maxTitleChars - title.length);
        title.parts.push(part);
        title.length += part.length;
      }
      noteNext = false;
      continue;
    }
    noteNext = false;
    if (title && (structural.has(token.name) ? !token.closing || token.name === 'dl' || token.name === title.of : false)) endTitle();
    if (token.kind === 'broken') {
      if (token.name === 'a' && !token.closing) {
        flush();
        if (broken.count++ === 0) {
          broken.row = lineAt(token.start);
          broken.value = html.slice(token.start, Math.min(token.end, token.start + 120));
        }
        broken.atEnd = token.end >= html.length;
      }
      continue;
    }
    const { name, closing, attributes } = token;
    if (closing) {
      if (name === 'dl') {
        flush();
        folders.pop();
      }
      continue;
    }
    if (name === 'dl') {
      flush();
      folders.push(pendingFolder);
      pendingFolder = null;
    } else if (name === 'h3') {
      flush();
      title = { of: 'h3', parts: [], length: 0, attributes };
    } else if (name === 'a') {
      flush();
      const tags = attributes.get('tags');
      last = {
        row: lineAt(token.start),
        url: decodeEntities(attributes.get('href') ?? ''),
        title: '',
        tags: [...folders.filter((f): f is string => f !== null), ...(tags ? decodeEntities(tags).split(',') : [])],
        addedAt: parseDate(decodeEntities(attributes.get('add_date') ?? '')),
        note: '',
      };
      title = { of: 'a', parts: [], length: 0, attributes };
    } else if (name === 'dd') {
      // A note belongs to the link just before it (a <DD> after a folder describes the folder).
      noteNext = true;
    }
  }
  endTitle();
  flush();
  if (broken.count > 0) {
    const cut = broken.count === 1 && broken.atEnd;
    collector.problem(
      broken.row,
      'incomplete',
      broken.value,
      cut ? 'The file ends in the middle of a bookmark (cut off?); that bookmark was skipped.' : `${broken.count} damaged bookmarks (a tag without its end) were skipped.`,
      cut
        ? 'Het bestand houdt midden in een bladwijzer op (afgebroken?); die bladwijzer is overgeslagen.'
        : `${broken.count.toLocaleString('nl-NL')} bladwijzers zijn beschadigd (een tag zonder einde) en overgeslagen.`,
    );
  }
  return collector.result();
}
