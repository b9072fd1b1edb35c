// Reads the Netscape bookmark file every browser exports (Chrome, Edge, Firefox, Safari):
// <DL> lists of <DT><A HREF ADD_DATE TAGS> links and <DT><H3> folders, with <DD> notes.
// A tolerant tokenizer, no DOM: it runs the same in Node, the web app and a worker.
// Folders become tags (except the browsers' own top folders such as the bookmarks bar).
import { createCollector, decodeEntities, parseDate, type ParsedImport } from './bookmarks.js';

/** Browser top-level folders that say nothing about the content. Compared case-insensitively. */
const containerFolders = new Set(
  [
    'Bookmarks', 'Bladwijzers', 'Favorieten', 'Favorites',
    'Bookmarks bar', 'Bookmarks toolbar', 'Bladwijzerbalk', 'Bladwijzerwerkbalk', 'Favorites bar', 'Favorietenbalk',
    'Other bookmarks', 'Andere bladwijzers', 'Overige bladwijzers', 'Other favorites', 'Overige favorieten',
    'Bookmarks menu', 'Bladwijzermenu', 'Mobile bookmarks', 'Mobiele bladwijzers', 'Unsorted bookmarks',
    'Reading list', 'Leeslijst', 'Imported', 'Geïmporteerd',
  ].map((n) => n.toLowerCase()),
);

const tagSource = /<(\/?)(dl|dt|dd|h3|a|h1|title)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const attrPattern = /([a-z_:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

function attributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(attrPattern)) out[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}

const closers: Record<string, RegExp> = { a: /<\/a\s*>|<dt\b|<dl\b|<\/dl\b/gi, h3: /<\/h3\s*>|<dt\b|<dl\b/gi };

/** Where the element's text ends: its closing tag, or the next list item when it is missing. */
function findClose(html: string, tag: 'a' | 'h3', from: number): number {
  const pattern = closers[tag];
  pattern.lastIndex = from;
  const found = pattern.exec(html);
  return found ? found.index : Math.min(html.length, from + 2_000);
}

function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

export function parseNetscapeBookmarks(html: string): ParsedImport {
  const collector = createCollector('netscape-html');
  const folders: (string | null)[] = [];
  let pendingFolder: string | null = null;
  let last: { row: number; url: string; title: string; tags: string[]; addedAt: number | null; note: string } | null = null;
  const flush = () => {
    if (last) collector.add(last.row, last);
    last = null;
  };
  const lineAt = (() => {
    let index = 0;
    let line = 1;
    return (offset: number) => {
      for (; index < offset; index++) if (html.charCodeAt(index) === 10) line++;
      return line;
    };
  })();

  const tagPattern = new RegExp(tagSource.source, 'gi');
  let match: RegExpExecArray | null;
  while ((match = tagPattern.exec(html))) {
    const [whole, closing, rawName, attrSource] = match;
    const name = rawName.toLowerCase();
    const after = match.index + whole.length;
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
      const end = findClose(html, 'h3', after);
      const title = textOf(html.slice(after, end));
      const attrs = attributes(attrSource);
      const container = 'personal_toolbar_folder' in attrs || 'unfiled_bookmarks_folder' in attrs || containerFolders.has(title.toLowerCase());
      pendingFolder = container ? null : title || null;
    } else if (name === 'a') {
      flush();
      const attrs = attributes(attrSource);
      const end = findClose(html, 'a', after);
      const title = textOf(html.slice(after, end));
      const tags = [
        ...(folders.filter((f): f is string => f !== null)),
        ...(attrs.tags ? attrs.tags.split(',') : []),
      ];
      last = { row: lineAt(match.index), url: attrs.href ?? '', title, tags, addedAt: parseDate(attrs.add_date), note: '' };
    } else if (name === 'dd') {
      // A note belongs to the link just before it (a <DD> after a folder describes the folder).
      const next = html.indexOf('<', after);
      const note = decodeEntities(html.slice(after, next < 0 ? html.length : next)).trim();
      if (last && note) last.note = note;
    }
  }
  flush();
  return collector.result();
}
