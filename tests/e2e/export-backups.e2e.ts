// Backups in the built web app, as a person uses them: restore a backup made by core (every
// kind of field) and export it again unchanged, merge backups (same and other dossier), and
// refused files with their Dutch message and nothing changed.
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createDossier } from '@knipsel/core';
import { createBackup } from '@knipsel/core/export';
import { backupOfDeflated, deflatedZeros, hostileBookmarkFile, makeCapture, zipOfDeflated } from '@knipsel/core/testing';
import { seriousViolations } from '../support/app.js';
import { exportSession } from './export-support.js';

const session = exportSession('backups');
const { app, seed, work, fixtures, heading, nav, shotBoth, noSidewaysScroll, download, contents, openExport, downloadBackup, currentDossierId, dossierNames } = session;
let page: Page;
let seedFile = '';
let restoredId = '';
beforeAll(() => ({ page, seedFile } = session));

describe('backups', () => {
  test('a backup restored as a new dossier and exported again holds every clip and field', async () => {
    await page.goto(app.server.url);
    await heading('Knipsels').waitFor();
    await nav('Dossiers').click();
    await heading('Je dossiers').waitFor();
    await shotBoth('dossiers-restore-card');
    await page.getByLabel('Kies een back-up (.knipsel)').setInputFiles(seedFile);
    const dialog = page.getByRole('dialog', { name: 'Back-up terugzetten' });
    await dialog.getByText('Back-up van ‘Leergang community werk’ met 6 knipsels').waitFor();
    await shotBoth('restore-dialog');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Terugzetten' }).click();
    await heading('Knipsels').waitFor();
    await expect.poll(() => page.locator('.current-dossier').textContent()).toContain('Leergang community werk');
    restoredId = currentDossierId();
    expect(restoredId).toBe('leergang-cw');

    const exported = await downloadBackup();
    expect(contents(exported)).toEqual(contents(seed.dossier));
    await shotBoth('export-screen');
    await noSidewaysScroll();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('merging a changed backup into a changed dossier loses nothing on either side', async () => {
    // The app side: a clip added through the app.
    await nav('Knipsels').click();
    await page.getByRole('main').getByRole('button', { name: 'Knipsel toevoegen' }).click();
    const add = page.getByRole('dialog', { name: 'Knipsel toevoegen' });
    await add.getByLabel('Webadres').fill('https://www.wijkteam.example.nl/in-de-app');
    await add.getByLabel('Titel (optioneel)').fill('Toegevoegd in de app');
    await add.getByRole('button', { name: 'Knipsel bewaren' }).click();
    await heading('Toegevoegd in de app').waitFor();

    // The backup side: the same dossier elsewhere, with a new clip and a changed reflection.
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(seed.dossier.doc));
    const other = createDossier(elsewhere);
    const fromBackup = other.clips.add({
      capture: makeCapture({ title: 'Toegevoegd op de andere laptop', url: 'https://www.example.org/laptop' }),
      themes: ['community-werker.leefwereld'],
    });
    other.clips.update(seed.ids.presentie!, { note: 'Aangevuld op de andere laptop.' });
    const changedFile = join(work, 'gewijzigd.knipsel');
    writeFileSync(changedFile, await createBackup(other));

    await openExport();
    await page.getByLabel('Kies een back-up (.knipsel)').setInputFiles(changedFile);
    const dialog = page.getByRole('dialog', { name: 'Back-up terugzetten' });
    await dialog.getByLabel('Samenvoegen met een bestaand dossier').check();
    await expect.poll(() => dialog.getByLabel('Samenvoegen met', { exact: true }).inputValue()).toBe(restoredId);
    await dialog.getByRole('button', { name: 'Samenvoegen' }).click();
    await page.getByText('Samengevoegd met ‘Leergang community werk’: 1 nieuw knipsel').waitFor();

    const merged = contents(await downloadBackup());
    const titles = merged.clips.map((c) => c.title);
    expect(titles).toContain('Toegevoegd in de app');
    expect(titles).toContain('Toegevoegd op de andere laptop');
    expect(merged.clips.find((c) => c.id === seed.ids.presentie)?.note).toBe('Aangevuld op de andere laptop.');
    expect(merged.clips.find((c) => c.id === fromBackup)?.themes).toEqual(['community-werker.leefwereld']);
    // Everything of the original is still there, unchanged except the one note.
    for (const clip of contents(seed.dossier).clips) {
      const now = merged.clips.find((c) => c.id === clip.id);
      expect(now, clip.title).toBeDefined();
      if (clip.id !== seed.ids.presentie) expect(now).toEqual(clip);
      else expect({ ...now, note: clip.note, updatedAt: clip.updatedAt }).toEqual(clip);
    }
    expect(merged.clips.length).toBe(contents(seed.dossier).clips.length + 2);
  });

  test('merging the backup of another dossier asks first and keeps this dossier’s name', async () => {
    await nav('Dossiers').click();
    await page.getByLabel('Naam van het dossier').fill('Stage 2026');
    await page.getByRole('button', { name: 'Dossier maken' }).click();
    await heading('Knipsels').waitFor();
    const stageId = currentDossierId();
    await openExport();
    await page.getByLabel('Kies een back-up (.knipsel)').setInputFiles(seedFile);
    const dialog = page.getByRole('dialog', { name: 'Back-up terugzetten' });
    await dialog.getByLabel('Samenvoegen met een bestaand dossier').check();
    await dialog.getByText('Deze back-up hoort bij een ander dossier (‘Leergang community werk’)').waitFor();
    const submit = dialog.getByRole('button', { name: 'Samenvoegen' });
    expect(await submit.isDisabled()).toBe(true);
    await shotBoth('restore-dialog-other-dossier');
    await dialog.getByLabel('Ja, voeg de knipsels van dit andere dossier toe').check();
    await submit.click();
    await page.getByText('Samengevoegd met ‘Stage 2026’: 6 nieuwe knipsels').waitFor();
    const merged = contents(await downloadBackup());
    expect(merged.meta.name).toBe('Stage 2026');
    expect(merged.meta.id).not.toBe('leergang-cw');
    expect(currentDossierId()).toBe(stageId);
    expect(merged.clips.map((c) => c.id).sort()).toEqual(
      contents(seed.dossier)
        .clips.map((c) => c.id)
        .sort(),
    );
  });
});

describe('refused files', () => {
  test('each kind of bad file gets its Dutch message and changes nothing', async () => {
    const good = readFileSync(seedFile);
    const bad = (name: string, bytes: Uint8Array | string) => {
      const path = join(work, name);
      writeFileSync(path, bytes);
      return path;
    };
    const header = (mutate: (h: Record<string, unknown>) => void) => {
      const text = new TextDecoder().decode(good);
      const first = text.indexOf('\n');
      const second = text.indexOf('\n', first + 1);
      const h = JSON.parse(text.slice(first + 1, second));
      mutate(h);
      const head = new TextEncoder().encode(`${text.slice(0, first + 1)}${JSON.stringify(h)}\n`);
      const headBytes = new TextEncoder().encode(text.slice(0, second + 1)).length;
      const out = new Uint8Array(head.length + good.length - headBytes);
      out.set(head);
      out.set(good.subarray(headBytes), head.length);
      return out;
    };
    const flipped = new Uint8Array(good);
    flipped[flipped.length - 20]! ^= 0xff;
    const huge = join(work, 'enorm.knipsel');
    writeFileSync(huge, '');
    truncateSync(huge, 210 * 1024 * 1024); // sparse: the size is checked before reading
    const hugeBookmarks = join(work, 'enorm.html');
    writeFileSync(hugeBookmarks, '');
    truncateSync(hugeBookmarks, 60 * 1024 * 1024);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const bomb = deflatedZeros(1024 * 1024 * 1024);

    const backupCases: [string, string, RegExp][] = [
      ['afgebroken', bad('afgebroken.knipsel', good.subarray(0, Math.floor(good.length * 0.6))), /^Het bestand is onvolledig \(afgebroken download\?\)/],
      ['beschadigd', bad('beschadigd.knipsel', flipped), /^De back-up is beschadigd/],
      [
        'nieuwer',
        bad(
          'nieuwer.knipsel',
          header((h) => ((h.format = 2), (h.appVersion = '2.3.0'))),
        ),
        /^Deze back-up is gemaakt met Knipsel 2\.3\.0, een nieuwere versie \(back-upformaat 2\)\. Werk Knipsel bij naar versie 2\.3\.0 of nieuwer om hem te openen; deze versie leest back-ups tot en met formaat 1\./,
      ],
      ['afbeelding', bad('foto.knipsel', png), /^Dit bestand is geen Knipsel-back-up, maar een afbeelding \(PNG\)/],
      ['bladwijzers-als-backup', join(fixtures, 'chrome-bookmarks.html'), /geen Knipsel-back-up, maar een bladwijzerbestand/],
      ['te-groot', huge, /^Het bestand is te groot \(210 MB\); Knipsel opent back-ups tot 200 MB/],
      ['leeg', bad('leeg.knipsel', ''), /^Het bestand is leeg/],
      // About 1 MB that inflates to 1 GiB, declaring 1 KiB: stopped while inflating.
      ['bom', bad('bom.knipsel', await backupOfDeflated(bomb, 1024)), /^De back-up is beschadigd/],
    ];
    const bookmarkCases: [string, string, RegExp][] = [
      ['afgebroken-html', join(fixtures, 'truncated-bookmarks.html'), /lijkt onvolledig \(afgebroken download\?\)/],
      ['afbeelding', bad('foto.csv', png), /^Dit is geen bladwijzerbestand, maar een afbeelding \(PNG\)/],
      ['backup-als-bladwijzers', seedFile, /^Dit is een Knipsel-back-up, geen bladwijzerbestand/],
      ['onbekend', bad('lijst.txt', 'Boodschappen: melk, brood\nen kaas'), /^Knipsel herkent dit bestand niet/],
      ['te-groot', hugeBookmarks, /^Het bestand is te groot \(60 MB\); Knipsel importeert bestanden tot 50 MB/],
      [
        'zip-bom',
        bad('Omnivore-bom.zip', zipOfDeflated('metadata_0_to_9.json', bomb, 1024)),
        /^Dit zip-bestand klopt niet: een bestand erin pakt uit tot veel meer dan het zegt \(een zip-bom\?\)/,
      ],
    ];

    const namesBefore = await dossierNames();
    await page.goto(`${app.server.url}/#/d/${restoredId}/list`);
    await heading('Knipsels').waitFor();
    const before = contents(await downloadBackup());

    for (const [name, file, message] of backupCases) {
      await page.getByLabel('Kies een back-up (.knipsel)').setInputFiles(file);
      const alert = page.getByRole('main').getByRole('alert');
      await expect.poll(() => alert.textContent(), { message: name }).toMatch(message);
      expect(await alert.textContent()).toContain('Er is niets veranderd.');
      expect(await page.getByRole('dialog', { name: 'Back-up terugzetten' }).isVisible()).toBe(false);
      if (name === 'nieuwer') await shotBoth('refused-newer-backup');
    }
    for (const [name, file, message] of bookmarkCases) {
      await page.getByLabel('Kies een bladwijzerbestand').setInputFiles(file);
      const alert = page.getByRole('main').getByRole('alert').last();
      await expect.poll(() => alert.textContent(), { message: name }).toMatch(message);
      expect(await page.getByRole('dialog', { name: 'Bladwijzers importeren' }).isVisible()).toBe(false);
    }
    // A CSV cut off mid-row: the readable rows are offered, the cut is said plainly; cancelled here.
    await page.getByLabel('Kies een bladwijzerbestand').setInputFiles(join(fixtures, 'truncated-pocket.csv'));
    const cut = page.getByRole('dialog', { name: 'Bladwijzers importeren' });
    await cut.locator('.notice').getByText('Het bestand houdt midden in een regel op (afgebroken?); de laatste regel is overgeslagen.').waitFor();
    await cut.getByRole('button', { name: 'Annuleren' }).click();
    // The Dossiers screen refuses the same way.
    await nav('Dossiers').click();
    // The Export screen has a picker with the same label: wait until it has made way.
    await heading('Je dossiers').waitFor();
    await expect.poll(() => page.getByLabel('Kies een back-up (.knipsel)').count()).toBe(1);
    await page.getByLabel('Kies een back-up (.knipsel)').setInputFiles(join(work, 'beschadigd.knipsel'));
    await expect.poll(() => page.getByRole('main').getByRole('alert').textContent()).toMatch(/^De back-up is beschadigd/);

    expect(await dossierNames()).toEqual(namesBefore);
    await page.goto(`${app.server.url}/#/d/${restoredId}/list`);
    await heading('Knipsels').waitFor();
    expect(contents(await downloadBackup())).toEqual(before);
  });

  test('a hostile 1 MB bookmark file is refused with its message while the app keeps answering', async () => {
    // Links without `>`: the kind of file that froze the app for minutes when it was parsed
    // with a pattern that rescans to the end of the file for every `<a`.
    const html = hostileBookmarkFile('open-links', 1024 * 1024);
    const hostile = join(work, 'vastloper.html');
    writeFileSync(hostile, html);
    const links = (html.split('<A ').length - 1).toLocaleString('nl-NL');
    const namesBefore = await dossierNames();
    await page.goto(`${app.server.url}/#/d/${restoredId}/list`);
    await heading('Knipsels').waitFor();
    const before = contents(await downloadBackup());

    // Long tasks on the page's main thread while the file is read, as a figure for the log.
    await page.evaluate(() => {
      const w = window as unknown as { __longest: number };
      w.__longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
      }).observe({ type: 'longtask' });
    });
    const started = Date.now();
    await page.getByLabel('Kies een bladwijzerbestand').setInputFiles(hostile);
    // Another control reacts meanwhile.
    await page.getByLabel('Alle bestanden in één map').check();
    expect(await page.getByLabel('Alle bestanden in één map').isChecked()).toBe(true);
    const alert = page.getByRole('main').getByRole('alert').last();
    await expect
      .poll(() => alert.textContent())
      .toBe(
        `In dit bestand staan geen bladwijzers die Knipsel kan lezen. ${links} bladwijzers zijn beschadigd (een tag zonder einde) en overgeslagen. Exporteer je bladwijzers opnieuw. Er is niets veranderd.`,
      );
    const answeredMs = Date.now() - started;
    const longestTaskMs = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
    console.log(`[export e2e] hostile 1 MB bookmark file: refused after ${answeredMs} ms; longest main-thread task meanwhile ${Math.round(longestTaskMs)} ms`);
    await page.getByLabel('Een map per thema').check();
    expect(await page.getByRole('dialog', { name: 'Bladwijzers importeren' }).isVisible()).toBe(false);
    await shotBoth('refused-hostile-bookmarks');

    expect(contents(await downloadBackup())).toEqual(before);
    expect(await dossierNames()).toEqual(namesBefore);
  });
});
