// Files coming in: `.knipsel` backups (restore as a new dossier, or merge into one) and
// bookmark files (browser HTML, Pocket/Raindrop/Omnivore CSV, Omnivore's zip of JSON). Every
// file is fully read and validated before anything is stored; a bookmark import into a new
// dossier is built in memory and only stored once complete, so a cancel leaves nothing.
import { unzipSync } from 'fflate';
import * as Y from 'yjs';
import {
  createDossier,
  createId,
  initDossierDoc,
  isKnipselError,
  KnipselError,
  type Dossier,
  type DossierRecord,
  type Library,
} from '../../../../core/index.js';
import { checkBackupSize, readBackup, type Backup } from '../../../../core/export/backup.js';
import { formatBytes } from '../../../../core/export/reject.js';
import { mergeBackupInto, restoreBackupAsNew, type MergeResult } from '../../../../core/export/restore.js';
import { checkImportSize, maxImportBytes, parseImportFile, planImport, runImport, type ImportFormat, type ImportPlan, type ImportResult, type ParsedImport } from '../../../../core/import/index.js';

/** Where bookmarks go: an existing dossier, or a new one (made only when the import completes). */
export type ImportTarget = { kind: 'existing'; dossierId: string } | { kind: 'new'; name: string };

export interface TargetTheme {
  id: string;
  name: string;
  framework: string;
}

export interface BookmarkPlan extends ImportPlan {
  /** Themes the user can map tags to (frameworks switched on, nothing hidden), in order. */
  themes: TargetTheme[];
}

export interface BackupSummary {
  dossierId: string;
  name: string;
  clipCount: number;
  createdAt: string;
  appVersion: string | null;
}

/** A picked file as the services need it (a `File` fits). */
export interface PickedFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const zipMagic = [0x50, 0x4b, 0x03, 0x04];

export function backupSummary(backup: Backup): BackupSummary {
  const { header } = backup;
  return { dossierId: header.dossier.id, name: header.dossier.name, clipCount: header.clipCount, createdAt: header.createdAt, appVersion: header.appVersion };
}

/**
 * The message for a refused file or failed import, in the UI language: core's Dutch sentence
 * (`details.nl`) in Dutch, its English message otherwise. Null for a cancel.
 */
export function fileErrorMessage(error: unknown, locale: 'nl' | 'en', fallback: string): string | null {
  if (error instanceof DOMException && error.name === 'AbortError') return null;
  if (isKnipselError(error)) {
    const nl = error.details.nl;
    if (locale === 'nl' && typeof nl === 'string') return nl;
    if (locale === 'en' && (error.details.reason !== undefined || error.code === 'newer-version')) return error.message;
  }
  return fallback;
}

/** Tag → theme ids for runImport, leaving out tags the user chose not to map. Pure. */
export function tagMapping(choices: Record<string, string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [tag, themeId] of Object.entries(choices)) if (themeId) out[tag] = [themeId];
  return out;
}

/** The first suggestion per tag (the user confirms or changes it; '' = not mapped). Pure. */
export function suggestedChoices(plan: Pick<ImportPlan, 'tags'>): Record<string, string> {
  return Object.fromEntries(plan.tags.map((t) => [t.tag, t.suggestedThemeIds[0] ?? '']));
}

export function targetThemes(dossier: Dossier): TargetTheme[] {
  return dossier.frameworks
    .list()
    .filter((f) => !f.hidden)
    .flatMap((f) => f.themes.filter((t) => !t.hidden).map((t) => ({ id: t.id, name: t.name, framework: f.name })));
}

async function bytesOf(file: PickedFile): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/**
 * Bookmark bytes → parsed bookmarks. A zip (Omnivore's export) is opened and each JSON or CSV
 * in it parsed; entries are limited to the import size in total (no zip bomb).
 */
export function parseBookmarkBytes(bytes: Uint8Array, name: string): ParsedImport {
  if (!zipMagic.every((b, i) => bytes[i] === b)) return parseImportFile(bytes, name);
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        // Top-level JSON/CSV/HTML only: Omnivore's `content/` folder holds the saved pages.
        if (!/\.(json|csv|html?)$/i.test(file.name) || file.name.includes('/')) return false;
        total += file.originalSize;
        if (total > maxImportBytes) throw tooLargeZip();
        return true;
      },
    });
  } catch (error) {
    if (isKnipselError(error)) throw error;
    throw new KnipselError('invalid-input', 'The zip file is damaged.', { reason: 'corrupt', nl: 'Het zip-bestand is beschadigd of onvolledig. Exporteer je bladwijzers opnieuw.' });
  }
  const parts = Object.entries(entries).sort(([a], [b]) => a.localeCompare(b));
  if (parts.length === 0) {
    throw new KnipselError('invalid-input', 'The zip holds no bookmark files.', {
      reason: 'wrong-type',
      nl: 'Dit zip-bestand bevat geen bladwijzers. Knipsel leest de export van Omnivore (metadata_….json) of een HTML- of CSV-bestand.',
    });
  }
  const merged: ParsedImport = { format: 'omnivore-json', bookmarks: [], problems: [] };
  let format: ImportFormat | null = null;
  for (const [entry, content] of parts) {
    const parsed = parseImportFile(content, entry);
    format ??= parsed.format;
    merged.bookmarks.push(...parsed.bookmarks);
    merged.problems.push(...parsed.problems);
  }
  merged.format = format ?? 'omnivore-json';
  return merged;
}

/** A file that parsed but holds nothing to import (an empty export, or one cut off early). */
function noBookmarks(parsed: ParsedImport): KnipselError {
  const cut = parsed.problems.some((p) => p.reason === 'incomplete') || parsed.format === 'netscape-html';
  return new KnipselError('invalid-input', 'The file holds no bookmarks that can be imported.', {
    reason: cut ? 'truncated' : 'empty',
    nl: cut
      ? 'In dit bestand staan geen bladwijzers die Knipsel kan lezen; het lijkt onvolledig (afgebroken download?). Exporteer je bladwijzers opnieuw.'
      : 'In dit bestand staan geen bladwijzers met een webadres die Knipsel kan importeren.',
  });
}

function tooLargeZip(): KnipselError {
  return new KnipselError('invalid-input', 'The zip unpacks to more than the import limit.', {
    reason: 'too-large',
    nl: `De bestanden in dit zip-bestand zijn samen te groot; Knipsel importeert tot ${formatBytes(maxImportBytes)}.`,
  });
}

export function createImportService(library: Library, options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;

  /** The in-memory dossier of a bookmark import into a new dossier (nothing is stored yet). */
  let scratch: Dossier | null = null;
  const scratchDossier = (): Dossier => {
    if (!scratch) {
      const doc = new Y.Doc();
      initDossierDoc(doc, { id: createId(), name: 'Bladwijzers', now: now() });
      scratch = createDossier(doc, { now });
    }
    return scratch;
  };
  const targetDossier = async (target: ImportTarget): Promise<Dossier> =>
    target.kind === 'existing' ? (await library.open(target.dossierId)).dossier : scratchDossier();

  return {
    /** Read and fully validate a backup file (size first, before reading it into memory). */
    async readBackupFile(file: PickedFile): Promise<Backup> {
      checkBackupSize(file.size);
      return readBackup(await bytesOf(file));
    },

    async restoreAsNew(backup: Backup): Promise<DossierRecord> {
      return restoreBackupAsNew(library, backup);
    },

    /** Is the backup of this very dossier (else merging needs the user's confirmation)? */
    async isSameDossier(dossierId: string, backup: Backup): Promise<boolean> {
      return (await library.open(dossierId)).dossier.meta().id === backup.header.dossier.id;
    },

    /** CRDT-merge the backup into a dossier; nothing already there is lost. Stored before it resolves. */
    async mergeInto(dossierId: string, backup: Backup, allowDifferentDossier: boolean): Promise<MergeResult> {
      const open = await library.open(dossierId);
      const result = mergeBackupInto(open.dossier, backup, { allowDifferentDossier });
      await open.flush();
      return result;
    },

    /** Read, recognise and parse a bookmark file (size first). */
    async readBookmarkFile(file: PickedFile): Promise<ParsedImport> {
      checkImportSize(file.size);
      const parsed = parseBookmarkBytes(await bytesOf(file), file.name);
      if (parsed.bookmarks.length === 0) throw noBookmarks(parsed);
      return parsed;
    },

    async plan(target: ImportTarget, parsed: ParsedImport): Promise<BookmarkPlan> {
      const dossier = await targetDossier(target);
      return { ...planImport(parsed.bookmarks, dossier), themes: targetThemes(dossier) };
    },

    /**
     * Import the bookmarks as clips. All clips are written at once at the end; a cancel
     * (`signal`) before that rejects with an AbortError and leaves no clip and no dossier.
     */
    async run(
      target: ImportTarget,
      parsed: ParsedImport,
      choices: Record<string, string>,
      progress: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
    ): Promise<{ dossierId: string; result: ImportResult }> {
      const dossier = await targetDossier(target);
      const result = await runImport(dossier, parsed.bookmarks, tagMapping(choices), { ...progress, now });
      if (target.kind === 'existing') {
        await (await library.open(target.dossierId)).flush();
        return { dossierId: target.dossierId, result };
      }
      progress.signal?.throwIfAborted();
      scratch = null;
      const record = await library.importState(Y.encodeStateAsUpdate(dossier.doc), { id: dossier.meta().id, name: target.name.trim() || 'Bladwijzers' });
      dossier.doc.destroy();
      return { dossierId: record.id, result };
    },

    /** Forget a prepared new-dossier import (the dialog was closed). */
    discard(): void {
      scratch?.doc.destroy();
      scratch = null;
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
