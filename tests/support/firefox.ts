// Launching Debian's Firefox ESR with the built Firefox extension (dist/extension/firefox-mv2),
// driven by puppeteer-core over WebDriver BiDi (playwright-core cannot drive a stock Firefox).
// The extension gets a fixed internal UUID, so its pages have known moz-extension:// URLs.
// `pairFirefox` pairs it with the web app as a user does (the code in the app, "Koppelen" in
// the extension's options).
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { createKnipselServer, type KnipselServer } from '../../server/create-server.js';
import { distDir, pwaDir } from './browser.js';

export const firefoxPath = process.env.KNIPSEL_FIREFOX ?? '/usr/bin/firefox-esr';
export const firefoxExtensionDir = join(distDir, 'extension/firefox-mv2');
const extensionId = 'knipsel@knipsel.invalid';
const extensionUuid = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';

export interface FirefoxSession {
  browser: Browser;
  /** Open an extension page, e.g. `popup.html?tabId=3`. */
  openExtensionPage(path: string): Promise<Page>;
  /**
   * Open a web page and return it with its tab id as the extension sees it, once loaded; with
   * `stillLoading`, once its document is parsed while the browser still calls it loading (a
   * request that never ends).
   */
  openTab(url: string, options?: { stillLoading?: boolean }): Promise<{ page: Page; tabId: number }>;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(): Promise<FirefoxSession> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    // Firefox 153+ refuses WebDriver navigation to moz-extension:// pages without it.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [extensionId]: extensionUuid }) },
  });
  await browser.installExtension(firefoxExtensionDir);
  const openExtensionPage = async (path: string): Promise<Page> => {
    const page = await browser.newPage();
    const url = `moz-extension://${extensionUuid}/${path}`;
    // The page loads, but BiDi never reports the navigation of a moz-extension:// page as
    // done: start it, then wait for the page itself.
    page.goto(url, { timeout: 60_000 }).catch(() => undefined);
    // Polled by hand: an evaluation that meets the navigation half-way fails inside Firefox
    // ("right-hand side of 'in' should be an object") instead of waiting for the new page.
    for (const started = Date.now(); Date.now() - started < 20_000; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const ready = await page.evaluate((wanted: string) => location.href === wanted && document.readyState !== 'loading', url).catch(() => false);
      if (ready) return page;
    }
    throw new Error(`${url} did not open`);
  };
  return {
    browser,
    openExtensionPage,
    async openTab(url, { stillLoading = false } = {}) {
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: stillLoading ? 'domcontentloaded' : 'load' });
      const probe = await openExtensionPage('options.html');
      try {
        const tabId = await probe.evaluate(
          async (wanted: string, status: string) => {
            const api = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string; status?: string }>> } } }).browser;
            for (let i = 0; i < 200; i++) {
              const tab = (await api.tabs.query({})).find((t) => t.url === wanted);
              if (tab?.status === status && tab.id !== undefined) return tab.id;
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
            return -1;
          },
          url,
          stillLoading ? 'loading' : 'complete',
        );
        if (tabId < 0) throw new Error(`no loaded tab for ${url}`);
        return { page, tabId };
      } finally {
        await probe.close();
      }
    },
    close: () => browser.close(),
  };
}

/** A protocol request from an extension page, as the popup sends it. */
export async function extensionRequest<T = any>(page: Page, type: string, input: unknown): Promise<T> {
  const reply = await page.evaluate((t: string, i: unknown) => (globalThis as any).browser.runtime.sendMessage({ knipsel: 1, type: t, input: i }), type, input);
  if (!reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(reply)}`);
  return reply.value as T;
}

/**
 * A click on one of the extension's context-menu items (`knip-link`, `knip-pdf`…) on `linkUrl` in
 * tab `tabId`: the menu's handler on Firefox's background page (an MV2 page, reachable from the
 * extension's own pages through `runtime.getBackgroundPage()`). Returns what the handler did.
 */
export async function menuClick<T = any>(extensionPage: Page, menuItemId: string, linkUrl: string, tabId: number): Promise<T> {
  return extensionPage.evaluate(
    async (item: string, url: string, id: number) => {
      const background = await (globalThis as any).browser.runtime.getBackgroundPage();
      return JSON.parse(JSON.stringify(await background.knipsel.onMenu({ menuItemId: item, linkUrl: url }, { id })));
    },
    menuItemId,
    linkUrl,
    tabId,
  );
}

/**
 * Pair the extension with the app open in `appPage` (its address already in the extension's
 * settings): "Koppel de extensie aan de app" there, the same code confirmed with "Koppelen" in
 * the options page, until the app says it is connected. Returns the code.
 */
export async function pairFirefox(session: FirefoxSession, appPage: Page): Promise<string> {
  await appPage.waitForSelector('[data-testid="extension-status"][data-state="unpaired"]', { timeout: 20_000 });
  await appPage.locator('[data-testid="extension-status"] button').click();
  const code = await (await appPage.waitForSelector('[data-testid="pair-code"]', { timeout: 20_000 }))!.evaluate((el) => el.textContent?.trim() ?? '');
  const confirm = await session.openExtensionPage('options.html');
  try {
    await confirm.waitForSelector('[data-testid="pair-request"] [data-testid="pair-code"]', { timeout: 20_000 });
    const shown = await confirm.$eval('[data-testid="pair-request"] [data-testid="pair-code"]', (el) => el.textContent ?? '');
    if (shown !== code) throw new Error(`the options page shows ${shown}, the app ${code}`);
    await confirm.locator('[data-testid="pair-request"] button ::-p-text(Koppelen)').click();
    await confirm.waitForSelector('[data-testid="pair-done"]', { timeout: 20_000 });
  } finally {
    await confirm.close();
  }
  await appPage.waitForSelector('[data-testid="extension-status"][data-state="connected"]', { timeout: 20_000 });
  return code;
}

/**
 * An extension page (kept open to ask the extension things) with the web app at `appUrl` in
 * the extension's settings, as its options page saves them; and its default dossier.
 */
export async function extensionForApp(session: FirefoxSession, appUrl: string): Promise<{ ext: Page; dossierId: string }> {
  const ext = await session.openExtensionPage('options.html');
  await ext.evaluate(async (url: string) => {
    await (globalThis as any).browser.storage.local.set({ settings: { appUrls: [url], language: 'nl', defaultDossierId: null, defaultThemes: [], highlights: false } });
  }, appUrl);
  return { ext, dossierId: (await extensionRequest<{ defaultId: string }>(ext, 'dossiers/list', {})).defaultId };
}

export interface ClipRow {
  id: string;
  title: string;
  mode: string;
}

/** The extension's clip in `dossierId` whose title starts with `wanted`. */
export async function clipTitled(ext: Page, dossierId: string, wanted: string): Promise<ClipRow> {
  const { rows } = await extensionRequest<{ rows: ClipRow[] }>(ext, 'clips/list', { dossierId, limit: 50 });
  const row = rows.find((r) => r.title.startsWith(wanted));
  if (!row) throw new Error(`no clip ${wanted} among ${rows.map((r) => r.title).join(', ')}`);
  return row;
}

/**
 * `pairFirefox`, then wait until the extension has adopted the app's dossier in place of its
 * first personal one (`before`) and moved its clip titled `moved` there, under the same id.
 * Returns the adopted dossier's id and that clip.
 */
export async function pairAndAdopt(session: FirefoxSession, appPage: Page, ext: Page, before: string, moved: string): Promise<{ dossierId: string; clip: ClipRow }> {
  await pairFirefox(session, appPage);
  for (const started = Date.now(); Date.now() - started < 20_000; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const { defaultId } = await extensionRequest<{ defaultId: string }>(ext, 'dossiers/list', {});
    if (defaultId === before) continue;
    const clip = await clipTitled(ext, defaultId, moved).catch(() => null);
    if (clip) return { dossierId: defaultId, clip };
  }
  throw new Error(`the extension did not adopt the app's dossier with “${moved}”`);
}

export interface FirefoxWithApp {
  app: KnipselServer;
  session: FirefoxSession;
  /** An extension page kept open to ask the extension things. */
  ext: Page;
  /** The extension's default dossier when the file starts. */
  dossierId: string;
}

/**
 * For a test file: the built app served by the real server and Firefox with the extension set
 * to it (`extensionForApp`), opened before the file's tests and closed after them; the fields
 * are there from the first `beforeAll` after this call on.
 */
export function firefoxWithAppForFile(): FirefoxWithApp {
  const it = {} as FirefoxWithApp;
  beforeAll(async () => {
    it.app = await createKnipselServer({ dir: pwaDir, port: 0, host: '127.0.0.1' });
    it.session = await launchFirefoxWithExtension();
    Object.assign(it, await extensionForApp(it.session, `${it.app.url}/`));
  }, 90_000);
  afterAll(async () => {
    await it.session?.close();
    await it.app?.close();
  });
  return it;
}
