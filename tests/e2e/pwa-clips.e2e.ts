// The web app end to end, as a person fills a dossier: installed and controlled by its service
// worker, a dossier with clips made in the app, tagging by dragging on the board, search,
// reflection with a guide, every screen after an offline reload, portfolio evidence per theme.
// Against the built app on 127.0.0.1. Trash, frameworks, language, a suggested theme and
// deleting a dossier are in pwa-organise.e2e.ts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { pwaDir } from '../support/browser.js';
import { appForFile, controlledByServiceWorker, fillTextClip } from '../support/app.js';

const app = appForFile({ timeout: 8_000 });
let page: Page;
let dossierUrl = '';

const bookmarkTitle = 'Buurtkracht in Noord: bewoners aan zet';
const noteText = 'Bewoners kwamen met ideeën voor de speeltuin.\n\nDe wijkagent en het opbouwwerk sloten aan bij de leefwereld van de jongeren.';

beforeAll(() => {
  page = app.page;
  page.on('pageerror', (error) => console.error('[page error]', error));
});

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
// Nav links may carry a count badge ("Prullenbak 2").
const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name: new RegExp(`^${name}( \\d+)?$`) });

describe('Knipsel web app', () => {
  test('is installable and controlled by its service worker', async () => {
    expect(await controlledByServiceWorker(page, app.server.url)).toBe(true);

    const cdp = await app.context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    expect(installabilityErrors).toEqual([]);
    const manifest = await (await fetch(`${app.server.url}/manifest.webmanifest`)).json();
    expect(manifest.lang).toBe('nl');
    expect(manifest.icons.map((i: { purpose: string }) => i.purpose)).toContain('maskable');
    for (const icon of manifest.icons) expect((await fetch(`${app.server.url}${icon.src}`)).headers.get('content-type')).toContain('image/png');
  });

  test('creates a dossier', async () => {
    await nav('Dossiers').click();
    await heading('Je dossiers').waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Mijn leerdossier' }).count()).toBe(1);
    await page.getByLabel('Naam van het dossier').fill('Wijkteam Noord');
    await page.getByRole('button', { name: 'Dossier maken' }).click();
    await heading('Knipsels').waitFor();
    expect(page.url()).toMatch(/#\/d\/[^/]+\/list$/);
    dossierUrl = page.url().replace(/\/list$/, '');
    await expect.poll(() => page.locator('.current-dossier').textContent()).toContain('Wijkteam Noord');
  });

  test('adds a bookmark and a note-clip through the app', async () => {
    await page.getByRole('main').getByRole('button', { name: 'Knipsel toevoegen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Knipsel toevoegen' });
    await dialog.getByLabel('Webadres').fill('buurtkracht.example.nl/noord');
    await dialog.getByLabel('Titel (optioneel)').fill(bookmarkTitle);
    await dialog.getByLabel('Je notitie (optioneel)').fill('Mooi voorbeeld van eigenaarschap.');
    await dialog.getByRole('button', { name: 'Knipsel bewaren' }).click();
    await heading(bookmarkTitle).waitFor();
    expect(await page.getByRole('link', { name: /Naar de bron/ }).getAttribute('href')).toBe('https://buurtkracht.example.nl/noord');

    await page.getByRole('button', { name: 'Knipsel toevoegen' }).first().click();
    await dialog.getByLabel('Geplakte tekst').check();
    await dialog.getByLabel('Tekst', { exact: true }).fill(noteText);
    await dialog.getByRole('button', { name: 'Knipsel bewaren' }).click();
    await heading('Bewoners kwamen met ideeën voor de speeltuin.').waitFor();
    expect(await page.locator('.content').innerText()).toContain('leefwereld van de jongeren');

    // A long Dutch compound title must not overflow the layout.
    await page.getByRole('button', { name: 'Knipsel toevoegen' }).first().click();
    await dialog.getByLabel('Een link met notitie').check();
    await dialog.getByLabel('Webadres').fill('https://www.movisie.nl/artikel/wijkontwikkeling');
    await dialog.getByLabel('Titel (optioneel)').fill('Wijkontwikkelingsprogrammacoördinatorenoverleg: samenwerkingsafsprakenkader voor bewonersinitiatieven');
    await dialog.getByRole('button', { name: 'Knipsel bewaren' }).click();
    await heading(/Wijkontwikkelingsprogrammacoördinatorenoverleg/).waitFor();

    await nav('Knipsels').click();
    await heading('Knipsels').waitFor();
    await expect.poll(() => page.locator('.clips > li').count()).toBe(3);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test('tags a clip by dragging it onto a theme column, and with the keyboard alternative', async () => {
    await nav('Themabord').click();
    await heading('Themabord').waitFor();
    await page.getByLabel('Kader').selectOption({ label: 'De community werker' });
    const column = (name: string) => page.locator('section.column', { has: page.getByRole('heading', { level: 2, name, exact: true }) });
    const unsorted = column('Ongesorteerd');
    await expect.poll(() => unsorted.locator('.clip-card').count()).toBe(3);

    // Playwright cannot auto-scroll during a drag the way a person's browser does: make
    // the whole board fit on screen for the drag.
    await page.setViewportSize({ width: 1280, height: 2000 });
    const card = unsorted.locator('.clip-card', { hasText: bookmarkTitle });
    await card.dragTo(column('Eigenaarschap'), { sourcePosition: { x: 8, y: 8 } });
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => column('Eigenaarschap').locator('.clip-card').count()).toBe(1);
    expect(await column('Eigenaarschap').locator('.badge').first().innerText()).toBe('1');
    await expect.poll(() => unsorted.locator('.clip-card').count()).toBe(2);

    // Keyboard / menu alternative.
    await unsorted
      .locator('.clip-card', { hasText: 'ideeën' })
      .getByRole('button', { name: /Thema toevoegen/ })
      .click();
    const picker = page.getByRole('dialog');
    await picker.getByLabel('Aansluiten bij de leefwereld').check();
    await picker.getByRole('button', { name: 'Sluiten' }).last().click();
    await expect.poll(() => column('Aansluiten bij de leefwereld').locator('.clip-card').count()).toBe(1);
    await expect.poll(() => unsorted.locator('.clip-card').count()).toBe(1);
  });

  test('searches as you type, diacritic-insensitive, with highlighted snippets', async () => {
    await nav('Zoeken').click();
    await heading('Zoeken').waitFor();
    await page.getByLabel(/Zoek in titels/).fill('ideeen');
    const hit = page.locator('.hit').first();
    await hit.waitFor();
    expect(await page.locator('.hit').count()).toBe(1);
    expect(await hit.locator('mark').first().innerText()).toBe('ideeën');
    // Theme names are searchable too.
    await page.getByLabel(/Zoek in titels/).fill('eigenaarsch');
    await expect.poll(() => page.locator('.hit h2').allInnerTexts()).toEqual([bookmarkTitle]);
  });

  test('reflects with the STARR guide and the reflection persists after a reload', async () => {
    await page.locator('.hit h2 a').first().click();
    await heading(bookmarkTitle).waitFor();
    // The APA reference, copied for a reference list.
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url });
    const reference = await page.locator('.reference-text').innerText();
    expect(reference).toContain(bookmarkTitle);
    expect(reference).toContain('https://buurtkracht.example.nl/noord');
    await page.getByRole('button', { name: 'Kopiëren' }).click();
    await page.getByText('Bronvermelding gekopieerd').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(reference);
    // The free note stays as it was; a guide starts a reflection with an answer per question.
    expect((await page.getByLabel('Je reflectie op dit knipsel').inputValue()).startsWith('Mooi voorbeeld van eigenaarschap.')).toBe(true);
    await page.getByLabel('Leidraad').selectOption('starr');
    await page.getByRole('button', { name: 'Reflectie beginnen' }).click();
    const reflection = page.locator('[data-reflection="starr"]');
    for (const prompt of ['Situatie', 'Taak', 'Actie', 'Resultaat', 'Reflectie']) await reflection.getByLabel(prompt, { exact: true }).waitFor();
    const situatie = reflection.getByLabel('Situatie', { exact: true });
    await situatie.pressSequentially('Een buurtbewoner nam het initiatief.');
    await expect.poll(() => reflection.getByRole('status').filter({ hasText: 'Automatisch bewaard' }).count()).toBe(1);
    await reflection.getByText('1 van 5 vragen beantwoord').waitFor();
    await page.waitForTimeout(300);
    await page.reload();
    await heading(bookmarkTitle).waitFor();
    expect(await page.locator('[data-reflection="starr"]').getByLabel('Situatie', { exact: true }).inputValue()).toBe('Een buurtbewoner nam het initiatief.');
  });

  test('shows the data after an offline reload', async () => {
    // Screens, peer/relay code and English are lazy chunks: the service worker must precache every one.
    const cached = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      const paths: string[] = [];
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
      return paths;
    });
    const chunks = readdirSync(join(pwaDir, 'assets')).filter((name) => /\.(js|css)$/.test(name));
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.filter((name) => !cached.includes(`/assets/${name}`))).toEqual([]);
    await nav('Knipsels').click();
    await heading('Knipsels').waitFor();
    await app.context.setOffline(true);
    try {
      await page.reload();
      await heading('Knipsels').waitFor();
      await expect.poll(() => page.locator('.clips h2').allInnerTexts()).toContain(bookmarkTitle);
      await page.goto(`${dossierUrl}/board`);
      await heading('Themabord').waitFor();
      // Screens are lazy chunks: each must come from the service worker's precache.
      const screens: Array<[string, string]> = [
        ['search', 'Zoeken'],
        ['portfolio', 'Portfolio'],
        ['themes', 'Thema’s en kaders'],
        ['export', 'Exporteren en importeren'],
        ['share', 'Delen met collega’s'],
        ['trash', 'Prullenbak'],
      ];
      for (const [view, title] of screens) {
        await page.goto(`${dossierUrl}/${view}`);
        await heading(title).waitFor();
      }
      // A picked file is read in a worker, its own chunk: it too comes from the precache.
      await page.goto(`${dossierUrl}/export`);
      await heading('Exporteren en importeren').waitFor();
      await page.getByLabel('Kies een bladwijzerbestand').setInputFiles(join(import.meta.dirname, '../fixtures/imports/firefox-bookmarks.html'));
      const importDialog = page.getByRole('dialog', { name: 'Bladwijzers importeren' });
      await importDialog.getByText('3 bladwijzers gevonden', { exact: false }).waitFor();
      await importDialog.getByRole('button', { name: 'Annuleren' }).click();
      await page.goto(`${app.server.url}/#/settings`);
      await heading('Instellingen').waitFor();
      expect(await page.getByText('Dit scherm kon niet worden geladen').count()).toBe(0);
    } finally {
      await app.context.setOffline(false);
    }
  });

  test('shows portfolio evidence per theme of the assessed framework', async () => {
    await page.goto(`${dossierUrl}/portfolio`);
    await heading('Portfolio').waitFor();
    await page.getByLabel('Kader dat je leergang beoordeelt').selectOption({ label: 'De community werker' });
    const row = (name: string) => page.locator('tbody tr', { has: page.getByText(name, { exact: true }) });
    await expect.poll(() => row('Eigenaarschap').locator('td').allInnerTexts()).toEqual(['1', '1']);
    expect(await row('Aansluiten bij de leefwereld').innerText()).toContain('Nog geen beantwoorde reflectie');
    expect(await row('Talenten verbinden').innerText()).toContain('Nog geen bewijs');
    expect(await page.getByRole('status').filter({ hasText: 'thema’s met een beantwoorde reflectie' }).innerText()).toContain('1 van 10');
  });
});
