// Sharing from a phone to the installed app (Web Share Target), at phone size (390 × 844): the
// manifest names the target; a page shared as the browser sends it (a multipart POST, handled
// by the service worker, with the network off) becomes a link clip marked "Aan te vullen" at
// once; a photo with a few words becomes own practice with the photo attached and a note. Built app on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { repoRoot } from '../support/browser.js';
import { appForFile, controlledByServiceWorker, seriousViolations, shot } from '../support/app.js';
import { postShare, type FileInPage } from '../support/in-page.js';

const app = appForFile({ viewport: { width: 390, height: 844 }, timeout: 15_000 });
let page: Page;
beforeAll(() => {
  page = app.page;
});

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** Share from a blank page, as the share sheet does (see `postShare`). */
async function share(fields: Record<string, string>, photo?: FileInPage): Promise<void> {
  await page.goto('about:blank');
  await page.evaluate(postShare, { action: `${app.server.url}/gedeeld`, fields, photo });
}

describe('sharing to the installed app', () => {
  test('the manifest makes the app a share target for pages, text and photos', async () => {
    expect(await controlledByServiceWorker(page, app.server.url)).toBe(true);
    const manifest = await (await fetch(`${app.server.url}/manifest.webmanifest`)).json();
    expect(manifest.share_target).toEqual({
      action: '/gedeeld',
      method: 'POST',
      enctype: 'multipart/form-data',
      params: { title: 'title', text: 'text', url: 'url', files: [{ name: 'photos', accept: ['image/*'] }] },
    });
    const cdp = await app.context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    expect(installabilityErrors).toEqual([]);
  });

  test('a page shared offline is a link clip at once, marked to complete', async () => {
    await app.context.setOffline(true);
    // Android puts the address in the text; the title is the page's.
    await share({ title: 'Buurtkracht in Noord', text: '“Bewoners aan zet in de speeltuin” https://www.buurtkracht.example.nl/noord', url: '' });
    await heading('Buurtkracht in Noord').waitFor();
    expect(page.url()).toMatch(/#\/d\/[^/]+\/clip\/[^/]+$/);
    expect(await page.getByTestId('to-complete-notice').innerText()).toMatch(/^Aan te vullen\. Alleen de link is bewaard/);
    expect(await page.getByRole('link', { name: /Naar de bron/ }).getAttribute('href')).toBe('https://www.buurtkracht.example.nl/noord');
    expect(await page.locator('.content').innerText()).toContain('“Bewoners aan zet in de speeltuin”');
    await shot(page, 'share-link-phone');
    expect(await seriousViolations(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: 'Terug naar de knipsels' }).click();
    await heading('Knipsels').waitFor();
    const item = page.locator('.clips > li', { hasText: 'Buurtkracht in Noord' });
    expect(await item.getByTestId('to-complete').innerText()).toBe('Aan te vullen');
    await shot(page, 'share-list-phone');
    await app.context.setOffline(false);
  });

  test('a shared photo with a few words is own practice with the photo attached and a note', async () => {
    const photo = readFileSync(join(repoRoot, 'pwa/public/icons/icon-192.png')).toString('base64');
    await share({ title: '', text: 'Muur met gele briefjes na de bewonersavond in de Vogelwijk.', url: '' }, { name: 'briefjes.png', base64: photo, type: 'image/png' });
    await heading(/^Foto van \d+ \w+ \d{4}$/).waitFor();
    // The photo is an attachment of a piece of own practice, its bytes on this device.
    await page.locator('.kind-line').getByText('Eigen praktijk').waitFor();
    const image = page.getByRole('link', { name: '‘briefjes.png’ openen' }).locator('img');
    await image.waitFor();
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(192);
    expect(await page.getByLabel('Je reflectie op dit knipsel').inputValue()).toBe('Muur met gele briefjes na de bewonersavond in de Vogelwijk.');
    expect(await page.getByTestId('to-complete-notice').count()).toBe(0);
    // The situation is dated the day it was shared, and the clip was added, not retrieved.
    const today = await page.evaluate(() => new Date().toLocaleDateString('sv'));
    expect(await page.getByLabel('Datum', { exact: true }).inputValue()).toBe(today);
    await page.getByText('Toegevoegd op', { exact: true }).waitFor();
    await shot(page, 'share-photo-phone');
    expect(app.errors).toEqual([]);
  });
});
