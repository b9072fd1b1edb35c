// PDFs in the web app, as a person adds them: a report dropped on the app (read in a worker,
// title and publisher from its cover, the file kept), read page by page, found by search, a
// passage on page 2 highlighted in the reader ("p. 2" in the reader and the portfolio); a
// scanned PDF picked with the file button says it has no text layer. Built app on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { repoRoot } from '../support/browser.js';
import { appForFile, seriousViolations, shot } from '../support/app.js';
import { dropFile, selectPassage } from '../support/in-page.js';

const fixtures = join(repoRoot, 'tests/fixtures/pdf');
const reportTitle = 'Transformatie in sociaal domein gaat niet zonder community werk';

const app = appForFile({ timeout: 15_000 });
let page: Page;
beforeAll(() => {
  page = app.page;
});

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** Drop a fixture file on the app's main area. */
async function drop(file: string, type = 'application/pdf'): Promise<void> {
  await page.evaluate(dropFile, { name: file, type, base64: readFileSync(join(fixtures, file)).toString('base64') });
}

describe('PDFs in the web app', () => {
  test('a report dropped on the app is read in a worker and saved with its file', async () => {
    await page.goto(app.server.url);
    await heading('Knipsels').waitFor();
    await drop('rapport-transformatie.pdf');
    const dialog = page.getByRole('dialog', { name: 'Knipsel toevoegen' });
    const preview = dialog.getByTestId('pdf-preview');
    await preview.waitFor();
    expect(await dialog.getByRole('radio', { name: /Een PDF-bestand/ }).isChecked()).toBe(true);
    expect(await preview.getByLabel('Titel').inputValue()).toBe(reportTitle);
    const summary = await preview.locator('.summary').innerText();
    expect(summary).toContain('rapport-transformatie.pdf');
    expect(summary).toMatch(/3 pagina’s, [\d.]+ woorden/);
    expect(await preview.locator('.meta').innerText()).toMatch(/Jaap Ikink en Ben Koenen[\s\S]*Platform voor buurtontwikkeling[\s\S]*2016/);
    // The cover gave the title, so the user is asked to check it; the file is kept by default, its size and the limit in view.
    expect(await preview.locator('[data-warning="pdf-title-guessed"]').count()).toBe(1);
    expect(await preview.getByLabel(/Bewaar het bestand zelf ook/).isChecked()).toBe(true);
    expect(await preview.getByText(/kB · bestanden tot 20 MB worden bewaard/).count()).toBe(1);
    await preview.getByLabel('Waar staat deze PDF online? (optioneel)').fill('https://www.buurtontwikkeling.nl/rapporten/transformatie.pdf');
    const themeSelect = preview.getByLabel('Thema (optioneel)');
    const eigenaarschap = await themeSelect
      .locator('option', { hasText: /^(\d+\. )?Eigenaarschap$/ })
      .first()
      .getAttribute('value');
    await themeSelect.selectOption(eigenaarschap!);
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'pdf-add-phone');
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot(page, 'pdf-add-desktop');
    await preview.getByRole('button', { name: 'Knipsel bewaren' }).click();

    await heading(reportTitle).waitFor();
    const pages = page.locator('section.page');
    await expect.poll(() => pages.count()).toBe(3);
    expect(await pages.nth(1).getByRole('heading', { level: 2 }).innerText()).toMatch(/pagina 2/i);
    expect(await pages.nth(1).innerText()).toContain('De transformatie in het sociaal domein ontwikkelt zich eenzijdig.');
    expect(await page.locator('.reference-text').innerText()).toBe(
      'Ikink, J., & Koenen, B. (2016). Transformatie in sociaal domein gaat niet zonder community werk. Platform voor buurtontwikkeling. https://www.buurtontwikkeling.nl/rapporten/transformatie.pdf',
    );
    expect(await page.locator('.reference-text em').innerText()).toBe(reportTitle);
    const download = page.getByTestId('pdf-file').getByRole('button', { name: /Download de PDF \(\d+ kB\)/ });
    await download.waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe('rapport-transformatie.pdf');
    expect(readFileSync((await file.path())!)).toEqual(readFileSync(join(fixtures, 'rapport-transformatie.pdf')));
  });

  test('a passage selected on page 2 becomes a highlight that keeps its page, into the portfolio', async () => {
    await page.evaluate(selectPassage, { selector: 'section.page[data-page="2"] p', passage: 'De transformatie in het sociaal domein ontwikkelt zich eenzijdig.' });
    await page.getByTestId('pdf-mark').getByText('Markeer (p. 2)').click();
    await expect.poll(() => page.locator('.highlights li').count()).toBe(1);
    expect(await page.locator('.highlights li').innerText()).toMatch(/De transformatie in het sociaal domein ontwikkelt zich eenzijdig\.[\s\S]*p\. 2/);
    expect(await page.locator('section.page[data-page="2"] mark').innerText()).toBe('De transformatie in het sociaal domein ontwikkelt zich eenzijdig.');
    await shot(page, 'pdf-reader-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'pdf-reader-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('navigation').getByRole('link', { name: 'Portfolio' }).click();
    await heading('Portfolio').waitFor();
    await page.getByRole('button', { name: 'Portfolio exporteren' }).click();
    const composer = page.getByRole('dialog', { name: 'Portfolio samenstellen' });
    const [doc] = await Promise.all([app.context.waitForEvent('page'), composer.getByRole('button', { name: 'Open als document' }).click()]);
    await doc.waitForLoadState();
    const quote = doc.locator('blockquote', { hasText: 'ontwikkelt zich eenzijdig' });
    // The in-text citation of the quote carries its page.
    expect(await quote.locator('.citation').innerText()).toMatch(/^\(Ikink (&|en) Koenen, 2016, p\. 2\)$/);
    expect(await quote.locator('footer').innerText()).toBe('Inspiratie');
    expect(await doc.locator('body').innerText()).toContain(
      'Ikink, J., & Koenen, B. (2016). Transformatie in sociaal domein gaat niet zonder community werk. Platform voor buurtontwikkeling.',
    );
    await doc.close();
    await composer.getByRole('button', { name: 'Sluiten' }).first().click();
    await composer.waitFor({ state: 'hidden' });
  });

  test('search finds words from the PDF text', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Zoeken' }).click();
    await heading('Zoeken').waitFor();
    await page.getByLabel(/Zoek in titels/).fill('eenzijdig');
    await expect.poll(() => page.locator('.hit h2').allInnerTexts()).toEqual([reportTitle]);
  });

  test('a scanned PDF picked with the file button says it has no text layer and keeps the file', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Knipsels' }).click();
    await heading('Knipsels').waitFor();
    await page.getByRole('main').getByRole('button', { name: 'Knipsel toevoegen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Knipsel toevoegen' });
    await dialog.getByRole('radio', { name: /Een PDF-bestand/ }).check();
    await dialog.locator('input[type=file]').setInputFiles(join(fixtures, 'gescand-rapport.pdf'));
    const preview = dialog.getByTestId('pdf-preview');
    await preview.waitFor();
    expect(await preview.locator('[data-warning="pdf-scanned"]').innerText()).toContain('geen tekstlaag');
    await preview.getByRole('button', { name: 'Knipsel bewaren' }).click();
    await heading('gescand-rapport').waitFor();
    expect(await page.getByTestId('pdf-scanned').innerText()).toContain('Het bestand en het adres zijn bewaard.');
    await page
      .getByTestId('pdf-file')
      .getByRole('button', { name: /Download de PDF/ })
      .waitFor();
    // A file without a web address is not cited with one, and there is no "Naar de bron".
    expect(await page.locator('.reference-text').innerText()).not.toContain('knipsel.invalid');
    expect(await page.getByRole('link', { name: /Naar de bron/ }).count()).toBe(0);
  });

  test('a file that is not a PDF is refused with a clear message', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Knipsels' }).click();
    await heading('Knipsels').waitFor();
    await drop('expected.json', 'application/pdf');
    const dialog = page.getByRole('dialog', { name: 'Knipsel toevoegen' });
    await expect.poll(() => dialog.getByRole('alert').innerText()).toBe('Dit is geen PDF-bestand.');
    expect(app.errors).toEqual([]);
  });
});
