import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createDossier, initDossierDoc } from '../../dossier/dossier.js';
import { isKnipselError } from '../../errors.js';
import { bareCapture } from '../../testing/captures.js';
import { copyDossierState, markShared, receivedDossierId, waitForDossierMeta } from './shared-dossier.js';

function sampleDoc() {
  const doc = new Y.Doc();
  initDossierDoc(doc, { id: 'wijkteam-noord', name: 'Wijkteam Noord', kind: 'personal' });
  const dossier = createDossier(doc);
  const clipId = dossier.clips.add({
    capture: bareCapture({ url: 'https://www.voorbeeld.nl/buurtmaaltijd', title: 'Buurtmaaltijd', text: 'Samen koken.', capturedAt: 1 }),
    note: 'Mooi voorbeeld.',
  });
  return { doc, dossier, clipId };
}

describe('shared dossiers', () => {
  it('marks a dossier shared', () => {
    const { doc, dossier } = sampleDoc();
    markShared(doc);
    expect(dossier.meta().kind).toBe('shared');
  });

  it('copies a dossier under a new id, kind and name, keeping clips and notes', () => {
    const { doc, clipId } = sampleDoc();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, copyDossierState(Y.encodeStateAsUpdate(doc), { id: 'kopie-1', kind: 'shared', name: 'Wijkteam Noord (gedeeld)' }));
    const copied = createDossier(copy);
    expect(copied.meta()).toMatchObject({ id: 'kopie-1', kind: 'shared', name: 'Wijkteam Noord (gedeeld)' });
    expect(copied.clips.get(clipId)?.note).toBe('Mooi voorbeeld.');
    // The original is untouched.
    expect(createDossier(doc).meta()).toMatchObject({ id: 'wijkteam-noord', kind: 'personal', name: 'Wijkteam Noord' });
  });

  it('refuses garbage and states without a dossier', () => {
    expect(() => copyDossierState(new Uint8Array([1, 2, 3]), { id: 'x', kind: 'shared' })).toThrow();
    expect(() => copyDossierState(Y.encodeStateAsUpdate(new Y.Doc()), { id: 'x', kind: 'shared' })).toThrow(/no dossier/);
    try {
      copyDossierState(Y.encodeStateAsUpdate(sampleDoc().doc), { id: 'has spaces', kind: 'shared' });
      expect.unreachable();
    } catch (error) {
      expect(isKnipselError(error, 'invalid-input')).toBe(true);
    }
  });

  it('waits for the meta to arrive from a peer before resolving', async () => {
    const { doc } = sampleDoc();
    const joiner = new Y.Doc();
    expect(receivedDossierId(joiner)).toBeNull();
    let resolved: string | null = null;
    const waiting = waitForDossierMeta(joiner).then((id) => (resolved = id));
    await Promise.resolve();
    expect(resolved).toBeNull();
    Y.applyUpdate(joiner, Y.encodeStateAsUpdate(doc), 'peer');
    await waiting;
    expect(resolved).toBe('wijkteam-noord');
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const waiting = waitForDossierMeta(new Y.Doc(), controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow(/Stopped waiting/);
  });
});
