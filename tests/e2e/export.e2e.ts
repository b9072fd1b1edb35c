// Export, backups and imports in the built web app, as a person uses them: restore a backup
// made by core (every kind of field) and export it again unchanged, merge backups (same and
// other dossier), the portfolio as a printable document (screenshot + PDF) and .docx, the
// Markdown zip, bookmark files from each source with tag → theme mapping, refused files with
// their Dutch message and nothing changed, and a cancelled large import that leaves nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createDossier, type Dossier } from '@knipsel/core';
import { createBackup, inspectDossierState, readBackup } from '@knipsel/core/export';
import { backupOfDeflated, deflatedZeros, hostileBookmarkFile, makeCapture, makeTestDossier, zipOfDeflated } from '@knipsel/core/testing';
import { parseBookmarkBytes } from '@knipsel/core/import';
import { appForFile, seriousViolations } from '../support/app.js';

const shots = process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/export';
const fixtures = join(import.meta.dirname, '../fixtures/imports');
const work = mkdtempSync(join(tmpdir(), 'knipsel-export-e2e-'));

const app = appForFile({ timeout: 10_000 });
let page: Page;

const seed = makeTestDossier({ id: 'leergang-cw', name: 'Leergang community werk' });
// Two more clips so the portfolio has a choice to leave out and a long reflection.
const extra = seed.dossier.clips.add({
  capture: makeCapture({ title: 'Talenten verbinden in de buurt', url: 'https://www.movisie.nl/talenten-verbinden', siteName: 'Movisie', byline: 'de Boer, L.' }),
  note: 'Ik zag hoe de opbouwwerker bewoners met elkaar in contact bracht.\n\nVolgende keer vraag ik eerst wat bewoners zelf willen.\n\nUit een forum geplakt: <img src=x onerror="document.title=\'gehackt\'">',
  themes: ['community-werker.leefwereld'],
});
const leftOut = seed.dossier.clips.add({
  capture: makeCapture({ title: 'Niet in het portfolio', url: 'https://www.example.org/niet' }),
  themes: ['community-werker.eigenaarschap'],
});

let seedFile = '';
let restoredId = '';

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  seedFile = join(work, 'knipsel-backup-leergang.knipsel');
  writeFileSync(seedFile, await createBackup(seed.dossier, { appVersion: '0.1.0' }));
  page = app.page;
  page.on('pageerror', (error) => console.error('[page error]', error));
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await shot(`failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
});

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
});

// --- helpers ------------------------------------------------------------------------------

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name: new RegExp(`^${name}( \\d+)?$`) });

async function shot(name: string, target: Page = page): Promise<void> {
  // A modal dialog is shown as the viewport shows it; screens as the whole page.
  const modal = (await target.locator('dialog[open]').count()) > 0;
  await target.screenshot({ path: join(shots, `${name}.png`), fullPage: !modal });
}

/** Screenshots at phone and desktop width of what is on screen now. */
async function shotBoth(name: string): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(150);
  await shot(`${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(150);
  await shot(`${name}-desktop`);
  if (before) await page.setViewportSize(before);
}

async function noSidewaysScroll(): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
}

async function download(click: () => Promise<unknown>): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
}

/** What a dossier holds, field by field (clips sorted by id). */
function contents(dossier: Dossier) {
  return {
    meta: dossier.meta(),
    frameworks: dossier.frameworks.list({ includeDisabled: true }),
    clips: dossier.clips.all().sort((a, b) => a.id.localeCompare(b.id)),
  };
}

async function dossierOfBackup(bytes: Uint8Array): Promise<Dossier> {
  return inspectDossierState((await readBackup(bytes)).state).dossier;
}

async function openExport(): Promise<void> {
  await nav('Exporteren').click();
  await heading('Exporteren en importeren').waitFor();
}

async function downloadBackup(): Promise<Dossier> {
  await openExport();
  const file = await download(() => page.getByRole('button', { name: 'Back-up downloaden' }).click());
  expect(file.name).toMatch(/^knipsel-backup-.+-\d{4}-\d{2}-\d{2}\.knipsel$/);
  return dossierOfBackup(file.bytes);
}

const currentDossierId = () => decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');

async function dossierNames(): Promise<string[]> {
  await nav('Dossiers').click();
  await heading('Je dossiers').waitFor();
  return page.locator('.dossiers h2').allTextContents();
}

// --- tests --------------------------------------------------------------------------------

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
    const fromBackup = other.clips.add({ capture: makeCapture({ title: 'Toegevoegd op de andere laptop', url: 'https://www.example.org/laptop' }), themes: ['community-werker.leefwereld'] });
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
    expect(merged.clips.map((c) => c.id).sort()).toEqual(contents(seed.dossier).clips.map((c) => c.id).sort());
  });
});

describe('portfolio and Markdown', () => {
  test('the portfolio opens as a printable document with the chosen clips only, and prints to PDF', async () => {
    await page.goto(`${app.server.url}/#/d/${restoredId}/portfolio`);
    await heading('Portfolio').waitFor();
    await page.getByRole('button', { name: 'Portfolio exporteren' }).click();
    const dialog = page.getByRole('dialog', { name: 'Portfolio samenstellen' });
    await dialog.getByLabel('Je naam').fill('Sanne de Vries');
    await dialog.getByLabel('Periode').fill('september 2025 – januari 2026');
    expect(await dialog.getByLabel('Leergang of opleiding').inputValue()).toBe('Post-hbo leergang community werk 2025');
    // Leave one clip out.
    const theme = dialog.getByRole('listitem').filter({ hasText: 'Eigenaarschap bij bewoners' }).first();
    await theme.getByText('Knipsels kiezen').click();
    await theme.getByLabel('Niet in het portfolio').uncheck();
    await dialog.evaluate((d) => (d.scrollTop = 0));
    await shotBoth('portfolio-composer');
    expect(await seriousViolations(page)).toEqual([]);

    const [doc] = await Promise.all([app.context.waitForEvent('page'), dialog.getByRole('button', { name: 'Open als document' }).click()]);
    await doc.waitForLoadState();
    expect(doc.url()).toMatch(/^blob:/);
    const text = await doc.locator('body').innerText();
    expect(text).toContain('Leergang community werk');
    expect(text).toContain('Sanne de Vries');
    expect(text).toContain('september 2025 – januari 2026');
    expect(text).toContain('Buurtmaaltijd in Kattenbroek');
    expect(text).toContain('Talenten verbinden in de buurt');
    expect(text).toContain('Literatuurlijst');
    expect(text).not.toContain('Niet in het portfolio');
    expect(await doc.locator('script').count()).toBe(0);
    // Pasted markup is text, not HTML; and the document's policy stops any inline script.
    expect(text).toContain('Uit een forum geplakt: <img src=x onerror=');
    expect(await doc.locator('img').count()).toBe(0);
    expect(await doc.title()).not.toBe('gehackt');
    const ran = await doc.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__knipselRan = true';
      document.body.append(script);
      return (window as unknown as { __knipselRan?: boolean }).__knipselRan === true;
    });
    expect(ran).toBe(false);
    // No app chrome in the document, and its own strict policy.
    expect(await doc.locator('nav[aria-label="Hoofdmenu"], .sidebar').count()).toBe(0);
    expect(await doc.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("default-src 'none'");
    await doc.setViewportSize({ width: 1280, height: 900 });
    await shot('portfolio-document-desktop', doc);
    await doc.setViewportSize({ width: 390, height: 844 });
    await shot('portfolio-document-phone', doc);
    const pdf = await doc.pdf({ format: 'A4', printBackground: true });
    expect(strFromU8(pdf.subarray(0, 5))).toBe('%PDF-');
    const pdfPath = join(shots, 'portfolio.pdf');
    writeFileSync(pdfPath, pdf);
    if (existsSync('/usr/bin/pdftoppm')) {
      execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdfPath, join(shots, 'portfolio-pdf-page')]);
    }
    await doc.close();

    const docx = await download(() => dialog.getByRole('button', { name: 'Download .docx' }).click());
    expect(docx.name).toMatch(/^portfolio-leergang-community-werk-\d{4}-\d{2}-\d{2}\.docx$/);
    const entries = unzipSync(docx.bytes);
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
    const xml = strFromU8(entries['word/document.xml']!);
    expect(xml).toContain('Buurtmaaltijd in Kattenbroek');
    expect(xml).toContain('Talenten verbinden in de buurt');
    expect(xml).toContain('Sanne de Vries');
    expect(xml).not.toContain('Niet in het portfolio');
    await dialog.getByRole('button', { name: 'Sluiten' }).first().click();
  });

  test('the Markdown zip has a folder per theme or one flat folder, with YAML front matter', async () => {
    await openExport();
    const byTheme = await download(() => page.getByRole('button', { name: 'Markdown-zip downloaden' }).click());
    expect(byTheme.name).toMatch(/^markdown-leergang-community-werk-.*\.zip$/);
    const files = unzipSync(byTheme.bytes);
    const paths = Object.keys(files);
    // Under two themes: written in the first theme's folder, a link to it in the other.
    const buurt = paths.find((p) => /^\d\d Aansluiten bij de leefwereld\/buurtmaaltijd-in-kattenbroek\.md$/.test(p));
    expect(buurt, paths.join('\n')).toBeDefined();
    const other = paths.find((p) => /^\d\d Eigenaarschap bij bewoners\/buurtmaaltijd-in-kattenbroek\.md$/.test(p));
    expect(strFromU8(files[other!]!)).toContain(`described_in: "../${buurt}"`);
    expect(paths).toContain('Ongesorteerd/zonder-thema.md');
    expect(paths.some((p) => p.includes('weggegooid'))).toBe(false);
    const md = strFromU8(files[buurt!]!);
    expect(md).toMatch(/^---\ntitle: "Buurtmaaltijd in Kattenbroek"\nurl: "https:\/\/www\.movisie\.nl\/artikel\/buurtmaaltijd-kattenbroek"\n/);
    expect(md).toMatch(/\nthemes:\n(?: {2}- ".+"\n)* {2}- "Eigenaarschap bij bewoners"\n/);
    expect(md).toMatch(/reference: ".+"/);
    expect(md).toContain('## Reflectie\n\nMooi voorbeeld van eigenaarschap');

    await page.getByLabel('Alle bestanden in één map').check();
    const flat = unzipSync((await download(() => page.getByRole('button', { name: 'Markdown-zip downloaden' }).click())).bytes);
    expect(Object.keys(flat).every((p) => !p.includes('/'))).toBe(true);
    expect(Object.keys(flat)).toEqual(expect.arrayContaining(['buurtmaaltijd-in-kattenbroek.md', 'presentie-in-de-wijk.md', 'toegevoegd-in-de-app.md']));
  });
});

describe('bookmark imports', () => {
  const importDialog = () => page.getByRole('dialog', { name: 'Bladwijzers importeren' });

  async function startImport(file: string, options: { newDossier?: string; map?: Record<string, string>; shotName?: string } = {}) {
    await openExport();
    await page.getByLabel('Kies een bladwijzerbestand').setInputFiles(file);
    const dialog = importDialog();
    await dialog.getByText(/bladwijzers? gevonden in/).waitFor({ timeout: 30_000 });
    if (options.newDossier !== undefined) {
      await dialog.getByLabel('Een nieuw dossier').check();
      await dialog.getByLabel('Naam van het nieuwe dossier').fill(options.newDossier);
    }
    await dialog.getByRole('heading', { name: 'Labels koppelen aan thema’s' }).waitFor();
    for (const [tag, theme] of Object.entries(options.map ?? {})) {
      await dialog.getByLabel(`Thema voor label ‘${tag}’`).selectOption(theme);
    }
    if (options.shotName) {
      await shotBoth(options.shotName);
      expect(await seriousViolations(page)).toEqual([]);
    }
    return dialog;
  }

  test('each source imports through the app, tags mapped to the themes the user confirmed', async () => {
    // Pocket into a new dossier: "wijkgericht werken" mapped by hand, "presentie" not mapped.
    let dialog = await startImport(join(fixtures, 'pocket.csv'), { newDossier: 'Uit Pocket', map: { 'wijkgericht werken': 'community-werker.leefwereld', presentie: '' }, shotName: 'import-plan' });
    await dialog.getByText('4 bladwijzers gevonden in een export van Pocket (CSV).').waitFor();
    await dialog.getByText('1 regel kon niet worden gelezen').waitFor();
    await dialog.getByRole('button', { name: '4 bladwijzers importeren' }).click();
    await dialog.getByText('4 knipsels toegevoegd.').waitFor();
    await shotBoth('import-done');
    await dialog.getByRole('button', { name: 'Naar de knipsels' }).click();
    await expect.poll(() => page.locator('.current-dossier').textContent()).toContain('Uit Pocket');
    await heading('Knipsels').waitFor();
    const pocket = new Map(contents(await downloadBackup()).clips.map((c) => [c.capture.url, c]));
    expect([...pocket.keys()].sort()).toEqual([
      'https://www.buurtcirkel.nl/noord',
      'https://www.eigen-kracht.nl/conferentie',
      'https://www.opbouwwerk-utrecht.nl/overvecht',
      'https://www.presentie.nl/wijk',
    ]);
    expect(pocket.get('https://www.presentie.nl/wijk')?.themes).toEqual(['community-werker.leefwereld']); // "presentie" left out
    expect(pocket.get('https://www.buurtcirkel.nl/noord')?.themes).toEqual(['community-werker.leefwereld']);
    expect(pocket.get('https://www.opbouwwerk-utrecht.nl/overvecht')?.themes).toEqual(['community-werker.leefwereld']); // tags match case-insensitively
    expect(pocket.get('https://www.eigen-kracht.nl/conferentie')).toMatchObject({ themes: [], capture: { mode: 'bookmark' } });

    // Raindrop into the restored dossier, keeping the suggestions ("eigenaarschap" → the theme of that name).
    await page.goto(`${app.server.url}/#/d/${restoredId}/list`);
    await heading('Knipsels').waitFor();
    const before = contents(await downloadBackup());
    dialog = await startImport(join(fixtures, 'raindrop.csv'));
    const suggested: Record<string, string> = {};
    for (const tag of ['talenten verbinden', 'eigenaarschap', 'wederkerigheid']) suggested[tag] = await dialog.getByLabel(`Thema voor label ‘${tag}’`).inputValue();
    expect(suggested.eigenaarschap).toBe('community-werker.eigenaarschap');
    await dialog.getByRole('button', { name: '2 bladwijzers importeren' }).click();
    await dialog.getByText('2 knipsels toegevoegd.').waitFor();
    await dialog.getByRole('button', { name: 'Sluiten' }).last().click();
    const after = contents(await downloadBackup());
    const verbinder = after.clips.find((c) => c.capture.url === 'https://www.creativetinkers.nl/verbinder');
    expect(new Set(verbinder?.themes)).toEqual(new Set([suggested['talenten verbinden'], suggested.eigenaarschap].filter(Boolean)));
    expect(after.clips.length).toBe(before.clips.length + 2);

    // The other sources, each into a new dossier of its own.
    const omnivoreZip = join(work, 'Omnivore.zip');
    writeFileSync(omnivoreZip, zipSync({ 'metadata_0_to_2.json': readFileSync(join(fixtures, 'omnivore-metadata_0_to_2.json')) }));
    for (const [file, name, label] of [
      [join(fixtures, 'chrome-bookmarks.html'), 'Uit Chrome', 'bladwijzers uit je browser (HTML)'],
      [join(fixtures, 'firefox-bookmarks.html'), 'Uit Firefox', 'bladwijzers uit je browser (HTML)'],
      [join(fixtures, 'omnivore.csv'), 'Uit Omnivore CSV', 'een export van Omnivore (CSV)'],
      [omnivoreZip, 'Uit Omnivore zip', 'een export van Omnivore (JSON)'],
    ] as const) {
      const urls = new Set(parseBookmarkBytes(new Uint8Array(readFileSync(file)), file).bookmarks.map((b) => b.url));
      dialog = await startImport(file, { newDossier: name });
      await dialog.getByText(label, { exact: false }).first().waitFor();
      // Duplicates within a file (same page, other spelling) become one clip: the plan says how many.
      const button = dialog.getByRole('button', { name: /bladwijzers? importeren/ });
      const planned = Number((await button.textContent())!.match(/^(\d+)/)![1]);
      expect(planned).toBeGreaterThan(0);
      expect(planned).toBeLessThanOrEqual(urls.size);
      await button.click();
      await dialog.getByText(planned === 1 ? '1 knipsel toegevoegd.' : `${planned} knipsels toegevoegd.`).waitFor();
      await dialog.getByRole('button', { name: 'Naar de knipsels' }).click();
      await expect.poll(() => page.locator('.current-dossier').textContent()).toContain(name);
      await heading('Knipsels').waitFor();
      const imported = contents(await downloadBackup());
      expect(imported.meta.name).toBe(name);
      expect(imported.clips.length).toBe(planned);
      for (const clip of imported.clips) expect(urls.has(clip.capture.url), clip.capture.url).toBe(true);
    }
  });

  test('cancelling a large import leaves no dossier and no clips behind', async () => {
    const big = join(work, 'grote-export.html');
    const rows = Array.from({ length: 50_000 }, (_, i) => `<DT><A HREF="https://www.voorbeeld.nl/pagina/${i}" ADD_DATE="1693526400" TAGS="wijk,presentie">Pagina ${i} over wijkgericht werken en presentie</A>\n<DD>Notitie bij pagina ${i}: ${'bewoners en buurt '.repeat(20)}`);
    writeFileSync(big, `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n${rows.join('\n')}\n</DL><p>\n`);
    const namesBefore = await dossierNames();
    await page.goto(`${app.server.url}/#/d/${restoredId}/list`);
    await heading('Knipsels').waitFor();
    const before = contents(await downloadBackup());

    for (const [newDossier, width] of [['Te groot', 1280], [undefined, 390]] as const) {
      await page.setViewportSize({ width, height: width > 600 ? 800 : 844 });
      const dialog = await startImport(big, newDossier ? { newDossier } : {});
      await dialog.getByText('50.000 bladwijzers gevonden').waitFor({ timeout: 30_000 });
      await dialog.getByRole('button', { name: '50.000 bladwijzers importeren' }).click();
      // Cancel while the bookmarks are being prepared (the progress bar is on screen).
      await dialog.getByRole('progressbar').waitFor();
      await shot(`import-progress-${width > 600 ? 'desktop' : 'phone'}`);
      await dialog.getByRole('button', { name: 'Annuleren' }).click();
      await dialog.getByText('Import geannuleerd; er is niets veranderd.').waitFor();
      await dialog.getByRole('button', { name: 'Annuleren' }).click();
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    expect(contents(await downloadBackup())).toEqual(before);
    expect(await dossierNames()).toEqual(namesBefore);
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
      ['nieuwer', bad('nieuwer.knipsel', header((h) => ((h.format = 2), (h.appVersion = '2.3.0')))), /^Deze back-up is gemaakt met Knipsel 2\.3\.0, een nieuwere versie \(back-upformaat 2\)\. Werk Knipsel bij naar versie 2\.3\.0 of nieuwer om hem te openen; deze versie leest back-ups tot en met formaat 1\./],
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
      ['zip-bom', bad('Omnivore-bom.zip', zipOfDeflated('metadata_0_to_9.json', bomb, 1024)), /^Dit zip-bestand klopt niet: een bestand erin pakt uit tot veel meer dan het zegt \(een zip-bom\?\)/],
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
      .toBe(`In dit bestand staan geen bladwijzers die Knipsel kan lezen. ${links} bladwijzers zijn beschadigd (een tag zonder einde) en overgeslagen. Exporteer je bladwijzers opnieuw. Er is niets veranderd.`);
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
