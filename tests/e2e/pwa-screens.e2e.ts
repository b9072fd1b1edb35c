// Every screen of the web app at phone (390×844) and desktop (1280×800) width: no serious or
// critical axe-core violations, no sideways overflow, and screenshots for a person to review
// (in /tmp/knipsel-shots/pwa, Dutch and one set in English).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { appForFile, fillTextClip, seriousViolations, shot } from '../support/app.js';

const viewports = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;
const app = appForFile({ viewport: viewports.desktop, timeout: 8_000 });
let page: Page;
let base = '';
let bookmarkId = '';
let noteId = '';

async function addBookmark(url: string, title: string, note = ''): Promise<string> {
  await page.goto(`${base}/list`);
  await page.getByRole('main').getByRole('button', { name: 'Knipsel toevoegen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Knipsel toevoegen' });
  await dialog.getByLabel('Een link met notitie').check();
  await dialog.getByLabel('Webadres').fill(url);
  await dialog.getByLabel('Titel (optioneel)').fill(title);
  if (note) await dialog.getByLabel('Je notitie (optioneel)').fill(note);
  await dialog.getByRole('button', { name: 'Knipsel bewaren' }).click();
  await page.waitForURL(/\/clip\//);
  const id = page.url().split('/clip/')[1]!;
  await page.goto(`${base}/list`);
  return id;
}

beforeAll(async () => {
  page = app.page;
  await page.goto(app.server.url);
  await page.getByRole('heading', { level: 1, name: 'Knipsels' }).waitFor();
  base = page.url().replace(/\/list$/, '');

  bookmarkId = await addBookmark(
    'https://www.movisie.nl/artikel/buurtkracht',
    'Wijkontwikkelingsprogrammacoördinatorenoverleg: hoe bewoners in Noord zelf de buurtagenda maken',
    'Wat mij opvalt: de opbouwwerker stelt vooral vragen en laat bewoners het plan schrijven.',
  );
  await addBookmark('https://www.kis.nl/publicatie/eigen-kracht', 'Eigen kracht in de wijk: lessen uit tien buurten');
  const dialog = await fillTextClip(
    page,
    'Gesprek met de wijkagent over de speeltuin',
    'Bewoners kwamen met ideeën voor de speeltuin. De wijkagent en het opbouwwerk sloten aan bij de leefwereld van de jongeren.\n\nWe spraken af dat de jongeren zelf een plan maken en dat de gemeente meedenkt over de financiering. Het buurthuis stelt een ruimte beschikbaar.',
  );
  await dialog.getByRole('button', { name: 'Knipsel bewaren' }).click();
  await page.waitForURL(/\/clip\//);
  noteId = page.url().split('/clip/')[1]!;
  // Themes via the keyboard alternative in the reader.
  await page.getByRole('button', { name: 'Thema’s kiezen' }).click();
  const picker = page.getByRole('dialog');
  await picker.getByLabel('Aansluiten bij de leefwereld').check();
  await picker.getByLabel('Eigenaarschap').check();
  await picker.getByRole('button', { name: 'Sluiten' }).last().click();
  await page.getByLabel('Leidraad').selectOption('korthagen');
  await page.getByRole('button', { name: 'Reflectie beginnen' }).click();
  await page.goto(`${base}/portfolio`);
  await page.getByLabel('Kader dat je leergang beoordeelt').selectOption({ label: 'De community werker' });
  await page.goto(`${base}/clip/${bookmarkId}`);
  await page.getByRole('button', { name: 'Thema’s kiezen' }).click();
  await page.getByRole('dialog').getByLabel('Eigenaarschap').check();
  await page.getByRole('dialog').getByRole('button', { name: 'Sluiten' }).last().click();
  // One clip in the trash.
  const trashed = await addBookmark('https://example.org/oud', 'Oud artikel over buurtbudgetten');
  await page.goto(`${base}/clip/${trashed}`);
  await page.getByRole('button', { name: 'Naar prullenbak' }).click();
  await page.waitForTimeout(300);
  await page.reload(); // no leftover toasts in the screenshots
});

const screens: Array<{ name: string; hash: () => string; ready: string | RegExp; open?: (page: Page) => Promise<void> }> = [
  { name: 'dossiers', hash: () => '#/', ready: /Je dossiers|Your dossiers/ },
  { name: 'list', hash: () => `${base}/list`, ready: /^(Knipsels|Clips)$/ },
  { name: 'board', hash: () => `${base}/board`, ready: /Themabord|Theme board/ },
  { name: 'search', hash: () => `${base}/search?q=ideeen`, ready: /Zoeken|Search/ },
  { name: 'reader-note', hash: () => `${base}/clip/${noteId}`, ready: 'Gesprek met de wijkagent over de speeltuin' },
  { name: 'reader-bookmark', hash: () => `${base}/clip/${bookmarkId}`, ready: /Wijkontwikkelings/ },
  { name: 'portfolio', hash: () => `${base}/portfolio`, ready: 'Portfolio' },
  { name: 'themes', hash: () => `${base}/themes`, ready: /Thema’s en kaders|Themes and frameworks/ },
  { name: 'trash', hash: () => `${base}/trash`, ready: /Prullenbak|Trash/ },
  { name: 'export', hash: () => `${base}/export`, ready: /Exporteren en importeren|Export and import/ },
  {
    name: 'portfolio-export',
    hash: () => `${base}/portfolio`,
    ready: 'Portfolio',
    open: (p) => p.getByRole('button', { name: /Portfolio exporteren|Export portfolio/ }).click(),
  },
  {
    name: 'theme-picker',
    hash: () => `${base}/clip/${noteId}`,
    ready: 'Gesprek met de wijkagent over de speeltuin',
    open: (p) => p.getByRole('button', { name: /Thema’s kiezen|Choose themes/ }).click(),
  },
  {
    name: 'source-edit',
    hash: () => `${base}/clip/${bookmarkId}`,
    ready: /Wijkontwikkelings/,
    open: (p) => p.getByRole('button', { name: /Bron aanpassen|Edit source/ }).click(),
  },
  {
    name: 'add-clip',
    hash: () => `${base}/list`,
    ready: /^(Knipsels|Clips)$/,
    open: (p) =>
      p
        .getByRole('main')
        .getByRole('button', { name: /Knipsel toevoegen|Add clip/ })
        .click(),
  },
];

async function visit(screen: (typeof screens)[number]): Promise<void> {
  const url = screen.hash().startsWith('#') ? `${app.server.url}/${screen.hash()}` : screen.hash();
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: screen.ready }).waitFor();
  await page.waitForTimeout(150);
  if (screen.open) {
    await screen.open(page);
    await page.getByRole('dialog').first().waitFor();
    await page.waitForTimeout(150);
  }
}

describe('every screen', () => {
  for (const [size, viewport] of Object.entries(viewports)) {
    test(`has no serious axe violations and no overflow at ${size} width (Dutch)`, async () => {
      await page.setViewportSize(viewport);
      const problems: string[] = [];
      for (const screen of screens) {
        await visit(screen);
        await shot(page, `nl-${size}-${screen.name}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) problems.push(`${screen.name}: ${overflow}px sideways overflow`);
        for (const v of await seriousViolations(page)) problems.push(`${screen.name}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(', ')}`);
      }
      expect(problems).toEqual([]);
    });
  }

  test('has no serious axe violations in English either', async () => {
    await page.goto(`${app.server.url}/#/`);
    await page.setViewportSize(viewports.desktop);
    await page.locator('#language').selectOption('en');
    const problems: string[] = [];
    for (const [size, viewport] of Object.entries(viewports)) {
      await page.setViewportSize(viewport);
      for (const screen of screens) {
        await visit(screen);
        await shot(page, `en-${size}-${screen.name}`);
        for (const v of await seriousViolations(page)) problems.push(`${screen.name}: ${v.impact} ${v.id} at ${v.nodes.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
    await page.setViewportSize(viewports.desktop);
    await page.locator('#language').selectOption('nl');
  });
});
