// Comments, hand-ins and feedback: authors and times kept, threads, two replicas that merge,
// reflections that stay their author's, a hand-in that later edits do not change, feedback
// the relay writes for a read-only assessor, and a read-only replica that changes nothing.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc, type Dossier } from '../dossier/dossier.js';
import { KnipselError } from '../errors.js';
import { checkDossierUpdate } from '../sync/peer/update-shape.js';
import { makeCapture } from '../testing/captures.js';
import { thrownBy } from '../testing/errors.js';
import { feedbackMessage, feedbackUpdate, parseFeedbackMessage } from './feedback-update.js';
import { handInPortfolio } from './hand-in.js';
import { newSince } from './seen.js';

const sanne = { id: 'member-sanne', name: 'Sanne' };
const ahmed = { id: 'member-ahmed', name: 'Ahmed' };

function pair(): [Dossier, Dossier] {
  const origin = new Y.Doc();
  initDossierDoc(origin, { id: 'wijkteam', name: 'Wijkteam Noord', kind: 'shared' });
  const state = Y.encodeStateAsUpdate(origin);
  let clock = 1_700_000_000_000;
  return [0, 1].map(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state, 'load');
    return createDossier(doc, { now: () => (clock += 1000) });
  }) as [Dossier, Dossier];
}

function sync(a: Dossier, b: Dossier): void {
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), 'remote');
  Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)), 'remote');
}

const snapshot = (d: Dossier) => Y.encodeStateAsUpdate(d.doc);

describe('comments (intervisie)', () => {
  it('keeps author and time, threads answers under their opening, and merges two replicas', () => {
    const [a, b] = pair();
    a.setAuthor(sanne);
    b.setAuthor(ahmed);
    const clip = a.clips.add({ capture: makeCapture({ title: 'Buurtmaaltijd in Kattenbroek' }) });
    sync(a, b);
    const opening = a.together.addComment({ text: 'Mooi hoe de bewoners zelf koken.', clipId: clip }, sanne);
    const question = b.together.addComment({ text: 'Hoe voorkom je dan dat die uitdooft?', question: true }, ahmed);
    sync(a, b);
    const answer = b.together.addComment({ text: 'Door elke keer iemand anders te laten koken.', parentId: question }, ahmed);
    const reply = a.together.addComment({ text: 'Dat ga ik proberen!', parentId: opening }, sanne);
    sync(a, b);

    for (const d of [a, b]) {
      const [thread] = d.together.threads(clip);
      expect(thread!.opening).toMatchObject({ id: opening, author: sanne, text: 'Mooi hoe de bewoners zelf koken.', clipId: clip, question: false });
      expect(thread!.answers.map((c) => c.id)).toEqual([reply]);
      const [group] = d.together.threads(null);
      expect(group!.opening).toMatchObject({ id: question, author: ahmed, question: true });
      expect(group!.answers).toEqual([expect.objectContaining({ id: answer, author: ahmed, clipId: null, parentId: question })]);
      expect(d.together.comments().every((c) => c.at > 1_700_000_000_000)).toBe(true);
    }
    expect(snapshot(a)).toEqual(snapshot(a)); // stable
    expect(a.together.comments()).toEqual(b.together.comments());
  });

  it('refuses bad comments and changes nothing', () => {
    const [a] = pair();
    const before = snapshot(a);
    expect(thrownBy(() => a.together.addComment({ text: '   ', question: true }, sanne), KnipselError).code).toBe('invalid-input');
    expect(thrownBy(() => a.together.addComment({ text: 'los' }, sanne), KnipselError).code).toBe('invalid-input');
    expect(thrownBy(() => a.together.addComment({ text: 'x', clipId: 'bestaat-niet' }, sanne), KnipselError).code).toBe('not-found');
    expect(thrownBy(() => a.together.addComment({ text: 'x', parentId: 'bestaat-niet' }, sanne), KnipselError).code).toBe('not-found');
    expect(thrownBy(() => a.together.addComment({ text: 'x', question: true }, { id: '', name: '' }), KnipselError).code).toBe('invalid-input');
    expect(snapshot(a)).toEqual(before);
  });

  it('marks what others wrote since a member last looked', () => {
    const [a, b] = pair();
    const q = a.together.addComment({ text: 'Wie heeft een voorbeeld?', question: true }, sanne);
    sync(a, b);
    const seenAt = b.together.comments()[0]!.at;
    const later = a.together.addComment({ text: 'Ik zelf al wel.', parentId: q }, sanne);
    const own = b.together.addComment({ text: 'Ik ook.', parentId: q }, ahmed);
    sync(a, b);
    const all = b.together.comments();
    expect(newSince(all, null, ahmed.id)).toEqual(new Set([q, later]));
    expect(newSince(all, seenAt, ahmed.id)).toEqual(new Set([later]));
    expect(newSince(all, seenAt, ahmed.id).has(own)).toBe(false);
  });
});

describe('a member’s reflection stays theirs', () => {
  it('refuses another member’s edits of a guided reflection; comments go beside it', () => {
    const [a, b] = pair();
    a.setAuthor(sanne);
    b.setAuthor(ahmed);
    const clip = a.clips.add({ capture: makeCapture({ title: 'Wijkwandeling' }), note: 'Samen geschreven.' });
    const prompts = [{ id: 'v1', heading: 'Wat', question: 'Wat zag je?' }];
    const reflection = a.evidence.startReflection(clip, { guideId: 'eigen-1', guideName: 'Kort', prompts }, { v1: 'Bewoners die elkaar groeten.' });
    sync(a, b);
    expect(b.clips.get(clip)!.addedBy).toEqual(sanne);
    expect(b.evidence.reflection(clip, reflection).by).toEqual(sanne);
    const before = snapshot(b);
    const refused = thrownBy(() => b.evidence.setAnswer(clip, reflection, 'v1', 'Overschreven'), KnipselError);
    expect(refused.code).toBe('read-only');
    expect(refused.details.nl).toBe('Dit is de reflectie van Sanne: je kunt ernaast reageren, niet erin schrijven.');
    expect(thrownBy(() => b.evidence.removeReflection(clip, reflection), KnipselError).code).toBe('read-only');
    expect(snapshot(b)).toEqual(before);
    // Beside it: a comment, a reflection of his own; the free note stays a shared note.
    b.together.addComment({ text: 'Herkenbaar!', clipId: clip }, ahmed);
    const own = b.evidence.startReflection(clip, { guideId: 'eigen-1', guideName: 'Kort', prompts });
    b.evidence.setAnswer(clip, own, 'v1', 'Mijn eigen blik.');
    b.clips.update(clip, { note: 'Samen geschreven, aangevuld.' });
    a.evidence.setAnswer(clip, reflection, 'v1', 'Bewoners die elkaar groeten en helpen.');
    sync(a, b);
    const reflections = b.clips.get(clip)!.reflections;
    expect(reflections.map((r) => [r.by?.name, r.answers.v1])).toEqual([
      ['Sanne', 'Bewoners die elkaar groeten en helpen.'],
      ['Ahmed', 'Mijn eigen blik.'],
    ]);
    expect(a.clips.get(clip)!.note).toBe('Samen geschreven, aangevuld.');
    expect(thrownBy(() => a.evidence.setAnswer(clip, own, 'v1', 'x'), KnipselError).code).toBe('read-only');
  });
});

describe('what peers and the relay accept', () => {
  it('guided reflections, comments and hand-ins pass the dossier-shape check', () => {
    const [a, b] = pair();
    a.setAuthor(sanne);
    const clip = a.clips.add({ capture: makeCapture({ title: 'Buurtmaaltijd' }), themes: ['community-werker.eigenaarschap'] });
    sync(a, b);
    const updates: Uint8Array[] = [];
    a.doc.on('update', (u: Uint8Array) => updates.push(u));
    a.evidence.startReflection(clip, { guideId: 'eigen-1', guideName: 'Kort', prompts: [{ id: 'v1', heading: 'Wat', question: 'Wat zag je?' }] }, { v1: 'Veel.' });
    a.together.addComment({ text: 'Kijk eens', clipId: clip }, sanne);
    handInPortfolio(a, { name: 'Versie', module: '', frameworkId: 'community-werker' }, sanne);
    expect(updates).toHaveLength(3);
    for (const update of updates) {
      Y.applyUpdate(b.doc, update, 'remote');
      expect(checkDossierUpdate(update, b.doc)).toBeNull();
    }
  });

  it('comments, hand-ins and feedback that do not fit their schema are refused', () => {
    const [a, b] = pair();
    sync(a, b);
    // The check runs on a mirror that has just integrated the update, as in mirror-bridge.
    const check = (root: string, value: object) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(b.doc));
      const before = Y.encodeStateVector(doc);
      doc.getMap(root).set('forged-1', value);
      const update = Y.encodeStateAsUpdate(doc, before);
      const mirror = new Y.Doc();
      Y.applyUpdate(mirror, Y.encodeStateAsUpdate(b.doc));
      Y.applyUpdate(mirror, update);
      return checkDossierUpdate(update, mirror);
    };
    const author = { id: 'member-x', name: 'X' };
    const comment = { author, at: 1, text: 'Hallo', clipId: null, parentId: null, question: false };
    // The well-formed comment passes; each misfit is refused with a reason.
    expect(check('comments', comment)).toBeNull();
    expect(check('comments', { ...comment, author: { id: 'x' } })).toMatch(/comments entry does not fit/);
    expect(check('comments', { ...comment, text: 'x'.repeat(10_001) })).toMatch(/comments entry does not fit/);
    expect(check('feedback', { handInId: 'h1', target: { kind: 'nergens' }, authorName: 'A', at: 1, text: 'Goed' })).toMatch(/feedback entry does not fit/);
    expect(check('handIns', { name: 'Versie', module: '', at: 1, by: author, frameworkId: 'cw', frameworkName: 'CW' })).toMatch(/handIns entry does not fit/);
  });
});

describe('read-only replica', () => {
  it('refuses every mutation with a Dutch message and leaves the doc as it was', () => {
    const [a] = pair();
    const clip = a.clips.add({ capture: makeCapture({ title: 'Presentie' }) });
    a.setReadOnly(true);
    expect(a.readOnly).toBe(true);
    const before = snapshot(a);
    const attempts: (() => unknown)[] = [
      () => a.updateMeta({ name: 'Hernoemd' }),
      () => a.clips.add({ capture: makeCapture({ title: 'Nieuw' }) }),
      () => a.clips.update(clip, { title: 'Anders' }),
      () => a.clips.trash([clip]),
      () => a.clips.tag([clip], ['community-werker.eigenaarschap']),
      () => a.frameworks.addFramework({ name: 'Eigen kader' }),
      () => a.evidence.updateCard(clip, { happened: 'x' }),
      () => a.leervragen.add({ text: 'Hoe betrek ik bewoners?' }),
      () => a.together.addComment({ text: 'Een vraag', question: true }, sanne),
    ];
    for (const attempt of attempts) {
      const error = thrownBy(attempt, KnipselError);
      expect(error.code).toBe('read-only');
      expect(error.details.nl).toContain('alleen-lezen');
    }
    expect(snapshot(a)).toEqual(before);
    a.setReadOnly(false);
    a.updateMeta({ name: 'Hernoemd' });
    expect(a.meta().name).toBe('Hernoemd');
  });
});

describe('handing in and feedback', () => {
  function student() {
    const [a, b] = pair();
    a.setAuthor(sanne);
    a.updateMeta({ assessedFrameworkId: 'community-werker' });
    const clip = a.clips.add({
      capture: makeCapture({ title: 'Buurtmaaltijd in Kattenbroek' }),
      note: 'Bewoners nemen het initiatief; ik sluit aan.',
      themes: ['community-werker.eigenaarschap'],
    });
    return { a, b, clip };
  }

  it('freezes the portfolio with its framework; later edits do not change it; versions are listed newest first', () => {
    const { a, clip } = student();
    const first = handInPortfolio(a, { name: 'Tussentijds', module: 'Module 1', frameworkId: 'community-werker' }, sanne, 1_700_000_100_000);
    a.clips.update(clip, { title: 'Later hernoemd', note: 'Later herschreven.' });
    const second = handInPortfolio(a, { name: 'Eindversie', module: 'Module 1', frameworkId: 'community-werker' }, sanne, 1_700_000_200_000);
    expect(a.together.handIns().map((h) => [h.id, h.name, h.at])).toEqual([
      [second, 'Eindversie', 1_700_000_200_000],
      [first, 'Tussentijds', 1_700_000_100_000],
    ]);
    const frozen = a.together.handIn(first)!;
    expect(frozen.frameworkName).toBe('De community werker');
    expect(frozen.by).toEqual(sanne);
    const text = JSON.stringify(frozen.portfolio);
    expect(text).toContain('Buurtmaaltijd in Kattenbroek');
    expect(text).toContain('Bewoners nemen het initiatief');
    expect(text).not.toContain('Later hernoemd');
    expect(JSON.stringify(a.together.handIn(second)!.portfolio)).toContain('Later hernoemd');
    expect(thrownBy(() => handInPortfolio(a, { name: '', module: '', frameworkId: 'community-werker' }, sanne), KnipselError).code).toBe('invalid-input');
    expect(thrownBy(() => handInPortfolio(a, { name: 'X', module: '', frameworkId: 'bestaat-niet' }, sanne), KnipselError).code).toBe('not-found');
    expect(a.together.handIns()).toHaveLength(2);
  });

  it('takes feedback from an editor, and from a read-only assessor through the relay’s update', () => {
    const { a, b, clip } = student();
    const handIn = handInPortfolio(a, { name: 'Eindversie', module: 'Module 2', frameworkId: 'community-werker' }, sanne);
    sync(a, b);
    b.setReadOnly(true);
    const message = feedbackMessage({ id: 'fb-1', handInId: handIn, target: { kind: 'clip', clipId: clip }, authorName: 'Assessor Jansen', text: 'Sterk bewijs.' });
    const feedback = parseFeedbackMessage(message);
    // The relay applies the update to its doc; the assessor and the student receive it.
    const update = feedbackUpdate(feedback, 1_690_000_000_000);
    const relayDoc = new Y.Doc();
    Y.applyUpdate(relayDoc, snapshot(a));
    Y.applyUpdate(relayDoc, update);
    expect(checkDossierUpdate(update, relayDoc)).toBeNull();
    Y.applyUpdate(a.doc, update, 'remote');
    Y.applyUpdate(b.doc, update, 'remote');
    for (const d of [a, b])
      expect(d.together.feedback(handIn)).toEqual([
        { id: 'fb-1', handInId: handIn, target: { kind: 'clip', clipId: clip }, authorName: 'Assessor Jansen', at: 1_690_000_000_000, text: 'Sterk bewijs.' },
      ]);
    // An editor (the owner, or an assessor with an edit link) writes it directly.
    a.together.addFeedback({ id: 'fb-2', handInId: handIn, target: { kind: 'overall' }, authorName: 'Sanne', text: 'Dank je!' });
    expect(a.together.feedback(handIn).map((f) => f.id)).toEqual(['fb-1', 'fb-2']);
    expect(thrownBy(() => a.together.addFeedback({ id: 'fb-3', handInId: 'nope', target: { kind: 'overall' }, authorName: 'X', text: 'y' }), KnipselError).code).toBe('not-found');
    expect(thrownBy(() => a.together.addFeedback({ id: 'fb-2', handInId: handIn, target: { kind: 'overall' }, authorName: 'X', text: 'y' }), KnipselError).code).toBe('conflict');
    expect(thrownBy(() => b.together.addFeedback({ id: 'fb-4', handInId: handIn, target: { kind: 'overall' }, authorName: 'X', text: 'y' }), KnipselError).code).toBe('read-only');
    expect(() => parseFeedbackMessage('{"type":"knipsel/feedback","feedback":{"id":"x","handInId":"y","target":{"kind":"theme"},"authorName":"A","text":"t"}}')).toThrow(
      KnipselError,
    );
    expect(() => parseFeedbackMessage('niet json')).toThrow(KnipselError);
  });

  it('skips entries a peer wrote that do not fit', () => {
    const { a } = student();
    a.doc.transact(() => {
      a.doc.getMap('comments').set('kapot', { text: 'geen auteur' });
      a.doc.getMap('handIns').set('kapot', { name: 'Zonder portfolio' });
      a.doc.getMap('feedback').set('kapot', { text: 1 });
    }, 'remote');
    expect(a.together.comments()).toEqual([]);
    expect(a.together.handIns()).toEqual([]);
  });
});
