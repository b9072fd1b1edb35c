import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isKnipselError } from '../errors.js';
import { createDossier } from './dossier.js';
import { currentSchemaVersion, migrate, migrations, schemaVersionOf } from './migrations.js';
import { makeCapture } from '../testing/captures.js';
import { noteClipUrl } from './schema.js';

describe('migrations', () => {
  it('are named dossier/N and ordered by version', () => {
    migrations.forEach((m, i) => {
      expect(m.version).toBe(i + 1);
      expect(m.name).toBe(`dossier/${m.version}`);
    });
  });

  it('bring a v0 doc (meta without schema version) to the current version, keeping its data', () => {
    // The v0 shape: a doc written before schemaVersion and defaults existed.
    const old = new Y.Doc();
    old.getMap('meta').set('id', 'oud');
    old.getMap('meta').set('name', 'Oud dossier');
    expect(schemaVersionOf(old)).toBe(0);
    const dossier = createDossier(old);
    expect(dossier.meta()).toMatchObject({ id: 'oud', name: 'Oud dossier', kind: 'personal', course: '', schemaVersion: currentSchemaVersion });
  });

  it('refuse a doc from a newer version without touching it', () => {
    const newer = new Y.Doc();
    newer.getMap('meta').set('schemaVersion', currentSchemaVersion + 1);
    const before = Y.encodeStateAsUpdate(newer);
    let error: unknown;
    try {
      createDossier(newer);
    } catch (caught) {
      error = caught;
    }
    expect(isKnipselError(error, 'newer-version')).toBe(true);
    expect((error as Error).message).toMatch(/newer Knipsel/);
    expect(Y.encodeStateAsUpdate(newer)).toEqual(before);
  });
});

describe('dossier/2: evidence kinds and the learning plan', () => {
  /** A dossier exactly as Knipsel wrote it at schema 1 (raw Yjs, as the old `clips.add` did). */
  function schemaOneDoc(): { doc: Y.Doc; clipIds: string[] } {
    const doc = new Y.Doc();
    const meta = doc.getMap('meta');
    meta.set('id', 'leergang');
    meta.set('name', 'Leergang 2025');
    meta.set('kind', 'personal');
    meta.set('course', 'Post-hbo leergang');
    meta.set('assessedFrameworkId', 'community-werker');
    meta.set('createdAt', 1_600_000_000_000);
    meta.set('schemaVersion', 1);
    const clips = doc.getMap('clips');
    const notes = [
      'Mooi voorbeeld: bewoners nemen zelf het initiatief.',
      // What the old "Vragen invoegen" put in a note, with nothing answered.
      'Situatie\nWat gebeurde er, waar en met wie?\n\nTaak\nWat was jouw rol of opdracht?\n',
    ];
    const clipIds = notes.map((note, i) => {
      const id = `oud-${i}`;
      const map = new Y.Map<unknown>();
      clips.set(id, map);
      map.set('capture', makeCapture({ title: `Oud knipsel ${i}`, url: `https://www.movisie.nl/oud-${i}` }));
      map.set('title', `Oud knipsel ${i}`);
      const text = new Y.Text();
      map.set('note', text);
      text.insert(0, note);
      const themes = new Y.Map<true>();
      map.set('themes', themes);
      themes.set('community-werker.eigenaarschap', true);
      const highlights = new Y.Map<Y.Map<unknown>>();
      map.set('highlights', highlights);
      const highlight = new Y.Map<unknown>();
      highlights.set('h1', highlight);
      highlight.set('quote', { exact: 'bewoners', prefix: '', suffix: '' });
      highlight.set('position', null);
      highlight.set('note', 'kern');
      highlight.set('colour', 'methode');
      highlight.set('createdAt', 1_600_000_000_500);
      map.set('trashedAt', null);
      map.set('createdAt', 1_600_000_000_000 + i);
      map.set('updatedAt', 1_600_000_000_000 + i);
      return id;
    });
    return { doc, clipIds };
  }

  it('opens a schema 1 dossier unchanged, every clip a praktijkvoorbeeld with empty new fields', () => {
    const { doc, clipIds } = schemaOneDoc();
    const before = clipIds.map((id) => (doc.getMap('clips').get(id) as Y.Map<unknown>).toJSON());
    expect(migrate(doc, 'test')).toEqual(['dossier/2', 'dossier/3']);
    const dossier = createDossier(doc);
    expect(dossier.meta()).toMatchObject({ id: 'leergang', name: 'Leergang 2025', course: 'Post-hbo leergang', assessedFrameworkId: 'community-werker', schemaVersion: 3 });
    for (const [i, id] of clipIds.entries()) {
      const clip = dossier.clips.get(id)!;
      const old = before[i]!;
      expect({ title: clip.title, note: clip.note, themes: clip.themes, capture: clip.capture, createdAt: clip.createdAt, updatedAt: clip.updatedAt }).toEqual({
        title: old.title,
        note: old.note,
        themes: Object.keys(old.themes as object),
        capture: old.capture,
        createdAt: old.createdAt,
        updatedAt: old.updatedAt,
      });
      expect(clip.highlights).toEqual([
        { id: 'h1', quote: { exact: 'bewoners', prefix: '', suffix: '' }, position: null, note: 'kern', colour: 'methode', createdAt: 1_600_000_000_500 },
      ]);
      expect(clip).toMatchObject({ kind: 'praktijkvoorbeeld', attachments: [], reflections: [] });
      expect(Object.values(clip.card).every((value) => value === '')).toBe(true);
    }
    // The free note counts only where it answers; headings the old app inserted do not.
    expect(dossier.clips.rows({}, 'oldest').map((r) => r.reflections)).toEqual([1, 0]);
    expect(dossier.leervragen.list()).toEqual([]);
    expect(dossier.growth.periods()).toEqual([]);
  });

  it('gives the old dossier the new fields: reflections, leervragen and periods work on it', () => {
    const { doc, clipIds } = schemaOneDoc();
    const dossier = createDossier(doc);
    const reflection = dossier.evidence.startReflection(clipIds[1]!, {
      guideId: 'starr',
      guideName: 'STARR',
      prompts: [{ id: 'situatie', heading: 'Situatie', question: 'Wat gebeurde er?' }],
    });
    dossier.evidence.setAnswer(clipIds[1]!, reflection, 'situatie', 'Een buurtgesprek over de speeltuin.');
    dossier.evidence.setKind([clipIds[0]!], 'eigen-praktijk');
    const leervraag = dossier.leervragen.add({ text: 'Hoe laat ik bewoners het initiatief?', themeId: 'community-werker.eigenaarschap' });
    dossier.leervragen.link(leervraag, clipIds);
    dossier.growth.addPeriod({ name: 'Module 1', startsOn: '2025-09-01' });
    expect(dossier.clips.get(clipIds[1]!)!.reflections[0]!.answers).toEqual({ situatie: 'Een buurtgesprek over de speeltuin.' });
    expect(dossier.clips.get(clipIds[0]!)!.kind).toBe('eigen-praktijk');
    expect(dossier.leervragen.get(leervraag)!.evidence).toEqual([...clipIds].sort());
  });

  it('turns photos a phone shared (kept in the capture) into attachments of own practice, the same on every replica', () => {
    const { doc } = schemaOneDoc();
    const photo = { sha256: 'ab'.repeat(32), size: 1234, name: 'briefjes.png', type: 'image/png' };
    const map = new Y.Map<unknown>();
    doc.getMap('clips').set('foto', map);
    map.set(
      'capture',
      makeCapture({
        url: noteClipUrl,
        canonicalUrl: noteClipUrl,
        title: 'Foto van 7 december',
        mode: 'note',
        text: '',
        html: '',
        markdown: '',
        wordCount: 0,
        capturedAt: 1_700_000_000_000,
        files: [photo],
      }),
    );
    map.set('title', 'Foto van 7 december');
    map.set('note', new Y.Text('Muur met gele briefjes.'));
    map.set('themes', new Y.Map());
    map.set('highlights', new Y.Map());
    map.set('trashedAt', null);
    map.set('createdAt', 1_700_000_000_000);
    map.set('updatedAt', 1_700_000_000_000);
    const state = Y.encodeStateAsUpdate(doc);
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    Y.applyUpdate(a, state);
    Y.applyUpdate(b, state);
    const [left, right] = [createDossier(a), createDossier(b)];
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const dossier of [left, right]) {
      const clip = dossier.clips.get('foto')!;
      expect(clip.kind).toBe('eigen-praktijk');
      expect(clip.note).toBe('Muur met gele briefjes.');
      expect(clip.attachments).toEqual([{ id: `shared-${'ab'.repeat(8)}`, hash: photo.sha256, name: 'briefjes.png', type: 'image/png', size: 1234, addedAt: 1_700_000_000_000 }]);
      expect(dossier.clips.rows({}).find((r) => r.id === 'foto')?.attachments).toBe(1);
    }
    // The practice examples stay what they were.
    expect(left.clips.get('oud-0')!.kind).toBe('praktijkvoorbeeld');
  });

  it('two replicas that migrate the same old dossier apart converge, and nothing added after is lost', () => {
    const { doc } = schemaOneDoc();
    const state = Y.encodeStateAsUpdate(doc);
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, state);
    Y.applyUpdate(b, state);
    const left = createDossier(a);
    const right = createDossier(b);
    const onLeft = left.evidence.startReflection('oud-0', {
      guideId: 'transfer',
      guideName: 'Transfer',
      prompts: [{ id: 'p', heading: 'Mijn wijk', question: 'Wat zou dit vragen?' }],
    });
    left.evidence.setAnswer('oud-0', onLeft, 'p', 'Tijd van bewoners en een plek.');
    const onRight = right.evidence.startReflection('oud-0', {
      guideId: 'transfer',
      guideName: 'Transfer',
      prompts: [{ id: 'p', heading: 'Mijn wijk', question: 'Wat zou dit vragen?' }],
    });
    right.evidence.setAnswer('oud-0', onRight, 'p', 'Een sleutel van het buurthuis.');
    right.evidence.updateCard('oud-0', { context: 'Kattenbroek, Amersfoort' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const dossier of [left, right]) {
      const clip = dossier.clips.get('oud-0')!;
      expect(clip.reflections.map((r) => r.answers.p).sort()).toEqual(['Een sleutel van het buurthuis.', 'Tijd van bewoners en een plek.']);
      expect(clip.card.context).toBe('Kattenbroek, Amersfoort');
      expect(dossier.meta().schemaVersion).toBe(3);
    }
  });
});
