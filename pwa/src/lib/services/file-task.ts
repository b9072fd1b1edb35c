// The messages between the app and its file worker: a task (read this bookmark file or
// backup) and its plain answer. A refusal travels as the KnipselError's code, message and
// details and is rebuilt as one here; the work itself is in perform-file-task.ts.
import type { Backup } from '@knipsel/core/export';
import { reject } from '@knipsel/core/export';
import { KnipselError, type KnipselErrorCode } from '@knipsel/core';
import type { ParsedImport } from '@knipsel/core/import';

export type FileTask = { kind: 'bookmarks'; bytes: Uint8Array; name: string } | { kind: 'backup'; bytes: Uint8Array };

export type FileAnswer =
  | { ok: true; kind: 'bookmarks'; value: ParsedImport }
  | { ok: true; kind: 'backup'; value: Backup }
  | { ok: false; error: { code: KnipselErrorCode | null; message: string; details: Record<string, unknown> } };

const knipselErrorCodes: readonly KnipselErrorCode[] = ['invalid-input', 'not-found', 'newer-version', 'storage-full', 'storage-failed', 'conflict'];

/** The value of an answer; a refusal it carries is thrown as a KnipselError, anything odd as "unreadable". */
export function answerValue(task: FileTask, answer: unknown): ParsedImport | Backup {
  const a = answer as Partial<FileAnswer> | null;
  if (a?.ok === true && 'kind' in a && a.kind === task.kind && a.value && typeof a.value === 'object') return a.value;
  if (a?.ok === false && a.error && typeof a.error.message === 'string' && a.error.code && knipselErrorCodes.includes(a.error.code)) {
    throw new KnipselError(a.error.code, a.error.message, a.error.details ?? {});
  }
  throw unreadable(task, a?.ok === false ? String(a.error?.message ?? '') : 'no answer');
}

export function unreadable(task: FileTask, cause: string): KnipselError {
  return reject(
    'unreadable',
    'Reading the file failed.',
    task.kind === 'backup' ? 'Knipsel kon deze back-up niet lezen (het lezen liep vast).' : 'Knipsel kon dit bestand niet lezen (het lezen liep vast).',
    { cause },
  );
}

export function tooSlow(task: FileTask, limitMs: number): KnipselError {
  const seconds = Math.round(limitMs / 1000);
  return reject(
    'too-slow',
    `Stopped reading the file: it took longer than ${seconds} seconds.`,
    task.kind === 'backup'
      ? `Knipsel is gestopt met het lezen van deze back-up: het duurde langer dan ${seconds} seconden. Gebruik een andere kopie van de back-up.`
      : `Knipsel is gestopt met het lezen van dit bestand: het duurde langer dan ${seconds} seconden. Is het wel een export van je bladwijzers?`,
    { limitMs },
  );
}
