// Typed errors for everything core rejects: callers switch on `code`, users read `message`.

export type KnipselErrorCode = 'invalid-input' | 'not-found' | 'newer-version' | 'storage-full' | 'storage-failed' | 'conflict' | 'read-only';

export class KnipselError extends Error {
  readonly code: KnipselErrorCode;
  /** Extra, machine-readable facts (field paths, versions) for logs and UI. */
  readonly details: Record<string, unknown>;

  constructor(code: KnipselErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'KnipselError';
    this.code = code;
    this.details = details;
  }
}

export function isKnipselError(error: unknown, code?: KnipselErrorCode): error is KnipselError {
  return error instanceof KnipselError && (code === undefined || error.code === code);
}

/** Map a storage exception (IndexedDB/Dexie) to a KnipselError; quota errors get their own code. */
export function storageError(error: unknown): KnipselError {
  if (error instanceof KnipselError) return error;
  const name = (error as { name?: string } | null)?.name ?? '';
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError' || /quota/i.test(message)) {
    return new KnipselError('storage-full', 'The browser storage for Knipsel is full.', { cause: message });
  }
  return new KnipselError('storage-failed', `Storage failed: ${message}`, { cause: message });
}
