// Launching Debian's Firefox ESR with the built Firefox extension (dist/extension/firefox-mv2),
// driven by puppeteer-core over WebDriver BiDi (playwright-core cannot drive a stock Firefox).
// The extension gets a fixed internal UUID, so its pages have known moz-extension:// URLs.
// `pairFirefox` pairs it with the web app as a user does (the code in the app, "Koppelen" in
// the extension's options).
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { distDir } from './browser.js';

export const firefoxPath = process.env.KNIPSEL_FIREFOX ?? '/usr/bin/firefox-esr';
export const firefoxExtensionDir = join(distDir, 'extension/firefox-mv2');
const extensionId = 'knipsel@knipsel.invalid';
const extensionUuid = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';

export interface FirefoxSession {
  browser: Browser;
  /** Open an extension page, e.g. `popup.html?tabId=3`. */
  openExtensionPage(path: string): Promise<Page>;
  /** Open a web page and return it with its tab id as the extension sees it. */
  openTab(url: string): Promise<{ page: Page; tabId: number }>;
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
    async openTab(url) {
      const page = await browser.newPage();
      await page.goto(url);
      const probe = await openExtensionPage('options.html');
      try {
        const tabId = await probe.evaluate(async (wanted: string) => {
          const api = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string; status?: string }>> } } }).browser;
          for (let i = 0; i < 200; i++) {
            const tab = (await api.tabs.query({})).find((t) => t.url === wanted);
            if (tab?.status === 'complete' && tab.id !== undefined) return tab.id;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          return -1;
        }, url);
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
  const reply = await page.evaluate(
    (t: string, i: unknown) => (globalThis as any).browser.runtime.sendMessage({ knipsel: 1, type: t, input: i }),
    type,
    input,
  );
  if (!reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(reply)}`);
  return reply.value as T;
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
