// The first hour of a new user, after the first clip: the built extension in a fresh Chromium
// profile configured for the built web app on the real server, Dutch practice pages from a
// second server (extensionAppSuite). The first dossier is set up in the welcome, the extension
// paired and a first page clipped, as in first-hour-welcome.e2e.ts; then a selection clip,
// toasts, imported bookmarks and completing one, and phone screenshots (390×844) of Settings,
// the board, the theme dialog and the first run, in Dutch and English, go to
// /tmp/knipsel-shots/first-hour. Run after `npm run build` (or with KNIPSEL_DIST).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { extensionAppSuite } from '../support/extension-app-suite.js';
import { bookmarkCount, bookmarkTitle, desktop, firstHourPages, heading1, nav, phone, popupFor, setUpFirstDossier, shot, shots, toasts } from './first-hour-support.js';

const s = extensionAppSuite(shots, firstHourPages);
let appA: Page;
let dossierId = '';

describe('the first hour of a new user: after the first clip', () => {
  it('sets up the first dossier in the welcome, pairs the extension and clips a first page, as in first-hour-welcome.e2e.ts', async () => {
    appA = await s.session.context.newPage();
    await appA.setViewportSize(desktop);
    await appA.goto(`${s.app.url}/`);
    await appA.getByTestId('welcome').getByRole('heading', { name: 'Welkom bij Knipsel' }).waitFor({ timeout: 15_000 });
    dossierId = await setUpFirstDossier(appA);
    // Paired in a tab of its own; the tab already open follows.
    await s.pairWithApp().then(({ page }) => page.close());
    await appA.getByTestId('extension-status').and(appA.locator('[data-state="connected"]')).waitFor({ timeout: 20_000 });
    await s.clipWithPopup('/buurtkracht.html').then(({ popup }) => popup.close());
    await expect.poll(() => appA.locator('.clips h2').allInnerTexts(), { timeout: 15_000 }).toEqual(['Buurtkracht in Overvecht']);
  }, 180_000);

  it('a selection clip keeps the selection, widened to whole words, with its paragraph as context', async () => {
    const { tab, popup } = await popupFor(s.session, s.fixtureBase, '/laptop.html');
    await tab.evaluate(() => {
      const text = document.getElementById('p2')!.firstChild!;
      const range = document.createRange();
      range.setStart(text, 'Bewoners brachten hun lap'.length);
      range.setEnd(text, 'Bewoners brachten hun laptop mee naar het buurt'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await popup.reload();
    await expect.poll(() => popup.getByRole('radio', { name: 'Selectie' }).isChecked(), { timeout: 20_000 }).toBe(true);
    await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).click();
    await popup.getByTestId('saved').waitFor();
    const { rows } = await s.request<{ rows: { id: string; url: string }[] }>('clips/list', { dossierId });
    const row = rows.find((r) => r.url.endsWith('/laptop.html'))!;
    const { clip } = await s.request<{ clip: { capture: { html: string } } }>('clip/get', { dossierId, clipId: row.id });
    expect(clip.capture.html).toMatch(
      /^<blockquote><p>laptop mee naar het buurthuis<\/p><\/blockquote><aside><p>Bewoners brachten hun <mark>laptop mee naar het buurthuis<\/mark>, en samen/,
    );
    await popup.close();
    await tab.close();
  });

  it('toasts: one at a time, gone when the user leaves the screen, in the language of the moment', async () => {
    await expect.poll(() => appA.locator('.clips h2').count(), { timeout: 15_000 }).toBe(2);
    await appA.locator('.clips h2 a', { hasText: 'Buurtkracht in Overvecht' }).click();
    await heading1(appA).filter({ hasText: 'Buurtkracht in Overvecht' }).waitFor();
    await appA.getByRole('button', { name: 'Thema’s kiezen' }).click();
    const picker = appA.getByTestId('theme-picker');
    await picker.getByLabel('Zoek een thema').fill('eigenaar');
    await picker.getByRole('checkbox', { name: /Eigenaarschap/ }).check();
    await picker.getByLabel('Zoek een thema').fill('leefwereld');
    await picker.getByRole('checkbox', { name: /Aansluiten bij de leefwereld/ }).check();
    await appA.getByRole('dialog').getByRole('button', { name: 'Sluiten', exact: true }).last().click();
    await expect.poll(() => toasts(appA).count()).toBe(1);
    expect(await toasts(appA).innerText()).toContain('toegevoegd');
    // Back to the list: the undo of a tag in the reader does not follow.
    await appA.getByRole('link', { name: 'Terug naar de knipsels' }).click();
    await heading1(appA).filter({ hasText: 'Knipsels' }).waitFor();
    await expect.poll(() => toasts(appA).count()).toBe(0);
    // An action here, then English: the toast on screen speaks English too.
    await appA.getByRole('checkbox', { name: 'Selecteer ‘Een website voor de straat’' }).check();
    await appA.locator('.bulk').getByRole('button', { name: 'Naar prullenbak' }).click();
    await expect.poll(() => toasts(appA).innerText()).toContain('Knipsel naar de prullenbak verplaatst');
    await appA.locator('#language').selectOption('en');
    await expect.poll(() => toasts(appA).innerText()).toContain('Clip moved to the trash');
    await toasts(appA).getByRole('button', { name: 'Undo' }).click();
    await appA.locator('#language').selectOption('nl');
    await expect.poll(() => appA.locator('.clips h2').count()).toBe(2);
  });

  it('just-imported bookmarks show first, as a filter; a bookmark without text offers to complete it, and the popup does', async () => {
    const file = join(shots, 'bladwijzers.html');
    const links = Array.from(
      { length: bookmarkCount },
      (_, i) => `<DT><A HREF="${s.fixtureBase}/wijk-${i + 1}.html" ADD_DATE="${1_560_000_000 + i * 86_400}">${bookmarkTitle(i + 1)}</A>`,
    );
    writeFileSync(file, `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n${links.join('\n')}\n</DL><p>\n`);
    await nav(appA, 'Exporteren').click();
    await appA.getByLabel('Kies een bladwijzerbestand').setInputFiles(file);
    const dialog = appA.getByRole('dialog', { name: 'Bladwijzers importeren' });
    await dialog.getByRole('button', { name: `${bookmarkCount} bladwijzers importeren` }).click({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Naar de knipsels' }).click({ timeout: 30_000 });
    await heading1(appA).filter({ hasText: 'Knipsels' }).waitFor();
    const filterNote = appA.getByTestId('imported-filter');
    expect(await filterNote.innerText()).toContain(`Je ziet de ${bookmarkCount} knipsels die je net importeerde.`);
    const titles = await appA.locator('.clips h2').allInnerTexts();
    expect(titles.sort()).toEqual(Array.from({ length: bookmarkCount }, (_, i) => bookmarkTitle(i + 1)).sort());
    expect(await appA.getByLabel('Sorteren').inputValue()).toBe('added');
    await filterNote.getByRole('button', { name: 'Alle knipsels tonen' }).click();
    await expect.poll(() => appA.locator('.clips h2').count()).toBe(bookmarkCount + 2);

    // A bookmark has no text: the reader offers to complete it.
    await appA.locator('.clips h2 a', { hasText: new RegExp(`^${bookmarkTitle(1)}$`) }).click();
    const offer = appA.getByTestId('complete-link');
    await offer.getByRole('link', { name: 'Pagina openen om aan te vullen' }).waitFor();
    const bookmarkClipId = decodeURIComponent(/\/clip\/([^/?]+)/.exec(appA.url())![1]);
    await shot(appA, 'complete-link-desktop-nl');
    // The user opens the page and clips it: the popup completes the same clip.
    const { tab, popup } = await popupFor(s.session, s.fixtureBase, '/wijk-1.html');
    await popup.getByTestId('duplicate-incomplete').getByRole('button', { name: 'Tekst aanvullen' }).click({ timeout: 20_000 });
    await popup.getByText('Aangevuld in Leergang Community Work.').waitFor();
    await popup.close();
    await tab.close();
    await expect.poll(() => heading1(appA).innerText(), { timeout: 15_000 }).toBe(`${bookmarkTitle(1)}: het hele verhaal`);
    expect(appA.url()).toContain(`/clip/${encodeURIComponent(bookmarkClipId)}`);
    await appA.locator('.content').getByText('De opbouwwerker sloot aan bij die gesprekken.').waitFor();
    expect(await appA.getByTestId('complete-link').count()).toBe(0);
  });

  it('on a phone: Settings, the board with many unsorted clips, the theme dialog and the first run, in Dutch and English', async () => {
    await appA.setViewportSize(phone);
    for (const [lang, t] of [
      [
        'nl',
        {
          settings: 'Instellingen',
          language: 'Taal van de app',
          board: 'Themabord',
          sort: 'Sorteren',
          filter: 'Zoek een thema',
          next: 'Volgende knipsel',
          again: 'Welkom opnieuw tonen',
          welcome: 'Welkom bij Knipsel',
          later: 'Later',
        },
      ],
      [
        'en',
        {
          settings: 'Settings',
          language: 'Language of the app',
          board: 'Theme board',
          sort: 'Sort',
          filter: 'Find a theme',
          next: 'Next clip',
          again: 'Show the welcome again',
          welcome: 'Welcome to Knipsel',
          later: 'Later',
        },
      ],
    ] as const) {
      // Settings is one tap away on a phone (beside +), and holds the language.
      await appA.locator('.brand-row').getByRole('link', { name: 'Instellingen' }).click();
      await heading1(appA).filter({ hasText: 'Instellingen' }).waitFor();
      if (lang === 'en') {
        await appA.getByLabel('Taal van de app').selectOption('en');
        await heading1(appA).filter({ hasText: t.settings }).waitFor();
      }
      await appA.getByLabel(t.language).waitFor();
      await appA.getByTestId('storage-used').waitFor();
      await appA.getByTestId('pair-panel').and(appA.locator('[data-state="connected"]')).waitFor();
      await shot(appA, `settings-phone-${lang}`);
      expect(await appA.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);

      await appA.goto(`${s.app.url}/#/d/${encodeURIComponent(dossierId)}/board`);
      await heading1(appA).filter({ hasText: t.board }).waitFor();
      await shot(appA, `board-phone-${lang}`);
      // Every column one tap away: the strip leads to the last one.
      const strip = appA.getByRole('navigation', { name: lang === 'nl' ? 'Kolommen' : 'Columns' });
      const last = strip.getByRole('button').last();
      const lastName = (await last.locator('span').first().innerText()).trim();
      await last.click();
      await expect.poll(() => appA.getByRole('heading', { level: 2, name: lastName, exact: true }).evaluate((h) => h.getBoundingClientRect().top)).toBeLessThan(phone.height);
      expect(await appA.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);

      // Tap to sort: the unsorted clips one by one through the theme dialog, with its filter.
      const unsortedBefore = Number(await strip.getByRole('button').first().locator('.badge').innerText());
      await appA.getByRole('button', { name: new RegExp(`^${t.sort}`) }).click();
      const picker = appA.getByTestId('theme-picker');
      await picker.getByLabel(t.filter).fill('eigenaarschap');
      await shot(appA, `theme-dialog-phone-${lang}`);
      await picker.getByRole('checkbox', { name: /Eigenaarschap/ }).check();
      await appA.getByRole('button', { name: t.next }).click();
      await picker.getByLabel(t.filter).fill('leefwereld');
      await picker.getByRole('checkbox', { name: /Aansluiten bij de leefwereld/ }).check();
      await appA.keyboard.press('Escape');
      await expect.poll(async () => Number(await strip.getByRole('button').first().locator('.badge').innerText())).toBe(unsortedBefore - 2);

      // The first run, once more from Settings.
      await appA.getByRole('link', { name: t.settings }).first().click();
      await appA.getByRole('button', { name: t.again }).click();
      await appA.getByTestId('welcome').getByRole('heading', { name: t.welcome }).waitFor();
      await shot(appA, `first-run-phone-${lang}`);
      await appA.getByTestId('welcome').getByRole('button', { name: t.later }).click();
    }
    await appA.getByRole('link', { name: 'Settings' }).first().click();
    await appA.getByLabel('Language of the app').selectOption('nl');
  });
});
