// The Firefox build of the extension in Debian's Firefox ESR (puppeteer-core over WebDriver
// BiDi): installs, takes the Dutch language from its settings, clips an article from the
// popup into its own IndexedDB, keeps a hostile page's script out of its pages, pairs with
// the web app (served by the real Knipsel server) as a user does — the code in the app,
// "Koppelen" in the extension's options — and shows its clips there through the bridge, keeps a
// highlight made with the in-page toolbar across a reload (CSS Custom Highlight API), and
// shows and edits the clip in the sidebar page.
// Run after `npm run build:extension` (which builds the Firefox package too).
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnipselServer, type KnipselServer } from '../../server/create-server.js';
import { pwaDir } from '../support/browser.js';
import { extensionRequest, launchFirefoxWithExtension, pairFirefox, type FirefoxSession } from '../support/firefox.js';
import { serveSite } from '../support/site.js';
import { articlePage, hostile } from './extension-pages.js';

const shots = process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/firefox';

let server: Server;
let app: KnipselServer;
let base = '';
let session: FirefoxSession;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  ({ server, base } = await serveSite((path, port) => ({
    '/artikel.html': () => articlePage('Een bankje als begin van buurtkracht', path, port),
    '/open.html': () => articlePage('Knippen terwijl de app open is', path, port),
    '/vijandig.html': () => hostile,
  })));
  app = await createKnipselServer({ dir: pwaDir, port: 0, host: '127.0.0.1' });
  session = await launchFirefoxWithExtension();
}, 60_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
  server?.close();
});

const request = extensionRequest;

const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '');

async function openPopup(path: string): Promise<Page> {
  const { tabId } = await session.openTab(`${base}${path}`);
  const popup = await session.openExtensionPage(`popup.html?tabId=${tabId}`);
  await popup.setViewport({ width: 380, height: 600 });
  await popup.waitForSelector('[data-testid="preview-title"]', { timeout: 20_000 });
  return popup;
}

describe('Firefox extension', () => {
  it('switches to Dutch in its settings', { timeout: 60_000 }, async () => {
    const options = await session.openExtensionPage('options.html');
    await options.waitForSelector('select');
    // Firefox ESR here speaks en-US, so the extension starts in English; the user picks Dutch.
    const before = await options.$eval('button[type="submit"]', (el) => el.textContent?.trim());
    expect(before).toBe('Save');
    await options.$$eval('label', (labels) => {
      const select = labels.find((l) => l.textContent?.includes('Language'))?.querySelector('select');
      if (!select) throw new Error('no language setting');
      select.value = 'nl';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await options.click('button[type="submit"]');
    // Said in the language the page was opened in; the next page opens in Dutch.
    await options.waitForFunction(() => document.querySelector('[role="status"]')?.textContent === 'Settings saved.', { timeout: 10_000 });
    await options.close();
    const again = await session.openExtensionPage('options.html');
    await again.waitForSelector('button[type="submit"]');
    expect(await again.$eval('button[type="submit"]', (el) => el.textContent?.trim())).toBe('Opslaan');
    await again.close();
  });

  it('clips an article from the popup into its IndexedDB', { timeout: 60_000 }, async () => {
    const popup = await openPopup('/artikel.html');
    expect(await text(popup, '[data-testid="preview-title"]')).toContain('Een bankje als begin van buurtkracht');
    expect(await text(popup, '[data-testid="preview-site"]')).toBe('Buurtplatform');
    await popup.screenshot({ path: `${shots}/popup-firefox.png` });
    await popup.type('textarea', 'Begin bij wat bewoners drijft.');
    await popup.locator('button ::-p-text(Bewaren in Knipsel)').click();
    await popup.waitForSelector('[data-testid="saved"]', { visible: true, timeout: 10_000 });
    await popup.screenshot({ path: `${shots}/popup-firefox-saved.png` });

    const { defaultId } = await request(popup, 'dossiers/list', {});
    const { rows } = await request(popup, 'clips/list', { dossierId: defaultId, limit: 50 });
    expect(rows.map((r: { title: string }) => r.title)).toEqual([expect.stringContaining('Een bankje als begin van buurtkracht')]);
    const { clip } = await request(popup, 'clip/get', { dossierId: defaultId, clipId: rows[0].id });
    expect(clip.capture.mode).toBe('article');
    expect(clip.capture.text).toContain('De opbouwwerker sloot aan bij die gesprekken');
    expect(clip.capture.text).not.toContain('© Buurtplatform');
    expect(clip.capture.byline).toBe('Fatima el Amrani');
    expect(clip.capture.published).toMatch(/^2024-03-12/);
    expect(clip.note).toBe('Begin bij wat bewoners drijft.');
    await popup.close();
  });

  it('never runs a hostile page’s script in its pages, and stores it inert', { timeout: 60_000 }, async () => {
    const popup = await openPopup('/vijandig.html');
    await popup.locator('button ::-p-text(Bewaren in Knipsel)').click();
    await popup.waitForSelector('[data-testid="saved"]', { visible: true, timeout: 10_000 });
    expect(await popup.evaluate(() => (window as any).__pwned ?? 0)).toBe(0);
    const { defaultId } = await request(popup, 'dossiers/list', {});
    const { rows } = await request(popup, 'clips/list', { dossierId: defaultId, limit: 50 });
    // The page's own script ran in the page (renaming it): its business, not ours.
    expect(rows).toHaveLength(2);
    const row = rows.find((r: { title: string }) => !r.title.includes('Een bankje'));
    const { clip } = await request(popup, 'clip/get', { dossierId: defaultId, clipId: row.id });
    expect(clip.capture.text).toContain('De opbouwwerker sloot aan');
    expect(clip.capture.html).not.toMatch(/onerror|onload|onmouseover|<script|<svg|<iframe|javascript:/i);
    await popup.close();
  });

  it('shows its clips in the web app through the bridge', { timeout: 90_000 }, async () => {
    // The app's address in the settings, as a user enters it.
    const options = await session.openExtensionPage('options.html');
    await options.waitForSelector('textarea');
    await options.$eval(
      'textarea',
      (el, url) => {
        (el as HTMLTextAreaElement).value = url;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      },
      `${app.url}/`,
    );
    await options.click('button[type="submit"]');
    await options.waitForFunction(() => document.querySelector('[role="status"]')?.textContent === 'Instellingen opgeslagen.', { timeout: 10_000 });
    await options.close();

    const appPage = await session.browser.newPage();
    await appPage.setViewport({ width: 1280, height: 800 });
    await appPage.goto(`${app.url}/`);
    // Not paired yet: the app offers it; the options page shows the same code and the user confirms there.
    expect(await pairFirefox(session, appPage)).toMatch(/^\d{3} \d{3}$/);
    // The clips made before the app was open arrive (the personal dossiers are linked).
    const titles = () => appPage.$$eval('.clips h2', (els) => els.map((el) => el.textContent?.trim() ?? ''));
    await appPage.waitForFunction(() => document.querySelectorAll('.clips h2').length >= 2, { timeout: 15_000 });
    expect(await titles()).toContain('Een bankje als begin van buurtkracht');

    // A clip saved while the app is open shows up there.
    const popup = await openPopup('/open.html');
    await popup.locator('button ::-p-text(Bewaren in Knipsel)').click();
    await popup.waitForSelector('[data-testid="saved"]', { visible: true, timeout: 10_000 });
    await popup.close();
    await appPage.waitForFunction(() => [...document.querySelectorAll('.clips h2')].some((el) => el.textContent?.includes('Knippen terwijl de app open is')), { timeout: 15_000 });
    expect(await appPage.$eval('[data-testid="extension-status"]', (el) => (el as HTMLElement).innerText)).toBe('Extensie verbonden');
    await appPage.screenshot({ path: `${shots}/app-connected-firefox.png` });
    await appPage.close();
  });

  it('keeps a highlight made with the in-page toolbar across a reload', { timeout: 60_000 }, async () => {
    // Switch highlights on (the permission prompt cannot be driven; loopback is granted).
    const ext = await session.openExtensionPage('options.html');
    await request(ext, 'highlights/enable', { enabled: true });
    const page = await session.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`${base}/artikel.html`);
    const marked = (value: string) => page.waitForFunction((v: string) => document.documentElement.dataset.knipselHighlights === v, { timeout: 10_000 }, value);
    await marked('0/0');

    // Select a sentence; the toolbar (closed shadow root) appears: click its second colour.
    await page.evaluate((wanted: string) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf(wanted);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
        return;
      }
      throw new Error(`text not found: ${wanted}`);
    }, 'Bewoners noemen vooral het gevoel dat de straat weer van hen is.');
    const host = await page.waitForSelector('knipsel-highlighter', { visible: true, timeout: 5_000 });
    expect(await host!.evaluate((el) => el.shadowRoot)).toBeNull(); // closed
    const box = (await host!.boundingBox())!;
    await page.screenshot({ path: `${shots}/highlighter-firefox.png` });
    await page.mouse.click(box.x + 6 + 48 + 96, box.y + box.height / 2); // second button: methode
    await marked('1/1');
    await page.reload();
    await marked('1/1');
    expect(await page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('knipsel-methode'))).toBe(true);

    // The extension holds it on the clip, with the sentence as its quote.
    const { defaultId } = await request(ext, 'dossiers/list', {});
    const { rows } = await request(ext, 'clips/list', { dossierId: defaultId, limit: 50 });
    const row = rows.find((r: { title: string }) => r.title === 'Een bankje als begin van buurtkracht');
    const { clip } = await request(ext, 'clip/get', { dossierId: defaultId, clipId: row.id });
    expect(clip.highlights.map((h: { colour: string; quote: { exact: string } }) => [h.colour, h.quote.exact])).toEqual([
      ['methode', 'Bewoners noemen vooral het gevoel dat de straat weer van hen is.'],
    ]);
    await Promise.all([page.close(), ext.close()]);
  });

  it('shows the clip with its highlight in the sidebar page, and saves a reflection there', { timeout: 60_000 }, async () => {
    const panel = await session.openExtensionPage('sidepanel.html');
    await panel.setViewport({ width: 400, height: 800 });
    await panel.waitForSelector('[data-testid="clip-row"]');
    await panel.locator('[data-testid="clip-row"] ::-p-text(Een bankje als begin van buurtkracht)').click();
    await panel.waitForSelector('[data-testid="clip-title"]');
    expect(await text(panel, '[data-testid="clip-title"]')).toBe('Een bankje als begin van buurtkracht');
    expect(await panel.$$eval('[data-testid="highlight"]', (els) => els.map((el) => el.textContent ?? ''))).toEqual([expect.stringContaining('Bewoners noemen vooral')]);
    await panel.focus('[data-testid="clip-note"]');
    await panel.keyboard.down('Control');
    await panel.keyboard.press('KeyA');
    await panel.keyboard.up('Control');
    await panel.type('[data-testid="clip-note"]', 'In ons team: eerst luisteren, dan pas een plan.');
    await panel.$eval('[data-testid="clip-note"]', (el) => (el as HTMLTextAreaElement).blur());
    await panel.screenshot({ path: `${shots}/sidebar-clip-firefox.png` });
    const { defaultId } = await request(panel, 'dossiers/list', {});
    const { rows } = await request(panel, 'clips/list', { dossierId: defaultId, limit: 50 });
    const row = rows.find((r: { title: string }) => r.title === 'Een bankje als begin van buurtkracht');
    await panel.waitForFunction(
      async (dossierId: string, clipId: string) => {
        const reply = await (globalThis as any).browser.runtime.sendMessage({ knipsel: 1, type: 'clip/get', input: { dossierId, clipId } });
        return reply?.ok && reply.value.clip.note === 'In ons team: eerst luisteren, dan pas een plan.';
      },
      { timeout: 10_000, polling: 200 },
      defaultId,
      row.id,
    );
    await panel.close();
  });
});
