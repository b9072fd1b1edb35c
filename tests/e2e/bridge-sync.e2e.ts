// The extension ↔ web app bridge keeping both in step once paired: a clip saved while the app
// is open or while it is closed, a theme made in the app offered in the popup, concurrent edits
// merged, trash changes in the side panel, and several dossiers deleted in the app at once
// asked about in the popup before the extension follows. Setup in tests/support/extension-app-suite.ts.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { extensionAppSuite } from '../support/extension-app-suite.js';
import { plainArticle } from './extension-pages.js';

// Extension APIs inside worker/page evaluate callbacks (run in the browser, not in Node).
declare const chrome: any;

const shots = process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/bridge';
const s = extensionAppSuite(shots, {
  ...Object.fromEntries(
    Object.entries({
      '/voor.html': 'Geknipt voordat de app er was',
      '/open.html': 'Knippen terwijl de app open is',
      '/dicht.html': 'Knippen met de app dicht',
      '/samen.html': 'Samen bewerken',
    }).map(([path, title]) => [path, () => plainArticle(title)]),
  ),
});
const { request, openApp, popupFor, clipWithPopup } = s;
let appPage: Page | null = null;
let dossierId = '';
const appTitles = (page: Page) => page.locator('.clips h2').allInnerTexts();
const extTitles = async () => (await request<{ rows: { title: string }[] }>('clips/list', { dossierId })).rows.map((r) => r.title).sort();

beforeAll(async () => {
  ({ page: appPage, dossierId } = await s.pairWithApp());
  // A clip made with the popup before the journey starts.
  await clipWithPopup('/voor.html').then(({ popup }) => popup.close());
});

describe('extension ↔ web app bridge: in step', () => {
  it('shows a clip saved while the app is open', async () => {
    await appPage!.getByRole('link', { name: 'Knipsels', exact: true }).first().click();
    await expect.poll(() => appTitles(appPage!), { timeout: 5_000 }).toEqual(['Geknipt voordat de app er was']);

    const { popup, savedAt } = await clipWithPopup('/open.html');
    await expect.poll(() => appTitles(appPage!), { timeout: 5_000, interval: 20 }).toContain('Knippen terwijl de app open is');
    // Measured, not asserted (no timing assertions in tests): the issue asks for ≤ 1 s.
    console.log(`[bridge] clip visible in the open app ${Date.now() - savedAt} ms after the popup said saved`);
    await popup.close();

    await appPage!.screenshot({ path: join(shots, 'app-connected-desktop.png') });
    await appPage!.setViewportSize({ width: 390, height: 844 });
    await appPage!.screenshot({ path: join(shots, 'app-connected-phone.png') });
    await appPage!.setViewportSize({ width: 1280, height: 800 });
    expect(await appPage!.getByTestId('extension-status').innerText()).toBe('Extensie verbonden');

    const status = await popupFor(appPage!.url());
    await expect.poll(() => status.getByTestId('bridge-status').getAttribute('data-state')).toBe('connected');
    await status.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).waitFor();
    expect(await status.getByTestId('bridge-status').innerText()).toContain('Verbonden met de Knipsel-app');
    await status.screenshot({ path: join(shots, 'popup-connected.png') });
    await status.close();
  });

  it('shows clips saved while the app was closed when it opens again', async () => {
    await appPage!.close();
    appPage = null;
    const { popup } = await clipWithPopup('/dicht.html');
    await popup.close();
    const article = await s.session.context.newPage();
    await article.goto(`${s.fixtureBase}/samen.html`);
    const status = await popupFor(`${s.fixtureBase}/samen.html`);
    await status.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).waitFor();
    await expect.poll(() => status.getByTestId('bridge-status').getAttribute('data-state')).toBe('seen');
    expect(await status.getByTestId('bridge-status').innerText()).toMatch(/^Knipsel-app laatst gezien: \d{1,2} [a-z]+,? (om )?\d\d:\d\d$/);
    await status.screenshot({ path: join(shots, 'popup-last-seen.png') });
    await status.close();
    await article.close();

    appPage = await openApp(`#/d/${encodeURIComponent(dossierId)}/list`);
    await expect
      .poll(() => appTitles(appPage!), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['Knippen met de app dicht', 'Knippen terwijl de app open is', 'Geknipt voordat de app er was']));
  });

  it('offers a theme made in the app in the popup’s picker', async () => {
    await appPage!.getByRole('link', { name: 'Thema’s', exact: true }).first().click();
    const framework = appPage!.locator('li.framework').first();
    if ((await framework.locator('details').first().getAttribute('open')) === null) await framework.locator('summary').first().click();
    const add = framework.locator('form.add-theme');
    await add.locator('input').fill('Buurtkracht in de straat');
    await add.getByRole('button').click();
    await expect
      .poll(() => request<{ themes: { name: string }[] }>('themes/list', { dossierId }).then((r) => r.themes.map((t) => t.name)), { timeout: 5_000 })
      .toContain('Buurtkracht in de straat');

    const tab = await s.session.context.newPage();
    await tab.goto(`${s.fixtureBase}/samen.html`);
    const popup = await popupFor(`${s.fixtureBase}/samen.html`);
    await popup.getByRole('combobox', { name: 'Thema’s' }).fill('buurtkracht');
    const offered = popup.getByRole('listbox').getByRole('option');
    await expect.poll(() => offered.allInnerTexts()).toEqual([expect.stringContaining('Buurtkracht in de straat')]);
    await popup.screenshot({ path: join(shots, 'popup-theme-from-app.png') });
    await offered.first().click();
    await popup.getByLabel('Wat neem ik hieruit mee?').fill('Eerste gedachte.');
    await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).click();
    await popup.getByTestId('saved').waitFor();
    await popup.close();
    await tab.close();
  });

  it('merges concurrent edits made in the app and the extension', async () => {
    await appPage!.getByRole('link', { name: 'Knipsels', exact: true }).first().click();
    await appPage!.locator('.clips h2 a', { hasText: 'Samen bewerken' }).click();
    await appPage!.waitForURL(/\/clip\//);
    const clipId = decodeURIComponent(/\/clip\/([^/?]+)/.exec(appPage!.url())![1]);
    const note = appPage!.getByLabel('Je reflectie op dit knipsel');
    await expect.poll(() => note.inputValue()).toBe('Eerste gedachte.');

    // At the same time: the app types at the end, the extension (side panel) edits the start and the title.
    await note.click();
    await note.press('End');
    const typing = note.pressSequentially(' Uit de app.', { delay: 15 });
    await request('clip/update', { dossierId, clipId, note: 'Uit de extensie. Eerste gedachte.', title: 'Samen bewerkt' });
    await typing;

    const expected = 'Uit de extensie. Eerste gedachte. Uit de app.';
    await expect.poll(() => note.inputValue(), { timeout: 5_000 }).toBe(expected);
    await expect
      .poll(() => request<{ clip: { note: string; title: string } }>('clip/get', { dossierId, clipId }).then((r) => `${r.clip.title} | ${r.clip.note}`), { timeout: 5_000 })
      .toBe(`Samen bewerkt | ${expected}`);
    await expect.poll(() => appPage!.getByRole('heading', { level: 1 }).innerText()).toBe('Samen bewerkt');
  });

  it('brings trash changes made in the app to the side panel', async () => {
    const panel = await s.session.openExtensionPage(`sidepanel.html`);
    await expect.poll(() => panel.locator('li .title').allInnerTexts()).toContain('Samen bewerkt');
    await appPage!.getByRole('button', { name: 'Naar prullenbak' }).click();
    await expect.poll(() => panel.locator('li .title').allInnerTexts(), { timeout: 5_000 }).not.toContain('Samen bewerkt');
    expect(await extTitles()).not.toContain('Samen bewerkt');
    await panel.close();
  });

  it('asks in the popup before following several dossiers deleted in the app at once, and keeps them when told so', async () => {
    const page = await openApp('#/');
    const create = async (name: string) => {
      await page.goto(`${s.app.url}/#/`);
      await page.getByLabel('Naam van het dossier').fill(name);
      await page.getByRole('button', { name: 'Dossier maken' }).click();
      await page.waitForURL(/\/list$/); // the new dossier opens
    };
    await create('Wijkteam Noord');
    await create('Wijkteam Zuid');
    const extNames = async () => (await request<{ dossiers: { name: string }[] }>('dossiers/list', {})).dossiers.map((d) => d.name).sort();
    await expect.poll(extNames, { timeout: 10_000 }).toEqual(expect.arrayContaining(['Wijkteam Noord', 'Wijkteam Zuid']));
    for (const other of s.session.context.pages()) if (other.url().startsWith(s.app.url)) await other.close();
    appPage = null;

    // Both deleted in the app while the extension is not (yet) answering; then it answers.
    await s.worker.evaluate(() => (globalThis as any).knipsel.holdBridge(120_000));
    const deleting = await s.session.context.newPage();
    await deleting.setViewportSize({ width: 1280, height: 800 });
    await deleting.goto(`${s.app.url}/#/`);
    for (const name of ['Wijkteam Noord', 'Wijkteam Zuid']) {
      await deleting.getByRole('button', { name: new RegExp(`Verwijderen.*${name}`) }).click();
      await deleting.getByRole('dialog', { name: 'Dossier verwijderen?' }).getByRole('button', { name: 'Ja, verwijder dossier' }).click();
      await deleting.getByRole('heading', { level: 2, name }).waitFor({ state: 'detached' });
    }
    await s.worker.evaluate(() => (globalThis as any).knipsel.holdBridge(0));
    await deleting.getByTestId('extension-status').and(deleting.locator('[data-state="connected"]')).waitFor({ timeout: 20_000 });

    const popup = await popupFor(deleting.url());
    const held = popup.getByTestId('held-deletions');
    await held.waitFor({ timeout: 10_000 });
    expect(await held.locator('li').allInnerTexts()).toEqual(['Wijkteam Noord', 'Wijkteam Zuid']);
    expect(await held.getByRole('heading').innerText()).toBe('De app heeft 2 dossiers verwijderd');
    expect(await extNames()).toEqual(expect.arrayContaining(['Wijkteam Noord', 'Wijkteam Zuid']));
    await popup.screenshot({ path: join(shots, 'popup-held-deletions.png') });
    await held.getByRole('button', { name: 'Hier bewaren' }).click();
    await held.waitFor({ state: 'detached' });
    expect(await extNames()).toEqual(expect.arrayContaining(['Wijkteam Noord', 'Wijkteam Zuid']));
    // The app does not get them back, and a new session does not ask again.
    await deleting.reload();
    await deleting.getByTestId('extension-status').and(deleting.locator('[data-state="connected"]')).waitFor({ timeout: 20_000 });
    await deleting.goto(`${s.app.url}/#/`);
    await deleting.getByRole('heading', { level: 1, name: 'Je dossiers' }).waitFor();
    expect(await deleting.locator('.dossiers h2').allInnerTexts()).toEqual(['Mijn leerdossier']);
    await popup.reload();
    await popup.getByTestId('bridge-status').waitFor();
    expect(await popup.getByTestId('held-deletions').count()).toBe(0);
    await popup.close();
    appPage = deleting;
  });
});
