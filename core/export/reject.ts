// Errors for files the user brings in or takes out (backups, imports): a KnipselError whose
// `message` is English (logs) and whose `details.nl` is the Dutch sentence the UI shows.
import { KnipselError, type KnipselErrorCode } from '../errors.js';

/** Why a file was refused, for the UI to pick an icon or help text. */
export type RejectReason =
  | 'empty'
  | 'too-large'
  | 'wrong-type'
  | 'truncated'
  | 'corrupt'
  | 'newer-version'
  | 'not-a-dossier'
  | 'different-dossier'
  /** Reading the file took longer than its time limit and was stopped. */
  | 'too-slow'
  /** Reading the file failed for a reason the reader could not name (it crashed). */
  | 'unreadable';

export function reject(
  reason: RejectReason,
  en: string,
  nl: string,
  details: Record<string, unknown> = {},
  code: KnipselErrorCode = reason === 'newer-version' ? 'newer-version' : reason === 'different-dossier' ? 'conflict' : 'invalid-input',
): KnipselError {
  return new KnipselError(code, en, { ...details, reason, nl });
}

/**
 * Refuse a file by its size before reading it: empty, or above `limit`. `nlTooLarge` is the
 * Dutch sentence for a file that is too large, given the formatted size and limit.
 */
export function checkFileSize(size: number, limit: number, nlTooLarge: (size: string, limit: string) => string): void {
  if (size === 0) throw reject('empty', 'The file is empty.', 'Het bestand is leeg.');
  if (size > limit) {
    throw reject('too-large', `The file is too large (${size} bytes; the limit is ${limit}).`, nlTooLarge(formatBytes(size), formatBytes(limit)), { size, limit });
  }
}

/** Format a byte count for messages, Dutch style ("12,5 MB"). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} kB`;
  return `${(bytes / (1024 * 1024)).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} MB`;
}

/** Guess what kind of file this is from its first bytes, to say what it is instead. */
export function sniffFileKind(bytes: Uint8Array): { kind: string; nl: string } | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return { kind: 'png', nl: 'een afbeelding (PNG)' };
  if (starts(0xff, 0xd8, 0xff)) return { kind: 'jpeg', nl: 'een afbeelding (JPEG)' };
  if (starts(0x47, 0x49, 0x46, 0x38)) return { kind: 'gif', nl: 'een afbeelding (GIF)' };
  if (starts(0x25, 0x50, 0x44, 0x46)) return { kind: 'pdf', nl: 'een pdf-bestand' };
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) {
    return { kind: 'zip', nl: 'een zip-bestand (bijvoorbeeld een Markdown-export of een Word-document)' };
  }
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (head.startsWith('<!doctype netscape-bookmark') || head.includes('<dl>')) return { kind: 'bookmarks', nl: 'een bladwijzerbestand (gebruik “Bladwijzers importeren”)' };
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return { kind: 'html', nl: 'een webpagina (HTML)' };
  if (head.startsWith('{') || head.startsWith('[')) return { kind: 'json', nl: 'een JSON-bestand' };
  return null;
}
