// Reads the CSV exports of Pocket, Raindrop.io and Omnivore (and any CSV with a url column)
// into ImportedBookmarks. Columns are found by header name, so extra or reordered columns
// are fine.
//   Pocket:   title,url,time_added,tags,status          tags "a|b", time in seconds
//   Raindrop: id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite
//             tags "a, b", folder "Werk/Wijkteam", created ISO 8601
//   Omnivore: the service had no CSV export of its own (its export was JSON, see
//             omnivore-json in this folder); the CSVs people made from it and fed to its
//             importer use url,state,labels,saved_at,published_at (+ title, description).
//             Assumed here: labels "[a,b]", "a,b" or "a;b"; saved_at ms, seconds or ISO.
import { createCollector, parseDate, type ImportFormat, type ParsedImport } from './bookmarks.js';
import { parseCsv } from './csv.js';

type Row = (name: string) => string;

const splitters: Record<string, RegExp> = {
  pipe: /\|/,
  comma: /,/,
  list: /[,;|]/,
};

export function csvHeaderFormat(header: string[]): ImportFormat | null {
  const has = (...names: string[]) => names.every((n) => header.includes(n));
  if (has('url', 'folder', 'tags', 'created') && (has('excerpt') || has('note'))) return 'raindrop-csv';
  if (has('url', 'time_added')) return 'pocket-csv';
  if (has('url') && (has('labels') || has('saved_at') || has('savedat') || has('state'))) return 'omnivore-csv';
  if (has('url') || has('link') || has('href') || has('address')) return 'csv';
  return null;
}

export function parseCsvBookmarks(text: string, format?: ImportFormat): ParsedImport {
  const { rows, unterminated } = parseCsv(text);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  const detected = format ?? csvHeaderFormat(header) ?? 'csv';
  const collector = createCollector(detected);
  const index = new Map(header.map((name, i) => [name, i] as const));
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r];
    const get: Row = (name) => {
      const i = index.get(name);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const row = r; // 1-based data row number
    if (detected === 'pocket-csv') {
      collector.add(row, { url: get('url'), title: get('title'), tags: split(get('tags'), splitters.pipe), addedAt: parseDate(get('time_added')) });
    } else if (detected === 'raindrop-csv') {
      const folder = get('folder');
      const folderTags = folder && !/^(unsorted|ongesorteerd)$/i.test(folder) ? folder.split('/') : [];
      const highlights = get('highlights');
      collector.add(row, {
        url: get('url'),
        title: get('title'),
        note: [get('note'), highlights ? `Markeringen uit Raindrop:\n${highlights}` : ''].filter(Boolean).join('\n\n'),
        description: get('excerpt') || null,
        tags: [...folderTags, ...split(get('tags'), splitters.comma)],
        addedAt: parseDate(get('created')),
      });
    } else if (detected === 'omnivore-csv') {
      collector.add(row, {
        url: get('url'),
        title: get('title'),
        note: get('note'),
        description: get('description') || null,
        tags: split(get('labels').replace(/^\[|\]$/g, ''), splitters.list).map((t) => t.replace(/^["']|["']$/g, '')),
        addedAt: parseDate(get('saved_at') || get('savedat')),
      });
    } else {
      collector.add(row, {
        url: get('url') || get('link') || get('href') || get('address'),
        title: get('title') || get('name') || get('titel') || get('naam'),
        note: get('note') || get('notes') || get('comment') || get('notitie'),
        description: get('description') || get('excerpt') || get('omschrijving') || null,
        tags: split(get('tags') || get('labels'), splitters.list),
        addedAt: parseDate(get('created') || get('added') || get('date') || get('datum') || get('time_added') || get('saved_at')),
      });
    }
  }
  if (unterminated) {
    collector.problem(
      rows.length,
      'incomplete',
      '',
      'The file ends in the middle of a row (truncated?); the last row is skipped.',
      'Het bestand houdt midden in een regel op (afgebroken?); de laatste regel is overgeslagen.',
    );
  }
  return collector.result();
}

function split(value: string, separator: RegExp): string[] {
  return value
    ? value
        .split(separator)
        .map((t) => t.trim())
        .filter(Boolean)
    : [];
}
