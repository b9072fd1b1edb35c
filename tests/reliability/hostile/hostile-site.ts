// What the hostile-page campaigns (hostile-*.rel.ts) share: every vector of vectors.ts on a page
// of its own, served on 127.0.0.1 with a beacon that anything a vector made run calls home to;
// the console and dialogs of the pages watched; a dossier of clips core made from the hostile
// pages; and exports opened as a plain file, without any CSP.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import * as Y from 'yjs';
import { extract } from '@knipsel/core/capture';
import { createDossier, initDossierDoc } from '@knipsel/core';
import { launchBrowser } from '../../support/browser.js';
import { pick } from '../support/mode.js';
import { bodyVectors, canaryMarker, hostilePage, textVector } from './vectors.js';

// Quick runs take every vector through the app and the portfolio, and every other one through
// the extension (each costs a tab); full runs take every vector everywhere.
export const vectors = bodyVectors;
export const extensionVectors = pick(
  vectors.filter((_, i) => i % 2 === 0),
  vectors,
);

interface Beacon {
  v: string;
  where: string;
  origin: string;
}

let server: Server;
/** Where the hostile pages are served, e.g. `http://127.0.0.1:41234`. */
export let origin = '';
/** Calls home from anything a vector made run (the beacon). */
export const beacons: Beacon[] = [];
/** Console markers and dialogs seen in the pages watched. */
export const consoleHits: string[] = [];
/** The exports a test made, served as a downloaded file would open: no CSP at all. */
export const exported = { portfolio: '', markdown: '' };

/** Serve the hostile pages (and the exports) on 127.0.0.1 for a whole test file. */
export function serveHostilePages(): void {
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
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(url.pathname === '/markdown.html' ? exported.markdown : exported.portfolio);
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
}

export const pageUrl = (id: string) => `${origin}/v/${id}.html`;
export function watchConsole(page: Page, label: string) {
  page.on('console', (message) => {
    if (message.text().includes(canaryMarker)) consoleHits.push(`${label}: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    consoleHits.push(`${label}: dialog ${dialog.message()}`);
    void dialog.dismiss();
  });
}
export const canaryOf = (page: Page) => page.evaluate(() => (window as unknown as { __knipselCanary?: number }).__knipselCanary ?? 0);
/** Elements in rendered clip content that could run script if anything slipped through. */
export const dangerous =
  'script, iframe, object, embed, frame, base, form, [onerror], [onload], [onclick], [onmouseover], [onfocus], [ontoggle], [onbegin], [onstart], a[href^="javascript:" i], a[href^="data:" i], [src^="javascript:" i], [srcdoc]';

/**
 * Open an export (`/<name>.html`, served from the variable the test set) in a fresh browser
 * without any CSP, run `check` on it, then require that nothing called home and nothing
 * reached the console or a dialog.
 */
export async function openExported(name: string, check: (page: Page) => Promise<void>): Promise<void> {
  const browser = await launchBrowser();
  const mark = beacons.length;
  try {
    const page = await browser.newPage();
    watchConsole(page, name);
    await page.goto(`${origin}/${name}.html`);
    await page.waitForTimeout(500);
    await check(page);
    expect(beacons.slice(mark)).toEqual([]);
    expect(consoleHits.filter((h) => h.startsWith(name))).toEqual([]);
  } finally {
    await browser.close();
  }
}

/** Clips, as core builds them from the hostile pages (as the app gets them). */
export function buildHostileDossier() {
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
