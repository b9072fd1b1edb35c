// Files coming in: `.knipsel` backups (restore as a new dossier, or merge into one) and
// bookmark files (browser HTML, Pocket/Raindrop/Omnivore CSV, Omnivore's zip of JSON). Every
// file is fully read and validated — in a worker, with a time limit (file-readers.ts) —
// before anything is stored; a bookmark import into a new dossier is built in memory and
// only stored once complete, so a cancel leaves nothing.
import * as Y from 'yjs';
import { createDossier, createId, type Dossier, type DossierRecord, initDossierDoc, isKnipselError, type Library } from '@knipsel/core';
import { type Backup, checkBackupSize, mergeBackupInto, type MergeResult, restoreBackupAsNew } from '@knipsel/core/export';
import { checkImportSize, type ImportPlan, type ImportResult, type ParsedImport, planImport, runImport } from '@knipsel/core/import';
import { defaultFileReaders, type FileReaders } from './file-readers.js';

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

export function createImportService(library: Library, options: { now?: () => number; readers?: FileReaders } = {}) {
  const now = options.now ?? Date.now;
  const readers = options.readers ?? defaultFileReaders();

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
  const targetDossier = async (target: ImportTarget): Promise<Dossier> => (target.kind === 'existing' ? (await library.open(target.dossierId)).dossier : scratchDossier());

  return {
    /** Read and fully validate a backup file (size first, before reading it into memory; then in a worker). */
    async readBackupFile(file: PickedFile): Promise<Backup> {
      checkBackupSize(file.size);
      return readers.backup(await bytesOf(file));
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

    /** Read, recognise and parse a bookmark file (size first; then in a worker). Refuses one without bookmarks. */
    async readBookmarkFile(file: PickedFile): Promise<ParsedImport> {
      checkImportSize(file.size);
      return readers.bookmarks(await bytesOf(file), file.name);
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
