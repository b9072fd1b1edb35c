// The extension ↔ web app bridge, pairing: registered only for the configured app origin, a
// first clip made before pairing that opens in the app once paired in the popup, the app's
// "verbinden…" while the extension wakes up slowly, the loopback twin address that gets
// nothing until paired itself, unpairing from either side and pairing again in the options.
// Setup in tests/support/extension-app-suite.ts.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { askToPair, confirmInExtension, pairExtension } from '../support/pairing.js';
import { extensionAppSuite } from '../support/extension-app-suite.js';
import { plainArticle } from './extension-pages.js';

// Extension APIs inside worker/page evaluate callbacks (run in the browser, not in Node).
declare const chrome: any;

const shots = process.env.KNIPSEL_SHOTS ?? '/tmp/knipsel-shots/bridge';
const s = extensionAppSuite(shots, { '/voor.html': () => plainArticle('Geknipt voordat de app er was') });
const { request, popupFor, clipWithPopup } = s;
let appPage: Page | null = null;
let dossierId = '';

describe('extension ↔ web app bridge: pairing', () => {
  it('registers the bridge only on the configured app origin', async () => {
    const matches: string[] = await s.worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts({ ids: ['knipsel-bridge'] }))[0]?.matches ?? []);
    const port = new URL(s.app.url).port;
    expect(matches.sort()).toEqual([`http://127.0.0.1:${port}/*`, `http://localhost:${port}/*`]);
  });

  it('first run: the first clip opens from “Open in Knipsel” once the extension is paired in its popup', async () => {
    // A fresh profile: the app's address is set, nothing is paired; the first clip goes into the extension's own dossier.
    const { popup } = await clipWithPopup('/voor.html');
    const first = await request<{ defaultId: string }>('dossiers/list', {});
    const [opened] = await Promise.all([s.session.context.waitForEvent('page'), popup.getByRole('button', { name: 'Open in Knipsel' }).click()]);
    await popup.close();
    appPage = opened;
    await appPage.setViewportSize({ width: 1280, height: 800 });
    await appPage.waitForLoadState();
    expect(decodeURIComponent(appPage.url())).toContain(`#/d/${first.defaultId}/clip/`);
    const clipId = decodeURIComponent(/\/clip\/([^/?]+)/.exec(appPage.url())![1]);

    // Not paired: the app offers pairing and says how the clip will get here; the extension gave it nothing.
    await appPage.getByTestId('extension-status').and(appPage.locator('[data-state="unpaired"]')).waitFor({ timeout: 20_000 });
    await appPage.getByTestId('missing-extension-hint').waitFor();
    expect((await request<{ dossiers: { id: string }[] }>('dossiers/list', {})).dossiers.map((d) => d.id)).toEqual([first.defaultId]);
    await appPage.screenshot({ path: join(shots, 'app-unpaired-desktop.png') });
    await appPage.setViewportSize({ width: 390, height: 844 });
    await appPage.screenshot({ path: join(shots, 'app-unpaired-phone.png') });
    await appPage.setViewportSize({ width: 1280, height: 800 });

    const code = await askToPair(appPage);
    expect(code).toMatch(/^\d{3} \d{3}$/);
    await appPage.screenshot({ path: join(shots, 'app-pairing-code-desktop.png') });
    await appPage.setViewportSize({ width: 390, height: 844 });
    await appPage.screenshot({ path: join(shots, 'app-pairing-code-phone.png') });
    await appPage.setViewportSize({ width: 1280, height: 800 });
    // The extension's popup shows the same code, with the app's address; nothing is paired before the click.
    const askIn = await popupFor(appPage.url());
    const ask = askIn.getByTestId('pair-request');
    await ask.waitFor();
    expect(await ask.getByTestId('pair-code').innerText()).toBe(code);
    expect(await ask.innerText()).toContain(new URL(s.app.url).host);
    expect(await askIn.getByTestId('bridge-status').getAttribute('data-state')).toBe('unpaired');
    await askIn.screenshot({ path: join(shots, 'popup-pair-request.png') });
    await askIn.close();
    await confirmInExtension(s.session, code, 'popup', appPage).then((page) => page.screenshot({ path: join(shots, 'popup-paired.png') }).then(() => page.close()));

    // Paired: the page opened by the button lands on the clip (same clip id, now in the app's personal dossier).
    await expect.poll(() => appPage!.getByRole('heading', { level: 1 }).innerText(), { timeout: 15_000 }).toBe('Geknipt voordat de app er was');
    dossierId = decodeURIComponent(/#\/d\/([^/]+)\//.exec(appPage.url())![1]);
    expect(dossierId).not.toBe(first.defaultId);
    expect(appPage.url()).toContain(`/clip/${encodeURIComponent(clipId)}`);
    await expect.poll(() => request<{ defaultId: string }>('dossiers/list', {}).then((r) => r.defaultId), { timeout: 10_000 }).toBe(dossierId);
    // One dossier on one machine: the extension's own first personal dossier is gone (its clips moved).
    await expect.poll(() => request<{ dossiers: { id: string }[] }>('dossiers/list', {}).then((r) => r.dossiers.map((d) => d.id)), { timeout: 10_000 }).toEqual([dossierId]);
    // "Open in Knipsel" of that first clip, asked again later, goes straight to the linked dossier.
    expect((await request<{ appUrl: string }>('clip/get', { dossierId, clipId })).appUrl).toContain(`#/d/${encodeURIComponent(dossierId)}/clip/`);
  });

  it('says “verbinden…” and never “Geen extensie gevonden” while the extension wakes up slowly', async () => {
    // A slow worker start: the background answers new app tabs only after several seconds.
    await s.worker.evaluate(() => (globalThis as any).knipsel.holdBridge(6_000));
    const page = await s.session.context.newPage();
    // Every state the status line shows, from the first paint on.
    await page.addInitScript(() => {
      const seen: (string | null)[] = [];
      (window as unknown as { seenStates: (string | null)[] }).seenStates = seen;
      new MutationObserver(() => {
        const state = document.querySelector('[data-testid="extension-status"]')?.getAttribute('data-state') ?? null;
        if (state !== seen.at(-1)) seen.push(state);
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${s.app.url}/`);
    const status = page.getByTestId('extension-status');
    await status.and(page.locator('[data-state="connecting"]')).waitFor({ timeout: 10_000 });
    expect(await status.innerText()).toBe('Verbinden met de extensie…');
    await page.screenshot({ path: join(shots, 'app-connecting-desktop.png') });
    await status.and(page.locator('[data-state="connected"]')).waitFor({ timeout: 30_000 });
    const seen = await page.evaluate(() => (window as unknown as { seenStates: (string | null)[] }).seenStates);
    expect(seen).not.toContain('absent');
    expect(seen.filter((state) => state !== null)).toEqual(['connecting', 'connected']);
    await page.close();
  });

  it('gives the app on the loopback twin address nothing until it is paired there itself', async () => {
    const before = await request('dossiers/list', {});
    const twinUrl = s.app.url.replace('127.0.0.1', 'localhost');
    const twin = await s.session.context.newPage();
    await twin.setViewportSize({ width: 1280, height: 800 });
    await twin.goto(`${twinUrl}/`);
    // Reachable (the extension answers there) but not paired: no dossier of the extension arrives.
    await twin.getByTestId('extension-status').and(twin.locator('[data-state="unpaired"]')).waitFor({ timeout: 20_000 });
    await twin.waitForURL(/#\/d\/[^/]+\/list/);
    expect(decodeURIComponent(/#\/d\/([^/]+)\//.exec(twin.url())![1])).not.toBe(dossierId);
    await twin.goto(`${twinUrl}/#/`);
    await twin.getByRole('heading', { level: 1, name: 'Je dossiers' }).waitFor();
    expect(await twin.locator('.dossiers h2').allInnerTexts()).toEqual(['Mijn leerdossier']);
    expect(await request('dossiers/list', {})).toEqual(before);
    await twin.close();
  });

  it('unpairs from the app and from the extension; pairs again in the options', async () => {
    const page = appPage!;
    await page.goto(`${s.app.url}/#/d/${encodeURIComponent(dossierId)}/list`);
    const status = page.getByTestId('extension-status');
    await status.and(page.locator('[data-state="connected"]')).waitFor({ timeout: 20_000 });
    await status.locator('summary').click();
    await status.getByRole('button', { name: 'Ontkoppelen' }).click();
    await status.and(page.locator('[data-state="unpaired"]')).waitFor({ timeout: 10_000 });
    const options = await s.session.openExtensionPage('options.html');
    await options.getByTestId('no-pairs').waitFor();

    // Pair again, confirmed in the options this time.
    const { confirmedIn } = await pairExtension(s.session, page, 'options');
    await confirmedIn.getByTestId('pair').waitFor();
    expect(await confirmedIn.getByTestId('pair').innerText()).toContain(`Gekoppeld met ${s.app.url}`);
    await confirmedIn.screenshot({ path: join(shots, 'options-paired.png'), fullPage: true });
    await confirmedIn.close();

    // Unpair in the options: the open app hears it and offers pairing again.
    await options.reload();
    await options.getByTestId('pair').getByRole('button', { name: 'Ontkoppelen' }).click();
    await options.getByTestId('no-pairs').waitFor();
    await status.and(page.locator('[data-state="unpaired"]')).waitFor({ timeout: 10_000 });
    await options.close();
    await pairExtension(s.session, page, 'popup').then(({ confirmedIn: popup }) => popup.close());
  });
});
