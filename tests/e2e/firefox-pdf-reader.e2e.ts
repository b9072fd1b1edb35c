// PDFs and the app's reader in Firefox ESR (puppeteer-core over WebDriver BiDi): a report open
// in Firefox's own PDF viewer (pdf.js) clipped from the popup, its file kept; a link to a PDF
// clipped from the context menu ("Knip PDF"); then, paired with the web app, a page whose
// images live on another origin: read in the app in Firefox, the image the extension kept
// shows from the app's own store (it came over the bridge), the too-large one stays a
// placeholder, and reading it contacts no other origin; the PDF clip reads page by page there.
// Run after `npm run build`.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectKenniskringClip, keptFileSize, pdfBytes, servedPdfs } from '../support/pdf-fixtures.js';
import { clipTitled as clipTitledIn, extensionRequest as request, firefoxWithAppForFile, menuClick, pairAndAdopt } from '../support/firefox.js';
import { serveSite } from '../support/site.js';
import { paragraphs } from './extension-pages.js';
import { imageHits, serveImages } from './reader-support.js';

const shots = process.env.KNIPSEL_SHOTS ? join(process.env.KNIPSEL_SHOTS, 'firefox') : '/tmp/knipsel-shots/firefox';
const title = 'Een bankje voor de deur';

let site: Server;
let base = '';
/** The same site under another name: the page's images come from another origin. */
let imageBase = '';
let dossierId = '';
let pdfClipId = '';

const bankje = () => `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${title} | Buurtplatform</title>
<meta property="og:site_name" content="Buurtplatform"><meta name="author" content="Fatima el Amrani"></head>
<body><main><article><h1>${title}</h1>
<p>${paragraphs[0]}</p>
<figure><img src="${imageBase}/beeld/bankje.png" alt="Buren op het bankje voor de deur" width="48" height="32"><figcaption>Het bankje in Overvecht.</figcaption></figure>
<p>${paragraphs[1]}</p><p>${paragraphs[2]}</p>
<p><img src="${imageBase}/beeld/kaart.jpg" alt="Kaart van de wijk Overvecht"></p>
<p>${paragraphs[3]}</p><p>${paragraphs[4]}</p>
</article></main></body></html>`;

const firefox = firefoxWithAppForFile();

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  ({ server: site, base } = await serveSite(
    () => ({
      '/publicaties.html': () =>
        '<!doctype html><html lang="nl"><head><title>Publicaties</title></head><body><h1>Publicaties</h1><p><a href="/rapporten/transformatie.pdf">Transformatie in sociaal domein (PDF)</a></p></body></html>',
      '/bankje.html': bankje,
    }),
    (path, res) => {
      if (servedPdfs[path]) {
        res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdfBytes(servedPdfs[path]));
        return true;
      }
      return serveImages(path, res);
    },
  ));
  imageBase = base.replace('127.0.0.1', 'localhost');
  ({ dossierId } = firefox);
});

afterAll(() => {
  site?.close();
});

const clipTitled = (wanted: string) => clipTitledIn(firefox.ext, dossierId, wanted);

describe('PDFs in Firefox', () => {
  it('clips a PDF open in Firefox’s PDF viewer from the popup, keeping the file', { timeout: 90_000 }, async () => {
    const { page: viewer, tabId } = await firefox.session.openTab(`${base}/rapporten/kenniskring.pdf`);
    const popup = await firefox.session.openExtensionPage(`popup.html?tabId=${tabId}`);
    await popup.setViewport({ width: 380, height: 600 });
    await popup.waitForSelector('[data-testid="preview-title"]', { timeout: 30_000 });
    const text = (selector: string) => popup.$eval(selector, (el) => (el as HTMLElement).innerText);
    expect(await text('[data-testid="preview-title"]')).toBe('Professional sleutel tot succes');
    expect(await text('[data-testid="preview-pages"]')).toBe('3 pagina’s');
    expect(await text('[data-testid="preview-site"]')).toBe('Alleato');
    expect(await popup.$$eval('fieldset.modes', (els) => els.length)).toBe(0);
    expect(await text('[data-testid="keep-file"]')).toMatch(/Bewaar het PDF-bestand ook\s+\d+ kB · bestanden tot 20 MB worden bewaard/);
    expect(await popup.$eval('[data-testid="keep-file"] input', (el) => (el as HTMLInputElement).checked)).toBe(true);
    await popup.screenshot({ path: join(shots, 'pdf-popup-firefox.png') });
    await popup.locator('button ::-p-text(Bewaren in Knipsel)').click();
    await popup.waitForSelector('[data-testid="saved"]', { visible: true, timeout: 20_000 });
    await popup.close();
    await viewer.close();

    const row = await clipTitled('Professional sleutel tot succes');
    expect(row.mode).toBe('pdf');
    pdfClipId = row.id;
    const { clip } = await request(firefox.ext, 'clip/get', { dossierId, clipId: row.id });
    expectKenniskringClip(clip, `${base}/rapporten/kenniskring.pdf`);
    expect(await firefox.ext.evaluate(keptFileSize, clip.capture.pdf.file.sha256)).toBe(pdfBytes('rapport-kenniskring.pdf').byteLength);
  });

  it('clips a link to a PDF from the context menu (“Knip PDF”)', { timeout: 60_000 }, async () => {
    const { page, tabId } = await firefox.session.openTab(`${base}/publicaties.html`);
    const result = await menuClick(firefox.ext, 'knip-pdf', `${base}/rapporten/transformatie.pdf`, tabId);
    expect(result.status).toBe('saved');
    const { clip } = await request(firefox.ext, 'clip/get', { dossierId: result.dossierId, clipId: result.clipId });
    expect(clip.title).toBe('Transformatie in sociaal domein gaat niet zonder community werk');
    expect(clip.capture).toMatchObject({ mode: 'pdf', byline: 'Jaap Ikink en Ben Koenen', siteName: 'Platform voor buurtontwikkeling', published: '2016-12' });
    expect(clip.capture.pdf.pages).toHaveLength(3);
    expect(await firefox.ext.evaluate(keptFileSize, clip.capture.pdf.file.sha256)).toBe(pdfBytes('rapport-transformatie.pdf').byteLength);
    await page.close();
  });
});

describe('the app’s reader in Firefox', () => {
  let reader: Page;
  /** Every request the reader page made. */
  const requested: string[] = [];
  const others = () => requested.filter((url) => !url.startsWith(`${firefox.app.url}/`) && !/^(blob|data):/.test(url));

  it('shows the image the extension kept from the app’s own store and contacts no other origin', { timeout: 120_000 }, async () => {
    reader = await firefox.session.browser.newPage();
    await reader.setViewport({ width: 1280, height: 800 });
    await reader.goto(`${firefox.app.url}/`);
    // Pairing links the extension's first personal dossier with the app's: it adopts the app's
    // and moves its clips there, under the same ids.
    const adopted = await pairAndAdopt(firefox.session, reader, firefox.ext, dossierId, 'Professional sleutel tot succes');
    dossierId = adopted.dossierId;
    expect(adopted.clip.id).toBe(pdfClipId);

    const { tabId, page } = await firefox.session.openTab(`${base}/bankje.html`);
    const popup = await firefox.session.openExtensionPage(`popup.html?tabId=${tabId}`);
    await popup.waitForSelector('[data-testid="preview-title"]', { timeout: 20_000 });
    await popup.locator('button ::-p-text(Bewaren in Knipsel)').click();
    await popup.waitForSelector('[data-testid="saved"]', { visible: true, timeout: 20_000 });
    await Promise.all([popup.close(), page.close()]);
    const clipId = (await clipTitled(title)).id;
    const { clip } = await request(firefox.ext, 'clip/get', { dossierId, clipId });
    expect(clip.capture.images.map((i: { url: string }) => i.url)).toEqual([`${imageBase}/beeld/bankje.png`]);
    const hitsAfterClipping = imageHits.length;

    reader.on('request', (r) => void requested.push(r.url()));
    await reader.goto(`${firefox.app.url}/#/d/${encodeURIComponent(dossierId)}/clip/${encodeURIComponent(clipId)}`);
    // Loaded afresh, so every request of reading the clip is seen.
    await reader.reload();
    await reader.waitForFunction((t: string) => document.querySelector('h1')?.textContent === t, { timeout: 20_000 }, title);
    // The image came from the extension over the bridge into the app's own store.
    const image = await reader.waitForSelector('[data-testid="clip-html"] img[src^="blob:"]', { timeout: 20_000 });
    await reader.waitForFunction((img: HTMLImageElement) => img.complete && img.naturalWidth > 0, { timeout: 10_000 }, image!);
    expect(await image!.evaluate((img) => [(img as HTMLImageElement).naturalWidth, img.getAttribute('alt')])).toEqual([48, 'Buren op het bankje voor de deur']);
    const placeholder = await reader.$eval('[data-testid="clip-html"] [data-image-placeholder]', (el) => [(el as HTMLElement).innerText, el.getAttribute('href')]);
    expect(placeholder).toEqual(['Kaart van de wijk Overvecht', `${imageBase}/beeld/kaart.jpg`]);
    expect(requested.length).toBeGreaterThan(0);
    expect(others()).toEqual([]);
    // What the page itself fetched, as it counts it.
    const resources = await reader.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(resources.filter((url) => !url.startsWith(`${firefox.app.url}/`) && !/^(blob|data):/.test(url))).toEqual([]);
    expect(resources.length).toBeGreaterThan(0);
    expect(imageHits.length).toBe(hitsAfterClipping);
    await reader.screenshot({ path: join(shots, 'reader-images-firefox.png'), fullPage: true });
    await reader.setViewport({ width: 390, height: 844 });
    await reader.screenshot({ path: join(shots, 'reader-images-firefox-phone.png'), fullPage: true });
    expect(await reader.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });

  it('reads the PDF clip page by page', { timeout: 60_000 }, async () => {
    await reader.setViewport({ width: 1280, height: 800 });
    await reader.goto(`${firefox.app.url}/#/d/${encodeURIComponent(dossierId)}/clip/${encodeURIComponent(pdfClipId)}`);
    await reader.waitForFunction(() => document.querySelector('h1')?.textContent === 'Professional sleutel tot succes', { timeout: 20_000 });
    await reader.waitForSelector('[data-page="3"]', { timeout: 20_000 });
    expect(await reader.$$eval('[data-page]', (els) => els.map((el) => el.getAttribute('aria-label')))).toEqual(['Pagina 1', 'Pagina 2', 'Pagina 3']);
    expect(await reader.$eval('.pages', (el) => (el as HTMLElement).innerText)).toContain('Capaciteitsgericht werken houdt voor professionals een andere mindset');
    await reader.screenshot({ path: join(shots, 'reader-pdf-firefox.png') });
    expect(others()).toEqual([]);
  });
});
