// Hostile pages: every vector of hostile/vectors.ts on a page of its own, with metadata
// vectors in title, OpenGraph, description, author, JSON-LD, canonical link and attributes.
// Each is clipped with the built extension in Chromium and opened in the side panel and the
// popup preview; clipped through core `extract` into the built app and opened in its reader,
// list, board and search; and exported as a portfolio (core renderPortfolioHtml) that is
// opened as a plain file without any CSP; and exported as Markdown (the clipped dossier, plus
// clips a hostile peer wrote: every body vector and every hostile Markdown vector as the
// capture's Markdown, note and highlight note, with a javascript: source address), each file
// rendered by the CommonMark reference reader with raw HTML and every URL kept, and opened
// without any CSP. Execution is seen through the canary, the console marker and the beacon:
// zero executions anywhere but in the hostile page itself.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HtmlRenderer, Parser } from 'commonmark';
import { strFromU8, unzipSync } from 'fflate';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { extract } from '@knipsel/core/capture';
import { createDossier, initDossierDoc } from '@knipsel/core';
import type { Clip } from '@knipsel/core';
import { buildPortfolio, clipMarkdown, exportMarkdownZip, renderPortfolioHtml } from '@knipsel/core/export';
import { hostileMarkdown, noEvidence } from '@knipsel/core/testing';
import type { KnipselServer } from '../../server/create-server.js';
import { launchBrowser, launchWithExtension, loadedTabId } from '../support/browser.js';
import { launchProfile, servePwa } from '../support/app.js';
import { bodyVectors, canaryMarker, hostilePage, payload, placesIn, textVector } from './hostile/vectors.js';
import { pick, report } from './support/mode.js';

declare const chrome: any;

// Quick runs take every vector through the app and the portfolio, and every other one through
// the extension (each costs a tab); full runs take every vector everywhere.
const vectors = bodyVectors;
const extensionVectors = pick(
  vectors.filter((_, i) => i % 2 === 0),
  vectors,
);

interface Beacon {
  v: string;
  where: string;
  origin: string;
}

let server: Server;
let origin = '';
const beacons: Beacon[] = [];
const consoleHits: string[] = [];
let portfolioHtml = '';
let markdownHtml = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/beacon') {
      beacons.push({ v: url.searchParams.get('v') ?? '', where: url.searchParams.get('where') ?? '', origin: url.searchParams.get('origin') ?? '' });
      res.writeHead(204).end();
      return;
    }
    const match = /^\/v\/([\w-]+)\.html$/.exec(url.pathname);
    const vector = match ? vectors.find((v) => v.id === match[1]) : undefined;
    if (vector) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostilePage(vector, origin));
      return;
    }
    if (url.pathname === '/portfolio.html' || url.pathname === '/markdown.html') {
      // Served as a downloaded file would open: no CSP at all.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(url.pathname === '/markdown.html' ? markdownHtml : portfolioHtml);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server?.close();
});

const pageUrl = (id: string) => `${origin}/v/${id}.html`;
function watchConsole(page: Page, label: string) {
  page.on('console', (message) => {
    if (message.text().includes(canaryMarker)) consoleHits.push(`${label}: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    consoleHits.push(`${label}: dialog ${dialog.message()}`);
    void dialog.dismiss();
  });
}
const canaryOf = (page: Page) => page.evaluate(() => (window as unknown as { __knipselCanary?: number }).__knipselCanary ?? 0);
/** Elements in rendered clip content that could run script if anything slipped through. */
const dangerous = 'script, iframe, object, embed, frame, base, form, [onerror], [onload], [onclick], [onmouseover], [onfocus], [ontoggle], [onbegin], [onstart], a[href^="javascript:" i], a[href^="data:" i], [src^="javascript:" i], [srcdoc]';

/** Clips, as core builds them from the hostile pages (as the app gets them). */
function buildHostileDossier() {
  const doc = new Y.Doc();
  const id = 'hostile-dossier';
  initDossierDoc(doc, { id, name: `Vijandig ${textVector('console.log("name")')}`.slice(0, 200) });
  const dossier = createDossier(doc);
  const theme = 'community-werker.leefwereld';
  const clipIds: string[] = [];
  for (const vector of vectors) {
    const url = pageUrl(vector.id);
    const dom = new JSDOM(hostilePage(vector, origin), { url, virtualConsole: new VirtualConsole() });
    const { capture } = extract(dom.window.document, url, 'article', { now: 1_700_000_000_000 });
    const clipId = dossier.clips.add({ capture, note: `Notitie ${textVector(`/*note*/console.log('${canaryMarker} note')`)}`, themes: [theme] });
    dossier.clips.addHighlight(clipId, { quote: { exact: 'bankje', prefix: '', suffix: '' }, note: textVector('console.log(1)') });
    clipIds.push(clipId);
    dom.window.close();
  }
  dossier.updateMeta({ course: `Leergang ${textVector('1')}`.slice(0, 200), assessedFrameworkId: 'community-werker' });
  return { id, doc, dossier, clipIds };
}

describe('hostile pages', () => {
  it(`clipped with the extension: ${extensionVectors.length} pages, zero executions in popup, side panel and worker`, { timeout: pick(300_000, 900_000) }, async () => {
    const session = await launchWithExtension();
    const worker = session.context.serviceWorkers()[0];
    worker.on('console', (message) => {
      if (message.text().includes(canaryMarker)) consoleHits.push(`worker: ${message.text()}`);
    });
    const hitsBefore = consoleHits.length;
    let opened = 0;
    let pageOwnExecutions = 0;
    try {
      const settings = await session.openExtensionPage('options.html');
      const { defaultId: dossierId } = await settings.evaluate(() => chrome.runtime.sendMessage({ knipsel: 1, type: 'dossiers/list', input: {} }).then((r: any) => r.value));
      for (const vector of extensionVectors) {
        const tab = await session.context.newPage();
        await tab.goto(pageUrl(vector.id));
        await tab.waitForTimeout(50);
        pageOwnExecutions += await canaryOf(tab);
        const tabId = await loadedTabId(worker, pageUrl(vector.id));
        const result = await worker.evaluate(([id]) => (globalThis as any).knipsel.onMenu({ menuItemId: 'knip-pagina' }, { id }), [tabId]);
        expect(['saved', 'duplicate']).toContain(result.status);
        if (vector === extensionVectors[0] || opened % 5 === 0) {
          // The popup's preview shows title, site and excerpt of the hostile page.
          const popup = await session.openExtensionPage(`popup.html?tabId=${tabId}`);
          watchConsole(popup, `popup ${vector.id}`);
          await popup.getByTestId('preview-title').waitFor({ timeout: 20_000 });
          await popup.waitForTimeout(100);
          expect(await canaryOf(popup), `popup ${vector.id}`).toBe(0);
          await popup.close();
        }
        await tab.close();
        await new Promise((r) => setTimeout(r, 50));
        const mark = beacons.length;
        const panel = await session.openExtensionPage(`sidepanel.html?dossier=${dossierId}&clip=${result.clipId}`);
        watchConsole(panel, `side panel ${vector.id}`);
        await panel.getByTestId('clip-title').waitFor();
        const details = panel.locator('details.content > summary');
        if (await details.count()) await details.click();
        await panel.waitForTimeout(100);
        expect(await canaryOf(panel), `side panel ${vector.id}`).toBe(0);
        expect(await panel.locator(`.html :is(${dangerous})`).count(), `side panel ${vector.id}`).toBe(0);
        // Every link left in the clip that is not a web address is clicked: none may run script.
        for (const link of await panel.locator('.html a[href]:not([href^="http"])').all()) await link.click({ modifiers: ['Control'] }).catch(() => undefined);
        expect(await canaryOf(panel), `side panel ${vector.id} after clicks`).toBe(0);
        await panel.close();
        expect(beacons.slice(mark), `beacons while our pages showed ${vector.id}`).toEqual([]);
        opened++;
      }
      // The side panel's clip list, with every hostile title at once.
      const listMark = beacons.length;
      const list = await session.openExtensionPage('sidepanel.html');
      watchConsole(list, 'side panel list');
      await list.waitForTimeout(500);
      expect(await canaryOf(list)).toBe(0);
      expect(await canaryOf(settings)).toBe(0);
      await new Promise((r) => setTimeout(r, 300));
      expect(beacons.slice(listMark), 'beacons from extension pages').toEqual([]);
      expect(consoleHits.slice(hitsBefore)).toEqual([]);
    } finally {
      await session.close();
    }
    report('hostile/extension', { pages: extensionVectors.length, placesPerPage: placesIn(hostilePage(extensionVectors[0], origin)), sidePanelsOpened: opened, pageOwnExecutions, executions: 0 });
    // The vectors are live: many did run in the hostile page itself.
    expect(pageOwnExecutions).toBeGreaterThan(0);
  });

  it(`clipped through core into the app: ${vectors.length} clips in reader, list, board and search, zero executions`, { timeout: pick(300_000, 900_000) }, async () => {
    const pwa: KnipselServer = await servePwa();
    const profile = await launchProfile();
    const context: BrowserContext = profile.context;
    const { id, doc, clipIds } = buildHostileDossier();
    const mark = beacons.length;
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      watchConsole(page, 'app');
      await page.goto(pwa.url);
      await page.getByRole('heading', { level: 1, name: 'Knipsels' }).waitFor({ timeout: 20_000 });
      // Put the dossier where the app keeps dossiers (as a restore or a peer would).
      const update = Array.from(Y.encodeStateAsUpdate(doc));
      await page.evaluate(
        async ({ id, update, clipCount }) => {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const open = indexedDB.open('knipsel');
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          await new Promise<void>((resolve, reject) => {
            const tx = db.transaction(['dossiers', 'updates'], 'readwrite');
            tx.objectStore('dossiers').put({ id, name: 'Vijandig "><img src=x onerror=alert(1)>', kind: 'shared', createdAt: 1, updatedAt: 1, clipCount });
            tx.objectStore('updates').add({ docId: id, update: new Uint8Array(update) });
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          });
          db.close();
        },
        { id, update, clipCount: clipIds.length },
      );
      await page.goto(`${pwa.url}/#/`);
      await page.reload();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      let screens = 0;
      for (const view of ['list', 'board', 'portfolio', 'trash']) {
        await page.goto(`${pwa.url}/#/d/${id}/${view}`);
        await page.waitForTimeout(400);
        screens++;
      }
      await page.goto(`${pwa.url}/#/d/${id}/search?q=Buurtkracht`);
      await page.waitForTimeout(400);
      screens++;
      let readers = 0;
      for (const clipId of clipIds) {
        await page.goto(`${pwa.url}/#/d/${id}/clip/${clipId}`);
        await page.locator('.content').waitFor();
        expect(await page.locator(`.content :is(${dangerous})`).count(), `reader ${clipId}`).toBe(0);
        readers++;
      }
      expect(await canaryOf(page)).toBe(0);
      await page.waitForTimeout(300);
      expect(beacons.slice(mark), 'beacons from the app').toEqual([]);
      expect(consoleHits.filter((h) => h.startsWith('app'))).toEqual([]);
      report('hostile/app', { clips: clipIds.length, readersOpened: readers, otherScreens: screens, executions: 0 });
    } finally {
      await profile.close();
      await pwa.close();
    }
  });

  it(`exported as a portfolio and opened without any CSP: ${vectors.length} clips, zero executions`, async () => {
    const { dossier } = buildHostileDossier();
    const model = buildPortfolio(dossier, {
      frameworkId: 'community-werker',
      locale: 'nl',
      author: `Sanne ${textVector('1')}`.slice(0, 200),
      period: `najaar ${textVector('2')}`.slice(0, 200),
      now: 1_700_000_000_000,
    });
    portfolioHtml = renderPortfolioHtml(model);
    const browser = await launchBrowser();
    const mark = beacons.length;
    try {
      const page = await browser.newPage();
      watchConsole(page, 'portfolio');
      await page.goto(`${origin}/portfolio.html`);
      await page.waitForTimeout(500);
      expect(await canaryOf(page)).toBe(0);
      expect(await page.locator(dangerous).count()).toBe(0);
      // (Web links lead to the hostile pages themselves, whose own scripts run there.)
      for (const link of await page.locator('a[href]:not([href^="http"])').all()) await link.click({ modifiers: ['Control'] }).catch(() => undefined);
      expect(await canaryOf(page)).toBe(0);
      expect(beacons.slice(mark)).toEqual([]);
      expect(consoleHits.filter((h) => h.startsWith('portfolio'))).toEqual([]);
      report('hostile/portfolio', { clips: model.themes.reduce((n, t) => n + t.entries.length, 0), executions: 0 });
    } finally {
      await browser.close();
    }
  });

  it(`exported as Markdown and read by a CommonMark reader without any CSP: zero executions`, async () => {
    const { dossier } = buildHostileDossier();
    const files = Object.values(unzipSync(exportMarkdownZip(dossier, { layout: 'flat', now: 1_700_000_000_000 }))).map((bytes) => strFromU8(bytes));
    // What a hostile peer can write into a clip directly (no extraction, no sanitising).
    const peerVectors = [
      ...vectors.map((v) => ({ id: v.id, markdown: (js: string) => v.html(js) })),
      ...hostileMarkdown('x').map((v) => ({ id: `md-${v.id}`, markdown: (js: string) => hostileMarkdown(js).find((w) => w.id === v.id)!.markdown })),
    ];
    for (const { id, markdown } of peerVectors) {
      const js = (where: string) => payload(origin, `${id}.${where}`);
      const clip: Clip = {
        id: `peer-${id}`,
        ...noEvidence(),
        capture: { ...dossier.clips.all()[0].capture, url: `javascript:${js('source')}`, markdown: markdown(js('markdown')) },
        title: `Van een peer ${textVector(js('title'))}`,
        note: markdown(js('note')),
        themes: [],
        highlights: [{ id: 'h', quote: { exact: 'bankje', prefix: '', suffix: '' }, position: null, note: markdown(js('highlight')), colour: 'vraag', createdAt: 1 }],
        trashed: false,
        trashedAt: null,
        createdAt: 1,
        updatedAt: 1,
      };
      files.push(clipMarkdown(clip, () => []));
    }
    const reader = new HtmlRenderer({ safe: false });
    markdownHtml = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Markdown</title></head><body>${files.map((file) => `<article>${reader.render(new Parser().parse(file))}</article>`).join('\n')}</body></html>`;
    const browser = await launchBrowser();
    const mark = beacons.length;
    try {
      const page = await browser.newPage();
      watchConsole(page, 'markdown');
      await page.goto(`${origin}/markdown.html`);
      await page.waitForTimeout(500);
      expect(await page.locator('article').count()).toBe(files.length);
      expect(await canaryOf(page)).toBe(0);
      expect(await page.locator(dangerous).count()).toBe(0);
      expect(await page.locator('article *:not(p, a, img, em, strong, code, pre, h1, h2, h3, h4, h5, h6, ul, ol, li, blockquote, hr, br)').count()).toBe(0);
      let clicked = 0;
      for (const link of await page.locator('a[href]:not([href^="http"])').all()) {
        await link.click({ modifiers: ['Control'] }).catch(() => undefined);
        clicked++;
      }
      expect(await canaryOf(page)).toBe(0);
      await page.waitForTimeout(300);
      expect(beacons.slice(mark)).toEqual([]);
      expect(consoleHits.filter((h) => h.startsWith('markdown'))).toEqual([]);
      report('hostile/markdown', { files: files.length, peerVectors: peerVectors.length, placesPerPeerClip: 5, otherLinksClicked: clicked, executions: 0 });
    } finally {
      await browser.close();
    }
  });
});
