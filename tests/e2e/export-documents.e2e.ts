// The portfolio as a printable document (screenshot + PDF) and .docx, the Markdown zip,
// bookmark files from each source with tag → theme mapping, and a cancelled large import that
// leaves nothing — in the built web app, on a dossier restored from a backup made by core.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseBookmarkBytes } from '@knipsel/core/import';
import { seriousViolations } from '../support/app.js';
import { exportSession } from './export-support.js';

const session = exportSession('documents');
const { app, shot, shots, work, fixtures, heading, nav, shotBoth, download, contents, openExport, downloadBackup, dossierNames, restoreSeed } = session;
let page: Page;
let restoredId = '';

beforeAll(async () => {
  page = session.page;
  restoredId = await restoreSeed();
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
    expect(Object.keys(flat)).toEqual(expect.arrayContaining(['buurtmaaltijd-in-kattenbroek.md', 'presentie-in-de-wijk.md', 'talenten-verbinden-in-de-buurt.md']));
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
    let dialog = await startImport(join(fixtures, 'pocket.csv'), {
      newDossier: 'Uit Pocket',
      map: { 'wijkgericht werken': 'community-werker.leefwereld', presentie: '' },
      shotName: 'import-plan',
    });
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
    const rows = Array.from(
      { length: 50_000 },
      (_, i) =>
        `<DT><A HREF="https://www.voorbeeld.nl/pagina/${i}" ADD_DATE="1693526400" TAGS="wijk,presentie">Pagina ${i} over wijkgericht werken en presentie</A>\n<DD>Notitie bij pagina ${i}: ${'bewoners en buurt '.repeat(20)}`,
    );
    writeFileSync(big, `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n${rows.join('\n')}\n</DL><p>\n`);
    const namesBefore = await dossierNames();
    await page.goto(`${app.server.url}/#/d/${restoredId}/list`);
    await heading('Knipsels').waitFor();
    const before = contents(await downloadBackup());

    for (const [newDossier, width] of [
      ['Te groot', 1280],
      [undefined, 390],
    ] as const) {
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
