// The first hour of a new user, end to end: a fresh Chromium profile with the built extension,
// the built web app from the real server on 127.0.0.1 (a free port, so the extension must be
// told the address, as a user does in its options), and Dutch practice pages from a second
// server. It walks what a new user does and checks the places where one got stuck or was
// misled: the welcome of the first run, the extension's options, "no extension" said too early,
// the first clip's "Open in Knipsel", names and plurals, toasts, imported bookmarks and
// completing one, a selection clip. Phone screenshots (390×844) of the first run, Settings, the
// board and the theme dialog, in Dutch and English, go to /tmp/knipsel-shots/first-hour.
// Run after `npm run build` (or with KNIPSEL_DIST).
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnipselServer, type KnipselServer } from '../../server/create-server.js';
import { closeAll, launchWithExtension, pwaDir, type ExtensionSession } from '../support/browser';
import { askToPair, confirmInExtension } from '../support/pairing';
import { serveSite } from '../support/site.js';
import { plainArticle } from './extension-pages.js';

// Extension APIs inside worker/page evaluate callbacks (run in the browser, not in Node).
declare const chrome: any;

const shots = process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/first-hour';
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };
const bookmarkCount = 24;
const bookmarkTitle = (n: number) => `Voorbeeld uit de wijk ${n}`;

let app: KnipselServer;
let fixtures: Server;
let fixtureBase = '';
let session: ExtensionSession;
let worker: Worker;
let appA: Page;
let dossierId = '';
let firstClipId = '';

async function tabIdOf(url: string): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const id = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t: { url?: string; status?: string }) => t.url === u && t.status === 'complete')?.id, url);
    if (id !== undefined) return id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no tab for ${url}`);
}

async function popupFor(path: string): Promise<{ tab: Page; popup: Page }> {
  const tab = await session.context.newPage();
  await tab.goto(`${fixtureBase}${path}`);
  const popup = await session.openExtensionPage(`popup.html?tabId=${await tabIdOf(`${fixtureBase}${path}`)}`);
  await popup.setViewportSize({ width: 380, height: 600 });
  return { tab, popup };
}

async function request<T = any>(page: Page, type: string, input: unknown): Promise<T> {
  const reply = await page.evaluate(([t, i]) => chrome.runtime.sendMessage({ knipsel: 1, type: t, input: i }), [type, input] as const);
  if (!reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(reply)}`);
  return reply.value as T;
}

/** Every state the shell's extension line has shown in this page since it started loading. */
const statusHistory = (page: Page) => page.evaluate(() => (window as unknown as { __extensionStates?: string[] }).__extensionStates ?? []);

/** What the screen shows (`name.png`) and the whole page (`name-full.png`). */
async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`) });
  await page.screenshot({ path: join(shots, `${name}-full.png`), fullPage: true });
}

const heading1 = (page: Page) => page.getByRole('heading', { level: 1 });
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: new RegExp(`^${name}( \\d+)?$`) });
const toasts = (page: Page) => page.getByTestId('toast');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  app = await createKnipselServer({ dir: pwaDir, port: 0, host: '127.0.0.1' });
  ({ server: fixtures, base: fixtureBase } = await serveSite(() => ({
    '/buurtkracht.html': () => plainArticle('Buurtkracht in Overvecht'),
    '/laptop.html': () => plainArticle('Een website voor de straat'),
    ...Object.fromEntries(Array.from({ length: bookmarkCount }, (_, i) => [`/wijk-${i + 1}.html`, () => plainArticle(`${bookmarkTitle(i + 1)}: het hele verhaal`)])),
  })));

  session = await launchWithExtension();
  worker = session.context.serviceWorkers()[0];
  // What the extension's status line in the app shows, from the very first paint on.
  await session.context.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __extensionStates: string[] }).__extensionStates = []);
    const record = () => {
      for (const el of document.querySelectorAll('[data-testid="extension-status"]')) {
        const state = el.getAttribute('data-state');
        if (state && seen.at(-1) !== state) seen.push(state);
      }
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
});

afterAll(() => closeAll(session, app, fixtures));

describe('the first hour of a new user', () => {
  it('the first open of the app explains itself: two sentences, the extension for Chrome and Firefox, frameworks, the first dossier’s name', async () => {
    appA = await session.context.newPage();
    await appA.setViewportSize(phone);
    await appA.goto(`${app.url}/`);
    const welcome = appA.getByTestId('welcome');
    await welcome.getByRole('heading', { name: 'Welkom bij Knipsel' }).waitFor({ timeout: 15_000 });
    const intro = await welcome.locator('.intro').innerText();
    expect(intro.split(/(?<=[.!?])\s+/).filter(Boolean)).toHaveLength(2);
    // Not configured for this address yet: the extension is rightly not found, and the steps show.
    const panel = welcome.getByTestId('pair-panel');
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 15_000 }).toBe('absent');
    expect(await panel.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(['Chrome of Edge', 'Firefox']);
    expect(await panel.innerText()).toContain(`zet daar het adres van deze app: ${app.url}`);
    for (const name of ['De community werker', '10 gouden regels', 'DichtErBij', 'Eigen thema’s']) await welcome.getByRole('checkbox', { name: new RegExp(name) }).waitFor();
    expect(await welcome.getByLabel('Naam van je eerste dossier').inputValue()).toBe('Mijn leerdossier');
    await shot(appA, 'first-run-fresh-phone-nl');
    await appA.setViewportSize(desktop);
    await shot(appA, 'first-run-fresh-desktop-nl');
  });

  it('the extension’s options show the default dossier, and take the app’s address', async () => {
    const options = await session.openExtensionPage('options.html');
    await options.setViewportSize({ width: 800, height: 900 });
    const chosen = options.getByTestId('default-dossier');
    await expect
      .poll(() => chosen.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? ''), { timeout: 10_000 })
      .toBe('Mijn leerdossier (persoonlijk)');
    await options.getByLabel('Adres van de Knipsel-app').fill(app.url);
    await options.getByRole('button', { name: 'Opslaan' }).click();
    await options.getByText('Instellingen opgeslagen.').waitFor();
    await shot(options, 'options-nl');
    await options.close();
  });

  it('the app that was already open finds the extension without a reload; a new tab never says “no extension”', async () => {
    await expect.poll(() => appA.getByTestId('extension-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('unpaired');
    // A slow extension (worker waking): "verbinden…" meanwhile, never "Geen extensie gevonden".
    await worker.evaluate(() => (globalThis as any).knipsel.holdBridge(4000));
    const fresh = await session.context.newPage();
    await fresh.goto(`${app.url}/#/settings`);
    await expect.poll(() => fresh.getByTestId('extension-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('unpaired');
    expect(await statusHistory(fresh)).toEqual(['connecting', 'unpaired']);
    await fresh.close();
  });

  it('the welcome sets up the first dossier: its name, the chosen frameworks and own themes; the empty list says what to do next', async () => {
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
    dossierId = decodeURIComponent(/#\/d\/([^/]+)\//.exec(appA.url())![1]);
    await nav(appA, 'Themabord').click();
    await heading1(appA).filter({ hasText: 'Themabord' }).waitFor();
    const frameworks = await appA.getByLabel('Kader').locator('option').allInnerTexts();
    expect(frameworks).toEqual(['De community werker', '10 gouden regels', 'Mijn thema’s']);
    expect(await appA.locator('.current-dossier').textContent()).toContain('Leergang Community Work');
    await nav(appA, 'Knipsels').click();
  });

  it('the first clip’s “Open in Knipsel” opens it, once the extension is paired — also when paired in another tab', async () => {
    const { tab, popup } = await popupFor('/buurtkracht.html');
    // One name for a link clip: the popup's "Link" is what the app calls it too.
    await popup.getByRole('radio', { name: 'Link', exact: true }).waitFor();
    await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).click();
    await popup.getByTestId('saved').waitFor();
    const [opened] = await Promise.all([session.context.waitForEvent('page'), popup.getByRole('button', { name: 'Open in Knipsel' }).click()]);
    await popup.close();
    await tab.close();
    await opened.setViewportSize(desktop);
    // Not paired yet: the clip is still in the extension, and pairing is offered right there.
    await heading1(opened).filter({ hasText: 'Dit knipsel staat nog in de extensie' }).waitFor({ timeout: 15_000 });
    await opened.getByTestId('missing-extension-hint').getByRole('button', { name: 'Koppel de extensie aan de app' }).waitFor();
    firstClipId = decodeURIComponent(/\/clip\/([^/?]+)/.exec(opened.url())![1]);
    await shot(opened, 'still-in-extension-desktop-nl');

    // The user pairs in the tab that was open already.
    await appA.setViewportSize(desktop);
    const code = await askToPair(appA);
    await confirmInExtension(session, code, 'popup', appA).then((page) => page.close());
    await appA.getByTestId('extension-status').and(appA.locator('[data-state="connected"]')).waitFor({ timeout: 20_000 });
    // The tab the button opened follows the clip into the app's dossier, by itself.
    await expect.poll(() => heading1(opened).innerText(), { timeout: 30_000 }).toBe('Buurtkracht in Overvecht');
    expect(opened.url()).toContain(`#/d/${encodeURIComponent(dossierId)}/clip/${encodeURIComponent(firstClipId)}`);
    // A page without a site name shows its domain as its source.
    expect(await opened.locator('dl').innerText()).toContain('127.0.0.1');
    await opened.close();
  });

  it('names and counts: the domain as source, “1 knipsel”, one name for a link', async () => {
    await expect.poll(() => appA.locator('.clips h2').allInnerTexts(), { timeout: 15_000 }).toEqual(['Buurtkracht in Overvecht']);
    expect(await appA.locator('.screen-head .intro').innerText()).toBe('1 knipsel');
    const meta = (await appA.locator('.clips .meta').first().textContent()) ?? '';
    // The kind of evidence first, then the source.
    expect(meta.trim()).toMatch(/^Praktijkvoorbeeld\s*127\.0\.0\.1/);
    expect(meta).not.toContain('Artikel');
    await appA.getByText('Filters', { exact: true }).click();
    expect(await appA.getByLabel('Vorm', { exact: true }).locator('option').allInnerTexts()).toContain('Link');
    expect(await appA.getByLabel('Website').locator('option').allInnerTexts()).toContain('127.0.0.1');
    await appA.getByText('Filters', { exact: true }).click();
  });

  it('a selection clip keeps the selection, widened to whole words, with its paragraph as context', async () => {
    const { tab, popup } = await popupFor('/laptop.html');
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
    const { rows } = await request<{ rows: { id: string; url: string }[] }>(popup, 'clips/list', { dossierId });
    const row = rows.find((r) => r.url.endsWith('/laptop.html'))!;
    const { clip } = await request<{ clip: { capture: { html: string } } }>(popup, 'clip/get', { dossierId, clipId: row.id });
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
      (_, i) => `<DT><A HREF="${fixtureBase}/wijk-${i + 1}.html" ADD_DATE="${1_560_000_000 + i * 86_400}">${bookmarkTitle(i + 1)}</A>`,
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
    const { tab, popup } = await popupFor('/wijk-1.html');
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

      await appA.goto(`${app.url}/#/d/${encodeURIComponent(dossierId)}/board`);
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
