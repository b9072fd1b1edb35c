// What the reader e2e files (reader-images.e2e.ts, reader-editing.e2e.ts) share: a page whose
// images live on another origin (localhost, not 127.0.0.1: a CDN) — one within the budget, one
// too large — and a noise paragraph; the clip of it made with the popup and opened in the
// app's reader, every request of that page recorded.
import { mkdirSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { extensionAppSuite, type ExtensionAppSuite } from '../support/extension-app-suite.js';
import { png } from '../support/png.js';
import { paragraphs } from './extension-pages.js';

export const shots = process.env.KNIPSEL_SHOTS ? join(process.env.KNIPSEL_SHOTS, 'reader') : '/tmp/knipsel-shots/reader';
export const title = 'Een bankje voor de deur';
export const advert = 'Advertentie: bestel nu de nieuwe bakfiets van Fietsland met twintig procent korting!';

/** Requests for images that reached the site. */
export const imageHits: string[] = [];
const photo = png();

export const bankjePage = (path: string, port: number) => ({
  '/bankje.html': () => `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${title} | Buurtplatform</title>
<meta property="og:site_name" content="Buurtplatform"><meta name="author" content="Fatima el Amrani">
<meta property="article:published_time" content="2024-03-12T09:00:00+01:00"></head>
<body><main><article><h1>${title}</h1>
<p>${paragraphs[0]}</p>
<figure><img src="http://localhost:${port}/beeld/bankje.png" alt="Buren op het bankje voor de deur" width="48" height="32"><figcaption>Het bankje in Overvecht.</figcaption></figure>
<p>${paragraphs[1]}</p>
<p>${advert}</p>
<p>${paragraphs[2]}</p>
<p><img src="http://localhost:${port}/beeld/kaart.jpg" alt="Kaart van de wijk Overvecht"></p>
<p>${paragraphs[3]}</p>
<p>${paragraphs[4]}</p>
</article></main></body></html>`,
});

/** The page's images: the photo, and one larger than one image may be (1.5 MB), which stays a placeholder. */
export function serveImages(path: string, res: ServerResponse): boolean {
  if (!path.startsWith('/beeld/')) return false;
  imageHits.push(path);
  if (path === '/beeld/bankje.png') res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' }).end(photo);
  else {
    const big = Buffer.alloc(2 * 1024 * 1024, 7);
    big.set([0xff, 0xd8, 0xff, 0xe0], 0);
    res.writeHead(200, { 'content-type': 'image/jpeg', 'cache-control': 'no-store' }).end(big);
  }
  return true;
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Clip the page with the popup (the extension paired with the app first); its dossier and clip. */
export async function clipBankje(s: ExtensionAppSuite): Promise<{ dossierId: string; clipId: string }> {
  s.session.context.setDefaultTimeout(15_000);
  await s.pairWithApp().then(({ page }) => page.close());
  await s.clipWithPopup('/bankje.html').then(({ popup }) => popup.close());
  const dossierId = (await s.request<{ defaultId: string }>('dossiers/list', {})).defaultId;
  const rows = (await s.request<{ rows: { id: string; title: string }[] }>('clips/list', { dossierId })).rows;
  return { dossierId, clipId: rows.find((r) => r.title.startsWith(title))!.id };
}

/** The clip in the app's reader at desktop width; `requested` collects every request it makes. */
export async function openReader(s: ExtensionAppSuite, dossierId: string, clipId: string, requested: string[]): Promise<Page> {
  const reader = await s.session.context.newPage();
  reader.on('request', (r) => requested.push(r.url()));
  await reader.setViewportSize({ width: 1280, height: 800 });
  await reader.goto(`${s.app.url}/#/d/${encodeURIComponent(dossierId)}/clip/${encodeURIComponent(clipId)}`);
  await reader.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 20_000 });
  return reader;
}

/**
 * The app, the page's site and the extension for a whole file; `requested` is for every
 * request the reader page makes, `others()` those to any origin but the app's.
 */
export function readerSuite() {
  const s = extensionAppSuite(shots, bankjePage, serveImages);
  const requested: string[] = [];
  const others = () => requested.filter((url) => !url.startsWith(`${s.app.url}/`) && !/^(blob|data):/.test(url));
  return { s, request: s.request, requested, others };
}
