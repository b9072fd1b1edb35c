// The shape every bookmark import produces, whatever its source, plus the per-row problem
// list and the shared checks (http(s) URL, dates, tags, limits) the parsers use.
import { checkFileSize, formatBytes, reject } from '../export/reject.js';

export interface ImportedBookmark {
  url: string;
  title: string;
  /** The user's own note from the source (Pocket has none). */
  note: string;
  /** The page's summary as the source kept it (Raindrop's excerpt, Omnivore's description). */
  description: string | null;
  /** Tag names as in the source; folders become tags too. Trimmed, deduplicated. */
  tags: string[];
  /** When it was saved in the source, ms since the epoch, or null when unknown. */
  addedAt: number | null;
}

export interface ImportProblem {
  /** 1-based line or row number in the source (row 1 is the first data row of a CSV). */
  row: number;
  reason: 'bad-url' | 'not-web' | 'missing-url' | 'incomplete' | 'too-many';
  /** What was in the row, shortened, so the user recognises it. */
  value: string;
  message: string;
  nl: string;
}

export type ImportFormat = 'netscape-html' | 'pocket-csv' | 'raindrop-csv' | 'omnivore-csv' | 'omnivore-json' | 'csv';

export interface ParsedImport {
  format: ImportFormat;
  bookmarks: ImportedBookmark[];
  problems: ImportProblem[];
}

/** Import files above this are refused before parsing (tens of thousands of bookmarks fit easily). */
export const maxImportBytes = 50 * 1024 * 1024;
/** At most this many bookmarks per import. */
export const maxImportItems = 50_000;

export function checkImportSize(size: number): void {
  checkFileSize(
    size,
    maxImportBytes,
    (bytes, limit) => `Het bestand is te groot (${bytes}); Knipsel importeert bestanden tot ${limit}. Exporteer een deel van je bladwijzers, of splits het bestand.`,
  );
}

/** Collects bookmarks and problems while a parser walks its source. */
export function createCollector(format: ImportFormat) {
  const bookmarks: ImportedBookmark[] = [];
  const problems: ImportProblem[] = [];
  let overflow = false;
  return {
    add(row: number, input: { url: string; title?: string; note?: string; description?: string | null; tags?: string[]; addedAt?: number | null }): void {
      const raw = input.url.trim();
      if (!raw) {
        problems.push(problem(row, 'missing-url', input.title ?? '', 'No address.', 'Geen webadres.'));
        return;
      }
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        problems.push(problem(row, 'bad-url', raw, 'Not a valid address.', 'Geen geldig webadres.'));
        return;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        problems.push(problem(row, 'not-web', raw, `Not a web page (${url.protocol}).`, `Geen webpagina (${url.protocol}); overgeslagen.`));
        return;
      }
      if (raw.length > 8_192) {
        problems.push(problem(row, 'bad-url', raw, 'Address too long.', 'Het webadres is te lang.'));
        return;
      }
      if (bookmarks.length >= maxImportItems) {
        if (!overflow)
          problems.push(
            problem(
              row,
              'too-many',
              raw,
              `More than ${maxImportItems} bookmarks; the rest is skipped.`,
              `Meer dan ${maxImportItems.toLocaleString('nl-NL')} bladwijzers; de rest is overgeslagen.`,
            ),
          );
        overflow = true;
        return;
      }
      bookmarks.push({
        url: url.href,
        title: oneLine(input.title ?? '').slice(0, 2_000),
        note: (input.note ?? '').trim().slice(0, 200_000),
        description: input.description?.trim() ? oneLine(input.description).slice(0, 20_000) : null,
        tags: cleanTags(input.tags ?? []),
        addedAt: input.addedAt ?? null,
      });
    },
    problem(row: number, reason: ImportProblem['reason'], value: string, message: string, nl: string): void {
      problems.push(problem(row, reason, value, message, nl));
    },
    result(): ParsedImport {
      return { format, bookmarks, problems };
    },
  };
}

function problem(row: number, reason: ImportProblem['reason'], value: string, message: string, nl: string): ImportProblem {
  return { row, reason, value: value.length > 120 ? `${value.slice(0, 119)}…` : value, message, nl };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function cleanTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const clean = oneLine(tag).replace(/^#/, '').slice(0, 200);
    const key = clean.toLocaleLowerCase('nl');
    if (clean && !seen.has(key)) {
      seen.add(key);
      out.push(clean);
    }
  }
  return out;
}

/** Seconds or milliseconds since the epoch, or an ISO / RFC 2822 date, to ms; null when unreadable. */
export function parseDate(value: string | undefined | null): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    // Before 10^11 it is seconds (up to the year 5138), after it milliseconds.
    const ms = n < 1e11 ? n * 1000 : n;
    return ms > 0 && ms < 8.64e15 ? Math.round(ms) : null;
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) || ms < 0 ? null : ms;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}
