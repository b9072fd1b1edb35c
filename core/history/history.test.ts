// History between two replicas: authors by client id, concurrent title edits leave the lost
// value on both sides, restoring puts an earlier value back, edits meeting a trash are noticed.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc, type Dossier } from '../dossier/dossier.js';
import { makeCapture } from '../testing/captures.js';
import { recordAuthor } from './authors.js';
import { watchHistory, type HistoryEntry } from './history.js';
import { appendHistory, canRestore, restoreValue } from './history-log.js';

interface Member {
  dossier: Dossier;
  log: HistoryEntry[];
}

/** Two members of a shared dossier with one clip, who have exchanged who they are. */
function twoMembers(): { anna: Member; bram: Member; clipId: string } {
  const origin = new Y.Doc();
  initDossierDoc(origin, { id: 'shared', name: 'Wijkteam Noord', kind: 'shared' });
  const clipId = createDossier(origin).clips.add({ capture: makeCapture({ title: 'Buurtmaaltijd' }) });
  const state = Y.encodeStateAsUpdate(origin);
  const member = (name: string): Member => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const m: Member = { dossier: createDossier(doc), log: [] };
    watchHistory(doc, (entries) => (m.log = appendHistory(m.log, entries)));
    recordAuthor(doc, name);
    return m;
  };
  const [anna, bram] = [member('Anna'), member('Bram')];
  sync(anna, bram);
  return { anna, bram, clipId };
}

/** Both send what the other lacks at the same moment (as live peers do), then both apply. */
function sync(a: Member, b: Member): void {
  const remote = {};
  const toB = Y.encodeStateAsUpdate(a.dossier.doc, Y.encodeStateVector(b.dossier.doc));
  const toA = Y.encodeStateAsUpdate(b.dossier.doc, Y.encodeStateVector(a.dossier.doc));
  Y.applyUpdate(b.dossier.doc, toB, remote);
  Y.applyUpdate(a.dossier.doc, toA, remote);
}

const titleEntries = (m: Member) => m.log.filter((e) => e.field === 'title');

describe('history', () => {
  it('names the author of a remote edit and keeps before and after', () => {
    const { anna, bram, clipId } = twoMembers();
    anna.dossier.clips.update(clipId, { title: 'Buurtmaaltijd in Kattenbroek' });
    sync(anna, bram);
    const [entry] = titleEntries(bram);
    expect(entry).toMatchObject({ by: ['Anna'], local: false, clipId, before: 'Buurtmaaltijd', after: 'Buurtmaaltijd in Kattenbroek' });
    expect(entry.conflict).toBeUndefined();
    expect(titleEntries(anna)[0]).toMatchObject({ by: ['Anna'], local: true });
  });

  it('a concurrent title edit leaves the lost value on both sides, and it can be restored', () => {
    const { anna, bram, clipId } = twoMembers();
    anna.dossier.clips.update(clipId, { title: 'Titel van Anna' });
    bram.dossier.clips.update(clipId, { title: 'Titel van Bram' });
    sync(anna, bram);
    const winner = anna.dossier.clips.get(clipId)!.title;
    expect(bram.dossier.clips.get(clipId)!.title).toBe(winner);
    const loser = winner === 'Titel van Anna' ? 'Titel van Bram' : 'Titel van Anna';
    const loserName = loser === 'Titel van Anna' ? 'Anna' : 'Bram';
    for (const member of [anna, bram]) {
      const conflict = member.log.find((e) => e.conflict);
      expect(conflict?.conflict).toEqual({ lost: loser, lostBy: [loserName], mine: member === (loserName === 'Anna' ? anna : bram) });
      expect(conflict?.clipId).toBe(clipId);
    }
    // The lost value goes back in, as a new edit that reaches the other side.
    const entry = bram.log.find((e) => e.conflict)!;
    expect(canRestore(bram.dossier, entry)).toBe(true);
    restoreValue(bram.dossier, entry, entry.conflict!.lost!);
    sync(anna, bram);
    expect(anna.dossier.clips.get(clipId)!.title).toBe(loser);
    expect(anna.log.filter((e) => e.conflict)).toHaveLength(1);
  });

  it('a loser that arrives already collected is a conflict without its value; its author keeps the value', () => {
    const { anna, bram, clipId } = twoMembers();
    anna.dossier.clips.update(clipId, { title: 'Titel van Anna' });
    bram.dossier.clips.update(clipId, { title: 'Titel van Bram' });
    // One way first: the loser's replica collects its own value before it sends anything.
    const remote = {};
    Y.applyUpdate(bram.dossier.doc, Y.encodeStateAsUpdate(anna.dossier.doc, Y.encodeStateVector(bram.dossier.doc)), remote);
    Y.applyUpdate(anna.dossier.doc, Y.encodeStateAsUpdate(bram.dossier.doc, Y.encodeStateVector(anna.dossier.doc)), remote);
    const winner = anna.dossier.clips.get(clipId)!.title;
    const [loserSide, winnerSide] = winner === 'Titel van Anna' ? [bram, anna] : [anna, bram];
    expect(loserSide.log.find((e) => e.conflict)?.conflict?.lost).toBe(winner === 'Titel van Anna' ? 'Titel van Bram' : 'Titel van Anna');
    const seen = winnerSide.log.find((e) => e.conflict);
    expect(seen?.conflict?.lostBy).toHaveLength(1);
    expect([null, loserSide === bram ? 'Titel van Bram' : 'Titel van Anna']).toContain(seen?.conflict?.lost);
  });

  it('a title changed twice in a row by one member is no conflict', () => {
    const { anna, bram, clipId } = twoMembers();
    anna.dossier.clips.update(clipId, { title: 'Eerste' });
    anna.dossier.clips.update(clipId, { title: 'Tweede' });
    sync(anna, bram);
    expect(bram.log.some((e) => e.conflict)).toBe(false);
    expect(titleEntries(bram)[0]).toMatchObject({ before: 'Buurtmaaltijd', after: 'Tweede' });
  });

  it('typing in a note becomes one entry; the earlier note and themes can be restored', () => {
    const { anna, bram, clipId } = twoMembers();
    const text = anna.dossier.clips.noteText(clipId);
    for (const ch of 'Mooi') anna.dossier.doc.transact(() => text.insert(text.length, ch), 'knipsel:local');
    sync(anna, bram);
    const notes = bram.log.filter((e) => e.field === 'note');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ before: '', after: 'Mooi', by: ['Anna'] });
    restoreValue(bram.dossier, notes[0], notes[0].before);
    expect(bram.dossier.clips.get(clipId)!.note).toBe('');

    const theme = bram.dossier.frameworks.list()[0].themes[0].id;
    bram.dossier.clips.tag([clipId], [theme]);
    sync(anna, bram);
    const tagged = anna.log.find((e) => e.field === 'themes')!;
    expect(tagged).toMatchObject({ before: [], after: [theme], by: ['Bram'] });
    restoreValue(anna.dossier, tagged, tagged.before);
    expect(anna.dossier.clips.get(clipId)!.themes).toEqual([]);
  });

  it('an edit that meets a trash is noticed on both sides', () => {
    const { anna, bram, clipId } = twoMembers();
    anna.dossier.clips.update(clipId, { title: 'Bijgewerkt door Anna' });
    bram.dossier.clips.trash([clipId]);
    sync(anna, bram);
    expect(anna.log.find((e) => e.field === 'trashed')).toMatchObject({ notice: 'trashed-while-edited', by: ['Bram'] });
    // Bram's clip in the trash was edited by Anna.
    expect(bram.log.find((e) => e.field === 'title')).toMatchObject({ notice: 'edited-in-trash', by: ['Anna'] });
  });
});
