// Launching Debian's Chromium for end-to-end tests: a plain page context, or a persistent
// profile with the built extension loaded. Flags keep it off the (closed) network.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const chromiumPath = process.env.KNIPSEL_CHROMIUM ?? '/usr/bin/chromium';
export const repoRoot = resolve(import.meta.dirname, '../..');
/** Where the builds are: `dist/`, or `KNIPSEL_DIST` (lets parallel work build side by side). */
export const distDir = resolve(repoRoot, process.env.KNIPSEL_DIST ?? 'dist');
export const extensionDir = join(distDir, 'extension/chrome-mv3');
export const pwaDir = join(distDir, 'pwa');

/** Chromium flags that keep it off the (closed) network and quiet; the benches add their own. */
export const quietFlags = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-gpu',
  '--no-default-browser-check',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: [...quietFlags, '--no-sandbox'] });
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  /** Open an extension page, e.g. `popup.html`. */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** A fresh profile with the built Chrome extension loaded. */
export async function launchWithExtension(options: { locale?: string } = {}): Promise<ExtensionSession> {
  const profile = mkdtempSync(join(tmpdir(), 'knipsel-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    locale: options.locale ?? 'nl-NL',
    args: [...quietFlags, '--no-sandbox', `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  let worker = context.serviceWorkers()[0];
  worker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Evaluated inside the extension's service worker, where `chrome` exists.
declare const chrome: any;

/**
 * The id of the extension-visible tab showing `url`, once the browser marks it complete. A
 * page's load event can reach the test before the tab's status changes, and the extension
 * rightly refuses to clip a tab that is still loading.
 */
export async function loadedTabId(worker: Worker, url: string): Promise<number> {
  const tabId = await worker.evaluate(async (wanted: string) => {
    for (let i = 0; i < 200; i++) {
      const tab = (await chrome.tabs.query({})).find((t: { url?: string; status?: string }) => t.url === wanted);
      if (tab?.status === 'complete') return tab.id as number;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return undefined;
  }, url);
  if (tabId === undefined) throw new Error(`no loaded tab for ${url}`);
  return tabId;
}

/**
 * Close what a test file opened, in order, at the end (each may be undefined when a setup
 * step failed before it).
 */
export async function closeAll(...things: ({ close(): unknown } | undefined)[]): Promise<void> {
  for (const thing of things) await thing?.close();
}
