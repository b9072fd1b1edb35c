// What the clipper extension's e2e files (extension-article.e2e.ts, extension-clipping.e2e.ts)
// share: the built Chrome extension in headless Chromium for a whole file, and the Dutch
// fixture pages served on 127.0.0.1. The popup is opened as a page with `?tabId=` (Playwright
// cannot click the toolbar icon); context-menu and shortcut handlers are called through the
// worker's `knipsel` test hooks. Run after `npm run build:extension`.
import type { Server } from 'node:http';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchWithExtension, loadedTabId, type ExtensionSession } from '../support/browser';
import { serveSite } from '../support/site.js';
import { articlePage, hostile, ownershipPage } from './extension-pages.js';

// Extension APIs inside page evaluate callbacks (run in the browser, not in Node).
declare const chrome: any;

export interface ExtensionSuite {
  readonly session: ExtensionSession;
  readonly worker: Worker;
  /** Where the pages are served, e.g. `http://127.0.0.1:41234`. */
  readonly base: string;
  /** From now on the articles' third paragraph is rewritten (`true`) or as it was. */
  setChanged(value: boolean): void;
  /** A tab showing the page at `path`, with its id once the browser marks it loaded. */
  openTab(path: string): Promise<{ page: Page; tabId: number }>;
  /** The popup for the tab `tabId`, at popup size. */
  openPopup(tabId: number): Promise<Page>;
  /** Send a protocol request from an extension page, as the popup does. */
  request<T = any>(page: Page, type: string, input: unknown): Promise<T>;
  /** Select the first occurrence of `text` in the page. */
  selectText(page: Page, text: string): Promise<void>;
  /** The default dossier's id and its clips, as the extension lists them. */
  clipsOf(page: Page): Promise<{ dossierId: string; rows: any[] }>;
}

/** Start the pages' server and the extension before the file's tests; close them after. */
export function extensionSuite(): ExtensionSuite {
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
    Object.assign(suite, { session, worker, base });
  });

  afterAll(async () => {
    await session?.close();
    server?.close();
  });

  // `session`, `worker` and `base` are added once the file's setup made them.
  const suite = {
    setChanged(value) {
      changed = value;
    },
    async openTab(path) {
      const page = await session.context.newPage();
      await page.goto(`${base}${path}`);
      const tabId = await loadedTabId(worker, `${base}${path}`);
      return { page, tabId };
    },
    async openPopup(tabId) {
      const popup = await session.openExtensionPage(`popup.html?tabId=${tabId}`);
      await popup.setViewportSize({ width: 380, height: 600 });
      return popup;
    },
    async request(page, type, input) {
      const reply = await page.evaluate(([t, i]) => chrome.runtime.sendMessage({ knipsel: 1, type: t, input: i }), [type, input] as const);
      if (!reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(reply)}`);
      return reply.value;
    },
    async selectText(page, text) {
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
    },
    async clipsOf(page) {
      const { defaultId } = await suite.request(page, 'dossiers/list', {});
      const { rows } = await suite.request(page, 'clips/list', { dossierId: defaultId, limit: 500 });
      return { dossierId: defaultId as string, rows: rows as any[] };
    },
  } as ExtensionSuite;
  return suite;
}
