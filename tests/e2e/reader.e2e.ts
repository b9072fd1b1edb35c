// Clips a user can trust and correct, in the app's reader: the extension clips a page whose
// images live on another origin (one within the budget, one too large); the app, paired as a
// user does it, shows the kept image from its own store (it came over the bridge) and the
// other as a placeholder — reading the clip, online or offline, requests nothing from any
// origin but the app's. Then "Opschonen" removes a paragraph and undoes it, a corrected author
// shows in the reference, a passage highlighted in the reader shows in the text, in the list
// of highlights, in the extension's copy and in the portfolio's quote, and that highlight gets
// another colour and note and is deleted, each undone from the toast. Screenshots at
// 390 and 1280 px, Dutch and English, in /tmp/knipsel-shots/reader. Run after `npm run build`.
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnipselServer, type KnipselServer } from '../../server/create-server.js';
import { launchWithExtension, pwaDir, type ExtensionSession } from '../support/browser';
import { pairExtension } from '../support/pairing';
import { png } from '../support/png.js';
import { paragraphs } from './extension-pages.js';

declare const chrome: any;

const shots = process.env.KNIPSEL_SHOTS ? join(process.env.KNIPSEL_SHOTS, 'reader') : '/tmp/knipsel-shots/reader';
const title = 'Een bankje voor de deur';
const advert = 'Advertentie: bestel nu de nieuwe bakfiets van Fietsland met twintig procent korting!';

let app: KnipselServer;
let fixtures: Server;
let pageBase = '';
let imageBase = '';
/** Requests for images that reached the fixture server. */
const imageHits: string[] = [];
let session: ExtensionSession;
let worker: Worker;
let extPage: Page;
let reader: Page;
let dossierId = '';
let clipId = '';
/** Every request the reader page made. */
const requested: string[] = [];

async function request<T = any>(type: string, input: unknown): Promise<T> {
  const reply = await extPage.evaluate(([t, i]) => chrome.runtime.sendMessage({ knipsel: 1, type: t, input: i }), [type, input] as const);
  if (!reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(reply)}`);
  return reply.value as T;
}

async function shot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

const clipHtml = () => reader.getByTestId('clip-html');
const others = () => requested.filter((url) => !url.startsWith(`${app.url}/`) && !/^(blob|data):/.test(url));

beforeAll(async () => {
  app = await createKnipselServer({ dir: pwaDir, port: 0, host: '127.0.0.1' });
  const photo = png();
  fixtures = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path.startsWith('/beeld/')) {
      imageHits.push(path);
      if (path === '/beeld/bankje.png') return res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' }).end(photo);
      // Larger than one image may be (1.5 MB): it stays a placeholder.
      const big = Buffer.alloc(2 * 1024 * 1024, 7);
      big.set([0xff, 0xd8, 0xff, 0xe0], 0);
      return res.writeHead(200, { 'content-type': 'image/jpeg', 'cache-control': 'no-store' }).end(big);
    }
    if (path !== '/bankje.html') return res.writeHead(404).end();
    // The images are on another origin (localhost, not 127.0.0.1): a CDN.
    const body = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${title} | Buurtplatform</title>
<meta property="og:site_name" content="Buurtplatform"><meta name="author" content="Fatima el Amrani">
<meta property="article:published_time" content="2024-03-12T09:00:00+01:00"></head>
<body><main><article><h1>${title}</h1>
<p>${paragraphs[0]}</p>
<figure><img src="${imageBase}/beeld/bankje.png" alt="Buren op het bankje voor de deur" width="48" height="32"><figcaption>Het bankje in Overvecht.</figcaption></figure>
<p>${paragraphs[1]}</p>
<p>${advert}</p>
<p>${paragraphs[2]}</p>
<p><img src="${imageBase}/beeld/kaart.jpg" alt="Kaart van de wijk Overvecht"></p>
<p>${paragraphs[3]}</p>
<p>${paragraphs[4]}</p>
</article></main></body></html>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => fixtures.listen(0, '127.0.0.1', resolve));
  const port = (fixtures.address() as AddressInfo).port;
  pageBase = `http://127.0.0.1:${port}`;
  imageBase = `http://localhost:${port}`;

  session = await launchWithExtension();
  session.context.setDefaultTimeout(15_000);
  worker = session.context.serviceWorkers()[0];
  await worker.evaluate(async (url) => {
    await chrome.storage.local.set({ settings: { appUrls: [url], language: 'nl', defaultDossierId: null, defaultThemes: [], highlights: false } });
  }, `${app.url}/`);
  const appHost = new URL(app.url).host;
  for (let i = 0; ; i++) {
    const matches: string[] = await worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((s: { matches?: string[] }) => s.matches ?? []));
    if (matches.includes(`http://${appHost}/*`)) break;
    if (i > 200) throw new Error('the bridge content script was not registered for the app');
    await new Promise((r) => setTimeout(r, 50));
  }
  extPage = await session.openExtensionPage('options.html');
  const appPage = await session.context.newPage();
  await appPage.setViewportSize({ width: 1280, height: 800 });
  await appPage.goto(app.url);
  await pairExtension(session, appPage);
  await appPage.close();
}, 120_000);

afterAll(async () => {
  await session?.close();
  await app?.close();
  fixtures?.close();
});

describe('reading a clip', () => {
  it('the extension keeps the images that fit; the app shows them from its own store and contacts no other origin, also offline', async () => {
    const tab = await session.context.newPage();
    await tab.goto(`${pageBase}/bankje.html`);
    const tabId = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t: { url?: string }) => t.url === u)?.id, `${pageBase}/bankje.html`);
    const popup = await session.openExtensionPage(`popup.html?tabId=${tabId}`);
    await popup.getByRole('button', { name: 'Bewaren in Knipsel', exact: true }).click();
    await popup.getByTestId('saved').waitFor({ timeout: 30_000 });
    await popup.close();
    await tab.close();
    dossierId = (await request<{ defaultId: string }>('dossiers/list', {})).defaultId;
    const rows = (await request<{ rows: { id: string; title: string }[] }>('clips/list', { dossierId })).rows;
    clipId = rows.find((r) => r.title.startsWith(title))!.id;
    const stored = (await request<{ clip: { capture: { html: string; images?: { url: string }[] } } }>('clip/get', { dossierId, clipId })).clip.capture;
    // Kept by hash: the small image; the one over 1.5 MB keeps its address.
    expect(stored.images?.map((i) => i.url)).toEqual([`${imageBase}/beeld/bankje.png`]);
    expect(stored.html).toMatch(/src="https:\/\/knipsel\.invalid\/beeld\/[0-9a-f]{64}"/);
    expect(stored.html).toContain(`${imageBase}/beeld/kaart.jpg`);
    const hitsAfterClipping = imageHits.length;

    reader = await session.context.newPage();
    reader.on('request', (r) => requested.push(r.url()));
    await reader.setViewportSize({ width: 1280, height: 800 });
    await reader.goto(`${app.url}/#/d/${encodeURIComponent(dossierId)}/clip/${encodeURIComponent(clipId)}`);
    await reader.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 20_000 });
    // The extension's first personal dossier may have become the app's (same clip id): follow it.
    dossierId = decodeURIComponent(/#\/d\/([^/]+)\//.exec(reader.url())![1]);
    await expect.poll(() => request('clip/get', { dossierId, clipId }).then(() => true, () => false), { timeout: 15_000 }).toBe(true);
    // The image came from the extension over the bridge into the app's own store.
    await clipHtml().locator('img[src^="blob:"]').waitFor({ timeout: 20_000 });
    expect(await clipHtml().locator('img').getAttribute('alt')).toBe('Buren op het bankje voor de deur');
    expect(await clipHtml().locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);
    const placeholder = clipHtml().locator('[data-image-placeholder]');
    expect(await placeholder.innerText()).toBe('Kaart van de wijk Overvecht');
    expect(await placeholder.getAttribute('href')).toBe(`${imageBase}/beeld/kaart.jpg`);
    expect(others()).toEqual([]);
    expect(imageHits.length).toBe(hitsAfterClipping);

    // Offline: the same, from the service worker's precache and the kept-file store.
    await reader.evaluate(() => navigator.serviceWorker.ready);
    await session.context.setOffline(true);
    try {
      await reader.reload();
      await reader.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 20_000 });
      await clipHtml().locator('img[src^="blob:"]').waitFor();
      expect(await clipHtml().locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);
    } finally {
      await session.context.setOffline(false);
    }
    expect(others()).toEqual([]);
    expect(imageHits.length).toBe(hitsAfterClipping);
    await shot(reader, 'reader-images-desktop');
    await reader.setViewportSize({ width: 390, height: 844 });
    await shot(reader, 'reader-images-phone');
    expect(await reader.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await reader.setViewportSize({ width: 1280, height: 800 });

    // The side panel shows the clip's content the same way.
    const side = await session.openExtensionPage(`sidepanel.html?dossier=${encodeURIComponent(dossierId)}&clip=${encodeURIComponent(clipId)}`);
    const sideRequests: string[] = [];
    side.on('request', (r) => sideRequests.push(r.url()));
    await side.locator('details.content summary').click();
    await side.locator('.html img[src^="blob:"]').waitFor();
    expect(await side.locator('.html [data-image-placeholder]').innerText()).toBe('Kaart van de wijk Overvecht');
    expect(sideRequests.filter((url) => /^https?:/.test(url))).toEqual([]);
    await side.close();
  }, 120_000);

  it('“Opschonen” removes a paragraph that is noise, and undo puts it back', async () => {
    expect(await clipHtml().innerText()).toContain(advert);
    await reader.getByRole('button', { name: 'Opschonen' }).click();
    const block = reader.getByTestId('clean-blocks').locator('li').filter({ hasText: advert });
    await block.getByRole('button', { name: 'Weghalen' }).click();
    await expect.poll(() => block.getByRole('button', { name: 'Terugzetten' }).count()).toBe(1);
    await shot(reader, 'reader-clean-desktop');
    await reader.setViewportSize({ width: 390, height: 844 });
    await shot(reader, 'reader-clean-phone');
    await reader.setViewportSize({ width: 1280, height: 800 });
    await reader.getByRole('button', { name: 'Klaar' }).click();
    await expect.poll(() => clipHtml().innerText()).not.toContain(advert);
    expect(await clipHtml().innerText()).toContain(paragraphs[2]);
    await reader.getByText('1 stuk weggehaald').waitFor();
    // The capture stays whole; the extension's copy knows the removal too (it syncs).
    await expect.poll(async () => (await request<{ clip: { removedBlocks?: number[] } }>('clip/get', { dossierId, clipId })).clip.removedBlocks?.length ?? 0, { timeout: 15_000 }).toBe(1);

    await reader.getByRole('status').getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(() => clipHtml().innerText()).toContain(advert);
    await expect.poll(async () => (await request<{ clip: { removedBlocks?: number[] } }>('clip/get', { dossierId, clipId })).clip.removedBlocks?.length ?? 0, { timeout: 15_000 }).toBe(0);

    // Removed for good this time: it stays away after a reload.
    await reader.getByRole('button', { name: 'Opschonen' }).click();
    await block.getByRole('button', { name: 'Weghalen' }).click();
    await reader.getByRole('button', { name: 'Klaar' }).click();
    await reader.reload();
    await reader.getByRole('heading', { level: 1, name: title }).waitFor();
    await clipHtml().locator('img[src^="blob:"]').waitFor();
    expect(await clipHtml().innerText()).not.toContain(advert);
  }, 60_000);

  it('a corrected author shows in the reference', async () => {
    const reference = reader.locator('.reference-text');
    // Read as a person: the Arabic article leads the surname (APA).
    expect(await reference.innerText()).toContain('El Amrani, F. (2024, 12 maart).');
    await reader.getByRole('button', { name: 'Bron aanpassen' }).click();
    const dialog = reader.getByRole('dialog', { name: /Bron/ });
    await dialog.getByLabel('Auteurs').fill('Pieter Jansen');
    await dialog.getByRole('button', { name: 'Bron opslaan' }).click();
    await expect.poll(() => reference.innerText()).toContain('Jansen, P. (2024, 12 maart).');
    expect(await reference.innerText()).not.toContain('El Amrani');
    expect(await reader.locator('.in-text').innerText()).toContain('(Jansen, 2024)');
    // And the kind of source: a report is cited with its year only.
    await reader.getByRole('button', { name: 'Bron aanpassen' }).click();
    await dialog.getByLabel('Soort bron').selectOption('report');
    await dialog.getByRole('button', { name: 'Bron opslaan' }).click();
    await expect.poll(() => reference.innerText()).toContain('Jansen, P. (2024). Een bankje voor de deur. Buurtplatform.');
  });

  it('a passage highlighted in the reader shows in the text, the list, the extension and the portfolio quote', async () => {
    const passage = 'Tijd nemen, aansluiten bij de leefwereld van bewoners';
    await clipHtml().locator('p', { hasText: passage }).evaluate((p, wanted) => {
      const text = p.firstChild as Text;
      const at = text.data.indexOf(wanted);
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + wanted.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    }, passage);
    const bar = reader.getByTestId('reader-mark');
    await bar.waitFor();
    await bar.getByLabel('Notitie bij de markering (optioneel)').fill('Zo wil ik het ook doen');
    await shot(reader, 'reader-mark-desktop');
    await bar.getByRole('button', { name: 'Methode' }).click();
    const item = reader.locator('.highlights li');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.innerText()).toMatch(new RegExp(`${passage}[\\s\\S]*\\(Jansen, 2024\\)[\\s\\S]*Methode\\s*— Zo wil ik het ook doen`));
    // Painted in the text (CSS Custom Highlight API), found again by its quote.
    await expect.poll(() => reader.evaluate(() => (CSS as any).highlights.get('knipsel-reader-methode')?.size ?? 0)).toBe(1);
    expect(await clipHtml().getAttribute('data-anchored')).toBe('1/1');
    // The same record the extension makes (a text quote), so the live page can show it.
    await expect
      .poll(async () => (await request<{ clip: { highlights: { quote: { exact: string; prefix: string }; colour: string; note: string }[] } }>('clip/get', { dossierId, clipId })).clip.highlights, { timeout: 15_000 })
      .toMatchObject([{ quote: { exact: passage, prefix: expect.stringContaining('Wat werkte? ') }, colour: 'methode', note: 'Zo wil ik het ook doen' }]);
    await reader.setViewportSize({ width: 390, height: 844 });
    await shot(reader, 'reader-highlight-phone');
    await reader.setViewportSize({ width: 1280, height: 800 });
    await shot(reader, 'reader-highlight-desktop');

    // A theme, so the clip goes into the portfolio.
    await reader.locator('.themes').getByRole('button', { name: /Aansluiten bij de leefwereld/ }).first().click();
    await reader.locator('.themes').getByText('Aansluiten bij de leefwereld').first().waitFor();
    await reader.getByRole('navigation').getByRole('link', { name: 'Portfolio' }).click();
    await reader.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
    await reader.getByRole('button', { name: 'Portfolio exporteren' }).click();
    const composer = reader.getByRole('dialog', { name: 'Portfolio samenstellen' });
    const [doc] = await Promise.all([session.context.waitForEvent('page'), composer.getByRole('button', { name: 'Open als document' }).click()]);
    await doc.waitForLoadState();
    const quote = doc.locator('blockquote', { hasText: passage });
    expect(await quote.locator('.citation').innerText()).toBe('(Jansen, 2024)');
    expect(await quote.locator('footer').innerText()).toContain('Methode');
    await doc.close();
    await composer.getByRole('button', { name: 'Sluiten' }).first().click();
  }, 60_000);

  it('a highlight’s colour and note are changed in the reader, and it is deleted — both undone from the toast', async () => {
    type Stored = { clip: { highlights: { id: string; colour: string; note: string; quote: { exact: string } }[] } };
    const stored = async () => (await request<Stored>('clip/get', { dossierId, clipId })).clip.highlights;
    const painted = (colour: string) => reader.evaluate((name) => (CSS as any).highlights.get(name)?.size ?? 0, `knipsel-reader-${colour}`);
    const [original] = await stored();
    await reader.goto(`${app.url}/#/d/${encodeURIComponent(dossierId)}/clip/${encodeURIComponent(clipId)}`);
    await reader.getByRole('heading', { level: 1, name: title }).waitFor();
    const item = reader.locator('.highlights li');
    await expect.poll(() => painted('methode')).toBe(1);

    // Another colour and another note.
    await item.getByRole('button', { name: 'Aanpassen' }).click();
    const editor = item.getByTestId('highlight-editor');
    expect(await editor.getByLabel('Methode').isChecked()).toBe(true);
    expect(await editor.getByLabel('Notitie').inputValue()).toBe('Zo wil ik het ook doen');
    await editor.getByLabel('Vraag').check();
    await editor.getByLabel('Notitie').fill('Eerst navragen bij het team');
    await reader.setViewportSize({ width: 390, height: 844 });
    await item.scrollIntoViewIfNeeded();
    await reader.screenshot({ path: join(shots, 'reader-highlight-edit-phone.png') });
    await reader.setViewportSize({ width: 1280, height: 800 });
    await editor.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => item.innerText()).toMatch(/Vraag\s*— Eerst navragen bij het team/);
    await expect.poll(() => painted('vraag')).toBe(1);
    expect(await painted('methode')).toBe(0);
    await expect.poll(stored, { timeout: 15_000 }).toMatchObject([{ id: original.id, colour: 'vraag', note: 'Eerst navragen bij het team' }]);
    await item.scrollIntoViewIfNeeded();
    await reader.screenshot({ path: join(shots, 'reader-highlight-edited-desktop.png') });
    await reader.getByRole('status').getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(() => item.innerText()).toMatch(/Methode\s*— Zo wil ik het ook doen/);
    await expect.poll(stored, { timeout: 15_000 }).toEqual([original]);

    // Deleted: gone from the list, the text and the extension's copy; undo brings back the same record.
    await item.getByRole('button', { name: 'Verwijderen' }).click();
    await expect.poll(() => item.count()).toBe(0);
    await expect.poll(() => painted('methode')).toBe(0);
    await expect.poll(stored, { timeout: 15_000 }).toEqual([]);
    await reader.getByRole('status').getByText('Markering verwijderd').waitFor();
    await reader.getByRole('status').getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(() => item.count()).toBe(1);
    await expect.poll(() => painted('methode')).toBe(1);
    await expect.poll(stored, { timeout: 15_000 }).toEqual([original]);
  }, 60_000);

  it('in English, at phone and desktop width', async () => {
    await reader.goto(`${app.url}/#/settings`);
    await reader.locator('#language').selectOption('en');
    await reader.goto(`${app.url}/#/d/${encodeURIComponent(dossierId)}/clip/${encodeURIComponent(clipId)}`);
    await reader.getByRole('heading', { level: 1, name: title }).waitFor();
    await clipHtml().locator('img[src^="blob:"]').waitFor();
    await reader.getByText('1 part removed').waitFor();
    await shot(reader, 'reader-en-desktop');
    await reader.getByRole('button', { name: 'Clean up' }).click();
    await reader.getByTestId('clean-blocks').waitFor();
    await reader.setViewportSize({ width: 390, height: 844 });
    await shot(reader, 'reader-clean-en-phone');
    await reader.getByRole('button', { name: 'Done' }).click();
    await shot(reader, 'reader-en-phone');
    expect(await reader.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await reader.setViewportSize({ width: 1280, height: 800 });
    await reader.goto(`${app.url}/#/settings`);
    await reader.locator('#language').selectOption('nl');
    expect(others()).toEqual([]);
  }, 60_000);
});
