// What the first-hour e2e files (first-hour-welcome.e2e.ts, first-hour-clips.e2e.ts) share: the
// Dutch practice pages a new user clips, the popup for one of them, the welcome's setup of the
// first dossier, and how the files find things on screen. Phone screenshots go to
// /tmp/knipsel-shots/first-hour.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadedTabId, type ExtensionSession } from '../support/browser.js';
import { plainArticle } from './extension-pages.js';

export const shots = process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/first-hour';
export const phone = { width: 390, height: 844 };
export const desktop = { width: 1280, height: 800 };
export const bookmarkCount = 24;
export const bookmarkTitle = (n: number) => `Voorbeeld uit de wijk ${n}`;

/** The pages a new user clips, and the ones their imported bookmarks point at. */
export const firstHourPages = {
  '/buurtkracht.html': () => plainArticle('Buurtkracht in Overvecht'),
  '/laptop.html': () => plainArticle('Een website voor de straat'),
  ...Object.fromEntries(Array.from({ length: bookmarkCount }, (_, i) => [`/wijk-${i + 1}.html`, () => plainArticle(`${bookmarkTitle(i + 1)}: het hele verhaal`)])),
};

/** A tab showing the page at `path` of `base`, and the popup for it at popup size. */
export async function popupFor(session: ExtensionSession, base: string, path: string): Promise<{ tab: Page; popup: Page }> {
  const tab = await session.context.newPage();
  await tab.goto(`${base}${path}`);
  const popup = await session.openExtensionPage(`popup.html?tabId=${await loadedTabId(session.context.serviceWorkers()[0], `${base}${path}`)}`);
  await popup.setViewportSize({ width: 380, height: 600 });
  return { tab, popup };
}

/** What the screen shows (`name.png`) and the whole page (`name-full.png`). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${shots}/${name}.png` });
  await page.screenshot({ path: `${shots}/${name}-full.png`, fullPage: true });
}

export const heading1 = (page: Page) => page.getByRole('heading', { level: 1 });
export const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: new RegExp(`^${name}( \\d+)?$`) });
export const toasts = (page: Page) => page.getByTestId('toast');

/**
 * The welcome on screen sets up the first dossier: its name, the chosen frameworks (DichtErBij
 * left out) and own themes; the empty list says what to do next. Returns the dossier's id.
 */
export async function setUpFirstDossier(appA: Page): Promise<string> {
  const welcome = appA.getByTestId('welcome');
  await welcome.getByRole('checkbox', { name: /DichtErBij/ }).uncheck();
  await welcome.getByRole('checkbox', { name: /Eigen thema’s/ }).check();
  await welcome.getByLabel('Naam van je eerste dossier').fill('Leergang Community Work');
  await welcome.getByRole('button', { name: 'Aan de slag' }).click();
  await expect.poll(() => toasts(appA).innerText()).toBe('‘Leergang Community Work’ staat klaar');
  await welcome.waitFor({ state: 'detached' });
  const next = appA.getByTestId('list-empty');
  expect(await next.innerText()).toContain('Knip een webpagina met de extensie');
  await next.getByRole('link', { name: 'Bladwijzers importeren' }).waitFor();
  const dossierId = decodeURIComponent(/#\/d\/([^/]+)\//.exec(appA.url())![1]);
  await nav(appA, 'Themabord').click();
  await heading1(appA).filter({ hasText: 'Themabord' }).waitFor();
  const frameworks = await appA.getByLabel('Kader').locator('option').allInnerTexts();
  expect(frameworks).toEqual(['De community werker', '10 gouden regels', 'Mijn thema’s']);
  expect(await appA.locator('.current-dossier').textContent()).toContain('Leergang Community Work');
  await nav(appA, 'Knipsels').click();
  return dossierId;
}
