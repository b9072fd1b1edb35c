// The export and import services over an in-memory library: backups round-trip and merge,
// bookmark imports (also into a new dossier, also cancelled), zips, messages and pure helpers.
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import {
  type ClipRow,
  createLibrary,
  createMemoryBlobStore,
  createMemoryLibraryStore,
  createMemoryProjectionStore,
  createMemoryUpdateStore,
  type Framework,
  KnipselError,
  type Library,
  type Theme,
} from '@knipsel/core';
import { composerThemes, createExportService, defaultSelection, exportFileName, type PortfolioChoice } from './export-service.js';
import { parseBookmarkBytes } from '@knipsel/core/import';
import { createImportService, fileErrorMessage, suggestedChoices, tagMapping, type PickedFile } from './import-service.js';
import { createEvidenceService } from './evidence-service.js';
import { tinyPng } from '@knipsel/core/testing';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../../tests/fixtures/imports/${name}`, import.meta.url)));
const picked = (name: string, bytes: Uint8Array): PickedFile => ({ name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer });
const now = () => Date.UTC(2025, 2, 14, 10);

function newLibrary(): Library {
  return createLibrary({ updates: createMemoryUpdateStore(), library: createMemoryLibraryStore(), projections: createMemoryProjectionStore() }, { now });
}

/** A dossier with two themed clips (one with a reflection) and one without a theme. */
async function seeded(library: Library) {
  const record = await library.create('Wijkteam Noord');
  const { dossier } = await library.open(record.id);
  dossier.updateMeta({ assessedFrameworkId: 'community-werker', course: 'Leergang 2025' });
  const capture = (title: string, url: string) => ({
    url,
    canonicalUrl: url,
    title,
    byline: null,
    siteName: 'Movisie',
    published: '2023-05-12',
    lang: 'nl',
    description: null,
    image: null,
    html: '<p>Tekst</p>',
    markdown: 'Tekst',
    text: 'Tekst',
    wordCount: 1,
    capturedAt: now(),
    mode: 'article' as const,
  });
  const a = dossier.clips.add({
    capture: capture('Buurtmaaltijd in Kattenbroek', 'https://movisie.nl/a'),
    note: 'Bewoners nemen het initiatief.',
    themes: ['community-werker.eigenaarschap'],
  });
  const b = dossier.clips.add({ capture: capture('Presentie in de wijk', 'https://movisie.nl/b'), themes: ['community-werker.leefwereld'] });
  const c = dossier.clips.add({ capture: capture('Los knipsel', 'https://movisie.nl/c') });
  return { id: record.id, dossier, clips: { a, b, c } };
}

const choice = (extra: Partial<PortfolioChoice> = {}): PortfolioChoice => ({
  frameworkId: 'community-werker',
  themeIds: ['community-werker.eigenaarschap', 'community-werker.leefwereld'],
  clipIds: [],
  author: 'Sanne de Vries',
  course: 'Leergang 2025',
  period: 'najaar 2025',
  locale: 'nl',
  ...extra,
});

describe('export service', () => {
  test('portfolio HTML holds the chosen clips only, escaped, without script', async () => {
    const library = newLibrary();
    const { id, dossier, clips } = await seeded(library);
    dossier.clips.update(clips.a, { title: 'Buurtmaaltijd <script>alert(1)</script>' });
    const html = await createExportService(library, { now }).portfolioHtml(id, choice({ clipIds: [clips.a] }));
    expect(html).toContain('Buurtmaaltijd &lt;script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('Presentie in de wijk');
    expect(html).toContain('Sanne de Vries');
    expect(html).toContain('najaar 2025');
  });

  test('the portfolio HTML also comes as a file to download', async () => {
    const library = newLibrary();
    const { id, clips } = await seeded(library);
    const service = createExportService(library, { now });
    const file = await service.portfolioHtmlFile(id, choice({ clipIds: [clips.a] }));
    expect(file.name).toBe('portfolio-wijkteam-noord-2025-03-14.html');
    expect(file.type).toContain('text/html');
    expect(new TextDecoder().decode(file.bytes)).toBe(await service.portfolioHtml(id, choice({ clipIds: [clips.a] })));
  });

  test('the .docx is a zip with word/document.xml naming the clips', async () => {
    const library = newLibrary();
    const { id, clips } = await seeded(library);
    const file = await createExportService(library, { now }).portfolioDocx(id, choice({ clipIds: [clips.a, clips.b] }));
    expect(file.name).toBe('portfolio-wijkteam-noord-2025-03-14.docx');
    const xml = new TextDecoder().decode(unzipSync(file.bytes)['word/document.xml']);
    expect(xml).toContain('Buurtmaaltijd in Kattenbroek');
    expect(xml).toContain('Presentie in de wijk');
  });

  test('Markdown zip: folders per theme, or flat', async () => {
    const library = newLibrary();
    const { id } = await seeded(library);
    const service = createExportService(library, { now });
    const byTheme = Object.keys(unzipSync((await service.markdownZip(id, 'by-theme')).bytes));
    expect(byTheme.some((p) => /^\d\d [^/]+\/buurtmaaltijd-in-kattenbroek\.md$/.test(p))).toBe(true);
    expect(byTheme).toContain('Ongesorteerd/los-knipsel.md');
    const flat = await service.markdownZip(id, 'flat');
    expect(Object.keys(unzipSync(flat.bytes)).sort()).toEqual(['buurtmaaltijd-in-kattenbroek.md', 'los-knipsel.md', 'presentie-in-de-wijk.md']);
    expect(flat.name).toBe('markdown-wijkteam-noord-2025-03-14.zip');
  });
});

describe('portfolio with evidence of one’s own', () => {
  test('photos come from the blob store into the HTML, the .docx and the Markdown zip; missing ones are named', async () => {
    const library = newLibrary();
    const blobs = createMemoryBlobStore();
    const { id } = await seeded(library);
    const open = await library.open(id);
    const evidence = createEvidenceService(open, blobs, () => undefined, now);
    const own = evidence.add({ kind: 'eigen-praktijk', title: 'Bewonersavond', card: { happened: 'Bewoners maakten de agenda.' }, themes: ['community-werker.eigenaarschap'] });
    const photo = new File([tinyPng as Uint8Array<ArrayBuffer>], 'avond.png', { type: 'image/png' });
    await evidence.attach(own, photo);
    const service = createExportService(library, { now, blobs });
    const html = await service.portfolioHtml(id, choice({ clipIds: [own] }));
    expect(html).toMatch(/<img src="data:image\/png;base64,/);
    const docx = unzipSync((await service.portfolioDocx(id, choice({ clipIds: [own] }))).bytes);
    expect(Object.keys(docx).some((p) => p.startsWith('word/media/'))).toBe(true);
    const zip = await service.portfolioMarkdown(id, choice({ clipIds: [own] }));
    expect(zip.name).toBe('portfolio-wijkteam-noord-2025-03-14.zip');
    expect(Object.keys(unzipSync(zip.bytes))).toContain('bijlagen/avond.png');
    // On a device without the bytes: listed by name, nothing embedded.
    const elsewhere = await createExportService(library, { now, blobs: createMemoryBlobStore() }).portfolioHtml(id, choice({ clipIds: [own] }));
    expect(elsewhere).not.toContain('<img');
    expect(elsewhere).toContain('avond.png');
  });

  test('a file above the limit is refused before it is read, and nothing is attached', async () => {
    const library = newLibrary();
    const { id } = await seeded(library);
    const open = await library.open(id);
    const evidence = createEvidenceService(open, createMemoryBlobStore(), () => undefined, now);
    const own = evidence.add({ kind: 'eigen-praktijk', title: 'Groot', card: {} });
    const huge = { name: 'video.mp4', type: 'video/mp4', size: 50 * 1024 * 1024, arrayBuffer: () => Promise.reject(new Error('read')) } as unknown as File;
    const error = await evidence.attach(own, huge).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnipselError);
    expect((error as KnipselError).details.reason).toBe('too-large');
    expect(open.dossier.clips.get(own)!.attachments).toEqual([]);
  });
});

describe('backups through the services', () => {
  test('restore as new gives the same clips; merge into a changed dossier keeps both sides', async () => {
    const library = newLibrary();
    const { id, dossier, clips } = await seeded(library);
    const file = await createExportService(library, { now, appVersion: '0.1.0' }).backup(id);
    const imports = createImportService(library, { now });

    const backup = await imports.readBackupFile(picked(file.name, file.bytes));
    const copy = await imports.restoreAsNew(backup);
    expect(copy.id).not.toBe(id);
    expect(copy.name).toBe('Wijkteam Noord (uit back-up)');
    const restored = (await library.open(copy.id)).dossier;
    expect(restored.clips.all().map((c) => [c.id, c.title, c.note, c.themes])).toEqual(dossier.clips.all().map((c) => [c.id, c.title, c.note, c.themes]));

    // Change both sides, then merge the backup of the copy into the original.
    dossier.clips.update(clips.b, { note: 'Hier in het origineel.' });
    restored.clips.update(clips.c, { note: 'Hier in de kopie.' });
    const copyBackup = await imports.readBackupFile(
      picked(
        'kopie.knipsel',
        await createExportService(library, { now })
          .backup(copy.id)
          .then((f) => f.bytes),
      ),
    );
    expect(await imports.isSameDossier(id, copyBackup)).toBe(true);
    const result = await imports.mergeInto(id, copyBackup, false);
    expect(result.sameDossier).toBe(true);
    expect(dossier.clips.get(clips.b)?.note).toBe('Hier in het origineel.');
    expect(dossier.clips.get(clips.c)?.note).toBe('Hier in de kopie.');
  });

  test('a file too large is refused by its size before it is read', async () => {
    const imports = createImportService(newLibrary());
    const huge: PickedFile = { name: 'groot.knipsel', size: 300 * 1024 * 1024, arrayBuffer: () => Promise.reject(new Error('must not be read')) };
    const error = await imports.readBackupFile(huge).catch((e: unknown) => e);
    expect(fileErrorMessage(error, 'nl', '?')).toMatch(/^Het bestand is te groot \(300 MB\)/);
    const bigImport = await imports.readBookmarkFile({ ...huge, name: 'bookmarks.html', size: 60 * 1024 * 1024 }).catch((e: unknown) => e);
    expect(fileErrorMessage(bigImport, 'nl', '?')).toMatch(/^Het bestand is te groot \(60 MB\)/);
  });
});

describe('bookmark imports', () => {
  test('into a new dossier: nothing is stored until complete; a cancel leaves no dossier', async () => {
    const library = newLibrary();
    const imports = createImportService(library, { now });
    const parsed = await imports.readBookmarkFile(picked('pocket.csv', fixture('pocket.csv')));
    const target = { kind: 'new', name: 'Uit Pocket' } as const;
    const plan = await imports.plan(target, parsed);
    expect(plan.themes.length).toBeGreaterThan(10);
    const choices = suggestedChoices(plan);
    choices['presentie'] = 'community-werker.leefwereld';

    const controller = new AbortController();
    controller.abort();
    await expect(imports.run(target, parsed, choices, { signal: controller.signal })).rejects.toThrow();
    expect(await library.list()).toEqual([]);

    const done = await imports.run(target, parsed, choices);
    const records = await library.list();
    expect(records.map((r) => [r.id, r.name])).toEqual([[done.dossierId, 'Uit Pocket']]);
    const clips = (await library.open(done.dossierId)).dossier.clips.all();
    expect(clips.length).toBe(done.result.added.length);
    expect(clips.find((c) => c.capture.url === 'https://www.presentie.nl/wijk')?.themes).toContain('community-werker.leefwereld');
  });

  test('into an existing dossier with a mapping; "niet koppelen" leaves the tag off', async () => {
    const library = newLibrary();
    const { id, dossier } = await seeded(library);
    const imports = createImportService(library, { now });
    const parsed = await imports.readBookmarkFile(picked('raindrop.csv', fixture('raindrop.csv')));
    const { result } = await imports.run({ kind: 'existing', dossierId: id }, parsed, { eigenaarschap: 'community-werker.eigenaarschap', wederkerigheid: '' });
    expect(result.added.length).toBe(2);
    const verbinder = dossier.clips.all().find((c) => c.capture.url === 'https://www.creativetinkers.nl/verbinder');
    expect(verbinder?.themes).toEqual(['community-werker.eigenaarschap']);
    const wederkerig = dossier.clips.all().find((c) => c.capture.url === 'https://www.sociaalwerknederland.nl/wederkerigheid');
    expect(wederkerig?.themes).toEqual([]);
  });

  test("Omnivore's zip of JSON files is read; a zip without bookmarks is refused", () => {
    const zip = zipSync({ 'metadata_0_to_2.json': fixture('omnivore-metadata_0_to_2.json'), 'content/x.html': strToU8('<p>x</p>') });
    const parsed = parseBookmarkBytes(zip, 'Omnivore.zip');
    expect(parsed.format).toBe('omnivore-json');
    expect(parsed.bookmarks.length).toBeGreaterThan(0);
    let error: unknown;
    try {
      parseBookmarkBytes(zipSync({ 'foto.png': new Uint8Array([1, 2, 3]) }), 'foto.zip');
    } catch (e) {
      error = e;
    }
    expect(fileErrorMessage(error, 'nl', '?')).toMatch(/bevat geen bladwijzers/);
  });
});

describe('pure helpers', () => {
  const theme = (id: string, hidden = false): Theme => ({ id, frameworkId: 'fw', name: id, description: null, color: null, hidden, order: 0, preset: false });
  const framework: Framework = {
    id: 'fw',
    name: 'FW',
    description: null,
    source: null,
    color: null,
    hidden: false,
    order: 0,
    preset: false,
    enabled: true,
    themes: [theme('a'), theme('b'), theme('h', true)],
  };
  const row = (id: string, themes: string[], capturedAt: number, trashed = false) => ({ id, themes, capturedAt, trashed }) as Partial<ClipRow> as ClipRow;

  test('composer themes skip hidden themes and trashed clips; the default takes every theme with clips', () => {
    const themes = composerThemes([row('2', ['a'], 20), row('1', ['a', 'h'], 10), row('3', ['a'], 5, true)], framework);
    expect(themes.map((t) => [t.theme.id, t.rows.map((r) => r.id)])).toEqual([
      ['a', ['1', '2']],
      ['b', []],
    ]);
    expect(defaultSelection(themes)).toEqual({ themeIds: ['a'], clipIds: ['1', '2'] });
  });

  test('file names, tag mapping, messages', () => {
    expect(exportFileName('markdown', 'Café één', '.zip', now())).toBe('markdown-cafe-een-2025-03-14.zip');
    expect(tagMapping({ presentie: 't1', overig: '' })).toEqual({ presentie: ['t1'] });
    const refused = new KnipselError('invalid-input', 'Wrong type.', { reason: 'wrong-type', nl: 'Geen back-up.' });
    expect(fileErrorMessage(refused, 'nl', 'x')).toBe('Geen back-up.');
    expect(fileErrorMessage(refused, 'en', 'x')).toBe('Wrong type.');
    expect(fileErrorMessage(new Error('boom'), 'nl', 'Onbekend')).toBe('Onbekend');
    expect(fileErrorMessage(new DOMException('stop', 'AbortError'), 'nl', 'x')).toBeNull();
  });
});

describe('bookmark files that hold nothing', () => {
  test('a cut-off browser export is refused with a Dutch message; a cut-off CSV keeps its readable rows', async () => {
    const imports = createImportService(newLibrary());
    const error = await imports.readBookmarkFile(picked('bookmarks.html', fixture('truncated-bookmarks.html'))).catch((e: unknown) => e);
    expect(fileErrorMessage(error, 'nl', '?')).toMatch(/lijkt onvolledig/);
    const csv = await imports.readBookmarkFile(picked('pocket.csv', fixture('truncated-pocket.csv')));
    expect(csv.bookmarks.length).toBe(1);
    expect(csv.problems[0]?.reason).toBe('incomplete');
  });
});
