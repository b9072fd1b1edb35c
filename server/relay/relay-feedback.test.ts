// Feedback from a read-only assessor: sent as a stateless message, checked and written by
// the relay (stored first), received by the owner; feedback on a version that does not
// exist, or a second entry with the same id, is refused and changes nothing.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier } from '@knipsel/core';
import { createRelayAdmin } from '@knipsel/core/relay';
import { makeCapture } from '@knipsel/core/testing';
import { handInPortfolio } from '@knipsel/core/together';
import { relaysPerTest } from './test-relays.js';
import { connectDoc, newDossierDoc, until } from './relay-test-support.js';

const { start, keep } = relaysPerTest();

describe('feedback through the relay', () => {
  it('a read-only assessor leaves feedback on a handed-in version; the owner receives it', async () => {
    const relay = await start();
    const admin = createRelayAdmin(relay.wsUrl);
    const id = 'dossierfeedback01';
    const { ownerSecret } = await admin.register(id);
    const ownerDoc = newDossierDoc(id, 'Leergang 2026');
    const owner = createDossier(ownerDoc);
    owner.updateMeta({ assessedFrameworkId: 'community-werker' });
    const clip = owner.clips.add({ capture: makeCapture({ title: 'Buurtmaaltijd' }), note: 'Mijn reflectie.', themes: ['community-werker.eigenaarschap'] });
    const handIn = handInPortfolio(owner, { name: 'Eindportfolio', module: 'Module 2', frameworkId: 'community-werker' }, { id: 'student', name: 'Sanne' });
    const ownerSession = connectDoc(ownerDoc, relay.wsUrl, id, ownerSecret);
    keep({ close: () => ownerSession.destroy() });
    await ownerSession.whenAcknowledged();

    const readOnly = await admin.createToken(id, ownerSecret, 'read-only', 'Assessor');
    const assessorDoc = new Y.Doc();
    const assessor = connectDoc(assessorDoc, relay.wsUrl, id, readOnly.token);
    keep({ close: () => assessor.destroy() });
    await assessor.whenAcknowledged();
    expect(assessor.state().role).toBe('read-only');
    const assessorDossier = createDossier(assessorDoc);
    await until(() => assessorDossier.together.handIn(handIn) !== undefined, 'the hand-in at the assessor');

    const logBefore = await relay.store.logLength(id);
    await assessor.sendFeedback({
      id: 'fb-clip',
      handInId: handIn,
      target: { kind: 'clip', clipId: clip },
      authorName: 'Assessor Jansen',
      text: 'Sterk bewijs van eigenaarschap.',
    });
    expect(await relay.store.logLength(id)).toBe(logBefore + 1);
    await until(() => owner.together.feedback(handIn).length === 1, 'the owner to receive the feedback');
    expect(owner.together.feedback(handIn)[0]).toMatchObject({ id: 'fb-clip', authorName: 'Assessor Jansen', target: { kind: 'clip', clipId: clip } });
    await until(() => assessorDossier.together.feedback(handIn).length === 1, 'the assessor to see it');

    // Refused: an unknown version, a reused id. Nothing stored, nothing changes.
    await expect(assessor.sendFeedback({ id: 'fb-x', handInId: 'geen-versie', target: { kind: 'overall' }, authorName: 'A', text: 'x' })).rejects.toThrow();
    await expect(assessor.sendFeedback({ id: 'fb-clip', handInId: handIn, target: { kind: 'overall' }, authorName: 'A', text: 'anders' })).rejects.toThrow();
    expect(await relay.store.logLength(id)).toBe(logBefore + 1);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await relay.store.loadState(id))!);
    expect(
      createDossier(stored)
        .together.feedback(handIn)
        .map((f) => f.text),
    ).toEqual(['Sterk bewijs van eigenaarschap.']);
    // The assessor's doc itself stays read-only for everything else (the relay refuses it).
    expect(relay.hocuspocus.documents.get(id)!.getMap('meta').get('name')).toBe('Leergang 2026');
  });
});
