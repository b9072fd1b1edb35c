import { describe, expect, it } from 'vitest';
import { KnipselError } from '@knipsel/core';
import { nl } from '../i18n/nl.js';
import { describeError } from './app-errors.js';

describe('describeError', () => {
  const m = nl.errors;
  it('names a full disk and a newer version by their kind', () => {
    expect(describeError(new KnipselError('storage-full', 'full'), m)).toEqual({ kind: 'storage-full', title: m.storageFullTitle, message: m.storageFull });
    expect(describeError(new KnipselError('newer-version', 'newer'), m)).toEqual({ kind: 'newer-version', title: m.title, message: m.newerVersion });
  });
  it('says what was wrong with input or what was missing, else something generic', () => {
    expect(describeError(new KnipselError('invalid-input', 'bad'), m).message).toBe(m.invalid);
    expect(describeError(new KnipselError('not-found', 'gone'), m).message).toBe(m.notFound);
    expect(describeError(new Error('boom'), m)).toEqual({ kind: 'other', title: m.title, message: m.generic });
    // A relay that keeps no more bodies for the dossier says so (the bodies stay on the device).
    expect(describeError(new KnipselError('conflict', 'full', { reason: 'relay-quota' }), m).message).toBe(m.relayFull);
    expect(describeError(new KnipselError('conflict', 'other'), m).message).toBe(m.generic);
  });
});
