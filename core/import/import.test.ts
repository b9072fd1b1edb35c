import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createDossier, initDossierDoc } from '../dossier/dossier.js';
import { makeCapture } from '../testing/captures.js';
import { KnipselError } from '../errors.js';
import { thrownBy } from '../testing/errors.js';
import { createBackup } from '../export/backup.js';
import { makeTestDossier } from '../testing/dossier.js';
import { checkImportSize, maxImportBytes, type ImportedBookmark } from './bookmarks.js';
import { parseCsv } from './csv.js';
import { detectImportFormat, parseImportFile } from './detect-import.js';
import { planImport, runImport } from './run-import.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../tests/fixtures/imports/${name}`, import.meta.url)));
const text = (name: string) => new TextDecoder().decode(fixture(name));

function freshDossier() {
  const doc = new Y.Doc();
  initDossierDoc(doc, { id: 'import-doel', name: 'Importdoel' });
  const dossier = createDossier(doc);
  const own = dossier.frameworks.addFramework({ name: 'Leerdoelen' });
  dossier.frameworks.addTheme(own, { name: 'Wijkgericht werken' });
  return dossier;
}

const thrown = (fn: () => unknown) => thrownBy(fn, KnipselError);

describe('CSV reader', () => {
  it('handles quotes, doubled quotes, line breaks in fields, CRLF, BOM and semicolons', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, ""y""","regel 1\nregel 2"\r\n\r\nlaatste,').rows).toEqual([
      ['a', 'b'],
      ['x, "y"', 'regel 1\nregel 2'],
      ['laatste', ''],
    ]);
    expect(parseCsv('a;b\n"1;2";3\n').rows).toEqual([
      ['a', 'b'],
      ['1;2', '3'],
    ]);
    expect(parseCsv('a,b\n"open,zonder einde').unterminated).toBe(true);
  });
});

describe('bookmark files', () => {
  it('reads the Chrome bookmarks HTML: folders become tags, notes, dates, bad links reported', () => {
    const parsed = parseImportFile(fixture('chrome-bookmarks.html'), 'bookmarks_14-03-2025.html');
    expect(parsed.format).toBe('netscape-html');
    const byTitle = new Map(parsed.bookmarks.map((b) => [b.title, b]));
    expect(byTitle.get('Movisie – kennisinstituut sociaal domein')).toMatchObject({ url: 'https://www.movisie.nl/', tags: [], addedAt: 1672531300_000 });
    expect(byTitle.get('Wijkgericht werken: zo doe je dat | Movisie')).toMatchObject({
      tags: ['Wijkgericht werken'],
      note: 'Handig stappenplan voor de buurtanalyse & het wijkteam.',
      addedAt: 1680000000_000,
    });
    expect(byTitle.get('De presentiebenadering – Stichting Presentie')).toMatchObject({
      tags: ['Wijkgericht werken', 'Presentie'],
      note: 'Andries Baart: er zijn, aansluiten, niet fixen.',
    });
    expect(byTitle.get('Buurt- en wijkteams — Sociaal Werk Nederland')!.tags).toEqual([]);
    expect(byTitle.get('Ideeën van bewoners serieus nemen')!.url).toBe('https://www.kis.nl/artikel/idee%C3%ABn-van-bewoners');
    expect(parsed.bookmarks).toHaveLength(7);
    expect(parsed.problems.map((p) => [p.reason, p.nl])).toEqual([
      ['not-web', 'Geen webpagina (javascript:); overgeslagen.'],
      ['not-web', 'Geen webpagina (chrome:); overgeslagen.'],
    ]);
    expect(parsed.problems[0].row).toBe(21); // the line in the file
  });

  it('reads the Firefox bookmarks HTML with its TAGS attribute', () => {
    const parsed = parseImportFile(fixture('firefox-bookmarks.html'));
    expect(parsed.bookmarks.map((b) => [b.title, b.tags])).toEqual([
      ['Wijkgerichte zorg | Zorg voor Beter', ['wijkgericht werken', 'preventie']],
      ['Community werker – het nieuwe ambacht', ['Community building', 'eigenaarschap']],
      ['DichtErBij: de principes', ['presentie']],
    ]);
    expect(parsed.bookmarks[1].note).toBe('Blog van Ben Koenen over de tien kenmerken.');
    expect(parsed.problems.map((p) => p.reason)).toEqual(['not-web']);
  });

  it('reads the Pocket CSV', () => {
    const parsed = parseImportFile(fixture('pocket.csv'), 'part_000000.csv');
    expect(parsed.format).toBe('pocket-csv');
    expect(parsed.bookmarks.map((b) => [b.title, b.tags, b.addedAt])).toEqual([
      ['Presentie in de wijk: er zijn voor bewoners', ['presentie', 'wijkgericht werken'], 1693526400_000],
      ['Buurtcirkels: "samen sterker" in Amsterdam-Noord', ['wijkgericht werken'], 1693612800_000],
      ['Eigen kracht-conferenties', [], 1693699200_000],
      ['Opbouwwerk in Utrecht-Overvecht', ['opbouwwerk', 'Wijkgericht Werken'], 1693872000_000],
    ]);
    expect(parsed.problems).toMatchObject([{ row: 4, reason: 'bad-url', value: 'htps//kapot', nl: 'Geen geldig webadres.' }]);
  });

  it('reads the Raindrop CSV: multi-line notes, folders and tags, excerpt, highlights', () => {
    const parsed = parseImportFile(fixture('raindrop.csv'));
    expect(parsed.format).toBe('raindrop-csv');
    expect(parsed.bookmarks[0]).toEqual({
      url: 'https://www.creativetinkers.nl/verbinder',
      title: 'De community werker als verbinder',
      note: "Goed voorbeeld van talenten verbinden.\nTweede regel van mijn notitie, met komma's.",
      description: 'Een blog over de rol van de community werker in de wijk.',
      tags: ['Leergang', 'Community werk', 'talenten verbinden', 'eigenaarschap'],
      addedAt: Date.parse('2023-09-01T10:15:00.000Z'),
    } satisfies ImportedBookmark);
    expect(parsed.bookmarks[1]).toMatchObject({ tags: ['wederkerigheid'], note: 'Markeringen uit Raindrop:\nHighlight: geven en nemen' });
    expect(parsed.problems).toMatchObject([{ row: 3, reason: 'missing-url', nl: 'Geen webadres.' }]);
  });

  it('reads Omnivore exports (CSV as its importer took it, and its JSON metadata)', () => {
    const csv = parseImportFile(fixture('omnivore.csv'));
    expect(csv.format).toBe('omnivore-csv');
    expect(csv.bookmarks.map((b) => [b.title, b.tags, b.addedAt])).toEqual([
      ['Preventie in de wijk', ['preventie', 'wijkgericht werken'], 1694000000000],
      ['Inbedden van nieuwe bewoners', ['inbedden'], Date.parse('2023-09-07T12:00:00Z')],
    ]);
    expect(csv.problems.map((p) => p.reason)).toEqual(['not-web']);
    const json = parseImportFile(fixture('omnivore-metadata_0_to_2.json'));
    expect(json.format).toBe('omnivore-json');
    expect(json.bookmarks.map((b) => [b.title, b.tags, b.description])).toEqual([
      ['Normaliseren in het sociaal team', ['normaliseren', 'Sociaal team'], 'Wat betekent normaliseren voor de toegang?'],
      ['Innovatie in het sociaal domein', ['innovatie'], null],
    ]);
  });

  it('reads a Dutch Excel CSV (Windows-1252, semicolons)', () => {
    const parsed = parseImportFile(fixture('excel-semicolon.csv'));
    expect(parsed.format).toBe('csv');
    expect(parsed.bookmarks.map((b) => [b.title, b.tags, b.note])).toEqual([
      ['Buurtpréventie en café-avonden', ['preventie'], 'Idee voor de koffieochtend'],
      ['Ontmoeten; de basis', ['wijkgericht werken'], ''],
    ]);
  });

  it('reports a truncated file instead of guessing its last row', () => {
    const csv = parseImportFile(fixture('truncated-pocket.csv'));
    expect(csv.bookmarks.map((b) => b.title)).toEqual(['Eerste']);
    expect(csv.problems).toMatchObject([{ reason: 'incomplete', nl: expect.stringMatching(/afgebroken/) }]);
    const html = parseImportFile(fixture('truncated-bookmarks.html'));
    expect(html).toMatchObject({ format: 'netscape-html', bookmarks: [] });
  });

  it('detects formats from content, not the file name', () => {
    expect(detectImportFormat(text('pocket.csv'), 'bookmarks.html')).toBe('pocket-csv');
    expect(detectImportFormat(text('chrome-bookmarks.html'), 'export.csv')).toBe('netscape-html');
    expect(detectImportFormat(text('raindrop.csv'), '')).toBe('raindrop-csv');
    expect(detectImportFormat('Boodschappen: melk, brood', 'lijst.txt')).toBeNull();
  });

  it('refuses wrong, binary, huge and unrecognised files with a Dutch message', async () => {
    const { dossier } = makeTestDossier();
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(0), /leeg/],
      [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), /afbeelding \(PNG\)/],
      [zipSync({ 'a.txt': new TextEncoder().encode('hoi') }), /zip-bestand/],
      [await createBackup(dossier), /Knipsel-back-up.*Back-up terugzetten/],
      [new TextEncoder().encode('Boodschappen: melk, brood\nkaas'), /herkent dit bestand niet/],
      [new TextEncoder().encode('<html><body><p>Een gewone pagina</p></body></html>'), /herkent dit bestand niet/],
      [new TextEncoder().encode('{"niet": "bladwijzers"}'), /herkent dit bestand niet/],
      [new Uint8Array([0x74, 0x69, 0x74, 0x6c, 0x65, 0, 1, 2, 3]), /geen bladwijzerbestand/],
    ];
    for (const [bytes, nl] of cases) expect(thrown(() => parseImportFile(bytes)).details.nl).toMatch(nl);
    expect(thrown(() => checkImportSize(maxImportBytes + 1)).details).toMatchObject({ reason: 'too-large', nl: expect.stringMatching(/te groot \(50,0 MB\)|te groot \(50 MB\)/) });
  });
});

describe('importing bookmarks into a dossier', () => {
  it('plans tag → theme suggestions (diacritic- and case-insensitive)', () => {
    const dossier = freshDossier();
    const parsed = parseImportFile(fixture('pocket.csv'));
    const plan = planImport(parsed.bookmarks, dossier);
    const own = dossier.frameworks.list().find((f) => f.name === 'Leerdoelen')!.themes[0].id;
    const byTag = new Map(plan.tags.map((t) => [t.tag, t]));
    expect(byTag.get('wijkgericht werken')).toMatchObject({ count: 3, suggestedThemeIds: [own] }); // "Wijkgericht Werken" counted together
    expect(byTag.get('presentie')!.suggestedThemeIds).toContain('hulp-zorg-welzijn.presentie');
    expect(byTag.get('opbouwwerk')!.suggestedThemeIds).toEqual([]);
    expect(plan).toMatchObject({ alreadyInDossier: 0, toImport: 4 });
  });

  it('creates bookmark clips with mapped themes, skipping addresses already there and duplicates', async () => {
    const dossier = freshDossier();
    dossier.clips.add({ capture: makeCapture({ url: 'https://www.presentie.nl/de-presentiebenadering' }) });
    const parsed = parseImportFile(fixture('chrome-bookmarks.html'));
    const wijk = dossier.frameworks.list().find((f) => f.name === 'Leerdoelen')!.themes[0].id;
    const progress: [number, number][] = [];
    const result = await runImport(
      dossier,
      parsed.bookmarks,
      { 'Wijkgericht werken': [wijk], presentie: ['hulp-zorg-welzijn.presentie'] },
      { batchSize: 2, onProgress: (done, total) => progress.push([done, total]), now: () => 1_750_000_000_000 },
    );
    expect(result.added).toHaveLength(5);
    expect(result.skipped.map((s) => s.reason).sort()).toEqual(['already-in-dossier', 'duplicate-in-file']);
    expect(progress[0]).toEqual([0, 7]);
    expect(progress.at(-1)).toEqual([7, 7]);
    expect(progress.length).toBeGreaterThan(3);
    const clip = dossier.clips.findByUrl('https://www.movisie.nl/artikel/wijkgericht-werken-zo-doe-je-dat')[0];
    expect(clip).toMatchObject({
      title: 'Wijkgericht werken: zo doe je dat | Movisie',
      note: 'Handig stappenplan voor de buurtanalyse & het wijkteam.',
      themes: [wijk],
    });
    expect(clip.capture).toMatchObject({ mode: 'bookmark', text: clip.note, capturedAt: 1680000000_000, html: '' });
    // Importing the same file again adds nothing.
    const again = await runImport(dossier, parsed.bookmarks, {});
    expect(again.added).toEqual([]);
  });

  it('checks a large import against a large dossier in one pass over its clips, not one per bookmark', async () => {
    const dossier = freshDossier();
    const size = 1500;
    dossier.doc.transact(() => {
      for (let i = 0; i < size; i++) dossier.clips.add({ capture: makeCapture({ url: `https://wijk.example.nl/praktijk/${i}` }) });
    });
    const bookmarks = Array.from({ length: size * 2 }, (_, i) => ({
      url: `https://www.wijk.example.nl/praktijk/${i}?utm_source=x`,
      title: `Praktijk ${i}`,
      tags: [],
      note: '',
      description: null,
      addedAt: null,
    }));
    const perBookmark = vi.spyOn(dossier.clips, 'findByUrl');
    const onePass = vi.spyOn(dossier.clips, 'urlKeys');
    expect(planImport(bookmarks, dossier)).toMatchObject({ alreadyInDossier: size, toImport: size });
    const result = await runImport(dossier, bookmarks, {});
    expect(result.added).toHaveLength(size);
    expect(result.skipped.filter((s) => s.reason === 'already-in-dossier')).toHaveLength(size);
    expect(perBookmark).not.toHaveBeenCalled();
    expect(onePass).toHaveBeenCalledTimes(2);
  });

  it('cancels without leaving half a dossier, while progress was reported', async () => {
    const dossier = freshDossier();
    const before = Y.encodeStateAsUpdate(dossier.doc);
    const bookmarks: ImportedBookmark[] = Array.from({ length: 1_000 }, (_, i) => ({
      url: `https://www.voorbeeld.nl/artikel/${i}`,
      title: `Artikel ${i}`,
      note: '',
      description: null,
      tags: ['presentie'],
      addedAt: null,
    }));
    const controller = new AbortController();
    const progress: number[] = [];
    const run = runImport(
      dossier,
      bookmarks,
      { presentie: ['hulp-zorg-welzijn.presentie'] },
      {
        signal: controller.signal,
        batchSize: 100,
        onProgress: (done) => {
          progress.push(done);
          if (done >= 500) controller.abort();
        },
      },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toContain(500);
    expect(dossier.clips.count()).toBe(0);
    expect(Y.encodeStateAsUpdate(dossier.doc)).toEqual(before);
  });

  it('refuses a mapping to a theme that does not exist, changing nothing', async () => {
    const dossier = freshDossier();
    const before = Y.encodeStateAsUpdate(dossier.doc);
    const parsed = parseImportFile(fixture('pocket.csv'));
    await expect(runImport(dossier, parsed.bookmarks, { presentie: ['bestaat.niet'] })).rejects.toMatchObject({
      code: 'invalid-input',
      details: { nl: expect.stringMatching(/thema bestaat niet/) },
    });
    expect(Y.encodeStateAsUpdate(dossier.doc)).toEqual(before);
  });
});
