// The images of a clip, in the app's reader: the extension clips a page whose images live on
// another origin (one within the budget, one too large); the app, paired as a user does it,
// shows the kept image from its own store (it came over the bridge) and the other as a
// placeholder — reading the clip, online or offline, requests nothing from any origin but the
// app's; the side panel shows the same. Screenshots in /tmp/knipsel-shots/reader. Run after
// `npm run build`. The page and the steps are in reader-support.ts.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clipBankje, imageHits, openReader, readerSuite, shot, shots, title } from './reader-support.js';

const { s, request, requested, others } = readerSuite();
/** The page's images are on another origin (localhost, not 127.0.0.1): a CDN. */
const imageBase = () => s.fixtureBase.replace('127.0.0.1', 'localhost');
let reader: Page;
let dossierId = '';
let clipId = '';
const clipHtml = () => reader.getByTestId('clip-html');

describe('reading a clip', () => {
  it('the extension keeps the images that fit; the app shows them from its own store and contacts no other origin, also offline', async () => {
    ({ dossierId, clipId } = await clipBankje(s));
    const stored = (await request<{ clip: { capture: { html: string; images?: { url: string }[] } } }>('clip/get', { dossierId, clipId })).clip.capture;
    // Kept by hash: the small image; the one over 1.5 MB keeps its address.
    expect(stored.images?.map((i) => i.url)).toEqual([`${imageBase()}/beeld/bankje.png`]);
    expect(stored.html).toMatch(/src="https:\/\/knipsel\.invalid\/beeld\/[0-9a-f]{64}"/);
    expect(stored.html).toContain(`${imageBase()}/beeld/kaart.jpg`);
    const hitsAfterClipping = imageHits.length;

    reader = await openReader(s, dossierId, clipId, requested);
    // The extension's first personal dossier may have become the app's (same clip id): follow it.
    dossierId = decodeURIComponent(/#\/d\/([^/]+)\//.exec(reader.url())![1]);
    await expect
      .poll(
        () =>
          request('clip/get', { dossierId, clipId }).then(
            () => true,
            () => false,
          ),
        { timeout: 15_000 },
      )
      .toBe(true);
    // The image came from the extension over the bridge into the app's own store.
    await clipHtml().locator('img[src^="blob:"]').waitFor({ timeout: 20_000 });
    expect(await clipHtml().locator('img').getAttribute('alt')).toBe('Buren op het bankje voor de deur');
    expect(
      await clipHtml()
        .locator('img')
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
    ).toBe(48);
    const placeholder = clipHtml().locator('[data-image-placeholder]');
    expect(await placeholder.innerText()).toBe('Kaart van de wijk Overvecht');
    expect(await placeholder.getAttribute('href')).toBe(`${imageBase()}/beeld/kaart.jpg`);
    expect(others()).toEqual([]);
    expect(imageHits.length).toBe(hitsAfterClipping);

    // Offline: the same, from the service worker's precache and the kept-file store.
    await reader.evaluate(() => navigator.serviceWorker.ready);
    await s.session.context.setOffline(true);
    try {
      await reader.reload();
      await reader.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 20_000 });
      await clipHtml().locator('img[src^="blob:"]').waitFor();
      expect(
        await clipHtml()
          .locator('img')
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
      ).toBe(48);
    } finally {
      await s.session.context.setOffline(false);
    }
    expect(others()).toEqual([]);
    expect(imageHits.length).toBe(hitsAfterClipping);
    await shot(reader, 'reader-images-desktop');
    await reader.setViewportSize({ width: 390, height: 844 });
    await shot(reader, 'reader-images-phone');
    expect(await reader.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await reader.setViewportSize({ width: 1280, height: 800 });

    // The side panel shows the clip's content the same way.
    const side = await s.session.openExtensionPage(`sidepanel.html?dossier=${encodeURIComponent(dossierId)}&clip=${encodeURIComponent(clipId)}`);
    const sideRequests: string[] = [];
    side.on('request', (r) => sideRequests.push(r.url()));
    await side.locator('details.content summary').click();
    await side.locator('.html img[src^="blob:"]').waitFor();
    expect(await side.locator('.html [data-image-placeholder]').innerText()).toBe('Kaart van de wijk Overvecht');
    expect(sideRequests.filter((url) => /^https?:/.test(url))).toEqual([]);
    await side.close();
  }, 120_000);
});
