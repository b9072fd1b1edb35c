// Bookmark bytes → parsed bookmarks, whatever the user picked: a browser export, a CSV or JSON
// file, or a zip (Omnivore's export) whose top-level JSON, CSV and HTML files are each parsed
// (read with the limits of zip-entries.ts: no zip bomb).
// What the web app runs in its file worker; a file without one importable bookmark is refused.
import { KnipselError } from '../errors.js';
import { maxImportBytes, type ImportFormat, type ParsedImport } from './bookmarks.js';
import { parseImportFile } from './detect-import.js';
import { readZipEntries } from './zip-entries.js';

const zipMagic = [0x50, 0x4b, 0x03, 0x04];

/** Parse the bytes of a picked bookmark file (a zip is opened). Throws KnipselError with `details.nl`. */
export function parseBookmarkBytes(bytes: Uint8Array, name: string): ParsedImport {
  if (!zipMagic.every((b, i) => bytes[i] === b)) return parseImportFile(bytes, name);
  const entries = readZipEntries(bytes, {
    // Top-level JSON/CSV/HTML only: Omnivore's `content/` folder holds the saved pages.
    wanted: (name) => /\.(json|csv|html?)$/i.test(name) && !name.includes('/'),
    maxTotalBytes: maxImportBytes,
  });
  const parts = entries.sort((a, b) => a.name.localeCompare(b.name));
  if (parts.length === 0) {
    throw new KnipselError('invalid-input', 'The zip holds no bookmark files.', {
      reason: 'wrong-type',
      nl: 'Dit zip-bestand bevat geen bladwijzers. Knipsel leest de export van Omnivore (metadata_….json) of een HTML- of CSV-bestand.',
    });
  }
  const merged: ParsedImport = { format: 'omnivore-json', bookmarks: [], problems: [] };
  let format: ImportFormat | null = null;
  for (const entry of parts) {
    const parsed = parseImportFile(entry.bytes, entry.name);
    format ??= parsed.format;
    merged.bookmarks.push(...parsed.bookmarks);
    merged.problems.push(...parsed.problems);
  }
  merged.format = format ?? 'omnivore-json';
  return merged;
}

/** parseBookmarkBytes, refusing a file that holds nothing to import (an empty export, or one cut off early). */
export function readBookmarkBytes(bytes: Uint8Array, name: string): ParsedImport {
  const parsed = parseBookmarkBytes(bytes, name);
  if (parsed.bookmarks.length === 0) throw noBookmarks(parsed);
  return parsed;
}

function noBookmarks(parsed: ParsedImport): KnipselError {
  const damage = parsed.problems.find((p) => p.reason === 'incomplete');
  if (damage) {
    return new KnipselError('invalid-input', `The file holds no readable bookmarks. ${damage.message}`, {
      reason: 'truncated',
      nl: `In dit bestand staan geen bladwijzers die Knipsel kan lezen. ${damage.nl} Exporteer je bladwijzers opnieuw.`,
    });
  }
  const cut = parsed.format === 'netscape-html';
  return new KnipselError('invalid-input', cut ? 'The file holds no readable bookmarks; it looks incomplete or damaged.' : 'The file holds no bookmarks that can be imported.', {
    reason: cut ? 'truncated' : 'empty',
    nl: cut
      ? 'In dit bestand staan geen bladwijzers die Knipsel kan lezen; het lijkt onvolledig (afgebroken download?) of beschadigd. Exporteer je bladwijzers opnieuw.'
      : 'In dit bestand staan geen bladwijzers met een webadres die Knipsel kan importeren.',
  });
}
