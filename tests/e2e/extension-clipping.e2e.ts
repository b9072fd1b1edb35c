// The clipper extension end to end, the ways a page is clipped: themes found by number and
// wording with a suggested theme accepted, a selection and a link-only bookmark from the popup,
// the context menu and the keyboard shortcut, a hostile page whose script never runs in
// extension pages, and pages that cannot be clipped. The built Chrome extension in headless
// Chromium, Dutch fixture pages on 127.0.0.1 (extension-support.ts). Run after
// `npm run build:extension`.
import { beforeAll, describe, expect, it } from 'vitest';
import { extensionSuite } from './extension-support.js';

// Extension APIs inside worker/page evaluate callbacks (run in the browser, not in Node).
declare const chrome: any;

const ext = extensionSuite();
const { openTab, openPopup, request, selectText, clipsOf } = ext;

describe('clipper extension: ways to clip', () => {
  let dossierId = '';

  beforeAll(async () => {
    // The extension's default dossier, the one every clip here goes to.
    const options = await ext.session.openExtensionPage('options.html');
    ({ dossierId } = await clipsOf(options));
    await options.close();
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
    const pageResult = await ext.worker.evaluate(([id]) => (globalThis as any).knipsel.onMenu({ menuItemId: 'knip-pagina' }, { id }), [tabId]);
    expect(pageResult.status).toBe('saved');
    // The same page again is never a silent duplicate.
    const again = await ext.worker.evaluate(([id]) => (globalThis as any).knipsel.onMenu({ menuItemId: 'knip-pagina' }, { id }), [tabId]);
    expect(again.status).toBe('duplicate');
    // A selection on a clipped page becomes a highlight on that clip.
    await selectText(page, 'De professional deed een stap terug');
    const selection = await ext.worker.evaluate(
      ([id]) => (globalThis as any).knipsel.onMenu({ menuItemId: 'knip-selectie', selectionText: 'De professional deed een stap terug' }, { id }),
      [tabId],
    );
    expect(selection.status).toBe('highlight-added');
    const link = await ext.worker.evaluate(([id, url]) => (globalThis as any).knipsel.onMenu({ menuItemId: 'knip-link', linkUrl: url }, { id }), [
      tabId,
      `${ext.base}/doel.html`,
    ] as const);
    expect(link).toMatchObject({ status: 'saved' });
    const badge = await ext.worker.evaluate(([id]) => chrome.action.getBadgeText({ tabId: id }), [tabId]);
    expect(badge).toBe('✓');

    const popup = await ext.session.openExtensionPage('sidepanel.html');
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
    const quick = await ext.worker.evaluate(([id]) => (globalThis as any).knipsel.onCommand('quick-clip', { id }), [shortcut.tabId]);
    expect(quick).toMatchObject({ status: 'saved' });
    const quickClip = (await request(popup, 'clip/get', { dossierId, clipId: quick.clipId })).clip;
    expect(quickClip.themes.sort()).toEqual([...lastUsed].sort());
    expect(await ext.worker.evaluate(([id]) => chrome.action.getBadgeText({ tabId: id }), [shortcut.tabId])).toBe('✓');
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

    const panel = await ext.session.openExtensionPage(`sidepanel.html?dossier=${dossierId}&clip=${row.id}`);
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
    const blank = await ext.session.context.newPage();
    await blank.goto('chrome://version/');
    const tabId = await ext.worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
    const popup = await openPopup(tabId!);
    await expect.poll(() => popup.getByTestId('restricted').textContent(), { timeout: 20_000 }).toContain('kun je niet bewaren');
    const missing = await openPopup(999_999);
    await expect.poll(() => missing.getByTestId('restricted').textContent()).toContain('geen pagina');
    await Promise.all([popup.close(), missing.close(), blank.close()]);
  });
});
