// The clipper extension end to end: the built Chrome extension in headless Chromium, Dutch
// fixture pages served on 127.0.0.1. The popup is opened as a page with `?tabId=` (Playwright
// cannot click the toolbar icon); context-menu and shortcut handlers are called through the
// worker's `knipsel` test hooks. Run after `npm run build:extension`.
import type { Server } from 'node:http';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, loadedTabId, type ExtensionSession } from '../support/browser';
import { serveSite } from '../support/site.js';
import { articlePage, hostile, ownershipPage } from './extension-pages.js';

// Extension APIs inside worker/page evaluate callbacks (run in the browser, not in Node).
declare const chrome: any;

let changed = false;

let server: Server;
let base = '';
let session: ExtensionSession;
let worker: Worker;

beforeAll(async () => {
  ({ server, base } = await serveSite((path, port) => ({
    '/artikel.html': () => articlePage('Een bankje als begin van buurtkracht', path, port, changed),
    '/selectie.html': () => articlePage('Bewoners aan zet in Overvecht', path, port, changed),
    '/links.html': () => articlePage('Verder lezen over de wijk', path, port, changed),
    '/menu.html': () => articlePage('Koken en klussen met buren', path, port, changed),
    '/doel.html': () => articlePage('Tien gouden regels voor werken in de wijk', path, port, changed),
    '/sneltoets.html': () => articlePage('Snel bewaard: de klussendienst', path, port, changed),
    '/vijandig.html': () => hostile,
    '/welkom-thuis.html': () => ownershipPage,
  })));
  session = await launchWithExtension();
  worker = session.context.serviceWorkers()[0];
});

afterAll(async () => {
  await session?.close();
  server?.close();
});

async function openTab(path: string): Promise<{ page: Page; tabId: number }> {
  const page = await session.context.newPage();
  await page.goto(`${base}${path}`);
  const tabId = await loadedTabId(worker, `${base}${path}`);
  return { page, tabId };
}

async function openPopup(tabId: number): Promise<Page> {
  const popup = await session.openExtensionPage(`popup.html?tabId=${tabId}`);
  await popup.setViewportSize({ width: 380, height: 600 });
  return popup;
}

/** Send a protocol request from an extension page, as the popup does. */
async function request<T = any>(page: Page, type: string, input: unknown): Promise<T> {
  const reply = await page.evaluate(([t, i]) => chrome.runtime.sendMessage({ knipsel: 1, type: t, input: i }), [type, input] as const);
  if (!reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(reply)}`);
  return reply.value as T;
}

async function selectText(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node as Text).data.indexOf(wanted);
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const sel = document.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        return;
      }
    }
    throw new Error(`text not found: ${wanted}`);
  }, text);
}

async function clipsOf(page: Page) {
  const { defaultId } = await request(page, 'dossiers/list', {});
  const { rows } = await request(page, 'clips/list', { dossierId: defaultId, limit: 500 });
  return { dossierId: defaultId as string, rows: rows as any[] };
}

describe('clipper extension', () => {
  let articleTab: { page: Page; tabId: number };
  let articleClipId = '';
  let dossierId = '';

  it('clips an article from the popup with themes and a note', async () => {
    articleTab = await openTab('/artikel.html');
    const popup = await openPopup(articleTab.tabId);
    await expect.poll(() => popup.getByTestId('preview-title').textContent(), { timeout: 20_000 }).toContain('Een bankje als begin van buurtkracht');
    expect(await popup.getByTestId('preview-site').textContent()).toBe('Buurtplatform');
    expect(await popup.getByTestId('preview-excerpt').textContent()).toContain('Overvecht');
    expect(await popup.getByRole('radio', { name: 'Artikel' }).isChecked()).toBe(true);

    // Keyboard only: filter, toggle with Enter, a second theme via arrows, then Enter saves.
    const themeInput = popup.getByRole('combobox', { name: 'Thema’s' });
    await themeInput.fill('wederkerig');
    await themeInput.press('Enter');
    await themeInput.fill('empowerment');
    await themeInput.press('ArrowDown');
    await themeInput.press('ArrowUp');
    await themeInput.press('Enter');
    await expect.poll(() => popup.locator('.chip').count()).toBe(2);
    await popup.getByLabel('Wat neem ik hieruit mee?').fill('Begin bij wat bewoners drijft.');
    await popup.getByLabel('Wat neem ik hieruit mee?').press('Control+Enter');
    await expect.poll(() => popup.getByTestId('saved').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await popup.getByRole('button', { name: 'Open in Knipsel' }).isVisible()).toBe(true);

    const { dossierId: id, rows } = await clipsOf(popup);
    dossierId = id;
    expect(rows).toHaveLength(1);
    articleClipId = rows[0].id;
    const { clip } = await request(popup, 'clip/get', { dossierId, clipId: articleClipId });
    expect(clip.capture.mode).toBe('article');
    expect(clip.capture.text).toContain('De opbouwwerker sloot aan bij die gesprekken');
    expect(clip.capture.text).not.toContain('© Buurtplatform');
    expect(clip.capture.siteName).toBe('Buurtplatform');
    expect(clip.capture.byline).toContain('Fatima el Amrani');
    expect(clip.capture.published).toMatch(/^2024-03-12/);
    expect(clip.capture.canonicalUrl).toBe(`${base}/artikel.html`);
    expect(clip.themes).toHaveLength(2);
    expect(clip.themes.some((t: string) => /wederkerigheid/.test(t))).toBe(true);
    expect(clip.note).toBe('Begin bij wat bewoners drijft.');
    await popup.close();
  });

  it('recognises a duplicate and adds the selection to the existing clip', async () => {
    await selectText(articleTab.page, 'aansluiten bij de leefwereld van bewoners');
    const popup = await openPopup(articleTab.tabId);
    await expect.poll(() => popup.getByTestId('duplicate').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await popup.getByTestId('duplicate').textContent()).toContain('staat al in');
    expect(await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).isDisabled()).toBe(true);
    await popup.getByRole('button', { name: 'Selectie toevoegen' }).click();
    await expect.poll(() => popup.getByTestId('saved').textContent()).toContain('markering');
    const { rows } = await clipsOf(popup);
    expect(rows).toHaveLength(1);
    const { clip } = await request(popup, 'clip/get', { dossierId, clipId: articleClipId });
    expect(clip.highlights).toHaveLength(1);
    expect(clip.highlights[0].quote.exact).toBe('aansluiten bij de leefwereld van bewoners');
    expect(clip.highlights[0].quote.prefix).toContain('Tijd nemen, ');
    await popup.close();
  });

  it('finds themes by number and wording, shows the wording, and accepts a suggested theme on saving', async () => {
    const { tabId } = await openTab('/welkom-thuis.html');
    const popup = await openPopup(tabId);
    await expect.poll(() => popup.getByTestId('preview-title').textContent(), { timeout: 20_000 }).toContain('Welkom Thuis');
    const themeInput = popup.getByRole('combobox', { name: 'Thema’s' });
    // By number: gouden regel 7, first and alone among the gouden regels.
    await themeInput.fill('regel 7');
    const options = popup.getByRole('listbox', { name: 'Thema’s' }).getByRole('option');
    await expect.poll(() => options.count()).toBe(1);
    expect(await options.first().textContent()).toContain('100 actieve bewoners kennen');
    expect(await popup.getByTestId('theme-wording').textContent()).toContain('Je kent minimaal 100 bewoners die actief bijdragen aan de buurt.');
    expect(await popup.getByTestId('theme-wording').textContent()).toContain('Regel 7 · 10 gouden regels');
    // By a word of the wording.
    await themeInput.fill('eigenaarschap');
    await expect.poll(() => options.first().textContent()).toContain('Eigenaarschap');
    expect(await popup.getByTestId('theme-wording').textContent()).toContain('bewoner is eigenaar van het probleem en de oplossing');
    await themeInput.fill('');
    // The page's own solution, "bedacht door bewoners zelf", suggests Eigenaarschap: accept it.
    const suggested = popup.getByTestId('suggested-themes');
    await expect.poll(() => suggested.textContent(), { timeout: 10_000 }).toContain('Eigenaarschap');
    await suggested.getByRole('button', { name: 'Voeg thema Eigenaarschap toe' }).click();
    await expect.poll(() => popup.locator('.chip').allTextContents()).toEqual([expect.stringContaining('Eigenaarschap')]);
    expect(await suggested.getByRole('button', { name: 'Voeg thema Eigenaarschap toe' }).count()).toBe(0);
    await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).click();
    await expect.poll(() => popup.getByTestId('saved').isVisible(), { timeout: 10_000 }).toBe(true);
    const { rows } = await clipsOf(popup);
    const row = rows.find((r) => r.url.endsWith('/welkom-thuis.html'));
    expect(row.themes).toEqual(['community-werker.eigenaarschap']);
    await popup.close();
  });

  it('clips a selection and a link-only bookmark from the popup', async () => {
    const { page, tabId } = await openTab('/selectie.html');
    await selectText(page, 'Zo ontstond een kookgroep, later een klussendienst voor ouderen.');
    let popup = await openPopup(tabId);
    await expect.poll(() => popup.getByRole('radio', { name: 'Selectie' }).isChecked(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => popup.getByTestId('preview-excerpt').textContent()).toContain('kookgroep');
    await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).click();
    await expect.poll(() => popup.getByTestId('saved').isVisible()).toBe(true);
    let { rows } = await clipsOf(popup);
    const selectionRow = rows.find((r) => r.url.endsWith('/selectie.html'));
    const { clip } = await request(popup, 'clip/get', { dossierId, clipId: selectionRow.id });
    expect(clip.capture.mode).toBe('selection');
    expect(clip.capture.text).toContain('Zo ontstond een kookgroep');
    expect(clip.capture.text).not.toContain('Volgens de gemeente');
    await popup.close();

    const links = await openTab('/links.html');
    popup = await openPopup(links.tabId);
    await expect.poll(() => popup.getByTestId('preview-title').isVisible(), { timeout: 20_000 }).toBe(true);
    await popup.getByText('Link', { exact: true }).click();
    await expect.poll(() => popup.getByRole('radio', { name: 'Link', exact: true }).isChecked()).toBe(true);
    await expect.poll(() => popup.getByTestId('preview-words').count()).toBe(0);
    await popup.getByLabel('Wat neem ik hieruit mee?').fill('Later lezen');
    await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).click();
    await expect.poll(() => popup.getByTestId('saved').isVisible()).toBe(true);
    ({ rows } = await clipsOf(popup));
    const link = rows.find((r) => r.url.endsWith('/links.html'));
    expect(link.mode).toBe('bookmark');
    expect(link.title).toContain('Verder lezen over de wijk');
    await popup.close();
  });

  it('clips through the context menu: page, selection and link', async () => {
    const { page, tabId } = await openTab('/menu.html');
    const pageResult = await worker.evaluate(([id]) => (globalThis as any).knipsel.onMenu({ menuItemId: 'knip-pagina' }, { id }), [tabId]);
    expect(pageResult.status).toBe('saved');
    // The same page again is never a silent duplicate.
    const again = await worker.evaluate(([id]) => (globalThis as any).knipsel.onMenu({ menuItemId: 'knip-pagina' }, { id }), [tabId]);
    expect(again.status).toBe('duplicate');
    // A selection on a clipped page becomes a highlight on that clip.
    await selectText(page, 'De professional deed een stap terug');
    const selection = await worker.evaluate(
      ([id]) => (globalThis as any).knipsel.onMenu({ menuItemId: 'knip-selectie', selectionText: 'De professional deed een stap terug' }, { id }),
      [tabId],
    );
    expect(selection.status).toBe('highlight-added');
    const link = await worker.evaluate(([id, url]) => (globalThis as any).knipsel.onMenu({ menuItemId: 'knip-link', linkUrl: url }, { id }), [tabId, `${base}/doel.html`] as const);
    expect(link).toMatchObject({ status: 'saved' });
    const badge = await worker.evaluate(([id]) => chrome.action.getBadgeText({ tabId: id }), [tabId]);
    expect(badge).toBe('✓');

    const popup = await session.openExtensionPage('sidepanel.html');
    const { rows } = await clipsOf(popup);
    const menuClip = rows.find((r) => r.url.endsWith('/menu.html'));
    const { clip } = await request(popup, 'clip/get', { dossierId, clipId: menuClip.id });
    expect(clip.capture.mode).toBe('article');
    expect(clip.capture.text).toContain('kookgroep');
    expect(clip.highlights.map((h: any) => h.quote.exact)).toEqual(['De professional deed een stap terug']);
    const linkRow = rows.find((r) => r.url.endsWith('/doel.html'));
    expect(linkRow.mode).toBe('bookmark');
    expect(linkRow.title).toBe('Tien gouden regels voor werken in de wijk');

    // The keyboard shortcut: a quick clip with the last used themes (those of the previous clip).
    // (Earlier tests in this file saved clips with themes; which ones were last depends on them.)
    const { lastUsed } = await request(popup, 'themes/list', { dossierId });
    expect(lastUsed.length).toBeGreaterThan(0);
    const shortcut = await openTab('/sneltoets.html');
    const quick = await worker.evaluate(([id]) => (globalThis as any).knipsel.onCommand('quick-clip', { id }), [shortcut.tabId]);
    expect(quick).toMatchObject({ status: 'saved' });
    const quickClip = (await request(popup, 'clip/get', { dossierId, clipId: quick.clipId })).clip;
    expect(quickClip.themes.sort()).toEqual([...lastUsed].sort());
    expect(await worker.evaluate(([id]) => chrome.action.getBadgeText({ tabId: id }), [shortcut.tabId])).toBe('✓');
    await Promise.all([popup.close(), shortcut.page.close()]);
  });

  it('never runs a hostile page’s script in extension pages', async () => {
    const { page, tabId } = await openTab('/vijandig.html');
    expect(await page.evaluate(() => (window as any).pageScriptRan)).toBe(true);
    const popup = await openPopup(tabId);
    // The page's own script ran in the page (it retitled itself); the preview shows that as text.
    await expect.poll(() => popup.getByTestId('preview-title').isVisible(), { timeout: 20_000 }).toBe(true);
    await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).click();
    await expect.poll(() => popup.getByTestId('saved').isVisible()).toBe(true);
    expect(await popup.evaluate(() => (window as any).__pwned)).toBeUndefined();
    const { rows } = await clipsOf(popup);
    const row = rows.find((r) => r.url.endsWith('/vijandig.html'));
    const { clip } = await request(popup, 'clip/get', { dossierId, clipId: row.id });
    expect(clip.capture.html).not.toMatch(/onerror|onload|javascript:|<script|srcdoc/i);

    const panel = await session.openExtensionPage(`sidepanel.html?dossier=${dossierId}&clip=${row.id}`);
    await expect.poll(() => panel.getByTestId('clip-title').isVisible()).toBe(true);
    await panel.locator('details.content summary').click();
    await panel.waitForTimeout(300);
    expect(await panel.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(await panel.title()).toBe('Knipsel');
    expect(await popup.title()).toBe('Knipsel');
    expect(await panel.locator('.html script, .html [onerror], .html iframe').count()).toBe(0);
    await Promise.all([popup.close(), panel.close()]);
  });

  it('explains pages that cannot be clipped', async () => {
    const blank = await session.context.newPage();
    await blank.goto('chrome://version/');
    const tabId = await worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
    const popup = await openPopup(tabId!);
    await expect.poll(() => popup.getByTestId('restricted').textContent(), { timeout: 20_000 }).toContain('kun je niet bewaren');
    const missing = await openPopup(999_999);
    await expect.poll(() => missing.getByTestId('restricted').textContent()).toContain('geen pagina');
    await Promise.all([popup.close(), missing.close(), blank.close()]);
  });

  it('keeps highlights across a reload and lists the ones that no longer match', async () => {
    // Switch highlights on (the permission prompt itself cannot be driven; loopback is granted).
    const page0 = await session.openExtensionPage('options.html');
    await request(page0, 'highlights/enable', { enabled: true });
    await page0.close();
    const { page } = articleTab;
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.knipselHighlights), { timeout: 10_000 }).toBe('1/1');
    expect(await page.evaluate(() => (CSS as any).highlights.has('knipsel-inspiratie'))).toBe(true);

    // A new highlight through the in-page toolbar (closed shadow root: click by position).
    await selectText(page, 'Bewoners noemen vooral het gevoel dat de straat weer van hen is.');
    const host = page.locator('knipsel-highlighter');
    await expect.poll(() => host.evaluate((el) => (el as HTMLElement).style.display), { timeout: 5000 }).toBe('block');
    expect(await host.evaluate((el) => el.shadowRoot)).toBeNull(); // closed
    const box = (await host.boundingBox())!;
    await page.mouse.click(box.x + 6 + 48 + 96, box.y + box.height / 2); // second button: methode
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.knipselHighlights)).toBe('2/2');
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.knipselHighlights), { timeout: 10_000 }).toBe('2/2');
    expect(await page.evaluate(() => (CSS as any).highlights.has('knipsel-methode'))).toBe(true);

    // The page changes: the first highlight's passage is gone; it is listed, not lost.
    changed = true;
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.knipselHighlights), { timeout: 10_000 }).toBe('1/2');
    changed = false;
    const panel = await session.openExtensionPage(`sidepanel.html?dossier=${dossierId}&clip=${articleClipId}`);
    await expect.poll(() => panel.getByTestId('highlight').count()).toBe(2);
    expect(await panel.getByTestId('orphaned').count()).toBe(1);
    expect(await panel.getByTestId('orphaned').first().textContent()).toContain('Niet meer gevonden');
    await panel.close();
  });
});
