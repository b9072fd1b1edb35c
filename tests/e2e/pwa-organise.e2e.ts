// The web app end to end, as a person keeps a dossier in order: trash with undo, restore and
// emptying it, frameworks and themes, English and back, a theme suggested for a new clip and
// found by number and wording, deleting the dossier after a confirmation that names what is
// lost. Against the built app on 127.0.0.1; the dossier and its three clips are made in the app
// first (pwa-clips.e2e.ts tests how).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { addBookmark, appForFile, fillTextClip, makeDossier } from '../support/app.js';

const app = appForFile({ timeout: 8_000 });
let page: Page;

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
// Nav links may carry a count badge ("Prullenbak 2").
const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name: new RegExp(`^${name}( \\d+)?$`) });

beforeAll(async () => {
  page = app.page;
  page.on('pageerror', (error) => console.error('[page error]', error));
  // The dossier 'Wijkteam Noord' with a bookmark, a link with a long title and a pasted note.
  await page.goto(app.server.url);
  await heading('Knipsels').waitFor();
  await nav('Dossiers').click();
  await makeDossier(page, 'Wijkteam Noord');
  await addBookmark(page, 'https://buurtkracht.example.nl/noord', 'Buurtkracht in Noord: bewoners aan zet', 'Mooi voorbeeld van eigenaarschap.');
  await addBookmark(page, 'https://www.movisie.nl/artikel/wijkontwikkeling', 'Wijkontwikkelingsprogrammacoördinatorenoverleg: samenwerkingsafsprakenkader');
  await nav('Knipsels').click();
  const note = await fillTextClip(page, 'Bewoners kwamen met ideeën voor de speeltuin.', 'De wijkagent en het opbouwwerk sloten aan bij de leefwereld van de jongeren.');
  await note.getByRole('button', { name: 'Knipsel bewaren' }).click();
  await heading('Bewoners kwamen met ideeën voor de speeltuin.').waitFor();
});

describe('Knipsel web app: keeping a dossier in order', () => {
  test('trashes with undo, restores from the trash and empties it', async () => {
    await nav('Knipsels').click();
    await heading('Knipsels').waitFor();
    await page.getByLabel(/Selecteer ‘Bewoners kwamen/).check();
    await page.getByRole('button', { name: 'Naar prullenbak' }).click();
    await expect.poll(() => page.locator('.clips > li').count()).toBe(2);
    await page.getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(() => page.locator('.clips > li').count()).toBe(3);

    await page.getByLabel(/Selecteer ‘Bewoners kwamen/).check();
    await page.getByLabel(/Selecteer ‘Wijkontwikkelings/).check();
    await page.getByRole('button', { name: 'Naar prullenbak' }).click();
    await expect.poll(() => page.locator('.clips > li').count()).toBe(1);
    await nav('Prullenbak').click();
    await heading('Prullenbak').waitFor();
    await expect.poll(() => page.locator('.trash > li').count()).toBe(2);
    await page.getByRole('button', { name: /Terugzetten.*Bewoners kwamen/ }).click();
    await expect.poll(() => page.locator('.trash > li').count()).toBe(1);
    await page.getByRole('button', { name: 'Prullenbak legen' }).click();
    const confirm = page.getByRole('dialog', { name: 'Prullenbak legen?' });
    expect(await confirm.innerText()).toContain('1 knipsel wordt definitief verwijderd.');
    await confirm.getByRole('button', { name: 'Ja, definitief verwijderen' }).click();
    await page.getByText('De prullenbak is leeg.').waitFor();
    await nav('Knipsels').click();
    await expect.poll(() => page.locator('.clips > li').count()).toBe(2);
  });

  test('manages frameworks and themes', async () => {
    await nav('Thema’s').click();
    await heading('Thema’s en kaders').waitFor();
    await page.getByLabel('Naam van het kader').fill('Competenties leergang');
    await page.getByRole('button', { name: 'Kader toevoegen' }).click();
    const custom = page.locator('li.framework', { has: page.getByLabel('Naam van ‘Competenties leergang’') });
    await custom.getByPlaceholder(/Netwerken in de wijk/).fill('Netwerken in de wijk');
    await custom.getByRole('button', { name: /Thema toevoegen/ }).click();
    await expect.poll(() => custom.locator('.theme').count()).toBe(1);
    // Switch a preset off: it leaves the board's framework picker.
    await page
      .locator('li.framework', { has: page.getByLabel('Naam van ‘Interventierichtingen’') })
      .getByLabel('Gebruiken in dit dossier')
      .uncheck();
    await nav('Themabord').click();
    // The board is a lazy chunk: wait for its picker rather than reading it at once.
    const picker = page.getByLabel('Kader').locator('option');
    await expect.poll(() => picker.allInnerTexts()).toContain('Competenties leergang');
    expect(await picker.allInnerTexts()).not.toContain('Interventierichtingen');
  });

  test('switches to English and back, and remembers the choice', async () => {
    await page.locator('#language').selectOption('en');
    await heading('Theme board').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await heading('Theme board').waitFor();
    expect(await nav('Trash').count()).toBe(1);
    await page.locator('#language').selectOption('nl');
    await heading('Themabord').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
  });

  test('suggests a theme when a clip is added, and finds themes by number and wording in the picker', async () => {
    await nav('Knipsels').click();
    await heading('Knipsels').waitFor();
    const dialog = await fillTextClip(
      page,
      'Welkom Thuis in Nieuw-West',
      'Doorn in het oog was het grofvuil naast de containers. Deze simpele oplossing is bedacht door bewoners zelf. Als gebruiker en eigenaar van hun omgeving weten zij als geen ander wat daar nodig is.',
    );
    const suggested = dialog.getByTestId('suggested-themes');
    await expect.poll(() => suggested.textContent()).toContain('Eigenaarschap');
    await suggested.getByRole('button', { name: 'Thema toevoegen: Eigenaarschap' }).click();
    await expect.poll(() => suggested.getByRole('button', { name: 'Thema toevoegen: Eigenaarschap' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Knipsel bewaren' }).click();
    await heading('Welkom Thuis in Nieuw-West').waitFor();
    const chips = page.locator('section.themes .chip');
    await expect.poll(() => chips.allTextContents()).toEqual([expect.stringContaining('Eigenaarschap')]);
    // The chip opens the theme's number and full wording.
    await chips.first().locator('button.chip-name').click();
    const wording = page.getByTestId('theme-wording').filter({ visible: true });
    await expect.poll(() => wording.textContent()).toContain('Kenmerk 5 · De community werker');
    expect(await wording.textContent()).toContain('bewoner is eigenaar van het probleem en de oplossing');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Thema’s kiezen' }).click();
    const picker = page.getByRole('dialog');
    const visible = picker.locator('label.theme');
    await picker.getByLabel('Zoek een thema').fill('regel 7');
    await expect.poll(() => visible.count()).toBe(1);
    expect(await visible.first().textContent()).toContain('100 actieve bewoners kennen');
    expect(await visible.first().textContent()).toContain('Je kent minimaal 100 bewoners die actief bijdragen aan de buurt.');
    await picker.getByLabel('Zoek een thema').fill('eigenaarschap');
    await expect.poll(() => visible.count()).toBe(1);
    expect(await picker.getByRole('checkbox', { name: /Eigenaarschap/ }).isChecked()).toBe(true);
    // DichtErBij shows its two groups, the houdingsprincipes with the letter's other name for them.
    await picker.getByLabel('Zoek een thema').fill('houding 10');
    await expect.poll(() => visible.count()).toBe(1);
    expect(await picker.locator('.group').first().textContent()).toContain('Houdingsprincipes (ook: Houdingsaspecten)');
    expect(await visible.first().textContent()).toContain('hoe en tot op welke hoogte');
    await picker.getByRole('button', { name: 'Sluiten' }).last().click();
  });

  test('deletes a dossier after a confirmation that names what is lost', async () => {
    await nav('Dossiers').click();
    await page.getByRole('button', { name: /Verwijderen.*Wijkteam Noord/ }).click();
    const confirm = page.getByRole('dialog', { name: 'Dossier verwijderen?' });
    expect(await confirm.innerText()).toContain('‘Wijkteam Noord’ en 3 knipsels worden verwijderd.');
    await confirm.getByRole('button', { name: 'Ja, verwijder dossier' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Wijkteam Noord' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Verwijderen.*Mijn leerdossier/ }).count()).toBe(0);
  });
});
