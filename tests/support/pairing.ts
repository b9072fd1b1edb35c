// Pairing the built extension with the web app as a user does it (Chromium, playwright-core):
// in the app "Koppel de extensie aan de app", read the code, open the extension's popup (or
// options), check that the request there shows the same code, click "Koppelen", and wait
// until the app says "Extensie verbonden". Used by the bridge e2e tests, the reliability
// suite and the bridge bench.
import type { Page, Worker } from 'playwright-core';
import type { ExtensionSession } from './browser.js';

// Extension APIs inside worker evaluate callbacks (run in the browser, not in Node).
declare const chrome: any;

export interface Paired {
  code: string;
  /** The extension page the user confirmed in (still open). */
  confirmedIn: Page;
}

/** The id of the tab showing `url` (as the extension sees it). */
async function tabIdOf(worker: Worker, url: string): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const id = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t: { url?: string }) => t.url === u)?.id as number | undefined, url);
    if (id !== undefined) return id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no tab for ${url}`);
}

/**
 * Set the app addresses the extension bridges to, as its options page does, and wait until
 * the bridge's content script is registered for each of `registered` (by default the
 * addresses' origins).
 */
export async function configureAppUrls(worker: Worker, urls: string[], registered = urls.map((u) => `${new URL(u).origin}/*`), tries = 200): Promise<void> {
  await worker.evaluate(async (appUrls) => {
    await chrome.storage.local.set({ settings: { appUrls, language: 'nl', defaultDossierId: null, defaultThemes: [], highlights: false } });
  }, urls);
  for (let i = 0; ; i++) {
    const matches: string[] = await worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((s: { matches?: string[] }) => s.matches ?? []));
    if (registered.every((m) => matches.includes(m))) return;
    if (i > tries) throw new Error(`the bridge content script was not registered for ${registered.join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Wait for the app to offer pairing (Dutch UI), ask for it and return the code it shows. */
export async function askToPair(appPage: Page, timeout = 20_000): Promise<string> {
  const status = appPage.getByTestId('extension-status');
  await status.and(appPage.locator('[data-state="unpaired"]')).waitFor({ timeout });
  await status.getByRole('button', { name: 'Koppel de extensie aan de app' }).click();
  const code = appPage.getByTestId('pair-code');
  await code.waitFor({ timeout });
  return (await code.innerText()).trim();
}

/** Confirm the request with `code` in the extension's popup or options; returns that page. */
export async function confirmInExtension(session: ExtensionSession, code: string, via: 'popup' | 'options', appPage: Page): Promise<Page> {
  const worker = session.context.serviceWorkers()[0];
  const path = via === 'popup' ? `popup.html?tabId=${await tabIdOf(worker, appPage.url())}` : 'options.html';
  const page = await session.openExtensionPage(path);
  if (via === 'popup') await page.setViewportSize({ width: 380, height: 600 });
  const request = page.getByTestId('pair-request').filter({ has: page.getByTestId('pair-code').getByText(code, { exact: true }) });
  await request.waitFor({ timeout: 15_000 });
  await request.getByRole('button', { name: 'Koppelen', exact: true }).click();
  await page.getByTestId('pair-done').waitFor({ timeout: 15_000 });
  return page;
}

/** The whole pairing, as a user does it; resolves once the app says it is connected. */
export async function pairExtension(session: ExtensionSession, appPage: Page, via: 'popup' | 'options' = 'popup'): Promise<Paired> {
  const code = await askToPair(appPage);
  const confirmedIn = await confirmInExtension(session, code, via, appPage);
  await appPage.getByTestId('extension-status').and(appPage.locator('[data-state="connected"]')).waitFor({ timeout: 20_000 });
  return { code, confirmedIn };
}
