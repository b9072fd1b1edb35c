// The clipper extension end to end, one article's journey: clipped from the popup with themes
// and a note, recognised as a duplicate when a selection is added to it, and its highlights
// kept across a reload and listed when the page changed under them. The built Chrome extension
// in headless Chromium, Dutch fixture pages on 127.0.0.1 (extension-support.ts). Run after
// `npm run build:extension`.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { extensionSuite } from './extension-support.js';

const ext = extensionSuite();
const { openTab, openPopup, request, selectText, clipsOf } = ext;

describe('clipper extension: an article', () => {
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
    expect(clip.capture.canonicalUrl).toBe(`${ext.base}/artikel.html`);
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

  it('keeps highlights across a reload and lists the ones that no longer match', async () => {
    // Switch highlights on (the permission prompt itself cannot be driven; loopback is granted).
    const page0 = await ext.session.openExtensionPage('options.html');
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
    ext.setChanged(true);
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.knipselHighlights), { timeout: 10_000 }).toBe('1/2');
    ext.setChanged(false);
    const panel = await ext.session.openExtensionPage(`sidepanel.html?dossier=${dossierId}&clip=${articleClipId}`);
    await expect.poll(() => panel.getByTestId('highlight').count()).toBe(2);
    expect(await panel.getByTestId('orphaned').count()).toBe(1);
    expect(await panel.getByTestId('orphaned').first().textContent()).toContain('Niet meer gevonden');
    await panel.close();
  });
});
