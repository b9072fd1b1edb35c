// Clips a user can trust, in the extension: a page whose image request never ends is clipped
// once its document is readable (it used to say "nog aan het laden" for good); a link saved
// without its page's text ("Knip link", or shared from a phone) is completed from the popup —
// its page read in a background tab, the same clip filled in. Run after `npm run build:extension`.
import type { ServerResponse, Server } from 'node:http';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionSession } from '../support/browser';
import { serveSite } from '../support/site.js';
import { articlePage, paragraphs } from './extension-pages.js';

declare const chrome: any;

let server: Server;
let base = '';
let session: ExtensionSession;
let worker: Worker;
const hanging: ServerResponse[] = [];

beforeAll(async () => {
  ({ server, base } = await serveSite(
    (path, port) => ({
      '/hangt.html': () => articlePage('Buurtkracht met een advertentie die blijft hangen', path, port).replace('</article>', '<img src="/nooit.jpg" alt=""></article>'),
      '/verhaal.html': () => articlePage('Het verhaal achter de buurtmaaltijd', path, port),
      '/links.html': () =>
        '<!doctype html><html lang="nl"><head><title>Links</title></head><body><p><a href="/verhaal.html">Het verhaal achter de buurtmaaltijd</a></p></body></html>',
    }),
    (path, res) => {
      if (path !== '/nooit.jpg') return false;
      // A request that never ends (an ad server that hangs): no answer at all.
      hanging.push(res);
      return true;
    },
  ));
  session = await launchWithExtension();
  worker = session.context.serviceWorkers()[0];
});

afterAll(async () => {
  await session?.close();
  for (const res of hanging) res.destroy();
  server?.close();
});

async function request<T = any>(page: Page, type: string, input: unknown): Promise<T> {
  const reply = await page.evaluate(([t, i]) => chrome.runtime.sendMessage({ knipsel: 1, type: t, input: i }), [type, input] as const);
  if (!reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(reply)}`);
  return reply.value as T;
}

/** The tab showing `url` (whatever its loading state). */
async function tabIdOf(url: string): Promise<number> {
  const id = await worker.evaluate(async (wanted: string) => {
    for (let i = 0; i < 200; i++) {
      const tab = (await chrome.tabs.query({})).find((t: { url?: string }) => t.url === wanted);
      if (tab) return tab.id as number;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return undefined;
  }, url);
  if (id === undefined) throw new Error(`no tab for ${url}`);
  return id;
}

describe('clips a user can trust', () => {
  it('clips a page whose image request never ends, once its document is readable', async () => {
    const page = await session.context.newPage();
    await page.goto(`${base}/hangt.html`, { waitUntil: 'domcontentloaded' });
    const tabId = await tabIdOf(`${base}/hangt.html`);
    // The browser still calls it loading: the image never arrives.
    expect(await worker.evaluate(async (id: number) => (await chrome.tabs.get(id)).status, tabId)).toBe('loading');
    const popup = await session.openExtensionPage(`popup.html?tabId=${tabId}`);
    await popup.getByTestId('preview-title').waitFor({ timeout: 20_000 });
    expect(await popup.getByTestId('preview-title').innerText()).toBe('Buurtkracht met een advertentie die blijft hangen');
    expect(await popup.getByTestId('restricted').count()).toBe(0);
    await popup.getByRole('button', { name: 'Bewaren in Knipsel' }).click();
    await popup.getByTestId('saved').waitFor();
    const dossierId = (await request(popup, 'dossiers/list', {})).defaultId;
    const { rows } = await request(popup, 'clips/list', { dossierId, query: 'bankje Overvecht' });
    expect(rows.map((r: { title: string }) => r.title)).toContain('Buurtkracht met een advertentie die blijft hangen');
    await popup.close();
    await page.close();
  });

  it('completes a link saved without text from the popup: the same clip, filled in', async () => {
    const page = await session.context.newPage();
    await page.goto(`${base}/links.html`);
    const tabId = await tabIdOf(`${base}/links.html`);
    const saved = await worker.evaluate(([id, url]) => (globalThis as any).knipsel.onMenu({ menuItemId: 'knip-link', linkUrl: url }, { id }), [
      tabId,
      `${base}/verhaal.html`,
    ] as const);
    expect(saved.status).toBe('saved');

    const popup = await session.openExtensionPage(`popup.html?tabId=${tabId}`);
    await popup.setViewportSize({ width: 380, height: 600 });
    const notice = popup.getByTestId('to-complete');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('Eén bewaarde link heeft nog geen tekst');
    let { clip } = await request(popup, 'clip/get', { dossierId: saved.dossierId, clipId: saved.clipId });
    expect(clip).toMatchObject({ toComplete: true, capture: { mode: 'bookmark', text: '' } });
    await popup.screenshot({ path: '/tmp/knipsel-shots/extension-to-complete.png' });

    await notice.getByRole('button', { name: 'Tekst aanvullen' }).click();
    await expect.poll(() => notice.innerText(), { timeout: 30_000 }).toContain('Eén link is aangevuld met de tekst van de pagina.');
    ({ clip } = await request(popup, 'clip/get', { dossierId: saved.dossierId, clipId: saved.clipId }));
    expect(clip.toComplete).toBe(false);
    expect(clip.capture.mode).toBe('article');
    expect(clip.capture.text).toContain(paragraphs[2]);
    expect(clip.capture.byline).toBe('Fatima el Amrani');
    // The background tab is closed again.
    expect(await worker.evaluate(async (url: string) => (await chrome.tabs.query({})).filter((t: { url?: string }) => t.url === url).length, `${base}/verhaal.html`)).toBe(0);
  });
});
