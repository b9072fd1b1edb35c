// One Chromium profile with the built extension and the built web app served by the real
// server on 127.0.0.1, for a whole test file (bridge-*.e2e.ts, learning-*.e2e.ts, reader-*.e2e.ts, first-hour-clips.e2e.ts). The extension is configured with
// the app's address (port 0 picks a free one) through its storage, as the options page would;
// the pages it clips come from a second server on ANOTHER port of 127.0.0.1 (another origin).
// Clips are made with the popup (opened as a page with ?tabId=, Playwright cannot click the
// toolbar icon). Run after `npm run build` (or with KNIPSEL_DIST).
import { mkdirSync } from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createKnipselServer, type KnipselServer } from '../../server/create-server.js';
import { closeAll, launchWithExtension, loadedTabId, pwaDir, type ExtensionSession } from './browser.js';
import { configureAppUrls, pairExtension } from './pairing.js';
import { serveSite } from './site.js';

// Extension APIs inside worker/page evaluate callbacks (run in the browser, not in Node).
declare const chrome: any;

export interface ExtensionAppSuite {
  readonly app: KnipselServer;
  readonly session: ExtensionSession;
  readonly worker: Worker;
  /** Where the clipped pages are served, e.g. `http://127.0.0.1:41234`. */
  readonly fixtureBase: string;
  /** A message to the extension's background, as its pages send it; its value or an error. */
  request<T = any>(type: string, input: unknown): Promise<T>;
  /** The app at `hash` (desktop width), once it says the extension is connected. */
  openApp(hash?: string): Promise<Page>;
  /** The id of the tab showing `url`, as the extension sees it, once it has loaded. */
  tabIdOf(url: string): Promise<number>;
  /** The popup for the tab showing `url`, at popup size. */
  popupFor(url: string): Promise<Page>;
  /** Clip a page of the site through the popup; returns when the popup says it is saved. */
  clipWithPopup(path: string, note?: string): Promise<{ popup: Page; savedAt: number }>;
  /** Open the app and pair the extension with it in the popup; the dossier the app shows. */
  pairWithApp(): Promise<{ page: Page; dossierId: string }>;
}

type Pages = Record<string, () => string>;

/**
 * Start the app, the site with `pages` and the extension for a whole file; screenshots go to
 * `shots`. `pages` and `take` are as `serveSite` takes them (a fixed set of pages will do).
 */
export function extensionAppSuite(shots: string, pages: Pages | ((path: string, port: number) => Pages), take?: (path: string, res: ServerResponse) => boolean): ExtensionAppSuite {
  let app: KnipselServer;
  let fixtures: Server;
  let fixtureBase = '';
  let session: ExtensionSession;
  let worker: Worker;
  let extPage: Page;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    app = await createKnipselServer({ dir: pwaDir, port: 0, host: '127.0.0.1' });
    ({ server: fixtures, base: fixtureBase } = await serveSite(typeof pages === 'function' ? pages : () => pages, take));
    session = await launchWithExtension();
    worker = session.context.serviceWorkers()[0];
    // Configure the app's address, as the options page does, and wait until the bridge is registered for it.
    await configureAppUrls(worker, [`${app.url}/`]);
    extPage = await session.openExtensionPage('options.html');
  });

  afterAll(() => closeAll(session, app, fixtures));

  const suite: ExtensionAppSuite = {
    get app() {
      return app;
    },
    get session() {
      return session;
    },
    get worker() {
      return worker;
    },
    get fixtureBase() {
      return fixtureBase;
    },
    async request(type, input) {
      const reply = await extPage.evaluate(([t, i]) => chrome.runtime.sendMessage({ knipsel: 1, type: t, input: i }), [type, input] as const);
      if (!reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(reply)}`);
      return reply.value;
    },
    async openApp(hash = '') {
      const page = await session.context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${app.url}/${hash}`);
      await page.getByTestId('extension-status').and(page.locator('[data-state="connected"]')).waitFor({ timeout: 15_000 });
      return page;
    },
    tabIdOf: (url) => loadedTabId(worker, url),
    async popupFor(url) {
      const popup = await session.openExtensionPage(`popup.html?tabId=${await suite.tabIdOf(url)}`);
      await popup.setViewportSize({ width: 380, height: 600 });
      return popup;
    },
    async clipWithPopup(path, note = '') {
      const tab = await session.context.newPage();
      await tab.goto(`${fixtureBase}${path}`);
      const popup = await suite.popupFor(`${fixtureBase}${path}`);
      await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).waitFor();
      if (note) await popup.getByLabel('Wat neem ik hieruit mee?').fill(note);
      await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).click();
      await popup.getByTestId('saved').waitFor();
      const savedAt = Date.now();
      await tab.close();
      return { popup, savedAt };
    },
    async pairWithApp() {
      const page = await session.context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${app.url}/`);
      await pairExtension(session, page, 'popup').then(({ confirmedIn }) => confirmedIn.close());
      await page.waitForURL(/#\/d\/[^/]+\/list/);
      const dossierId = decodeURIComponent(/#\/d\/([^/]+)\//.exec(page.url())![1]);
      // Paired: the extension clips into the app's personal dossier from now on.
      for (let i = 0; (await suite.request<{ defaultId: string }>('dossiers/list', {})).defaultId !== dossierId; i++) {
        if (i > 200) throw new Error('the extension did not take the app’s personal dossier as its default');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return { page, dossierId };
    },
  };
  return suite;
}
