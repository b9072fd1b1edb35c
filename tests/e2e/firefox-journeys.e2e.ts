// A person's journeys in Firefox ESR (puppeteer-core over WebDriver BiDi), the Firefox build of
// the extension installed: a page whose image request never ends clipped from the popup once
// its document is readable; a link saved without its page's text ("Knip link") completed from
// the popup. Then, paired with the web app served by the real server, in the app in Firefox: a
// corrected author shows in the reference (and reaches the extension's copy); a PDF dropped on
// the app becomes a clip read page by page, a passage on page 2 highlighted there is quoted in
// the portfolio with its page ("p. 2"); and a page and a photo posted to the app's share
// target are received by its service worker (Firefox has no Web Share Target: no share sheet
// posts there, but the route and its inbox work the same). Screenshots in
// /tmp/knipsel-shots/firefox. Run after `npm run build`.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/browser.js';
import { extensionRequest as request, firefoxWithAppForFile, menuClick, pairAndAdopt } from '../support/firefox.js';
import { dropFile, postShare, selectPassage } from '../support/in-page.js';
import { pdfBytes } from '../support/pdf-fixtures.js';
import { serveSite } from '../support/site.js';
import { articlePage, paragraphs } from './extension-pages.js';

const shots = process.env.KNIPSEL_SHOTS ? join(process.env.KNIPSEL_SHOTS, 'firefox') : '/tmp/knipsel-shots/firefox';
const hangingTitle = 'Buurtkracht met een advertentie die blijft hangen';
const linkTitle = 'Het verhaal achter de buurtmaaltijd';
const reportTitle = 'Transformatie in sociaal domein gaat niet zonder community werk';

let site: Server;
let base = '';
const hanging: ServerResponse[] = [];
let dossierId = '';

const firefox = firefoxWithAppForFile();

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  ({ server: site, base } = await serveSite(
    (path, port) => ({
      '/hangt.html': () => articlePage(hangingTitle, path, port).replace('</article>', '<img src="/nooit.jpg" alt=""></article>'),
      '/verhaal.html': () => articlePage(linkTitle, path, port),
      '/links.html': () => `<!doctype html><html lang="nl"><head><title>Links</title></head><body><p><a href="/verhaal.html">${linkTitle}</a></p></body></html>`,
    }),
    (path, res) => {
      if (path !== '/nooit.jpg') return false;
      // A request that never ends (an ad server that hangs): no answer at all.
      hanging.push(res);
      return true;
    },
  ));
  ({ dossierId } = firefox);
});

afterAll(() => {
  for (const res of hanging) res.destroy();
  site?.close();
});

const text = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);

async function openPopup(tabId: number): Promise<Page> {
  const popup = await firefox.session.openExtensionPage(`popup.html?tabId=${tabId}`);
  await popup.setViewport({ width: 380, height: 600 });
  return popup;
}

describe('the extension in Firefox', () => {
  it('clips a page whose image request never ends, once its document is readable', { timeout: 60_000 }, async () => {
    // Found only while Firefox still calls the tab loading: the image never arrives.
    const { page, tabId } = await firefox.session.openTab(`${base}/hangt.html`, { stillLoading: true });
    const popup = await openPopup(tabId);
    await popup.waitForSelector('[data-testid="preview-title"]', { timeout: 20_000 });
    expect(await text(popup, '[data-testid="preview-title"]')).toBe(hangingTitle);
    expect(await popup.$$eval('[data-testid="restricted"]', (els) => els.length)).toBe(0);
    await popup.locator('button ::-p-text(Bewaren in Knipsel)').click();
    await popup.waitForSelector('[data-testid="saved"]', { visible: true, timeout: 20_000 });
    const { rows } = await request(popup, 'clips/list', { dossierId, query: 'bankje Overvecht' });
    expect(rows.map((r: { title: string }) => r.title)).toContain(hangingTitle);
    await Promise.all([popup.close(), page.close()]);
  });

  it('completes a link saved without text from the popup: the same clip, filled in', { timeout: 90_000 }, async () => {
    const { page, tabId } = await firefox.session.openTab(`${base}/links.html`);
    const saved = await menuClick(firefox.ext, 'knip-link', `${base}/verhaal.html`, tabId);
    expect(saved.status).toBe('saved');
    let { clip } = await request(firefox.ext, 'clip/get', { dossierId: saved.dossierId, clipId: saved.clipId });
    expect(clip).toMatchObject({ toComplete: true, capture: { mode: 'bookmark', text: '' } });

    const popup = await openPopup(tabId);
    const notice = await popup.waitForSelector('[data-testid="to-complete"]', { timeout: 20_000 });
    expect(await notice!.evaluate((el) => (el as HTMLElement).innerText)).toContain('Eén bewaarde link heeft nog geen tekst');
    await popup.screenshot({ path: join(shots, 'to-complete-firefox.png') });
    await popup.locator('[data-testid="to-complete"] button ::-p-text(Tekst aanvullen)').click();
    await expect.poll(() => text(popup, '[data-testid="to-complete"]'), { timeout: 30_000 }).toContain('Eén link is aangevuld met de tekst van de pagina.');
    ({ clip } = await request(firefox.ext, 'clip/get', { dossierId: saved.dossierId, clipId: saved.clipId }));
    expect(clip.toComplete).toBe(false);
    expect(clip.capture.mode).toBe('article');
    expect(clip.capture.text).toContain(paragraphs[2]);
    expect(clip.capture.byline).toBe('Fatima el Amrani');
    // The background tab that read the page is closed again.
    const open = await firefox.ext.evaluate(
      async (url: string) => (await (globalThis as any).browser.tabs.query({})).filter((t: { url?: string }) => t.url === url).length,
      `${base}/verhaal.html`,
    );
    expect(open).toBe(0);
    await Promise.all([popup.close(), page.close()]);
  });
});

describe('the app in Firefox', () => {
  let reader: Page;
  const heading = (wanted: string | RegExp) =>
    reader.waitForFunction(
      (source: string, flags: string) => new RegExp(source, flags).test(document.querySelector('h1')?.textContent ?? ''),
      { timeout: 20_000 },
      typeof wanted === 'string' ? `^${wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : wanted.source,
      typeof wanted === 'string' ? '' : wanted.flags,
    );
  const reference = () => text(reader, '.reference-text');

  it('a corrected author shows in the reference and reaches the extension', { timeout: 120_000 }, async () => {
    reader = await firefox.session.browser.newPage();
    await reader.setViewport({ width: 1280, height: 800 });
    await reader.goto(`${firefox.app.url}/`);
    // Pairing links the extension's first personal dossier with the app's: it adopts the app's
    // and moves its clips there.
    const adopted = await pairAndAdopt(firefox.session, reader, firefox.ext, dossierId, hangingTitle);
    dossierId = adopted.dossierId;
    const clipId = adopted.clip.id;

    await reader.goto(`${firefox.app.url}/#/d/${encodeURIComponent(dossierId)}/clip/${encodeURIComponent(clipId)}`);
    await heading(hangingTitle);
    await reader.waitForSelector('.reference-text');
    expect(await reference()).toContain('El Amrani, F. (2024, 12 maart).');
    await reader.locator('.reference-actions button ::-p-text(Bron aanpassen)').click();
    const authors = await reader.waitForSelector('dialog[open] ::-p-aria([name="Auteurs"][role="textbox"])', { visible: true });
    await authors!.evaluate((input) => ((input as HTMLInputElement).value = ''));
    await authors!.type('Pieter Jansen');
    await reader.locator('dialog[open] button[type="submit"] ::-p-text(Bron opslaan)').click();
    await expect.poll(reference, { timeout: 10_000 }).toContain('Jansen, P. (2024, 12 maart).');
    expect(await reference()).not.toContain('El Amrani');
    expect(await text(reader, '.in-text')).toContain('(Jansen, 2024)');
    await reader.screenshot({ path: join(shots, 'reference-corrected-firefox.png'), fullPage: true });
    // The extension's copy syncs: its reference names the corrected author too.
    await expect.poll(async () => JSON.stringify((await request(firefox.ext, 'clip/get', { dossierId, clipId })).clip), { timeout: 15_000 }).toContain('Pieter Jansen');
  });

  it('a PDF dropped on the app is read page by page; a passage on page 2 is quoted in the portfolio with its page', { timeout: 120_000 }, async () => {
    await reader.goto(`${firefox.app.url}/`);
    await heading('Knipsels');
    await reader.evaluate(dropFile, { name: 'rapport-transformatie.pdf', type: 'application/pdf', base64: pdfBytes('rapport-transformatie.pdf').toString('base64') });
    const title = await reader.waitForSelector('dialog[open] [data-testid="pdf-preview"] input[id$="-title"]', { timeout: 30_000 });
    await expect.poll(() => title!.evaluate((input) => (input as HTMLInputElement).value), { timeout: 10_000 }).toBe(reportTitle);
    expect(await text(reader, 'dialog[open] [data-testid="pdf-preview"] .summary')).toMatch(/3 pagina’s/);
    // Where it stands online, so that the portfolio lists its reference.
    await reader.type('dialog[open] [data-testid="pdf-preview"] input[id$="-url"]', 'https://www.buurtontwikkeling.nl/rapporten/transformatie.pdf');
    // A theme, so that the highlight has a place in the portfolio.
    await reader.$$eval('dialog[open] [data-testid="pdf-preview"] select', (selects) => {
      for (const select of selects as HTMLSelectElement[]) {
        const option = [...select.options].find((o) => /^(\d+\. )?Eigenaarschap$/.test(o.text.trim()));
        if (!option) continue;
        select.value = option.value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        return;
      }
      throw new Error('no theme Eigenaarschap to choose');
    });
    await reader.locator('dialog[open] [data-testid="pdf-preview"] button ::-p-text(Knipsel bewaren)').click();
    await heading(reportTitle);
    await reader.waitForSelector('section.page[data-page="3"]', { timeout: 20_000 });
    expect(await text(reader, 'section.page[data-page="2"]')).toContain('De transformatie in het sociaal domein ontwikkelt zich eenzijdig.');
    expect(await reference()).toBe(
      'Ikink, J., & Koenen, B. (2016). Transformatie in sociaal domein gaat niet zonder community werk. Platform voor buurtontwikkeling. https://www.buurtontwikkeling.nl/rapporten/transformatie.pdf',
    );

    await reader.evaluate(selectPassage, { selector: 'section.page[data-page="2"] p', passage: 'De transformatie in het sociaal domein ontwikkelt zich eenzijdig.' });
    const mark = await reader.waitForSelector('[data-testid="pdf-mark"]', { visible: true });
    expect(await mark!.evaluate((el) => (el as HTMLElement).innerText)).toBe('Markeer (p. 2)');
    await mark!.click();
    await reader.waitForSelector('section.page[data-page="2"] mark', { timeout: 10_000 });
    expect(await text(reader, 'section.page[data-page="2"] mark')).toBe('De transformatie in het sociaal domein ontwikkelt zich eenzijdig.');
    expect(await text(reader, '.highlights li')).toMatch(/ontwikkelt zich eenzijdig\.[\s\S]*p\. 2/);
    await reader.screenshot({ path: join(shots, 'pdf-highlight-firefox.png') });

    await reader.locator('nav a ::-p-text(Portfolio)').click();
    await heading('Portfolio');
    await reader.locator('button ::-p-text(Portfolio exporteren)').click();
    const opened = firefox.session.browser.waitForTarget((target) => target.url().startsWith('blob:'), { timeout: 20_000 });
    await reader.locator('dialog[open] button ::-p-text(Open als document)').click();
    const doc = (await (await opened).page())!;
    await doc.waitForSelector('blockquote .citation', { timeout: 20_000 });
    const quote = await doc.$$eval('blockquote', (quotes) =>
      quotes.filter((q) => q.textContent?.includes('ontwikkelt zich eenzijdig')).map((q) => (q.querySelector('.citation') as HTMLElement).innerText),
    );
    // The in-text citation of the quote carries its page.
    expect(quote).toEqual([expect.stringMatching(/^\(Ikink (&|en) Koenen, 2016, p\. 2\)$/)]);
    // And the reference list holds the report.
    expect(await text(doc, '.references')).toContain(
      'Ikink, J., & Koenen, B. (2016). Transformatie in sociaal domein gaat niet zonder community werk. Platform voor buurtontwikkeling.',
    );
    await doc.close();
  });

  it('a page and a photo posted to the share target are received by the service worker', { timeout: 90_000 }, async () => {
    // Installed or not, Firefox never posts to the share target itself: this is the route the
    // manifest names, posted as a share sheet would, to the app's service worker in Firefox.
    await reader.goto(`${firefox.app.url}/`);
    await heading('Knipsels');
    await reader.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await reader.reload();
    await heading('Knipsels');
    expect(await reader.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    // The server itself takes no shares: what arrives is the service worker's doing.
    expect((await fetch(`${firefox.app.url}/gedeeld`, { method: 'POST', body: new FormData() })).ok).toBe(false);
    const share = async (fields: Record<string, string>, photo?: { name: string; type: string; base64: string }) => {
      await reader.goto('about:blank');
      await reader.evaluate(postShare, { action: `${firefox.app.url}/gedeeld`, fields, photo });
    };

    await share({ title: 'Buurtkracht in Noord', text: '“Bewoners aan zet in de speeltuin” https://www.buurtkracht.example.nl/noord', url: '' });
    await heading('Buurtkracht in Noord');
    expect(reader.url()).toMatch(/#\/d\/[^/]+\/clip\/[^/]+$/);
    expect(await text(reader, '[data-testid="to-complete-notice"]')).toMatch(/^Aan te vullen\. Alleen de link is bewaard/);
    expect(await reader.$$eval('a', (links) => links.filter((a) => /Naar de bron/.test(a.textContent ?? '')).map((a) => a.getAttribute('href')))).toEqual([
      'https://www.buurtkracht.example.nl/noord',
    ]);

    const photo = readFileSync(join(repoRoot, 'pwa/public/icons/icon-192.png')).toString('base64');
    await share({ title: '', text: 'Muur met gele briefjes na de bewonersavond in de Vogelwijk.', url: '' }, { name: 'briefjes.png', base64: photo, type: 'image/png' });
    await heading(/^Foto van \d+ \w+ \d{4}$/);
    const image = await reader.waitForSelector('a[aria-label="‘briefjes.png’ openen"] img', { timeout: 20_000 });
    await expect.poll(() => image!.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBe(192);
    expect(await text(reader, '.kind-line')).toContain('Eigen praktijk');
    expect(await reader.$eval('textarea[id$="-note"]', (el) => (el as HTMLTextAreaElement).value)).toBe('Muur met gele briefjes na de bewonersavond in de Vogelwijk.');
    await reader.setViewport({ width: 390, height: 844 });
    await reader.screenshot({ path: join(shots, 'share-photo-firefox-phone.png'), fullPage: true });
    expect(await reader.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });
});
