// Turning imported bookmarks into bookmark clips: first a plan (the distinct tags, each with
// the themes it probably means, for the user to confirm), then the import itself. The import
// prepares and validates every clip in batches (progress, cancellable) and writes them all
// in ONE transaction at the end, so a cancel or a failure leaves the dossier untouched.
import type { Dossier } from '../dossier/dossier.js';
import { comparableUrl, type ClipInput } from '../dossier/clips.js';
import { localEdit } from '../dossier/write-guard.js';
import { clipInputSchema, parse } from '../dossier/schema.js';
import type { Capture } from '../dossier/types.js';
import { bookmarkCapture } from '../capture/hand-made.js';
import { reject } from '../export/reject.js';
import { fold } from '../search/fold.js';
import type { ImportedBookmark } from './bookmarks.js';

export interface TagPlan {
  tag: string;
  /** Bookmarks carrying it. */
  count: number;
  /** Theme ids whose name matches the tag (diacritic- and case-insensitive); confirm or change. */
  suggestedThemeIds: string[];
}

export interface ImportPlan {
  tags: TagPlan[];
  /** Bookmarks whose address is already in the dossier (they will be skipped). */
  alreadyInDossier: number;
  /** Bookmarks that would become clips. */
  toImport: number;
}

const words = (text: string) =>
  fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export function planImport(bookmarks: ImportedBookmark[], dossier: Dossier): ImportPlan {
  const themes = dossier.frameworks
    .list()
    .filter((f) => !f.hidden)
    .flatMap((f) => f.themes.filter((t) => !t.hidden))
    .map((t) => ({ id: t.id, key: words(t.name) }));
  const counts = new Map<string, { tag: string; count: number }>();
  for (const bookmark of bookmarks) {
    for (const tag of bookmark.tags) {
      const key = fold(tag);
      const entry = counts.get(key) ?? { tag, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  }
  const tags = [...counts.values()]
    .map(({ tag, count }) => {
      const key = words(tag);
      const exact = themes.filter((t) => t.key === key);
      // Otherwise a theme whose name contains the tag as whole words ("presentie" in
      // "Presentie en nabijheid"); short tags only match exactly.
      const partial = exact.length || key.length < 5 ? [] : themes.filter((t) => ` ${t.key} `.includes(` ${key} `));
      return { tag, count, suggestedThemeIds: (exact.length ? exact : partial).map((t) => t.id) };
    })
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag, 'nl'));
  // One pass over the dossier, not one per bookmark: 2,000 bookmarks against 2,000 clips
  // would otherwise parse eight million addresses on the main thread.
  const inDossier = dossier.clips.urlKeys();
  const distinct = new Set(bookmarks.map((b) => comparableUrl(b.url)));
  const existing = [...distinct].filter((key) => inDossier.has(key)).length;
  return { tags, alreadyInDossier: existing, toImport: distinct.size - existing };
}

export interface RunImportOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Bookmarks prepared between two yields to the event loop (default 250). */
  batchSize?: number;
  now?: () => number;
}

export interface SkippedBookmark {
  url: string;
  title: string;
  reason: 'already-in-dossier' | 'duplicate-in-file' | 'invalid';
  nl: string;
}

export interface ImportResult {
  /** Ids of the new clips, in the order of the file. */
  added: string[];
  skipped: SkippedBookmark[];
}

/**
 * Create a bookmark clip for every bookmark whose address is not yet in the dossier, with
 * the themes its tags map to (`tagToThemes`: tag → theme ids, as the user confirmed).
 * Cancelling (`signal`) rejects with the signal's reason (an AbortError) and changes nothing.
 */
export async function runImport(dossier: Dossier, bookmarks: ImportedBookmark[], tagToThemes: Record<string, string[]>, options: RunImportOptions = {}): Promise<ImportResult> {
  const { signal, onProgress } = options;
  const batchSize = Math.max(1, options.batchSize ?? 250);
  const now = options.now ?? Date.now;
  const mapping = new Map<string, string[]>();
  for (const [tag, themeIds] of Object.entries(tagToThemes)) {
    const unknown = themeIds.filter((id) => !dossier.frameworks.isKnownTheme(id));
    if (unknown.length > 0) {
      throw reject(
        'not-a-dossier',
        `Unknown theme(s): ${unknown.join(', ')}`,
        'Een gekozen thema bestaat niet (meer) in dit dossier. Kies de thema’s opnieuw.',
        { unknown },
        'invalid-input',
      );
    }
    mapping.set(fold(tag), themeIds);
  }

  const total = bookmarks.length;
  const inputs: ClipInput[] = [];
  const skipped: SkippedBookmark[] = [];
  const seen = new Map<string, ClipInput>();
  const inDossier = dossier.clips.urlKeys();
  signal?.throwIfAborted();
  onProgress?.(0, total);

  for (let start = 0; start < total; start += batchSize) {
    for (const bookmark of bookmarks.slice(start, start + batchSize)) {
      const key = comparableUrl(bookmark.url);
      const themes = [...new Set(bookmark.tags.flatMap((tag) => mapping.get(fold(tag)) ?? []))];
      const twin = seen.get(key);
      if (twin) {
        // The same page twice in one file: one clip, with the themes of both.
        twin.themes = [...new Set([...(twin.themes ?? []), ...themes])];
        skipped.push({ url: bookmark.url, title: bookmark.title, reason: 'duplicate-in-file', nl: 'Staat twee keer in het bestand; één keer geïmporteerd.' });
        continue;
      }
      if (inDossier.has(key)) {
        skipped.push({ url: bookmark.url, title: bookmark.title, reason: 'already-in-dossier', nl: 'Staat al in dit dossier.' });
        continue;
      }
      const input: ClipInput = { capture: importedCapture(bookmark, now()), title: bookmark.title || undefined, note: bookmark.note || undefined, themes };
      try {
        parse(clipInputSchema, input, 'bookmark');
      } catch {
        skipped.push({ url: bookmark.url, title: bookmark.title, reason: 'invalid', nl: 'Deze bladwijzer kon niet worden gelezen.' });
        continue;
      }
      seen.set(key, input);
      inputs.push(input);
    }
    onProgress?.(Math.min(start + batchSize, total), total);
    await nextTask();
    signal?.throwIfAborted();
  }

  // Everything is validated; write it in one transaction (nested adds join it).
  signal?.throwIfAborted();
  const added: string[] = [];
  localEdit(dossier.doc, () => {
    for (const input of inputs) added.push(dossier.clips.add(input));
  });
  onProgress?.(total, total);
  return { added, skipped };
}

/** The immutable capture of a bookmark clip: the address, title and note, no page content. */
/** The bookmark capture of an imported bookmark; its note goes along as the capture's text. */
export function importedCapture(bookmark: ImportedBookmark, fallbackTime: number): Capture {
  const { url, title, description, note } = bookmark;
  return bookmarkCapture({ url, title: title || url, description, text: note, capturedAt: bookmark.addedAt ?? fallbackTime });
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
