import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeCapture } from '../../testing/captures.js';
import type { Library } from '../../library/library.js';
import { fromBase64, toBase64 } from '../base64.js';
import { bridgeTag } from './protocol.js';
import { bridgeAlias } from './session.js';
import { newLibrary, pairedRig } from '../../testing/bridge-rig.js';
import { splitMessage } from '../frames/chunking.js';

async function titles(library: Library, id: string) {
  return (await library.open(id)).dossier.clips
    .all()
    .map((c) => c.title)
    .sort();
}

describe('bridge dossiers (over a paired session)', () => {
  it('links the personal dossiers: the extension adopts the app’s and brings its clips, ids kept', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    const appPersonal = (await app.ensurePersonal()).id;
    const extPersonal = (await ext.ensurePersonal()).id;
    (await app.open(appPersonal)).dossier.clips.add({ capture: makeCapture({ title: 'Uit de app' }) });
    const early = (await ext.open(extPersonal)).dossier.clips.add({ capture: makeCapture({ title: 'Geknipt zonder app' }), note: 'notitie' });
    const createdAt = (await ext.open(extPersonal)).dossier.clips.get(early)!.createdAt;

    const { appSession, extSession } = await pairedRig(app, ext);

    expect(appSession.status.state).toBe('connected');
    expect(extSession.status.state).toBe('connected');
    expect(await ext.personalId()).toBe(appPersonal);
    expect(await ext.get(extPersonal)).toBeUndefined();
    expect(await titles(app, appPersonal)).toEqual(['Geknipt zonder app', 'Uit de app']);
    expect(await titles(ext, appPersonal)).toEqual(['Geknipt zonder app', 'Uit de app']);
    // "Open in Knipsel" of that first clip named the extension's old dossier: both sides know where it went.
    expect((await app.open(appPersonal)).dossier.clips.get(early)).toMatchObject({ title: 'Geknipt zonder app', note: 'notitie', createdAt });
    expect(await bridgeAlias(ext, extPersonal)).toBe(appPersonal);
    expect(await bridgeAlias(app, extPersonal)).toBe(appPersonal);
    expect(await bridgeAlias(app, appPersonal)).toBeUndefined();
  });

  it('tells every app tab where a retired dossier lives, also when another tab stored it first', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    const appPersonal = (await app.ensurePersonal()).id;
    const extPersonal = (await ext.ensurePersonal()).id;
    const followed: string[] = [];
    const { appSession, sent, settle } = await pairedRig(app, ext, { appExtra: { onAlias: (from, to) => void followed.push(`${from}→${to}`) } });
    expect(followed).toContain(`${extPersonal}→${appPersonal}`);
    followed.length = 0;
    // A second tab of the app gets the same list from the extension; the alias is already stored.
    const session = sent.find((m) => m.frame.t === 'ready')!.frame.session as string;
    const list = sent.filter((m) => m.from === 'extension' && m.frame.t === 'dossiers').at(-1)!.frame;
    appSession.receive({ tag: bridgeTag, from: 'extension', frame: { ...list, session } });
    await settle();
    expect(followed).toEqual([`${extPersonal}→${appPersonal}`]);
  });

  it('never lets an alias point away from a dossier this side has', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    await app.ensurePersonal();
    const mine = await app.create('Eigen dossier');
    const { appSession, sent, settle, logs } = await pairedRig(app, ext);
    const session = sent.find((m) => m.frame.t === 'ready')!.frame.session as string;
    const list = sent.filter((m) => m.from === 'extension' && m.frame.t === 'dossiers').at(-1)!.frame;
    // As if the extension claimed that the app's own dossier now lives elsewhere, or named one nobody has.
    const forged = {
      ...list,
      session,
      aliases: [
        { from: mine.id, to: (await app.personalId())! },
        { from: 'weg', to: 'nergens' },
      ],
    };
    appSession.receive({ tag: bridgeTag, from: 'extension', frame: forged });
    await settle();
    expect(logs.filter((l) => l.includes('now lives in'))).toEqual([]);
    expect(await bridgeAlias(app, mine.id)).toBeUndefined();
    expect(await bridgeAlias(app, 'weg')).toBeUndefined();
  });

  it('syncs every dossier both ways, live, and follows the deletion of one dossier', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    await app.ensurePersonal();
    await ext.ensurePersonal();
    const team = await app.create('Wijkteam Noord', 'shared');
    const { settle } = await pairedRig(app, ext);

    expect((await ext.list()).map((r) => r.name)).toContain('Wijkteam Noord');
    const inExt = await ext.open(team.id);
    expect(inExt.dossier.meta()).toMatchObject({ name: 'Wijkteam Noord', kind: 'shared' });
    inExt.dossier.clips.add({ capture: makeCapture({ title: 'Geknipt in de extensie' }) });
    await settle();
    expect(await titles(app, team.id)).toEqual(['Geknipt in de extensie']);

    const inApp = await app.open(team.id);
    const theme = inApp.dossier.frameworks.addTheme(inApp.dossier.frameworks.addFramework({ name: 'Eigen kader' }), { name: 'Buurtkracht' });
    await settle();
    expect(inExt.dossier.frameworks.theme(theme)?.name).toBe('Buurtkracht');

    const later = await app.create('Later gemaakt');
    await settle();
    expect(await ext.get(later.id)).toBeDefined();

    await app.remove(team.id);
    await settle();
    expect(await ext.get(team.id)).toBeUndefined();
  });

  it('holds a deletion of more than one dossier until the user decides, and remembers “keep”', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    await app.ensurePersonal();
    const a = await app.create('Wijkteam Noord', 'shared');
    const b = await app.create('Wijkteam Zuid', 'shared');
    const c = await app.create('Leergang', 'shared');
    const first = await pairedRig(app, ext);
    expect((await ext.list()).map((r) => r.name).sort()).toEqual(['Leergang', 'Mijn leerdossier', 'Wijkteam Noord', 'Wijkteam Zuid']);
    first.close();

    // Deleted in the app while the extension was away: two at once when they meet again.
    await app.remove(a.id);
    await app.remove(b.id);
    const again = await pairedRig(app, ext, { appPairs: first.appPairs, extPairs: first.extPairs });
    expect(again.extSession.status.held.map((h) => h.name).sort()).toEqual(['Wijkteam Noord', 'Wijkteam Zuid']);
    expect(await ext.get(a.id)).toBeDefined();
    expect(await ext.get(b.id)).toBeDefined();
    expect(await app.get(a.id)).toBeUndefined(); // and the held dossiers are not brought back to the app

    await again.extSession.resolveHeld(false);
    await again.settle();
    expect(again.extSession.status.held).toEqual([]);
    again.close();
    const third = await pairedRig(app, ext, { appPairs: first.appPairs, extPairs: first.extPairs });
    expect(third.extSession.status.held).toEqual([]); // not asked again
    expect(await ext.get(a.id)).toBeDefined();

    // Two more at once, and this time the user agrees.
    await app.remove(c.id);
    const d = await app.create('Nog een');
    await third.settle();
    await app.remove(d.id);
    await third.settle();
    expect(await ext.get(c.id)).toBeUndefined(); // one at a time is followed
    third.close();
    const e = await ext.create('Extensie A', 'shared');
    const f = await ext.create('Extensie B', 'shared');
    const fourth = await pairedRig(app, ext, { appPairs: first.appPairs, extPairs: first.extPairs });
    expect(await app.get(e.id)).toBeDefined();
    fourth.close();
    await ext.remove(e.id);
    await ext.remove(f.id);
    const fifth = await pairedRig(app, ext, { appPairs: first.appPairs, extPairs: first.extPairs });
    expect(fifth.appSession.status.held.map((h) => h.name).sort()).toEqual(['Extensie A', 'Extensie B']);
    await fifth.appSession.resolveHeld(true);
    await fifth.settle();
    expect(await app.get(e.id)).toBeUndefined();
    expect(await app.get(f.id)).toBeUndefined();
    expect(fifth.appSession.status.held).toEqual([]);
  });

  it('merges concurrent edits made on both sides', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    const id = (await app.ensurePersonal()).id;
    const { settle } = await pairedRig(app, ext);
    const a = await app.open(id);
    const clip = a.dossier.clips.add({ capture: makeCapture(), note: 'Basis.' });
    await settle();
    const e = await ext.open(id);
    a.dossier.clips.update(clip, { note: 'App: Basis.' });
    e.dossier.clips.update(clip, { note: 'Basis. Extensie.' });
    e.dossier.clips.tag([clip], [e.dossier.frameworks.list()[0].themes[0].id]);
    await settle();
    expect(a.dossier.clips.get(clip)).toEqual(e.dossier.clips.get(clip));
    expect(a.dossier.clips.get(clip)!.note).toBe('App: Basis. Extensie.');
  });

  it('sends large sync messages in chunks and joins them, for imports and live updates', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    const id = (await app.ensurePersonal()).id;
    const long = 'Een lang verhaal over de wijk. '.repeat(2_000); // ~60 kB of text
    (await app.open(id)).dossier.clips.add({ capture: makeCapture({ title: 'Lang artikel', text: long }) });
    const { logs, sent, settle } = await pairedRig(app, ext, { chunkBytes: 4096 });
    const chunks = sent.filter((m) => m.frame.t === 'sync' && fromBase64(m.frame.data as string)[0] === 75);
    expect(chunks.length).toBeGreaterThan(10);
    expect((await ext.open(id)).dossier.clips.all().map((c) => c.capture.text)).toEqual([long]);
    (await ext.open(id)).dossier.clips.add({ capture: makeCapture({ title: 'Ook lang', text: long.toUpperCase(), url: 'https://example.nl/lang' }) });
    await settle();
    expect(await titles(app, id)).toEqual(['Lang artikel', 'Ook lang']);
    expect(logs.filter((l) => l.includes('chunk'))).toEqual([]);
  });

  it('drops chunk runs that arrive out of order, with a logged reason', async () => {
    const app = newLibrary();
    const ext = newLibrary();
    const id = (await app.ensurePersonal()).id;
    const { extSession, logs, sent, settle } = await pairedRig(app, ext);
    const session = sent.find((m) => m.frame.t === 'dossiers')!.frame.session as string;
    const doc = (await ext.open(id)).doc;
    const before = Y.encodeStateAsUpdate(doc);
    const [, second] = splitMessage(new Uint8Array(3000).fill(7), 9, 1024);
    extSession.receive({ tag: bridgeTag, from: 'app', frame: { t: 'sync', session, dossierId: id, data: toBase64(second) } });
    await settle();
    expect(logs.some((l) => l.includes('chunk frame out of order'))).toBe(true);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});
