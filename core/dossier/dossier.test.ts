import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isKnipselError } from '../errors.js';
import { createDossier, initDossierDoc } from './dossier.js';
import { currentSchemaVersion } from './migrations.js';
import { presetFrameworks } from '../frameworks/presets.js';
import { makeCapture } from '../testing/captures.js';

function newDossier(now = () => 1_700_000_000_000) {
  const doc = new Y.Doc();
  initDossierDoc(doc, { id: 'd1', name: 'Mijn leerdossier' });
  return createDossier(doc, { now });
}

const themeA = 'community-werker.eigenaarschap';

function anyPresetTheme(dossier: ReturnType<typeof newDossier>, index = 0): string {
  return dossier.frameworks.list().flatMap((f) => f.themes)[index].id;
}

describe('clips', () => {
  it('adds a clip with capture, title, note and themes, and reads it back', () => {
    const dossier = newDossier();
    const theme = anyPresetTheme(dossier);
    const id = dossier.clips.add({ capture: makeCapture({ title: 'Buurtkracht' }), note: 'Mooi voorbeeld', themes: [theme, theme] });
    const clip = dossier.clips.get(id)!;
    expect(clip.title).toBe('Buurtkracht');
    expect(clip.note).toBe('Mooi voorbeeld');
    expect(clip.themes).toEqual([theme]);
    expect(clip.trashed).toBe(false);
    expect(clip.capture.mode).toBe('article');
    expect(clip.highlights).toEqual([]);
  });

  it('keeps the id and date of a clip moved from another dossier, once', () => {
    const dossier = newDossier();
    const id = dossier.clips.add({ capture: makeCapture({ title: 'Verhuisd' }) }, { id: 'clip-uit-extensie', createdAt: 1_600_000_000_000 });
    expect(id).toBe('clip-uit-extensie');
    expect(dossier.clips.get(id)).toMatchObject({ title: 'Verhuisd', createdAt: 1_600_000_000_000 });
    const before = Y.encodeStateAsUpdate(dossier.doc);
    for (const options of [{ id: 'clip-uit-extensie' }, { id: 'bad id' }, { createdAt: -5 }, { createdAt: 1.5 }]) {
      expect(() => dossier.clips.add({ capture: makeCapture() }, options)).toThrow();
    }
    expect(Y.encodeStateAsUpdate(dossier.doc)).toEqual(before);
  });

  it('rejects bad input with a typed error and changes nothing', () => {
    const dossier = newDossier();
    const before = Y.encodeStateAsUpdate(dossier.doc);
    const bad: unknown[] = [
      { capture: { ...makeCapture(), url: 'javascript:alert(1)' } },
      { capture: { ...makeCapture(), mode: 'video' } },
      { capture: { ...makeCapture(), wordCount: -1 } },
      { capture: makeCapture(), themes: ['no-such-theme'] },
      { capture: makeCapture(), themes: ['bad id with spaces'] },
      { capture: null },
      'not even an object',
    ];
    for (const input of bad) {
      let error: unknown;
      try {
        dossier.clips.add(input as never);
      } catch (caught) {
        error = caught;
      }
      expect(isKnipselError(error, 'invalid-input'), JSON.stringify(input).slice(0, 80)).toBe(true);
    }
    expect(() => dossier.clips.update('missing', { title: 'x' })).toThrowError(/No clip/);
    expect(() => dossier.clips.tag(['missing'], [])).toThrowError(/No clip/);
    expect(Y.encodeStateAsUpdate(dossier.doc)).toEqual(before);
  });

  it('updates title and note, tags and untags', () => {
    const dossier = newDossier();
    const [t1, t2] = [anyPresetTheme(dossier, 0), anyPresetTheme(dossier, 1)];
    const id = dossier.clips.add({ capture: makeCapture() });
    dossier.clips.update(id, { title: '  Nieuwe titel ', note: 'Wat ik meeneem' });
    dossier.clips.tag([id], [t1, t2]);
    dossier.clips.untag([id], [t1]);
    const clip = dossier.clips.get(id)!;
    expect(clip.title).toBe('Nieuwe titel');
    expect(clip.note).toBe('Wat ik meeneem');
    expect(clip.themes).toEqual([t2]);
    expect(() => dossier.clips.update(id, { title: '' })).toThrowError(/Invalid/);
  });

  it('trashes, restores and empties the trash', () => {
    const dossier = newDossier();
    const a = dossier.clips.add({ capture: makeCapture({ title: 'A' }) });
    const b = dossier.clips.add({ capture: makeCapture({ title: 'B' }) });
    dossier.clips.trash([a, b]);
    expect(dossier.clips.rows().map((r) => r.id)).toEqual([]);
    expect(dossier.clips.rows({ trashed: true }).length).toBe(2);
    dossier.clips.restore([a]);
    expect(dossier.clips.rows().map((r) => r.id)).toEqual([a]);
    expect(dossier.clips.emptyTrash()).toBe(1);
    expect(dossier.clips.get(b)).toBeUndefined();
    expect(dossier.clips.get(a)?.trashed).toBe(false);
    expect(dossier.clips.emptyTrash()).toBe(0);
  });

  it('keeps highlights with quote, note and colour', () => {
    const dossier = newDossier();
    const id = dossier.clips.add({ capture: makeCapture() });
    const h = dossier.clips.addHighlight(id, { quote: { exact: 'eigen kracht', prefix: 'vanuit ', suffix: ' van' }, colour: 'methode' });
    dossier.clips.updateHighlight(id, h, { note: 'Dit wil ik proberen', colour: 'vraag' });
    expect(dossier.clips.get(id)!.highlights).toMatchObject([{ id: h, note: 'Dit wil ik proberen', colour: 'vraag', quote: { exact: 'eigen kracht' } }]);
    expect(() => dossier.clips.addHighlight(id, { quote: { exact: '', prefix: '', suffix: '' } })).toThrowError(/Invalid/);
    expect(() => dossier.clips.updateHighlight(id, h, { colour: 'rood' as never })).toThrowError(/Invalid/);
    dossier.clips.removeHighlight(id, h);
    expect(dossier.clips.get(id)!.highlights).toEqual([]);
  });

  it('recognises a page already in the dossier by canonical URL', () => {
    const dossier = newDossier();
    const id = dossier.clips.add({ capture: makeCapture({ url: 'https://www.movisie.nl/artikel/x?utm_source=nb', canonicalUrl: 'https://www.movisie.nl/artikel/x' }) });
    expect(dossier.clips.findByUrl('https://movisie.nl/artikel/x/#top').map((c) => c.id)).toEqual([id]);
    expect(dossier.clips.findByUrl('https://www.movisie.nl/artikel/y')).toEqual([]);
    dossier.clips.trash([id]);
    expect(dossier.clips.findByUrl('https://www.movisie.nl/artikel/x')).toEqual([]);
  });

  it('filters by theme, site, mode, date, note and sorts', () => {
    let clock = 1000;
    const dossier = newDossier(() => clock++);
    const theme = anyPresetTheme(dossier);
    const a = dossier.clips.add({ capture: makeCapture({ title: 'Zwaluw', siteName: 'Movisie', capturedAt: 10 }), themes: [theme] });
    const b = dossier.clips.add({ capture: makeCapture({ title: 'appel', siteName: 'Platform31', capturedAt: 20, mode: 'bookmark' }), note: 'reflectie' });
    const c = dossier.clips.add({ capture: makeCapture({ title: 'Éénheid', siteName: 'Movisie', capturedAt: 30 }) });
    expect(dossier.clips.rows({ themes: [theme] }).map((r) => r.id)).toEqual([a]);
    expect(dossier.clips.rows({ withoutThemes: [theme] }).map((r) => r.id)).toEqual([c, b]);
    expect(dossier.clips.rows({ siteName: 'Movisie' }).map((r) => r.id)).toEqual([c, a]);
    expect(dossier.clips.rows({ mode: 'bookmark' }).map((r) => r.id)).toEqual([b]);
    expect(dossier.clips.rows({ from: 15, to: 25 }).map((r) => r.id)).toEqual([b]);
    expect(dossier.clips.rows({ hasNote: true }).map((r) => r.id)).toEqual([b]);
    expect(dossier.clips.rows({}, 'oldest').map((r) => r.id)).toEqual([a, b, c]);
    expect(dossier.clips.rows({}, 'title').map((r) => r.title)).toEqual(['appel', 'Éénheid', 'Zwaluw']);
  });

  it('sorts by when a clip was added, and filters a page without a site name by its domain', () => {
    let clock = 1000;
    const dossier = newDossier(() => clock++);
    // Imported bookmarks keep their own (older) dates; "added" puts the import first.
    const clipped = dossier.clips.add({ capture: makeCapture({ capturedAt: 5_000 }) });
    const imported = dossier.clips.add({ capture: makeCapture({ siteName: null, url: 'https://www.buurtwerk.nl/a', capturedAt: 10, mode: 'bookmark' }) });
    expect(dossier.clips.rows({}, 'newest').map((r) => r.id)).toEqual([clipped, imported]);
    expect(dossier.clips.rows({}, 'added').map((r) => r.id)).toEqual([imported, clipped]);
    expect(dossier.clips.rows({ siteName: 'buurtwerk.nl' }).map((r) => r.id)).toEqual([imported]);
    expect(dossier.clips.rows({}, 'site').map((r) => r.id)).toEqual([imported, clipped]);
  });

  it('reports changes with their source', () => {
    const dossier = newDossier();
    const seen: Array<{ ids: string[]; source: string; frameworks: boolean }> = [];
    dossier.observe((c) => seen.push({ ids: [...c.clipIds], source: c.source, frameworks: c.frameworks }));
    const id = dossier.clips.add({ capture: makeCapture() });
    dossier.clips.update(id, { note: 'x' });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(dossier.doc));
    const remote = createDossier(other);
    remote.clips.update(id, { title: 'Van een collega' });
    Y.applyUpdate(dossier.doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(dossier.doc)), 'peer');
    dossier.frameworks.addFramework({ name: 'Eigen kader' });
    expect(seen).toEqual([
      { ids: [id], source: 'local', frameworks: false },
      { ids: [id], source: 'local', frameworks: false },
      { ids: [id], source: 'remote', frameworks: false },
      { ids: [], source: 'local', frameworks: true },
    ]);
  });
});

describe('meta', () => {
  it('reads and updates dossier metadata', () => {
    const dossier = newDossier();
    expect(dossier.meta()).toMatchObject({ id: 'd1', name: 'Mijn leerdossier', kind: 'personal', schemaVersion: currentSchemaVersion });
    dossier.updateMeta({ name: 'Leergang 2026', course: 'Leergang community werk' });
    expect(dossier.meta()).toMatchObject({ name: 'Leergang 2026', course: 'Leergang community werk' });
    expect(() => dossier.updateMeta({ name: '   ' })).toThrowError(/Invalid/);
  });
});

describe('frameworks', () => {
  it('ships the six presets, enabled, with Dutch themes', () => {
    const dossier = newDossier();
    const list = dossier.frameworks.list();
    expect(list.map((f) => f.id)).toEqual(presetFrameworks.map((f) => f.id));
    expect(list.every((f) => f.preset && f.enabled && f.themes.length > 0)).toBe(true);
    expect(dossier.frameworks.isKnownTheme(themeA) || dossier.frameworks.isKnownTheme(list[0].themes[0].id)).toBe(true);
  });

  it('switches presets off and on per dossier', () => {
    const dossier = newDossier();
    dossier.frameworks.setPresetEnabled('dichterbij', false);
    expect(dossier.frameworks.list().map((f) => f.id)).not.toContain('dichterbij');
    expect(dossier.frameworks.list({ includeDisabled: true }).find((f) => f.id === 'dichterbij')?.enabled).toBe(false);
    dossier.frameworks.setPresetEnabled('dichterbij', true);
    expect(dossier.frameworks.list().map((f) => f.id)).toContain('dichterbij');
    expect(() => dossier.frameworks.setPresetEnabled('nope', true)).toThrowError(/No preset/);
  });

  it('adds, renames, colours, hides and reorders custom frameworks and themes', () => {
    const dossier = newDossier();
    const fw = dossier.frameworks.addFramework({ name: 'Competenties leergang' });
    const t1 = dossier.frameworks.addTheme(fw, { name: 'Netwerken' });
    const t2 = dossier.frameworks.addTheme(fw, { name: 'Signaleren', color: '#336699' });
    dossier.frameworks.updateTheme(t1, { name: 'Netwerken in de wijk', hidden: true });
    dossier.frameworks.reorderThemes(fw, [t2, t1]);
    const framework = dossier.frameworks.get(fw)!;
    expect(framework.themes.map((t) => [t.name, t.hidden, t.color])).toEqual([
      ['Signaleren', false, '#336699'],
      ['Netwerken in de wijk', true, null],
    ]);
    const ids = dossier.frameworks.list().map((f) => f.id);
    expect(ids[ids.length - 1]).toBe(fw);
    dossier.frameworks.reorderFrameworks([fw, ...ids.filter((id) => id !== fw)]);
    expect(dossier.frameworks.list()[0].id).toBe(fw);
    expect(() => dossier.frameworks.addTheme('missing', { name: 'x' })).toThrowError(/No framework/);
    expect(() => dossier.frameworks.addTheme(fw, { name: '' })).toThrowError(/Invalid/);
    expect(() => dossier.frameworks.updateTheme(t1, { color: 'red' })).toThrowError(/Invalid/);
    expect(() => dossier.frameworks.reorderThemes(fw, [t1, 'community-werker.x'])).toThrowError(/not in framework/);
  });

  it('renames a preset theme as an override, keeping its id', () => {
    const dossier = newDossier();
    const theme = dossier.frameworks.list()[0].themes[0];
    dossier.frameworks.updateTheme(theme.id, { name: 'Eigen woorden' });
    expect(dossier.frameworks.theme(theme.id)).toMatchObject({ id: theme.id, name: 'Eigen woorden', preset: true });
  });
});

describe('malformed content from a peer', () => {
  it('is skipped by readers instead of crashing them', () => {
    const dossier = newDossier();
    const good = dossier.clips.add({ capture: makeCapture({ title: 'Goed' }) });
    const clips = dossier.doc.getMap<unknown>('clips');
    dossier.doc.transact(() => {
      clips.set('string', 'not a clip');
      const half = new Y.Map<unknown>();
      clips.set('half', half);
      half.set('capture', { url: 42 });
      const odd = new Y.Map<unknown>();
      clips.set('odd', odd);
      odd.set('capture', makeCapture());
      odd.set('note', 'not a Y.Text');
    }, 'peer');
    expect(dossier.clips.all().map((c) => c.id)).toEqual([good]);
    expect(dossier.clips.rows().map((r) => r.id)).toEqual([good]);
    expect(dossier.clips.get('half')).toBeUndefined();
    expect(() => dossier.clips.update('odd', { title: 'x' })).toThrowError(/No clip/);
    expect(dossier.clips.count()).toBe(1);
  });

  it('refuses captures that do not pass the capture schema: script URLs, oversized or missing fields', () => {
    const dossier = newDossier();
    const good = dossier.clips.add({ capture: makeCapture({ title: 'Goed' }) });
    const clips = dossier.doc.getMap<unknown>('clips');
    const forged = (id: string, capture: unknown) => {
      const map = new Y.Map<unknown>();
      clips.set(id, map);
      map.set('capture', capture);
      map.set('note', new Y.Text());
      map.set('themes', new Y.Map());
      map.set('highlights', new Y.Map());
    };
    dossier.doc.transact(() => {
      forged('script-url', makeCapture({ url: 'javascript:alert(1)' as string }));
      forged('script-canonical', { ...makeCapture(), canonicalUrl: 'javascript:alert(document.domain)' });
      forged('data-url', { ...makeCapture(), url: 'data:text/html,<script>alert(1)</script>' });
      forged('no-mode', { ...makeCapture(), mode: 'exploit' });
      forged('huge-title', { ...makeCapture(), title: 'x'.repeat(10_000) });
    }, 'peer');
    expect(dossier.clips.all().map((c) => c.id)).toEqual([good]);
    expect(dossier.clips.rows().map((r) => r.id)).toEqual([good]);
    expect(dossier.clips.get('script-url')).toBeUndefined();
  });
});
