// Recognise a bookmark file by its content (the name only breaks ties) and parse it: the
// single entry point the web app calls with the bytes of the file the user picked.
import { reject, sniffFileKind } from '../export/reject.js';
import { checkImportSize, type ImportFormat, type ParsedImport } from './bookmarks.js';
import { csvHeaderFormat, parseCsvBookmarks } from './csv-bookmarks.js';
import { parseCsv } from './csv.js';
import { parseNetscapeBookmarks } from './netscape-bookmarks.js';
import { looksLikeOmnivoreJson, parseOmnivoreJson } from './omnivore-json.js';

export function detectImportFormat(text: string, filename = ''): ImportFormat | null {
  const head = text
    .slice(0, 4_096)
    .replace(/^\uFEFF/, '')
    .trimStart();
  const lower = head.toLowerCase();
  if (lower.startsWith('<!doctype netscape-bookmark-file')) return 'netscape-html';
  if ((lower.startsWith('<') || /\.html?$/i.test(filename)) && /<dl\b/i.test(head) && /<dt\b/i.test(text.slice(0, 200_000))) return 'netscape-html';
  if (lower.startsWith('[') || lower.startsWith('{')) {
    try {
      return looksLikeOmnivoreJson(JSON.parse(text)) ? 'omnivore-json' : null;
    } catch {
      return null;
    }
  }
  if (lower.startsWith('<')) return null;
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  const header = (parseCsv(firstLine).rows[0] ?? []).map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  return csvHeaderFormat(header);
}

/** Decode (UTF-8, else Windows-1252 as Excel writes it), detect and parse. Throws KnipselError with `details.nl`. */
export function parseImportFile(bytes: Uint8Array, filename = ''): ParsedImport {
  checkImportSize(bytes.length);
  const kind = sniffFileKind(bytes);
  if (kind && kind.kind !== 'bookmarks' && kind.kind !== 'html' && kind.kind !== 'json') {
    throw reject('wrong-type', `Not a bookmarks file (looks like ${kind.kind}).`, `Dit is geen bladwijzerbestand, maar ${kind.nl}.`, { looksLike: kind.kind });
  }
  if (startsWith(bytes, 'KNIPSEL-BACKUP')) {
    throw reject('wrong-type', 'This is a Knipsel backup, not a bookmarks file.', 'Dit is een Knipsel-back-up, geen bladwijzerbestand. Gebruik “Back-up terugzetten”.', {
      looksLike: 'knipsel-backup',
    });
  }
  if (bytes.subarray(0, 8_192).includes(0)) {
    throw reject('wrong-type', 'This is a binary file, not a bookmarks file.', 'Dit is geen bladwijzerbestand (het bevat geen tekst).', { looksLike: 'binary' });
  }
  const text = decode(bytes);
  return parseImportText(text, filename);
}

export function parseImportText(text: string, filename = ''): ParsedImport {
  const format = detectImportFormat(text, filename);
  if (format === null) {
    throw reject(
      'wrong-type',
      'Not a recognised bookmarks file.',
      'Knipsel herkent dit bestand niet. Importeer de HTML-bladwijzers van je browser, of de CSV-export van Pocket, Raindrop of Omnivore (met een kolom “url”).',
      { looksLike: null },
    );
  }
  if (format === 'netscape-html') return parseNetscapeBookmarks(text);
  if (format === 'omnivore-json') return parseOmnivoreJson(JSON.parse(text));
  return parseCsvBookmarks(text, format);
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  for (let i = 0; i < ascii.length; i++) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}
