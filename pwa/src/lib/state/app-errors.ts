// What the app shows for an error: core's error codes become a title and a message in the
// user's language (storage full, a newer version's data, bad input, not found, the rest).
import { isKnipselError } from '@knipsel/core';
import type { Messages } from '../i18n/messages.js';

export interface AppError {
  kind: 'storage-full' | 'newer-version' | 'other';
  title: string;
  message: string;
  usage?: string;
}

export function describeError(error: unknown, m: Messages['errors']): AppError {
  if (isKnipselError(error, 'storage-full')) return { kind: 'storage-full', title: m.storageFullTitle, message: m.storageFull };
  if (isKnipselError(error, 'conflict') && error.details.reason === 'relay-quota') return { kind: 'other', title: m.title, message: m.relayFull };
  if (isKnipselError(error, 'newer-version')) return { kind: 'newer-version', title: m.title, message: m.newerVersion };
  if (isKnipselError(error, 'read-only'))
    return {
      kind: 'other',
      title: m.title,
      message: error.details.reason === 'not-your-reflection' && typeof error.details.owner === 'string' ? `${m.notYourReflection(error.details.owner)}` : m.readOnly,
    };
  const message = isKnipselError(error, 'invalid-input') ? m.invalid : isKnipselError(error, 'not-found') ? m.notFound : m.generic;
  return { kind: 'other', title: m.title, message };
}
